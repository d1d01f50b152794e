// micrograd-bench: the Swift side of `make bench`. Each workload prints one JSON object on stdout;
// Scripts/bench.py runs it next to Scripts/bench_lab.py (the lab's Python) and compares.
//
//   micrograd-bench step [--runs N]        one training step of MLP(2,[16,16,1]) on 100 two-moons points
//   micrograd-bench throughput [--runs N]  forward + backward on that graph, nodes per second
//   micrograd-bench chain [--ops N] [--runs N]   build a chain of N ops, then backward
//   micrograd-bench memory                 bytes per node: column layout and measured allocation
//   micrograd-bench train --steps N        N training steps (for max RSS, measured by the caller)
//   micrograd-bench render [--runs N] [--dot-out FILE]   the 4-sample loss graph of MLP(3,[16,16,1])
//                                          to SVG, in-process (and its DOT text to FILE)
//   micrograd-bench render-dot FILE [--runs N]   DOT text from FILE to SVG, as `micrograd-viz render`
//                                          lays it out (budget checks, a forked child): against `dot -Tsvg FILE`
//   micrograd-bench isolation [--runs N]   the warm-up graph to SVG through a forked child (the default)
//                                          and in-process: what Graphviz's isolation costs
//
// Times are medians of --runs repetitions, in seconds, from a monotonic clock.

import Foundation
import GraphRender
import Micrograd

let arguments = Array(CommandLine.arguments.dropFirst())

func option(_ name: String, default value: Int) -> Int {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count, let n = Int(arguments[i + 1]) else { return value }
    return n
}

let seed = option("--seed", default: 1337)
let clock = ContinuousClock()

/// Seconds taken by `body`.
func seconds(_ body: () -> Void) -> Double {
    let d = clock.measure(body).components
    return Double(d.seconds) + Double(d.attoseconds) * 1e-18
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// Prints a JSON object with keys in the given order.
func emit(_ fields: KeyValuePairs<String, Any>) {
    func encode(_ value: Any) -> String {
        switch value {
        case let d as Double: d.isFinite ? "\(d)" : "null"
        case let i as Int: "\(i)"
        case let b as Bool: b ? "true" : "false"
        case let s as String: "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case let a as [Double]: "[" + a.map(encode).joined(separator: ", ") + "]"
        default: "null"
        }
    }
    print("{" + fields.map { "\"\($0.key)\": \(encode($0.value))" }.joined(separator: ", ") + "}")
}

/// The network and data of the step and throughput workloads.
func moonsNetwork() -> (MLP, Dataset) {
    var random = PythonRandom(seed: seed)
    return (MLP(2, [16, 16, 1], random: &random), Dataset.moons(count: 100, seed: seed))
}

/// Nodes one step puts on the tape (forward over all points and the loss), and the first loss.
func stepNodes(_ mlp: MLP, _ data: Dataset) -> (nodes: Int, loss: Double) {
    let mark = mlp.graph.count
    let loss = mlp.loss(on: data)
    defer { mlp.graph.truncate(to: mark) }
    return (mlp.graph.count - mark, loss.data)
}

switch arguments.first {
case "step":
    let runs = option("--runs", default: 101)
    let (mlp, data) = moonsNetwork()
    let (nodes, loss0) = stepNodes(mlp, data)
    let parameters = mlp.parameters
    let options = TrainingOptions()
    var times: [Double] = []
    var lastLoss = 0.0
    for _ in 0..<runs {
        times.append(seconds { lastLoss = mlp.trainingStep(on: data, options: options, parameters: parameters).loss })
    }
    emit(["workload": "step", "nodes": nodes, "parameters": parameters.count, "first_loss": loss0,
          "last_loss": lastLoss, "runs": runs, "seconds": median(times), "min_seconds": times.min()!])

case "throughput":
    // Forward (all points and the loss) then backward, on a tape reused from run to run.
    let runs = option("--runs", default: 101)
    let (mlp, data) = moonsNetwork()
    let graph = mlp.graph
    let mark = graph.count
    var nodes = 0
    var times: [Double] = []
    for _ in 0..<runs {
        times.append(seconds {
            let loss = mlp.loss(on: data)
            loss.backward()
            nodes = graph.count - mark
        })
        graph.zeroGrad()
        graph.truncate(to: mark)
    }
    let t = median(times)
    emit(["workload": "throughput", "nodes": nodes, "runs": runs, "seconds": t, "nodes_per_second": Double(nodes) / t])

case "chain":
    // y = tanh(y * x), repeated: ops/2 muls and ops/2 tanhs, each on the previous result.
    let ops = option("--ops", default: 1_000_000)
    let runs = option("--runs", default: 5)
    var times: [Double] = []
    var nodes = 0, grad = 0.0
    for _ in 0..<runs {
        times.append(seconds {
            let graph = Graph()
            let x = graph.leaf(0.999, label: "x")
            var y = graph.leaf(0.5, label: "y0")
            for _ in 0..<(ops / 2) { y = (y * x).tanh() }
            y.backward()
            nodes = graph.count
            grad = x.grad
            withExtendedLifetime(graph) {}
        })
    }
    emit(["workload": "chain", "ops": ops, "nodes": nodes, "x_grad": grad, "runs": runs, "seconds": median(times)])

case "memory":
    // The columns of the tape (see Graph.swift): data, grad, exponent (Double); lhs, rhs, label
    // (Int32); op (UInt8); the backward sweep's `reached` flag (Bool). Then what building and
    // differentiating a 10^6-node chain adds to the resident set (the columns are fresh pages;
    // the capacity doubles, so up to 2x the nodes can be allocated).
    let layout = 3 * MemoryLayout<Double>.stride + 3 * MemoryLayout<Int32>.stride
        + MemoryLayout<Op>.stride + MemoryLayout<Bool>.stride
    func residentBytes() -> Int {
        let fields = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8))?.split(separator: " ") ?? []
        return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
    }
    let before = residentBytes()
    let graph = Graph()
    let x = graph.leaf(0.999)
    var y = graph.leaf(0.5)
    for _ in 0..<500_000 { y = (y * x).tanh() }
    y.backward()
    let nodes = graph.count
    let grown = residentBytes() - before
    withExtendedLifetime(graph) {}
    emit(["workload": "memory", "layout_bytes_per_node": layout, "nodes": nodes,
          "resident_bytes": grown, "resident_bytes_per_node": Double(grown) / Double(nodes)])

