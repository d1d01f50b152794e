import Foundation
import Testing
@testable import GraphRender
import Micrograd

@Suite("Drawing: stages and formats through libgvc")
struct DrawingTests {
    @Test("SVG, PNG and PDF have the right structure and magic bytes", arguments: [OutputFormat.svg, .png, .pdf])
    func formats(format: OutputFormat) throws {
        let g = Graph()
        let bytes = try Drawing.draw([LabGraphs.warmUp(g)], stage: .backward, format: format).bytes
        switch format {
        case .svg:
            let svg = String(decoding: bytes, as: UTF8.self)
            #expect(svg.contains("<svg") && svg.contains("grad 6.0000"))
            #expect(svg.components(separatedBy: "class=\"node\"").count - 1 == 10 + 1, "7 values, 3 ops, the legend")
        case .png: #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        case .pdf: #expect(String(decoding: bytes.prefix(5), as: UTF8.self) == "%PDF-")
        default: Issue.record("not a rendered format")
        }
    }

    @Test("forward stage shows zero grads; backward runs backward")
    func stages() throws {
        let g = Graph()
        let L = LabGraphs.warmUp(g)
        let forward = String(decoding: try Drawing.draw([L], stage: .forward, format: .dot).bytes, as: UTF8.self)
        #expect(forward.contains("{ a | data 2.0000 | grad 0.0000 }"))
        let backward = String(decoding: try Drawing.draw([L], stage: .backward, format: .dot).bytes, as: UTF8.self)
        #expect(backward.contains("{ a | data 2.0000 | grad 6.0000 }"))
    }

    @Test("a network with several outputs draws them all; JSON lists the outputs")
    func severalOutputs() throws {
        var random = PythonRandom(seed: 1337)
        let mlp = MLP(3, [4], random: &random)
        let outputs = mlp([1, 2, 3])
        let text = String(decoding: try Drawing.draw(outputs, stage: .forward, format: .json).bytes, as: UTF8.self)
        #expect(text.contains("\"outputs\": ["))
        #expect(Snapshot(of: outputs).roots.count == 4)
    }

    @Test("format from a file extension")
    func extensions() {
        #expect(OutputFormat(fileExtension: "gv") == .dot && OutputFormat(fileExtension: "SVG") == .svg)
        #expect(OutputFormat(fileExtension: "txt") == nil)
    }
}
