import Foundation
import Testing
@testable import GraphRender
import Micrograd

@Suite("Picture: one pipeline from a graph or DOT text to a file")
struct PictureTests {
    static func text(_ rendering: Rendering) -> String { String(decoding: rendering.bytes, as: UTF8.self) }

    @Test("SVG, PNG and PDF have the right structure and magic bytes", arguments: [OutputFormat.svg, .png, .pdf])
    func formats(format: OutputFormat) throws {
        let g = Graph()
        let bytes = try Picture.draw([LabGraphs.warmUp(g)], PictureRequest(format: format)).bytes
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
        let forward = Self.text(try Picture.draw([L], PictureRequest(stage: .forward, format: .dot)))
        #expect(forward.contains("{ a | data 2.0000 | grad 0.0000 }"))
        let backward = Self.text(try Picture.draw([L], PictureRequest(stage: .backward, format: .dot)))
        #expect(backward.contains("{ a | data 2.0000 | grad 6.0000 }"))
    }

    @Test("drawing never changes the caller's graph, whatever its grads were", arguments: [Stage.forward, .backward, .both])
    func leavesTheGraphAlone(stage: Stage) throws {
        let g = Graph()
        let L = LabGraphs.warmUp(g)
        let untouched = Snapshot(of: L)
        _ = try Picture.draw([L], PictureRequest(stage: stage, format: .dot))
        #expect(Snapshot(of: L) == untouched, "no backward behind the caller's back")
        L.backward()
        L.backward()  // grads now twice the lab's: a picture after backward still shows the lab's
        let twice = Snapshot(of: L)
        let drawn = Self.text(try Picture.draw([L], PictureRequest(stage: stage, format: .dot)))
        #expect(Snapshot(of: L) == twice)
        #expect(drawn.contains(stage == .forward ? "grad 0.0000" : "{ a | data 2.0000 | grad 6.0000 }"))
        #expect(!drawn.contains("grad 24.0000"))
    }

    @Test("a network with several outputs draws them all; JSON lists the outputs")
    func severalOutputs() throws {
        var random = PythonRandom(seed: 1337)
        let mlp = MLP(3, [4], random: &random)
        let outputs = mlp([1, 2, 3])
        let text = Self.text(try Picture.draw(outputs, PictureRequest(stage: .forward, format: .json)))
        #expect(text.contains("\"outputs\": ["))
        #expect(Snapshot(of: outputs).roots.count == 4)
    }

    @Test("the node guard counts what Graphviz counts: a graph's picture and its DOT give one number")
    func oneCount() throws {
        var random = PythonRandom(seed: 1337)
        let mlp = MLP(3, [4, 4, 1], random: &random)
        let loss = mlp.loss(on: .lab)
        let dot = Self.text(try Picture.draw([loss], PictureRequest(format: .dot)))
        var fromGraph: PictureError?
        var fromDOT: PictureError?
        do { _ = try Picture.draw([loss], PictureRequest(format: .svg, nodeLimit: 100)) } catch { fromGraph = error }
        do { _ = try Picture.draw(dot: dot, PictureRequest(format: .svg, nodeLimit: 100)) } catch { fromDOT = error }
        #expect(fromGraph == .tooManyNodes(count: 703, limit: 100), "702 values and ops, and the legend")
        #expect(fromGraph == fromDOT)
        #expect(try Picture.draw([loss], PictureRequest(format: .dot, nodeLimit: 703)).bytes.count > 0)
        #expect(try Picture.draw([loss], PictureRequest(format: .json, nodeLimit: 1)).bytes.count > 0, "JSON is not limited")
    }

    @Test("DOT text cannot become JSON; as DOT, it comes back read and laid out by Graphviz")
    func dotSource() throws {
        #expect(throws: PictureError.unavailable(.json)) { try Picture.draw(dot: "digraph { a }", PictureRequest(format: .json)) }
        #expect(Self.text(try Picture.draw(dot: "digraph { a }", PictureRequest(format: .dot))).contains("pos="))
        #expect(throws: PictureError.self) { try Picture.draw(dot: "digraph { a -> }", PictureRequest(format: .svg)) }
    }

    @Test("format from a file name's extension")
    func extensions() {
        #expect(OutputFormat(path: "a/b.gv") == .dot && OutputFormat(path: "X.SVG") == .svg)
        #expect(OutputFormat(path: "notes.txt") == nil && OutputFormat(path: ".svg") == nil && OutputFormat(path: "dir.svg/x") == nil)
    }
}
