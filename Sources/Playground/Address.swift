#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Where the server listens, and which `Host` and `Origin` headers name it.
///
/// A request must name the server by the listening address or `localhost`, with the port (the
/// defence against DNS rebinding: a page of another site, its name re-pointed at 127.0.0.1, still
/// sends its own name). When the server listens on every address (`0.0.0.0` or `::`), any IP
/// address is the server's own, and names other than `localhost` are still refused.
final class Address: Sendable {
    /// The host as given to bind to: an IPv4 or IPv6 address.
    let host: String
    private let boundPort: Mutex<Int>

    /// An address whose port is known (or 0 until the server is running).
    init(host: String, port: Int) {
        self.host = host
        boundPort = Mutex(port)
    }

    /// The port: the one asked for, or the one the system chose once the server listens.
    var port: Int {
        get { boundPort.withLock { $0 } }
        set { boundPort.withLock { $0 = newValue } }
    }

    /// `HOST:PORT`, with an IPv6 host in brackets.
    var authority: String { (host.contains(":") ? "[\(host)]" : host) + ":\(port)" }

    /// Whether `host` is an IPv4 or IPv6 address (not a name).
    static func isIPAddress(_ host: String) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        return inet_pton(AF_INET, host, &buffer) == 1 || inet_pton(AF_INET6, host, &buffer) == 1
    }

    /// Whether a `Host` header value (`name:port`, `[v6]:port`) names this server.
    func accepts(authority: String) -> Bool {
        let (name, port) = Self.split(authority)
        guard port == self.port || (port == nil && self.port == 80) else { return false }
        if name == "localhost" || name == host.lowercased() { return true }
        return (host == "0.0.0.0" || host == "::") && Self.isIPAddress(name)
    }

    /// Whether an `Origin` header value is this server's own page (`http://` and an accepted authority).
    func accepts(origin: String) -> Bool {
        origin.hasPrefix("http://") && accepts(authority: String(origin.dropFirst(7)))
    }

    /// The name (lower-cased, IPv6 without brackets) and the port, if any, of an authority.
    private static func split(_ authority: String) -> (String, Int?) {
        let text = authority.lowercased()
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            let rest = text[text.index(after: close)...]
            let name = String(text[text.index(after: text.startIndex)..<close])
            return (name, rest.hasPrefix(":") ? Int(rest.dropFirst()) ?? -1 : rest.isEmpty ? nil : -1)
        }
        guard let colon = text.lastIndex(of: ":") else { return (text, nil) }
        return (String(text[..<colon]), Int(text[text.index(after: colon)...]) ?? -1)
    }
}
