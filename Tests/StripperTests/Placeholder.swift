import Testing
@Test func StripperTestsPlaceholder() { #expect(Bool(true)) }
