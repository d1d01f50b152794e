#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a render process sends back (a child forked for one render, or a `RenderWorker`): one
/// frame, a fixed header then two byte strings.
///
/// Header (20 bytes): `MGVZ`, version 1, status (0 rendered, else the `GraphvizError.Kind`),
/// two zero bytes, the text's length (UInt32, little-endian), the bytes' length (UInt64,
/// little-endian); then the text (UTF-8: the note of a rendering, or the error's message),
/// then the bytes (the rendered file; for an error none, except for `tooManyNodes`: the node
/// count and the limit, in decimal, separated by a space).
public struct RenderResponse: Sendable {
    /// The rendering, or why there is none.
    public let result: Result<Rendering, GraphvizError>

    static let magic: [UInt8] = Array("MGVZ".utf8)
    static let version: UInt8 = 1
    /// The bytes of the fixed header.
    public static let headerSize = 20

    /// The length of the whole frame a header announces; nil when `header` is not one of ours.
    public static func frameLength(header: ArraySlice<UInt8>) -> Int? {
        guard header.count >= headerSize, header.starts(with: magic), header[header.startIndex + 4] == version else { return nil }
        let base = header.startIndex
        let length = value(header[base + 8..<base + 12]) &+ value(header[base + 12..<base + 20])
        return length < 1 << 40 ? headerSize + Int(length) : nil
    }

    /// The frame.
    public func encoded() -> [UInt8] {
        let (head, bytes) = parts()
        return head + bytes
    }

    /// Writes the frame to `fd`, the rendered bytes straight from the rendering (a large SVG is not
    /// copied into a frame first); false if it could not.
    public func write(to fd: Int32) -> Bool {
        let (head, bytes) = parts()
        return Isolation.writeAll(head, to: fd) && Isolation.writeAll(bytes, to: fd)
    }

    /// The frame in two pieces: the header and the text, then the bytes.
    private func parts() -> (head: [UInt8], bytes: [UInt8]) {
        let (status, text, bytes): (UInt8, String, [UInt8]) = switch result {
        case .success(let rendering): (0, rendering.note ?? "", rendering.bytes)
        case .failure(let error) where error.kind == .tooManyNodes:
            (error.kind.rawValue, error.message, Array("\(error.nodeCount) \(error.nodeLimit)".utf8))
        case .failure(let error): (error.kind.rawValue, error.message, [])
        }
        let utf8 = Array(text.utf8)
        let header = Self.magic + [Self.version, status, 0, 0]
            + Self.littleEndian(UInt64(utf8.count), bytes: 4) + Self.littleEndian(UInt64(bytes.count), bytes: 8)
        return (header + utf8, bytes)
    }

    /// The response a complete frame holds; nil when `frame` is not one (cut short, too long, not ours).
    /// A rendering keeps the frame's own storage, the header and text moved out of its front.
    public init?(decoding frame: consuming [UInt8]) {
        guard frame.count >= Self.headerSize, frame.starts(with: Self.magic), frame[4] == Self.version else { return nil }
        let textLength = Self.value(frame[8..<12]), byteLength = Self.value(frame[12..<20])
        guard UInt64(frame.count - Self.headerSize) == textLength &+ byteLength, textLength <= UInt64(frame.count) else { return nil }
        let textEnd = Self.headerSize + Int(textLength)
        let text = String(decoding: frame[Self.headerSize..<textEnd], as: UTF8.self)
        if frame[5] == 0 {
            var bytes = consume frame
            bytes.removeSubrange(..<textEnd)
            result = .success(Rendering(bytes: bytes, note: text.isEmpty ? nil : text))
        } else if frame[5] == GraphvizError.Kind.tooManyNodes.rawValue {
            let numbers = String(decoding: frame[textEnd...], as: UTF8.self).split(separator: " ").compactMap { Int($0) }
            guard numbers.count == 2 else { return nil }
            result = .failure(GraphvizError(nodes: numbers[0], limit: numbers[1]))
        } else if let kind = GraphvizError.Kind(rawValue: frame[5]) {
            result = .failure(GraphvizError(text, kind: kind))
        } else {
            return nil
        }
    }

    /// The response for `result`.
    public init(_ result: Result<Rendering, GraphvizError>) { self.result = result }

    /// The next response a render worker sends on `fd` (which stays open), read as a render
    /// process's answers are (`Isolation.listen`); nil when `fd` ends or brings something other
    /// than one frame first, or when `seconds` pass first (`late`).
    public static func receive(from fd: Int32, seconds: Double) -> (response: RenderResponse?, late: Bool) {
        let copy = dup(fd)  // listen closes what ends; the worker's socket is its caller's to close
        guard copy >= 0 else { return (nil, false) }
        var open = [copy], outcome = Isolation.Outcome()
        let inTime = Isolation.listen(&open, answer: copy, into: &outcome, seconds: seconds, untilFrame: true)
        open.forEach { close($0) }
        guard inTime else { return (nil, true) }
        guard frameLength(header: outcome.answer[...]) == outcome.answer.count else { return (nil, false) }
        return (RenderResponse(decoding: outcome.takeAnswer()), false)
    }

