/// The ways `explain` writes its table.
public enum TableFormat: String, Sendable, CaseIterable {
    /// Aligned columns for a terminal (the default).
    case text
    /// A Markdown table.
    case md
    /// A LaTeX `tabular` (needs only LaTeX's base).
    case tex
    /// JSON for scripts, numbers exact.
    case json
}

extension BackwardTable {
    /// The column heads: node, local rule, in numbers, ∂L/∂v.
    private var heads: [String] { ["node", "local rule", "in numbers", "∂\(rows.first?.name ?? "L")/∂v"] }

    /// The cells of each row: the rule and numbers as written, the grad short.
    private var cells: [[String]] {
        rows.map { [$0.name, $0.rule, $0.numbers.isEmpty ? "" : "= " + $0.numbers, StepNumber.short($0.grad)] }
    }

    /// The table in `format`; every format ends with a newline.
    public func written(_ format: TableFormat) -> String {
        switch format {
        case .text: text
        case .md: markdown
        case .tex: tex
        case .json: json + "\n"
        }
    }

    /// Aligned columns, then the line on the first nan or inf when there is one.
    public var text: String {
        let table = [heads] + cells
        let widths = heads.indices.map { column in table.map { $0[column].count }.max()! }
        let lines = table.map { row in
            zip(row, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: "  ")
        }
        return lines.map { String($0.reversed().drop { $0 == " " }.reversed()) + "\n" }.joined() + footnote("")
    }

    /// A Markdown table (rules as code), then the nan/inf line.
    public var markdown: String {
        func row(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |\n" }
        return row(heads) + row(["---", "---", "---", "---:"])
            + cells.map { row([$0[0], code($0[1]), code($0[2]), $0[3]]) }.joined() + footnote("\n")
    }

    /// A LaTeX `tabular`, rules in math mode, then the nan/inf line as a paragraph.
    public var tex: String {
        let body = cells.map { c in
            "\(TeX.text(c[0])) & \(TeX.math(c[1])) & \(TeX.math(c[2])) & \(TeX.math(c[3])) \\\\\n"
        }.joined()
        return "\\begin{tabular}{llll}\n\\hline\n"
            + "node & local rule & in numbers & \(TeX.math(heads[3])) \\\\\n\\hline\n" + body + "\\hline\n\\end{tabular}\n"
            + (nonFinite.map { "\n\\noindent \(TeX.text($0.sentence))\n" } ?? "")
    }

    /// `{"root", "rows": [{"node", "name", "rule", "numbers", "grad", "terms": [{"from", "symbols",
    /// "numbers", "amount"}]}], "non_finite": null or {"node", "name", "in_grad", "reason", "line", "column"}}`.
    public var json: String {
        let rowTexts = rows.map { r in
            JSON.object([
                "node": JSON.number(r.node), "name": JSON.string(r.name), "rule": JSON.string(r.rule),
                "numbers": JSON.string(r.numbers), "grad": JSON.number(r.grad),
                "terms": JSON.array(r.terms.map { t in
                    JSON.object(["from": JSON.number(t.from), "symbols": JSON.string(t.symbols),
                                 "numbers": JSON.string(t.numbers), "amount": JSON.number(t.amount)])
                }),
            ])
        }
        let trouble = nonFinite.map { n in
            JSON.object(["node": JSON.number(n.node), "name": JSON.string(n.name), "in_grad": JSON.bool(n.inGrad),
                         "reason": JSON.string(n.reason), "line": n.line.map(JSON.number) ?? "null",
                         "column": n.column.map(JSON.number) ?? "null"])
        } ?? "null"
        return JSON.object(["root": JSON.string(rows.first?.name ?? ""), "rows": JSON.array(rowTexts, lines: true),
                            "non_finite": trouble])
    }

    private func footnote(_ gap: String) -> String { nonFinite.map { gap + $0.sentence + "\n" } ?? "" }

    private func code(_ text: String) -> String { text.isEmpty ? "" : "`\(text)`" }
}

/// Rule text as LaTeX: `∂` `·` `−` `²` as math, names' underscores escaped, words upright.
enum TeX {
    /// Plain text with LaTeX's special characters escaped.
    static func text(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "\\": out += "\\textbackslash{}"
            case "&", "%", "$", "#", "_", "{", "}": out += "\\\(ch)"
            case "~": out += "\\textasciitilde{}"
            case "^": out += "\\textasciicircum{}"
            case "∂": out += "$\\partial$"
            case "·": out += "$\\cdot$"
            case "×": out += "$\\times$"
            case "−": out += "$-$"
            case "²": out += "$^2$"
            default: out.append(ch)
            }
        }
        return out
    }

    /// A rule in math mode (`$\partial L/\partial d = f$`); empty stays empty.
    static func math(_ s: String) -> String {
        guard !s.isEmpty else { return "" }
        var out = ""
        var word = ""
        func flush() {
            if word.count > 1 { out += "\\mathit{\(word.replacing("_", with: "\\_"))}" } else { out += word }
            word = ""
        }
        for ch in s {
            let letter = ch.isASCII && ch.isLetter, digit = ch.isASCII && ch.isNumber
            if letter || digit && !word.isEmpty || ch == "_" { word.append(ch); continue }
            flush()
            switch ch {
            case "∂": out += "\\partial "
            case "·": out += "\\cdot"
            case "−": out += "-"
            case "²": out += "^2"
            default: out.append(ch)
            }
        }
        flush()
        return "$" + out.replacing("\\mathit{if}", with: "\\mbox{ if }").replacing("\\mathit{else}", with: "\\mbox{ else }")
            .replacing("\\mathit{seed}", with: "\\mbox{seed}").replacing("\\mathit{exp}", with: "\\exp").replacing("\\mathit{log}", with: "\\log")
            .replacing("\\mathit{tanh}", with: "\\tanh") + "$"
    }
}
