import GraphRender
import Micrograd

/// Every call a training session makes into the renderer, in one place: the sample's graph laid
/// out once, its numbers at each step, the JSON of a step, and the animation page.
enum TrainingEngine {
    /// The sample graph's style: one box per neuron, the CLI's decimals.
    static let style = DOTOptions(precision: Engine.precision, depth: .neuron)

    /// The loss of point `sample` alone, as `mlp --sample` builds it (on `mlp`'s tape: truncate after).
    static func sampleLoss(_ mlp: MLP, _ plan: TrainingPlan, _ data: Dataset, sample: Int) -> Value {
        let point = Dataset(xs: [data.xs[sample]], ys: [data.ys[sample]])
        return mlp.loss(on: point, plan.loss, l2: plan.l2, firstSample: sample)
    }

    /// The SVG of the sample's graph after backward, at depth neuron (run on the render queue).
    static func layout(_ plan: TrainingPlan, sample: Int, maxNodes: Int) throws(PlaygroundError) -> String {
        let mlp = plan.network()
        let request = PictureRequest(stage: .backward, style: style, format: .svg, nodeLimit: maxNodes, budget: Engine.budget)
        do {
            return String(decoding: try Picture.draw([sampleLoss(mlp, plan, plan.dataset, sample: sample)], request).bytes, as: UTF8.self)
        } catch {
            switch error {
            case .tooManyNodes(let count, let limit): throw .tooManyNodes(count: count, limit: limit)
            case .unavailable, .graphviz: throw .graphviz("\(error)")
            }
        }
    }

    /// `[["g3", "data …", "grad …"], …]`: the text of every box of the sample's graph now.
    static func boxes(_ mlp: MLP, _ plan: TrainingPlan, _ data: Dataset, sample: Int) -> String {
        let mark = mlp.graph.count
        defer { mlp.graph.truncate(to: mark) }
        let numbers = Picture.numbers([sampleLoss(mlp, plan, data, sample: sample)], PictureRequest(stage: .backward, style: style))
        return JSON.array(numbers.map { JSON.array([JSON.string($0.name), JSON.string($0.data), JSON.string($0.grad)]) })
    }

    /// The script that draws a run's boundary, loss curve and sample graph.
    static var viewScript: String { AnimationPage.viewScript }

    /// The self-contained animation page of a run (see `AnimationPage`).
    static func animation(title: String, svg: String, run: String) -> String {
        AnimationPage.html(title: title, svg: svg, run: run)
    }
}
