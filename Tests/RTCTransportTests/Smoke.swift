import Testing
@testable import RTCTransport
@Test func smoke() { #expect(true) }
