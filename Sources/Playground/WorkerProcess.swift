import CMalloc
import GraphRender
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One of the render queue's Graphviz processes: a long-lived `EXECUTABLE worker` (`RenderWorker`)
/// that lays out and renders the playground's DOT, started when first needed and replaced after
/// `rendersPerWorker` renders.
///
/// Why not the render thread itself: libgvc 2.42 leaks on every render, and no call gives that
/// memory back (heaptrack, 1,048 renders of the warm-up program: 22,008 blocks from the record
/// labels, one copy of each field's text, and 3,144 from parsing the HTML legend, never freed; the
/// server's RSS grew ~1.1 KiB a render, linearly, +24% over the bench's 20 s mixed run). In a
/// process of its own that memory goes when the process goes: the server's memory stays flat, and
/// a worker grows by about 1 MiB before it is replaced. One render costs a round trip on a socket
/// more (tens of microseconds), and one in `rendersPerWorker` the worker's start (~25 ms). With one
/// worker per core, the renders also use both cores.
///
/// Used by one job at a time (the queue hands each job a worker of its own).
final class WorkerProcess: @unchecked Sendable {
    /// Renders a worker does before it is replaced (1,000: a worker grows by ~1 MiB).
    let rendersPerWorker: Int
    /// The running worker's process id (0 when none runs).
    private(set) var pid: pid_t = 0

    private let executable: String
    private var socket: Int32 = -1
    private var renders = 0

    /// Workers started as `executable worker` (the micrograd-viz binary), each for `rendersPerWorker` renders.
    init(executable: String, rendersPerWorker: Int = 1000) {
        self.executable = executable
        self.rendersPerWorker = rendersPerWorker
    }

    deinit { stop() }

    /// The worker's answer to `request`: its rendering or Graphviz's error; throws when the worker
    /// could not be started, died without an answer, or ran past the budget's wall time (then it is killed).
    func render(_ request: RenderRequest) throws(PlaygroundError) -> Result<Rendering, GraphvizError> {
        if pid != 0 && renders >= rendersPerWorker { stop() }
        if pid == 0 { try start() }
        renders += 1
        let (response, late) = request.send(to: socket)
            ? RenderResponse.receive(from: socket, seconds: request.budget.wallSeconds) : (nil, false)
        guard let response else {
            stop()
            if late { throw .overBudget("the layout took longer than the \(request.budget.wallSeconds) s budget") }
            throw .graphviz("the render worker ended without an answer")
        }
        return response.result
    }

    /// Starts a worker on one end of a socket pair (stdin and stdout), its stderr to /dev/null,
    /// no other descriptor of the server's.
    private func start() throws(PlaygroundError) {
        var ends: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &ends) == 0 else {
            throw .graphviz("cannot start a render worker: \(String(cString: strerror(errno)))")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[1], STDIN_FILENO)
        posix_spawn_file_actions_adddup2(&actions, ends[1], STDOUT_FILENO)
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addclosefrom_np(&actions, STDERR_FILENO + 1)
        let arguments = [executable, "worker"]
        var argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let status = posix_spawn(&pid, executable, &actions, nil, &argv, environ)
        close(ends[1])
        guard status == 0 else {
            close(ends[0])
            pid = 0
            throw .graphviz("cannot start a render worker (\(executable)): \(String(cString: strerror(status)))")
        }
        socket = ends[0]
        renders = 0
    }

    /// Ends the worker (killed: it may be in the middle of a layout) and reaps it.
    private func stop() {
        guard pid != 0 else { return }
        close(socket)
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        pid = 0
        socket = -1
    }
}
