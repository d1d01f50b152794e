extension Walkthrough {
    /// The walkthrough as one self-contained HTML page around `svg`, the picture after backward
    /// (inline SVG, CSS and script; nothing loaded from elsewhere, so it works from a file:// URL).
    /// `Picture.walkthrough` lays the picture out and calls this.
    ///
    /// The page's script only rewrites the data and grad fields and the colours for each step,
    /// so nodes never move. The URL fragment `#step=N` opens step N (1-based) and follows the
    /// steps; `#play` (as in `#step=3&play`) starts playing.
    func page(svg: String, precision: Int) -> String {
        WalkthroughPage.html(
            title: "micrograd walkthrough: " + snapshot.roots.map { snapshot.nodes[$0].name }.joined(separator: ", "),
            svg: WalkthroughPage.inline(svg), table: table(precision: precision), stepCount: steps.count)
    }

    /// The script's data: `{"zero": "0.0000", "steps": [[kind, node, changes, text], …]}`, where
    /// kind is `f` (forward), `s` (seed) or `b` (backward) and changes lists `node, "grad text"`
    /// pairs flat. Grads are printed as the picture prints them. `<` is escaped so the table
    /// cannot close its `<script>`.
    private func table(precision: Int) -> String {
        let rows = steps.map { step in
            let changes = step.grads.map { "\($0.node),\"\(NumberFormat.fixed($0.grad, precision: precision))\"" }
            return "[\"\(step.kind.rawValue.prefix(1))\",\(step.node),[\(changes.joined(separator: ","))],\(JSON.string(step.text))]"
        }
        let json = "{\"zero\":\"\(NumberFormat.fixed(0, precision: precision))\",\"steps\":[\n"
            + rows.joined(separator: ",\n") + "]}"
        return json.replacing("<", with: "\\u003c")
    }
}

/// The page around the picture: layout, controls and the script that plays the steps.
enum WalkthroughPage {
    /// Graphviz's SVG made ready to sit inside HTML: no XML prolog or DOCTYPE, and no namespace
    /// attributes (HTML supplies the SVG namespace), so the page names no other address.
    static func inline(_ svg: String) -> String {
        let start = svg.firstRange(of: "<svg")?.lowerBound ?? svg.startIndex
        return String(svg[start...])
            .replacing(" xmlns=\"http://www.w3.org/2000/svg\"", with: "")
            .replacing(" xmlns:xlink=\"http://www.w3.org/1999/xlink\"", with: "")
    }

    /// The page (`Page/walkthrough.html`, embedded at build time) with its holes filled: the
    /// escaped title, the inline SVG, the number of steps and the script's table. The holes are
    /// filled in one pass over the template, so a hole's text written into the page (a label
    /// reading `{{table}}`, say) is never filled in turn.
    static func html(title: String, svg: String, table: String, stepCount: Int) -> String {
        Template(EmbeddedFiles.walkthrough_html).filled([
            "title": Escaping.xml(title), "svg": svg, "steps": String(stepCount), "table": table,
        ])
    }
}
