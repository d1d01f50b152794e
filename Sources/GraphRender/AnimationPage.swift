/// A training run as one self-contained HTML page (`Page/animation.html`, embedded at build
/// time): the sample graph laid out once, and per step the loss, the accuracy, the decision
/// boundary and the graph's numbers, with a slider and play. Inline SVG, CSS and script;
/// nothing is loaded from elsewhere, so it plays from a file:// URL, offline.
public enum AnimationPage {
    /// The page with its holes filled in one pass: the escaped title, the inline SVG and the
    /// run's JSON (`<` escaped, so that it cannot close the page's `<script>`).
    public static func html(title: String, svg: String, run: String) -> String {
        Template(EmbeddedFiles.animation_html).filled([
            "title": Escaping.xml(title), "svg": WalkthroughPage.inline(svg), "view": viewScript,
            "run": run.replacing("<", with: "\\u003c"),
        ])
    }

    /// The script that draws a run's boundary, loss curve and sample graph (`Page/training-view.js`),
    /// shared by this page and the playground's Network view.
    public static let viewScript = EmbeddedFiles.training_view_js
}
