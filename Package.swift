// swift-tools-version: 6.1
// RTCEngine: a native real-time audio engine for Linux with a TRTCCloud-style API.
import PackageDescription

/// NIO's pthread-based locks (`NIOLockedValueBox`): ThreadSanitizer sees them, unlike `Synchronization.Mutex`.
let locks: Target.Dependency = .product(name: "NIOConcurrencyHelpers", package: "swift-nio")

let package = Package(
    name: "RTCEngine",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "RTCTransport", targets: ["RTCTransport"]),
        .library(name: "RTCAudio", targets: ["RTCAudio"]),
        .library(name: "RTCSignaling", targets: ["RTCSignaling"]),
        .library(name: "RTCEngine", targets: ["RTCEngine"]),
        .library(name: "RTCServer", targets: ["RTCServer"]),
        .executable(name: "rtc-server", targets: ["rtc-server"]),
        .executable(name: "rtc-bench", targets: ["rtc-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.1.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.20.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.6.0"),
        .package(url: "https://github.com/hummingbird-project/swift-websocket", from: "1.3.0"),
    ],
    targets: [
        // MARK: C interop: one module per native library (see ../shared/design/native-notes.md).
        .systemLibrary(
            name: "CSRTP", path: "CModules/CSRTP", pkgConfig: "libsrtp2",
            providers: [.apt(["libsrtp2-dev"])]),
        // NSS, under Debian's libsrtp2: initialized before libsrtp initializes it (SRTPLibrary).
        .systemLibrary(
            name: "CNSS", path: "CModules/CNSS", pkgConfig: "nss",
            providers: [.apt(["libnss3-dev"])]),
        .systemLibrary(
            name: "COpenSSL", path: "CModules/COpenSSL", pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]),
        .systemLibrary(
            name: "COpus", path: "CModules/COpus", pkgConfig: "opus",
            providers: [.apt(["libopus-dev"])]),
        .systemLibrary(
            name: "CSpeexDSP", path: "CModules/CSpeexDSP", pkgConfig: "speexdsp",
            providers: [.apt(["libspeexdsp-dev"])]),
        .systemLibrary(
            name: "CZlib", path: "CModules/CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        // Exists only so SwiftPM forwards webrtc-audio-processing's -I and -l to CAudioProcessing.
        .systemLibrary(
            name: "CWebRTCAudioProcessing", path: "CModules/CWebRTCAudioProcessing",
            pkgConfig: "webrtc-audio-processing",
            providers: [.apt(["libwebrtc-audio-processing-dev"])]),
        // Initializes OpenSSL when the program is loaded, without its atexit cleanup (OpenSSLSetup.c).
        .target(name: "COpenSSLSetup", dependencies: ["COpenSSL"], path: "CModules/COpenSSLSetup"),
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
        .target(name: "RTCTransport", dependencies: ["CSRTP", "CNSS", "COpenSSL", "COpenSSLSetup", "CZlib"]),
        .target(name: "RTCAudio", dependencies: ["COpus", "CAudioProcessing", "CSpeexDSP"]),
        // Signaling messages, UserSig, TC3 request signing, error codes: shared by client and server.
        .target(name: "RTCSignaling", dependencies: ["COpenSSL", "COpenSSLSetup", "CZlib"]),

        // The client: TRTCCloud and its media pipeline.
        .target(
            name: "RTCEngine",
            dependencies: [
                "RTCTransport", "RTCAudio", "RTCSignaling",
                .product(name: "NIOCore", package: "swift-nio"),
                locks,
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ]),
        // The room server: signaling endpoint, room registry, SFU forwarding, REST room management.
        .target(
            name: "RTCServer",
            dependencies: [
                "RTCTransport", "RTCSignaling",
                .product(name: "NIOCore", package: "swift-nio"),
                locks,
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
            ]),

        // MARK: Executables.
        .executableTarget(
            name: "rtc-server",
            dependencies: [
                "RTCServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "rtc-bench",
            dependencies: [
                "RTCTransport", "RTCAudio", "CNativeLoops",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                "RTCSignaling", "RTCServer", "RTCEngine",
                .product(name: "NIOCore", package: "swift-nio"),
                locks,
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "WSClient", package: "swift-websocket"),
            ]),

        // MARK: Tests.
        .testTarget(
            name: "RTCTransportTests",
            dependencies: [
                "RTCTransport", "COpenSSLSetup",
                .product(name: "PropertyBased", package: "swift-property-based"),
                locks,
            ]),
        .testTarget(
            name: "RTCAudioTests",
            dependencies: [
                "RTCAudio",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        .testTarget(name: "RTCSignalingTests", dependencies: ["RTCSignaling"]),
        // What the process-level tests share: the built binaries, a child process, a real rtc-server on port 0.
        .target(name: "RTCTestSupport", dependencies: [locks], path: "Tests/RTCTestSupport"),
        .testTarget(name: "RTCServerTests", dependencies: ["RTCServer", "RTCEngine", "RTCTestSupport", "rtc-server", locks]),
        .testTarget(name: "RTCEngineTests", dependencies: ["RTCEngine", "RTCServer", "RTCTestSupport", "rtc-server", locks]),

        // MARK: rtc-client
        // Joins a room from the terminal (play a WAV or a tone in, record the room out, live status),
        // prints UserSigs, and runs the one-process demo (embedded server, three clients, every exit kind).
        .executableTarget(
            name: "rtc-client",
            dependencies: [
                "RTCEngine", "RTCServer", "RTCSignaling", "RTCAudio",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                locks,
            ]),
        .testTarget(name: "RTCClientTests", dependencies: ["RTCEngine", "RTCSignaling", "RTCAudio", "RTCTestSupport", "rtc-client", "rtc-server", locks]),
        // Network faults in real network namespaces (ip netns, veth, tc netem or iptables): needs root.
        .testTarget(name: "FaultTests", dependencies: ["RTCEngine", "RTCSignaling", "RTCTestSupport", "rtc-client", "rtc-server", locks]),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx14
)

// MARK: Examples: one executable per page of TRTC's guide (Examples/<Name>, see Examples/README.md),
// the support they share (Examples/Shared) and the test that runs them all. Examples/ImportingTheSDK
// is a separate package that depends on this one by path, as an app does.
let examplePages = [
    "EnterRoom", "SubscribeStreams", "PublishStreams", "ExitRoom", "NetworkQuality", "ShareComputerAudio",
    "CustomAudio", "AudioVolume", "Denoise", "DataMessages", "SpeedTest", "EndCall", "OfflineEviction",
]
package.targets += [
    .target(
        name: "ExampleSupport",
        dependencies: ["RTCEngine", "RTCServer", "RTCSignaling", .product(name: "Logging", package: "swift-log"), locks],
        path: "Examples/Shared"),
]
package.targets += examplePages.map { page in
    .executableTarget(
        name: page, dependencies: ["ExampleSupport", "RTCEngine", "RTCSignaling"], path: "Examples/\(page)",
        exclude: ["README.md"])
}
package.targets += [
    .testTarget(
        name: "ExamplesTests",
        dependencies: ["RTCServer", "RTCSignaling"] + examplePages.map { .target(name: $0) }),
]
