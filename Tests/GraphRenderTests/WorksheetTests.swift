import Testing
@testable import GraphRender
import Micrograd

@Suite("Worksheet: grads to fill in, and the answer key")
struct WorksheetTests {
    @Test("the sheet blanks every grad into an empty box and leaves the data")
    func blank() {
        let dot = "\tn0 [label=\"{ a | data 2.0000 | grad 6.0000 }\" shape=record]\n\tn0op [label=\"*\"]"
        let sheet = Worksheet.blankGrads(dot)
        #expect(sheet.hasPrefix("\tn0 [label=\"{ a | data 2.0000 | grad | \u{a0}"))
        #expect(!sheet.contains("6.0000") && sheet.hasSuffix("\u{a0} }\" shape=record]\n\tn0op [label=\"*\"]"))
    }

    @Test("the sheet's table has the nodes only; the key has the rules and grads")
    func table() {
        let g = Graph()
        let table = BackwardTable([LabGraphs.warmUp(g)])
        let sheet = Worksheet.html(table, answers: false), key = Worksheet.html(table, answers: true)
        #expect(sheet.components(separatedBy: "<TR>").count - 1 == 8 && sheet.contains(">b</TD>"))
        #expect(!sheet.contains("∂L/∂a =") && !sheet.contains(">-4</TD>"))
        #expect(key.contains(">∂L/∂a = ∂L/∂e · b</TD>") && key.contains(">= (-2) · (-3)</TD>") && key.contains(">-4</TD>"))
    }

    @Test("a sheet and a key are one-page PDFs, top to bottom; the key shows the grads")
    func pdf() throws {
        let g = Graph()
        let L = LabGraphs.warmUp(g)
        let sheet = try Worksheet.draw([L], PictureRequest(format: .pdf), answers: false)
        #expect(sheet.bytes.starts(with: Array("%PDF".utf8)))
        let svg = String(decoding: try Worksheet.draw([L], PictureRequest(format: .svg), answers: false).bytes, as: UTF8.self)
        let key = String(decoding: try Worksheet.draw([L], PictureRequest(format: .svg), answers: true).bytes, as: UTF8.self)
        #expect(svg.contains("data &#45;3.0000") && !svg.contains("grad &#45;4.0000") && !svg.contains("∂L/∂b ="))
        #expect(key.contains("grad &#45;4.0000") && key.contains("∂L/∂b = ∂L/∂e · a"))
    }
}
