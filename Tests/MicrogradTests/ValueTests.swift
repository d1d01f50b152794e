import Testing
@testable import Micrograd

@Suite("Value: the lab's operators, graph shape and backward")
struct ValueTests {
    @Test("the warm-up graph of §1.2: L = -8 and the hand-computed grads")
    func warmUp() {
        let g = Graph()
        let a = g.leaf(2, label: "a"), b = g.leaf(-3, label: "b")
        let c = g.leaf(10, label: "c"), f = g.leaf(-2, label: "f")
        let e = (a * b).labelled("e"), d = (e + c).labelled("d"), L = (d * f).labelled("L")
        #expect(L.data == -8)
        L.backward()
        #expect([L, d, f, c, e, a, b].map(\.grad) == [1, -2, 4, -2, -2, 6, -4])
        #expect(L.children.map(\.index) == [d.index, f.index])
        #expect(L.label == "L" && L.opName == "*" && a.opName == "")
    }

    @Test("the single neuron of §5.3, bit for bit with the lab's tanh formula")
    func singleNeuron() {
        let g = Graph()
        let x1 = g.leaf(2, label: "x1"), x2 = g.leaf(0, label: "x2")
        let w1 = g.leaf(-3, label: "w1"), w2 = g.leaf(1, label: "w2")
        let b = g.leaf(6.8813735870195432, label: "b")
        let o = (x1 * w1 + x2 * w2 + b).tanh()
        o.backward()
        #expect(o.data == 0.7071067811865476)
        #expect(x1.grad == -1.4999999999999996)
        #expect(w1.grad == 0.9999999999999998)
        #expect(x2.grad == 0.4999999999999999)
        #expect(w2.grad == 0.0)
    }

    @Test("a value used twice gets both contributions: a*a gives 2a, a+a gives 2")
    func reuse() {
        let g = Graph()
        let a = g.leaf(3)
        let square = a * a
        square.backward()
        #expect(a.grad == 6)
        #expect(square.children.map(\.index) == [a.index, a.index])
        g.zeroGrad()
        (a + a).backward()
        #expect(a.grad == 2)
    }

    @Test("backward accumulates as the lab's does: twice doubles what the root feeds directly, deeper nodes more")
    func backwardAccumulates() {
        let g = Graph()
        let x = g.leaf(2), y = g.leaf(-3)
        let p = x * y
        p.backward()
        p.backward()
        #expect(x.grad == -6 && y.grad == 4 && p.grad == 1)

        // The warm-up twice, as the lab's Python gives it: [1, -4, 8, -6, -6, 24, -16].
        let a = g.leaf(2), b = g.leaf(-3), c = g.leaf(10), f = g.leaf(-2)
        let e = a * b, d = e + c, L = d * f
        L.backward()
        L.backward()
        #expect([L, d, f, c, e, a, b].map(\.grad) == [1, -4, 8, -6, -6, 24, -16])
    }

    @Test("backward leaves nodes that do not lead to the root alone")
    func backwardOnlyReachable() {
        let g = Graph()
        let a = g.leaf(2), b = g.leaf(5)
        let c = a * b
        c.backward()
        let d = a + b  // created after c, and c does not lead to d
        d.backward()
        #expect(a.grad == 5 + 1 && b.grad == 2 + 1)
        #expect(c.grad == 1)
    }

    @Test("operators build the lab's shape: a-b is a+(-b), -b is b*-1, a/b is a*b**-1")
    func shapes() {
        let g = Graph()
        let a = g.leaf(2), b = g.leaf(4)
        let sub = a - b
        #expect(sub.opName == "+")
        let neg = sub.children[1]
        #expect(neg.opName == "*" && neg.children[0].index == b.index && neg.children[1].data == -1)
        let div = a / b
        #expect(div.opName == "*" && div.children[1].opName == "**-1" && div.data == 0.5)
        #expect((a ** 2).opName == "**2" && (a ** 0.5).opName == "**0.5")
    }

    @Test("plain numbers coerce like Python's reflected operators")
    func coercion() {
        let g = Graph()
        let a = g.leaf(2)
        let r1 = 2 * a  // a * 2
        #expect(r1.children[0].index == a.index && r1.children[1].data == 2)
        let r2 = 1 - a  // (-a) + 1
        #expect(r2.opName == "+" && r2.children[0].opName == "*" && r2.children[1].data == 1 && r2.data == -1)
        let r3 = 2 / a  // a**-1 * 2
        #expect(r3.opName == "*" && r3.children[0].opName == "**-1" && r3.children[1].data == 2 && r3.data == 1)
        let r4 = a - 3  // a + (-3): the negation happens on the number
        #expect(r4.children[1].data == -3 && r4.children[1].op == .leaf)
        let r5 = a / 4  // a * 4**-1 = a * 0.25
        #expect(r5.children[1].data == 0.25 && r5.children[1].op == .leaf)
        let r6 = a + 1
        #expect(r6.children[1].op == .leaf && r6.data == 3)
    }

    @Test("tanh stays ±1 where the lab's formula would give NaN; exp and log follow IEEE")
    func extremes() {
        let g = Graph()
        #expect(g.leaf(400).tanh().data == 1)
        #expect(g.leaf(-400).tanh().data == -1)
        #expect(g.leaf(20.5).tanh().data == 1)
        #expect(g.leaf(1000).exp().data == .infinity)
        #expect(g.leaf(-1).log().data.isNaN)
        #expect(g.leaf(0).log().data == -.infinity)
        #expect((g.leaf(0) ** -1).data == .infinity)
        #expect(g.leaf(-2).relu().data == 0 && g.leaf(2).relu().data == 2)
    }

    @Test("description reads like the lab's __repr__")
    func description() {
        let g = Graph()
        #expect("\(g.leaf(-8))" == "Value(data=-8.0, grad=0.0)")
    }

    @Test("truncate drops the newest nodes and reuses their room")
    func truncate() {
        let g = Graph()
        let a = g.leaf(1)
        let mark = g.count
        _ = a * 3 + 1
        #expect(g.count == mark + 4)
        g.truncate(to: mark)
        #expect(g.count == mark)
        let b = a * 5
        #expect(b.index == mark + 1 && b.grad == 0 && b.data == 5)
    }
}
