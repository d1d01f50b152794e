import Expression
import GraphRender

/// The answer to `POST /api/graph`, written as one JSON object:
///
/// `{"root": ID, "nodes": [{"id", "label", "op", "data", "grad"}, …], "edges": [{"from", "to"}, …],
///   "inputs": [{"name", "value", "source"}, …], "svg": TEXT, "zero": TEXT,
///   "steps": [{"kind", "node", "grads": [{"node", "grad", "text"}, …], "text"}, …]}`
///
/// Numbers are JSON's shortest exact form (`"nan"`, `"inf"`, `"-inf"` as strings, as `--json`
/// writes them). `svg` is the picture `expr … --svg` writes. `steps` are the walkthrough's frames;
/// each grad change also comes as the picture prints it (`text`, like `zero` for a grad of 0), so a
/// page can rewrite the picture's grad fields by node id without formatting numbers itself.
struct GraphAnswer {
    /// The nodes at the request's stage.
    let snapshot: Snapshot
    /// The program's inputs and where their values came from.
    let inputs: [BuiltInput]
    /// The SVG bytes.
    let svg: [UInt8]
    /// The backward pass, step by step.
    let walkthrough: Walkthrough
    /// Decimals of the picture's numbers.
    let precision: Int

    /// The JSON text.
    var json: String {
        var out = "{\"root\": \(snapshot.root), \"nodes\": ["
        out += snapshot.nodes.map { node in
            "{\"id\": \(node.id), \"label\": \(JSON.string(node.label)), \"op\": \(JSON.string(node.opName)), "
                + "\"data\": \(JSON.number(node.data)), \"grad\": \(JSON.number(node.grad))}"
        }.joined(separator: ", ")
        out += "], \"edges\": ["
        out += snapshot.edges.map { "{\"from\": \($0.from), \"to\": \($0.to)}" }.joined(separator: ", ")
        out += "], \"inputs\": ["
        out += inputs.map { input in
            "{\"name\": \(JSON.string(input.name)), \"value\": \(JSON.number(input.value.data)), "
                + "\"source\": \"\(Self.name(of: input.source))\"}"
        }.joined(separator: ", ")
        out += "], \"svg\": " + JSON.string(String(decoding: svg, as: UTF8.self))
        out += ", \"zero\": " + JSON.string(NumberFormat.fixed(0, precision: precision))
        out += ", \"steps\": ["
        out += walkthrough.steps.map { step in
            let grads = step.grads.map { change in
                "{\"node\": \(change.node), \"grad\": \(JSON.number(change.grad)), "
                    + "\"text\": \"\(NumberFormat.fixed(change.grad, precision: precision))\"}"
            }
            return "{\"kind\": \"\(step.kind.rawValue)\", \"node\": \(step.node), \"grads\": [\(grads.joined(separator: ", "))], "
                + "\"text\": \(JSON.string(step.text))}"
        }.joined(separator: ", ")
        return out + "]}\n"
    }

    /// `given` (in the request), `program` (`a = 0.5` in the program) or `random`.
    private static func name(of source: InputSource) -> String {
        switch source {
        case .given: "given"
        case .program: "program"
        case .random: "random"
        }
    }
}
