#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How numbers are printed: fixed decimals for pictures, exact round-trips for JSON.
public enum NumberFormat {
    /// `%.{precision}f`, as the lab's `"data %.4f"`; `nan`, `inf`, `-inf` for non-finite values.
    public static func fixed(_ x: Double, precision: Int) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        return printf("%.*f", Int32(precision), x)
    }

    /// C's `printf` formatting into a string (as Python's `%` does), e.g. `printf("%.1e", x)`.
    public static func printf(_ format: String, _ arguments: CVarArg...) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 400) { buffer in
            let n = withVaList(arguments) { vsnprintf(buffer.baseAddress, 400, format, $0) }
            return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress, count: min(Int(n), 399)), as: UTF8.self)
        }
    }

    /// A JSON number that parses back to exactly `x` (the shortest such), or the strings
    /// `"nan"`, `"inf"`, `"-inf"`.
    public static func json(_ x: Double) -> String {
        if x.isNaN { return "\"nan\"" }
        if x.isInfinite { return x < 0 ? "\"-inf\"" : "\"inf\"" }
        return "\(x)"
    }
}
