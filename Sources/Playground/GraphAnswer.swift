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
        let nodes = snapshot.nodes.map { node in
            JSON.object(["id": JSON.number(node.id), "label": JSON.string(node.label), "op": JSON.string(node.opName),
                         "data": JSON.number(node.data), "grad": JSON.number(node.grad)])
        }
        let edges = snapshot.edges.map { JSON.object(["from": JSON.number($0.from), "to": JSON.number($0.to)]) }
        let given = inputs.map { input in
            JSON.object(["name": JSON.string(input.name), "value": JSON.number(input.value.data),
                         "source": JSON.string(Self.name(of: input.source))])
        }
        let steps = walkthrough.steps.map { step in
            let grads = step.grads.map { change in
                JSON.object(["node": JSON.number(change.node), "grad": JSON.number(change.grad),
                             "text": JSON.string(NumberFormat.fixed(change.grad, precision: precision))])
            }
            return JSON.object(["kind": JSON.string(step.kind.rawValue), "node": JSON.number(step.node),
                                "grads": JSON.array(grads), "text": JSON.string(step.text)])
        }
        return JSON.object(["root": JSON.number(snapshot.root), "nodes": JSON.array(nodes), "edges": JSON.array(edges),
                            "inputs": JSON.array(given), "svg": JSON.string(String(decoding: svg, as: UTF8.self)),
                            "zero": JSON.string(NumberFormat.fixed(0, precision: precision)),
                            "steps": JSON.array(steps)]) + "\n"
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
