extension STUNAttribute {
    /// The longest USERNAME RFC 8489 §14.3 allows, in bytes.
    static let maximumUsernameLength = 512

    /// Decodes one attribute's value (without padding); `transactionID` unmasks XOR addresses.
    static func decode(
        type: STUNAttributeType, value: UnsafeRawBufferPointer, transactionID: STUNTransactionID
    ) throws -> STUNAttribute {
        switch type {
        case .mappedAddress:
            return .mappedAddress(try STUNAddressCoding.decode(value, xor: nil))
        case .xorMappedAddress:
            return .xorMappedAddress(try STUNAddressCoding.decode(value, xor: transactionID))
        case .username:
            guard value.count <= maximumUsernameLength,
                let text = String(validating: value, as: UTF8.self)
            else {
                throw TransportError.malformed(what: "STUN USERNAME", reason: "not UTF-8 of at most 512 bytes")
            }
            return .username(text)
        case .messageIntegrity:
            try requireLength(value, HMACSHA1.length, "STUN MESSAGE-INTEGRITY")
            return .messageIntegrity(Array(value))
        case .fingerprint:
            return .fingerprint(try uint32(value, "STUN FINGERPRINT"))
        case .errorCode:
            return .errorCode(try decodeErrorCode(value))
        case .priority:
            return .priority(try uint32(value, "STUN PRIORITY"))
        case .useCandidate:
            try requireLength(value, 0, "STUN USE-CANDIDATE")
            return .useCandidate
        case .iceControlled:
            return .iceControlled(tieBreaker: try uint64(value, "STUN ICE-CONTROLLED"))
        case .iceControlling:
            return .iceControlling(tieBreaker: try uint64(value, "STUN ICE-CONTROLLING"))
        case .software:
            return .software(String(decoding: value, as: UTF8.self))
        default:
            return .other(type: type, value: Array(value))
        }
    }

    /// The attribute's value as sent (without padding); `transactionID` masks XOR addresses.
    func encodedValue(transactionID: STUNTransactionID) throws -> [UInt8] {
        switch self {
        case .mappedAddress(let address):
            return STUNAddressCoding.encode(address, xor: nil)
        case .xorMappedAddress(let address):
            return STUNAddressCoding.encode(address, xor: transactionID)
        case .username(let name):
            guard name.utf8.count <= Self.maximumUsernameLength else {
                throw TransportError.invalidValue(what: "STUN USERNAME length", value: name.utf8.count)
            }
            return Array(name.utf8)
        case .messageIntegrity(let code):
            return code
        case .fingerprint(let value), .priority(let value):
            return Self.bigEndianBytes(UInt64(value), width: 4)
        case .errorCode(let error):
            guard (300...699).contains(error.code) else {
                throw TransportError.invalidValue(what: "STUN ERROR-CODE", value: error.code)
            }
            return [0, 0, UInt8(error.code / 100), UInt8(error.code % 100)] + Array(error.reason.utf8)
        case .useCandidate:
            return []
        case .iceControlled(let tieBreaker), .iceControlling(let tieBreaker):
            return Self.bigEndianBytes(tieBreaker, width: 8)
        case .software(let text):
            return Array(text.utf8)
        case .other(_, let value):
            return value
        }
    }

    private static func decodeErrorCode(_ value: UnsafeRawBufferPointer) throws -> STUNErrorCode {
        var reader = WireReader(value, what: "STUN ERROR-CODE")
        let header = try reader.readUInt32()
        let errorClass = Int(header >> 8 & 0x7)
        let number = Int(header & 0xFF)
        guard (3...6).contains(errorClass), number < 100 else {
            throw TransportError.malformed(what: "STUN ERROR-CODE", reason: "class \(errorClass) number \(number)")
        }
        let reason = String(decoding: value[4...], as: UTF8.self)
        return STUNErrorCode(code: errorClass * 100 + number, reason: reason)
    }

    private static func requireLength(_ value: UnsafeRawBufferPointer, _ length: Int, _ what: String) throws {
        guard value.count == length else {
            throw TransportError.malformed(what: what, reason: "length \(value.count), expected \(length)")
        }
    }

    /// A value that must be exactly a big-endian 32-bit integer.
    private static func uint32(_ value: UnsafeRawBufferPointer, _ what: String) throws -> UInt32 {
        try requireLength(value, 4, what)
        var reader = WireReader(value, what: what)
        return try reader.readUInt32()
    }

    /// A value that must be exactly a big-endian 64-bit integer.
    private static func uint64(_ value: UnsafeRawBufferPointer, _ what: String) throws -> UInt64 {
        try requireLength(value, 8, what)
        var reader = WireReader(value, what: what)
        return try reader.readUInt64()
    }

    private static func bigEndianBytes(_ value: UInt64, width: Int) -> [UInt8] {
        (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * (width - 1 - $0))) }
    }
}