case "train":
    let steps = option("--steps", default: 1000)
    let (mlp, data) = moonsNetwork()
    let run = mlp.train(on: data, options: TrainingOptions(steps: steps))
    emit(["workload": "train", "steps": steps, "first_loss": run.losses.first ?? .nan,
          "last_loss": run.losses.last ?? .nan, "seconds_per_step": run.secondsPerStep])

case "render":
    // What `mlp 3,16,16,1 --loss --svg` draws: the loss over the lab's 4 samples after backward.
    // Timed: snapshot, DOT text and in-process Graphviz to SVG (the Python side times draw_dot + pipe).
    let runs = option("--runs", default: 5)
    var random = PythonRandom(seed: seed)
    let mlp = MLP(3, [16, 16, 1], random: &random)
    let loss = mlp.loss(on: .lab)
    loss.backward()
    let snapshot = Snapshot(of: loss)
    let dot = DOTWriter.dot(snapshot)
    let dotNodes = snapshot.nodes.count + snapshot.nodes.filter { $0.op != .leaf }.count
    if let i = arguments.firstIndex(of: "--dot-out"), i + 1 < arguments.count {
        _ = FileManager.default.createFile(atPath: arguments[i + 1], contents: Data(dot.utf8))  // for `dot -Tsvg` alone
    }
    var times: [Double] = []
    var bytes = 0
    for _ in 0..<runs {
        times.append(seconds {
            let rendering = try! Picture.draw([loss], PictureRequest(stage: .forward, format: .svg, nodeLimit: .max))
            bytes = rendering.bytes.count
        })
    }
    emit(["workload": "render", "values": snapshot.nodes.count, "dot_nodes": dotNodes,
          "newrank": dot.contains("newrank"), "svg_bytes": bytes, "runs": runs,
          "seconds": median(times), "all_seconds": times])

case "render-dot":
    // The same DOT text `dot -Tsvg` is given: only the render differs (no snapshot, no DOT writing).
    let runs = option("--runs", default: 5)
    guard arguments.count > 1, let dot = try? String(contentsOfFile: arguments[1], encoding: .utf8) else {
        FileHandle.standardError.write(Data("micrograd-bench render-dot: give a DOT file\n".utf8))
        exit(64)
    }
    var times: [Double] = []
    var bytes = 0
    for _ in 0..<runs {
        times.append(seconds { bytes = try! Graphviz.render(dot: dot, format: "svg").bytes.count })
    }
    emit(["workload": "render-dot", "svg_bytes": bytes, "runs": runs, "seconds": median(times), "all_seconds": times])

case "isolation":
    // The lab's warm-up, L = (a*b + c) * f after backward, to SVG: through the forked child every
    // render uses, and in-process (as before issue 12), after one warm-up render each; wall time
    // (median) and CPU time (mean, this process and its children).
    let runs = option("--runs", default: 101)
    let graph = Graph()
    let (a, b, c, f) = (graph.leaf(2, label: "a"), graph.leaf(-3, label: "b"), graph.leaf(10, label: "c"), graph.leaf(-2, label: "f"))
    let L = (a * b + c) * f
    L.backward()
    let dot = DOTWriter.dot(Snapshot(of: L))
    var inProcess = RenderBudget.standard
    inProcess.inProcess = true
    /// CPU seconds used so far by this process and its reaped children (wall time moves with the machine's load).
    func cpu() -> Double {
        var own = rusage(), children = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &own)
        getrusage(Int32(RUSAGE_CHILDREN.rawValue), &children)
        return [own.ru_utime, own.ru_stime, children.ru_utime, children.ru_stime]
            .reduce(0) { $0 + Double($1.tv_sec) + Double($1.tv_usec) * 1e-6 }
    }
    var forked: [Double] = [], direct: [Double] = []
    _ = try! Graphviz.render(dot: dot, format: "svg")
    _ = try! Graphviz.render(dot: dot, format: "svg", budget: inProcess)
    let start = cpu()
    for _ in 0..<runs { forked.append(seconds { _ = try! Graphviz.render(dot: dot, format: "svg") }) }
    let middle = cpu()
    for _ in 0..<runs { direct.append(seconds { _ = try! Graphviz.render(dot: dot, format: "svg", budget: inProcess) }) }
    let end = cpu()
    emit(["workload": "isolation", "runs": runs, "forked_seconds": median(forked), "in_process_seconds": median(direct),
          "forked_cpu_seconds": (middle - start) / Double(runs), "in_process_cpu_seconds": (end - middle) / Double(runs),
          "all_forked_seconds": forked, "all_in_process_seconds": direct])

default:
    FileHandle.standardError.write(Data("usage: micrograd-bench step|throughput|chain|memory|train|render|isolation [--runs N]\n".utf8))
    exit(64)
}
