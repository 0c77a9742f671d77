// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Sopbook",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sopbook", targets: ["sopbook"]),
        .library(name: "SopbookKit", targets: ["SopbookKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/onevcat/Rainbow", from: "4.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(
            name: "SopbookKit",
            dependencies: [
                "CCmarkGFM",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "SopbookServer",
            dependencies: [
                "SopbookKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "sopbook",
            dependencies: [
                "SopbookKit",
                "SopbookServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Rainbow", package: "Rainbow"),
            ],
            // mimalloc replaces glibc's malloc in the whole process: a build allocates millions of small
            // strings, arrays and cmark nodes from two threads, and with glibc's arenas that was a fifth of
            // `check`'s CPU time. Measured in Benchmarks/results.md (`check` 19% and `build` 11% faster).
            linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]
        ),
        .testTarget(
            name: "SopbookKitTests",
            dependencies: ["SopbookKit"]
        ),
        .testTarget(
            name: "SopbookCLITests",
            dependencies: ["sopbook"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
