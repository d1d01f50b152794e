import Micrograd

/// `micrograd-viz train … --animate FILE.html`: a whole run as the page's export button writes
/// it, made by a session of the same code (each step `MLP.trainingStep`, each frame recorded).
public enum TrainingAnimation {
    /// The self-contained HTML animation of the plan's run at its first learning rate, with the
    /// graph of point `sample`; throws the one line to print when the graph cannot be drawn.
    public static func html(_ plan: TrainingPlan, sample: Int = 0, maxNodes: Int = 5000) throws(SetupError) -> String {
        let svg: String
        do { svg = try TrainingEngine.layout(plan, sample: sample, maxNodes: maxNodes) } catch {
            throw SetupError("cannot lay out the sample's graph: " + (error.status == 422 ? "it has too many nodes" : "Graphviz failed"))
        }
        let session = TrainingSession(id: "cli", plan: plan, sample: sample, speed: 1, svg: svg)
        _ = session.frame
        for _ in 0..<min(plan.steps, TrainingSession.recordLimit) { _ = try? session.perform(.step) }
        return session.animation
    }
}
