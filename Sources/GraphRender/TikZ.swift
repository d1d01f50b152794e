/// A picture as a TikZ `tikzpicture`, for lecture notes: every position is Graphviz's (read
/// from its `json` layout), record nodes are split boxes (one per field, as laid out), op
/// nodes ellipses, clusters frames, edges Graphviz's own Bézier splines; colours are the SVG's.
/// Coordinates are Graphviz points (`x=1bp, y=1bp`); the text is Latin Modern at 12 bp, which
/// fits the fields Graphviz sized for 14-point Times.
enum TikZ {
    /// The picture from Graphviz's `json` rendering; with `standalone`, a whole LaTeX document
    /// that `pdflatex` compiles alone, one page the size of the picture. Nil when the JSON is not
    /// Graphviz's.
    static func picture(layout json: String, standalone: Bool) -> String? {
        guard let graph = JSONValue(parsing: json), let bb = numbers(graph["bb"]?.string), bb.count == 4 else { return nil }
        var colors: [String: String] = [:]  // "#cfe2ff" → "mgv1"
        func color(_ hex: String?, _ fallback: String) -> String {
            guard let hex, hex.hasPrefix("#"), hex.count == 7 else { return fallback }
            if let name = colors[hex] { return name }
            let name = "mgv\(colors.count + 1)"
            colors[hex] = name
            return name
        }
        var body = ""
        let objects = graph["objects"]?.items ?? []
        for cluster in objects where cluster["nodes"] != nil {
            guard let b = numbers(cluster["bb"]?.string), b.count == 4 else { continue }
            body += "\\draw[\(color(cluster["color"]?.string, "black"))] (\(n(b[0])),\(n(b[1]))) rectangle (\(n(b[2])),\(n(b[3])));\n"
            if let label = cluster["label"]?.string, let lp = numbers(cluster["lp"]?.string), lp.count == 2 {
                body += "\\node at (\(n(lp[0])),\(n(lp[1]))) {\(TeX.text(label))};\n"
            }
        }
        for node in objects where node["nodes"] == nil {
            guard let pos = numbers(node["pos"]?.string), pos.count == 2 else { continue }
            let fill = node["style"]?.string?.contains("filled") == true ? color(node["fillcolor"]?.string, "lightgray") : "white"
            let draw = color(node["color"]?.string, "black")
            let label = node["label"]?.string ?? ""
            let w = (Double(node["width"]?.string ?? "") ?? 0.75) * 72, h = (Double(node["height"]?.string ?? "") ?? 0.5) * 72
            body += "% \(TeX.text(node["name"]?.string ?? ""))\n"
            if let rects = numbers(node["rects"]?.string), rects.count % 4 == 0 {
                let fields = recordFields(label)
                for (k, start) in stride(from: 0, to: rects.count, by: 4).enumerated() {
                    let r = Array(rects[start..<start + 4])
                    body += "\\filldraw[fill=\(fill), draw=\(draw)] (\(n(r[0])),\(n(r[1]))) rectangle (\(n(r[2])),\(n(r[3])));\n"
                    body += "\\node at (\(n((r[0] + r[2]) / 2)),\(n((r[1] + r[3]) / 2))) {\(TeX.text(k < fields.count ? fields[k] : ""))};\n"
                }
            } else if label.hasPrefix("<") {  // an HTML table (the legend): its cells in a row
                let cells = tableCells(label)
                for (k, cell) in cells.enumerated() {
                    let x0 = pos[0] - w / 2 + w * Double(k) / Double(cells.count), x1 = x0 + w / Double(cells.count)
                    body += "\\filldraw[fill=\(color(cell.color, "white")), draw=black] (\(n(x0)),\(n(pos[1] - h / 2 + 4))) rectangle (\(n(x1)),\(n(pos[1] + h / 2 - 4)));\n"
                    body += "\\node at (\(n((x0 + x1) / 2)),\(n(pos[1]))) {\(TeX.text(cell.text))};\n"
                }
            } else {
                body += "\\filldraw[fill=\(fill), draw=\(draw)] (\(n(pos[0])),\(n(pos[1]))) ellipse [x radius=\(n(w / 2)), y radius=\(n(h / 2))];\n"
                body += "\\node at (\(n(pos[0])),\(n(pos[1]))) {\(TeX.text(label))};\n"
            }
        }
        for edge in graph["edges"]?.items ?? [] {
            guard let spline = edge["pos"]?.string else { continue }
            let stroke = color(edge["color"]?.string, "black")
            var tip: [Double]?
            var points: [[Double]] = []
            for part in spline.split(separator: " ") {
                if part.hasPrefix("e,") { tip = numbers(String(part.dropFirst(2))); continue }
                if part.hasPrefix("s,") { continue }
                if let p = numbers(String(part)), p.count == 2 { points.append(p) }
            }
            guard points.count >= 4, (points.count - 1) % 3 == 0 else { continue }
            var path = "(\(n(points[0][0])),\(n(points[0][1])))"
            for k in stride(from: 1, to: points.count, by: 3) {
                path += " .. controls (\(n(points[k][0])),\(n(points[k][1]))) and (\(n(points[k + 1][0])),\(n(points[k + 1][1])))"
                    + " .. (\(n(points[k + 2][0])),\(n(points[k + 2][1])))"
            }
            if let tip, tip.count == 2 { path += " -- (\(n(tip[0])),\(n(tip[1])))" }
            body += "\\draw[\(stroke), -{Stealth[length=8bp, width=6bp]}] \(path);\n"
            if let label = edge["label"]?.string, let lp = numbers(edge["lp"]?.string), lp.count == 2 {
                body += "\\node at (\(n(lp[0])),\(n(lp[1]))) {\(TeX.text(label))};\n"
            }
        }
        let definitions = colors.sorted { $0.value.count != $1.value.count ? $0.value.count < $1.value.count : $0.value < $1.value }
            .map { "\\definecolor{\($0.value)}{HTML}{\($0.key.dropFirst().uppercased())}\n" }.joined()
        let picture = "% laid out by Graphviz (dot); made by micrograd-viz. Needs \\usepackage{tikz} and \\usetikzlibrary{arrows.meta}.\n"
            + "\\begin{tikzpicture}[x=1bp, y=1bp, font=\\fontsize{12}{14}\\selectfont, line width=0.6bp]\n"
            + definitions + "\\useasboundingbox (\(n(bb[0])),\(n(bb[1]))) rectangle (\(n(bb[2])),\(n(bb[3])));\n"
            + body + "\\end{tikzpicture}\n"
        guard standalone else { return picture }
        let margin = 8.0
        return """
            \\documentclass{article}
            \\usepackage[T1]{fontenc}
            \\usepackage{lmodern}
            \\usepackage{tikz}
            \\usetikzlibrary{arrows.meta}
            \\usepackage[paperwidth=\(n(bb[2] - bb[0] + 2 * margin))bp, paperheight=\(n(bb[3] - bb[1] + 2 * margin))bp, margin=\(n(margin))bp]{geometry}
            \\pagestyle{empty}
            \\begin{document}
            \\noindent
            """ + picture + "\\end{document}\n"
    }

