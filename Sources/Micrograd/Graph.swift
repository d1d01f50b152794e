/// The tape: every value of a computation, stored column by column in creation order.
///
/// Node `i` is created after its operands, so creation order is a topological order and the
/// backward pass is one reverse sweep. A `Value` is a handle (graph, index); the graph owns
/// all the numbers.
///
/// Columns (structure of arrays): `data`, `grad`, `op`, the operand indices `lhs`/`rhs`
/// (−1 when absent), `exponent` (for `**`), and a label id. That is 37 bytes per node, 38 with
/// the backward sweep's `reached` flag.
public final class Graph {
    // Speed: the stored properties below are read or written for every node, in the innermost
    // loops. Swift checks each access to a class's stored `var` at run time for an overlapping
    // access (a lookup in a per-thread table), which made training 10x slower. No access to
    // them spans a call that could touch the same property, so `@exclusivity(unchecked)` drops
    // those run-time checks; the compile-time checks stay.

    /// Number of nodes on the tape.
    @exclusivity(unchecked) public private(set) var count = 0
    @exclusivity(unchecked) private var capacity: Int

    @exclusivity(unchecked) var data: Column<Double>
    @exclusivity(unchecked) var grad: Column<Double>
    @exclusivity(unchecked) var exponent: Column<Double>
    @exclusivity(unchecked) var lhs: Column<Int32>
    @exclusivity(unchecked) var rhs: Column<Int32>
    @exclusivity(unchecked) var op: Column<Op>
    @exclusivity(unchecked) var label: Column<Int32>

    /// Interned label strings; id 0 is the empty label.
    private var labelNames: [String] = [""]
    private var labelIDs: [String: Int32] = ["": 0]
    /// Runs of nodes made by network code, in creation order (see `scoped(_:layer:neuron:_:)`):
    /// renderer bookkeeping, read through `scopes(of:)`.
    @exclusivity(unchecked) var regions: [Region] = []
    /// Scratch for `backward`: which nodes the sweep has reached. All false between calls.
    @exclusivity(unchecked) private var reached: Column<Bool>

    /// Creates an empty graph with room for `capacity` nodes before it first grows.
    public init(capacity: Int = 1024) {
        self.capacity = max(capacity, 16)
        data = Column(capacity: self.capacity)
        grad = Column(capacity: self.capacity)
        exponent = Column(capacity: self.capacity)
        lhs = Column(capacity: self.capacity)
        rhs = Column(capacity: self.capacity)
        op = Column(capacity: self.capacity)
        label = Column(capacity: self.capacity)
        reached = Column(capacity: self.capacity)
        reached.base.initialize(repeating: false, count: self.capacity)
    }

    /// A graph with the same nodes, numbers, labels and scopes, which can be changed (a backward
    /// pass run on it, say) without touching this one. Indices are the same in both.
    public func copy() -> Graph {
        let twin = Graph(capacity: count)
        twin.count = count
        for (to, from) in [(twin.data, data), (twin.grad, grad), (twin.exponent, exponent)] {
            to.base.update(from: from.base, count: count)
        }
        twin.lhs.base.update(from: lhs.base, count: count)
        twin.rhs.base.update(from: rhs.base, count: count)
        twin.op.base.update(from: op.base, count: count)
        twin.label.base.update(from: label.base, count: count)
        twin.labelNames = labelNames
        twin.labelIDs = labelIDs
        twin.regions = regions
        return twin
    }

    deinit {
        data.free(); grad.free(); exponent.free(); lhs.free(); rhs.free(); op.free()
        label.free(); reached.free()
    }

    // MARK: Building

    /// Adds a leaf node holding `data`.
    public func leaf(_ data: Double, label: String = "") -> Value {
        Value(graph: self, index: addLeaf(data, labelID: label.isEmpty ? 0 : labelID(label)))
    }

    /// Adds a leaf and returns its index.
    func addLeaf(_ data: Double, labelID: Int32) -> Int {
        var tape = appender(reserving: 1)
        let i = tape.addLeaf(data, labelID: labelID)
        commit(tape)
        return i
    }

