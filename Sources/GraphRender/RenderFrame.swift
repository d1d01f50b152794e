/// What a render process sends back: one frame, a fixed header then two byte strings.
///
/// Header (20 bytes): `MGVZ`, version 1, status (0 rendered, else the `GraphvizError.Kind`),
/// two zero bytes, the text's length (UInt32, little-endian), the bytes' length (UInt64,
/// little-endian); then the text (UTF-8: the note of a rendering, or the error's message),
/// then the bytes (the rendered file; none for an error). The same frame serves a child forked
/// for one render and a long-lived worker answering one request after another.
struct RenderResponse {
    /// The rendering, or why there is none.
    let result: Result<Rendering, GraphvizError>

    static let magic: [UInt8] = Array("MGVZ".utf8)
    static let version: UInt8 = 1
    static let headerSize = 20

    /// The frame.
    func encoded() -> [UInt8] {
        let (status, text, bytes): (UInt8, String, [UInt8]) = switch result {
        case .success(let rendering): (0, rendering.note ?? "", rendering.bytes)
        case .failure(let error): (error.kind.rawValue, error.message, [])
        }
        let utf8 = Array(text.utf8)
        var frame = Self.magic + [Self.version, status, 0, 0]
        frame += Self.littleEndian(UInt64(utf8.count), bytes: 4) + Self.littleEndian(UInt64(bytes.count), bytes: 8)
        frame.reserveCapacity(frame.count + utf8.count + bytes.count)
        return frame + utf8 + bytes
    }

    /// The response a complete frame holds; nil when `frame` is not one (cut short, too long, not ours).
    init?(decoding frame: [UInt8]) {
        guard frame.count >= Self.headerSize, frame.starts(with: Self.magic), frame[4] == Self.version else { return nil }
        let textLength = Self.value(frame[8..<12]), byteLength = Self.value(frame[12..<20])
        guard UInt64(frame.count - Self.headerSize) == textLength &+ byteLength, textLength <= UInt64(frame.count) else { return nil }
        let textEnd = Self.headerSize + Int(textLength)
        let text = String(decoding: frame[Self.headerSize..<textEnd], as: UTF8.self)
        if frame[5] == 0 {
            result = .success(Rendering(bytes: Array(frame[textEnd...]), note: text.isEmpty ? nil : text))
        } else if let kind = GraphvizError.Kind(rawValue: frame[5]) {
            result = .failure(GraphvizError(text, kind: kind))
        } else {
            return nil
        }
    }

    /// The response for `result`.
    init(_ result: Result<Rendering, GraphvizError>) { self.result = result }

    private static func littleEndian(_ value: UInt64, bytes: Int) -> [UInt8] {
        (0..<bytes).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    private static func value(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }
}
