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
