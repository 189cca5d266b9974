import Foundation

/// An executable SwiftPM built beside the test bundle (`.build/<configuration>/`).
package enum BuiltBinary {
    /// The path of the executable `name`; throws when it was not built.
    package static func path(_ name: String) throws -> String {
        let url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name)
        guard FileManager.default.isExecutableFile(atPath: url.path) else { throw ProcessFailure(description: "no executable at \(url.path)") }
        return url.path
    }
}
