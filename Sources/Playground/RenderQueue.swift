import NIOPosix
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The executor of the engine and Graphviz work, with a bounded queue: a dedicated thread (libgvc
/// is not thread-safe, and a long layout must not hold up the server's event loops), or with
/// render workers one thread per worker, each job given a worker of its own. A job that finds
/// `capacity` jobs already waiting or running is refused with 503.
final class RenderQueue: Sendable {
    /// The most jobs waiting or running at once.
    let capacity: Int
    /// What a refused request is told to wait, in seconds.
    static let retryAfter = 1

    private let thread: NIOThreadPool
    private let admitted = Atomic<Int>(0)
    /// The workers no job holds now (none without a worker executable).
    private let idle: Mutex<[WorkerProcess]>

    /// A queue of `capacity` places, its threads started; with a `workerExecutable`, one worker
    /// (`EXECUTABLE worker`) per core, at most 4, and as many threads.
    init(capacity: Int, workerExecutable: String? = nil) {
        self.capacity = capacity
        let workers = workerExecutable.map { executable in
            (0..<min(max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))), 4)).map { _ in WorkerProcess(executable: executable) }
        } ?? []
        idle = Mutex(workers)
        thread = NIOThreadPool(numberOfThreads: max(1, workers.count))
        thread.start()
    }

    /// How many jobs are waiting or running now.
    var admittedCount: Int { admitted.load(ordering: .relaxed) }

    deinit { thread.shutdownGracefully { _ in } }

    /// Runs `job` on the queue's thread and gives its result; throws `busy` at once when the queue is full.
    func run<T: Sendable>(_ job: @escaping @Sendable () throws(PlaygroundError) -> T) async throws(PlaygroundError) -> T {
        guard admitted.add(1, ordering: .relaxed).newValue <= capacity else {
            admitted.subtract(1, ordering: .relaxed)
            throw .busy(retryAfter: Self.retryAfter)
        }
        defer { admitted.subtract(1, ordering: .relaxed) }
        return try await thread.job(job)
    }

    /// Runs `job` as `run` does, with a worker of its own to render in (nil without workers: then
    /// it renders on the queue's thread).
    func render<T: Sendable>(_ job: @escaping @Sendable (WorkerProcess?) throws(PlaygroundError) -> T) async throws(PlaygroundError) -> T {
        try await run { () throws(PlaygroundError) -> T in
            // As many threads as workers: a running job always finds one.
            let worker = self.idle.withLock { $0.popLast() }
            defer { if let worker { self.idle.withLock { $0.append(worker) } } }
            return try job(worker)
        }
    }
}

extension NIOThreadPool {
    /// Runs `job` on one of the pool's threads and gives its result; `busy` only when the pool
    /// is shutting down.
    func job<T: Sendable>(_ job: @escaping @Sendable () throws(PlaygroundError) -> T) async throws(PlaygroundError) -> T {
        let result: Result<T, PlaygroundError>
        do {
            result = try await runIfActive { Result(catching: job) }
        } catch {
            throw .busy(retryAfter: RenderQueue.retryAfter)
        }
        return try result.get()
    }
}
