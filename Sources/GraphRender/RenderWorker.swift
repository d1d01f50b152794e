#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A long-lived render process (`micrograd-viz worker`), for a server that keeps a few of them
/// instead of forking one child per render: reads `RenderRequest` frames and answers each with a
/// `RenderResponse` frame, in order.
///
/// The worker is itself the sandbox: it lays out in its own process, under each request's CPU and
/// address-space budget (setrlimit, on top of what it has used and mapped so far), and its parent
/// bounds the wall time by killing it. A crash or a spent budget ends the worker; its parent sees
/// its answer pipe end and its exit status, and starts another.
public enum RenderWorker {
    /// Serves requests from `input` on `output` until `input` ends between frames (true), or
    /// brings something that is not a whole request frame, or `output` cannot be written (false).
    public static func serve(input: Int32, output: Int32) -> Bool {
        Isolation.enterSandbox()
        while true {
            guard let header = read(input, count: RenderRequest.headerSize) else { return false }
            if header.isEmpty { return true }
            guard let length = RenderRequest.frameLength(header: header[...]),
                  let body = read(input, count: length - header.count), body.count == length - header.count,
                  let request = RenderRequest(decoding: header + body) else { return false }
            var budget = request.budget
            budget.inProcess = true
            Isolation.applyLimits(budget)
            let result = Result { () throws(GraphvizError) in
                try Graphviz.render(dot: request.dot, format: request.format, engine: request.engine,
                                    maxPixels: request.maxPixels, maxNodes: request.maxNodes, budget: budget)
            }
            guard RenderResponse(result).write(to: output) else { return false }
        }
    }

    /// `count` bytes from `fd`: all of them, or fewer when the input ends first (none at its end);
    /// nil on a read error.
    private static func read(_ fd: Int32, count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + filled, count - filled) }
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { break }
            filled += n
        }
        return Array(bytes[..<filled])
    }
}
