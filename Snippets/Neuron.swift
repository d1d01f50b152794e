// The lab's single neuron (§5.3): o = tanh(x1*w1 + x2*w2 + b), then backward.
import Micrograd

let graph = Graph()
let x1 = graph.leaf(2.0, label: "x1")
let x2 = graph.leaf(0.0, label: "x2")
let w1 = graph.leaf(-3.0, label: "w1")
let w2 = graph.leaf(1.0, label: "w2")
let b = graph.leaf(6.8813735870195432, label: "b")
let n = (x1 * w1 + x2 * w2 + b).labelled("n")
let o = n.tanh().labelled("o")
o.backward()
print(o)                                      // Value(data=0.7071067811865476, grad=1.0)
for v in [x1, w1, x2, w2, b] { print(v.label, v.grad) }
