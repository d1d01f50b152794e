import CGraphviz
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The size half of a `RenderBudget`, checked on a parsed graph before layout, under the Graphviz lock.

extension RenderBudget {
    /// Throws `overBudget` when the parsed graph has too many nodes or edges, subgraphs nested too
    /// deep, a work-driving attribute past its bound or a label too long; throws `readsFile` when,
    /// files not being allowed, it names a file for Graphviz to read or carries a script URL.
    func check(_ graph: UnsafeMutablePointer<Agraph_t>) throws(GraphvizError) {
        let nodes = Int(agnnodes(graph)), edges = Int(agnedges(graph))
        try check(nodes: nodes)
        guard edges <= maxEdges else { throw over("the graph has \(edges) edges, more than the budget of \(maxEdges)") }
        let graphRules = rules(graph, Int32(AGRAPH)), nodeRules = rules(graph, Int32(AGNODE))
        let edgeRules = rules(graph, Int32(AGEDGE))
        var pending = [(graph, 0)]  // the graph and its subgraphs, without recursion
        while let (g, depth) = pending.popLast() {
            guard depth <= maxDepth else { throw over("subgraphs are nested more than \(maxDepth) deep, the budget") }
            try check(UnsafeMutableRawPointer(g), graphRules)
            var sub = agfstsubg(g)
            while let s = sub { pending.append((s, depth + 1)); sub = agnxtsubg(s) }
        }
        guard !nodeRules.isEmpty || !edgeRules.isEmpty else { return }
        var node = agfstnode(graph)
        while let n = node {
            try check(UnsafeMutableRawPointer(n), nodeRules)
            var edge = edgeRules.isEmpty ? nil : agfstout(graph, n)
            while let e = edge {
                try check(UnsafeMutableRawPointer(e), edgeRules)
                edge = agnxtout(graph, e)
            }
            node = agnxtnode(graph, n)
        }
    }

    /// Throws `overBudget` when a graph of `nodes` nodes is too big: checked before the DOT text
    /// is even made when the count is known (a picture of a computation), and again on the parsed graph.
    public func check(nodes: Int) throws(GraphvizError) {
        guard nodes <= maxNodes else { throw over("the graph has \(nodes) nodes, more than the budget of \(maxNodes)") }
    }

    /// What is checked of one attribute.
    private enum Rule {
        /// Every number in the value is at most this.
        case bound(Double)
        /// A label: length, lines, and (files not allowed) no `<img>` or script URL in HTML.
        case label
        /// Names a file Graphviz would read: refused unless files are allowed.
        case file
        /// A URL or tooltip: no `javascript:` unless files are allowed.
        case url
    }

    private static let labels: Set<String> = ["label", "xlabel", "headlabel", "taillabel"]
    private static let files: Set<String> = ["image", "shapefile", "imagepath", "fontpath", "stylesheet"]
    private static let urls: Set<String> = Set(["URL", "href", "tooltip"].flatMap { name in
        [name] + ["edge", "head", "tail", "label"].map { $0 + name }
    })

    /// The rules for the attributes of `kind` the graph declares (only those need checking).
    private func rules(_ graph: UnsafeMutablePointer<Agraph_t>, _ kind: Int32) -> [(UnsafeMutablePointer<Agsym_t>, String, Rule)] {
        var found: [(UnsafeMutablePointer<Agsym_t>, String, Rule)] = []
        var symbol = agnxtattr(graph, kind, nil)
        while let s = symbol {
            let name = String(cString: s.pointee.name)
            if let bound = attributeBounds[name] {
                found.append((s, name, .bound(bound)))
            } else if Self.labels.contains(name) {
                found.append((s, name, .label))
            } else if !filesAllowed, Self.files.contains(name) {
                found.append((s, name, .file))
            } else if !filesAllowed, Self.urls.contains(name) {
                found.append((s, name, .url))
            }
            symbol = agnxtattr(graph, kind, s)
        }
        return found
    }

    /// Checks one graph, node or edge against `rules`.
    private func check(_ object: UnsafeMutableRawPointer, _ rules: [(UnsafeMutablePointer<Agsym_t>, String, Rule)]) throws(GraphvizError) {
        for (symbol, name, rule) in rules {
            guard let raw = agxget(object, symbol), raw.pointee != 0 else { continue }
            switch rule {
            case .bound(let bound):
                if Self.numbers(raw).contains(where: { $0 > bound }) {
                    throw over("\(name)=\(Self.shown(raw)) is past the budget: at most \(points(bound))")
                }
            case .label:
                try checkLabel(raw, name: name)
            case .file:
                throw GraphvizError("\(name)=\"\(Self.shown(raw))\" would make Graphviz read a file, and files are not allowed",
                                    kind: .readsFile)
            case .url:
                if Self.isScript(String(cString: raw)) {
                    throw GraphvizError("\(name)=\"\(Self.shown(raw))\" is a script URL, and scripts are not allowed", kind: .readsFile)
                }
            }
        }
    }

