import ArgumentParser
import RTCSignaling

/// `rtc-client usersig`: prints a UserSig (TLSSigAPIv2) for a user of an app, as an app's backend issues it.
struct UserSigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "usersig", abstract: "Print a UserSig (TLSSigAPIv2) admitting a user of an app.")

    @Option(name: .customLong("app"), help: "The SdkAppId.")
    var sdkAppId: UInt32

    @Option(help: "The app's secret key.")
    var secret: String

    @Option(help: "The user id.")
    var user: String

    @Option(help: "Seconds the UserSig stays valid (default 180 days).")
    var expire: Int64 = UserSigIssuer.defaultExpire

    func validate() throws {
        guard expire > 0 else { throw ValidationError("--expire must be positive") }
        guard !secret.isEmpty else { throw ValidationError("--secret must not be empty") }
    }

    func run() {
        print(UserSigIssuer(sdkAppId: sdkAppId, secretKey: secret).generate(userId: user, expire: expire))
    }
}
