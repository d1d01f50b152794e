#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A mark on an axis: where it goes, in the axis's coordinate, and its label; a tick without
/// a label (an unlabelled decade on a long log axis) only gets a light grid line.
struct Tick {
    var position: Double
    var label: String?
}

/// The range and ticks of one axis of a ``Chart``.
///
/// Everything is in the axis's own coordinate: the data value on a linear axis, its `log10`
/// on a log axis, so mapping to the page is always a straight line from `lo` to `hi`.
struct Axis {
    let scale: Scale
    let lo: Double
    let hi: Double

    /// The axis coordinate of a data value, or `nil` when the value cannot be drawn:
    /// NaN, ±inf, or ≤ 0 on a log axis.
    static func coordinate(of value: Double, on scale: Scale) -> Double? {
        guard value.isFinite else { return nil }
        switch scale {
        case .linear: return value
        case .log: return value > 0 ? log10(value) : nil
        }
    }

    /// An axis from `lo` to `hi` exactly, `lo < hi`.
    init(scale: Scale, from lo: Double, to hi: Double) {
        (self.scale, self.lo, self.hi) = (scale, lo, hi)
    }

    /// An axis covering the given axis coordinates with 4% padding at each end. An empty or
    /// (near-)constant set (spread under 1e-9 relative, or 1e-9 decades) gets a window around its value: ±half a decade on a log axis,
    /// ±10% (±1 around zero) on a linear one.
    init(scale: Scale, covering coordinates: [Double]) {
        self.scale = scale
        guard let low = coordinates.min(), let high = coordinates.max() else {
            (lo, hi) = (0, 1)
            return
        }
        // Clamped so that `hi - lo` stays finite even for data near ±Double.greatestFiniteMagnitude.
        let (a, b) = (max(low, -4e307), min(high, 4e307))
        let span = b - a
        let wide = switch scale {
        case .linear: span > max(abs(a), abs(b)) * 1e-9 && span > 1e-290
        case .log: span > 1e-9
        }
        if wide {
            (lo, hi) = (a - span * 0.04, b + span * 0.04)
            return
        }
        let mid = a / 2 + b / 2
        let pad: Double
        switch scale {
        case .log: pad = 0.5
        case .linear: pad = mid == 0 ? 1 : max(abs(mid) * 0.1, 1e-290)
        }
        (lo, hi) = (mid - pad, mid + pad)
    }

    /// Where an axis coordinate falls: 0 at `lo`, 1 at `hi`.
    func fraction(_ coordinate: Double) -> Double { (coordinate - lo) / (hi - lo) }

    /// The ticks inside the range, in increasing order.
    ///
    /// Linear: 4–8 multiples of a 1, 2 or 5 × 10^k step. Log: every power of ten when there
    /// are at least 3 in range (labelling every n-th so that at most 8 carry labels); else
    /// 1, 2 and 5 × 10^k when that gives at least 3; else, for a range narrower than that,
    /// linear ticks placed logarithmically.
    var ticks: [Tick] {
        switch scale {
        case .linear:
            return Self.niceTicks(from: lo, to: hi).map { Tick(position: $0.value, label: $0.label) }
        case .log:
            let (first, last) = (Int(ceil(lo)), Int(floor(hi)))
            if last - first >= 2 {
                let every = (last - first + 8) / 8
                return (first...last).map { e in
                    Tick(position: Double(e), label: e % every == 0 ? Self.label(1, exponent: e, logStyle: true) : nil)
                }
            }
            let oneTwoFive = (Int(floor(lo))...last).flatMap { e in
                [1, 2, 5].map { m in
                    Tick(position: log10(Double(m)) + Double(e), label: Self.label(m, exponent: e, logStyle: true))
                }
            }.filter { $0.position >= lo && $0.position <= hi }
            if oneTwoFive.count >= 3 { return oneTwoFive }
            // Clamped so that ranges at the ends of Double's range still give finite ticks.
            return Self.niceTicks(from: pow(10, lo), to: min(pow(10, hi), .greatestFiniteMagnitude))
                .filter { $0.value > 0 }
                .map { Tick(position: log10($0.value), label: $0.label) }
        }
    }

    /// Multiples of the 1, 2 or 5 × 10^k step inside `lo...hi` whose count is closest to 6,
    /// preferring 4–8 ticks and, between equally good counts, the larger step.
    static func niceTicks(from lo: Double, to hi: Double) -> [(value: Double, label: String)] {
        let top = Int(floor(log10(hi - lo)))
        var best: (score: Int, ticks: [(value: Double, label: String)]) = (.max, [])
        for e in stride(from: top, through: top - 2, by: -1) {
            for m in [5, 2, 1] {
                let power = pow(10, Double(abs(e)))
                let step = e < 0 ? Double(m) / power : Double(m) * power
                let (first, last) = (Int(ceil(lo / step)), Int(floor(hi / step)))
                let count = last - first + 1
                let score = (4...8).contains(count) ? abs(count - 6) : 100 + abs(count - 6)
                guard score < best.score else { continue }
                best = (score, stride(from: first, through: last, by: 1).map { i in
                    (e < 0 ? Double(i * m) / power : Double(i * m) * power,
                     label(i * m, exponent: e, logStyle: false))
                })
            }
        }
        return best.ticks
    }

    /// The exact decimal `n × 10^exponent`, without trailing zeros: plain (`0.5`, `20`) when
    /// short, else `2.5e-7` style. Log axes keep plain form for 0.01 ≤ |x| < 1000 (`1e-3`,
    /// `0.01`, …, `100`, `1e3`); linear axes for up to 4 decimals and 6 integer digits.
    static func label(_ n: Int, exponent: Int, logStyle: Bool) -> String {
        guard n != 0 else { return "0" }
        var (digits, e) = (n.magnitude, exponent)
        while digits % 10 == 0 { digits /= 10; e += 1 }
        let text = String(digits)
        let sign = n < 0 ? "-" : ""
        let (maxDecimals, maxIntegerDigits) = logStyle ? (2, 3) : (4, 6)
        guard -e <= maxDecimals && text.count + e <= maxIntegerDigits else {
            let mantissa = text.count == 1 ? text : "\(text.prefix(1)).\(text.dropFirst())"
            return "\(sign)\(mantissa)e\(e + text.count - 1)"
        }
        if e >= 0 { return sign + text + String(repeating: "0", count: e) }
        let whole = text.count + e
        if whole > 0 { return "\(sign)\(text.prefix(whole)).\(text.dropFirst(whole))" }
        return sign + "0." + String(repeating: "0", count: -whole) + text
    }
}
