import ArgumentParser
import GraphRender
import Micrograd

/// `micrograd-viz mlp`: the graph of the lab's MLP on one input, or of its loss.
struct MLPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlp",
        abstract: "Draw the graph of an MLP's forward pass, or of its loss over a dataset.",
        discussion: """
            ARCH is the input size and the layer widths: 3,4,4,1 is the lab's
            MLP(3, [4, 4, 1]). Weights and biases come from uniform(-1, 1) after
            random.seed(--seed), neuron by neuron, weights then bias, as the lab draws
            them. Parameters are labelled L{layer}N{neuron}.w{k} and .b; inputs x0, x1,
            … (each neuron gets its own leaf of each input, as the lab's Python coerces
            them). Big graphs: --depth neuron or layer collapses them, --color grad
            shades by |grad|.

            Examples:
              micrograd-viz mlp 3,4,4,1 --svg > mlp.svg
              micrograd-viz mlp 3,4,4,1 --input 2,3,-1 --stage forward --out forward.pdf
              micrograd-viz mlp 3,4,4,1 --loss --out loss.svg
              micrograd-viz mlp 3,4,4,1 --json | python3 -m json.tool
              micrograd-viz mlp 2,16,16,1 --loss --dataset moons:100 --depth layer --out l.svg
              micrograd-viz mlp 2,16,16,1 --activation relu --linear-output --zero-bias \\
                --dataset sklearn-moons:100 --sample 0 --loss-fn svm --l2 1e-4 \\
                --depth neuron --out sample0.svg          # demo.ipynb's model on one point
            """
    )

    @Argument(help: ArgumentHelp("The architecture, e.g. 3,4,4,1.", valueName: "arch"), transform: { try Architecture(parsing: $0) })
    var architecture: Architecture

    @Option(parsing: .unconditional,
            help: ArgumentHelp("The input, as many numbers as the first size (default 1,2,3,…).", valueName: "x0,x1,…"))
    var input: String?

    @Flag(help: "Draw the loss over a dataset (--loss-fn, default sum of squared errors) instead of one forward pass.")
    var loss = false

    @Option(help: ArgumentHelp("With --loss or --sample: lab (the 4 samples of §7.1), lab5, moons:N or sklearn-moons:N[:noise].", valueName: "name"),
            transform: { try DatasetChoice(parsing: $0) })
    var dataset: DatasetChoice = try! DatasetChoice(parsing: "lab")

    @Option(help: ArgumentHelp("Draw the loss of sample I of --dataset alone (0-based): its forward, loss term and backward.", valueName: "I"))
    var sample: Int?

    @Option(help: ArgumentHelp("With --loss or --sample: sse (default), mse or svm (micrograd's demo's max-margin).", valueName: "name"))
    var lossFn: Loss = .sse

    @Option(parsing: .unconditional, help: ArgumentHelp("With --loss or --sample: add alpha * sum(p*p for p in parameters) (the demo's 1e-4).", valueName: "alpha"))
    var l2: Double?

    @Option(help: ArgumentHelp("op draws every value, grouped per layer and neuron; neuron draws one box per neuron; layer one per layer.",
                               valueName: "op|neuron|layer"))
    var depth: Depth = .op

    @OptionGroup var network: NetworkOptions
    @OptionGroup(title: "Picture") var picture: PictureOptions
    @OptionGroup(title: "Output") var output: OutputOptions
    @OptionGroup(title: "Walkthrough") var walkthrough: WalkthroughOptions
    @OptionGroup(title: "Limits") var limits: BudgetOptions
    @OptionGroup(title: "Worksheet") var worksheet: WorksheetOptions

    func validate() throws {
        _ = try inputVector()
        if let l2, !l2.isFinite { throw ValidationError("--l2 must be a finite number, not \(l2)") }
        if loss || sample != nil {
            if input != nil { throw ValidationError("--input and \(loss ? "--loss" : "--sample") do not go together: the loss uses the dataset's inputs") }
            let samples = try NetworkOptions.usage { () throws(SetupError) in try dataset.dataset(seed: network.resolvedSeed) }
            if let sample, !samples.xs.indices.contains(sample) {
                throw ValidationError("--sample \(sample) is not a sample of '\(dataset.name)', which has \(samples.xs.count) (0 to \(samples.xs.count - 1))")
            }
            guard samples.inputCount == architecture.nin else {
                throw ValidationError("dataset '\(dataset.name)' has \(samples.inputCount) inputs per sample but the network takes \(architecture.nin)")
            }
            guard architecture.sizes.last == 1 else {
                throw ValidationError("--loss needs a network with one output; '\(architecture)' has \(architecture.sizes.last!)")
            }
        }
    }

    private func inputVector() throws -> [Double] {
        guard let input else { return (1...architecture.nin).map(Double.init) }
        let numbers = try NetworkOptions.usage { () throws(SetupError) in try CommaList.numbers(input) }
        guard numbers.count == architecture.nin else {
            throw ValidationError("--input has \(numbers.count) numbers but the network takes \(architecture.nin)")
        }
        return numbers
    }

    func run() throws {
        try output.checkDestination()
        try walkthrough.checkDestination()
        try worksheet.checkDestination()
        let mlp = network.network(architecture)
        let roots: [Value]
        if loss || sample != nil {
            var samples = try dataset.dataset(seed: network.resolvedSeed)
            if let sample { samples = Dataset(xs: [samples.xs[sample]], ys: [samples.ys[sample]]) }
            roots = [mlp.loss(on: samples, lossFn, l2: l2, firstSample: sample ?? 0)]
        } else {
            roots = mlp(try inputVector())
        }
        try PictureOutput.write(roots, picture: picture, output: output, walkthrough: walkthrough, limits: limits, depth: depth)
        try worksheet.write(roots, picture: picture, depth: depth, budget: limits.budget())
    }
}
