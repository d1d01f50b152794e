// swift-tools-version:6.1
import PackageDescription

// Dependencies point one way: micrograd-viz → Playground → GraphRender → Micrograd,
// micrograd-viz → Expression → Micrograd; only GraphRender sees CGraphviz, only Playground
// sees Hummingbird.
let package = Package(
    name: "micrograd-viz",
    products: [
        .library(name: "Micrograd", targets: ["Micrograd"]),
        .library(name: "Expression", targets: ["Expression"]),
        .library(name: "GraphRender", targets: ["GraphRender"]),
        .library(name: "Playground", targets: ["Playground"]),
        .executable(name: "micrograd-viz", targets: ["micrograd-viz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `make docs`: DocC for Micrograd and GraphRender, with the lab walk-through's Snippets/.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        // No default traits: the server needs neither swift-configuration nor full Foundation.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .target(name: "Micrograd"),
        .target(name: "Expression", dependencies: ["Micrograd"]),
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]
        ),
        .target(name: "GraphRender", dependencies: ["Micrograd", "CGraphviz", "CMalloc"], exclude: ["Page"], plugins: ["EmbedFiles"]),
        // glibc's allocator controls: malloc_trim for the server, mallopt for the render processes' heap.
        .systemLibrary(name: "CMalloc"),
        // The live playground (`micrograd-viz serve`): HTTP API and page, served by Hummingbird.
        .target(
            name: "Playground",
            dependencies: [
                "Micrograd", "Expression", "GraphRender", "CMalloc",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            exclude: ["Page"],
            plugins: ["EmbedFiles"]
        ),
        // Embeds the files of a target's Page/ folder as string constants (no Bundle, no Foundation).
        .plugin(name: "EmbedFiles", capability: .buildTool(), dependencies: ["embed-files"]),
        .executableTarget(name: "embed-files"),
        .executableTarget(
            name: "micrograd-viz",
            dependencies: [
                "Micrograd", "Expression", "GraphRender", "Playground",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "micrograd-bench", dependencies: ["Micrograd", "GraphRender"]),
        .testTarget(name: "MicrogradTests", dependencies: ["Micrograd"]),
        .testTarget(name: "ExpressionTests", dependencies: ["Expression", "Micrograd", "GraphRender"]),
        .testTarget(name: "GraphRenderTests", dependencies: ["GraphRender", "Micrograd"]),
        .testTarget(name: "CLITests", dependencies: ["micrograd-viz"]),
        .testTarget(
            name: "PlaygroundTests",
            dependencies: [
                "Playground", "GraphRender", "Micrograd",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
    ]
)
