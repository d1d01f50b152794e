#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few operating-system services the tool needs, straight from the C library: Foundation
/// would add several milliseconds of start-up (and its ICU tables) to every run.
enum System {
    /// Writes all of `bytes` to a file descriptor; false if it could not.
    @discardableResult
    static func write(_ bytes: [UInt8], to fd: Int32) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
    }

    /// Writes text to stdout; a write error (`> /dev/full`, a closed stdout) is status 73.
    static func standardOutput(_ text: String) throws { try standardOutput(Array(text.utf8)) }

    /// Writes bytes to stdout; a write error (`> /dev/full`, a closed stdout) is status 73.
    static func standardOutput(_ bytes: [UInt8]) throws {
        guard write(bytes, to: STDOUT_FILENO) else {
            throw ToolError.cannotWrite("cannot write to stdout: \(errorText(errno))")
        }
    }

    /// Writes text to stderr.
    static func standardError(_ text: String) { write(Array(text.utf8), to: STDERR_FILENO) }

    /// Whether `path` names a directory.
    static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }

    /// The text of the last C library error, e.g. "No such file or directory".
    static func errorText(_ code: Int32) -> String { String(cString: strerror(code)) }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    func trimmed() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

/// Paths as the user wrote them.
enum Path {
    /// The directory a path names its file in (`.` for a bare name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The file name, after the last `/`.
    static func fileName(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    }

    /// The extension, after the last `.` of the file name ("" for none).
    static func fileExtension(of path: String) -> String {
        let name = fileName(of: path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...])
    }
}
