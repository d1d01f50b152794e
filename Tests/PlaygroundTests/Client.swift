import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
@testable import Playground

/// The playground's application under HummingbirdTesting's router framework: requests name the
/// server as `localhost` (no port, so the test address is port 80), bodies are JSON.
enum Client {
    /// The test server's address: loopback, port 80, so that HummingbirdTesting's `Host: localhost` is its own.
    static func address() -> Address { Address(host: "127.0.0.1", port: 80) }

    /// Runs `body` against a new application with these options.
    static func test(_ options: ServeOptions = ServeOptions(),
                     _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Playground.application(options, address: address(), logger: Logger(label: "test"))
        try await app.test(.router) { client in try await body(client) }
    }

    /// A JSON body from a dictionary.
    static func json(_ object: [String: Any]) throws -> ByteBuffer {
        ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object))
    }

    /// The response body parsed as a JSON object.
    static func object(_ response: TestResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any] ?? [:]
    }

    /// The response body as text.
    static func text(_ response: TestResponse) -> String { String(buffer: response.body) }
}
