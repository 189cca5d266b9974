/// A parsed `Authorization: TC3-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` header.
///
/// Parsing is strict and bounded: exactly those three parts, once each; a four-part credential scope ending
/// in `tc3_request`; sorted lowercase signed header names including `content-type` and `host`; a 64-hex signature.
struct TC3Authorization: Equatable {
    /// The SecretId the request claims.
    let secretId: String
    /// The credential scope's date, `YYYY-MM-DD`.
    let date: String
    /// The credential scope's service.
    let service: String
    /// The signed header names, in order.
    let signedHeaders: [String]
    /// The signature's 32 bytes.
    let signature: [UInt8]

    /// The longest header accepted.
    static let maxLength = 2048
    /// The most signed headers accepted.
    static let maxSignedHeaders = 32

    /// Parses the header value; throws `malformedAuthorization` saying what is wrong.
    init(parsing value: String) throws(SignalingError) {
        func malformed(_ reason: String) -> SignalingError {
            .requestAuthenticationFailed(.malformedAuthorization(reason: reason))
        }
        guard value.utf8.count <= Self.maxLength else {
            throw malformed("longer than \(Self.maxLength) bytes")
        }
        let prefix = TC3Signer.algorithm + " "
        guard value.hasPrefix(prefix) else { throw malformed("the algorithm is not \(TC3Signer.algorithm)") }
        var parts: [Substring: Substring] = [:]
        for part in value.dropFirst(prefix.count).split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = part.drop(while: { $0 == " " })
            guard let equals = trimmed.firstIndex(of: "=") else { throw malformed("a part has no \"=\"") }
            let key = trimmed[..<equals]
            guard ["Credential", "SignedHeaders", "Signature"].contains(key), parts[key] == nil else {
                throw malformed("unexpected or repeated part \"\(key)\"")
            }
            parts[key] = trimmed[trimmed.index(after: equals)...]
        }
        guard let credential = parts["Credential"], let signed = parts["SignedHeaders"],
            let signature = parts["Signature"]
        else { throw malformed("Credential, SignedHeaders and Signature are required") }

        let scope = credential.split(separator: "/", omittingEmptySubsequences: false)
        guard scope.count == 4, scope[3] == "tc3_request" else {
            throw malformed("Credential is not SecretId/date/service/tc3_request")
        }
        guard !scope[0].isEmpty, scope[0].utf8.count <= 128, scope[0].utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F })
        else { throw malformed("the SecretId is empty, too long or not printable ASCII") }
        guard Self.isDate(scope[1]) else { throw malformed("the credential date is not YYYY-MM-DD") }
        guard !scope[2].isEmpty, scope[2].utf8.count <= 32, scope[2].utf8.allSatisfy(Self.isNameByte) else {
            throw malformed("the credential service is not a lowercase name")
        }

        let names = signed.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        guard (1...Self.maxSignedHeaders).contains(names.count),
            names.allSatisfy({ !$0.isEmpty && $0.utf8.count <= 64 && $0.utf8.allSatisfy(Self.isNameByte) })
        else { throw malformed("SignedHeaders is not a list of lowercase header names") }
        guard zip(names, names.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw malformed("SignedHeaders is not sorted without repeats")
        }
        guard names.contains("content-type"), names.contains("host") else {
            throw malformed("SignedHeaders must include content-type and host")
        }

        guard signature.utf8.count == 2 * SHA256.byteCount, let bytes = Hex.decodeLowercase(signature) else {
            throw malformed("Signature is not 64 lowercase hex digits")
        }
        self.secretId = String(scope[0])
        self.date = String(scope[1])
        self.service = String(scope[2])
        self.signedHeaders = names
        self.signature = bytes
    }

    /// Whether `text` is `DDDD-DD-DD`.
    private static func isDate(_ text: Substring) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 else { return false }
        return bytes.enumerated().allSatisfy { index, byte in
            index == 4 || index == 7 ? byte == UInt8(ascii: "-") : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
    }

    /// Whether `byte` may appear in a lowercase header or service name: `a-z`, `0-9`, `-`, `_`.
    private static func isNameByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }
}
