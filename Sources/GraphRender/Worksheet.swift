import Micrograd

/// A worksheet for the classroom: the picture after backward with every data filled and every
/// grad an empty box, and under it the `explain` table with only the nodes filled in; the
/// answer key is the same page with everything filled. One A4 page (PDF or SVG) made by
/// Graphviz alone: the table is the graph's own label, an HTML-like table at the bottom.
public enum Worksheet {
    /// Tables longer than this are left off (a network at `--depth neuron` has hundreds of
    /// values behind its boxes): the sheet is then the picture alone.
    public static let maxRows = 40

    /// The sheet (or with `answers`, its key) of `roots` in `request`'s format (pdf or svg),
    /// at `request`'s depth, top to bottom; colour by grad would give the grads away, so it
    /// colours by role.
    public static func draw(_ roots: [Value], _ request: PictureRequest, answers: Bool) throws(PictureError) -> Rendering {
        var dotRequest = request
        dotRequest.format = .dot
        dotRequest.stage = .backward
        if dotRequest.style.color == .grad { dotRequest.style.color = .role }
        dotRequest.style.rankdir = .TB  // top to bottom fills a portrait page at a readable size
        var dot = String(decoding: try Picture.draw(roots, dotRequest).bytes, as: UTF8.self)
        if !answers { dot = blankGrads(dot) }
        let table = BackwardTable(roots)
        let label = table.rows.count <= maxRows ? "label=<\(html(table, answers: answers))> labelloc=b labeljust=c " : ""
        let page = "\tgraph [\(label)size=\"7.6,11.0!\" ratio=fill margin=0.33 fontsize=14]\n"
        guard let start = dot.firstRange(of: "{\n") else { throw .unavailable(request.format) }
        dot.insert(contentsOf: page, at: start.upperBound)
        return try Picture.draw(dot: dot, request)
    }

    /// The DOT with every record's last field, `grad …`, made `grad` and an empty box to fill.
    static func blankGrads(_ dot: String) -> String {
        let box = String(repeating: "\u{a0}", count: 14)
        return dot.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard line.contains("shape=record"), let grad = line.firstRange(of: " | grad "),
                  let end = line[grad.upperBound...].firstRange(of: " }") else { return String(line) }
            return String(line[..<grad.lowerBound]) + " | grad | " + box + String(line[end.lowerBound...])
        }.joined(separator: "\n")
    }

    /// The table as an HTML-like label: the heads, then a row a node; blank but for the node
    /// names unless `answers`.
    static func html(_ table: BackwardTable, answers: Bool) -> String {
        func cell(_ text: String, width: Int, align: String = "LEFT") -> String {
            "<TD WIDTH=\"\(width)\" HEIGHT=\"30\" ALIGN=\"\(align)\">\(text.isEmpty ? " " : Escaping.xml(text))</TD>"
        }
        let root = table.rows.first?.name ?? "L"
        var rows = "<TR>" + cell("node", width: 70) + cell("local rule", width: 260) + cell("in numbers", width: 200)
            + cell("∂\(root)/∂v", width: 90, align: "RIGHT") + "</TR>"
        for row in table.rows {
            let numbers = row.numbers.isEmpty ? "" : "= " + row.numbers
            rows += "<TR>" + cell(row.name, width: 70) + cell(answers ? row.rule : "", width: 260)
                + cell(answers ? numbers : "", width: 200) + cell(answers ? StepNumber.short(row.grad) : "", width: 90, align: "RIGHT") + "</TR>"
        }
        return "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"4\">\(rows)</TABLE>"
    }
}
