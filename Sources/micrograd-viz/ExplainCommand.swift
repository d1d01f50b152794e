import ArgumentParser
import GraphRender

/// `micrograd-viz explain`: the backward pass as the lab's §1.2 table.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Print the backward pass as the lab's table: node, local rule, numbers, ∂L/∂v.",
        discussion: """
            One row a node, in the order backward() reaches the nodes: the seed, then each
            node's operands as its local rule gives them their grads. The local rule is written
            in symbols (∂L/∂c = ∂L/∂d · 1) and in numbers; a node used more than once has one
            term per use and their sum (a + a gives ∂L/∂a = 1 + 1). A nan or inf is traced to
            the first node that made it, with the program's line and column and why.
            The program is written as for `expr`.

            Examples:
              micrograd-viz explain "e=a*b; d=e+c; L=d*f" a=2 b=-3 c=10 f=-2
              micrograd-viz explain "L = a + a" a=3
              micrograd-viz explain "o = tanh(x1*w1 + x2*w2 + b)" x1=2 x2=0 w1=-3 w2=1 b=0.5 --format md
              micrograd-viz explain "y = log(x) * w" x=-1 w=2 --format json
            """
    )

    @OptionGroup var program: ProgramArguments

    @Option(help: ArgumentHelp("text (aligned columns, the default), md, tex or json.", valueName: "name"))
    var format: TableFormat = .text

    func run() throws {
        let built = try program.build()
        let table = BackwardTable([built.root]) { index in built.location(of: index).map { ($0.line, $0.column) } }
        try System.standardOutput(table.written(format))
    }
}

extension TableFormat: ExpressibleByArgument {}
