"""The micrograd lab's code, exactly as the handout and its solution give it.

Sources: /work/shared/reference/lab-handout.txt (Value, trace, draw_dot, Neuron, xs/ys, the
provided operators of section 5.1) and lab-solution.txt (the YOUR CODE HERE parts: __add__/__mul__
closures, build_topo, tanh/exp backward, Layer, MLP). Nothing here is "fixed": this file is the
reference the Swift port is checked against, warts included (sets for _prev, recursive DFS,
tanh by the (exp(2x)-1)/(exp(2x)+1) formula, which raises OverflowError for x > ~354).

Deviations, all marked:
  * sys.setrecursionlimit below (the lab itself dies with RecursionError near depth 1000);
  * `from graphviz import Digraph` moved inside draw_dot, so this module imports without the
    graphviz PyPI package;
  * EXTENSIONS at the bottom of Value: operators from Karpathy's micrograd the lab lacks.

Used by Scripts/make_fixtures.py.
"""

import math
import random
import sys

# Not in the lab: backward()'s build_topo and trace()'s build are recursive, and the lab as written
# dies with RecursionError near graph depth 1000 (Python's default limit). Raised so the fixture
# generator survives deeper graphs. Does not change any number.
sys.setrecursionlimit(100000)


class Value:

    def __init__(self, data, _children=(), _op='', label=''):
        self.data = data
        self.grad = 0.0
        self._backward = lambda: None      # NEW: local backward closure
        self._prev = set(_children)
        self._op = _op
        self.label = label

    def __repr__(self):
        return f"Value(data={self.data})"

    # --- section 5.1 (provided, copied verbatim) -------------------------------------------

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), '+')
        def _backward():
            self.grad += 1.0 * out.grad
            other.grad += 1.0 * out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), '*')
        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, other):
        assert isinstance(other, (int, float)), "only int/float powers"
        out = Value(self.data ** other, (self,), f'**{other}')
        def _backward():
            self.grad += other * (self.data ** (other - 1)) * out.grad
        out._backward = _backward
        return out

    def __radd__(self, other): return self + other
    def __rmul__(self, other): return self * other
    def __neg__(self): return self * -1
    def __sub__(self, other): return self + (-other)
    def __truediv__(self, o): return self * o**-1

    # --- section 5.2 (solution 5.1) ----------------------------------------------------------

    def tanh(self):
        x = self.data
        t = (math.exp(2*x) - 1) / (math.exp(2*x) + 1)
        out = Value(t, (self,), 'tanh')
        def _backward():
            self.grad += (1 - t**2) * out.grad
        out._backward = _backward
        return out

    def exp(self):
        out = Value(math.exp(self.data), (self,), 'exp')
        def _backward():
            self.grad += out.data * out.grad # d/du exp(u) = exp(u) = out.data
        out._backward = _backward
        return out

    # --- section 4.2 (solution 4.2) ----------------------------------------------------------

    def backward(self):
        topo, visited = [], set()
        def build_topo(v):
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    build_topo(child)
                topo.append(v)          # post-order
        build_topo(self)

        self.grad = 1.0
        for node in reversed(topo):
            node._backward()

    # ========================================================================================
    # EXTENSIONS -- NOT PART OF THE LAB. Operators of Karpathy's micrograd engine.py that the
    # lab lacks (relu, __rsub__, __rtruediv__), written as in engine.py, plus log.
    # ========================================================================================

    def relu(self):
        out = Value(0 if self.data < 0 else self.data, (self,), 'ReLU')
        def _backward():
            self.grad += (out.data > 0) * out.grad
        out._backward = _backward
        return out

    def log(self):
        out = Value(math.log(self.data), (self,), 'log')
        def _backward():
            self.grad += (1.0 / self.data) * out.grad
        out._backward = _backward
        return out

    def __rsub__(self, other): # other - self
        return other + (-self)

    def __rtruediv__(self, other): # other / self
        return other * self**-1

    # ===================================== end EXTENSIONS ===================================


# --- section 2.1 (provided) ------------------------------------------------------------------

def trace(root):
    nodes, edges = set(), set()
    def build(v):
        if v not in nodes:
            nodes.add(v)
            for child in v._prev:
                edges.add((child, v))
                build(child)
    build(root)
    return nodes, edges


def draw_dot(root):
    # The lab has `from graphviz import Digraph` at module level; moved here so that this module
    # imports without the graphviz PyPI package. Body otherwise verbatim.
    from graphviz import Digraph
    dot = Digraph(format='svg', graph_attr={'rankdir': 'LR'})
    nodes, edges = trace(root)
    for n in nodes:
        uid = str(id(n))
        dot.node(name=uid,
                 label="{ %s | data %.4f | grad %.4f }"
                    % (n.label, n.data, n.grad),
                 shape='record')
        if n._op:
            dot.node(name=uid + n._op, label=n._op)
            dot.edge(uid + n._op, uid)
    for n1, n2 in edges:
        dot.edge(str(id(n1)), str(id(n2)) + n2._op)
    return dot


# --- section 6.1 (provided) ------------------------------------------------------------------

class Neuron:

    def __init__(self, nin):
        self.w = [Value(random.uniform(-1, 1)) for _ in range(nin)]
        self.b = Value(random.uniform(-1, 1))

    def __call__(self, x):
        # x is a list of nin numbers (or Values).
        # act = w . x + b
        act = sum((wi*xi for wi, xi in zip(self.w, x)), self.b)
        return act.tanh()

    def parameters(self):
        return self.w + [self.b]


# --- section 6.2 (solution 6) ----------------------------------------------------------------

class Layer:

    def __init__(self, nin, nout):
        self.neurons = [Neuron(nin) for _ in range(nout)]

    def __call__(self, x):
        outs = [n(x) for n in self.neurons]
        return outs[0] if len(outs) == 1 else outs

    def parameters(self):
        return [p for n in self.neurons for p in n.parameters()]


class MLP:

    def __init__(self, nin, nouts):
        sz = [nin] + nouts
        self.layers = [Layer(sz[i], sz[i+1]) for i in range(len(nouts))]

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x

    def parameters(self):
        return [p for layer in self.layers for p in layer.parameters()]


# --- section 7.1 (provided) ------------------------------------------------------------------

xs = [
  [ 2.0,  3.0, -1.0],
  [ 3.0, -1.0,  0.5],
  [ 0.5,  1.0,  1.0],
  [ 1.0,  1.0, -1.0],
]
ys = [1.0, -1.0, -1.0, 1.0] # target labels
