import GraphRender

/// A guess, from the words alone and before they are parsed, of whether this run will lay out a
/// picture with Graphviz. When it says yes, `main` starts the render process at once
/// (`Graphviz.prepare()`), so that Graphviz's plugins and fonts load while the arguments are parsed
/// and the graph is built — about half of a small picture's time.
///
/// Only a guess, so it never decides what the run does: a wrong yes leaves a render process
/// unused, which ends with the run; a wrong no makes each picture fork its own child, as it
/// would without the guess.
enum PictureHint {
    // Arrays, not sets: this runs first thing in every run, and a handful of words is faster to
    // search than to hash (a first Set<String> costs ~0.1 ms of the runtime's setup).

    /// The commands that can draw with Graphviz.
    private static let drawingCommands = ["expr", "mlp", "train", "render"]

    /// The flags that ask for a laid-out picture whatever else is given.
    private static let drawingFlags = ["--svg", "--png", "--pdf", "--walkthrough", "--worksheet", "--animate"]

    /// Whether `words` (the arguments after the program's name) most likely draw a picture.
    static func drawsPicture(_ words: [String]) -> Bool {
        guard let command = words.first, drawingCommands.contains(command) else { return false }
        if command == "render" { return true }
        var previous = ""
        for word in words.dropFirst() {
            if drawingFlags.contains(word) || drawingFlags.contains(where: { word.hasPrefix($0 + "=") }) { return true }
            let (flag, value) = word.hasPrefix("--") && word.contains("=")
                ? (String(word.prefix { $0 != "=" }), String(word.drop { $0 != "=" }.dropFirst()))
                : (previous, word)
            if flag == "--out" || flag == "-o", let format = OutputFormat(path: value), format.isLaidOut { return true }
            if flag == "--format", let format = OutputFormat(rawValue: value), format.isLaidOut { return true }
            previous = word
        }
        return false
    }
}
