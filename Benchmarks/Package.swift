// swift-tools-version: 6.1
//
// Radiograph's benchmarks, kept out of the main package so that package-benchmark (and jemalloc)
// never become dependencies of the library. Run: `cd Benchmarks && swift package benchmark`.

import Foundation
import PackageDescription

// A path dependency's identity is its folder's name, which is whatever the clone was called.
let radiograph = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "RadiographBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: "../"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "RadiographBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Radiograph", package: radiograph),
                .product(name: "RadiographCore", package: radiograph),
                .product(name: "RadiographDICOM", package: radiograph),
                .product(name: "RadiographCodecs", package: radiograph),
                .product(name: "RadiographAnnotation", package: radiograph),
                "BenchmarkSupport",
            ],
            path: "Benchmarks/RadiographBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Plain timing of the same operations the peers time, on the peers' inputs, for
        // compare-peers.sh (side by side in one run; prints JSON lines).
        .executableTarget(
            name: "radiograph-compare",
            dependencies: [
                .product(name: "Radiograph", package: radiograph),
                .product(name: "RadiographCore", package: radiograph),
                .product(name: "RadiographDICOM", package: radiograph),
                .product(name: "RadiographCodecs", package: radiograph),
                .product(name: "RadiographAnnotation", package: radiograph),
                .product(name: "RadiographArchive", package: radiograph),
                "BenchmarkSupport",
            ],
            path: "Sources/radiograph-compare"
        ),
        // Workloads both benchmark programs share.
        .target(
            name: "BenchmarkSupport",
            dependencies: [.product(name: "RadiographAnnotation", package: radiograph)],
            path: "Sources/BenchmarkSupport"
        ),
    ],
    swiftLanguageModes: [.v6]
)
