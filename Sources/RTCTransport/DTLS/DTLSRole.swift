/// Which side of the DTLS handshake an endpoint plays (RFC 5763 §5: `setup:active` is the client).
public enum DTLSRole: Sendable {
    /// Sends the ClientHello: the RTCEngine client (`setup:active`).
    case client
    /// Answers ClientHellos, with a HelloVerifyRequest cookie first: the room server (`setup:passive`).
    case server
}