    /// Adds the result of `op` applied to operands `u` (and `v` for binary ops; `k` for `**`)
    /// and returns its index. `Value`'s operators build through this, one node at a time; the
    /// network code appends a neuron's nodes through one `Appender`.
    @inline(__always)
    func apply(_ op: Op, _ u: Int, _ v: Int = -1, exponent k: Double = 0) -> Int {
        var tape = appender(reserving: 1)
        let i = tape.apply(op, u, v, exponent: k)
        commit(tape)
        return i
    }

    /// Makes room for `n` more nodes and returns a writer of them (see `Appender`); `commit(_:)`
    /// puts the nodes it wrote on the tape. Nothing else may add nodes in between.
    func appender(reserving n: Int) -> Appender {
        while count + n > capacity { grow() }
        return Appender(self)
    }

    /// Ends a run of appends: the nodes `appender` wrote are now on the tape.
    func commit(_ appender: Appender) {
        precondition(appender.start == count && appender.count <= capacity, "an appender outlived its run")
        count = appender.count
    }

    /// The columns a run of appends writes, held in a local value, with room already made.
    ///
    /// Every node is written through one: `apply` and `addLeaf` for a node at a time, the network
    /// code's forward pass for a neuron's nodes at once. Speed: the same reason as `Sweep`. Written
    /// through the graph object, every store to a column made the compiler load every column's
    /// pointer and the count from the object again; from a local value it loads them once a run.
    struct Appender {
        let data: Column<Double>, grad: Column<Double>, exponent: Column<Double>
        let lhs: Column<Int32>, rhs: Column<Int32>, label: Column<Int32>
        let op: Column<Op>
        /// Where the run began, and the index of the next node.
        let start: Int
        private(set) var count: Int

        fileprivate init(_ graph: Graph) {
            data = graph.data; grad = graph.grad; exponent = graph.exponent
            lhs = graph.lhs; rhs = graph.rhs; label = graph.label; op = graph.op
            start = graph.count; count = graph.count
        }

        /// `Graph.addLeaf`, within the room made.
        @inline(__always)
        mutating func addLeaf(_ d: Double, labelID: Int32) -> Int {
            append(.leaf, d, -1, -1, 0, labelID)
        }

        /// `Graph.apply`, within the room made.
        @inline(__always)
        mutating func apply(_ o: Op, _ u: Int, _ v: Int = -1, exponent k: Double = 0) -> Int {
            let y = v >= 0 ? data[v] : 0
            return append(o, Op.forward(o, data[u], y, k), Int32(truncatingIfNeeded: u), Int32(truncatingIfNeeded: v), k, 0)
        }

        @inline(__always)
        private mutating func append(_ o: Op, _ d: Double, _ l: Int32, _ r: Int32, _ k: Double, _ labelID: Int32) -> Int {
            let i = count
            data[i] = d; grad[i] = 0; exponent[i] = k
            lhs[i] = l; rhs[i] = r; op[i] = o; label[i] = labelID
            count = i + 1
            return i
        }
    }

    private func grow() {
        precondition(capacity < Int(Int32.max) / 2, "a graph holds at most \(Int32.max / 2) nodes")
        let bigger = capacity * 2
        data.grow(count: count, to: bigger)
        grad.grow(count: count, to: bigger)
        exponent.grow(count: count, to: bigger)
        lhs.grow(count: count, to: bigger)
        rhs.grow(count: count, to: bigger)
        op.grow(count: count, to: bigger)
        label.grow(count: count, to: bigger)
        reached.grow(count: capacity, to: bigger)
        (reached.base + capacity).initialize(repeating: false, count: bigger - capacity)
        capacity = bigger
    }

    /// Forgets every node from `count` on, keeping the memory for the next nodes. Values that
    /// pointed past the new end must not be used again. Training uses this to reuse one tape
    /// across steps: parameters first, each step's nodes truncated after the update.
    public func truncate(to count: Int) {
        precondition(count >= 0 && count <= self.count, "truncate(to: \(count)) outside 0...\(self.count)")
        self.count = count
        while let last = regions.last, last.end > count {
            if last.start >= count { regions.removeLast() } else { regions[regions.count - 1].end = count }
        }
    }