    /// A record label's fields: `{ a | data 2.0000 | grad 6.0000 }` → `a`, `data 2.0000`, `grad 6.0000`
    /// (Graphviz's escapes undone).
    static func recordFields(_ label: String) -> [String] {
        var fields: [String] = [], field = "", escaped = false
        for ch in label {
            if escaped { field.append(ch); escaped = false; continue }
            switch ch {
            case "\\": escaped = true
            case "|": fields.append(field); field = ""
            case "{", "}": break
            default: field.append(ch)
            }
        }
        fields.append(field)
        return fields.map { String($0.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()) }
            .map { $0.replacing("&amp;", with: "&") }
    }

    /// The cells of an HTML-like table label: each `<TD BGCOLOR="#…">text</TD>`.
    static func tableCells(_ label: String) -> [(color: String?, text: String)] {
        label.split(separator: "<TD").dropFirst().map { cell in
            let color = cell.firstRange(of: "BGCOLOR=\"").map { String(cell[$0.upperBound...].prefix(7)) }
            let text = cell.split(separator: ">", maxSplits: 1).last?.split(separator: "<").first.map(String.init) ?? ""
            return (color, text.replacing("&lt;", with: "<").replacing("&gt;", with: ">").replacing("&amp;", with: "&"))
        }
    }

    /// `"1,2.5,3"` (or space-separated) as numbers; nil if any is not one.
    private static func numbers(_ text: String?) -> [Double]? {
        guard let text else { return nil }
        let parts = text.split { $0 == "," || $0 == " " }.map { Double($0) }
        return parts.contains(nil) ? nil : parts.map { $0! }
    }

    /// A coordinate, at most two decimals.
    private static func n(_ x: Double) -> String {
        let s = NumberFormat.printf("%.2f", x)
        return s.contains(".") ? String(s.reversed().drop { $0 == "0" }.drop { $0 == "." }.reversed()) : s
    }
}