    static func littleEndian(_ value: UInt64, bytes: Int) -> [UInt8] {
        (0..<bytes).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    static func value(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }
}

/// A render asked of a `RenderWorker`: one frame, `MGVQ`, version 1, three zero bytes, the body's
/// length (UInt64, little-endian), then the body: fields, each a UInt32 little-endian length and
/// that many bytes of UTF-8: format, engine, maxPixels, maxNodes, the budget's wallSeconds,
/// cpuSeconds, addressSpace, maxNodes, maxEdges, maxLabelLength, maxLabelLines, maxDepth,
/// filesAllowed (`0`/`1`), attributeBounds (`name=value` joined by `;`), then the DOT text.
public struct RenderRequest: Sendable, Equatable {
    /// The DOT text to lay out.
    public var dot: String
    /// The output format ("svg", "png", ...).
    public var format: String
    /// The layout engine ("dot", "neato", ...).
    public var engine: String
    /// The pixel cap of bitmaps.
    public var maxPixels: Int
    /// The node guard (`Int.max` for none).
    public var maxNodes: Int
    /// The budget (`inProcess` is the worker's business and is not sent).
    public var budget: RenderBudget

    static let magic: [UInt8] = Array("MGVQ".utf8)
    /// The bytes of the fixed header.
    public static let headerSize = 16

    /// A request; the defaults are `Graphviz.render`'s.
    public init(dot: String, format: String, engine: String = "dot", maxPixels: Int = 40_000_000, maxNodes: Int = .max,
                budget: RenderBudget = .standard) {
        (self.dot, self.format, self.engine, self.maxPixels, self.maxNodes, self.budget) = (dot, format, engine, maxPixels, maxNodes, budget)
    }

    /// The length of the whole frame a header announces; nil when `header` is not one of ours.
    public static func frameLength(header: ArraySlice<UInt8>) -> Int? {
        guard header.count >= headerSize, header.starts(with: magic), header[header.startIndex + 4] == RenderResponse.version else { return nil }
        let length = RenderResponse.value(header[header.startIndex + 8..<header.startIndex + 16])
        return length < 1 << 40 ? headerSize + Int(length) : nil
    }

    private var fields: [String] {
        let b = budget
        let bounds = b.attributeBounds.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
        return [format, engine, "\(maxPixels)", "\(maxNodes)", "\(b.wallSeconds)", "\(b.cpuSeconds)", "\(b.addressSpace)",
                "\(b.maxNodes)", "\(b.maxEdges)", "\(b.maxLabelLength)", "\(b.maxLabelLines)", "\(b.maxDepth)",
                b.filesAllowed ? "1" : "0", bounds, dot]
    }

    /// The frame.
    public func encoded() -> [UInt8] {
        let body = fields.flatMap { field in RenderResponse.littleEndian(UInt64(field.utf8.count), bytes: 4) + Array(field.utf8) }
        return Self.magic + [RenderResponse.version, 0, 0, 0] + RenderResponse.littleEndian(UInt64(body.count), bytes: 8) + body
    }

    /// The request a complete frame holds; nil when `frame` is not one (cut short, too long, a field that is not a number).
    public init?(decoding frame: [UInt8]) {
        guard Self.frameLength(header: frame[...]) == frame.count else { return nil }
        var fields: [String] = []
        var at = Self.headerSize
        while at < frame.count {
            guard at + 4 <= frame.count else { return nil }
            let length = Int(RenderResponse.value(frame[at..<at + 4]))
            guard at + 4 + length <= frame.count else { return nil }
            fields.append(String(decoding: frame[at + 4..<at + 4 + length], as: UTF8.self))
            at += 4 + length
        }
        guard fields.count == 15 else { return nil }
        let ints = [2, 3, 6, 7, 8, 9, 10, 11].compactMap { Int(fields[$0]) }
        guard ints.count == 8, let wall = Double(fields[4]), let cpu = Double(fields[5]), ["0", "1"].contains(fields[12]) else { return nil }
        var bounds: [String: Double] = [:]
        for pair in fields[13].split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let bound = Double(parts[1]) else { return nil }
            bounds[String(parts[0])] = bound
        }
        let budget = RenderBudget(wallSeconds: wall, cpuSeconds: cpu, addressSpace: ints[2], maxNodes: ints[3], maxEdges: ints[4],
                                  attributeBounds: bounds, maxLabelLength: ints[5], maxLabelLines: ints[6], maxDepth: ints[7],
                                  filesAllowed: fields[12] == "1")
        self.init(dot: fields[14], format: fields[0], engine: fields[1], maxPixels: ints[0], maxNodes: ints[1], budget: budget)
    }
}

extension RenderRequest {
    /// Sends the whole frame on the stream socket `fd`; false when the other end is gone (a send
    /// with MSG_NOSIGNAL, so a render process that died never raises SIGPIPE in the sender).
    public func send(to fd: Int32) -> Bool {
        encoded().withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.send(fd, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
    }
}
