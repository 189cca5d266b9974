import Testing
@testable import RTCSignaling
@Test func smoke() { #expect(true) }
