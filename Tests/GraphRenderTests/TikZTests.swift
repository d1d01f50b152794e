import Testing
@testable import GraphRender
import Micrograd

@Suite("TikZ: the picture for LaTeX, laid out by Graphviz")
struct TikZTests {
    static func warmUp(standalone: Bool = false) throws -> String {
        let g = Graph()
        var request = PictureRequest(format: .tikz)
        request.standalone = standalone
        return String(decoding: try Picture.draw([LabGraphs.warmUp(g)], request).bytes, as: UTF8.self)
    }

    @Test("record nodes are split boxes, op nodes ellipses, edges splines with arrows, colours the SVG's")
    func warmUp() throws {
        let tikz = try Self.warmUp()
        #expect(tikz.contains("\\begin{tikzpicture}[x=1bp, y=1bp") && tikz.hasSuffix("\\end{tikzpicture}\n"))
        #expect(tikz.components(separatedBy: ") rectangle (").count - 1 == 7 * 3 + 1 + 3, "7 records of 3 fields, the bounding box, 3 legend cells")
        #expect(tikz.components(separatedBy: " ellipse [").count - 1 == 3)
        #expect(tikz.components(separatedBy: "-{Stealth").count - 1 == 9)
        #expect(tikz.contains("{HTML}{CFE2FF}") && tikz.contains("{HTML}{C7EFC4}") && tikz.contains("{HTML}{999999}"))
        #expect(tikz.contains("{grad -4.0000};") && tikz.contains("{data 10.0000};") && tikz.contains("{*};"))
        #expect(!tikz.contains("\\documentclass"))
    }

    @Test("positions are Graphviz's own: the op node * of e sits where the json layout puts it")
    func positions() throws {
        let g = Graph()
        let L = LabGraphs.warmUp(g)
        L.backward()
        let dot = DOTDocument(Snapshot(of: L), options: DOTOptions()).text
        let json = String(decoding: try Graphviz.render(dot: dot, format: "json").bytes, as: UTF8.self)
        let layout = try #require(JSONValue(parsing: json))
        let op = try #require(layout["objects"]?.items.first { $0["name"]?.string == "n4op" })
        let pos = try #require(op["pos"]?.string).split(separator: ",")
        #expect(try Self.warmUp().contains("(\(pos[0]),\(pos[1])) ellipse ["))
    }

    @Test("--standalone is a whole document, one page the picture's size")
    func standalone() throws {
        let tex = try Self.warmUp(standalone: true)
        #expect(tex.hasPrefix("\\documentclass{article}\n"))
        #expect(tex.contains("\\usetikzlibrary{arrows.meta}") && tex.contains("]{geometry}"))
        #expect(tex.hasSuffix("\\end{tikzpicture}\n\\end{document}\n"))
    }

    @Test("record labels and legend cells are read back as the DOT wrote them")
    func labels() {
        #expect(TikZ.recordFields("{ a\\|b | data 2.0000 | grad \\{1\\} }") == ["a|b", "data 2.0000", "grad {1}"])
        let cells = TikZ.tableCells("<TABLE><TR><TD BGCOLOR=\"#cfe2ff\">input</TD><TD BGCOLOR=\"#ffffff\">a&amp;b</TD></TR></TABLE>")
        #expect(cells.map(\.color) == ["#cfe2ff", "#ffffff"] && cells.map(\.text) == ["input", "a&b"])
    }

    @Test("the JSON reader reads what Graphviz writes, and refuses what is not JSON")
    func reader() {
        let v = JSONValue(parsing: #"{"a": [1, -2.5e1, "x\"\u00e9"], "b": {"c": null, "d": true}}"#)
        #expect(v?["a"]?.items.map(\.number) == [1, -25, nil])
        #expect(v?["a"]?.items.last?.string == "x\"é")
        #expect(v?["b"]?["d"] == .bool(true))
        #expect(JSONValue(parsing: "{\"a\": }") == nil && JSONValue(parsing: "[1] 2") == nil)
    }
}
