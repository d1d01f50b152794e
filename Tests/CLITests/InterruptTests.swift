import Foundation
import Testing

/// The executable started in the background, to be signalled or waited for with a time limit.
final class Spawned: @unchecked Sendable {
    struct Outcome {
        /// The exit status, or the signal's number when `signalled`.
        let status: Int32
        let signalled: Bool
        let timedOut: Bool
        let stdout: [UInt8]
        let stderr: String
        let seconds: Double
    }

    let process = Process()
    private let output = Pipe(), errors = Pipe(), input = Pipe()
    private let readers = DispatchGroup()
    private let lock = NSLock()
    private var outData = Data(), errData = Data()
    private let started = ContinuousClock.now

    /// Starts the tool; `stdin` is written from another thread, so a large input cannot block.
    init(_ arguments: [String], stdin: Data = Data(), in directory: URL? = nil) throws {
        process.executableURL = Tool.executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let (out, err) = (output.fileHandleForReading, errors.fileHandleForReading)
        DispatchQueue.global().async(group: readers) { let d = out.readDataToEndOfFile(); self.lock.withLock { self.outData = d } }
        DispatchQueue.global().async(group: readers) { let d = err.readDataToEndOfFile(); self.lock.withLock { self.errData = d } }
        let writer = input.fileHandleForWriting
        DispatchQueue.global().async {
            // The tool may exit before it reads all of stdin: make that a write error for this
            // thread, not a SIGPIPE that ends the test process.
            var pipeSignal = sigset_t()
            sigemptyset(&pipeSignal)
            sigaddset(&pipeSignal, SIGPIPE)
            pthread_sigmask(SIG_BLOCK, &pipeSignal, nil)
            try? writer.write(contentsOf: stdin)
            try? writer.close()
            var pending = sigset_t()
            sigpending(&pending)
            if sigismember(&pending, SIGPIPE) == 1 {
                var zero = timespec()
                _ = sigtimedwait(&pipeSignal, nil, &zero)
            }
            pthread_sigmask(SIG_UNBLOCK, &pipeSignal, nil)
        }
    }

    var pid: Int32 { process.processIdentifier }

    func send(_ signal: Int32) { kill(pid, signal) }

    /// Waits for the end; past `timeout` seconds the process is killed and `timedOut` is set.
    func wait(timeout: Double) -> Outcome {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        let timedOut = process.isRunning
        if timedOut { kill(pid, SIGKILL) }
        process.waitUntilExit()
        readers.wait()
        let elapsed = (ContinuousClock.now - started).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        return lock.withLock {
            Outcome(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal, timedOut: timedOut,
                    stdout: [UInt8](outData), stderr: String(decoding: errData, as: UTF8.self), seconds: seconds)
        }
    }
}

/// Interrupting a run that writes a file leaves neither the file nor its temporary file behind.
@Suite("Atomic writes under SIGINT, SIGTERM, SIGHUP and SIGQUIT")
struct InterruptTests {
    /// Seconds of layout in a debug build (about 10): long enough to be interrupted on the way.
    static let slowPicture = ["mlp", "2,16,16,1", "--loss", "--dataset", "moons:10", "--force", "--depth", "op", "--out", "big.svg"]
    /// About 25 MB of JSON, written in about 0.1 s: long enough to be interrupted while writing.
    static let bigJSON = ["mlp", "2,16,16,1", "--loss", "--dataset", "moons:300", "--json", "--out", "big.json"]

    /// User and system CPU time of a running process and, with `withChildren`, of the processes
    /// it has running (the layout runs in a child), from /proc (0 once it has gone).
    static func cpuSeconds(of pid: Int32, withChildren: Bool) -> Double {
        guard withChildren else { return cpuSeconds(of: pid) }
        let children = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
        return cpuSeconds(of: pid) + children.split(separator: " ").compactMap { Int32($0) }.map(cpuSeconds(of:)).reduce(0, +)
    }

    /// User and system CPU time of one running process, from /proc (0 once it has gone).
    static func cpuSeconds(of pid: Int32) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let end = stat.lastIndex(of: ")") else { return 0 }
        let fields = stat[stat.index(after: end)...].split(separator: " ")
        // After the command: state is field 3, utime and stime are fields 14 and 15 (1-based).
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    static func names(in directory: URL) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? ["<unreadable>"]
    }

    /// SIGQUIT ends a run as SIGINT does: no core dump, no backtrace.
    static func ending(_ signal: Int32) -> Int32 { signal == SIGQUIT ? SIGINT : signal }

    @Test("interrupted while laying out: killed by the signal, no file, nothing said", arguments: [SIGINT, SIGTERM, SIGHUP, SIGQUIT])
    func duringLayout(signal: Int32) throws {
        let dir = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try Spawned(Self.slowPicture, in: dir)
        // Signal once the run is well into its work: half a second of CPU time spent (building
        // the graph takes milliseconds, the layout seconds), not after a fixed sleep.
        while run.process.isRunning && Self.cpuSeconds(of: run.pid, withChildren: true) < 0.5 { usleep(2_000) }
        run.send(signal)
        let outcome = run.wait(timeout: 60)
        #expect(!outcome.timedOut)
        #expect(outcome.signalled && outcome.status == Self.ending(signal), "status \(outcome.status), signalled \(outcome.signalled): \(outcome.stderr)")
        #expect(outcome.stderr.isEmpty)
        #expect(Self.names(in: dir).isEmpty, "left behind: \(Self.names(in: dir))")
    }

    /// The signal arrives while the temporary file is being written: the handler removes it.
    @Test("interrupted while writing: the temporary file is removed", arguments: [SIGINT, SIGTERM, SIGHUP, SIGQUIT])
    func duringWrite(signal: Int32) throws {
        var caught = false
        for attempt in 1...3 where !caught {
            let dir = try Tool.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            let run = try Spawned(Self.bigJSON, in: dir)
            var sawTemporary = false
            // Poll for the temporary file (`.mgv<pid>-0.tmp`), then signal at once.
            while run.process.isRunning {
                if Self.names(in: dir).contains(where: { $0.hasSuffix(".tmp") }) {
                    run.send(signal)
                    sawTemporary = true
                    break
                }
                usleep(500)
            }
            let outcome = run.wait(timeout: 60)
            #expect(!outcome.timedOut)
            if outcome.signalled {
                caught = true
                #expect(sawTemporary)
                #expect(outcome.status == Self.ending(signal))
                #expect(Self.names(in: dir).isEmpty, "left behind: \(Self.names(in: dir))")
            } else {
                // The write finished before the signal came (attempt \(attempt)): the file is whole.
                #expect(outcome.status == 0, "\(outcome.stderr)")
                #expect(Self.names(in: dir) == ["big.json"], "attempt \(attempt): \(Self.names(in: dir))")
                let text = try String(contentsOf: dir.appendingPathComponent("big.json"), encoding: .utf8)
                #expect(text.hasSuffix("]}\n"))
            }
        }
        #expect(caught, "the signal never arrived while the temporary file existed")
    }

    @Test("a completed run leaves exactly the file, and no temporary file")
    func completed() throws {
        let dir = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outcome = try Spawned(["mlp", "2,4,1", "--loss", "--dataset", "moons:20", "--out", "small.svg"], in: dir).wait(timeout: 60)
        #expect(outcome.status == 0 && !outcome.signalled)
        #expect(Self.names(in: dir) == ["small.svg"])
    }
}
