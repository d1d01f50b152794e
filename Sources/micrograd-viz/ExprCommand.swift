import ArgumentParser

/// `micrograd-viz expr`: the graph of a small program, as the lab's Python would build it.
struct ExprCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "expr",
        abstract: "Draw the graph of an expression, before or after backward.",
        discussion: """
            The language is Python's arithmetic over micrograd Values:
              numbers      2  -3.5  1e-3
              names        a  x1  w_2  (inputs, or values named by assignment)
              operators    + - * /  and  ** with a plain-number exponent;  unary -;  ( )
              functions    exp(x) tanh(x) relu(x) log(x),  or  x.tanh()
              statements   separated by ; or newlines;  name = expr  labels a value;
                           # starts a comment;  the last statement is the root.
            The graph has the lab's shape: a-b is a+(-b), a/b is a*b**-1, 2*a is a*2,
            arithmetic between plain numbers stays a number (2*3*x has one leaf, 6).
            Inputs: NAME=VALUE arguments, or `name = 0.5` in the program (the argument wins);
            any other input is drawn from uniform(-1, 1) with --seed, and a note says which.
            Numbers follow IEEE: log(-1) is nan, 1/0 and 0**-1 are inf; they are drawn as such.

            A program may start with a minus sign (expr "-tanh(x)" x=2). Use - as PROGRAM
            to read a (long) program from stdin.

            Examples:
              micrograd-viz expr "e=a*b; d=e+c; L=d*f" a=2 b=-3 c=10 f=-2 --out L.svg
              micrograd-viz expr "(a*b+c)*f" a=2 b=-3 c=10 f=-2 --stage both --png --out both.png
              micrograd-viz expr "o = tanh(x1*w1 + x2*w2 + b)" x1=2 x2=0 w1=-3 w2=1 b=6.8813735870195432
              micrograd-viz expr "x**2 + 3*x" x=1.5 --json
              micrograd-viz expr - < program.txt | dot -Tsvg > graph.svg
              micrograd-viz expr "e=a*b; d=e+c; L=d*f" a=2 b=-3 c=10 f=-2 --worksheet sheet.pdf --out L.tex
            """
    )

    @OptionGroup var program: ProgramArguments
    @OptionGroup(title: "Picture") var picture: PictureOptions
    @OptionGroup(title: "Output") var output: OutputOptions
    @OptionGroup(title: "Walkthrough") var walkthrough: WalkthroughOptions
    @OptionGroup(title: "Limits") var limits: BudgetOptions
    @OptionGroup(title: "Worksheet") var worksheet: WorksheetOptions

    func run() throws {
        try output.checkDestination()
        try walkthrough.checkDestination()
        try worksheet.checkDestination()
        let built = try program.build()
        try PictureOutput.write([built.root], picture: picture, output: output, walkthrough: walkthrough, limits: limits)
        try worksheet.write([built.root], picture: picture, budget: limits.budget())
    }
}
