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

    private static func object(_ snapshot: Snapshot) -> String {
        var out = "{\"root\": \(snapshot.root), "
        if snapshot.roots.count > 1 { out += "\"outputs\": [\(snapshot.roots.map(String.init).joined(separator: ", "))], " }
        out += "\"nodes\": [\n"
        for (k, node) in snapshot.nodes.enumerated() {
            out += "  {\"id\": \(node.id), \"label\": \(Escaping.jsonString(node.label)), \"op\": \(Escaping.jsonString(node.op)), "
            out += "\"data\": \(NumberFormat.json(node.data)), \"grad\": \(NumberFormat.json(node.grad)), "
            out += "\"children\": [\(node.children.map(String.init).joined(separator: ", "))]}"
            out += k == snapshot.nodes.count - 1 ? "\n" : ",\n"
        }
        return out + "]}"
    }
}
