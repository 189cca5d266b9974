import ArgumentParser
import Foundation

/// `rtc-client`: joins RTCEngine rooms from the terminal, prints UserSigs, runs the demo.
@main
struct RTCClientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rtc-client",
        abstract: "Join RTCEngine rooms from the terminal.",
        subcommands: [JoinCommand.self, UserSigCommand.self, DemoCommand.self])

    /// Runs the chosen subcommand; a `ClientError` ends the process with its message and exit code.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch let error as ClientError {
            FileHandle.standardError.write(Data("rtc-client: \(error)\n".utf8))
            exit(withError: error.exitCode)
        } catch {
            exit(withError: error)
        }
    }
}
