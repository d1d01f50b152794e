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

    @Option(parsing: .unconditional, help: "The step h of the differences.")
    var h = 1e-6

    @Option(parsing: .unconditional, help: "Largest relative error of the central difference that passes.")
    var tolerance = 1e-6

    @Flag(help: "Also measure the errors for h = 1e-1, 1e-2, …, 1e-16.")
    var sweep = false

    @OptionGroup(title: "Report") var report: ReportOptions

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
        let sweeps = sweep ? GradientCheck.sweepSteps.map { built.graph.gradientCheck(root: built.root, inputs: inputs, h: $0) } : []
        let result = GradcheckReport(names: built.inputs.map(\.name), checks: checks, sweeps: sweeps, h: h, tolerance: tolerance)
        try System.standardOutput(report.resolvedFormat == .json ? result.json : result.table)
        if let plot = report.plot {
            try AtomicFile.write(Array(result.chart.svg().utf8), to: plot)
            Output.note("wrote \(plot)")
        }
        if let (name, check) = result.failures.first {
            throw ToolError(message: "gradcheck failed for \(result.failures.count) of \(checks.count) inputs: \(name) has central error "
                                + "\(GradcheckReport.short(check.centralError)) > tolerance \(GradcheckReport.short(tolerance))",
                            status: .checkFailed)
        }
    }
}
