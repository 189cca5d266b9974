import Glibc
import RTCTransport

/// The RTP packets the load generators send: Opus's payload type and clock with a 100-byte payload
/// (a 20 ms voice frame's size) whose first 8 bytes carry the send time, so that a receiver that
/// decrypts a forwarded copy knows how long it travelled.
enum ProbePacket {
    /// Payload bytes per packet.
    static let payloadLength = 100
    /// Header (12 bytes) plus payload.
    static let length = 12 + payloadLength
    /// Room a buffer needs for a protected probe.
    static let capacity = length + SRTPContext.maximumTrailerLength

    /// Writes a probe stamped `sendTime` into `buffer` and returns its length.
    static func write(
        into buffer: UnsafeMutableRawBufferPointer, sequenceNumber: UInt16, timestamp: UInt32, ssrc: UInt32, sendTime: Int64
    ) throws -> Int {
        let header = RTPHeader(payloadType: 111, sequenceNumber: sequenceNumber, timestamp: timestamp, ssrc: ssrc)
        let offset = try header.serialize(into: buffer)
        buffer.storeBytes(of: UInt64(bitPattern: sendTime).bigEndian, toByteOffset: offset, as: UInt64.self)
        for index in offset + 8..<offset + payloadLength { buffer[index] = UInt8(truncatingIfNeeded: index &* 37) }
        return offset + payloadLength
    }

    /// The send time of a decrypted probe, nil when the packet is not one.
    static func sendTime(in packet: UnsafeRawBufferPointer) -> Int64? {
        guard let layout = try? RTPPacketLayout(parsing: packet), layout.payloadRange.count == payloadLength else { return nil }
        return Int64(bitPattern: UInt64(bigEndian: packet.loadUnaligned(fromByteOffset: layout.payloadRange.lowerBound, as: UInt64.self)))
    }

    /// The wall clock the kernel stamps arrivals with (`CLOCK_REALTIME`, as `SO_TIMESTAMPNS`), in nanoseconds.
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}

/// One publisher's outgoing stream of probes: RTP numbering (20 ms of 48 kHz per packet), SRTP
/// protection in a reused buffer, and the socket it leaves by.
final class ProbeStream: @unchecked Sendable {  // Used by one sending thread at a time; handed over before it starts.
    /// The stream's SSRC.
    let ssrc: UInt32
    private let context: SRTPContext
    private let socket: UDPSocket
    private let destination: UDPAddress
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: ProbePacket.capacity, alignment: 16)
    private var sequenceNumber = UInt16.random(in: 0...UInt16.max)
    private var timestamp = UInt32.random(in: 0...UInt32.max)

    init(ssrc: UInt32, context: SRTPContext, socket: UDPSocket, destination: UDPAddress) {
        self.ssrc = ssrc
        self.context = context
        self.socket = socket
        self.destination = destination
    }

    deinit {
        buffer.deallocate()
    }

    /// Stamps a probe with the current time, protects it and sends it; returns the stamp.
    @discardableResult
    func send() throws -> Int64 {
        let stamp = ProbePacket.now()
        let length = try ProbePacket.write(
            into: buffer, sequenceNumber: sequenceNumber, timestamp: timestamp, ssrc: ssrc, sendTime: stamp)
        let protected = try context.protectRTP(buffer, length: length)
        try socket.send(UnsafeRawBufferPointer(rebasing: buffer[0..<protected]), to: destination)
        sequenceNumber &+= 1
        timestamp &+= 960
        return stamp
    }
}
