import NIOCore
import NIOPosix

/// The media port's UDP channel, and keeping it open: NIO closes a datagram channel on any send error
/// but EMSGSIZE and EHOSTUNREACH (e.g. EPERM from a firewall rule toward one member), which would stop
/// media for every member for good. The core binds the same address again, finds the failing
/// destination (``SendFailureGuard``) and carries on.
extension ServerCore {
    /// Binds the media port on `loop`, handing its datagrams to the core in `holder`.
    static func openMediaPort(host: String, port: Int, loop: any EventLoop, holder: CoreHolder) -> EventLoopFuture<any Channel> {
        DatagramBootstrap(group: loop)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            // Room for tens of milliseconds of input while the loop is busy or descheduled (the kernel's
            // default, ≈ 208 KiB, dropped input at 400 participants), and no more: under overload a deep
            // queue turns into seconds of delay (4 MiB did), which is worse for live audio than loss.
            .channelOption(.socketOption(.so_rcvbuf), value: ServerCore.receiveBufferBytes)
            .channelOption(.maxMessagesPerRead, value: 16)
            .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: 2048))
            .channelInitializer { channel in
                channel.pipeline.addHandler(MediaChannelHandler(holder: holder))
            }
            .bind(host: host, port: port)
    }

    /// When `channel` closes while the server is not shutting down, binds the media port again (every
    /// 100 ms until it succeeds); legs keep their addresses and keys, so media resumes at once. On the loop.
    func reopenWhenClosed(_ channel: any Channel, holder: CoreHolder) {
        channel.closeFuture.whenComplete { _ in
            guard !self.shuttingDown, self.mediaChannel === channel else { return }
            self.mediaChannel = nil
            self.sendFailures.portClosed(at: .now())
            self.metrics.mediaPortReopened.increment()
            self.logger.error("the media port closed on a send error; binding it again", metadata: ["port": "\(self.mediaPort)"])
            self.reopenMediaPort(holder: holder)
        }
    }

    /// Writes one datagram on the media port (flushed at once when `flush` is set). While the guard
    /// probes, it is flushed alone, and a failure pauses its destination (callers skip paused ones).
    func write(_ data: ByteBuffer, to address: SocketAddress, on channel: any Channel, flush: Bool, now: NIODeadline) {
        let envelope = AddressedEnvelope(remoteAddress: address, data: data)
        guard sendFailures.isProbing(at: now) else {
            if flush { channel.writeAndFlush(envelope, promise: nil) } else { channel.write(envelope, promise: nil) }
            return
        }
        let promise = loop.makePromise(of: Void.self)
        promise.futureResult.whenFailure { error in
            // Writes after the close fail with a ChannelError; the one that caused it with the IOError.
            guard error is IOError, self.sendFailures.sendFailed(to: address, on: ObjectIdentifier(channel), at: .now()) else { return }
            self.metrics.mediaSendsPaused.increment()
            self.logger.warning(
                "sends to a member fail; pausing them",
                metadata: ["address": "\(address)", "error": "\(error)", "pause": "\(SendFailureGuard.pauseInterval)"])
        }
        channel.writeAndFlush(envelope, promise: promise)
    }

    private func reopenMediaPort(holder: CoreHolder) {
        Self.openMediaPort(host: configuration.host, port: mediaPort, loop: loop, holder: holder).whenComplete { result in
            switch result {
            case .success(let channel):
                guard !self.shuttingDown else {
                    channel.close(promise: nil)
                    return
                }
                self.mediaChannel = channel
                self.logger.info("media port open again", metadata: ["port": "\(self.mediaPort)"])
                self.reopenWhenClosed(channel, holder: holder)
            case .failure(let error):
                self.logger.error("binding the media port again failed: \(error); retrying")
                self.loop.scheduleTask(in: .milliseconds(100)) { self.reopenMediaPort(holder: holder) }
            }
        }
    }
}
