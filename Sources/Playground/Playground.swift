import CMalloc
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How `micrograd-viz serve` runs.
public struct ServeOptions: Sendable {
    /// The address to listen on: an IPv4 or IPv6 address, or `localhost` (127.0.0.1).
    public var host: String
    /// The port; 0 takes a free one.
    public var port: Int
    /// Pictures of more nodes are refused with 422.
    public var maxNodes: Int
    /// The most requests waiting for or holding the renderer; more get 503.
    public var queueCapacity: Int
    /// The most training sessions at once; more get 503.
    public var maxSessions: Int
    /// The executable that, started as `EXECUTABLE worker`, lays out and renders the playground's
    /// pictures in a process of its own, replaced now and then (Graphviz leaks a little on every
    /// render: see `WorkerProcess`); nil renders them on the server's render thread.
    public var workerExecutable: String?

    /// Loopback, port 8080, 1,000 nodes, 128 requests in the queue, 16 training sessions, no worker.
    public init(host: String = "127.0.0.1", port: Int = 8080, maxNodes: Int = 1000, queueCapacity: Int = 128,
                maxSessions: Int = 16, workerExecutable: String? = nil) {
        self.host = host
        self.port = port
        self.maxNodes = maxNodes
        self.queueCapacity = queueCapacity
        self.maxSessions = maxSessions
        self.workerExecutable = workerExecutable
    }
}

/// Why the server could not run.
public struct ServeError: Error, CustomStringConvertible {
    /// What kind of failure.
    public enum Kind: Sendable {
        /// The host is not an address to listen on (a usage error).
        case badHost
        /// The port is in use or not allowed (the service is unavailable).
        case unavailable
    }

    /// What kind of failure.
    public let kind: Kind
    /// One line for the user.
    public let description: String
}

/// The live playground: serves the page and the API until SIGINT or SIGTERM.
public enum Playground {
    /// Runs the server, blocking the calling thread, and calls `onStart` with the page's address
    /// (`http://HOST:PORT/`) once it listens. SIGINT or SIGTERM let in-flight requests finish
    /// (for at most 1.5 s) and then return.
    public static func serve(_ options: ServeOptions, onStart: @escaping @Sendable (String) -> Void) throws(ServeError) {
        let host = options.host == "localhost" ? "127.0.0.1" : options.host
        guard Address.isIPAddress(host) else {
            throw ServeError(kind: .badHost, description: "--host '\(options.host)' is not an IP address (or localhost)")
        }
        // One allocator arena for every thread: with one per thread (glibc's default), a training
        // session's freed tapes stayed with the arena of the thread that ran it, and the server's
        // RSS was 15–23% above its start after 8 sessions ended (malloc_trim notwithstanding); with
        // one it comes back within 2%, for ~5% of the 64-connection throughput (Scripts/bench_server.py).
        mallopt(M_ARENA_MAX, 1)
        let outcome = Completion<Result<Void, ServeError>>()
        Task {
            do {
                try await run(options, host: host, onStart: onStart)
                outcome.finish(.success(()))
            } catch {
                outcome.finish(.failure(describe(error, options, host: host)))
            }
        }
        try outcome.wait().get()
    }

    /// The application for these options (tests drive it with HummingbirdTesting).
    static func application(_ options: ServeOptions, address: Address, logger: Logger,
                            onStart: @escaping @Sendable (String) -> Void = { _ in }) -> some ApplicationProtocol {
        let queue = RenderQueue(capacity: options.queueCapacity, workerExecutable: options.workerExecutable)
        let router = Routes.router(address: address, queue: queue, sessions: Sessions(capacity: options.maxSessions),
                                   maxNodes: options.maxNodes)
        return Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(address.host, port: address.port), serverName: nil),
            onServerRunning: { channel in
                if let port = channel.localAddress?.port { address.port = port }
                onStart("http://\(address.authority)/")
            },
            logger: logger)
    }

    private static func run(_ options: ServeOptions, host: String, onStart: @escaping @Sendable (String) -> Void) async throws {
        let logger = Logger(label: "micrograd-viz", factory: { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        })
        let app = application(options, address: Address(host: host, port: options.port), logger: logger, onStart: onStart)
        var configuration = ServiceGroupConfiguration(
            services: [.init(service: app)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = .milliseconds(1500)
        try await ServiceGroup(configuration: configuration).run()
    }

    /// The one line for a server that could not start.
    private static func describe(_ error: any Error, _ options: ServeOptions, host: String) -> ServeError {
        switch (error as? IOError)?.errnoCode {
        case EADDRINUSE?: ServeError(kind: .unavailable, description: "port \(options.port) on \(host) is in use")
        case EADDRNOTAVAIL?: ServeError(kind: .badHost, description: "cannot listen on \(options.host): not an address of this machine")
        case EACCES?: ServeError(kind: .unavailable, description: "not allowed to listen on port \(options.port)")
        default: ServeError(kind: .unavailable, description: "cannot serve on \(host):\(options.port): \(error)")
        }
    }
}

/// A result handed from a task to a thread that waits for it (the CLI's `run()` is synchronous).
private final class Completion<Value: Sendable>: @unchecked Sendable {
    private var value: Value?
    private let semaphore = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)

    init() { sem_init(semaphore, 0, 0) }

    deinit {
        sem_destroy(semaphore)
        semaphore.deallocate()
    }

    /// Sets the value (once) and wakes the waiting thread.
    func finish(_ value: Value) {
        self.value = value
        sem_post(semaphore)
    }

    /// Blocks until `finish` is called, then gives its value.
    func wait() -> Value {
        while sem_wait(semaphore) != 0 {}  // EINTR: a signal arrived; keep waiting
        return value!
    }
}
