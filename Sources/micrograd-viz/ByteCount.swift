import ArgumentParser

/// Sizes in bytes as a user writes them: `2G`, `512M`, `1.5GiB`, `65536`.
enum ByteCount {
    /// Parses a size: a number with an optional unit K, M, G or T (powers of 1024; `B`, `iB` and
    /// lower case accepted).
    static func parse(_ text: String) throws -> Int {
        var digits = Substring(text.trimmed())
        for suffix in ["iB", "ib", "B", "b"] where digits.hasSuffix(suffix) { digits = digits.dropLast(suffix.count); break }
        let units: [Character: Double] = ["k": 0x1p10, "m": 0x1p20, "g": 0x1p30, "t": 0x1p40]
        var scale = 1.0
        if let last = digits.last?.lowercased().first, let unit = units[last] {
            scale = unit
            digits = digits.dropLast()
        }
        guard let number = Double(digits), number.isFinite, number >= 1, number * scale < 0x1p62 else {
            throw ValidationError("'\(text)' is not a size: give a number of bytes, or one with K, M or G (e.g. 512M, 2G)")
        }
        return Int(number * scale)
    }
}
