// swift-tools-version: 6.1
//
// Radiograph's benchmarks, kept out of the main package so that package-benchmark (and jemalloc)
// never become dependencies of the library. Run: `cd Benchmarks && swift package benchmark`.

import PackageDescription

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
                .product(name: "Radiograph", package: "Radiograph"),
                .product(name: "RadiographCore", package: "Radiograph"),
                .product(name: "RadiographDICOM", package: "Radiograph"),
                .product(name: "RadiographCodecs", package: "Radiograph"),
            ],
            path: "Benchmarks/RadiographBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ],
    swiftLanguageModes: [.v6]
)
