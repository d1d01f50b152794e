/// What one layout and render may use. The size bounds are checked on the parsed graph before
/// layout (a graph past one is refused with `GraphvizError.Kind.overBudget`); the time and memory
/// bounds hold the child process that lays out and renders (see `Isolation`).
///
/// The node guard of `Graphviz.render(maxNodes:)` is a separate, user-liftable limit (`--force`);
/// a budget is never lifted.
public struct RenderBudget: Sendable, Equatable {
    /// Wall-clock seconds the layout and render may take before the child is killed.
    public var wallSeconds: Double
    /// CPU seconds the child may use (a backstop for the wall clock: RLIMIT_CPU).
    public var cpuSeconds: Double
    /// Bytes of address space the child may map on top of what the process already maps (RLIMIT_AS).
    public var addressSpace: Int
    /// The most nodes a graph may have.
    public var maxNodes: Int
    /// The most edges a graph may have.
    public var maxEdges: Int
    /// The largest value each numeric attribute that drives work or memory may take (every number
    /// in the value counts: both of `size="7,7"`).
    public var attributeBounds: [String: Double]
    /// The most bytes in one label (`label`, `xlabel`, `headlabel`, `taillabel`).
    public var maxLabelLength: Int
    /// The most lines in one label (newlines, `\n`, `\l`, `\r`, `<br/>`).
    public var maxLabelLines: Int
    /// The deepest subgraph nesting.
    public var maxDepth: Int
    /// Whether the graph may make Graphviz read local files (`image`, `shapefile`, `imagepath`,
    /// `fontpath`, `stylesheet`, HTML `<img>`) or carry `javascript:` URLs. Off by default.
    public var filesAllowed: Bool
    /// Lay out and render in this process rather than in a child: only for a process that is
    /// itself the sandbox (a worker under its own limits), or to measure what the child costs.
    /// The time and memory bounds then do not apply; the size bounds still do.
    public var inProcess = false

    /// The bounds of `attributeBounds` by default: well past any sensible picture, well short of
    /// what crashes Graphviz or holds it for minutes.
    public static let defaultAttributeBounds: [String: Double] = [
        "sides": 100, "peripheries": 20, "samplepoints": 1_000,
        "dpi": 2_400, "resolution": 2_400, "size": 10_000, "width": 1_000, "height": 1_000,
        "mclimit": 100, "nslimit": 100, "nslimit1": 100, "searchsize": 10_000, "maxiter": 100_000,
    ]

    /// A budget; every bound has a default fit for a command-line run.
    public init(wallSeconds: Double = 30, cpuSeconds: Double? = nil, addressSpace: Int = 2 << 30,
                maxNodes: Int = 100_000, maxEdges: Int = 200_000,
                attributeBounds: [String: Double] = RenderBudget.defaultAttributeBounds,
                maxLabelLength: Int = 16_384, maxLabelLines: Int = 1_000, maxDepth: Int = 100, filesAllowed: Bool = false) {
        self.wallSeconds = wallSeconds
        self.cpuSeconds = cpuSeconds ?? wallSeconds
        self.addressSpace = addressSpace
        self.maxNodes = maxNodes
        self.maxEdges = maxEdges
        self.attributeBounds = attributeBounds
        self.maxLabelLength = maxLabelLength
        self.maxLabelLines = maxLabelLines
        self.maxDepth = maxDepth
        self.filesAllowed = filesAllowed
    }

    /// The default budget: 30 s, 2 GiB, 100,000 nodes, 200,000 edges, no files.
    public static let standard = RenderBudget()
}

extension RenderBudget {
    /// Seconds as a user reads them: `30 s`, `0.5 s`.
    static func seconds(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? "\(Int(x)) s" : "\(x) s"
    }

    /// Bytes as a user reads them: `2 GiB`, `512 MiB`, `1000 bytes`.
    public static func bytes(_ n: Int) -> String {
        for (unit, size) in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where n >= size && n % size == 0 {
            return "\(n / size) \(unit)"
        }
        return "\(n) bytes"
    }
}
