import Testing
@testable import RTCTransport

@Suite struct DTLSFingerprintTests {
    static let digest: [UInt8] = (0..<32).map { (index: Int) -> UInt8 in UInt8(index * 7 + 3) }
    static let text = "sha-256 " + digest.map(twoHexDigits).joined(separator: ":")

    @Test func parsesAndFormatsTheSignalingForm() throws {
        let fingerprint = try DTLSFingerprint(parsing: Self.text)
        #expect(fingerprint.sha256 == Self.digest)
        #expect(fingerprint.description == Self.text)
        #expect(try DTLSFingerprint(parsing: "  SHA-256   " + Self.text.dropFirst(8).lowercased()) == fingerprint)
    }

    @Test(arguments: [
        "", "sha-256", "sha-1 AB:CD", "sha-256 AB:CD", "md5 " + String(Self.text.dropFirst(8)),
        String(Self.text.dropLast(3)), Self.text + ":00", Self.text.replacingOccurrences(of: "03:", with: "0G:"),
        Self.text.replacingOccurrences(of: "03:", with: "003:"), Self.text + " extra",
        String(repeating: "A", count: 10_000),
    ])
    func rejectsMalformedText(_ text: String) {
        #expect(throws: TransportError.self) { try DTLSFingerprint(parsing: text) }
    }
}

/// Two uppercase hex digits.
private func twoHexDigits(_ value: UInt8) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return digits.count == 1 ? "0" + digits : digits
}
