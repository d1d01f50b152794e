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

    static func html(title: String, svg: String, table: String, stepCount: Int) -> String {
        #"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\#(Escaping.xml(title))</title>
        <style>
          body { font: 15px/1.4 system-ui, sans-serif; margin: 12px 16px; color: #222; }
          h1 { font-size: 17px; margin: 0 0 8px; }
          #picture { overflow: auto; max-height: 68vh; border: 1px solid #ddd; border-radius: 4px; }
          #picture svg { display: block; max-width: 100%; height: auto; }
          #picture.actual svg { max-width: none; }
          g.node, g.edge { transition: opacity .2s; }
          g.pending { opacity: .2; }
          /* Highlights stand apart from the role colours (blue, peach, grey, white, green). */
          g.node.changed > polygon, g.node.changed > ellipse { fill: #f9a8d4; stroke: #be185d; stroke-width: 2; }
          g.node.current > polygon, g.node.current > ellipse { fill: #ffd23f; stroke: #000; stroke-width: 3; }
          g.node.changed text:last-of-type { font-weight: bold; }
          g.edge.active path { stroke: #be185d; stroke-width: 2; }
          g.edge.active polygon { fill: #be185d; stroke: #be185d; }
          #controls { display: flex; gap: 8px; align-items: center; margin: 10px 0; }
          #controls button { font: inherit; padding: 2px 10px; }
          #slider { flex: 1; }
          #counter { min-width: 8em; text-align: right; font-variant-numeric: tabular-nums; }
          #text { white-space: pre-wrap; font: 16px/1.5 ui-monospace, monospace; background: #f5f5f0;
                  padding: 8px 12px; border-radius: 4px; min-height: 4.5em; margin: 0; }
          .help { color: #777; font-size: 13px; }
        </style>
        </head>
        <body>
        <h1>\#(Escaping.xml(title))</h1>
        <div id="picture">
        \#(svg)
        </div>
        <div id="controls">
          <button id="prev" title="previous step (←)">◀ prev</button>
          <button id="play" title="play or pause (space)">▶ play</button>
          <button id="next" title="next step (→)">next ▶</button>
          <input id="slider" type="range" min="1" max="\#(stepCount)" value="1" aria-label="step">
          <span id="counter">step 1 / \#(stepCount)</span>
          <button id="zoom" title="fit the picture to the page, or show it at its actual size">actual size</button>
        </div>
        <pre id="text"></pre>
        <p class="help">← / → step, space plays or pauses, Home / End go to the first / last step.
        Yellow: the node of this step; pink: the grads it changes; faded: not computed yet.
        The address's #step=N opens step N, and #play plays from there.</p>
        <script>
        "use strict";
        const W = \#(table);

        // The picture's parts, found by the titles Graphviz gives them: n4 (a value), n4op (its op),
        // n0->n4op and n4op->n4 (edges into value 4).
        const svg = document.querySelector("#picture svg");
        const values = [], ops = [], edges = [];
        for (const g of svg.querySelectorAll("g.node")) {
          const m = /^n(\d+)(op)?$/.exec(g.querySelector("title").textContent);
          if (!m) continue;
          if (m[2]) { ops[+m[1]] = g; continue; }
          const texts = g.querySelectorAll("text");  // label (if any), "data …", "grad …"
          const data = texts[texts.length - 2], grad = texts[texts.length - 1];
          values[+m[1]] = { g, data, grad, dataText: data.textContent };
        }
        for (const g of svg.querySelectorAll("g.edge")) {
          const m = /^n\d+(?:op)?->n(\d+)(?:op)?$/.exec(g.querySelector("title").textContent);
          if (m) edges.push({ g, into: +m[1] });
        }

        const last = W.steps.length - 1;
        const $ = (id) => document.getElementById(id);
        let step = 0, timer = null;

        function setText(element, text) { if (element.textContent !== text) element.textContent = text; }

        /** Shows step s (0-based): grads as of that step, faded, current and changed nodes. */
        function show(s) {
          step = Math.max(0, Math.min(last, s));
          const [kind, node, changes, text] = W.steps[step];
          const grads = values.map(() => W.zero);
          for (let i = 0; i <= step; i++) {
            const c = W.steps[i][2];
            for (let j = 0; j < c.length; j += 2) grads[c[j]] = c[j + 1];
          }
          const changed = new Set(changes.filter((_, j) => j % 2 === 0));
          const pending = (id) => kind === "f" && id > node;
          values.forEach((v, id) => {
            v.g.classList.toggle("pending", pending(id));
            v.g.classList.toggle("current", id === node);
            v.g.classList.toggle("changed", changed.has(id));
            setText(v.data, pending(id) ? "data ?" : v.dataText);
            setText(v.grad, "grad " + grads[id]);
          });
          ops.forEach((g, id) => {
            g.classList.toggle("pending", pending(id));
            g.classList.toggle("current", id === node && kind !== "s");
          });
          for (const e of edges) {
            e.g.classList.toggle("pending", pending(e.into));
            e.g.classList.toggle("active", e.into === node && kind !== "s");
          }
          setText($("text"), text);
          setText($("counter"), `step ${step + 1} / ${last + 1}`);
          $("slider").value = step + 1;
          if ($("picture").classList.contains("actual")) {
            values[node].g.scrollIntoView({ block: "nearest", inline: "nearest" });
          }
          if (location.hash !== `#step=${step + 1}`) history.replaceState(null, "", `#step=${step + 1}`);
        }

        function play(on) {
          clearInterval(timer);
          timer = on ? setInterval(() => (step < last ? show(step + 1) : play(false)), 700) : null;
          if (on && step === last) show(0);
          setText($("play"), on ? "❚❚ pause" : "▶ play");
        }

        function fromHash() {
          const hash = location.hash, m = /step=(\d+)/.exec(hash);
          show(m ? +m[1] - 1 : 0);
          if (/\bplay\b/.test(hash)) play(true);
        }

        $("prev").onclick = () => { play(false); show(step - 1); };
        $("next").onclick = () => { play(false); show(step + 1); };
        $("play").onclick = () => play(timer === null);
        $("slider").oninput = () => { play(false); show($("slider").value - 1); };
        function zoom(actual) {
          $("picture").classList.toggle("actual", actual);
          setText($("zoom"), actual ? "fit" : "actual size");
        }
        $("zoom").onclick = () => { zoom(!$("picture").classList.contains("actual")); show(step); };
        document.addEventListener("keydown", (event) => {
          const tag = event.target.tagName;
          if (tag === "INPUT" && event.key !== " ") return;   // the slider moves with its own keys
          if (tag === "BUTTON" && event.key === " ") return;  // a focused button clicks itself
          const go = { ArrowLeft: step - 1, ArrowRight: step + 1, Home: 0, End: last }[event.key];
          if (go !== undefined) { play(false); show(go); event.preventDefault(); }
          else if (event.key === " ") { play(timer === null); event.preventDefault(); }
        });
        window.addEventListener("hashchange", fromHash);
        // A picture much wider than the page starts at its actual size, scrolled to each step's node.
        zoom(svg.width.baseVal.value > 2 * $("picture").clientWidth);
        fromHash();
        </script>
        </body>
        </html>

        """#
    }
}
