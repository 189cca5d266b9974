import Glibc
import RTCTransport

/// Reads datagrams together with the time the kernel queued them on the socket (`SO_TIMESTAMPNS`,
/// `CLOCK_REALTIME`): one-way latency measured to the arrival, not to when a busy reader got to it.
enum TimestampedSocket {
    /// Bytes of control buffer a receive needs: one `cmsghdr` and one `timespec`, with room to spare.
    static let controlCapacity = 64

    /// Asks the kernel to stamp every datagram arriving on `socket`.
    static func enableTimestamps(on socket: UDPSocket) throws {
        var on: Int32 = 1
        guard setsockopt(socket.fileDescriptor, SOL_SOCKET, SO_TIMESTAMPNS, &on, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
            throw BenchError.systemFailure(step: "setsockopt(SO_TIMESTAMPNS)", reason: "errno \(errno)")
        }
    }

    /// Reads one waiting datagram into `buffer` without blocking: its length and arrival time
    /// (0 when the kernel gave none), or nil when nothing is waiting.
    static func receive(
        from socket: UDPSocket, into buffer: UnsafeMutableRawBufferPointer, control: UnsafeMutableRawBufferPointer
    ) -> (length: Int, arrival: Int64)? {
        var vector = iovec(iov_base: buffer.baseAddress, iov_len: buffer.count)
        return withUnsafeMutablePointer(to: &vector) { vector in
            var message = msghdr()
            message.msg_iov = vector
            message.msg_iovlen = 1
            message.msg_control = control.baseAddress
            message.msg_controllen = control.count
            let received = recvmsg(socket.fileDescriptor, &message, Int32(MSG_DONTWAIT))
            guard received >= 0 else { return nil }
            return (received, arrival(in: UnsafeRawBufferPointer(rebasing: control[0..<min(control.count, Int(message.msg_controllen))])))
        }
    }

    /// The `SCM_TIMESTAMPNS` value among the control messages (`cmsghdr`: length, level, type, then data
    /// aligned to 8 bytes), 0 when absent.
    private static func arrival(in control: UnsafeRawBufferPointer) -> Int64 {
        let headerLength = MemoryLayout<cmsghdr>.size
        var offset = 0
        while offset + headerLength <= control.count {
            let length = control.loadUnaligned(fromByteOffset: offset, as: Int.self)
            let level = control.loadUnaligned(fromByteOffset: offset + 8, as: Int32.self)
            let type = control.loadUnaligned(fromByteOffset: offset + 12, as: Int32.self)
            guard length >= headerLength, offset + length <= control.count else { return 0 }
            if level == SOL_SOCKET, type == SCM_TIMESTAMPNS, length >= headerLength + 16 {
                let seconds = control.loadUnaligned(fromByteOffset: offset + headerLength, as: Int.self)
                let nanoseconds = control.loadUnaligned(fromByteOffset: offset + headerLength + 8, as: Int.self)
                return Int64(seconds) * 1_000_000_000 + Int64(nanoseconds)
            }
            offset += (length + 7) & ~7
        }
        return 0
    }
}
