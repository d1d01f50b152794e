#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file all at once, keeping the target as the user had it.
///
/// A regular file (or a name that does not exist yet) is replaced atomically: the bytes go to a
/// temporary file with a short name next to the target, which is then renamed over it, keeping
/// the old file's mode (and owner, as root); a failed or interrupted write leaves no partial file,
/// and SIGINT, SIGTERM, SIGHUP and SIGQUIT remove the temporary file. Symlinks are followed to
/// their target. Devices, FIFOs and sockets are written to directly, and `/dev/stdout`,
/// `/dev/fd/N` and `/proc/self/fd/N` name the descriptor itself.
enum AtomicFile {
    /// Where the bytes for a path go.
    enum Target {
        /// A regular file (or none yet) at this path, after symlinks, to be replaced.
        case replace(String)
        /// A device, FIFO or other non-regular file, opened and written in place.
        case direct(String)
        /// A Unix socket, connected to and written.
        case socket(String)
        /// An open file descriptor of this process.
        case descriptor(Int32)
    }

    /// Fails early, before any work, when `path` cannot be a file we write: empty, a directory,
    /// or (for a file to replace) in a directory that does not exist or is not writable.
    static func checkWritable(_ path: String) throws {
        guard !path.isEmpty else { throw ToolError.cannotWrite("--out needs a file name") }
        if System.isDirectory(path) {
            throw ToolError.cannotWrite("cannot write '\(path)': it is a directory")
        }
        switch target(of: path) {
        case .replace(let final):
            let directory = Path.directory(of: final)
            guard System.isDirectory(directory) else {
                throw ToolError.cannotWrite("cannot write '\(path)': directory '\(directory)' does not exist")
            }
            guard access(directory, W_OK) == 0 else {
                throw ToolError.cannotWrite("cannot write '\(path)': directory '\(directory)' is not writable")
            }
        case .direct(let device), .socket(let device):
            guard access(device, W_OK) == 0 else { throw failure(path, errno) }
        case .descriptor(let fd):
            guard fcntl(fd, F_GETFL) >= 0 else { throw failure(path, errno) }
        }
    }

    /// Writes `bytes` to `path` as its target asks (see the type's description).
    static func write(_ bytes: [UInt8], to path: String) throws {
        try checkWritable(path)
        switch target(of: path) {
        case .replace(let final):
            try replace(final, with: bytes, shownAs: path)
        case .direct(let device):
            let fd = open(device, O_WRONLY | O_NOCTTY | O_CLOEXEC)
            guard fd >= 0 else { throw failure(path, errno) }
            try finish(fd, System.write(bytes, to: fd), path)
        case .socket(let socketPath):
            let fd = try connect(socketPath, shownAs: path)
            try finish(fd, System.write(bytes, to: fd), path)
        case .descriptor(let fd):
            guard System.write(bytes, to: fd) else { throw failure(path, errno) }
        }
    }

    /// Where `path` leads: symlinks followed (at most 40), then what the last name is.
    static func target(of path: String) -> Target {
        var current = path
        for _ in 0..<40 {
            for prefix in ["/proc/self/fd/", "/dev/fd/"] where current.hasPrefix(prefix) {
                if let fd = Int32(current.dropFirst(prefix.count)) { return .descriptor(fd) }
            }
            if current == "/dev/stdout" { return .descriptor(STDOUT_FILENO) }
            if current == "/dev/stderr" { return .descriptor(STDERR_FILENO) }
            var status = stat()
            guard lstat(current, &status) == 0 else { return .replace(current) }
            switch status.st_mode & S_IFMT {
            case S_IFLNK:
                guard let link = readLink(current) else { return .direct(current) }
                current = link.hasPrefix("/") ? link : Path.directory(of: current) + "/" + link
            case S_IFREG:
                return .replace(current)
            case S_IFSOCK:
                return .socket(current)
            default:
                return .direct(current)
            }
        }
        return .direct(current)  // a symlink loop: opening it gives the system's own error
    }

    /// Replaces the regular file (or none) at `final` through a temporary file next to it.
    private static func replace(_ final: String, with bytes: [UInt8], shownAs path: String) throws {
        var old = stat()
        let existing = stat(final, &old) == 0
        let directory = Path.directory(of: final)
        var fd: Int32 = -1, temporary = ""
        for attempt in 0..<100 {
            // Short, so that it fits wherever the target's own name fits (a name may have 255 bytes).
            temporary = directory + "/.mgv\(getpid())-\(attempt).tmp"
            // Registered before the file exists, so that no signal can come between its creation and its registration.
            PendingFile.set(temporary)
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 || errno != EEXIST { break }
        }
        defer { PendingFile.clear() }
        guard fd >= 0 else { throw failure(path, errno) }
        var code: Int32 = 0
        if existing {
            if geteuid() == 0, fchown(fd, old.st_uid, old.st_gid) != 0 { code = errno }
            if code == 0, fchmod(fd, old.st_mode & 0o7777) != 0 { code = errno }
        }
        if code == 0, !System.write(bytes, to: fd) { code = errno }
        if code == 0, fsync(fd) != 0 { code = errno }
        if close(fd) != 0, code == 0 { code = errno }
        if code == 0, rename(temporary, final) != 0 { code = errno }
        if code != 0 {
            unlink(temporary)
            throw failure(path, code)
        }
    }

    /// Closes a descriptor written directly; throws when the write or the close failed.
    private static func finish(_ fd: Int32, _ written: Bool, _ path: String) throws {
        let code = written ? 0 : errno
        let closed = close(fd) == 0 || errno == EINTR
        if !written { throw failure(path, code) }
        if !closed { throw failure(path, errno) }
    }

    /// A stream connection to the Unix socket at `path`.
    private static func connect(_ socketPath: String, shownAs path: String) throws -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let name = Array(socketPath.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard name.count < capacity else { throw failure(path, ENAMETOOLONG) }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: name) }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw failure(path, errno) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else {
            let code = errno
            close(fd)
            throw failure(path, code)
        }
        return fd
    }

    /// The text of a symlink, or nil.
    private static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func failure(_ path: String, _ code: Int32) -> ToolError {
        ToolError.cannotWrite("cannot write '\(path)': \(System.errorText(code))")
    }
}

/// The temporary file being written, as a C string a signal handler can unlink (see `Signals`).
enum PendingFile {
    nonisolated(unsafe) private static var path: UnsafeMutablePointer<CChar>?

    /// Registers `temporary` as the file to remove if the run is interrupted.
    static func set(_ temporary: String) {
        let old = path
        path = strdup(temporary)
        free(old)
    }

    /// Forgets the temporary file (renamed or removed).
    static func clear() {
        let old = path
        path = nil
        free(old)
    }

    /// Removes the temporary file, if there is one: safe in a signal handler.
    static func remove() {
        if let p = path { unlink(p) }
    }
}
