// swift-tools-version: 6.1
// package-benchmark suites for RTCEngine's hot paths, with allocation counts.
// Its own package so that `make test` and consumers of RTCEngine never build the benchmark tooling.
import PackageDescription

let package = Package(
    name: "RTCEngineBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "RTCEngine", path: ".."),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "MediaCore",
            dependencies: [
                .product(name: "RTCTransport", package: "RTCEngine"),
                .product(name: "RTCAudio", package: "RTCEngine"),
                .product(name: "Benchmark", package: "package-benchmark"),
            ],
            path: "MediaCore",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]),
    ],
    swiftLanguageModes: [.v6]
)
