/// One input's analytic gradient next to its finite-difference estimates.
public struct GradientCheck: Sendable, Equatable {
    /// The input's index in the graph.
    public let input: Int
    /// The input's value.
    public let value: Double
    /// ∂root/∂input from `backward()`.
    public let analytic: Double
    /// `(f(x+h) - f(x)) / h`.
    public let forward: Double
    /// `(f(x+h) - f(x-h)) / 2h`.
    public let central: Double

    /// |analytic − central| / max(1, |analytic|, |central|): the error the check judges.
    public var centralError: Double { Self.error(analytic, central) }
    /// The same measure for the forward difference (shown for teaching, not judged).
    public var forwardError: Double { Self.error(analytic, forward) }

    /// The steps of a sweep, 1e-1 down to 1e-16, written as decimals so that each is the
    /// double nearest 10^-k.
    public static let sweepSteps: [Double] = [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8,
                                              1e-9, 1e-10, 1e-11, 1e-12, 1e-13, 1e-14, 1e-15, 1e-16]

    /// The check's rule: the central difference agrees with backward to `tolerance` (relative,
    /// see `centralError`). NaN never passes.
    public func passes(tolerance: Double) -> Bool { centralError <= tolerance }

    static func error(_ a: Double, _ b: Double) -> Double {
        abs(a - b) / max(1, abs(a), abs(b))
    }
}

extension Graph {
    /// Checks `root`'s gradient with respect to each of `inputs` against forward and central
    /// differences with step `h`, by nudging the input and replaying the tape forward. The
    /// graph's grads are zeroed and recomputed; its data is restored afterwards.
    public func gradientCheck(root: Value, inputs: [Value], h: Double = 1e-6) -> [GradientCheck] {
        zeroGrad()
        root.backward()
        let f0 = root.data
        return inputs.map { x in
            let up = evaluate(root, at: x, shiftedBy: h)
            let down = evaluate(root, at: x, shiftedBy: -h)
            return GradientCheck(input: x.index, value: x.data, analytic: x.grad,
                                 forward: (up - f0) / h, central: (up - down) / (2 * h))
        }
    }

    /// The root's data with input `x` shifted by `h`, leaving the graph as it was.
    public func evaluate(_ root: Value, at x: Value, shiftedBy h: Double) -> Double {
        let saved = x.data
        x.data = saved + h
        replayForward(from: x.index + 1)
        let result = root.data
        x.data = saved
        replayForward(from: x.index + 1)
        return result
    }
}
