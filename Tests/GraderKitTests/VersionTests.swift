import Testing
@testable import GraderKit

@Test func versionIsSemantic() {
    #expect(graderVersion.split(separator: ".").count == 3)
}
