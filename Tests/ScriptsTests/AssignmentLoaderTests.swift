// Tests/ScriptsTests/AssignmentLoaderTests.swift -- whole assignments.

import Foundation
import Testing
@testable import GraderScripts

/// The diagnostics of a load that must fail.
private func failures(_ result: Result<Assignment, ScriptErrors>) -> [ScriptDiagnostic] {
    guard case .failure(let errors) = result else { return [] }
    return errors.diagnostics
}

@Suite struct AssignmentLoaderTests {
    @Test func loadsPublicAndHiddenScriptsInDependencyOrder() throws {
        let folder = try TemporaryAssignment()
        try folder.writeRubric()
        try folder.writeScript("b_add", extra: "depends: [c_reserve]")
        try folder.writeScript("c_reserve")
        try folder.writeScript("a_stress", folder: "hidden", extra: "depends: [b_add]")
        let assignment = try folder.load().get()
        #expect(assignment.id == "01-set")
        #expect(assignment.scripts.map(\.name) == ["c_reserve", "b_add", "a_stress"])
        #expect(assignment.script(named: "a_stress")?.visibility == .hidden)
        #expect(assignment.maxPoints == 6)
        #expect(assignment.timeout(for: assignment.scripts[0]) == 10)
    }

    @Test func aScriptsOwnTimeoutWinsOverTheRubrics() throws {
        let folder = try TemporaryAssignment()
        try folder.writeRubric()
        try folder.writeScript("a", extra: "timeout: 2.5")
        let assignment = try folder.load().get()
        #expect(assignment.timeout(for: assignment.scripts[0]) == 2.5)
    }

    @Test func filesMustBeUTF8() throws {
        let folder = try TemporaryAssignment()
        try folder.writeRubric()
        try Data([0x74, 0x3A, 0xFF, 0xFE]).write(to: folder.folder.appendingPathComponent("tests/a.yaml"))
        #expect(failures(folder.load()).map(\.message) == ["the file is not UTF-8 text"])
    }

    @Test func publicOnlyLeavesHiddenScriptsOut() throws {
        let folder = try TemporaryAssignment()
        try folder.writeRubric()
        try folder.writeScript("a")
        try folder.writeScript("h", folder: "hidden")
        #expect(try folder.load(.publicOnly).get().scripts.map(\.name) == ["a"])
    }

    @Test func unknownDependencyIsReportedAtTheEntry() throws {
        let folder = try TemporaryAssignment()
        try folder.writeRubric()
        try folder.writeScript("a", extra: "depends: [zz]")
        let found = failures(folder.load())
        #expect(found.count == 1)
        #expect(found.first?.location.line == 4 && found.first?.location.column == 11)
        #expect(found.first?.message == "'depends' names 'zz', which is not a script of this assignment")
        #expect(found.first?.location.file.hasSuffix("01-set/tests/a.yaml") == true)
    }

    @Test func dependencyOnABrokenScriptIsNotAlsoUnknown() throws {
        let folder = try TemporaryAssignment()
        try folder.writeRubric()
        try folder.writeScript("a", extra: "depends: [b]")
        try folder.write("tests/b.yaml", "test: b\n")
        #expect(failures(folder.load()).map(\.message) == [
            "missing required key 'title' in a test script", "missing required key 'points' in a test script",
        ])
    }

    @Test func cyclesAreReportedOnce() throws {
        let folder = try TemporaryAssignment()
        try folder.writeRubric()
        try folder.writeScript("a", extra: "depends: [b]")
        try folder.writeScript("b", extra: "depends: [c]")
        try folder.writeScript("c", extra: "depends: [a]")
        try folder.writeScript("d", extra: "depends: [d]")
        try folder.writeScript("e", extra: "depends: [a]")
        let found = failures(folder.load())
        #expect(found.map(\.message) == ["dependency cycle: a -> b -> c -> a", "dependency cycle: d -> d"])
        #expect(found.map(\.location.line) == [4, 4])
        #expect(found[0].location.file.hasSuffix("tests/a.yaml"))
    }

    @Test func publicScriptsCannotDependOnHiddenOnes() throws {
        let folder = try TemporaryAssignment()
        try folder.writeRubric()
        try folder.writeScript("a", extra: "depends: [h]")
        try folder.writeScript("h", folder: "hidden")
        #expect(failures(folder.load()).map(\.message) == [
            "the public script 'a' cannot depend on the hidden script 'h'",
        ])
    }

    @Test func kernelTestsAreCheckedAgainstTheImage() throws {
        let folder = try TemporaryAssignment()
        try folder.writeRubric()
        try folder.writeScript("a", test: "set_add")
        try folder.writeScript("b", test: "set_gone")
        let found = failures(folder.load(kernelTests: ["set_add"]))
        #expect(found.count == 1)
        #expect(found.first?.message == "the kernel image has no test 'set_gone' (func test_set_gone)")
        #expect(found.first?.location.line == 1 && found.first?.location.column == 7)
        #expect((try? folder.load(kernelTests: ["set_add", "set_gone"]).get()) != nil)
    }

    @Test func hiddenVisibilityMismatchIsReported() throws {
        let folder = try TemporaryAssignment()
        try folder.writeRubric()
        try folder.writeScript("a", folder: "hidden", extra: "visibility: public")
        #expect(failures(folder.load()).first?.message.contains("the file is in the hidden/ folder") == true)
    }

    @Test func sameNameInBothFoldersIsRefused() throws {
        let folder = try TemporaryAssignment()
        try folder.writeRubric()
        try folder.writeScript("a")
        try folder.writeScript("a", folder: "hidden")
        let found = failures(folder.load())
        #expect(found.count == 1)
        #expect(found.first?.message.hasPrefix("a script named 'a' already exists") == true)
        #expect(found.first?.location.file.hasSuffix("hidden/a.yaml") == true)
    }

    @Test func misnamedAndMissingFilesAreErrors() throws {
        let folder = try TemporaryAssignment()
        try folder.write("tests/a.yml", "test: a\n")
        let found = failures(folder.load())
        #expect(found.map(\.message).sorted() == [
            "cannot read the file", "test scripts end in .yaml; rename this file",
            "the assignment has no test scripts (tests/*.yaml or hidden/*.yaml)",
        ])
    }

    @Test func everyErrorOfEveryFileIsCollected() throws {
        let folder = try TemporaryAssignment()
        try folder.write("rubric.yaml", "assignment: 01-set\ntitle: T\ntotal: 10\n")
        try folder.writeScript("a", points: 0)
        try folder.writeScript("b", extra: "depends: [nope]")
        try folder.write("hidden/c.yaml", "test: c\ntitle: C\npoints: 1\nnever: [{regex: \"[\"}]\n")
        let errors: ScriptErrors
        do {
            _ = try AssignmentLoader().load(folder: folder.folder)
            Issue.record("the load should fail")
            return
        } catch {
            errors = error
        }
        #expect(errors.diagnostics.count == 4)
        let files = errors.diagnostics.map { $0.location.file.split(separator: "/").suffix(2).joined(separator: "/") }
        #expect(files == ["hidden/c.yaml", "01-set/rubric.yaml", "tests/a.yaml", "tests/b.yaml"])  // sorted by path
        #expect(errors.description.split(separator: "\n").count == 4)
        #expect(errors.description.contains("tests/a.yaml:3:9: error: 'points' must be greater than 0"))
    }
}
