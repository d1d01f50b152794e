import Micrograd

/// What `gradcheck` prints and draws: a table, JSON for scripts, and the error-against-h chart.
public struct GradcheckReport {
    /// The inputs' names, in the order of `checks`.
    public let names: [String]
    /// One check per input at step `h`.
    public let checks: [GradientCheck]
    /// For `--sweep`: the checks at each of `GradientCheck.sweepSteps` (empty without a sweep).
    public let sweeps: [[GradientCheck]]
    /// The step of `checks`.
    public let h: Double
    /// The largest central error that passes.
    public let tolerance: Double

    /// A report of checks made with step `h`, judged against `tolerance`.
    public init(names: [String], checks: [GradientCheck], sweeps: [[GradientCheck]], h: Double, tolerance: Double) {
        self.names = names
        self.checks = checks
        self.sweeps = sweeps
        self.h = h
        self.tolerance = tolerance
    }

    /// The inputs whose check fails, with their names.
    public var failures: [(name: String, check: GradientCheck)] {
        zip(names, checks).filter { !$0.1.passes(tolerance: tolerance) }.map { ($0.0, $0.1) }
    }

    /// An error in the table's short form: `1.2e-07`.
    public static func short(_ x: Double) -> String { NumberFormat.printf("%.1e", x) }

    /// Aligned columns, one row an input, then the rule; with a sweep, the errors against h.
    public var table: String {
        let width = max(5, names.map(\.count).max() ?? 0) + 2
        var out = Self.column("input", width) + Self.column("value", 22) + Self.column("analytic", 24)
            + Self.column("forward", 24) + Self.column("central", 24) + Self.column("fwd error", 10)
            + Self.column("ctr error", 10) + "\n"
        for (name, c) in zip(names, checks) {
            out += Self.column(name, width) + Self.column("\(c.value)", 22) + Self.column("\(c.analytic)", 24)
                + Self.column("\(c.forward)", 24) + Self.column("\(c.central)", 24)
                + Self.column(Self.short(c.forwardError), 10) + Self.column(Self.short(c.centralError), 10)
                + (c.passes(tolerance: tolerance) ? "ok" : "FAIL") + "\n"
        }
        out += "h = \(h), tolerance = \(tolerance) on |analytic - central| / max(1, |analytic|, |central|)\n"
        if !sweeps.isEmpty {
            out += "\nerror against h (forward / central):\n" + Self.column("h", 8) + names.map { Self.column($0, 20) }.joined() + "\n"
            for (step, row) in zip(GradientCheck.sweepSteps, sweeps) {
                out += Self.column(Self.short(step), 8)
                    + row.map { Self.column(Self.short($0.forwardError) + " / " + Self.short($0.centralError), 20) }.joined() + "\n"
            }
        }
        return out
    }

    /// `{"h", "tolerance", "passed", "inputs": [{"name", "value", "analytic", "forward", "central",
    /// "forward_error", "central_error", "passed"}], "sweep": [{"name", "h", "forward_error",
    /// "central_error"}]}` (the sweep only with one).
    public var json: String {
        let rows = zip(names, checks).map { name, c in
            JSON.object(["name": JSON.string(name), "value": JSON.number(c.value), "analytic": JSON.number(c.analytic),
                         "forward": JSON.number(c.forward), "central": JSON.number(c.central),
                         "forward_error": JSON.number(c.forwardError), "central_error": JSON.number(c.centralError),
                         "passed": JSON.bool(c.passes(tolerance: tolerance))])
        }
        var fields = [("h", JSON.number(h)), ("tolerance", JSON.number(tolerance)), ("passed", JSON.bool(failures.isEmpty)),
                      ("inputs", JSON.array(rows, lines: true))]
        if !sweeps.isEmpty {
            let perInput = names.indices.map { k in
                JSON.object(["name": JSON.string(names[k]), "h": JSON.numbers(GradientCheck.sweepSteps),
                             "forward_error": JSON.numbers(sweeps.map { $0[k].forwardError }),
                             "central_error": JSON.numbers(sweeps.map { $0[k].centralError })])
            }
            fields.append(("sweep", JSON.array(perInput, lines: true)))
        }
        return JSON.object(fields) + "\n"
    }

    /// Error against h on log-log axes: a forward and a central curve per input.
    public var chart: Chart {
        let series = names.indices.flatMap { k in
            [Series(name: "\(names[k]) forward", points: zip(GradientCheck.sweepSteps, sweeps).map { Point($0, $1[k].forwardError) }),
             Series(name: "\(names[k]) central", points: zip(GradientCheck.sweepSteps, sweeps).map { Point($0, $1[k].centralError) })]
        }
        return Chart(title: "Finite-difference error against step h", xLabel: "h", yLabel: "relative error",
                     xScale: .log, yScale: .log, series: series)
    }

    private static func column(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
