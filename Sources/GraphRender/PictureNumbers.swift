import Micrograd

/// The numbers one box of a picture shows, as its record fields print them: what a page that
/// laid the picture out once rewrites in place, by the box's DOT name, when the numbers change.
public struct BoxNumbers: Sendable, Equatable {
    /// The box's DOT name, the `<title>` of its `g.node` in Graphviz's SVG: `n4`, `g7`.
    public let name: String
    /// Its data field: `data 0.5000` (a layer's: `data 0.1000, 0.2000, …`).
    public let data: String
    /// Its grad field: `grad -1.2500`.
    public let grad: String
}

extension Picture {
    /// The numbers of every box of the picture `draw(roots, request)` makes (one stage: the
    /// request's, `both` counting as `backward`), in the order the boxes are written. Nothing is
    /// laid out, so this is cheap enough to run for every step of a training run.
    public static func numbers(_ roots: [Value], _ request: PictureRequest) -> [BoxNumbers] {
        let (_, after) = stages(roots, request.stage == .forward ? .forward : .backward)
        let precision = request.style.precision
        return View(after, depth: request.style.depth).boxes.map { box in
            BoxNumbers(name: box.name, data: "data " + DOTWriter.list(box.data, precision),
                       grad: "grad " + DOTWriter.list(box.grad, precision))
        }
    }
}
