import Foundation

/// The reference numbers that `make fixtures` wrote from the lab's Python (`Fixtures/reference`).
///
/// Read with `JSONDecoder`, which parses doubles exactly (`JSONSerialization` on Linux does not).
enum ReferenceFixtures {
    /// Trace sizes: values and edges as the lab's `trace` counts them.
    struct Counts: Decodable { let values: Int; let edges: Int; let dotNodes: Int; let dotEdges: Int }

    /// `mlp-seed1337.json`.
    struct Network: Decodable {
        let parameters: [Double]
        let parameterNames: [String]
        let forward: Double
        let forwardCounts: Counts
        let initialPredictions: [Double]
        let initialLoss: Double
        let initialGrads: [Double]
        let lossCounts: Counts
    }

    /// `training.json`: one run of the lab's loop.
    struct Run: Decodable {
        let name: String
        let lr: Double
        let steps: Int
        let zeroGrad: Bool
        let dataset: String
        let losses: [Double]
        let predictions: [Double]
    }

    struct Training: Decodable { let runs: [Run] }

    /// `expressions.json`: a program evaluated by the lab's Python.
    struct Expression: Decodable {
        struct Node: Decodable { let data: Double; let grad: Double }
        let name: String
        let program: String
        let inputs: [String: Double]
        let root: Node
        let values: Int
        let edges: Int
        let grads: [String: Double]
        let data: [String: Double]
    }

    struct Expressions: Decodable { let cases: [Expression] }

    /// `Fixtures/reference/` of this package.
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/reference")

    /// Decodes `Fixtures/reference/<name>.json`.
    static func load<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(T.self, from: Data(contentsOf: folder.appendingPathComponent(name + ".json")))
    }
}

/// |a − b| / max(|a|, |b|), 0 when they are equal: the relative difference the tests bound.
func relativeDifference(_ a: Double, _ b: Double) -> Double {
    if a == b { return 0 }
    return abs(a - b) / max(abs(a), abs(b))
}
