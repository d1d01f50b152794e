// The lab's warm-up, L = (a*b + c) * f: forward, backward, and the lab's draw_dot picture.
import GraphRender
import Micrograd

// snippet.warmup
let graph = Graph()
let a = graph.leaf(2.0, label: "a"), b = graph.leaf(-3.0, label: "b")
let c = graph.leaf(10.0, label: "c"), f = graph.leaf(-2.0, label: "f")
let e = (a * b).labelled("e")
let d = (e + c).labelled("d")
let L = (d * f).labelled("L")
L.backward()
print(L)                                          // Value(data=-8.0, grad=1.0)
for v in [a, b, c, f] { print(v.label, v.grad) }  // a 6.0, b -4.0, c -2.0, f 4.0
// snippet.drawing
let dot = try Picture.draw([L], PictureRequest(format: .dot))  // or .svg, .png, .pdf
print(String(decoding: dot.bytes, as: UTF8.self), terminator: "")
