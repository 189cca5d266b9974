/// The value of MAPPED-ADDRESS and XOR-MAPPED-ADDRESS (RFC 8489 §14.1–14.2): a reserved byte,
/// family (1 IPv4, 2 IPv6), port, and address; the XOR form masks them with the magic cookie
/// and transaction ID.
enum STUNAddressCoding {
    static let magicCookie: UInt32 = 0x2112_A442

    /// Decodes an address value, unmasking it when `xor` is given the message's transaction ID.
    static func decode(_ value: UnsafeRawBufferPointer, xor transactionID: STUNTransactionID?) throws -> TransportAddress {
        let what = transactionID == nil ? "STUN MAPPED-ADDRESS" : "STUN XOR-MAPPED-ADDRESS"
        var reader = WireReader(value, what: what)
        _ = try reader.readUInt8()
        let family = try reader.readUInt8()
        var port = try reader.readUInt16()
        let ip: IPAddress
        switch (family, value.count) {
        case (1, 8):
            ip = .v4(try reader.readUInt32())
        case (2, 20):
            ip = .v6(try reader.readUInt64(), try reader.readUInt64())
        case (1, _), (2, _):
            throw TransportError.malformed(what: what, reason: "length \(value.count) for family \(family)")
        default:
            throw TransportError.unsupported(what: "\(what) family", value: Int(family))
        }
        guard let transactionID else { return TransportAddress(ip: ip, port: port) }
        port ^= UInt16(magicCookie >> 16)
        return TransportAddress(ip: mask(ip, transactionID), port: port)
    }

    /// Encodes an address value, masking it when `xor` is given the message's transaction ID.
    static func encode(_ address: TransportAddress, xor transactionID: STUNTransactionID?) -> [UInt8] {
        let ip = transactionID.map { mask(address.ip, $0) } ?? address.ip
        let port = transactionID == nil ? address.port : address.port ^ UInt16(magicCookie >> 16)
        let family: UInt8 = address.ip.isIPv6 ? 2 : 1
        return [0, family, UInt8(port >> 8), UInt8(port & 0xFF)] + ip.bytes
    }

    /// XORs an address with the cookie (IPv4) or cookie ‖ transaction ID (IPv6); its own inverse.
    private static func mask(_ ip: IPAddress, _ transactionID: STUNTransactionID) -> IPAddress {
        switch ip {
        case .v4(let value):
            .v4(value ^ magicCookie)
        case .v6(let high, let low):
            .v6(high ^ (UInt64(magicCookie) << 32 | UInt64(transactionID.high)), low ^ transactionID.low)
        }
    }
}
