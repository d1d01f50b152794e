// The lab's MLP(3, [4, 4, 1]) with random.seed(1337), on the input [1, 2, 3].
import Micrograd

var random = PythonRandom(seed: 1337)         // Python's MT19937: the lab's own weights
let n = MLP(3, [4, 4, 1], random: &random)
let out = n([1.0, 2.0, 3.0])[0]
print(out.data)                               // 0.741037759411735
print("parameters", n.parameters.count)       // 41
print("values", n.graph.count)                // 126 in the graph: parameters, inputs and ops
