import Foundation
import Testing

@testable import RTCSignaling

/// The JSON object a frame encodes to.
private func object(_ frame: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(frame.utf8)) as? [String: Any])
}

private func decodeClient(_ frame: String) throws(SignalingError) -> SignalingEnvelope<ClientMessage> {
    try SignalingCodec.decode(frame, as: ClientMessage.self)
}

@Suite struct SignalingCodecTests {
    @Test(arguments: MessageFixtures.clientMessages)
    func clientMessageRoundTrips(_ message: ClientMessage) throws {
        let frame = try SignalingCodec.encode(message, requestId: 17)
        #expect(try object(frame)["type"] as? String == message.type)
        #expect(try SignalingCodec.decode(frame, as: ClientMessage.self) == SignalingEnvelope(message, requestId: 17))
    }

    @Test(arguments: MessageFixtures.serverMessages)
    func serverMessageRoundTrips(_ message: ServerMessage) throws {
        let frame = try SignalingCodec.encode(message)
        #expect(try object(frame)["requestId"] == nil)
        #expect(try SignalingCodec.decode(frame, as: ServerMessage.self) == SignalingEnvelope(message))
        let answered = try SignalingCodec.encode(message, requestId: 3)
        #expect(try SignalingCodec.decode(Data(answered.utf8), as: ServerMessage.self).requestId == 3)
    }

