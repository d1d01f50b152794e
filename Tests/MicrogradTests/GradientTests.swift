import Foundation
import Testing
@testable import Micrograd

@Suite("Gradients: every op against finite differences and closed forms")
struct GradientTests {
    /// One op applied to inputs, with a point where it is smooth.
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let inputs: [Double]
        let build: @Sendable ([Value]) -> Value
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a + b", inputs: [1.5, -2.25]) { $0[0] + $0[1] },
        Case(name: "a * b", inputs: [1.5, -2.25]) { $0[0] * $0[1] },
        Case(name: "a - b", inputs: [1.5, -2.25]) { $0[0] - $0[1] },
        Case(name: "a / b", inputs: [1.5, -2.25]) { $0[0] / $0[1] },
        Case(name: "-a", inputs: [1.5]) { -$0[0] },
        Case(name: "a ** 3", inputs: [1.3]) { $0[0] ** 3 },
        Case(name: "a ** -1", inputs: [1.3]) { $0[0] ** -1 },
        Case(name: "a ** 0.5", inputs: [1.3]) { $0[0] ** 0.5 },
        Case(name: "exp(a)", inputs: [0.7]) { $0[0].exp() },
        Case(name: "tanh(a)", inputs: [0.7]) { $0[0].tanh() },
        Case(name: "relu(a), a > 0", inputs: [0.7]) { $0[0].relu() },
        Case(name: "relu(a), a < 0", inputs: [-0.7]) { $0[0].relu() },
        Case(name: "log(a)", inputs: [0.7]) { $0[0].log() },
        Case(name: "2 - a", inputs: [0.7]) { 2 - $0[0] },
        Case(name: "2 / a", inputs: [0.7]) { 2 / $0[0] },
        Case(name: "a * a * b", inputs: [0.7, -1.1]) { $0[0] * $0[0] * $0[1] },
    ]

    @Test("analytic grad equals the central difference", arguments: cases)
    func againstCentralDifference(_ c: Case) {
        let g = Graph()
        let xs = c.inputs.map { g.leaf($0) }
        let root = c.build(xs)
        for check in g.gradientCheck(root: root, inputs: xs, h: 1e-6) {
            #expect(check.centralError < 1e-8, "\(c.name): analytic \(check.analytic) vs central \(check.central)")
        }
    }

    @Test("composite expressions equal their symbolic derivatives")
    func symbolic() {
        let g = Graph()
        let x = g.leaf(0.8), y = g.leaf(-1.7)
        // f = x*y + x**2 * exp(y): ∂f/∂x = y + 2x·e^y, ∂f/∂y = x + x²·e^y
        let f = x * y + x ** 2 * y.exp()
        f.backward()
        #expect(relativeDifference(x.grad, -1.7 + 2 * 0.8 * exp(-1.7)) < 1e-15)
        #expect(relativeDifference(y.grad, 0.8 + 0.64 * exp(-1.7)) < 1e-15)

        // h = tanh(x / y) - log(x): ∂h/∂x = (1 - t²)/y - 1/x, ∂h/∂y = -(1 - t²)·x/y²
        g.zeroGrad()
        let h = (x / y).tanh() - x.log()
        h.backward()
        let t = tanh(0.8 / -1.7)
        #expect(relativeDifference(x.grad, (1 - t * t) / -1.7 - 1 / 0.8) < 1e-14)
        #expect(relativeDifference(y.grad, -(1 - t * t) * 0.8 / (1.7 * 1.7)) < 1e-14)
    }

    @Test("the forward difference is shown but the central one is the accurate one")
    func forwardVersusCentral() {
        let g = Graph()
        let x = g.leaf(2)
        let f = 3 * x ** 2 - 4 * x + 5  // the lab's §1.1: f'(2) = 8
        let check = g.gradientCheck(root: f, inputs: [x], h: 1e-3)[0]
        #expect(check.analytic == 8)
        #expect(abs(check.forward - 8.003) < 1e-9)
        #expect(abs(check.central - 8) < 1e-9)
        #expect(f.data == 9 && x.data == 2, "the check restores the graph's data")
        // h = 1e-16: 2 + 1e-16 == 2 in float64, so the forward difference is exactly 0 (errata).
        #expect(g.gradientCheck(root: f, inputs: [x], h: 1e-16)[0].forward == 0)
    }
}
