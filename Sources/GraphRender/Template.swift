/// A text with holes written `{{name}}`, filled in one pass (what is filled in is never read
/// for holes again). The walkthrough page is one.
struct Template {
    let text: String

    init(_ text: String) { self.text = text }

    /// The text with each hole replaced by its value; a hole without a value stays as it is.
    func filled(_ values: [String: String]) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + values.values.map(\.utf8.count).reduce(0, +))
        var rest = text[...]
        while let open = rest.firstRange(of: "{{") {
            out += rest[..<open.lowerBound]
            let after = rest[open.upperBound...]
            guard let close = after.firstRange(of: "}}"), let value = values[String(after[..<close.lowerBound])] else {
                out += "{{"
                rest = after
                continue
            }
            out += value
            rest = after[close.upperBound...]
        }
        return out + rest
    }
}
