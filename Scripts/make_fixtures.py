#!/usr/bin/env python3
"""Write the reference fixtures in Fixtures/reference/ from the lab's own Python (Scripts/lab.py).

Run from anywhere:  python3 Scripts/make_fixtures.py
Everything is computed first and checked against the errata table of
/work/shared/reference/README.md; files are written only if every check passes.

JSON conventions: json.dump (floats as repr, round-trip exact), non-finite floats as the strings
"nan", "inf", "-inf", sorted keys, indent=1, trailing newline. Each file has
"generated_by": "Scripts/make_fixtures.py".

Determinism: the lab keeps `_prev` in a set, iterated in an order that follows the objects'
memory addresses, so the order in which backward() sums gradient contributions changes from run
to run (address-space layout randomisation): gradients, and everything after the first update,
differ in the last bits between two plain runs (forward values before the first update do not).
PYTHONHASHSEED alone does not help (object hashes are addresses, not string hashes). To keep
lab.py untouched and still get byte-identical files, the script re-runs itself once in a child
process with a fixed memory layout: a copy of lab.py and this script in a scratch directory,
`setarch <machine> -R` (ASLR off), PYTHONHASHSEED=0, a minimal fixed environment, no .pyc files;
the parent copies the child's files into Fixtures/reference/. The numbers are still exactly what
the lab's own code computes, for one particular (now repeatable) memory layout. Same Python build
-> same bytes, wherever the checkout is; another Python version gives other last bits, so
consumers compare gradients and trained values with a tolerance (~1e-12 relative), and forward
values before the first update exactly.
If setarch -R is unavailable, the script runs in-process and says so (files then vary in the
last bits). MAKE_FIXTURES_CHILD=1 in the environment skips the re-exec.
"""

import ast
import json
import math
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True   # leave no Scripts/__pycache__ behind

import lab  # noqa: E402
from lab import MLP, Value, trace  # noqa: E402

ROOT = os.path.dirname(HERE)
OUT_DIR = os.path.join(ROOT, "Fixtures", "reference")
GENERATED_BY = "Scripts/make_fixtures.py"
ORDER_NOTE = ("Forward values before the first update are bit-exact. Gradients, and everything after "
              "the first update, depend on the order in which the lab's set-ordered DFS sums "
              "contributions: across memory layouts they varied by up to ~3e-15 relative "
              "(the no-zero-grad run is chaotic: up to ~1e-8 absolute, and tiny losses such as "
              "0.0 vs 5e-32).")


# ----------------------------------------------------------------------------------------------
# helpers
# ----------------------------------------------------------------------------------------------

def num(x):
    """A JSON-ready double: float (ints such as relu's 0 become 0.0), non-finite as strings."""
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def counts(root):
    """trace() counts, and the node/edge counts of the DOT draw_dot would make:
    one record per value, plus one op node (and one op->value edge) per value with an _op."""
    nodes, edges = trace(root)
    ops = sum(1 for v in nodes if v._op)
    return {
        "values": len(nodes),
        "edges": len(edges),
        "dot_nodes": len(nodes) + ops,
        "dot_edges": len(edges) + ops,
    }


def parameter_names(model):
    """Names like L0N0.w0 / L0N0.b, in parameters() order."""
    names = []
    for li, layer in enumerate(model.layers):
        for ni, neuron in enumerate(layer.neurons):
            names += [f"L{li}N{ni}.w{k}" for k in range(len(neuron.w))]
            names.append(f"L{li}N{ni}.b")
    return names


def lab_loss(ys, ypred):
    # exactly as the lab writes it (section 7.1b / 7.2)
    return sum((yout - ygt)**2 for ygt, yout in zip(ys, ypred))


class CheckFailed(Exception):
    pass


def check(cond, what):
    if not cond:
        raise CheckFailed(what)


def close(a, b, rel=1e-9):
    return a == b or abs(a - b) <= rel * max(abs(a), abs(b))


# ----------------------------------------------------------------------------------------------
# warmup.json -- section 2 / 4.2
# ----------------------------------------------------------------------------------------------

