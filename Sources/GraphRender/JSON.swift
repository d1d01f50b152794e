/// The one way the tool writes JSON: values as JSON text, composed into arrays and objects.
/// Every string (keys and names included) is escaped, every double printed to round-trip
/// exactly, and non-finite numbers written as the strings "nan", "inf", "-inf".
public enum JSON {
    /// A string literal, quotes included.
    public static func string(_ text: String) -> String { Escaping.jsonString(text) }

    /// A number that parses back to exactly `x`, or "nan", "inf", "-inf" as strings.
    public static func number(_ x: Double) -> String { NumberFormat.json(x) }

    /// A whole number.
    public static func number(_ n: Int) -> String { String(n) }

    /// `true` or `false`.
    public static func bool(_ b: Bool) -> String { b ? "true" : "false" }

    /// `[a, b, …]` of JSON texts; with `lines`, one item a line (for long lists of objects).
    public static func array(_ items: [String], lines: Bool = false) -> String {
        lines ? "[\n  " + items.joined(separator: ",\n  ") + "\n]" : "[" + items.joined(separator: ", ") + "]"
    }

    /// `[x, y, …]` of numbers.
    public static func numbers(_ xs: [Double]) -> String { array(xs.map(number)) }

    /// `{"key": value, …}` of JSON texts, keys escaped, in the given order.
    public static func object(_ fields: KeyValuePairs<String, String>) -> String {
        "{" + fields.map { string($0.key) + ": " + $0.value }.joined(separator: ", ") + "}"
    }

    /// The same for fields computed at run time.
    public static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { string($0.0) + ": " + $0.1 }.joined(separator: ", ") + "}"
    }
}
