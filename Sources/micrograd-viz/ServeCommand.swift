import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Playground

/// `micrograd-viz serve`: the live playground, a page and a JSON API served by the tool itself.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the live playground: type a program, drag its inputs, step through backward.",
        discussion: """
            The page and its API come from this binary; nothing is loaded from elsewhere. The
            first line on stderr is `serving on http://HOST:PORT/`. SIGINT or SIGTERM (Ctrl-C)
            stops the server after the requests in flight (exit status 0).
            API: POST /api/graph {program, inputs, stage, rankdir, color} gives the nodes, edges,
            SVG and walkthrough steps as JSON; see the README.

            Examples:
              micrograd-viz serve                       # http://127.0.0.1:8080/
              micrograd-viz serve --port 0 --open       # a free port, opened in a browser
              micrograd-viz serve --host 0.0.0.0        # a classroom: every address (a warning says so)

            Exit status: 0 stopped by a signal, 64 bad arguments (a --host that is not an
            address of this machine), 69 the port is in use or not allowed.
            """
    )

    @Option(help: ArgumentHelp("Address to listen on: an IP address of this machine, or localhost.", valueName: "address"))
    var host = "127.0.0.1"

    @Option(help: ArgumentHelp("Port to listen on; 0 takes a free one.", valueName: "port"))
    var port = 8080

    @Flag(help: "Open the page in a browser (xdg-open).")
    var open = false

    @Option(help: ArgumentHelp("Refuse pictures with more nodes than this (HTTP 422).", valueName: "n"))
    var maxNodes = 1000

    @Option(help: ArgumentHelp("Train at most this many Network-view sessions at once; a page that starts one more gets HTTP 503 until one ends.",
                               valueName: "n"))
    var maxSessions = ServeOptions().maxSessions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, not \(port)") }
        guard maxNodes > 0 else { throw ValidationError("--max-nodes must be positive, not \(maxNodes)") }
        guard maxSessions > 0 else { throw ValidationError("--max-sessions must be positive, not \(maxSessions)") }
    }

    func run() throws {
        let everywhere = host == "0.0.0.0" || host == "::"
        let open = self.open
        do {
            // Pictures are rendered by this binary's `worker` mode (Graphviz leaks on every render).
            let options = ServeOptions(host: host, port: port, maxNodes: maxNodes, maxSessions: maxSessions,
                                       workerExecutable: "/proc/self/exe")
            try Playground.serve(options) { url in
                System.standardError("serving on \(url)\n")
                if everywhere {
                    System.standardError("micrograd-viz: warning: listening on every address: anyone who can reach this machine can use the playground\n")
                }
                if open { Browser.open(url) }
            }
        } catch {
            throw ToolError(message: error.description, status: error.kind == .badHost ? .usage : .unavailable)
        }
    }
}

/// Opening a page in the user's browser.
enum Browser {
    /// Starts `xdg-open URL` (not waited for); a note says so when it cannot be started.
    static func open(_ url: String) {
        var pid = pid_t()
        let arguments = ["xdg-open", url]
        var argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        if posix_spawnp(&pid, "xdg-open", nil, nil, &argv, environ) != 0 {
            System.standardError("micrograd-viz: cannot start xdg-open: open \(url) in a browser\n")
        }
    }
}
