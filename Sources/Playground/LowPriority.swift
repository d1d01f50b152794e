import NIOPosix
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

extension NIOThreadPool {
    /// Lowers each of the pool's `count` threads (started) to the lowest priority, nice 19, once:
    /// background work that must yield the cores to the server's interactive work.
    ///
    /// On a machine of two cores the training threads, the render thread and the event loops
    /// compete; at nice 0 `/api/graph`'s p99 beside 8 training sessions was 50 to 500 ms, at nice
    /// 10 still 36 to 600 ms, at nice 19 (or SCHED_IDLE, about the same) 27 to 36 ms, while one
    /// session alone still trains at its full speed (`Scripts/bench_server.py`).
    ///
    /// Each thread takes one job that lowers it and then waits until all `count` jobs have run,
    /// so no thread takes two and every thread is lowered. Linux only: there the nice value is
    /// the thread's, and `setpriority(PRIO_PROCESS, 0, …)` sets the calling thread's.
    func lowerPriority(threads count: Int) {
        #if os(Linux)
        let lowered = Arrivals()
        for _ in 0..<count {
            submit { state in
                // A job cancelled by a shutdown runs off the pool: it counts, so that none waits forever.
                if state == .active { setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19) }
                lowered.count.add(1, ordering: .relaxed)
                while lowered.count.load(ordering: .relaxed) < count { sched_yield() }
            }
        }
        #endif
    }
}

/// How many of a pool's start-up jobs have run.
private final class Arrivals: Sendable {
    let count = Atomic<Int>(0)
}
