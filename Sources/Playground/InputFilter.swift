import Expression

/// Which of a request's inputs a program takes. A page keeps the values of names its program no
/// longer has (so that undoing an edit brings them back) and sends them all; the CLI would refuse
/// the extra ones, the playground leaves them out.
enum InputFilter {
    /// The entries of `inputs` whose names the program reads and does not compute: the names it
    /// uses, and those it assigns a plain number (`a = 0.5`), less those it computes (`a = b*2`).
    static func taken(by program: Program, from inputs: [String: Double]) -> [String: Double] {
        var used = Set<String>(), computed = Set<String>()
        var start = 0
        for statement in program.statements {
            let nodes = program.nodes[start...statement.value]
            let names = nodes.compactMap { node -> String? in if case .variable(let name) = node { name } else { nil } }
            used.formUnion(names)
            if let target = statement.target {
                if names.isEmpty { used.insert(target) } else { computed.insert(target) }
            }
            start = statement.value + 1
        }
        return inputs.filter { used.contains($0.key) && !computed.contains($0.key) }
    }
}
