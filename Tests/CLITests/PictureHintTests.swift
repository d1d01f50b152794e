import Foundation
import GraphRender
import Testing
@testable import micrograd_viz

/// The guess that starts the render process before the arguments are parsed, and what a run
/// draws whichever way the guess goes.
@Suite("Picture hint: the render process starts early when a picture is likely")
struct PictureHintTests {
    @Test("yes for the words that ask for a laid-out picture", arguments: [
        ["expr", "a*b", "--svg"], ["expr", "a*b", "--out", "L.svg"], ["expr", "a*b", "-o", "L.PDF"],
        ["expr", "a*b", "--out=L.png"], ["mlp", "3,4,4,1", "--format", "tikz"], ["mlp", "3,4,1", "--format=svg"],
        ["expr", "a*b", "--walkthrough", "w.html"], ["expr", "a*b", "--worksheet=s.pdf"],
        ["train", "--animate", "run.html"], ["render", "graph.dot"],
    ])
    func yes(words: [String]) {
        #expect(PictureHint.drawsPicture(words))
    }

    @Test("no for text output and for commands that never lay out", arguments: [
        [], ["expr", "a*b"], ["expr", "a*b", "--out", "L.dot"], ["expr", "a*b", "--json"], ["expr", "a*b", "--format", "dot"],
        ["mlp", "3,4,1", "--out", "svg"], ["explain", "a*b", "--svg"], ["serve"], ["worker"], ["--version"], ["train"],
    ])
    func no(words: [String]) {
        #expect(!PictureHint.drawsPicture(words))
    }

    @Test("the first picture, laid out by the render process started before parsing, is what `dot -Tsvg` writes")
    func firstPictureIsDots() throws {
        let program = ["e=a*b; d=e+c; L=d*f", "a=2", "b=-3", "c=10", "f=-2"]
        let dot = try Tool.run(["expr"] + program)
        let svg = try Tool.run(["expr"] + program + ["--svg"])
        let reference = try Tool.run(URL(fileURLWithPath: "/usr/bin/dot"), ["-Tsvg"], stdin: Data(dot.stdout))
        #expect(svg.status == 0 && reference.status == 0, "\(svg.stderr)")
        #expect(svg.stdout == reference.stdout)
    }

    @Test("a picture the guess misses (a PNG boundary) is still drawn, by a child of its own")
    func missedGuessStillDraws() throws {
        let dir = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(!PictureHint.drawsPicture(["train", "--arch", "2,4,1", "--dataset", "moons:20", "--boundary", "b.png"]))
        let r = try Tool.run(["train", "--arch", "2,4,1", "--dataset", "moons:20", "--steps", "2", "--boundary", "b.png"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let png = try Data(contentsOf: dir.appendingPathComponent("b.png"))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }
}
