import Glibc

/// A blocking IPv4 UDP socket with poll-based timeouts, for tests, tools and simple clients; closed in deinit.
///
/// Every call is a single system call on an immutable descriptor, so one socket may be used from several threads.
public final class UDPSocket: Sendable {
    /// The kernel's descriptor.
    public let fileDescriptor: Int32
    /// The bound address, with the port the kernel chose when 0 was asked for.
    public let localAddress: UDPAddress

    /// Opens a socket bound to `address` (port 0 picks a free port).
    public init(bindingTo address: UDPAddress) throws {
        let descriptor = socket(AF_INET, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw TransportError.socketFailure(operation: "socket", errno: errno) }
        var bound = address.socketAddress
        let bindResult = withUnsafePointer(to: &bound) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bindResult == 0 else {
            let error = errno
            close(descriptor)
            throw TransportError.socketFailure(operation: "bind \(address)", errno: error)
        }
        var local = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let nameResult = withUnsafeMutablePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard nameResult == 0 else {
            let error = errno
            close(descriptor)
            throw TransportError.socketFailure(operation: "getsockname", errno: error)
        }
        fileDescriptor = descriptor
        localAddress = UDPAddress(socketAddress: local)
    }

    deinit {
        close(fileDescriptor)
    }

    /// Sends one datagram.
    public func send(_ datagram: UnsafeRawBufferPointer, to address: UDPAddress) throws {
        var destination = address.socketAddress
        let sent = withUnsafePointer(to: &destination) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                sendto(fileDescriptor, datagram.baseAddress, datagram.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard sent == datagram.count else {
            throw TransportError.socketFailure(operation: "sendto \(address)", errno: sent < 0 ? errno : EMSGSIZE)
        }
    }

    /// Sends one datagram.
    public func send(_ datagram: [UInt8], to address: UDPAddress) throws {
        try datagram.withUnsafeBytes { try send($0, to: address) }
    }

    /// Waits up to `timeout` for a datagram and reads it into `buffer`; nil when none arrived in time.
    /// A datagram larger than `buffer` is consumed and reported as `bufferTooSmall`.
    public func receive(
        into buffer: UnsafeMutableRawBufferPointer, timeout: Duration
    ) throws -> (length: Int, from: UDPAddress)? {
        guard try waitUntilReadable(timeout: timeout) else { return nil }
        var source = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let received = withUnsafeMutablePointer(to: &source) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                recvfrom(fileDescriptor, buffer.baseAddress, buffer.count, Int32(MSG_DONTWAIT | MSG_TRUNC), $0, &length)
            }
        }
        if received < 0 {
            if errno == EAGAIN || errno == EINTR { return nil }
            throw TransportError.socketFailure(operation: "recvfrom", errno: errno)
        }
        guard received <= buffer.count else { throw TransportError.bufferTooSmall(needed: received, capacity: buffer.count) }
        return (received, UDPAddress(socketAddress: source))
    }

    /// Waits up to `timeout` for a datagram of at most `maximumLength` bytes; nil when none arrived in time.
    public func receive(maximumLength: Int = 2048, timeout: Duration) throws -> (datagram: [UInt8], from: UDPAddress)? {
        var datagram = [UInt8](repeating: 0, count: maximumLength)
        guard let (length, source) = try datagram.withUnsafeMutableBytes({ try receive(into: $0, timeout: timeout) })
        else { return nil }
        datagram.removeLast(maximumLength - length)
        return (datagram, source)
    }

    /// Waits up to `timeout` until a datagram can be read; false on timeout.
    public func waitUntilReadable(timeout: Duration) throws -> Bool {
        try Self.readable([self], timeout: timeout).contains(0)
    }

    /// Waits up to `timeout` until any of `sockets` can be read and returns the indices of those that can.
    public static func readable(_ sockets: [UDPSocket], timeout: Duration) throws -> [Int] {
        var descriptors = sockets.map { pollfd(fd: $0.fileDescriptor, events: Int16(POLLIN), revents: 0) }
        let (seconds, attoseconds) = max(timeout, .zero).components
        let milliseconds =
            seconds >= Int64(Int32.max / 1000)
            ? Int32.max : Int32(seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
        let ready = poll(&descriptors, nfds_t(descriptors.count), milliseconds)
        if ready < 0 {
            if errno == EINTR { return [] }
            throw TransportError.socketFailure(operation: "poll", errno: errno)
        }
        return descriptors.indices.filter { descriptors[$0].revents & Int16(POLLIN | POLLERR) != 0 }
    }
}
