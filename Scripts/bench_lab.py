"""The Python side of `make bench`: the lab's own code (Scripts/lab.py) on the workloads that
micrograd-bench runs in Swift. Each workload prints one JSON object on stdout.

  python3 Scripts/bench_lab.py step [--runs N]        one training step, MLP(2,[16,16,1]), 100 moons points
  python3 Scripts/bench_lab.py throughput [--runs N]  forward + backward on that graph, nodes per second
  python3 Scripts/bench_lab.py chain [--ops N]        a chain of N ops, then backward (the lab's recursion)
  python3 Scripts/bench_lab.py memory                 bytes per node (tracemalloc)
  python3 Scripts/bench_lab.py render [--runs N]      draw_dot(loss).pipe('svg'), MLP(3,[16,16,1]), 4 samples
  python3 Scripts/bench_lab.py labrun                 the lab's default run: MLP(3,[4,4,1]), 50 steps (§7.2)

The moons points are made exactly as Swift's `Dataset.moons(count:seed:)` makes them, from
`random.Random(seed + 1)`, and the network from `random.seed(seed)`, so both sides build the
same graph (the orchestrator checks the node counts and the first loss agree).
"""

import json
import math
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lab  # noqa: E402  (lab.py raises the recursion limit to 100000; `chain` sets it back)

LAB_RECURSION_LIMIT = sys.getrecursionlimit()


def option(name, default):
    args = sys.argv[2:]
    if name in args and args.index(name) + 1 < len(args):
        return int(args[args.index(name) + 1])
    return default


SEED = option("--seed", 1337)


def median(xs):
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def emit(**fields):
    print(json.dumps(fields))


def moons(count, seed):
    """Port of Swift's Dataset.moons(count:seed:): two half circles, labels +1 outer, -1 inner."""
    r = random.Random(seed + 1)
    outer = count // 2
    xs, ys = [], []
    for i in range(count):
        is_outer = i < outer
        j, n = (i, outer) if is_outer else (i - outer, count - outer)
        t = math.pi * j / (n - 1) if n > 1 else 0.0
        x, y = (math.cos(t), math.sin(t)) if is_outer else (1 - math.cos(t), 0.5 - math.sin(t))
        xs.append([x + 0.1 * r.uniform(-1, 1), y + 0.1 * r.uniform(-1, 1)])
        ys.append(1.0 if is_outer else -1.0)
    return xs, ys


def sse(ypred, ys):
    """The lab's loss, verbatim."""
    return sum((yout - ygt)**2 for ygt, yout in zip(ys, ypred))


def training_step(n, xs, ys, params, lr=0.05):
    """One iteration of the lab's loop (§7.2): forward, zero-grad, backward, update."""
    ypred = [n(x) for x in xs]
    loss = sse(ypred, ys)
    for p in params:
        p.grad = 0.0
    loss.backward()
    for p in params:
        p.data += -lr * p.grad
    return loss


def moons_network():
    random.seed(SEED)
    n = lab.MLP(2, [16, 16, 1])
    xs, ys = moons(100, SEED)
    return n, xs, ys


def step_nodes(n, xs, ys):
    """Nodes one step creates (everything the loss reaches, less the parameters), and the loss."""
    loss = sse([n(x) for x in xs], ys)
    nodes, _ = lab.trace(loss)
    return len(nodes) - len(n.parameters()), loss.data


def workload_step():
    runs = option("--runs", 5)
    n, xs, ys = moons_network()
    nodes, loss0 = step_nodes(n, xs, ys)
    params = n.parameters()
    times = []
    last = None
    for _ in range(runs):
        t0 = time.perf_counter()
        last = training_step(n, xs, ys, params).data
        times.append(time.perf_counter() - t0)
    emit(workload="step", nodes=nodes, parameters=len(params), first_loss=loss0, last_loss=last,
         runs=runs, seconds=median(times), min_seconds=min(times))


