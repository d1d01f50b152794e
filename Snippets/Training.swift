// The lab's training loop (§7.2): four samples, sum-of-squares loss, zero-grad, backward, update.
import Micrograd

var random = PythonRandom(seed: 1337)
let n = MLP(3, [4, 4, 1], random: &random)
let xs: [[Double]] = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]]
let ys: [Double] = [1.0, -1.0, -1.0, 1.0]
for k in 0..<50 {
    let ypred = xs.map { n($0)[0] }
    let loss = Loss.sse(ypred, ys)            // sum((yout - ygt)**2 for ygt, yout in zip(ys, ypred))
    n.zeroGrad()
    loss.backward()
    for p in n.parameters { p.data += -0.05 * p.grad }
    if k % 10 == 0 || k == 49 { print(k, loss.data) }  // 0 6.005402783252284 … 49 0.0124904910849…
}
