// swift-tools-version: 6.1
// libFuzzer targets for every parser of untrusted bytes in RTCEngine (Docs/fuzzing.md).
// Its own package so that a normal `swift build` of RTCEngine never builds them: they need
// `-sanitize=fuzzer`, which scripts/fuzz.sh passes on the command line (no unsafeFlags here).
import PackageDescription

/// One executable per fuzz target: Targets/<name>/, seed corpus in Corpus/<name>/.
func fuzzTarget(_ name: String, _ products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["FuzzSupport"] + products.map { .product(name: $0, package: "RTCEngine") },
        path: "Targets/\(name)")
}

let package = Package(
    name: "RTCEngineFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "RTCEngine", path: ".."),
    ],
    targets: [
        .target(name: "FuzzSupport", path: "Support"),
        fuzzTarget("FuzzSTUN", ["RTCTransport"]),
        fuzzTarget("FuzzRTP", ["RTCTransport"]),
        fuzzTarget("FuzzRTCP", ["RTCTransport"]),
        fuzzTarget("FuzzSRTP", ["RTCTransport"]),
        fuzzTarget("FuzzDTLS", ["RTCTransport"]),
        fuzzTarget("FuzzSignaling", ["RTCSignaling"]),
        fuzzTarget("FuzzUserSig", ["RTCSignaling"]),
        fuzzTarget("FuzzTC3", ["RTCSignaling"]),
        fuzzTarget("FuzzRESTBody", ["RTCServer"]),
        fuzzTarget("FuzzWAV", ["RTCAudio"]),
    ],
    swiftLanguageModes: [.v6]
)
