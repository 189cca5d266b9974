import Foundation

/// Turns one WebSocket text frame into a typed message and back (protocol.md §1).
///
/// Decoding is bounded (`limit` bytes, checked before parsing), ignores unknown fields and tells apart
/// the ways a frame can be bad, so that the server can answer each with its code and count it.
public enum SignalingCodec {
    /// The protocol's frame limit: 64 KiB.
    public static let maxFrameBytes = 64 * 1024

    /// Decodes a text frame as a message of `Message`'s direction (`ClientMessage` or `ServerMessage`).
    public static func decode<Message: SignalingMessage>(
        _ frame: String, as messageType: Message.Type, limit: Int = maxFrameBytes
    ) throws(SignalingError) -> SignalingEnvelope<Message> {
        let size = frame.utf8.count
        guard size <= limit else { throw .frameTooLarge(size: size, limit: limit) }
        return try decodeJSON(Data(frame.utf8), as: messageType)
    }

    /// Decodes a text frame's UTF-8 bytes as a message of `Message`'s direction.
    public static func decode<Message: SignalingMessage>(
        _ frame: Data, as messageType: Message.Type, limit: Int = maxFrameBytes
    ) throws(SignalingError) -> SignalingEnvelope<Message> {
        guard frame.count <= limit else { throw .frameTooLarge(size: frame.count, limit: limit) }
        // RFC 8259 §8.1: JSON text is UTF-8. Checked up front because JSONDecoder converts strings lazily.
        guard String(validating: frame, as: UTF8.self) != nil else { throw .frameNotJSON(reason: "not UTF-8") }
        return try decodeJSON(frame, as: messageType)
    }

    /// Encodes a frame as one JSON object: `type`, `requestId` when set, and the message's fields.
    public static func encode<Message: SignalingMessage>(_ envelope: SignalingEnvelope<Message>)
        throws(SignalingError) -> String
    {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(OutgoingFrame(envelope: envelope)), as: UTF8.self)
        } catch {
            throw .malformed(what: "outgoing \(envelope.message.type) message", reason: "\(error)")
        }
    }

    /// Encodes `message` with an optional `requestId`.
    public static func encode<Message: SignalingMessage>(_ message: Message, requestId: Int? = nil)
        throws(SignalingError) -> String
    {
        try encode(SignalingEnvelope(message, requestId: requestId))
    }

    private static func decodeJSON<Message: SignalingMessage>(_ data: Data, as: Message.Type)
        throws(SignalingError) -> SignalingEnvelope<Message>
    {
        do {
            return try JSONDecoder().decode(IncomingFrame<Message>.self, from: data).envelope
        } catch let error as SignalingError {
            throw error
        } catch {
            throw .frameNotJSON(reason: (error as? DecodingError).map(describe) ?? "\(error)")
        }
    }

    /// A decoding error as "where: what", e.g. `missing "ice.pwd"`.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { key in key.intValue.map { "[\($0)]" } ?? key.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing \"\(path(context.codingPath + [key]))\""
        case .typeMismatch(let type, let context):
            return "\"\(path(context.codingPath))\" is not \(type)"
        case .valueNotFound(let type, let context):
            return "\"\(path(context.codingPath))\" is null, expected \(type)"
        case .dataCorrupted(let context):
            let location = context.codingPath.isEmpty ? "" : "\"\(path(context.codingPath))\": "
            return location + context.debugDescription
        @unknown default: return "\(error)"
        }
    }
}

/// The frame keys every message shares.
private enum EnvelopeKey: String, CodingKey {
    case type, requestId
}

/// Decodes the envelope, then the message its `type` names, classifying each failure.
private struct IncomingFrame<Message: SignalingMessage>: Decodable {
    let envelope: SignalingEnvelope<Message>

    init(from decoder: any Decoder) throws {
        let fields: KeyedDecodingContainer<EnvelopeKey>
        do {
            fields = try decoder.container(keyedBy: EnvelopeKey.self)
        } catch {
            throw SignalingError.frameNotObject
        }
        let type = try? fields.decodeIfPresent(String.self, forKey: .type)
        let requestId: Int?
        do {
            requestId = try fields.decodeIfPresent(Int.self, forKey: .requestId)
        } catch {
            throw SignalingError.invalidMessage(
                type: type ?? "", requestId: nil, reason: "\"requestId\" is not an integer")
        }
        guard let type else { throw SignalingError.frameWithoutType(requestId: requestId) }
        let message: Message?
        do {
            message = try Message(type: type, from: decoder)
        } catch let error as DecodingError {
            throw SignalingError.invalidMessage(
                type: type, requestId: requestId, reason: SignalingCodec.describe(error))
        } catch {
            // JSONDecoder converts numbers lazily and reports a number that does not fit without its path.
            throw SignalingError.invalidMessage(
                type: type, requestId: requestId, reason: "a value does not fit its field: \(error)")
        }
        guard let message else { throw SignalingError.unknownMessageType(type, requestId: requestId) }
        envelope = SignalingEnvelope(message, requestId: requestId)
    }
}

/// Encodes `type` and `requestId`, then the message's fields into the same JSON object.
private struct OutgoingFrame<Message: SignalingMessage>: Encodable {
    let envelope: SignalingEnvelope<Message>

    func encode(to encoder: any Encoder) throws {
        var fields = encoder.container(keyedBy: EnvelopeKey.self)
        try fields.encode(envelope.message.type, forKey: .type)
        try fields.encodeIfPresent(envelope.requestId, forKey: .requestId)
        try envelope.message.encodeFields(to: encoder)
    }
}
