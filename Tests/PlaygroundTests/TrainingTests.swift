import Foundation
import HTTPTypes
import HummingbirdTesting
import Micrograd
import NIOCore
import Testing
@testable import Playground

@Suite("Training sessions: start, step, play and pause, reset, points, the stream, the cap, bad settings")
struct TrainingTests {
    /// Starts a session of `body`'s settings: the start answer.
    static func start(_ client: any TestClientProtocol, _ body: [String: Any]) async throws -> [String: Any] {
        try await client.execute(uri: "/api/train", method: .post, body: Client.json(body)) { response in
            #expect(response.status == .ok, "\(Client.text(response))")
            return try Client.object(response)
        }
    }

    /// A control request's frame.
    static func control(_ client: any TestClientProtocol, _ session: String, _ action: String,
                        _ extra: [String: Any] = [:]) async throws -> [String: Any] {
        var body = extra
        body["session"] = session
        body["action"] = action
        return try await client.execute(uri: "/api/train/control", method: .post, body: Client.json(body)) { response in
            #expect(response.status == .ok, "\(action): \(Client.text(response))")
            return try Client.object(response)
        }
    }

    /// The numbers of a JSON text's field `name` (a number, or arrays of them), read exactly
    /// (Foundation's JSON reader on Linux may round the last bit).
    static func exact(_ text: String, _ name: String) -> [Double] {
        guard let start = text.range(of: "\"\(name)\": ") else { return [] }
        var depth = 0, end = start.upperBound
        for c in text[start.upperBound...] {
            if c == "[" { depth += 1 } else if c == "]" { depth -= 1 }
            if depth < 0 || (depth == 0 && (c == "," || c == "}")) { break }
            end = text.index(after: end)
        }
        return text[start.upperBound..<end].split { "[], ".contains($0) }.compactMap { Double($0) }
    }

    /// A control request's JSON text.
    static func controlText(_ client: any TestClientProtocol, _ session: String, _ action: String) async throws -> String {
        try await client.execute(uri: "/api/train/control", method: .post,
                                 body: Client.json(["session": session, "action": action])) { Client.text($0) }
    }

    static func losses(_ client: any TestClientProtocol, _ session: String, steps: Int) async throws -> [Double] {
        var losses: [Double] = []
        for _ in 0..<steps { losses += exact(try await controlText(client, session, "step"), "loss") }
        return losses
    }

    @Test("start: the sample graph's SVG, the parameters' labels, the grid and the first frame (no step yet)")
    func startSession() async throws {
        try await Client.test { client in
            let answer = try await Self.start(client, ["preset": "karpathy-demo"])
            #expect((answer["svg"] as? String)?.contains("<svg") == true)
            #expect((answer["labels"] as? [String])?.count == 337)
            #expect((answer["xs"] as? [Double])?.count == TrainingSession.gridSize)
            #expect(answer["steps"] as? Int == 100)
            let frame = try #require(answer["frame"] as? [String: Any])
            #expect(frame["step"] as? Int == 0 && frame["loss"] is NSNull)
            #expect((frame["grid"] as? String)?.count == TrainingSession.gridSize * TrainingSession.gridSize)
            #expect((frame["points"] as? [[Double]])?.count == 100)
            let boxes = try #require(frame["boxes"] as? [[String]])
            #expect(!boxes.isEmpty && boxes.allSatisfy { $0.count == 3 && $0[1].hasPrefix("data ") && $0[2].hasPrefix("grad ") })
            let svg = try #require(answer["svg"] as? String)
            #expect(boxes.allSatisfy { svg.contains("<title>\($0[0])</title>") }, "every box is a node of the picture, by name")
        }
    }

    @Test("step: micrograd's demo, step by step, has demo.ipynb's losses; the rate falls; accuracy and updates come with each")
    func steps() async throws {
        try await Client.test { client in
            let session = try #require(try await Self.start(client, ["preset": "karpathy-demo"])["session"] as? String)
            let frame = try await Self.controlText(client, session, "step")
            #expect(frame.hasPrefix("{\"step\": 1, \"steps\": 100, \"playing\": false, \"loss\": 0.8958441028683222, \"accuracy\": 0.5, \"lr\": 1.0, "))
            let parameters = Self.exact(frame, "parameters")
            #expect(parameters.count == 337 * 3)
            #expect(stride(from: 0, to: parameters.count, by: 3).allSatisfy { parameters[$0 + 2] == -1.0 * parameters[$0 + 1] })
            let second = try await Self.controlText(client, session, "step")
            #expect(Self.exact(second, "loss") == [1.723590533697202] && Self.exact(second, "lr") == [1.0 - 0.9 * 1 / 100])
        }
    }

    @Test("play and pause: the frame says so; a finished run refuses to step with 409")
    func playPause() async throws {
        try await Client.test { client in
            let session = try #require(try await Self.start(client, ["steps": 2])["session"] as? String)
            #expect(try await Self.control(client, session, "play")["playing"] as? Bool == true)
            #expect(try await Self.control(client, session, "pause")["playing"] as? Bool == false)
            _ = try await Self.losses(client, session, steps: 2)
            try await client.execute(uri: "/api/train/control", method: .post,
                                     body: Client.json(["session": session, "action": "step"])) { response in
                #expect(response.status == .conflict)
                #expect(Client.text(response).contains("has taken its 2 steps"))
            }
        }
    }

