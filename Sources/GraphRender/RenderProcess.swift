import CGraphviz
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The render process a run starts ahead of its first picture (`Graphviz.prepare()`).
///
/// It is forked while the caller still has one thread, so it starts with no lock held by anyone; it
/// loads Graphviz's plugins and fonts (most of a small render's time) while the caller parses its
/// arguments and builds the graph, then serves `RenderRequest` frames as a `RenderWorker` does, each
/// under its request's budget. Graphviz runs only there: the caller never loads it. A render that
/// ends the process (a crash, a spent budget) or outlives the wall clock is reported as `Isolation`
/// reports a child's death, and later renders fork a child each.
enum RenderProcess {
    /// The process and its three channels (the caller's ends).
    private struct Worker {
        var pid: pid_t
        /// Requests go out on one end of a socket pair: a send to a process that died fails with
        /// EPIPE instead of raising SIGPIPE in the caller.
        var requests: Int32
        var answers: Int32
        var messages: Int32
    }

    private static let worker = Mutex<Worker?>(nil)

    /// Forks the render process, unless there is one. Does nothing if the fork fails (renders then fork their own).
    static func start() {
        worker.withLock { worker in
            guard worker == nil else { return }
            var requests: [Int32] = [-1, -1], answers: [Int32] = [-1, -1], messages: [Int32] = [-1, -1]
            guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &requests) == 0 else { return }
            guard pipe(&answers) == 0, pipe(&messages) == 0 else {
                (requests + answers).filter { $0 >= 0 }.forEach { close($0) }
                return
            }
            let pid = fork()
            if pid == 0 {
                close(requests[0]); close(answers[0]); close(messages[0])
                serve(requests: requests[1], answers: answers[1], messages: messages[1])
            }
            close(requests[1]); close(answers[1]); close(messages[1])
            guard pid > 0 else {
                close(requests[0]); close(answers[0]); close(messages[0])
                return
            }
            for fd in [requests[0], answers[0], messages[0]] { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            worker = Worker(pid: pid, requests: requests[0], answers: answers[0], messages: messages[0])
        }
    }

    /// The render process's side: a sandbox, Graphviz's context and plugins, a first picture of its
    /// own to load the fonts unless a request is already waiting (which then loads them), then
    /// requests until the caller closes its end; never returns.
    private static func serve(requests: Int32, answers: Int32, messages: Int32) -> Never {
        Isolation.enterSandbox()
        gv_die_with_parent()
        dup2(messages, STDERR_FILENO)
        close(messages)
        let null = open("/dev/null", O_RDWR)
        if null >= 0 { dup2(null, STDIN_FILENO); dup2(null, STDOUT_FILENO); close(null) }
        _ = Graphviz.formats  // creates the context: reads the plugin registry, loads the plugins
        var pending = pollfd(fd: requests, events: Int16(POLLIN), revents: 0)
        if poll(&pending, 1, 0) == 0 {  // no picture asked for yet: load the fonts with a picture of our own
            var warm = RenderBudget.standard
            warm.inProcess = true
            _ = try? Graphviz.render(dot: warmUpDOT, format: "svg", budget: warm)
        }
        _exit(RenderWorker.serve(input: requests, output: answers) ? 0 : 1)
    }

    /// A value node in the lab's record shape and the op node that makes it, drawn as the pictures
    /// draw them (filled, left to right, in the default font): the warm-up loads what every picture
    /// needs — the fonts, and the code that lays out, routes and writes records, ops and edges. The
    /// graph and its edge are named (`key`), so they take none of the numbers Graphviz gives anonymous
    /// graphs and edges: the first picture is still titled `%3`, as `dot` titles it.
    private static let warmUpDOT = #"""
        digraph warmup { graph [rankdir=LR]
        a [label="{ a | data 2.0000 | grad 0.0000 }" shape=record style=filled fillcolor="#cfe2ff"]
        aop [label="*" style=filled fillcolor="#f2f2f2" color="#999999"] aop -> a [key=warm] }
        """#

    /// The render process's answer to `request`, or nil when there is no render process (never
    /// started, or ended by an earlier render, or found gone now).
    static func render(_ request: RenderRequest) -> Result<Rendering, GraphvizError>? {
        worker.withLock { worker -> Result<Rendering, GraphvizError>? in
            guard let current = worker else { return nil }
            var outcome = Isolation.Outcome()
            var open = [current.answers, current.messages]
            guard request.send(to: current.requests) else {
                end(current, open: open, into: &outcome)
                worker = nil
                return nil
            }
            let inTime = Isolation.listen(&open, answer: current.answers, into: &outcome, seconds: request.budget.wallSeconds,
                                          untilFrame: true)
            // A whole answer, with both channels still open (the process lives on for the next request).
            if inTime, open.count == 2, let response = RenderResponse(decoding: outcome.takeAnswer()) {
                return response.result
            }
            end(current, open: open, into: &outcome)
            worker = nil
            return .failure(inTime ? Isolation.death(outcome, budget: request.budget) : Isolation.outOfTime(request.budget))
        }
    }

    /// Kills and reaps the render process and closes its request socket and the channels still `open`.
    private static func end(_ worker: Worker, open: [Int32], into outcome: inout Isolation.Outcome) {
        kill(worker.pid, SIGKILL)
        close(worker.requests)
        open.forEach { close($0) }
        Isolation.reap(worker.pid, into: &outcome)
    }
}