def make_warmup():
    a = Value(2.0, label='a')
    b = Value(-3.0, label='b')
    c = Value(10.0, label='c')
    f = Value(-2.0, label='f')
    e = a*b; e.label = 'e'
    d = e + c; d.label = 'd'
    L = d * f; L.label = 'L'
    L.backward()
    nodes = {v.label: {"data": num(v.data), "grad": num(v.grad)} for v in (a, b, c, f, e, d, L)}
    expected = {'a': (2, 6), 'b': (-3, -4), 'c': (10, -2), 'f': (-2, 4),
                'e': (-6, -2), 'd': (4, -2), 'L': (-8, 1)}
    for k, (dv, gv) in expected.items():
        check(nodes[k] == {"data": dv, "grad": gv}, f"warm-up node {k}: {nodes[k]}")
    return {"generated_by": GENERATED_BY, "program": "e = a*b; d = e + c; L = d*f",
            "root": "L", "nodes": nodes, **counts(L)}


# ----------------------------------------------------------------------------------------------
# neuron.json -- section 5.3
# ----------------------------------------------------------------------------------------------

def make_neuron():
    x1 = Value(2.0, label='x1')
    x2 = Value(0.0, label='x2')
    w1 = Value(-3.0, label='w1')
    w2 = Value( 1.0, label='w2')
    b = Value(6.8813735870195432, label='b')
    n = x1*w1 + x2*w2 + b ; n.label = 'n'
    o = n.tanh()           ; o.label = 'o'
    o.backward()
    grads = {v.label: num(v.grad) for v in (x1, w1, x2, w2, b, n, o)}
    check(o.data == 0.7071067811865476, f"neuron o.data {o.data!r}")
    check(grads['x1'] == -1.4999999999999996, f"neuron x1.grad {grads['x1']!r}")
    check(grads['w1'] == 0.9999999999999998, f"neuron w1.grad {grads['w1']!r}")
    check(grads['x2'] == 0.4999999999999999, f"neuron x2.grad {grads['x2']!r}")
    check(grads['w2'] == 0.0, f"neuron w2.grad {grads['w2']!r}")
    return {"generated_by": GENERATED_BY,
            "inputs": {v.label: num(v.data) for v in (x1, x2, w1, w2, b)},
            "o": {"data": num(o.data)}, "n": {"data": num(n.data)},
            "grads": grads, **counts(o)}


# ----------------------------------------------------------------------------------------------
# mlp-seed1337.json -- sections 6.2 and 7.1
# ----------------------------------------------------------------------------------------------

ERRATA_FIRST_PARAM = 0.23550571390294128
ERRATA_INITIAL_PREDICTIONS = [0.42767811248845455, 0.5570649429984824,
                              0.7184669978530105, 0.45203067521739915]
ERRATA_INITIAL_LOSS = 6.005402783252284
ERRATA_LOSS_49 = 0.012490491084925733
ERRATA_FINAL_PREDICTIONS_3DP = [0.936, -0.988, -0.937, 0.935]


def make_mlp():
    random.seed(1337)
    n = MLP(3, [4, 4, 1])
    params = n.parameters()
    check(len(params) == 41, f"parameter count {len(params)}")
    check(params[0].data == ERRATA_FIRST_PARAM, f"first parameter {params[0].data!r}")

    x = [1.0, 2.0, 3.0]
    y = n(x)
    forward_counts = counts(y)
    check((forward_counts["values"], forward_counts["edges"]) == (126, 137),
          f"trace counts of n([1,2,3]): {forward_counts}")
    check((forward_counts["dot_nodes"], forward_counts["dot_edges"]) == (199, 210),
          f"DOT counts of n([1,2,3]): {forward_counts}")

    ypred = [n(xi) for xi in lab.xs]
    check([p.data for p in ypred] == ERRATA_INITIAL_PREDICTIONS,
          f"initial predictions {[p.data for p in ypred]!r}")
    loss = lab_loss(lab.ys, ypred)
    check(close(loss.data, ERRATA_INITIAL_LOSS), f"initial loss {loss.data!r}")
    loss_counts = counts(loss)
    loss.backward()

    return {
        "generated_by": GENERATED_BY, "note": ORDER_NOTE,
        "seed": 1337, "nin": 3, "nouts": [4, 4, 1],
        "parameter_names": parameter_names(n),
        "parameters": [num(p.data) for p in params],
        "x": x,
        "forward": num(y.data),
        "forward_counts": forward_counts,
        "xs": lab.xs, "ys": lab.ys,
        "initial_predictions": [num(p.data) for p in ypred],
        "initial_loss": num(loss.data),
        "loss_counts": loss_counts,
        # after one loss.backward() on the fresh network (see ORDER_NOTE)
        "initial_grads": [num(p.grad) for p in params],
    }


