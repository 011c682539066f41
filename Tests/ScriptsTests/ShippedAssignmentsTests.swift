// Tests/ScriptsTests/ShippedAssignmentsTests.swift -- the kit's own scripts.
//
// Every assignment in the tree must load without a single error, hidden
// scripts included: a broken script found here costs a test run, found
// while grading it would cost a whole batch. (Kernel test names are
// checked by the grader against the built image, not here.)

import Foundation
import Testing
@testable import GraderScripts

/// `assignments/*` folders that have a rubric.
private func shippedAssignments() -> [URL] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("assignments")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
    return names.sorted().map { root.appendingPathComponent($0) }.filter {
        FileManager.default.fileExists(atPath: $0.appendingPathComponent("rubric.yaml").path)
    }
}

@Suite struct ShippedAssignmentsTests {
    /// A parameterised test with no argument passes without running: the
    /// lookup above must find the assignments the kit ships.
    @Test func theLookupFindsTheShippedAssignments() {
        let names = shippedAssignments().map(\.lastPathComponent)
        #expect(!names.isEmpty, "no assignments/*/rubric.yaml found from \(#filePath)")
        #expect(Set(names).isSuperset(of: ["00-spine", "01-set"]), "\(names)")
    }

    /// The 01-set rubric gives the public tests 70 of its 100 points: the
    /// public scripts' share, shown to a student as "70 / 70 public points".
    @Test func theSetRubricSplitsPublicAndHiddenPoints() throws {
        let folder = shippedAssignments().first { $0.lastPathComponent == "01-set" }
        let assignment = try AssignmentLoader().load(folder: try #require(folder), selection: .publicOnly)
        #expect(assignment.publicMaxScore == 70)
        #expect(assignment.hiddenMaxScore == 30)
        #expect(!assignment.includesHidden)
    }

    @Test(arguments: shippedAssignments())
    func loadsWithoutErrors(_ folder: URL) {
        do {
            let assignment = try AssignmentLoader().load(folder: folder, selection: .all)
            #expect(assignment.id == folder.lastPathComponent)
        } catch {
            Issue.record("\(error)")
        }
    }
}
