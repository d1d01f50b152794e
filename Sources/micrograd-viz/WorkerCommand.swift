import ArgumentParser
import GraphRender
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `micrograd-viz worker` (hidden): a long-lived render process for a server's pool, answering
/// render request frames on stdin with response frames on stdout (see `RenderWorker`).
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Answer render requests on stdin with rendered files on stdout (for a server's worker pool).",
        shouldDisplay: false
    )

    func run() throws {
        // The frames go to the real stdout; anything Graphviz prints there goes nowhere.
        let answers = dup(STDOUT_FILENO)
        let null = open("/dev/null", O_WRONLY)
        guard answers >= 0, null >= 0, dup2(null, STDOUT_FILENO) >= 0 else {
            throw ToolError.cannotWrite("cannot set up the worker's output: \(System.errorText(errno))")
        }
        close(null)
        guard RenderWorker.serve(input: STDIN_FILENO, output: answers) else {
            throw ToolError.badInput("the worker's input is not a sequence of render request frames, or its output closed")
        }
    }
}