    // MARK: Labels

    /// The id of `name` in this graph's label table, adding it if new.
    public func labelID(_ name: String) -> Int32 {
        if let id = labelIDs[name] { return id }
        let id = Int32(labelNames.count)
        labelNames.append(name)
        labelIDs[name] = id
        return id
    }

    func labelName(_ id: Int32) -> String { labelNames[Int(id)] }

    // MARK: Gradients

    /// Sets every node's grad to zero.
    public func zeroGrad() {
        grad.base.update(repeating: 0, count: count)
    }

    /// Backpropagates from `root`: seeds its grad with 1 (as the lab does, `self.grad = 1.0`)
    /// and *accumulates* into every node it reaches, visiting nodes in reverse creation order.
    /// Nodes that do not lead to `root` are left alone.
    func backward(from root: Int) {
        let sweep = Sweep(self)
        sweep.grad[root] = 1.0
        sweep.reached[root] = true
        var i = root
        while i >= 0 {
            if sweep.reached[i] {
                sweep.reached[i] = false
                if sweep.op[i] != .leaf {
                    sweep.reached[Int(sweep.lhs[i])] = true
                    if sweep.rhs[i] >= 0 { sweep.reached[Int(sweep.rhs[i])] = true }
                    sweep.propagate(i)
                }
            }
            i -= 1
        }
    }

    /// Runs node `i`'s local backward rule (see `Sweep.propagate(_:)`).
    func propagate(_ i: Int) { Sweep(self).propagate(i) }

    /// The columns backpropagation reads and writes, held in a local value.
    ///
    /// Speed: each column is a pointer. Read through the graph (`self.grad[u]`), every store to
    /// a grad or a flag makes the compiler load every column's pointer from the graph object
    /// again (the store might have changed it); from a local copy it loads them once. That took
    /// a third of the instructions out of the sweep.
    struct Sweep {
        let data: Column<Double>, grad: Column<Double>, exponent: Column<Double>
        let lhs: Column<Int32>, rhs: Column<Int32>
        let op: Column<Op>
        let reached: Column<Bool>

        init(_ graph: Graph) {
            data = graph.data; grad = graph.grad; exponent = graph.exponent
            lhs = graph.lhs; rhs = graph.rhs; op = graph.op; reached = graph.reached
        }

        /// Node `i`'s local backward rule: adds its grad times the local derivatives to its
        /// operands' grads (first operand first, as the lab's closures do).
        @inline(__always)
        func propagate(_ i: Int) {
            let u = Int(lhs[i]), v = Int(rhs[i])
            let (du, dv) = Op.backward(op[i], data[u], v >= 0 ? data[v] : 0, data[i], exponent[i], grad[i])
            grad[u] += du
            if v >= 0 { grad[v] += dv }
        }
    }

    /// Recomputes the data of every node created after `start` from its operands, in creation
    /// order: a forward pass replayed on the same tape after leaves changed (used by the
    /// numeric gradient check). Grads are left alone.
    public func replayForward(from start: Int = 0) {
        for i in start..<count where op[i] != .leaf {
            let r = rhs[i]
            data[i] = Op.forward(op[i], data[Int(lhs[i])], r >= 0 ? data[Int(r)] : 0, exponent[i])
        }
    }

    // MARK: Reading nodes

    /// The node at `index` as a value handle.
    public subscript(index: Int) -> Value {
        precondition(index >= 0 && index < count, "node \(index) is not on this tape of \(count) nodes")
        return Value(graph: self, index: index)
    }

    /// The operands of node `index`, in the order the op took them (repeats kept: `a*a` has `a` twice).
    public func operands(of index: Int) -> [Int] {
        switch op[index].arity {
        case 0: []
        case 1: [Int(lhs[index])]
        default: [Int(lhs[index]), Int(rhs[index])]
        }
    }
}
