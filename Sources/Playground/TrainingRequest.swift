import GraphRender
import Micrograd

/// The body of `POST /api/train`: the `train` command's flags as JSON fields, each optional,
/// resolved by the same `TrainingSetup` as the command line (the field given, else the
/// preset's, else the lab's default):
///
/// `{"preset": "karpathy-demo", "arch": "2,16,16,1", "activation": "relu", "linearOutput": true,
///   "zeroBias": true, "dataset": "sklearn-moons:100:0.1", "loss": "svm", "l2": 1e-4, "lr": 1.0,
///   "lrDecay": 0.9, "steps": 100, "seed": 1337, "sample": 0, "speed": 60}`
///
/// `sample` is the point whose graph the page shows (default 0); `speed` the most steps a
/// second while playing (1 to 1000, default 60).
struct TrainingRequest: Decodable, Sendable {
    /// The settings, resolved and checked, with the data made.
    let plan: TrainingPlan
    /// Which point's graph is drawn.
    let sample: Int
    /// The most steps a second while playing.
    let speed: Int

    /// The fastest a session plays.
    static let maxSpeed = 1000

    private enum Key: String, CodingKey {
        case preset, arch, activation, linearOutput, zeroBias, dataset, loss, l2, lr, lrDecay, steps, seed, sample, speed
    }

    init(from decoder: any Decoder) throws {
        let fields = try decoder.container(keyedBy: Key.self)
        var setup = TrainingSetup()
        do {
            if let text = try fields.decodeIfPresent(String.self, forKey: .arch) { setup.architecture = try Architecture(parsing: text) }
            if let text = try fields.decodeIfPresent(String.self, forKey: .dataset) { setup.dataset = try DatasetChoice(parsing: text) }
        } catch let error as SetupError {
            throw PlaygroundError.badRequest(error.message)
        }
        setup.activation = try Self.choice(fields, .activation, among: Activation.allCases.filter { $0 != .linear })
        setup.loss = try Self.choice(fields, .loss, among: Loss.allCases)
        setup.linearOutput = try fields.decodeIfPresent(Bool.self, forKey: .linearOutput)
        setup.zeroBias = try fields.decodeIfPresent(Bool.self, forKey: .zeroBias)
        setup.l2 = try Self.number(fields, .l2)
        setup.learningRates = try Self.number(fields, .lr).map { [$0] }
        setup.learningRateDecay = try Self.number(fields, .lrDecay)
        setup.steps = try fields.decodeIfPresent(Int.self, forKey: .steps)
        setup.seed = try fields.decodeIfPresent(Int.self, forKey: .seed)
        var base = TrainingSetup()
        if let preset = try fields.decodeIfPresent(String.self, forKey: .preset) {
            guard preset == "karpathy-demo" else {
                throw PlaygroundError.badRequest("preset must be karpathy-demo, not \(JSON.string(preset))")
            }
            base = .karpathyDemo
        }
        do { plan = try setup.merged(over: base).plan() } catch { throw PlaygroundError.badRequest(error.message) }
        sample = try fields.decodeIfPresent(Int.self, forKey: .sample) ?? 0
        guard plan.dataset.xs.indices.contains(sample) else {
            throw PlaygroundError.badRequest("sample \(sample) is not a point of '\(plan.datasetChoice.name)', which has \(plan.dataset.xs.count)")
        }
        speed = try fields.decodeIfPresent(Int.self, forKey: .speed) ?? 60
        guard (1...Self.maxSpeed).contains(speed) else {
            throw PlaygroundError.badRequest("speed must be from 1 to \(Self.maxSpeed) steps a second, not \(speed)")
        }
    }

    /// A number field, which JSON cannot make NaN or infinite, but a string like `"nan"` may try to.
    private static func number(_ fields: KeyedDecodingContainer<Key>, _ key: Key) throws -> Double? {
        guard fields.contains(key) else { return nil }
        guard let value = try? fields.decode(Double.self, forKey: key), value.isFinite else {
            throw PlaygroundError.badRequest("\(key.rawValue) must be a finite number")
        }
        return value
    }

    /// A field that names one of `choices` by its raw value.
    private static func choice<T: RawRepresentable<String>>(
        _ fields: KeyedDecodingContainer<Key>, _ key: Key, among choices: [T]
    ) throws -> T? {
        guard let name = try fields.decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let value = choices.first(where: { $0.rawValue == name }) else {
            throw PlaygroundError.badRequest("\(key.rawValue) must be \(choices.map(\.rawValue).joined(separator: " or ")), not \(JSON.string(name))")
        }
        return value
    }
}