    @Test func joinUsesTheProtocolsFieldNames() throws {
        let fields = try object(try SignalingCodec.encode(ClientMessage.join(MessageFixtures.join), requestId: 1))
        #expect(
            Set(fields.keys) == [
                "type", "requestId", "sdkAppId", "userId", "userSig", "roomId", "role", "scene", "ice", "dtls", "client",
            ])
        #expect(fields["type"] as? String == "join")
        #expect(fields["roomId"] as? Int == 123)
        #expect(fields["role"] as? String == "anchor")
        #expect(fields["scene"] as? String == "voiceChatRoom")
        #expect((fields["ice"] as? [String: String]) == ["ufrag": "cUfr", "pwd": "clientPasswordOf22chars"])
        #expect((fields["dtls"] as? [String: String]) == ["fingerprint": "sha-256 AB:CD:EF:01", "setup": "active"])
        #expect((fields["client"] as? [String: String]) == ["sdk": "RTCEngine", "version": "0.1.0"])
    }

    @Test func stringRoomJoinSendsStrRoomIdOnly() throws {
        guard case .join(let join) = MessageFixtures.clientMessages[1] else { Issue.record("fixture"); return }
        let fields = try object(try SignalingCodec.encode(ClientMessage.join(join)))
        #expect(fields["roomId"] == nil)
        #expect(fields["strRoomId"] as? String == "room #1")
        #expect(fields["resume"] as? String == "session-1")
    }

    @Test func decodesTheProtocolDocumentsJoin() throws {
        let frame = """
            {"type":"join","requestId":1,"sdkAppId":1400000001,"userId":"u_1","userSig":"eJy",
             "strRoomId":"lobby","role":"audience","scene":"liveStreaming",
             "ice":{"ufrag":"a","pwd":"b"},"dtls":{"fingerprint":"sha-256 AB:CD","setup":"active"},
             "client":{"sdk":"web","version":"5"},"resume":"sess-9","futureField":{"x":[1,2]}}
            """
        let envelope = try decodeClient(frame)
        #expect(envelope.requestId == 1)
        guard case .join(let join) = envelope.message else {
            Issue.record("not a join: \(envelope.message)")
            return
        }
        #expect(join.sdkAppId == 1_400_000_001)
        #expect(join.roomId == 0)
        #expect(join.strRoomId == "lobby")
        #expect(join.role == .audience)
        #expect(join.scene == .liveStreaming)
        #expect(join.resume == "sess-9")
        #expect(try join.parameters().room == .string("lobby"))
    }

    @Test func decodesTheProtocolDocumentsPublishAndCustomCmd() throws {
        let publish = try decodeClient(
            #"{"type":"publish","requestId":2,"tracks":[{"kind":"audio","ssrc":4294967295,"#
                + #""codec":{"name":"opus","payloadType":111,"clockRate":48000,"channels":2}}]}"#)
        #expect(
            publish.message
                == .publish(PublishRequest(tracks: [TrackDescription(kind: .audio, ssrc: .max, codec: .opus)])))
        let cmd = try decodeClient(
            #"{"type":"customCmd","requestId":3,"cmdId":10,"seq":1,"reliable":false,"ordered":false,"data":"aGVsbG8="}"#)
        #expect(
            cmd.message
                == .customCmd(CustomCmdRequest(cmdId: 10, seq: 1, reliable: false, ordered: false, data: Data("hello".utf8))))
        #expect(try decodeClient(#"{"type":"leave"}"#) == SignalingEnvelope(.leave))
    }

    @Test func decodesServerEventsAsDocumented() throws {
        let left = try SignalingCodec.decode(#"{"type":"userLeft","userId":"a","reason":1}"#, as: ServerMessage.self)
        #expect(left.message == .userLeft(UserLeft(userId: "a", reason: .timeout)))
        let kicked = try SignalingCodec.decode(#"{"type":"kicked","reason":"room-disband","code":0}"#, as: ServerMessage.self)
        #expect(kicked.message == .kicked(Kicked(reason: .roomDisband, code: 0)))
        let ok = try SignalingCodec.decode(#"{"type":"switchRole.ok","requestId":8}"#, as: ServerMessage.self)
        #expect(ok == SignalingEnvelope(.ok(.switchRole), requestId: 8))
        let error = try SignalingCodec.decode(
            #"{"type":"error","requestId":4,"code":-100018,"message":"expired"}"#, as: ServerMessage.self)
        #expect(error == SignalingEnvelope(.error(ErrorReply(code: .userSigCheckFailed, message: "expired")), requestId: 4))
        let unknownCode = try SignalingCodec.decode(#"{"type":"error","code":-77,"message":"?"}"#, as: ServerMessage.self)
        #expect(unknownCode.message == .error(ErrorReply(code: SignalingErrorCode(rawValue: -77), message: "?")))
    }

    @Test func joinOKWithoutResumedIsNotResumed() throws {
        var fields = try object(try SignalingCodec.encode(ServerMessage.joinOK(MessageFixtures.joinAnswer)))
        fields["resumed"] = nil
        let frame = String(decoding: try JSONSerialization.data(withJSONObject: fields), as: UTF8.self)
        guard case .joinOK(let answer) = try SignalingCodec.decode(frame, as: ServerMessage.self).message else {
            Issue.record("not join.ok")
            return
        }
        #expect(answer.resumed == false)
        #expect(answer.server.candidates == [Candidate(ip: "127.0.0.1", port: 7882, protocol: "udp")])
    }

    @Test func rejectsFramesOverTheLimitBeforeParsing() throws {
        let padding = String(repeating: "x", count: SignalingCodec.maxFrameBytes)
        let frame = #"{"type":"ping","ts":1,"pad":""# + padding + #""}"#
        #expect(throws: SignalingError.frameTooLarge(size: frame.utf8.count, limit: SignalingCodec.maxFrameBytes)) {
            try decodeClient(frame)
        }
        #expect(SignalingError.frameTooLarge(size: 1, limit: 0).code == .messageTooLarge)
        // A frame of exactly the limit is parsed.
        let exact = #"{"type":"ping","ts":1,"pad":""# + String(repeating: "x", count: SignalingCodec.maxFrameBytes - 31) + #""}"#
        #expect(exact.utf8.count == SignalingCodec.maxFrameBytes)
        #expect(try decodeClient(exact).message == .ping(Ping(ts: 1)))
        #expect(throws: SignalingError.frameTooLarge(size: 20, limit: 10)) {
            try SignalingCodec.decode(Data(repeating: 0x20, count: 20), as: ServerMessage.self, limit: 10)
        }
    }

    @Test(arguments: ["", "hello", "{", #"{"type":"ping""#, "{'type':'ping'}", "\u{FEFF}x"])
    func rejectsNonJSON(_ frame: String) {
        #expect {
            try decodeClient(frame)
        } throws: { error in
            guard case .frameNotJSON = error as? SignalingError else { return false }
            return (error as? SignalingError)?.code == .malformedMessage
        }
    }

    @Test func rejectsInvalidUTF8AsNonJSON() {
        #expect {
            try SignalingCodec.decode(Data([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D]), as: ClientMessage.self)
        } throws: { error in
            if case .frameNotJSON = error as? SignalingError { true } else { false }
        }
    }

    @Test(arguments: ["[]", "[1,2]", "42", "\"ping\"", "null", "true"])
    func rejectsNonObjects(_ frame: String) {
        #expect(throws: SignalingError.frameNotObject) { try decodeClient(frame) }
    }

    @Test func rejectsFramesWithoutAType() {
        #expect(throws: SignalingError.frameWithoutType(requestId: 5)) { try decodeClient(#"{"requestId":5}"#) }
        #expect(throws: SignalingError.frameWithoutType(requestId: nil)) { try decodeClient(#"{"type":7}"#) }
    }

    @Test func unknownTypesKeepTheirRequestId() {
        let error = SignalingError.unknownMessageType("teleport", requestId: 9)
        #expect(throws: error) { try decodeClient(#"{"type":"teleport","requestId":9}"#) }
        #expect(error.code == .malformedMessage)
        #expect(error.requestId == 9)
        // Each direction knows only its own types.
        #expect(throws: SignalingError.unknownMessageType("join.ok", requestId: nil)) {
            try decodeClient(#"{"type":"join.ok"}"#)
        }
        #expect(throws: SignalingError.unknownMessageType("ping.ok", requestId: nil)) {
            try SignalingCodec.decode(#"{"type":"ping.ok"}"#, as: ServerMessage.self)
        }
        #expect(throws: SignalingError.unknownMessageType("publish", requestId: nil)) {
            try SignalingCodec.decode(#"{"type":"publish"}"#, as: ServerMessage.self)
        }
    }

    @Test(arguments: [
        (#"{"type":"mute","requestId":4,"kind":"audio"}"#, #"missing "muted""#),
        (#"{"type":"mute","requestId":4,"kind":"smell","muted":true}"#, "kind"),
        (#"{"type":"publish","requestId":4,"tracks":[{"kind":"audio","ssrc":-1,"codec":{}}]}"#, "-1"),
        (#"{"type":"customCmd","requestId":4,"cmdId":1,"seq":1,"reliable":true,"ordered":true,"data":"%%%"}"#, "data"),
        (#"{"type":"join","requestId":4,"sdkAppId":"1400000000","role":"anchor"}"#, "sdkAppId"),
        (#"{"type":"join","requestId":4,"sdkAppId":1,"userId":"a","userSig":"s","roomId":1,"role":"anchor"}"#, "scene"),
        (#"{"type":"join","requestId":4,"roomId":4294967296}"#, "4294967296"),
        (#"{"type":"ping","requestId":4,"ts":1.5}"#, "1.5"),
        (#"{"type":"ping","requestId":4,"ts":null}"#, "ts"),
    ])
    func rejectsMessagesWithBadFieldsSayingWhich(frame: String, field: String) {
        #expect {
            try decodeClient(frame)
        } throws: { error in
            guard case .invalidMessage(_, let requestId, let reason) = error as? SignalingError else { return false }
            return requestId == 4 && reason.contains(field)
        }
    }

    @Test func rejectsANonIntegerRequestId() {
        #expect {
            try decodeClient(#"{"type":"ping","requestId":"x","ts":1}"#)
        } throws: { error in
            if case .invalidMessage("ping", nil, _) = error as? SignalingError { true } else { false }
        }
    }

    @Test func joinWithMissingTRTCParametersDecodesForValidation() throws {
        let frame = """
            {"type":"join","requestId":1,"role":"anchor","scene":"videoCall","ice":{"ufrag":"a","pwd":"b"},
             "dtls":{"fingerprint":"f","setup":"active"},"client":{"sdk":"s","version":"1"}}
            """
        guard case .join(let join) = try decodeClient(frame).message else {
            Issue.record("not a join")
            return
        }
        #expect(throws: SignalingError.invalidParameter(.roomParamNull, reason: "enter-room parameters are empty")) {
            try join.parameters()
        }
    }

    @Test func deepNestingIsRejectedWithoutCrashing() {
        let depth = 30_000
        let frame = #"{"type":"ping","ts":1,"x":"# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
        #expect(frame.utf8.count <= SignalingCodec.maxFrameBytes)
        #expect(throws: SignalingError.self) { try decodeClient(frame) }
    }

    @Test func mutatedFramesNeverCrash() throws {
        var generator = SeededGenerator(seed: 0x5EED)
        let frames = try MessageFixtures.clientMessages.map { try Array(SignalingCodec.encode($0, requestId: 1).utf8) }
        for round in 0..<3000 {
            var bytes = frames[round % frames.count]
            for _ in 0..<(1 + round % 4) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                switch round % 3 {
                case 0: bytes[index] = UInt8.random(in: 0...255, using: &generator)
                case 1: bytes.remove(at: index)
                default: bytes.insert(UInt8.random(in: 0x20...0x7E, using: &generator), at: index)
                }
            }
            do {
                _ = try SignalingCodec.decode(Data(bytes), as: ClientMessage.self)
            } catch {
                #expect(error.code == .malformedMessage)
            }
        }
    }

    @Test func errorReplyCarriesTheFailuresCodeAndText() {
        let reply = ErrorReply(SignalingError.unknownMessageType("x", requestId: 1))
        #expect(reply.code == .malformedMessage)
        #expect(reply.message == #"unknown message type "x""#)
    }
}
