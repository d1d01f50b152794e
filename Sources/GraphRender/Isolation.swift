import CGraphviz
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parsing, layout and rendering in a child process, so that Graphviz cannot take the caller down: the
/// child is forked, parses and checks the DOT text, runs under the budget's address-space and CPU
/// limits with its stderr captured, and sends its answer back as a `RenderResponse` frame; the parent
/// kills it when the wall-clock budget runs out. A crash, abort, stack overflow, exhausted memory or
/// timeout in the child becomes one `failed` error.
///
/// Forking copies only the calling thread: the child touches nothing but Graphviz, the DOT text and
/// its own memory. Call under the Graphviz lock.
enum Isolation {
    /// Runs `work` in a child under `budget`; returns what it returned, or throws what it threw or why it died.
    ///
    /// A child forked from a process with other threads can start with a lock one of them held
    /// (the allocator's, fontconfig's) and hang before doing any work: one that runs out of time
    /// having used almost no CPU is forked once more, and only a second hang is an error.
    static func run(_ budget: RenderBudget, _ work: () throws(GraphvizError) -> Rendering,
                    retry: Bool = true) throws(GraphvizError) -> Rendering {
        var answer: [Int32] = [-1, -1], messages: [Int32] = [-1, -1]
        guard pipe(&answer) == 0 else { throw failed("could not start a Graphviz process: \(errorText(errno))") }
        guard pipe(&messages) == 0 else {
            let code = errno
            close(answer[0]); close(answer[1])
            throw failed("could not start a Graphviz process: \(errorText(code))")
        }
        let pid = fork()
        if pid == 0 {
            close(answer[0]); close(messages[0])
            child(answer: answer[1], messages: messages[1], budget: budget, work: work)
        }
        let code = errno
        close(answer[1]); close(messages[1])
        guard pid > 0 else {
            close(answer[0]); close(messages[0])
            throw failed("could not start a Graphviz process: \(errorText(code))")
        }
        var outcome = collect(pid, answer: answer[0], messages: messages[0], seconds: budget.wallSeconds)
        if outcome.timedOut && retry && outcome.cpuSeconds < Self.stuckCPUSeconds {
            return try run(budget, work, retry: false)
        }
        if outcome.timedOut { throw outOfTime(budget) }
        if outcome.status == 0, let response = RenderResponse(decoding: outcome.takeAnswer()) {
            return try response.result.get()
        }
        throw death(outcome, budget: budget)
    }

    /// The error of a render that ran past the budget's wall clock.
    static func outOfTime(_ budget: RenderBudget) -> GraphvizError {
        GraphvizError("the layout took longer than the \(RenderBudget.seconds(budget.wallSeconds)) budget", kind: .outOfTime)
    }

    /// A timed-out child that used less CPU than this was stuck, not working.
    static let stuckCPUSeconds = 0.05

    /// What the parent saw of a child.
    struct Outcome {
        var answer: [UInt8] = []
        var messages: [UInt8] = []
        var timedOut = false
        /// The raw `waitpid` status.
        var status: Int32 = 0
        /// How far the child's resident memory grew past the parent's, in bytes.
        var grown = 0
        /// The CPU seconds the child used.
        var cpuSeconds = 0.0

        /// The answer's bytes, leaving none here: the caller holds the only reference to their storage.
        mutating func takeAnswer() -> [UInt8] {
            defer { answer = [] }
            return answer
        }
    }

    /// The child's side: limits, then `work`, then the answer frame; never returns.
    private static func child(answer: Int32, messages: Int32, budget: RenderBudget, work: () throws(GraphvizError) -> Rendering) -> Never {
        enterSandbox()
        gv_die_with_parent()
        dup2(messages, STDERR_FILENO)
        close(messages)
        let null = open("/dev/null", O_RDWR)
        if null >= 0 { dup2(null, STDIN_FILENO); dup2(null, STDOUT_FILENO); close(null) }
        applyLimits(budget)
        let result = Result { () throws(GraphvizError) in try work() }
        _exit(RenderResponse(result).write(to: answer) ? 0 : 1)
    }

    /// Makes this process one that a crash ends at once: crash signals at their default (no Swift
    /// backtracer, which would take seconds), no signal blocked (a test runner's thread may block
    /// SIGXCPU), no core dump; and one whose allocator may be tuned for large layouts (`LayoutHeap`).
    static func enterSandbox() {
        LayoutHeap.enable()
        for signal in [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGXCPU, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE] {
            Glibc.signal(signal, SIG_DFL)
        }
        var none = sigset_t()
        sigemptyset(&none)
        sigprocmask(SIG_SETMASK, &none, nil)
        _ = gv_set_limit(gv_limit_core, 0, 0)
    }

