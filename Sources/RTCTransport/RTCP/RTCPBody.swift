/// What every RTCP packet type provides to the common header code in `RTCPPacket`: the
/// header's 5-bit count field (RC, SC, subtype or FMT) and the body after the 4-byte header.
protocol RTCPBody {
    /// The value of the header's count field; must fit 5 bits.
    var countField: Int { get }
    /// The body's length in bytes, a multiple of 4 for any body that serializes.
    var bodyLength: Int { get }
    /// Writes the body; throws `TransportError.invalidValue` for a value the format cannot carry.
    func writeBody(to writer: inout WireWriter) throws
    /// Parses a body (padding already removed) given the header's count field.
    init(countField: UInt8, body: UnsafeRawBufferPointer) throws
}

