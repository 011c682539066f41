// Tests/StripperTests/CurriculumTests.swift -- one list of assignments, everywhere.

import Testing
@testable import StripperKit

@Suite struct CurriculumTests {
    @Test func positionsFollowTheCourse() throws {
        #expect(Curriculum.course.assignments.count == 6)
        #expect(Curriculum.course.position(of: "04-task") == 3)
        #expect(Curriculum.course.position(of: "00-spine") == nil)
        #expect(throws: StripperError.self) { try Curriculum.course.require("4") }
    }

    /// `make assignment-N` picks the N-th name of mk/student.mk: it must
    /// be the N-th assignment the stripper knows.
    @Test func makeListsTheSameAssignments() throws {
        let makefile = try FileTree(root: kitRoot).read("mk/student.mk")
        let line = try #require(makefile.split(separator: "\n").first { $0.hasPrefix("STUDENT_ASSIGNMENTS :=") })
        let names = line.split(separator: " ").dropFirst(2).map(String.init)
        #expect(names == Curriculum.course.assignments)
    }
}