    /// Limits what this process may still use to `budget`: its address space to what it maps now plus
    /// `addressSpace`, its CPU time to what it used so far plus `cpuSeconds` (soft limits: SIGXCPU ends it).
    static func applyLimits(_ budget: RenderBudget) {
        var used = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &used)
        let spent = Double(used.ru_utime.tv_sec + used.ru_stime.tv_sec) + Double(used.ru_utime.tv_usec + used.ru_stime.tv_usec) / 1e6
        let cpu = (spent + max(1, budget.cpuSeconds)).rounded(.up)
        _ = gv_set_limit(gv_limit_cpu, cpu < 1e15 ? UInt(cpu) : UInt.max, UInt.max)
        let memory = mappedBytes().addingReportingOverflow(max(0, budget.addressSpace))
        _ = gv_set_limit(gv_limit_address_space, memory.overflow ? UInt.max : UInt(memory.partialValue), UInt.max)
    }

    /// Reads the child's answer and messages until both end or `seconds` pass (then kills it), and reaps it.
    private static func collect(_ pid: pid_t, answer: Int32, messages: Int32, seconds: Double) -> Outcome {
        var outcome = Outcome()
        var open = [answer, messages]
        outcome.timedOut = !listen(&open, answer: answer, into: &outcome, seconds: seconds, untilFrame: false)
        if outcome.timedOut { kill(pid, SIGKILL) }
        for fd in open { close(fd) }
        reap(pid, into: &outcome)
        return outcome
    }

    /// Reads what a render process writes on `open` (its answer pipe `answer` and its messages) into
    /// `outcome`, closing each descriptor that ends and removing it from `open`, until all have ended —
    /// or, `untilFrame`, until the answer holds one whole `RenderResponse` frame. False when `seconds`
    /// passed first.
    static func listen(_ open: inout [Int32], answer: Int32, into outcome: inout Outcome, seconds: Double, untilFrame: Bool) -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds.isFinite ? max(0, seconds) : 1e9)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while !open.isEmpty {
            if untilFrame, let length = RenderResponse.frameLength(header: outcome.answer[...]), outcome.answer.count >= length { return true }
            let left = deadline - .now
            guard left > .zero else { return false }
            let milliseconds = left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), Int32(min(milliseconds, 60_000)))
            if ready < 0 && errno != EINTR { break }
            for fd in fds where fd.revents != 0 {
                let n = chunk.withUnsafeMutableBytes { read(fd.fd, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 {
                    close(fd.fd)
                    open.removeAll { $0 == fd.fd }
                } else if fd.fd == answer {
                    outcome.answer += chunk[..<n]
                    if let length = RenderResponse.frameLength(header: outcome.answer[...]), length > outcome.answer.capacity {
                        outcome.answer.reserveCapacity(min(length, Self.largestReservation))  // the whole frame at once, not doubling
                    }
                } else if outcome.messages.count < 4096 {
                    outcome.messages += chunk[..<n]
                }
            }
        }
        return true
    }

    /// The most room `listen` makes for a frame its header announces (256 MiB); a longer one grows as it comes.
    static let largestReservation = 1 << 28

    /// Waits for a render process that ended (or was killed) and records its status, growth and CPU time.
    static func reap(_ pid: pid_t, into outcome: inout Outcome) {
        var usage = rusage(), own = rusage()
        while wait4(pid, &outcome.status, 0, &usage) < 0 && errno == EINTR {}
        getrusage(Int32(RUSAGE_SELF.rawValue), &own)
        outcome.grown = (usage.ru_maxrss - own.ru_maxrss) * 1024
        outcome.cpuSeconds = [usage.ru_utime, usage.ru_stime].reduce(0) { $0 + Double($1.tv_sec) + Double($1.tv_usec) / 1e6 }
    }

    /// Why a child ended without an answer, as one line.
    static func death(_ outcome: Outcome, budget: RenderBudget) -> GraphvizError {
        let signal = outcome.status & 0x7F, code = (outcome.status >> 8) & 0xFF
        let said = String(decoding: outcome.messages, as: UTF8.self)
        let lowered = said.lowercased()
        // Graphviz rarely checks what malloc returns, so a crash after the memory grew to half the budget is taken for
        // running out of it; so is a Swift runtime trap (SIGTRAP): the child's Swift code only allocates.
        if ["out of memory", "memory exhausted", "allocat", "bad_alloc"].contains(where: lowered.contains)
            || (signal != 0 && outcome.grown >= budget.addressSpace / 2) || signal == SIGTRAP {
            return GraphvizError("Graphviz ran out of memory: the layout needed more than the \(RenderBudget.bytes(budget.addressSpace)) budget",
                                 kind: .outOfMemory)
        }
        if signal == SIGXCPU || (signal == SIGKILL && outcome.cpuSeconds >= budget.cpuSeconds.rounded(.up)) {
            return GraphvizError("the layout used more than the \(RenderBudget.seconds(budget.cpuSeconds)) CPU budget", kind: .outOfTime)
        }
        if signal != 0 {
            return failed("Graphviz crashed (\(name(of: signal))) laying out or rendering the graph")
        }
        let first = said.split(whereSeparator: { $0 == "\n" }).first.map { ErrorText.oneLine(String($0.prefix(200))) }
        return failed("the Graphviz process ended with status \(code)" + (first.map { ": \($0)" } ?? " and no answer"))
    }

    private static func name(of signal: Int32) -> String {
        let names: [Int32: String] = [SIGSEGV: "SIGSEGV", SIGBUS: "SIGBUS", SIGILL: "SIGILL", SIGFPE: "SIGFPE", SIGABRT: "SIGABRT",
                                       SIGTRAP: "SIGTRAP", SIGKILL: "SIGKILL", SIGTERM: "SIGTERM", SIGSYS: "SIGSYS", SIGPIPE: "SIGPIPE", SIGXCPU: "SIGXCPU"]
        return names[signal] ?? "signal \(signal)"
    }

    /// Bytes of address space the process maps now (the first field of /proc/self/statm, in pages); 0 if unknown.
    private static func mappedBytes() -> Int {
        let fd = open("/proc/self/statm", O_RDONLY)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n > 0, let pages = Int(String(decoding: buffer[..<n].prefix { $0 != 0x20 }, as: UTF8.self)) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Writes all of `bytes`; false if it could not.
    static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
    }

    private static func errorText(_ code: Int32) -> String { String(cString: strerror(code)) }

    private static func failed(_ message: String) -> GraphvizError { GraphvizError(message, kind: .failed) }
}
