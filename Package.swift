// swift-tools-version: 6.1
// RTCEngine: a native real-time audio engine for Linux with a TRTCCloud-style API.
import PackageDescription

let package = Package(
    name: "RTCEngine",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "RTCTransport", targets: ["RTCTransport"]),
        .library(name: "RTCAudio", targets: ["RTCAudio"]),
        .library(name: "RTCSignaling", targets: ["RTCSignaling"]),
        .executable(name: "rtc-bench", targets: ["rtc-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
    ],
    targets: [
        // MARK: C interop: one module per native library (see ../shared/design/native-notes.md).
        .systemLibrary(
            name: "CSRTP", path: "CModules/CSRTP", pkgConfig: "libsrtp2",
            providers: [.apt(["libsrtp2-dev"])]),
        .systemLibrary(
            name: "COpenSSL", path: "CModules/COpenSSL", pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]),
        .systemLibrary(
            name: "COpus", path: "CModules/COpus", pkgConfig: "opus",
            providers: [.apt(["libopus-dev"])]),
        .systemLibrary(
            name: "CZlib", path: "CModules/CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        // Exists only so SwiftPM forwards webrtc-audio-processing's -I and -l to CAudioProcessing.
        .systemLibrary(
            name: "CWebRTCAudioProcessing", path: "CModules/CWebRTCAudioProcessing",
            pkgConfig: "webrtc-audio-processing",
            providers: [.apt(["libwebrtc-audio-processing-dev"])]),
        // A plain C API over webrtc-audio-processing 0.3's C++ interface.
        .target(
            name: "CAudioProcessing", dependencies: ["CWebRTCAudioProcessing"],
            path: "CModules/CAudioProcessing",
            cxxSettings: [
                .define("WEBRTC_POSIX"),
                .define("WEBRTC_AUDIO_PROCESSING_ONLY_BUILD"),
            ]),
        // The native calls of the media core in tight C loops: rtc-bench's reference column.
        .target(
            name: "CNativeLoops", dependencies: ["CSRTP", "COpus", "CAudioProcessing"],
            path: "CModules/CNativeLoops"),

        // MARK: The media core.
        .target(name: "RTCTransport", dependencies: ["CSRTP", "COpenSSL", "CZlib"]),
        .target(name: "RTCAudio", dependencies: ["COpus", "CAudioProcessing"]),
        // Signaling messages, UserSig, TC3 request signing, error codes: shared by client and server.
        .target(name: "RTCSignaling", dependencies: ["COpenSSL", "CZlib"]),

        // MARK: Executables.
        .executableTarget(
            name: "rtc-bench",
            dependencies: [
                "RTCTransport", "RTCAudio", "CNativeLoops",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // MARK: Tests.
        .testTarget(
            name: "RTCTransportTests",
            dependencies: [
                "RTCTransport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        .testTarget(
            name: "RTCAudioTests",
            dependencies: [
                "RTCAudio",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        .testTarget(name: "RTCSignalingTests", dependencies: ["RTCSignaling"]),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx14
)