    private func checkLabel(_ raw: UnsafeMutablePointer<CChar>, name: String) throws(GraphvizError) {
        let length = strlen(raw)
        guard length <= maxLabelLength else {
            throw over("a \(name) of \(length) bytes is past the budget of \(maxLabelLength)")
        }
        let text = String(cString: raw)
        let html = aghtmlstr(raw) != 0
        let lines = 1 + Self.lineBreaks(text, html: html)
        guard lines <= maxLabelLines else { throw over("a \(name) of \(lines) lines is past the budget of \(maxLabelLines)") }
        guard html, !filesAllowed else { return }
        let folded = Self.folded(text)
        if folded.contains("<img") {
            throw GraphvizError("an HTML \(name) with <IMG> would make Graphviz read a file, and files are not allowed", kind: .readsFile)
        }
        if folded.contains("javascript:") || folded.contains("vbscript:") {
            throw GraphvizError("an HTML \(name) carries a script URL, and scripts are not allowed", kind: .readsFile)
        }
    }

    private func over(_ message: String) -> GraphvizError { GraphvizError(message, kind: .overBudget) }

    /// The numbers of an attribute value, as Graphviz reads them (`7,7!` is 7 and 7; `abc` is none).
    private static func numbers(_ raw: UnsafeMutablePointer<CChar>) -> [Double] {
        var found: [Double] = []
        var cursor = raw
        while cursor.pointee != 0 {
            var end: UnsafeMutablePointer<CChar>?
            let x = strtod(cursor, &end)
            if let end, end != cursor {
                if !x.isNaN { found.append(x) }
                cursor = end
            } else {
                cursor += 1
            }
        }
        return found
    }

    /// Line breaks in a label: newlines, and `\n \l \r` escapes (or `<br>` in HTML).
    private static func lineBreaks(_ text: String, html: Bool) -> Int {
        if html { return folded(text).ranges(of: "<br").count + text.utf8.count(where: { $0 == 0x0A }) }
        var count = 0, escaped = false
        for byte in text.utf8 {
            if escaped {
                if byte == UInt8(ascii: "n") || byte == UInt8(ascii: "l") || byte == UInt8(ascii: "r") { count += 1 }
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == 0x0A {
                count += 1
            }
        }
        return count
    }

    /// Whether a URL runs a script when followed (`javascript:`, `vbscript:`, with entities, case and blanks as browsers forgive them).
    private static func isScript(_ url: String) -> Bool {
        let folded = folded(url)
        return folded.hasPrefix("javascript:") || folded.hasPrefix("vbscript:")
    }

    /// Text as a browser compares it: lower case, numeric character references decoded, `&colon;`
    /// as `:`, then blanks and control characters dropped.
    private static func folded(_ text: String) -> String {
        var decoded = ""
        var rest = Substring(text.lowercased())
        while let first = rest.first {
            if first == "&", let semicolon = rest.prefix(12).firstIndex(of: ";") {
                let entity = rest[rest.index(after: rest.startIndex)..<semicolon]
                let code = entity.hasPrefix("#x") ? UInt32(entity.dropFirst(2), radix: 16)
                    : entity.hasPrefix("#") ? UInt32(entity.dropFirst(), radix: 10) : nil
                if let scalar = code.flatMap(Unicode.Scalar.init) ?? (entity == "colon" ? ":" : nil) {
                    decoded.unicodeScalars.append(scalar)
                    rest = rest[rest.index(after: semicolon)...]
                    continue
                }
            }
            decoded.append(first)
            rest = rest.dropFirst()
        }
        return String(decoded.unicodeScalars.filter { !$0.properties.isWhitespace && $0.properties.generalCategory != .control })
    }

    /// An attribute value for a message: at most 40 characters, on one line.
    private static func shown(_ raw: UnsafeMutablePointer<CChar>) -> String {
        let text = String(cString: raw)
        return ErrorText.oneLine(text.count > 40 ? text.prefix(40) + "…" : text)
    }
}
