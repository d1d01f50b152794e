import GraphRender

/// A training run's numbers step by step, as the animation page replays them: what each frame
/// of the stream shows but the parameters.
struct Recording {
    /// The numbers after one step (step 0: before the first).
    struct Step {
        /// Steps taken.
        let step: Int
        /// The loss and accuracy of the last step's forward pass, and its learning rate; nil at step 0.
        let loss: Double?, accuracy: Double?, rate: Double?
        /// The decision grid's classes, row by row (`1`: score > 0), for 2-D data.
        let grid: String?
        /// `[[x, y, ±1], …]`: the data's points.
        let points: String
        /// `[["g3", "data …", "grad …"], …]`: the sample graph's box texts.
        let boxes: String

        /// `loss`, `accuracy`, `lr`, `grid`, `points`, `boxes` as JSON fields (null where none).
        var fields: [(String, String)] {
            func number(_ x: Double?) -> String { x.map(JSON.number) ?? "null" }
            return [("loss", number(loss)), ("accuracy", number(accuracy)), ("lr", number(rate)),
                    ("grid", grid.map(JSON.string) ?? "null"), ("points", points), ("boxes", boxes)]
        }
    }

    /// The steps recorded, in order.
    private(set) var steps: [Step] = []

    /// Records a step.
    mutating func append(_ step: Step) { steps.append(step) }

    /// `{"title", "steps", "xs", "ys", "frames": [{"step", "loss", …}, …]}`: the animation's data.
    func json(title: String, steps total: Int, grid: (xs: [Double], ys: [Double])?) -> String {
        func axis(_ values: [Double]?) -> String { values.map(JSON.numbers) ?? "null" }
        let frames = steps.map { JSON.object([("step", JSON.number($0.step))] + $0.fields) }
        return JSON.object(["title": JSON.string(title), "steps": JSON.number(total), "xs": axis(grid?.xs),
                            "ys": axis(grid?.ys), "frames": JSON.array(frames, lines: true)])
    }
}
