import ArgumentParser
import GraphRender
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `--max-input SIZE`, and reading a program or DOT text from a file or stdin under it: at most
/// that many bytes (an endless `/dev/zero` is refused at the cap), and UTF-8 checked chunk by
/// chunk, so that invalid text is refused as soon as it is seen.
struct InputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The most input read from a file or stdin, e.g. 256M (default 64M).", valueName: "size"),
            transform: ByteCount.parse)
    var maxInput = 64 << 20

    /// All of stdin as text; `what` names it in errors ("program", "DOT").
    func standardInput(what: String) throws -> String {
        try read(STDIN_FILENO, shownAs: "the \(what) on stdin", reading: "the \(what) from stdin")
    }

    /// All of the file at `path` as text.
    func file(_ path: String) throws -> String {
        if System.isDirectory(path) { throw ToolError.cannotRead("cannot read '\(path)': it is a directory") }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ToolError.cannotRead("cannot read '\(path)': no such file or not readable") }
        defer { close(fd) }
        return try read(fd, shownAs: "'\(path)'", reading: "'\(path)'")
    }

    private func read(_ fd: Int32, shownAs name: String, reading: String) throws -> String {
        var bytes: [UInt8] = []
        var validator = UTF8Validator()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ToolError.cannotRead("cannot read \(reading): \(System.errorText(errno))")
            }
            if n == 0 { break }
            guard bytes.count + n <= maxInput else {
                throw ToolError.badInput("\(name) is larger than \(RenderBudget.bytes(maxInput)), the input limit (--max-input raises it)")
            }
            guard validator.accept(chunk[..<n]) else { throw ToolError.badInput("\(name) is not UTF-8 text") }
            bytes += chunk[..<n]
        }
        guard validator.isComplete else { throw ToolError.badInput("\(name) is not UTF-8 text (it ends inside a character)") }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Checks UTF-8 as it comes, chunk by chunk (with the standard library's validation); a character
/// split between chunks is carried over to the next.
struct UTF8Validator {
    /// The start of a character the last chunk ended inside.
    private var pending: [UInt8] = []

    /// Whether `chunk` continues valid UTF-8.
    mutating func accept(_ chunk: ArraySlice<UInt8>) -> Bool {
        let data = pending + chunk
        var lead = data.count - 1
        while lead > 0, data.count - lead < 4, data[lead] & 0xC0 == 0x80 { lead -= 1 }
        var cut = data.count
        if lead >= 0 {
            let byte = data[lead]
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            if lead + length > data.count { cut = lead }
        }
        pending = Array(data[cut...])
        return String(validating: data[..<cut], as: UTF8.self) != nil
    }

    /// Whether the text so far ends between characters.
    var isComplete: Bool { pending.isEmpty }
}
