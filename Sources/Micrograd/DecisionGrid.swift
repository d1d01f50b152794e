/// A network's scores over a rectangular grid of 2-D inputs: what micrograd's demo evaluates
/// to draw its decision boundary (`np.meshgrid` of two `np.arange` axes, `model` on each cell).
public struct DecisionGrid: Sendable {
    /// The x coordinates, ascending.
    public let xs: [Double]
    /// The y coordinates, ascending.
    public let ys: [Double]
    /// `scores[j * xs.count + i]`: the network's output at `(xs[i], ys[j])`, row by row (y outer,
    /// x inner, as `np.meshgrid(xs, ys)` then `ravel()` orders them).
    public let scores: [Double]

    /// Evaluates `model` (two inputs, first output) at every grid point; the tape is left as it was.
    public init(model: MLP, xs: [Double], ys: [Double]) {
        precondition(model.nin == 2, "a decision grid needs a network of two inputs")
        self.xs = xs
        self.ys = ys
        let mark = model.graph.count
        var scores: [Double] = []
        scores.reserveCapacity(xs.count * ys.count)
        for y in ys {
            for x in xs {
                scores.append(model([x, y])[0].data)
                model.graph.truncate(to: mark)
            }
        }
        self.scores = scores
    }

    /// The demo's grid: steps of `step` over the data's box widened by `margin` on each side,
    /// `np.arange(x_min, x_max, step)` for each axis.
    public init(model: MLP, around dataset: Dataset, step: Double = 0.25, margin: Double = 1) {
        let (x, y) = (dataset.xs.map { $0[0] }, dataset.xs.map { $0[1] })
        self.init(model: model,
                  xs: Self.arange(x.min()! - margin, x.max()! + margin, step),
                  ys: Self.arange(y.min()! - margin, y.max()! + margin, step))
    }

    /// `score > 0` per cell, in `scores`' order (the demo's `Z`).
    public var classes: [Bool] { scores.map { $0 > 0 } }

    /// numpy's `arange(start, stop, step)` for doubles, bit for bit: `ceil((stop - start) / step)`
    /// values, the first two `start` and `start + step`, then `start + i * delta` with
    /// `delta = (start + step) - start` (numpy's fill).
    public static func arange(_ start: Double, _ stop: Double, _ step: Double) -> [Double] {
        precondition(step > 0 && start.isFinite && stop.isFinite, "arange needs finite bounds and a positive step")
        let length = max(0, Int(((stop - start) / step).rounded(.up)))
        let delta = (start + step) - start
        return (0..<length).map { i in
            switch i {
            case 0: start
            case 1: start + step
            default: start + Double(i) * delta
            }
        }
    }
}
