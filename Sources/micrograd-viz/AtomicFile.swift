#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file all at once: into a temporary file in the same directory, then renamed over
/// the destination. An interrupted or failed write leaves no partial file; SIGINT and SIGTERM
/// remove the temporary file before the process ends.
enum AtomicFile {
    /// Fails early, before any work, when `path` cannot be a file we write: empty, a
    /// directory, or in a directory that does not exist or is not writable.
    static func checkWritable(_ path: String) throws {
        guard !path.isEmpty else { throw ToolError.cannotWrite("--out needs a file name") }
        if System.isDirectory(path) {
            throw ToolError.cannotWrite("cannot write '\(path)': it is a directory")
        }
        let directory = Path.directory(of: path)
        guard System.isDirectory(directory) else {
            throw ToolError.cannotWrite("cannot write '\(path)': directory '\(directory)' does not exist")
        }
        guard access(directory, W_OK) == 0 else {
            throw ToolError.cannotWrite("cannot write '\(path)': directory '\(directory)' is not writable")
        }
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try checkWritable(path)
        let temporary = Path.directory(of: path) + "/." + Path.fileName(of: path) + ".\(getpid()).tmp"
        // Registered before the file exists, so that no signal can come between its creation and its registration.
        PendingFile.set(temporary)
        defer { PendingFile.clear() }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else {
            throw ToolError.cannotWrite("cannot write '\(path)': \(String(cString: strerror(errno)))")
        }
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 { if errno == EINTR { continue }; failure = errno; return }
                offset += n
            }
        }
        if failure == 0, fsync(fd) != 0 { failure = errno }
        if close(fd) != 0, failure == 0 { failure = errno }
        if failure == 0, rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw ToolError.cannotWrite("cannot write '\(path)': \(String(cString: strerror(failure)))")
        }
    }
}

/// The temporary file being written, as a C string a signal handler can unlink.
private enum PendingFile {
    nonisolated(unsafe) static var path: UnsafeMutablePointer<CChar>?

    static func set(_ temporary: String) {
        path = strdup(temporary)
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            Glibc.signal(signal) { number in
                if let p = PendingFile.path { unlink(p) }
                Glibc.signal(number, SIG_DFL)
                raise(number)
            }
        }
    }

    static func clear() {
        let old = path
        path = nil
        free(old)
    }
}
