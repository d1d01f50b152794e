/// Writes a snapshot as JSON, a contract for scripts:
/// `{"root": ID, "nodes": [{"id", "label", "op", "data", "grad", "children": [ID, …]}, …]}`.
///
/// A network with several outputs also lists them: `"outputs": [ID, …]` (the root is the last).
/// Nodes are in creation order, `children` in the order the op took its operands, doubles
/// printed to round-trip exactly, non-finite values as the strings "nan", "inf", "-inf".
public enum JSONWriter {
    /// One snapshot.
    public static func json(_ snapshot: Snapshot) -> String {
        object(snapshot) + "\n"
    }

    /// Both stages: `{"forward": {…}, "backward": {…}}`.
    public static func json(before: Snapshot, after: Snapshot) -> String {
        "{\n\"forward\": " + object(before) + ",\n\"backward\": " + object(after) + "\n}\n"
    }

    /// One node: `{"id", "label", "op", "data", "grad", "children"}`.
    public static func node(_ node: Snapshot.Node) -> String {
        JSON.object(["id": JSON.number(node.id), "label": JSON.string(node.label), "op": JSON.string(node.opName),
                     "data": JSON.number(node.data), "grad": JSON.number(node.grad),
                     "children": JSON.array(node.children.map(JSON.number))])
    }

    private static func object(_ snapshot: Snapshot) -> String {
        var fields = [("root", JSON.number(snapshot.root))]
        if snapshot.roots.count > 1 { fields.append(("outputs", JSON.array(snapshot.roots.map(JSON.number)))) }
        fields.append(("nodes", JSON.array(snapshot.nodes.map(node), lines: true)))
        return JSON.object(fields)
    }
}