# ----------------------------------------------------------------------------------------------
# training.json -- section 7.2 / 7.3
# ----------------------------------------------------------------------------------------------

def train(lr, steps=50, zero_grad=True, dataset="lab"):
    xs, ys = list(lab.xs), list(lab.ys)
    if dataset == "lab5":
        xs.append([-1.0, 0.0, 1.0]); ys.append(1.0)   # section 7.3c
    random.seed(1337)
    n = MLP(3, [4, 4, 1])
    losses = []
    for k in range(steps):
        # 1) FORWARD
        ypred = [n(x) for x in xs]
        loss = sum((yout - ygt)**2 for ygt, yout in zip(ys, ypred))
        # 2) ZERO GRADIENTS
        if zero_grad:
            for p in n.parameters(): p.grad = 0.0
        # 3) BACKWARD
        loss.backward()
        # 4) UPDATE
        for p in n.parameters(): p.data += -lr * p.grad
        losses.append(loss.data)
    return losses, [yp.data for yp in ypred]


RUNS = [
    ("default", 0.05, True, "lab"),
    ("lr-0.01", 0.01, True, "lab"),
    ("lr-0.5", 0.5, True, "lab"),
    ("lr-2.0", 2.0, True, "lab"),
    ("lr-10.0", 10.0, True, "lab"),
    ("no-zero-grad", 0.05, False, "lab"),
    ("lab5", 0.05, True, "lab5"),
]


def make_training():
    runs = []
    for name, lr, zg, ds in RUNS:
        losses, preds = train(lr, 50, zg, ds)
        runs.append({"name": name, "lr": lr, "steps": 50, "zero_grad": zg, "dataset": ds,
                     "losses": [num(v) for v in losses], "predictions": [num(v) for v in preds]})
    default = runs[0]
    check(default["losses"][0] == ERRATA_INITIAL_LOSS or close(default["losses"][0], ERRATA_INITIAL_LOSS),
          f"default initial loss {default['losses'][0]!r}")
    check(close(default["losses"][49], ERRATA_LOSS_49), f"default loss[49] {default['losses'][49]!r}")
    check([round(p, 3) for p in default["predictions"]] == ERRATA_FINAL_PREDICTIONS_3DP,
          f"default final predictions {default['predictions']!r}")
    for r in runs:
        check(all(isinstance(v, float) for v in r["losses"]), f"run {r['name']} has non-finite losses")
        check(len(r["losses"]) == 50 and len(r["predictions"]) == (5 if r["dataset"] == "lab5" else 4),
              f"run {r['name']} shape")
    return {"generated_by": GENERATED_BY, "note": ORDER_NOTE,
            "seed": 1337, "nin": 3, "nouts": [4, 4, 1],
            "datasets": {"lab": {"xs": lab.xs, "ys": lab.ys},
                         "lab5": {"xs": lab.xs + [[-1.0, 0.0, 1.0]], "ys": lab.ys + [1.0]}},
            "runs": runs}


# ----------------------------------------------------------------------------------------------
# expressions.json -- the small expression language, evaluated with Python itself
# ----------------------------------------------------------------------------------------------

FUNCTIONS = {
    "exp": lambda v: v.exp(),
    "tanh": lambda v: v.tanh(),
    "relu": lambda v: v.relu(),
    "log": lambda v: v.log(),
}

_ALLOWED = (ast.Module, ast.Assign, ast.Expr, ast.Name, ast.Load, ast.Store, ast.BinOp,
            ast.UnaryOp, ast.Call, ast.Constant, ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow,
            ast.USub, ast.UAdd)


