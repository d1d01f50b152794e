extension Walkthrough {
    /// The walkthrough as one self-contained HTML page around `svg`, the picture after backward
    /// (inline SVG, CSS and script; nothing loaded from elsewhere, so it works from a file:// URL).
    /// `Picture.walkthrough` lays the picture out and calls this.
    ///
    /// The page's script only rewrites the data and grad fields and the colours for each step,
    /// so nodes never move. The URL fragment `#step=N` opens step N (1-based) and follows the
    /// steps; `#play` (as in `#step=3&play`) starts playing. With `quiz`, each backward step
    /// first asks for the grads it changes, checks the answers and keeps a score.
    func page(svg: String, precision: Int, quiz: Bool = false) -> String {
        WalkthroughPage.html(
            title: "micrograd walkthrough: " + snapshot.roots.map { snapshot.nodes[$0].name }.joined(separator: ", "),
            svg: WalkthroughPage.inline(svg), table: table(precision: precision, quiz: quiz), stepCount: steps.count,
            quizHelp: quiz ? " Quiz: at each backward step type the new grads (Tab between them), Enter checks, Enter again goes on." : "")
    }

    /// The script's data: `{"zero": "0.0000", "steps": [[kind, node, changes, text], …], "quiz": …}`,
    /// where kind is `f` (forward), `s` (seed) or `b` (backward) and changes lists `node, "grad
    /// text"` pairs flat. Grads are printed as the picture prints them. `quiz` is false, or per
    /// step the `["∂L/∂a", exact grad]` pairs it asks for. `<` is escaped so the table cannot
    /// close its `<script>`.
    private func table(precision: Int, quiz: Bool) -> String {
        let rows = steps.map { step in
            let changes = step.grads.map { "\($0.node),\"\(NumberFormat.fixed($0.grad, precision: precision))\"" }
            return "[\"\(step.kind.rawValue.prefix(1))\",\(step.node),[\(changes.joined(separator: ","))],\(JSON.string(step.text))]"
        }
        let json = "{\"zero\":\"\(NumberFormat.fixed(0, precision: precision))\",\"steps\":[\n"
            + rows.joined(separator: ",\n") + "],\n\"quiz\":" + (quiz ? questions : "false") + "}"
        return json.replacing("<", with: "\\u003c")
    }

    /// Per step, what the quiz asks: `["∂L/∂a", grad]` for each grad a backward step changes.
    private var questions: String {
        var root = ""
        return JSON.array(steps.map { step in
            if step.kind == .seed { root = snapshot.nodes[step.node].name }
            guard step.kind == .backward else { return "[]" }
            return JSON.array(step.grads.map { JSON.array([JSON.string("∂\(root)/∂\(snapshot.nodes[$0.node].name)"), JSON.number($0.grad)]) })
        }, lines: true)
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
    static func html(title: String, svg: String, table: String, stepCount: Int, quizHelp: String) -> String {
        Template(EmbeddedFiles.walkthrough_html).filled([
            "title": Escaping.xml(title), "svg": svg, "steps": String(stepCount), "table": table, "quizhelp": quizHelp,
        ])
    }
}
