/// Text for one line of a message on a terminal.
public enum ErrorText {
    /// `text` with every control character shown as an escape (`\n`, `\r`, `\t`, `\x1b`, `\u{202e}`),
    /// so that a path or value cannot break the line or drive the terminal. Backslashes are kept
    /// as they are, so escaping twice changes nothing.
    public static func oneLine(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += "\\x" + hex(scalar.value, digits: 2)
            case _ where scalar.properties.generalCategory == .control || isInvisibleControl(scalar):
                out += "\\u{" + hex(scalar.value, digits: 4) + "}"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Line and paragraph separators and the bidirectional overrides, which reorder what follows them.
    private static func isInvisibleControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x2028...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
