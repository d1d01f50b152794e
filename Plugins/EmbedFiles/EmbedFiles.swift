import Foundation
import PackagePlugin

/// A build-tool plugin that turns every file in a target's `Page/` folder into a string constant
/// of a generated Swift source, `EmbeddedFiles.swift`: `enum EmbeddedFiles` with one
/// `static let` per file (its path with non-identifier characters as `_`: `index.html` →
/// `index_html`) and `all`, each text by its path under `Page/`. So a target ships web pages,
/// scripts and styles inside its binary without Foundation's `Bundle`.
///
/// The target excludes the folder (`exclude: ["Page"]`) so that SwiftPM does not treat the
/// files as sources or resources; the plugin finds them itself and rebuilds when one changes.
@main
struct EmbedFiles: BuildToolPlugin {
    /// The folder, inside the target's own, whose files are embedded.
    static let folder = "Page"

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = target.directoryURL.appending(path: Self.folder)
        let files = Self.files(under: root)
        guard !files.isEmpty else { return [] }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFiles.swift")
        return [.buildCommand(
            displayName: "Embedding \(files.count) file(s) of \(target.name)/\(Self.folder)",
            executable: try context.tool(named: "embed-files").url,
            arguments: [output.path(percentEncoded: false), root.path(percentEncoded: false)]
                + files.map { $0.path(percentEncoded: false) },
            inputFiles: files,
            outputFiles: [output]
        )]
    }

    /// Every regular file under `root`, in a stable order; hidden files are left out.
    static func files(under root: URL) -> [URL] {
        let manager = FileManager.default
        guard let walker = manager.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey],
                                              options: [.skipsHiddenFiles]) else { return [] }
        return walker.compactMap { $0 as? URL }
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            .sorted { $0.path < $1.path }
    }
}
