/// The one parser of comma lists: `3,4,4,1`, `0.01,0.05`, `2,3,-1` (the command line's and the
/// playground's).
public enum CommaList {
    /// The items of `text` converted by `item`, or a `SetupError` that names the bad item, its
    /// position and what `what` the list should hold. Items may have spaces and tabs around them.
    public static func parse<T>(_ text: String, what: String, _ item: (String) -> T?) throws(SetupError) -> [T] {
        var items: [T] = []
        for (k, part) in text.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
            var trimmed = part
            while let c = trimmed.first, blank(c) { trimmed.removeFirst() }
            while let c = trimmed.last, blank(c) { trimmed.removeLast() }
            guard let value = item(String(trimmed)) else {
                throw SetupError("item \(k + 1) of '\(text)' ('\(part)') is not \(what)")
            }
            items.append(value)
        }
        return items
    }

    private static func blank(_ c: Character) -> Bool { c == " " || c == "\t" }

    /// Finite numbers.
    public static func numbers(_ text: String) throws(SetupError) -> [Double] {
        try parse(text, what: "a finite number") { Double($0).flatMap { $0.isFinite ? $0 : nil } }
    }
}

/// Why a training setup (an architecture, a dataset, a learning rate …) was refused: one line
/// for the user, naming the flag or field and the value.
public struct SetupError: Error, Equatable, CustomStringConvertible {
    /// The line.
    public let message: String

    /// An error with this message.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}
