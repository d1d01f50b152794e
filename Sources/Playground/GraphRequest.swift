import GraphRender

/// The body of `POST /api/graph` (and `/api/picture`):
/// `{"program": TEXT, "inputs": {NAME: NUMBER, …}, "stage": …, "rankdir": …, "color": …}`.
///
/// Only `program` is required; `inputs` defaults to none (each missing input is drawn from
/// `uniform(-1, 1)` with seed 1337, as the CLI does), `stage` to `backward`, `rankdir` to `LR`,
/// `color` to `role`. Inputs the program does not take are ignored.
struct GraphRequest: Decodable, Sendable {
    /// The program, in the expression language.
    var program: String
    /// Values for the program's inputs, by name.
    var inputs: [String: Double]
    /// Before backward, after it, or both.
    var stage: Stage
    /// The layout's direction.
    var rankdir: DOTOptions.RankDirection
    /// How values are coloured.
    var color: ColorMode
    /// For `/api/picture`: `svg`, `png` or `dot` (default `svg`).
    var format: OutputFormat

    /// The seed for inputs that are not given: the CLI's default.
    static let seed = 1337

    /// The formats `/api/picture` gives.
    static let pictureFormats: [OutputFormat] = [.svg, .png, .dot]

    private enum Key: String, CodingKey { case program, inputs, stage, rankdir, color, format }

    init(from decoder: any Decoder) throws {
        let fields = try decoder.container(keyedBy: Key.self)
        program = try fields.decode(String.self, forKey: .program)
        inputs = try fields.decodeIfPresent([String: Double].self, forKey: .inputs) ?? [:]
        stage = try Self.choice(fields, .stage, default: .backward, among: Stage.allCases)
        rankdir = try Self.choice(fields, .rankdir, default: .LR, among: DOTOptions.RankDirection.allCases)
        color = try Self.choice(fields, .color, default: .role, among: ColorMode.allCases)
        format = try Self.choice(fields, .format, default: .svg, among: Self.pictureFormats)
    }

    /// A field that names one of `choices` by its raw value.
    private static func choice<T: RawRepresentable<String>>(
        _ fields: KeyedDecodingContainer<Key>, _ key: Key, default fallback: T, among choices: [T]
    ) throws -> T {
        guard let name = try fields.decodeIfPresent(String.self, forKey: key) else { return fallback }
        guard let value = choices.first(where: { $0.rawValue == name }) else {
            let names = choices.map(\.rawValue)
            throw PlaygroundError.badRequest(
                "\(key.rawValue) must be \(names.dropLast().joined(separator: ", ")) or \(names.last!), not \(JSON.string(name))")
        }
        return value
    }
}
