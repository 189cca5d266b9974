import Foundation

/// The texts TLSSigAPIv2 builds a UserSig from: its HMAC input and its URL-safe base64 (usersig.md).
enum UserSigText {
    /// The HMAC input: `TLS.identifier:…\nTLS.sdkappid:…\nTLS.time:…\nTLS.expire:…\n[TLS.userbuf:…\n]`.
    static func content(identifier: String, sdkAppId: Int64, time: Int64, expire: Int64, userbuf: String?) -> String {
        var content = "TLS.identifier:\(identifier)\nTLS.sdkappid:\(sdkAppId)\nTLS.time:\(time)\nTLS.expire:\(expire)\n"
        if let userbuf { content += "TLS.userbuf:\(userbuf)\n" }
        return content
    }

    /// Base64 with TLSSigAPIv2's substitutions `+` → `*`, `/` → `-`, `=` → `_`.
    static func encodeBase64(_ bytes: [UInt8]) -> String {
        String(
            Data(bytes).base64EncodedString().map { c -> Character in
                switch c {
                case "+": "*"
                case "/": "-"
                case "=": "_"
                default: c
                }
            })
    }

    /// The bytes of TLSSigAPIv2's base64; nil when the text is not that.
    static func decodeBase64(_ text: String) -> [UInt8]? {
        let standard = String(
            text.map { c -> Character in
                switch c {
                case "*": "+"
                case "-": "/"
                case "_": "="
                case "+", "/", "=": "!"  // The standard alphabet's own symbols are not part of this one.
                default: c
                }
            })
        return Data(base64Encoded: standard).map { [UInt8]($0) }
    }
}