def evaluate(program, inputs):
    """Run `program` with each input bound to a lab Value; return (root, inputs, assigned)."""
    tree = ast.parse(program, mode="exec")
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED):
            raise ValueError(f"unsupported syntax {type(node).__name__} in {program!r}")
        if isinstance(node, ast.Constant) and type(node.value) not in (int, float):
            raise ValueError(f"unsupported constant {node.value!r}")
        if isinstance(node, ast.Call) and not (isinstance(node.func, ast.Name)
                                               and node.func.id in FUNCTIONS
                                               and len(node.args) == 1 and not node.keywords):
            raise ValueError(f"unsupported call in {program!r}")
        if isinstance(node, ast.Assign) and not (len(node.targets) == 1
                                                 and isinstance(node.targets[0], ast.Name)):
            raise ValueError(f"only `name = expr` assignments: {program!r}")
    check(tree.body, f"empty program {program!r}")

    leaves = {name: Value(float(v), label=name) for name, v in inputs.items()}
    ns = {"__builtins__": {}}
    ns.update(FUNCTIONS)
    ns.update(leaves)
    assigned = []
    root = None
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign):
            exec(compile(ast.Module(body=[stmt], type_ignores=[]), "<program>", "exec"), ns)
            name = stmt.targets[0].id
            if name in assigned:
                assigned.remove(name)
            assigned.append(name)
            if isinstance(ns[name], Value) and not ns[name].label:
                ns[name].label = name        # as the lab does: e = a*b; e.label = 'e'
            root = ns[name]
        else:
            root = eval(compile(ast.Expression(body=stmt.value), "<program>", "eval"), ns)
    check(isinstance(root, Value), f"root of {program!r} is not a Value")
    return root, leaves, {name: ns[name] for name in assigned}


EXPRESSION_CASES = [
    ("warmup", "e = a*b; d = e + c; L = d*f", {"a": 2.0, "b": -3.0, "c": 10.0, "f": -2.0}),
    ("warmup-inline", "(a*b + c)*f", {"a": 2.0, "b": -3.0, "c": 10.0, "f": -2.0}),
    ("neuron", "n = x1*w1 + x2*w2 + b; o = tanh(n)",
     {"x1": 2.0, "x2": 0.0, "w1": -3.0, "w2": 1.0, "b": 6.8813735870195432}),
    ("neuron-multiline", "n = x1*w1 + x2*w2 + b\no = tanh(n)\n",
     {"x1": 2.0, "x2": 0.0, "w1": -3.0, "w2": 1.0, "b": 6.8813735870195432}),
    ("self-mul", "a*a", {"a": 3.0}),
    ("self-add", "a+a", {"a": 3.0}),
    ("neg", "-b", {"b": -3.0}),
    ("sub", "a-b", {"a": 2.0, "b": -3.0}),
    ("rsub", "1-a", {"a": 2.0}),
    ("rdiv", "2/a", {"a": 2.0}),
    ("div", "a/2", {"a": 2.0}),
    ("const-fold", "2*3*x", {"x": 1.5}),
    ("pow-2", "x**2", {"x": 1.5}),
    ("pow-neg1", "x**-1", {"x": 1.5}),
    ("pow-half", "x**0.5", {"x": 1.5}),
    ("exp", "exp(x)", {"x": 1.5}),
    ("relu-neg", "relu(x)", {"x": -1.0}),
    ("relu-zero", "relu(x)", {"x": 0.0}),
    ("relu-pos", "relu(x)", {"x": 2.0}),
    ("log", "log(x)", {"x": 1.5}),
    ("tanh", "tanh(x)", {"x": 1.5}),
    ("mixed", "a*b - a/b + 2**3*a", {"a": 2.0, "b": -3.0}),
    ("tanh-affine", "tanh(a*b + c)", {"a": 2.0, "b": -3.0, "c": 10.0}),
    ("reuse", "y = x*x; z = y + x\nz*2", {"x": 1.5}),
]


