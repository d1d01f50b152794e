import Foundation
import Testing
@testable import GraphRender
import Micrograd

@Suite("JSONWriter: the contract for scripts")
struct JSONWriterTests {
    struct Document: Decodable {
        struct Node: Decodable { let id: Int; let label: String; let op: String; let data: Double; let grad: Double; let children: [Int] }
        let root: Int
        let nodes: [Node]
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(T.self, from: Data(text.utf8))
    }

    @Test("the warm-up: ids in creation order, children in operand order, exact doubles")
    func warmUp() throws {
        let g = Graph()
        let L = LabGraphs.warmUp(g)
        L.backward()
        let doc = try Self.decode(Document.self, JSONWriter.json(Snapshot(of: L)))
        #expect(doc.root == 6)
        #expect(doc.nodes.map(\.id) == Array(0...6))
        #expect(doc.nodes.map(\.label) == ["a", "b", "c", "f", "e", "d", "L"])
        #expect(doc.nodes[4].op == "*" && doc.nodes[4].children == [0, 1])
        #expect(doc.nodes.map(\.grad) == [6, -4, -2, 4, -2, -2, 1])
    }

    @Test("doubles round-trip exactly; a*a lists its operand twice; non-finite as strings")
    func exactness() throws {
        let g = Graph()
        let x = g.leaf(0.1 + 0.2, label: "x")
        let y = x * x + g.leaf(-1).log()
        y.backward()
        let text = JSONWriter.json(Snapshot(of: y))
        #expect(text.contains("\"data\": \"nan\""))
        let doc = try Self.decode(Document.self, text)
        #expect(doc.nodes[0].data == 0.1 + 0.2)
        #expect(doc.nodes[0].grad == 2 * (0.1 + 0.2))
        #expect(doc.nodes[1].children == [0, 0])
    }

    @Test("labels with quotes, backslashes and control characters stay valid JSON")
    func escaping() throws {
        let g = Graph()
        let label = "q\"b\\n\nt\t\u{1}é"
        let doc = try Self.decode(Document.self, JSONWriter.json(Snapshot(of: g.leaf(1, label: label))))
        #expect(doc.nodes[0].label == label)
    }

    @Test("both stages: forward has zero grads, backward the lab's")
    func bothStages() throws {
        struct Both: Decodable { let forward: Document; let backward: Document }
        let g = Graph()
        let L = LabGraphs.warmUp(g)
        let rendering = try Picture.draw([L], PictureRequest(stage: .both, format: .json))
        let both = try Self.decode(Both.self, String(decoding: rendering.bytes, as: UTF8.self))
        #expect(both.forward.nodes.allSatisfy { $0.grad == 0 })
        #expect(both.backward.nodes.map(\.grad) == [6, -4, -2, 4, -2, -2, 1])
    }
}