def workload_throughput():
    runs = option("--runs", 5)
    n, xs, ys = moons_network()
    nodes, _ = step_nodes(n, xs, ys)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        loss = sse([n(x) for x in xs], ys)
        loss.backward()
        times.append(time.perf_counter() - t0)
        for p in n.parameters():
            p.grad = 0.0
    t = median(times)
    emit(workload="throughput", nodes=nodes, runs=runs, seconds=t, nodes_per_second=nodes / t)


def chain(ops):
    x = lab.Value(0.999, label="x")
    y = lab.Value(0.5, label="y0")
    for _ in range(ops // 2):
        y = (y * x).tanh()
    return x, y


def workload_chain():
    """The same chain as micrograd-bench: y = tanh(y * x), ops/2 times. The lab's backward()
    recurses once per level; with Python's default recursion limit (1000, what the lab runs
    with) it raises RecursionError. Also finds the deepest chain that still works."""
    ops = option("--ops", 1_000_000)
    sys.setrecursionlimit(1000)  # Python's default, as in the lab's notebook
    t0 = time.perf_counter()
    x, y = chain(ops)
    built = time.perf_counter() - t0
    error = None
    try:
        y.backward()
    except RecursionError as e:
        error = f"RecursionError: {e}"
    elapsed = time.perf_counter() - t0
    deepest = 0
    for depth in range(100, 2001, 100):  # in ops: 2 nodes (mul, tanh) per level pair
        _, y = chain(depth)
        try:
            y.backward()
            deepest = depth
        except RecursionError:
            break
    sys.setrecursionlimit(LAB_RECURSION_LIMIT)
    emit(workload="chain", ops=ops, nodes=ops + 2, build_seconds=built, seconds=elapsed,
         error=error, deepest_ok_ops=deepest, recursion_limit=1000)


def workload_memory():
    """Bytes per node of the lab's Value (with its closure and child set), by tracemalloc,
    over a chain of 100,000 ops (the lab's backward is not run: it could not be)."""
    import tracemalloc
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    x, y = chain(100_000)
    grown = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    emit(workload="memory", nodes=100_002, allocated_bytes=grown, allocated_bytes_per_node=grown / 100_002)


def workload_render():
    runs = option("--runs", 3)
    random.seed(SEED)
    n = lab.MLP(3, [16, 16, 1])
    loss = sse([n(x) for x in lab.xs], lab.ys)
    loss.backward()
    nodes, _ = lab.trace(loss)
    dot = lab.draw_dot(loss)
    dot_nodes = sum(1 for line in dot.body if "->" not in line)
    times = []
    size = 0
    for _ in range(runs):
        t0 = time.perf_counter()
        svg = lab.draw_dot(loss).pipe('svg')
        times.append(time.perf_counter() - t0)
        size = len(svg)
    emit(workload="render", values=len(nodes), dot_nodes=dot_nodes, svg_bytes=size, runs=runs,
         seconds=median(times), all_seconds=times)


def workload_labrun():
    """The lab's §7.2 loop as a student runs it: seed, MLP(3,[4,4,1]), 50 steps, the prints."""
    random.seed(1337)
    n = lab.MLP(3, [4, 4, 1])
    xs, ys = lab.xs, lab.ys
    losses = []
    for k in range(50):
        ypred = [n(x) for x in xs]
        loss = sum((yout - ygt)**2 for ygt, yout in zip(ys, ypred))
        for p in n.parameters():
            p.grad = 0.0
        loss.backward()
        for p in n.parameters():
            p.data += -0.05 * p.grad
        losses.append(loss.data)
        if k % 5 == 0:
            print(f"step {k:3d}    loss = {loss.data:.6f}")
    print("\nFinal predictions:", [round(yp.data, 3) for yp in ypred])
    print("Targets          :", ys)


WORKLOADS = {
    "step": workload_step, "throughput": workload_throughput, "chain": workload_chain,
    "memory": workload_memory, "render": workload_render, "labrun": workload_labrun,
}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in WORKLOADS:
        sys.exit("usage: bench_lab.py " + "|".join(WORKLOADS) + " [--runs N]")
    WORKLOADS[sys.argv[1]]()
