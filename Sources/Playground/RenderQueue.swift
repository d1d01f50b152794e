import NIOPosix
import Synchronization

/// The one serial executor of the engine and Graphviz work: a dedicated thread (libgvc is not
/// thread-safe, and a long layout must not hold up the server's event loops), with a bounded
/// queue. A job that finds `capacity` jobs already waiting or running is refused with 503.
final class RenderQueue: Sendable {
    /// The most jobs waiting or running at once.
    let capacity: Int
    /// What a refused request is told to wait, in seconds.
    static let retryAfter = 1
    /// The Graphviz process the jobs render in; nil: they render on the queue's thread.
    let worker: WorkerProcess?

    private let thread: NIOThreadPool
    private let admitted = Atomic<Int>(0)

    /// A queue of `capacity` places, its thread started; its jobs render in workers started as
    /// `workerExecutable worker` when one is given.
    init(capacity: Int, workerExecutable: String? = nil) {
        self.capacity = capacity
        worker = workerExecutable.map(WorkerProcess.init)
        thread = NIOThreadPool(numberOfThreads: 1)
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
