import ArgumentParser

/// The one parser of comma lists on the command line: `3,4,4,1`, `0.01,0.05`, `2,3,-1`.
enum CommaList {
    /// The items of `text` converted by `item`, or a ValidationError that names the bad item,
    /// its position and what `what` the list should hold.
    static func parse<T>(_ text: String, what: String, _ item: (String) -> T?) throws -> [T] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        return try parts.enumerated().map { k, part in
            guard let value = item(part.trimmed()) else {
                throw ValidationError("item \(k + 1) of '\(text)' ('\(part)') is not \(what)")
            }
            return value
        }
    }

    /// Finite numbers.
    static func numbers(_ text: String) throws -> [Double] {
        try parse(text, what: "a finite number") { Double($0).flatMap { $0.isFinite ? $0 : nil } }
    }
}
