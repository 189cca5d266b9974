import Testing
@testable import RTCAudio
@Test func smoke() { #expect(true) }
