/// A room's identity: numeric and string room ids are separate namespaces, so 123 and "123" are different rooms.
public enum RoomID: Hashable, Sendable, CustomStringConvertible {
    /// A numeric room id, 1…4294967294 (TRTC's `roomId`).
    case numeric(UInt32)
    /// A string room id, 1…64 bytes of TRTC's charset (TRTC's `strRoomId`).
    case string(String)

    /// The largest valid numeric room id (4294967295 is reserved by TRTC).
    public static let maxNumeric: UInt32 = 4_294_967_294
    /// The longest valid string room id, in UTF-8 bytes.
    public static let maxStringBytes = 64
    /// The bytes allowed in a string room id besides letters and digits (api.md).
    private static let strRoomIdSymbols = Set(" !#$%&()+-:;<=.>?@[]^_{}|~,".utf8)

    /// TRTC's rule for `TRTCParams`: a nonzero `roomId` wins, 0 means use `strRoomId`; each is then validated.
    public init(roomId: UInt32, strRoomId: String) throws(SignalingError) {
        self = roomId != 0 ? .numeric(roomId) : .string(strRoomId)
        try validate()
    }

    /// Checks the id against TRTC's rules; throws `ERR_TRTC_INVALID_ROOM_ID` saying why.
    public func validate() throws(SignalingError) {
        switch self {
        case .numeric(let id):
            guard (1...Self.maxNumeric).contains(id) else {
                throw .invalidParameter(.invalidRoomId, reason: "roomId \(id) is outside 1…\(Self.maxNumeric)")
            }
        case .string(let id):
            let bytes = id.utf8
            guard !bytes.isEmpty else {
                throw .invalidParameter(.invalidRoomId, reason: "roomId is 0 and strRoomId is empty")
            }
            guard bytes.count <= Self.maxStringBytes else {
                throw .invalidParameter(
                    .invalidRoomId, reason: "strRoomId is \(bytes.count) bytes, more than \(Self.maxStringBytes)")
            }
            guard bytes.allSatisfy({ Self.isAlphanumeric($0) || Self.strRoomIdSymbols.contains($0) }) else {
                throw .invalidParameter(.invalidRoomId, reason: "strRoomId has a character outside TRTC's charset")
            }
        }
    }

    /// The numeric id for the wire's `roomId`, 0 for a string room.
    public var roomId: UInt32 {
        if case .numeric(let id) = self { id } else { 0 }
    }

    /// The string id for the wire's `strRoomId`, empty for a numeric room.
    public var strRoomId: String {
        if case .string(let id) = self { id } else { "" }
    }

    /// `123` for a numeric room, `"123"` (quoted) for a string room, so that logs tell them apart.
    public var description: String {
        switch self {
        case .numeric(let id): "\(id)"
        case .string(let id): "\"\(id)\""
        }
    }

    /// Whether `byte` is an ASCII letter or digit.
    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default: false
        }
    }
}
