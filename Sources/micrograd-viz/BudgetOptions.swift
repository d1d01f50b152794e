import ArgumentParser
import GraphRender

/// `--timeout SECONDS` and `--memory-limit SIZE`: the budget of every layout and render.
struct BudgetOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Seconds the layout and render may take; past them the run ends with status 70.",
                               valueName: "seconds"))
    var timeout = 30.0

    @Option(help: ArgumentHelp("Memory the layout and render may use, e.g. 512M or 2G (default 2G).", valueName: "size"),
            transform: ByteCount.parse)
    var memoryLimit = 2 << 30

    /// The most seconds `--timeout` takes: a day.
    static let timeoutLimit = 86_400.0

    func validate() throws {
        guard timeout > 0, timeout <= Self.timeoutLimit else {
            throw ValidationError("--timeout must be more than 0 and at most \(Int(Self.timeoutLimit)) seconds, not \(timeout)")
        }
    }

    /// The budget these options give (the size bounds at their defaults).
    func budget(filesAllowed: Bool = false) -> RenderBudget {
        RenderBudget(wallSeconds: timeout, addressSpace: memoryLimit, filesAllowed: filesAllowed)
    }
}
