import NIOCore

/// Hands every datagram of the media port to the server core, on the core's own loop.
final class MediaChannelHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let holder: CoreHolder

    init(holder: CoreHolder) {
        self.holder = holder
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        holder.core?.receive(datagram: unwrapInboundIn(data))
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        holder.core?.flushMedia()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // ICMP port unreachable and the like surface here; a UDP server keeps serving.
    }
}
