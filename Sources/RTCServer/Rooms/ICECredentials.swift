import RTCSignaling

/// ICE username fragments and passwords (RFC 8445 §5.3): generation and the checks on a client's.
enum ICECredentials {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Fresh server credentials: an 8-character ufrag (48 bits) and a 24-character pwd (144 bits).
    static func generate() -> ICEParameters {
        ICEParameters(ufrag: random(count: 8), pwd: random(count: 24))
    }

    /// Whether a client's credentials have the lengths and characters RFC 8445 requires.
    static func isValid(_ ice: ICEParameters) -> Bool {
        (4...256).contains(ice.ufrag.utf8.count) && (22...256).contains(ice.pwd.utf8.count)
            && ice.ufrag.utf8.allSatisfy(alphabet.contains) && ice.pwd.utf8.allSatisfy(alphabet.contains)
    }

    private static func random(count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String(decoding: (0..<count).map { _ in alphabet.randomElement(using: &generator)! }, as: UTF8.self)
    }
}
