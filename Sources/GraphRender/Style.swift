#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How value nodes are coloured.
public enum ColorMode: String, Sendable, CaseIterable {
    /// By role: inputs, parameters, constants, computed values, outputs; with a legend.
    case role
    /// By |grad| on a log scale, white (smallest) to red (largest); with a legend.
    case grad
    /// No colour, for print: the lab's plain picture.
    case none
}

/// Colours and the legend of a picture.
struct Style {
    let mode: ColorMode
    /// log10 of the smallest and largest nonzero finite |grad| drawn (grad mode).
    private let range: (low: Double, high: Double)?

    init(mode: ColorMode, views: [View]) {
        self.mode = mode
        let logs = views.flatMap(\.boxes).flatMap(\.grad).filter { $0 != 0 && $0.isFinite }.map { log10(abs($0)) }
        range = logs.isEmpty ? nil : (logs.min()!, logs.max()!)
    }

    static let roleColors: [Snapshot.Role: String] = [
        .input: "#cfe2ff", .parameter: "#ffe3b3", .constant: "#eeeeee", .value: "#ffffff", .output: "#c7efc4",
    ]

    /// Extra DOT attributes of a box (empty for none).
    func attributes(_ box: View.Box) -> String {
        switch mode {
        case .none: return ""
        case .role: return " style=filled fillcolor=\"\(Self.roleColors[box.role]!)\""
        case .grad: return " style=filled fillcolor=\"\(gradColor(box.grad.map(abs).max() ?? 0))\""
        }
    }

    /// Extra DOT attributes of an op node.
    var opAttributes: String { mode == .none ? "" : " style=filled fillcolor=\"#f2f2f2\" color=\"#999999\"" }

    /// White at the smallest |grad|, red at the largest; grey for 0, purple for nan/inf.
    private func gradColor(_ g: Double) -> String {
        if !g.isFinite { return "#c9b3e6" }
        guard g != 0, let range else { return "#f7f7f7" }
        let t = range.high > range.low ? (log10(g) - range.low) / (range.high - range.low) : 1
        return Self.ramp(t)
    }

    private static func ramp(_ t: Double) -> String {
        let (r, g, b) = (255.0, 255 - 200 * t, 255 - 215 * t)
        return NumberFormat.printf("#%02x%02x%02x", Int32(r), Int32(g.rounded()), Int32(b.rounded()))
    }

    /// The legend node, or nil when there is nothing to explain.
    func legend(roles: Set<Snapshot.Role>) -> String? {
        switch mode {
        case .none:
            return nil
        case .role:
            let cells = Snapshot.Role.allCases.filter(roles.contains).map {
                "<TD BGCOLOR=\"\(Self.roleColors[$0]!)\">\($0.rawValue)</TD>"
            }
            return "legend [shape=plaintext label=<<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"4\"><TR>"
                + cells.joined() + "</TR></TABLE>>]"
        case .grad:
            guard let range else { return nil }
            let steps = [0.0, 0.25, 0.5, 0.75, 1.0]
            let cells = steps.map { t in
                "<TD BGCOLOR=\"\(Self.ramp(t))\">\(NumberFormat.printf("%.0e", pow(10, range.low + t * (range.high - range.low))))</TD>"
            }
            return "legend [shape=plaintext label=<<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"4\"><TR><TD>|grad|</TD>"
                + cells.joined() + "</TR></TABLE>>]"
        }
    }
}
