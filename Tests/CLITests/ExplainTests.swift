import Foundation
import Testing

@Suite("explain: the backward pass as the lab's table, as a user runs it")
struct ExplainTests {
    static let warmUp = ["explain", "e=a*b; d=e+c; L=d*f", "a=2", "b=-3", "c=10", "f=-2"]

    @Test("the warm-up prints the solution's table (§1.2), in backward's order")
    func warmUp() throws {
        let r = try Tool.run(Self.warmUp)
        #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)")
        #expect(r.text == """
            node  local rule         in numbers     ∂L/∂v
            L     seed                              1
            d     ∂L/∂d = f          = -2           -2
            f     ∂L/∂f = d          = 4            4
            e     ∂L/∂e = ∂L/∂d · 1  = (-2) · 1     -2
            c     ∂L/∂c = ∂L/∂d · 1  = (-2) · 1     -2
            a     ∂L/∂a = ∂L/∂e · b  = (-2) · (-3)  6
            b     ∂L/∂b = ∂L/∂e · a  = (-2) · 2     -4

            """)
    }

    @Test("a + a: each use and the sum")
    func usedTwice() throws {
        let r = try Tool.run(["explain", "L = a + a", "a=3"])
        #expect(r.status == 0)
        #expect(r.text.contains("a     ∂L/∂a = 1 + 1  = 1 + 1     2\n"), "\(r.text)")
    }

    @Test("a nan is traced to the log of a negative number, with the program's line and column")
    func nanTraced() throws {
        let r = try Tool.run(["explain", "w = 2\ny = w * log(x)", "x=-1"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.text.hasSuffix("a nan or inf first appears in n2, line 2, column 9: log of a negative number, log(-1) = nan\n"), "\(r.text)")
        let json = try Tool.run(["explain", "y = 1/x", "x=0", "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout)) as? [String: Any]
        let trouble = object?["non_finite"] as? [String: Any]
        #expect(trouble?["reason"] as? String == "0 to a negative power, 0**-1 = inf")
        #expect(trouble?["line"] as? Int == 1 && trouble?["column"] as? Int == 6)
    }

    @Test("md and tex and json", arguments: [("md", "| a | `∂L/∂a = ∂L/∂e · b` | `= (-2) · (-3)` | 6 |"),
                                             ("tex", "\\begin{tabular}{llll}"),
                                             ("json", "\"rule\": \"∂L/∂a = ∂L/∂e · b\"")])
    func formats(format: String, line: String) throws {
        let r = try Tool.run(Self.warmUp + ["--format", format])
        #expect(r.status == 0)
        #expect(r.text.contains(line), "\(r.text)")
    }
}
