import ArgumentParser
import Expression
import GraphRender
import Micrograd

/// `micrograd-viz gradcheck`: backward's gradients against finite differences (§1.1, §3).
struct GradcheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradcheck",
        abstract: "Check backward's gradients against finite differences.",
        discussion: """
            For every input: its value, the analytic gradient from backward, the forward
            difference (f(x+h) - f(x))/h and the central difference (f(x+h) - f(x-h))/2h.
            The check passes when |analytic - central| / max(1, |analytic|, |central|) is at
            most --tolerance for every input (exit status 1 otherwise); the forward difference is
            shown for teaching. The program is written as for `expr`.

            --sweep shows the error against h from 1e-1 down to 1e-16: truncation error shrinks
            with h until round-off takes over (the forward difference is best near 1e-8).

            Examples:
              micrograd-viz gradcheck "e=a*b; d=e+c; L=d*f" a=2 b=-3 c=10 f=-2
              micrograd-viz gradcheck "3*x**2 - 4*x + 5" x=2 --h 1e-3
              micrograd-viz gradcheck "3*x**2 - 4*x + 5" x=2 --sweep --plot sweep.svg
              micrograd-viz gradcheck "tanh(x*w + b)" --json
            """
    )

    @OptionGroup var program: ProgramArguments

    @Option(help: "The step h of the differences.")
    var h = 1e-6

    @Option(help: "Largest relative error of the central difference that passes.")
    var tolerance = 1e-6

    @Flag(help: "Also measure the errors for h = 1e-1, 1e-2, …, 1e-16.")
    var sweep = false

    @OptionGroup(title: "Report") var report: ReportOptions

    /// The steps of `--sweep`, written as decimals so each is the double nearest 10^-k.
    static let sweepSteps = (1...16).map { Double("1e-\($0)")! }

    func validate() throws {
        guard h.isFinite, h > 0 else { throw ValidationError("--h must be a positive number, not \(h)") }
        guard tolerance.isFinite, tolerance >= 0 else { throw ValidationError("--tolerance must be a number ≥ 0, not \(tolerance)") }
        if report.plot != nil && !sweep { throw ValidationError("--plot draws the sweep: add --sweep") }
    }

    func run() throws {
        try report.checkDestination()
        let built = try program.build()
        let inputs = built.inputs.map(\.value)
        guard !inputs.isEmpty else { throw ToolError.badInput("the program has no inputs to check") }
        let checks = built.graph.gradientCheck(root: built.root, inputs: inputs, h: h)
        let sweeps = sweep ? Self.sweepSteps.map { built.graph.gradientCheck(root: built.root, inputs: inputs, h: $0) } : []
        let names = built.inputs.map(\.name)
        let text = report.resolvedFormat == .json
            ? GradcheckReport.json(names: names, checks: checks, sweeps: sweeps, h: h, tolerance: tolerance)
            : GradcheckReport.table(names: names, checks: checks, sweeps: sweeps, h: h, tolerance: tolerance)
        try System.standardOutput(text)
        if let plot = report.plot {
            try AtomicFile.write(Array(GradcheckReport.chart(names: names, sweeps: sweeps).svg().utf8), to: plot)
            Output.note("wrote \(plot)")
        }
        let failed = zip(names, checks).filter { !($0.1.centralError <= tolerance) }
        if let (name, check) = failed.first {
            throw ToolError(message: "gradcheck failed for \(failed.count) of \(checks.count) inputs: \(name) has central error "
                                + "\(GradcheckReport.short(check.centralError)) > tolerance \(GradcheckReport.short(tolerance))", status: 1)
        }
    }
}

/// The texts `gradcheck` prints: a table, JSON, and the error-against-h chart.
enum GradcheckReport {
    static func short(_ x: Double) -> String { NumberFormat.printf("%.1e", x) }

    private static func column(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    static func table(names: [String], checks: [GradientCheck], sweeps: [[GradientCheck]], h: Double, tolerance: Double) -> String {
        let width = max(5, names.map(\.count).max() ?? 0) + 2
        var out = column("input", width) + column("value", 22) + column("analytic", 24) + column("forward", 24)
            + column("central", 24) + column("fwd error", 10) + column("ctr error", 10) + "\n"
        for (name, c) in zip(names, checks) {
            out += column(name, width) + column("\(c.value)", 22) + column("\(c.analytic)", 24) + column("\(c.forward)", 24)
                + column("\(c.central)", 24) + column(short(c.forwardError), 10) + column(short(c.centralError), 10)
                + (c.centralError <= tolerance ? "ok" : "FAIL") + "\n"
        }
        out += "h = \(h), tolerance = \(tolerance) on |analytic - central| / max(1, |analytic|, |central|)\n"
        if !sweeps.isEmpty {
            out += "\nerror against h (forward / central):\n" + column("h", 8)
                + names.map { column($0, 20) }.joined() + "\n"
            for (step, row) in zip(GradcheckCommand.sweepSteps, sweeps) {
                out += column(short(step), 8) + row.map { column(short($0.forwardError) + " / " + short($0.centralError), 20) }.joined() + "\n"
            }
        }
        return out
    }

    static func json(names: [String], checks: [GradientCheck], sweeps: [[GradientCheck]], h: Double, tolerance: Double) -> String {
        func n(_ x: Double) -> String { NumberFormat.json(x) }
        let passed = checks.allSatisfy { $0.centralError <= tolerance }
        let rows = zip(names, checks).map { name, c in
            "  {\"name\": \"\(name)\", \"value\": \(n(c.value)), \"analytic\": \(n(c.analytic)), \"forward\": \(n(c.forward)), "
                + "\"central\": \(n(c.central)), \"forward_error\": \(n(c.forwardError)), \"central_error\": \(n(c.centralError)), "
                + "\"passed\": \(c.centralError <= tolerance)}"
        }
        var out = "{\"h\": \(n(h)), \"tolerance\": \(n(tolerance)), \"passed\": \(passed), \"inputs\": [\n" + rows.joined(separator: ",\n") + "\n]"
        if !sweeps.isEmpty {
            let perInput = names.indices.map { k in
                "  {\"name\": \"\(names[k])\", \"h\": [\(GradcheckCommand.sweepSteps.map(n).joined(separator: ", "))], "
                    + "\"forward_error\": [\(sweeps.map { n($0[k].forwardError) }.joined(separator: ", "))], "
                    + "\"central_error\": [\(sweeps.map { n($0[k].centralError) }.joined(separator: ", "))]}"
            }
            out += ", \"sweep\": [\n" + perInput.joined(separator: ",\n") + "\n]"
        }
        return out + "}\n"
    }

    /// Error against h on log-log axes: a forward and a central curve per input.
    static func chart(names: [String], sweeps: [[GradientCheck]]) -> Chart {
        let series = names.indices.flatMap { k in
            [Series(name: "\(names[k]) forward", points: zip(GradcheckCommand.sweepSteps, sweeps).map { Point($0, $1[k].forwardError) }),
             Series(name: "\(names[k]) central", points: zip(GradcheckCommand.sweepSteps, sweeps).map { Point($0, $1[k].centralError) })]
        }
        return Chart(title: "Finite-difference error against step h", xLabel: "h", yLabel: "relative error",
                     xScale: .log, yScale: .log, series: series)
    }
}
