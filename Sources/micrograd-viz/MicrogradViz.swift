import ArgumentParser
import GraphRender
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `micrograd-viz` command: builds micrograd graphs and draws them with Graphviz.
@main
struct MicrogradViz: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "micrograd-viz",
        abstract: "Build scalar autodiff graphs, as in the micrograd lab, and draw them with Graphviz.",
        discussion: """
            Every value is drawn as a record { label | data | grad }, every op as a
            small node, as the lab's draw_dot does. Pictures are rendered in-process
            (no `dot` needed).

            Examples:
              micrograd-viz expr "e=a*b; d=e+c; L=d*f" a=2 b=-3 c=10 f=-2 --out L.svg
              micrograd-viz mlp 3,4,4,1 --svg > mlp.svg
              micrograd-viz mlp 3,4,4,1 --loss --out loss.pdf
              micrograd-viz expr "tanh(x*w + b)" | dot -Tpng > neuron.png
              micrograd-viz render graph.dot --out graph.png
              micrograd-viz train --lr 0.01,0.05,0.5 --plot sweep.svg
              micrograd-viz gradcheck "3*x**2 - 4*x + 5" x=2 --sweep --plot h.svg
              micrograd-viz explain "e=a*b; d=e+c; L=d*f" a=2 b=-3 c=10 f=-2
              micrograd-viz train --preset karpathy-demo --boundary moons.svg
              micrograd-viz serve --open          # the live playground in a browser

            \(ExitStatus.summary)
            """,
        version: "0.1.0",
        subcommands: [ExprCommand.self, ExplainCommand.self, MLPCommand.self, TrainCommand.self, GradcheckCommand.self,
                      RenderCommand.self, ServeCommand.self, WorkerCommand.self]
    )

    /// Runs the command; every failure becomes one line on stderr and a non-zero exit status.
    static func main() {
        if PictureHint.drawsPicture(Array(CommandLine.arguments.dropFirst())) { Graphviz.prepare() }  // before any thread starts
        Signals.install()
        do {
            var command = try parseAsRoot()
            try command.run()
            Output.flushNotes()
        } catch let error as ToolError {
            if error.status == .checkFailed { Output.flushNotes() }  // a failed check: the notes say what was checked
            fail(error.message, status: error.status.rawValue)
        } catch {
            let status = exitCode(for: error)
            if status == .success {  // --help, --version
                do { try System.standardOutput(fullMessage(for: error) + "\n") } catch { fail((error as? ToolError)?.message ?? "\(error)", status: ExitStatus.cannotWrite.rawValue) }
                Glibc.exit(0)
            }
            // ArgumentParser's own message, without the usage block it appends.
            let message = self.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            fail(message + " (see --help)", status: status.rawValue)
        }
    }

    private static func fail(_ message: String, status: Int32) -> Never {
        var line = String(message.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
        if line.hasPrefix("Error: ") { line.removeFirst(7) }
        System.standardError("micrograd-viz: error: \(ErrorText.oneLine(line))\n")
        Glibc.exit(status)
    }
}
