// swift-tools-version: 6.1
// package-benchmark suites for RTCEngine's hot paths, with allocation counts.
// Its own package so that `make test` and consumers of RTCEngine never build the benchmark tooling.
import PackageDescription

let package = Package(
    name: "RTCEngineBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "RTCEngine", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        // libsrtp2 itself, for reference rows that call it without the wrapper.
        .systemLibrary(
            name: "CLibSRTP", path: "CLibSRTP", pkgConfig: "libsrtp2", providers: [.apt(["libsrtp2-dev"])]),
        .executableTarget(
            name: "MediaCore",
            dependencies: [
                "CLibSRTP",
                .product(name: "RTCTransport", package: "RTCEngine"),
                .product(name: "RTCAudio", package: "RTCEngine"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "MediaCore",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    ],
    swiftLanguageModes: [.v6]
)
