// swift-tools-version: 6.1
// An app that uses RTCEngine, as the guide's "Importing the SDK" page shows: one package
// dependency, the products you need, and nothing else. An app outside this repository writes
// `.package(url: "https://…/RTCEngine.git", from: "…")` instead of the path.
import PackageDescription

let package = Package(
    name: "ImportingTheSDK",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "RTCEngine", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "ImportingTheSDK",
            dependencies: [
                .product(name: "RTCEngine", package: "RTCEngine"),  // TRTCCloud: the client
                .product(name: "RTCServer", package: "RTCEngine"),  // RoomServer: only to run a server in-process
                .product(name: "RTCSignaling", package: "RTCEngine"),  // UserSigIssuer: what your backend does
            ]),
    ],
    swiftLanguageModes: [.v6]
)
