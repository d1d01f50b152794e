/// Escaping for each kind of text the renderers write, done once here.
enum Escaping {
    /// A field of a Graphviz record label: `\` first, then `"`, then the record grammar's
    /// `{ } | < >` and a space-trimmed leading/trailing space protected; `&` as `&amp;`
    /// (record labels decode entities); control characters as spaces.
    static func recordField(_ text: String) -> String {
        map(text) { scalar in
            switch scalar {
            case "\\", "\"", "{", "}", "|", "<", ">": "\\" + String(scalar)
            case "&": "&amp;"
            case " ": "\\ "
            default: isControl(scalar) ? " " : nil
            }
        }
    }

    /// The inside of a DOT double-quoted string: `\` and `"` escaped, control characters as spaces.
    static func dotString(_ text: String) -> String {
        map(text) { scalar in
            switch scalar {
            case "\\", "\"": "\\" + String(scalar)
            default: isControl(scalar) ? " " : nil
            }
        }
    }

    /// `text` safe inside XML content and attributes: `& < > "` as entities, and the control
    /// characters XML 1.0 forbids as spaces.
    static func xml(_ text: String) -> String {
        map(text) { scalar in
            switch scalar {
            case "&": "&amp;"
            case "<": "&lt;"
            case ">": "&gt;"
            case "\"": "&quot;"
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: " "
            default: nil
            }
        }
    }

    /// A JSON string literal, quotes included.
    static func jsonString(_ text: String) -> String {
        "\"" + map(text) { scalar in
            switch scalar {
            case "\"": "\\\""
            case "\\": "\\\\"
            case "\n": "\\n"
            case "\t": "\\t"
            case "\r": "\\r"
            case _ where scalar.value < 0x20:
                "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: nil
            }
        } + "\""
    }

    /// `text` with each scalar that `replacement` gives a string for replaced by it.
    private static func map(_ text: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if let replaced = replacement(scalar) { out += replaced } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control
    }
}
