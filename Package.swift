// swift-tools-version:6.1
import PackageDescription

// Dependencies point one way: micrograd-viz → GraphRender → Micrograd,
// micrograd-viz → Expression → Micrograd; only GraphRender sees CGraphviz.
let package = Package(
    name: "micrograd-viz",
    products: [
        .library(name: "Micrograd", targets: ["Micrograd"]),
        .library(name: "Expression", targets: ["Expression"]),
        .library(name: "GraphRender", targets: ["GraphRender"]),
        .executable(name: "micrograd-viz", targets: ["micrograd-viz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `make docs`: DocC for Micrograd and GraphRender, with the lab walk-through's Snippets/.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .target(name: "Micrograd"),
        .target(name: "Expression", dependencies: ["Micrograd"]),
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]
        ),
        .target(name: "GraphRender", dependencies: ["Micrograd", "CGraphviz"], exclude: ["Page"], plugins: ["EmbedFiles"]),
        // Embeds the files of a target's Page/ folder as string constants (no Bundle, no Foundation).
        .plugin(name: "EmbedFiles", capability: .buildTool(), dependencies: ["embed-files"]),
        .executableTarget(name: "embed-files"),
        .executableTarget(
            name: "micrograd-viz",
            dependencies: [
                "Micrograd", "Expression", "GraphRender",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "micrograd-bench", dependencies: ["Micrograd", "GraphRender"]),
        .testTarget(name: "MicrogradTests", dependencies: ["Micrograd"]),
        .testTarget(name: "ExpressionTests", dependencies: ["Expression", "Micrograd", "GraphRender"]),
        .testTarget(name: "GraphRenderTests", dependencies: ["GraphRender", "Micrograd"]),
        .testTarget(name: "CLITests", dependencies: ["micrograd-viz"]),
    ]
)
