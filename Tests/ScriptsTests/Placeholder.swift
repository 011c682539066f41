import Testing
@Test func ScriptsTestsPlaceholder() { #expect(Bool(true)) }
