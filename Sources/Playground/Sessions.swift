import CMalloc
import NIOPosix
import Synchronization

/// The training sessions a server runs, at most `capacity`, and the threads they train on (two:
/// off the render queue and the event loops, and at the lowest priority, so that a step never
/// holds up a picture or a request).
///
/// A session lives while its event stream is open; one whose stream has not opened within
/// `connectTimeout` of its start is dropped when the next one starts, so a page that never
/// connects cannot hold a place.
final class Sessions: Sendable {
    /// The most sessions at once.
    let capacity: Int
    /// How long a new session waits for its stream.
    static let connectTimeout = Duration.seconds(10)

    private struct Entry {
        let session: TrainingSession
        let started: ContinuousClock.Instant
        var streaming: Bool
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let counter = Atomic<Int>(0)
    private let threads: NIOThreadPool
    private static let threadCount = 2

    /// A registry of `capacity` places, its training threads started.
    init(capacity: Int) {
        self.capacity = capacity
        threads = NIOThreadPool(numberOfThreads: Self.threadCount)
        threads.start()
        threads.lowerPriority(threads: Self.threadCount)
    }

    deinit { threads.shutdownGracefully { _ in } }

    /// How many sessions are running.
    var count: Int { entries.withLock { $0.count } }

    /// A fresh id: a counter and random bits, so that one page cannot guess another's.
    func newID() -> String {
        let n = counter.add(1, ordering: .relaxed).newValue
        return "s\(n)-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
    }

    /// Takes a place for `session`, or throws 503 when every place is taken.
    func admit(_ session: TrainingSession) throws(PlaygroundError) {
        try entries.withLock { entries throws(PlaygroundError) in
            let now = ContinuousClock.now
            entries = entries.filter { $0.value.streaming || now - $0.value.started < Self.connectTimeout }
            guard entries.count < capacity else { throw .sessionsFull(limit: capacity) }
            entries[session.id] = Entry(session: session, started: now, streaming: false)
        }
    }

    /// The session of `id`, or 404.
    func session(_ id: String) throws(PlaygroundError) -> TrainingSession {
        guard let entry = entries.withLock({ $0[id] }) else { throw .noSession(id) }
        return entry.session
    }

    /// Marks the session's stream open; 409 when one already is.
    func attach(_ id: String) throws(PlaygroundError) -> TrainingSession {
        try entries.withLock { entries throws(PlaygroundError) in
            guard let entry = entries[id] else { throw .noSession(id) }
            guard !entry.streaming else { throw .conflict("session \(id) already has its event stream open") }
            entries[id]!.streaming = true
            return entry.session
        }
    }

    /// Ends the session: its place and its memory are freed, and the allocator gives the freed
    /// pages back to the system (a session's tape is megabytes, held by the training threads'
    /// malloc arenas otherwise).
    func remove(_ id: String) {
        _ = entries.withLock { $0.removeValue(forKey: id) }
        malloc_trim(0)
    }

    /// Runs `job` on a training thread.
    func run<T: Sendable>(_ job: @escaping @Sendable () throws(PlaygroundError) -> T) async throws(PlaygroundError) -> T {
        try await threads.job(job)
    }
}
