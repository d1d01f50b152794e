import Foundation
import Testing

@Suite("Training sessions over the wire: the same numbers as train, a client that goes away frees its session")
struct TrainingProcessTests {
    /// `POST path` with a JSON body: the response's body.
    static func post(_ path: String, _ json: String, port: Int) throws -> String {
        let response = try HTTP.exchange("POST \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Type: application/json\r\n"
                                         + "Content-Length: \(json.utf8.count)\r\nConnection: close\r\n\r\n" + json, port: port)
        return String(response[(response.range(of: "\r\n\r\n")?.upperBound ?? response.endIndex)...])
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("a session stepped over HTTP and train with the same flags: the same losses, bit for bit", arguments: [
        ("{\"preset\": \"karpathy-demo\"}", ["--preset", "karpathy-demo"]),
        ("{\"arch\": \"2,6,6,1\", \"dataset\": \"moons:40\", \"loss\": \"mse\", \"lr\": 0.2, \"lrDecay\": 0.1, \"steps\": 12, \"seed\": 7}",
         ["--arch", "2,6,6,1", "--dataset", "moons:40", "--loss", "mse", "--lr", "0.2", "--lr-decay", "0.1", "--steps", "12", "--seed", "7"]),
        ("{}", []),
    ])
    func sameAsTrain(body: String, flags: [String]) throws {
        let server = try Server(["--port", "0"])
        defer { _ = server.stop(signal: SIGTERM) }
        let start = try Self.object(try Self.post("/api/train", body, port: server.port))
        let session = try #require(start["session"] as? String)
        let steps = try #require(start["steps"] as? Int)
        var losses: [Double] = []
        for _ in 0..<steps {
            losses += TrainingTests.exact(try Self.post("/api/train/control", "{\"session\": \"\(session)\", \"action\": \"step\"}", port: server.port), "loss")
        }
        let cli = try TrainingProcessTests.train(flags + ["--json"])
        #expect(losses.count == steps && losses == cli)
    }

    /// `micrograd-viz train … --json`'s losses, read exactly.
    static func train(_ arguments: [String]) throws -> [Double] {
        let process = Process(), output = Pipe()
        process.executableURL = Server.executable
        process.arguments = ["train"] + arguments
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return TrainingTests.exact(String(decoding: data, as: UTF8.self), "losses")
    }

    @Test("a client that closes its event stream frees its session at once (no wait for a timeout)")
    func disconnect() throws {
        let server = try Server(["--port", "0"])
        defer { _ = server.stop(signal: SIGTERM) }
        let session = try #require(try Self.object(try Self.post("/api/train", "{\"preset\": \"karpathy-demo\"}", port: server.port))["session"] as? String)
        let fd = try HTTP.connected(port: server.port)
        let request = "GET /api/train/events?session=\(session) HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\n\r\n"
        _ = Array(request.utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        var chunk = [UInt8](repeating: 0, count: 4096)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        #expect(String(decoding: chunk[..<max(n, 0)], as: UTF8.self).contains("text/event-stream"))
        _ = try Self.post("/api/train/control", "{\"session\": \"\(session)\", \"action\": \"play\"}", port: server.port)
        #expect(try HTTP.get("/api/train", port: server.port, host: "127.0.0.1:\(server.port)").hasSuffix("{\"sessions\": 1, \"limit\": 16}\n"))
        close(fd)
        // The next write (a frame while playing, or a keep-alive while paused) fails and ends the session.
        var freed = false
        for _ in 0..<200 where !freed {
            usleep(10_000)
            freed = try HTTP.get("/api/train", port: server.port, host: "127.0.0.1:\(server.port)").hasSuffix("{\"sessions\": 0, \"limit\": 16}\n")
        }
        #expect(freed)
    }
}
