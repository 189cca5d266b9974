import Testing

@testable import RTCTransport

@Suite struct STUNMessageTests {
    let password = Array("server-password-123456".utf8)

    @Test func messageTypesHaveTheirRFCValues() {
        #expect(STUNMessageType.bindingRequest.rawValue == 0x0001)
        #expect(STUNMessageType.bindingIndication.rawValue == 0x0011)
        #expect(STUNMessageType.bindingSuccessResponse.rawValue == 0x0101)
        #expect(STUNMessageType.bindingErrorResponse.rawValue == 0x0111)
        #expect(STUNMessageType(rawValue: 0x4001) == nil)
        #expect(STUNMethod(rawValue: 0x1000) == nil)
    }

    @Test func bindingRequestRoundTripsWithIntegrityAndFingerprint() throws {
        let id = try STUNTransactionID.random()
        let request = STUNMessage.bindingRequest(
            transactionID: id, username: "srvU:cliU", priority: 0x6E00_01FF,
            role: .controlling(tieBreaker: 0x0102_0304_0506_0708), useCandidate: true)
        let bytes = try request.encoded(integrityKey: password, fingerprint: true)
        #expect(bytes.count == 20 + (4 + 12) + 8 + 12 + 4 + 24 + 8)
        #expect(Int(bytes[2]) << 8 | Int(bytes[3]) == bytes.count - 20)

        let decoded = try STUNMessage(decoding: bytes)
        #expect(decoded.type == .bindingRequest)
        #expect(decoded.transactionID == id)
        #expect(decoded.username == "srvU:cliU")
        #expect(decoded.priority == 0x6E00_01FF)
        #expect(decoded.iceRole == .controlling(tieBreaker: 0x0102_0304_0506_0708))
        #expect(decoded.useCandidate)
        #expect(decoded.verifyIntegrity(key: password))
        #expect(!decoded.verifyIntegrity(key: Array("server-password-123457".utf8)))
        #expect(decoded.verifyFingerprint())
        #expect(decoded.attributes.last?.type == .fingerprint)
    }

    @Test func successResponseCarriesTheMappedAddress() throws {
        let id = try STUNTransactionID.random()
        for host in ["203.0.113.7", "2001:db8::42"] {
            let address = try #require(TransportAddress(host: host, port: 50_000))
            let bytes = try STUNMessage.bindingSuccessResponse(transactionID: id, mappedAddress: address)
                .encoded(integrityKey: password, fingerprint: true)
            let decoded = try STUNMessage(decoding: bytes)
            #expect(decoded.type == .bindingSuccessResponse)
            #expect(decoded.xorMappedAddress == address)
            #expect(decoded.verifyIntegrity(key: password) && decoded.verifyFingerprint())
        }
    }

    @Test func errorResponseCarriesCodeAndReason() throws {
        let id = try STUNTransactionID.random()
        let bytes = try STUNMessage.bindingErrorResponse(transactionID: id, error: .roleConflict).encoded(fingerprint: true)
        let decoded = try STUNMessage(decoding: bytes)
        #expect(decoded.type == .bindingErrorResponse)
        #expect(decoded.errorCode == STUNErrorCode(code: 487, reason: "Role Conflict"))
        #expect(Array(bytes[24..<28]) == [0, 0, 4, 87])
        #expect(!decoded.hasMessageIntegrity && decoded.verifyFingerprint())
    }

    @Test func errorCodeOutsideTheRangeIsRefusedWhenEncoding() throws {
        let message = STUNMessage.bindingErrorResponse(transactionID: try .random(), error: STUNErrorCode(code: 700, reason: ""))
        #expect(throws: TransportError.invalidValue(what: "STUN ERROR-CODE", value: 700)) { try message.encoded() }
    }

    @Test func unknownAttributesAreKeptWithTheirPadding() throws {
        let id = try STUNTransactionID.random()
        let unknown = STUNAttribute.other(type: STUNAttributeType(rawValue: 0x0003), value: [1, 2, 3, 4, 5])
        let message = STUNMessage(type: .bindingRequest, transactionID: id, attributes: [unknown, .priority(7)])
        let bytes = try message.encoded()
        #expect(bytes.count == 20 + 4 + 8 + 4 + 4)
        #expect(Array(bytes[29..<32]) == [0, 0, 0])
        let decoded = try STUNMessage(decoding: bytes)
        #expect(decoded == message)
        #expect(decoded.priority == 7)
        #expect(decoded.unknownComprehensionRequiredTypes == [STUNAttributeType(rawValue: 0x0003)])
    }

    @Test func attributesAfterMessageIntegrityAreIgnoredButFingerprintIsRead() throws {
        var bytes = try STUNMessage(type: .bindingRequest, transactionID: try .random(), attributes: [.username("a:b")])
            .encoded(integrityKey: password)
        bytes += [0x00, 0x24, 0x00, 0x04, 0, 0, 0, 9]
        bytes[3] += 8
        let decoded = try STUNMessage(decoding: bytes)
        #expect(decoded.priority == nil)
        #expect(decoded.attributes.map(\.type) == [.username, .messageIntegrity])
        #expect(decoded.verifyIntegrity(key: password))
    }

    @Test func anAttributeAfterFingerprintIsRefused() throws {
        var bytes = try STUNMessage(type: .bindingRequest, transactionID: try .random()).encoded(fingerprint: true)
        bytes += [0x00, 0x25, 0x00, 0x00]
        bytes[3] += 4
        #expect(throws: TransportError.self) { try STUNMessage(decoding: bytes) }
    }

    @Test func builtMessagesDoNotClaimVerification() throws {
        let message = STUNMessage(type: .bindingRequest, transactionID: try .random(), attributes: [.messageIntegrity(Array(repeating: 0, count: 20))])
        #expect(!message.verifyIntegrity(key: []))
        #expect(!message.verifyFingerprint())
    }

    @Test func decodingFromARawBufferMatchesDecodingFromAnArray() throws {
        let decoded = try PacketFixtures.rfc5769Request.withUnsafeBytes { try STUNMessage(decoding: $0) }
        #expect(decoded == (try STUNMessage(decoding: PacketFixtures.rfc5769Request)))
        #expect(decoded.verifyIntegrity(key: PacketFixtures.rfc5769Password))
    }

    @Test func transactionIDsAreRandomAndTwelveBytes() throws {
        let first = try STUNTransactionID.random()
        let second = try STUNTransactionID.random()
        #expect(first != second)
        #expect(first.bytes.count == 12)
        #expect(STUNTransactionID(bytes: first.bytes) == first)
        #expect(STUNTransactionID(bytes: [1, 2, 3]) == nil)
        #expect(STUNTransactionID(bytes: Array(0..<12))?.description == "000102030405060708090a0b")
    }
}