def make_expressions():
    cases = []
    for name, program, inputs in EXPRESSION_CASES:
        root, leaves, assigned = evaluate(program, inputs)
        root.backward()
        nodes, edges = trace(root)
        cases.append({
            "name": name, "program": program,
            "inputs": {k: num(v) for k, v in inputs.items()},
            "root": {"data": num(root.data), "grad": num(root.grad)},
            "values": len(nodes), "edges": len(edges),
            "grads": {k: num(v.grad) for k, v in leaves.items()},
            "data": {k: num(v.data if isinstance(v, Value) else v) for k, v in assigned.items()},
        })
    by = {c["name"]: c for c in cases}
    w = by["warmup"]
    check(w["root"]["data"] == -8.0 and w["grads"] == {"a": 6.0, "b": -4.0, "c": -2.0, "f": 4.0},
          f"expression warm-up {w}")
    check(by["warmup-inline"]["grads"] == w["grads"], "inline warm-up grads")
    check((by["const-fold"]["values"], by["const-fold"]["edges"]) == (3, 2), "2*3*x folds 2*3")
    check((by["self-mul"]["values"], by["self-mul"]["edges"], by["self-mul"]["grads"]["a"])
          == (2, 1, 6.0), f"a*a {by['self-mul']}")
    check(by["neuron"]["grads"]["x1"] == -1.4999999999999996, "expression neuron x1.grad")
    return {"generated_by": GENERATED_BY, "note": ORDER_NOTE, "cases": cases}


# ----------------------------------------------------------------------------------------------

def write_json(name, obj):
    path = os.path.join(OUT_DIR, name)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        json.dump(obj, fh, sort_keys=True, indent=1, allow_nan=False)
        fh.write("\n")
    os.replace(tmp, path)
    return path


CHILD_FLAG = "MAKE_FIXTURES_CHILD"
FIXTURE_FILES = ["warmup.json", "neuron.json", "mlp-seed1337.json", "training.json",
                 "expressions.json"]


def rerun_with_fixed_layout():
    """Run a copy of this script and lab.py in a scratch directory with ASLR off, a fixed
    environment and no bytecode cache, then copy its fixtures into Fixtures/reference/.
    Returns the exit status, or None if `setarch -R` is not usable here."""
    setarch = shutil.which("setarch")
    if setarch is None:
        return None
    arch = platform.machine()
    probe = subprocess.run([setarch, arch, "-R", "true"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if probe.returncode != 0:
        return None
    # The scratch path has the same length on every run (mkdtemp names are fixed-length), so the
    # checkout's location does not leak into the child's allocation pattern.
    scratch = tempfile.mkdtemp(prefix="mkfix")
    try:
        os.mkdir(os.path.join(scratch, "Scripts"))
        for name in ("lab.py", os.path.basename(__file__)):
            shutil.copyfile(os.path.join(HERE, name), os.path.join(scratch, "Scripts", name))
        env = {"PYTHONHASHSEED": "0", CHILD_FLAG: "1", "LC_ALL": "C.UTF-8", "PATH": os.defpath}
        # -B / pycache_prefix to a path that cannot exist: never read or write .pyc files, so
        # the first and second runs import lab.py the same way. -s: no user site-packages.
        cmd = [setarch, arch, "-R", sys.executable, "-s", "-B",
               "-X", "pycache_prefix=" + os.path.join(os.devnull, "none"),
               os.path.join("Scripts", os.path.basename(__file__))]
        rc = subprocess.run(cmd, env=env, cwd=scratch, stdout=subprocess.DEVNULL).returncode
        if rc != 0:
            return rc
        os.makedirs(OUT_DIR, exist_ok=True)
        for name in FIXTURE_FILES:
            src = os.path.join(scratch, "Fixtures", "reference", name)
            tmp = os.path.join(OUT_DIR, name + ".tmp")
            shutil.copyfile(src, tmp)
            os.replace(tmp, os.path.join(OUT_DIR, name))
            print(os.path.relpath(os.path.join(OUT_DIR, name), ROOT))
        return 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main():
    if os.environ.get(CHILD_FLAG) != "1":
        rc = rerun_with_fixed_layout()
        if rc is not None:
            return rc
        print("make_fixtures: warning: `setarch -R` unavailable, running in-process; gradients "
              "and trained values may differ in the last bits from run to run", file=sys.stderr)
    try:
        files = {
            "warmup.json": make_warmup(),
            "neuron.json": make_neuron(),
            "mlp-seed1337.json": make_mlp(),
            "training.json": make_training(),
            "expressions.json": make_expressions(),
        }
    except CheckFailed as exc:
        print(f"make_fixtures: check failed, nothing written: {exc}", file=sys.stderr)
        return 1
    os.makedirs(OUT_DIR, exist_ok=True)
    for name, obj in files.items():
        print(os.path.relpath(write_json(name, obj), ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
