import Foundation
import Testing

@Suite("micrograd-viz serve, as a user runs it: the first line, Host over the wire, signals, bad hosts and ports")
struct ServeTests {
    @Test("the first stderr line names the address; a foreign Host gets 403 over the wire; SIGTERM exits 0 within 2 s")
    func serveAndStop() throws {
        let server = try Server(["--port", "0"])
        #expect(server.firstLine.hasPrefix("serving on http://127.0.0.1:") && server.firstLine.hasSuffix("/"))
        let ok = try HTTP.get("/healthz", port: server.port, host: "127.0.0.1:\(server.port)")
        #expect(ok.hasPrefix("HTTP/1.1 200 OK") && ok.hasSuffix("{\"status\": \"ok\"}\n"))
        #expect(try HTTP.get("/healthz", port: server.port, host: "localhost:\(server.port)").hasPrefix("HTTP/1.1 200"))
        let rebound = try HTTP.get("/", port: server.port, host: "rebound.evil.example:\(server.port)")
        #expect(rebound.hasPrefix("HTTP/1.1 403 Forbidden"))
        #expect(rebound.contains("{\"error\": \"the Host header must name this server"))
        let (status, seconds) = server.stop(signal: SIGTERM)
        #expect(status == 0 && seconds < 2, "status \(status) after \(seconds) s")
    }

    @Test("SIGINT stops it too, with status 0")
    func interrupt() throws {
        let server = try Server(["--port", "0"])
        #expect(server.stop(signal: SIGINT).status == 0)
    }

    @Test("--host 0.0.0.0 prints a warning after the first line")
    func everyAddress() throws {
        let server = try Server(["--host", "0.0.0.0", "--port", "0"])
        #expect(server.firstLine.hasPrefix("serving on http://0.0.0.0:"))
        #expect(server.nextLine().hasPrefix("micrograd-viz: warning: listening on every address"))
        #expect(server.stop(signal: SIGTERM).status == 0)
    }

    @Test("a port in use: one line, status 69")
    func portInUse() throws {
        let server = try Server(["--port", "0"])
        defer { _ = server.stop(signal: SIGTERM) }
        let second = try Server.run(["--port", "\(server.port)"])
        #expect(second.status == 69)
        #expect(second.stderr == "micrograd-viz: error: port \(server.port) on 127.0.0.1 is in use\n")
    }

    @Test("--max-sessions sets the cap: GET /api/train reports it (16 without the flag)")
    func maxSessions() throws {
        for (arguments, limit) in [(["--max-sessions", "3"], 3), ([], 16)] {
            let server = try Server(["--port", "0"] + arguments)
            let answer = try HTTP.get("/api/train", port: server.port, host: "127.0.0.1:\(server.port)")
            #expect(answer.hasSuffix("{\"sessions\": 0, \"limit\": \(limit)}\n"), "\(answer)")
            #expect(server.stop(signal: SIGTERM).status == 0)
        }
    }

    @Test("a bad host or port: one line, status 64", arguments: [
        (["--host", "example.com"], "--host 'example.com' is not an IP address (or localhost)"),
        (["--host", "203.0.113.7"], "cannot listen on 203.0.113.7: not an address of this machine"),
        (["--port", "70000"], "--port must be between 0 and 65535, not 70000"),
        (["--max-sessions", "0"], "--max-sessions must be positive, not 0"),
        (["--max-sessions=-2"], "--max-sessions must be positive, not -2"),
    ])
    func badHost(arguments: [String], message: String) throws {
        let result = try Server.run(arguments + (arguments.contains("--port") ? [] : ["--port", "0"]))
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("micrograd-viz: error: \(message)") && result.stderr.filter { $0 == "\n" }.count == 1, "\(result.stderr)")
    }
}

/// A `micrograd-viz serve` process, started and read by a test.
final class Server {
    let process = Process()
    private let errors = Pipe()
    private var buffered = Data()
    /// The first line it wrote on stderr, and the port it names.
    private(set) var firstLine = ""
    private(set) var port = 0

    static let executable: URL = {
        let bundle = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        return bundle.deletingLastPathComponent().appendingPathComponent("micrograd-viz")
    }()

    init(_ arguments: [String]) throws {
        process.executableURL = Self.executable
        process.arguments = ["serve"] + arguments
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        firstLine = nextLine()
        port = Int(firstLine.split(separator: ":").last?.dropLast() ?? "") ?? 0
    }

    /// The next line on stderr (empty at its end).
    func nextLine() -> String {
        while !buffered.contains(UInt8(ascii: "\n")) {
            let more = errors.fileHandleForReading.availableData
            if more.isEmpty { break }
            buffered += more
        }
        let end = buffered.firstIndex(of: UInt8(ascii: "\n")) ?? buffered.endIndex
        let line = String(decoding: buffered[..<end], as: UTF8.self)
        buffered = Data(buffered[(end < buffered.endIndex ? end + 1 : end)...])
        return line
    }

    /// Sends `signal` and waits for the exit: the status and the seconds it took.
    func stop(signal: Int32) -> (status: Int32, seconds: Double) {
        let start = Date()
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        return (process.terminationStatus, Date().timeIntervalSince(start))
    }

    /// Runs `serve` with these arguments to its end (for the ones that must fail at once).
    static func run(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let process = Process(), errors = Pipe()
        process.executableURL = executable
        process.arguments = ["serve"] + arguments
        process.standardError = errors
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }
}

/// HTTP/1.1 over a plain socket, so that the test chooses every header (Host included).
enum HTTP {
    /// The whole response to `GET path` with this Host header.
    static func get(_ path: String, port: Int, host: String) throws -> String {
        try exchange("GET \(path) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n", port: port)
    }

    /// The whole response to a request's bytes.
    static func exchange(_ request: String, port: Int) throws -> String {
        let fd = try connected(port: port)
        defer { close(fd) }
        _ = Array(request.utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        var response = [UInt8](), chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            response += chunk[..<n]
        }
        return String(decoding: response, as: UTF8.self)
    }

    /// A socket connected to the port on 127.0.0.1 (the caller closes it).
    static func connected(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw POSIXError(.ECONNREFUSED)
        }
        return fd
    }
}