    @Test("reset: the same initial weights, so the same losses again")
    func reset() async throws {
        try await Client.test { client in
            let answer = try await Self.start(client, ["arch": "2,8,1", "dataset": "moons:30", "lr": 0.1])
            let session = try #require(answer["session"] as? String)
            let first = try #require(answer["frame"] as? [String: Any])
            let before = try await Self.losses(client, session, steps: 4)
            let again = try await Self.control(client, session, "reset")
            #expect(again["step"] as? Int == 0)
            #expect((again["parameters"] as? [[Double]])?.map { $0[0] } == (first["parameters"] as? [[Double]])?.map { $0[0] })
            #expect(try await Self.losses(client, session, steps: 4) == before)
        }
    }

    @Test("add and delete a point: the data changes and training goes on on it")
    func points() async throws {
        try await Client.test { client in
            let settings: [String: Any] = ["arch": "2,8,1", "dataset": "moons:20", "lr": 0.1]
            let plain = try #require(try await Self.start(client, settings)["session"] as? String)
            let edited = try #require(try await Self.start(client, settings)["session"] as? String)
            let added = try await Self.control(client, edited, "add", ["x": 0.5, "y": 3.0, "class": -1])
            #expect((added["points"] as? [[Double]])?.last == [0.5, 3.0, -1])
            let deleted = try await Self.control(client, edited, "delete", ["index": 3])
            #expect((deleted["points"] as? [[Double]])?.count == 20)
            let a = try await Self.losses(client, plain, steps: 2), b = try await Self.losses(client, edited, steps: 2)
            #expect(a != b)
            try await client.execute(uri: "/api/train/control", method: .post,
                                     body: Client.json(["session": edited, "action": "delete", "index": 99])) { response in
                #expect(response.status == .badRequest && Client.text(response).contains("there is no point 99"))
            }
        }
    }

    @Test("the event stream: frames of the controls as server-sent events; closing the session ends it and frees the place")
    func stream() async throws {
        try await Client.test { client in
            let session = try #require(try await Self.start(client, ["steps": 3])["session"] as? String)
            async let events = client.execute(uri: "/api/train/events?session=\(session)", method: .get) { response in
                (response.status, response.headers[.contentType], Client.text(response))
            }
            // The stream opens once the handler runs; steps taken before that still reach it (the outbox).
            _ = try await Self.losses(client, session, steps: 3)
            _ = try await Self.control(client, session, "close")
            let (status, type, text) = try await events
            #expect(status == .ok && type == "text/event-stream")
            let frames = text.split(separator: "\n").filter { $0.hasPrefix("data: ") }
            #expect(frames.count == 3 && frames.last?.contains("\"step\": 3") == true)
            try await client.execute(uri: "/api/train", method: .get) { response in
                #expect(Client.text(response).hasPrefix("{\"sessions\": 0,"))
            }
        }
    }

    @Test("the cap: a session beyond it gets 503 and one clear message")
    func cap() async throws {
        try await Client.test(ServeOptions(maxSessions: 2)) { client in
            _ = try await Self.start(client, [:])
            _ = try await Self.start(client, [:])
            try await client.execute(uri: "/api/train", method: .post, body: Client.json([:])) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(Client.text(response) == "{\"error\": \"2 training sessions are running, the most this server runs: close one, or try again later\", \"limit\": 2}\n")
            }
        }
    }

    @Test("bad settings: 400 and one line naming the problem", arguments: [
        (["arch": ""], "item 1 of '' ('') is not a positive whole number"),
        (["lr": "nan"], "lr must be a finite number"),
        (["dataset": "moons:1000000000"], "moons takes a number of points from 2 to 100000"),
        (["arch": "3,4,1", "dataset": "moons:50"], "dataset 'moons:50' has 2 inputs per sample but --arch '3,4,1' takes 3"),
        (["arch": "2,4,2", "dataset": "moons:50"], "training needs a network with one output"),
        (["preset": "fast"], "preset must be karpathy-demo"),
        (["sample": 4], "sample 4 is not a point of 'lab'"),
        (["speed": 0], "speed must be from 1 to 1000"),
    ] as [([String: any Sendable], String)])
    func badSettings(body: [String: any Sendable], message: String) async throws {
        try await Client.test { client in
            try await client.execute(uri: "/api/train", method: .post, body: Client.json(body)) { response in
                #expect(response.status == .badRequest)
                #expect(Client.text(response).hasPrefix("{\"error\": \"") && Client.text(response).contains(message), "\(Client.text(response))")
            }
        }
    }

    @Test("an unknown session is 404; a second stream of one session is 409; a foreign Origin is 403")
    func guards() async throws {
        try await Client.test { client in
            try await client.execute(uri: "/api/train/events?session=nope", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/train/control", method: .post, headers: [.origin: "http://evil.example"],
                                     body: Client.json(["session": "x", "action": "step"])) { response in
                #expect(response.status == .forbidden)
            }
        }
    }
}

@Suite("train --animate: the run's page")
struct TrainingAnimationTests {
    /// The lab's network and 4 samples, 2 steps.
    static func plan() throws -> Micrograd.TrainingPlan {
        var setup = TrainingSetup()
        setup.steps = 2
        return try setup.plan()
    }

    @Test("the page holds the graph of the sample asked for, not sample 0's, and names it in its title")
    func chosenSample() throws {
        let plan = try Self.plan()
        let page = try TrainingAnimation.html(plan, sample: 2)
        // The picture after the graph's title: `%N`, Graphviz's count of the graphs it has read.
        let graph = { (sample: Int) throws -> String in
            let svg = try TrainingEngine.layout(plan, sample: sample, maxNodes: 5000)
            return String(svg[try #require(svg.firstRange(of: "</title>")).upperBound...])
        }
        let (chosen, first) = (try graph(2), try graph(0))
        #expect(chosen != first)
        #expect(page.contains(chosen))
        #expect(!page.contains(first))
        #expect(page.contains("sample 2</title>"))
        #expect(try TrainingAnimation.html(plan).contains(first))
    }
}
