// Tests/ScriptsTests/RubricTests.swift -- rubric.yaml.

import Testing
@testable import GraderScripts

private func rubricDiagnostics(_ yaml: String, folder: String = "01-set") -> [ScriptDiagnostic] {
    var log = DiagnosticLog()
    _ = RubricParser.parse(yaml, file: "rubric.yaml", folderName: folder, log: &log)
    return log.diagnostics
}

@Suite struct RubricTests {
    @Test func theDocumentedExampleParses() throws {
        var log = DiagnosticLog()
        let rubric = try #require(RubricParser.parse("""
            assignment: 01-set
            title: The set manager
            chapter: docs/book/02-set.md
            total: 100                   # the score is scaled to this
            weight: 1.5
            default_timeout: 12
            student_files:
              - set/**
            """, file: "rubric.yaml", folderName: "01-set", log: &log))
        #expect(log.isEmpty)
        #expect(rubric == Rubric(assignment: "01-set", title: "The set manager", chapter: "docs/book/02-set.md",
                                 total: 100, weight: 1.5, defaultTimeout: 12, studentFiles: ["set/**"]))
    }

    @Test func publicPointsParseAndAreCheckedAgainstTheTotal() throws {
        var log = DiagnosticLog()
        let rubric = try #require(RubricParser.parse("assignment: 01-set\ntitle: T\ntotal: 100\npublic_points: 70\nstudent_files: []\n",
                                                     file: "rubric.yaml", folderName: "01-set", log: &log))
        #expect(log.isEmpty && rubric.publicPoints == 70)
        let found = rubricDiagnostics("assignment: 01-set\ntitle: T\ntotal: 50\npublic_points: 70\nstudent_files: []\n")
        #expect(found.map(\.location.line) == [4])
        #expect(found.first?.message.contains("'public_points' is 70 but the total is only 50") == true)
    }

    @Test func weightAndTimeoutHaveDefaults() throws {
        var log = DiagnosticLog()
        let rubric = try #require(RubricParser.parse("assignment: 01-set\ntitle: T\ntotal: 20\nstudent_files: []\n",
                                                     file: "rubric.yaml", folderName: "01-set", log: &log))
        #expect(rubric.weight == 1 && rubric.defaultTimeout == 10 && rubric.chapter == nil)
    }

    @Test func errorsCarryTheirLines() {
        let found = rubricDiagnostics("""
            assignment: 02-segment
            title: T
            total: 0
            weight: -1
            default_timeout: fast
            student_files: set/**
            colour: blue
            """)
        #expect(found.map(\.location.line) == [7, 1, 3, 4, 5, 6])
        #expect(found[0].message.hasPrefix("unknown key 'colour' in a rubric; expected one of 'assignment'"))
        #expect(found[1].message.contains("'assignment' is \"02-segment\" but the rubric is in the folder \"01-set\""))
        #expect(found[2].message.contains("'total' must be greater than 0"))
        #expect(found[3].message.contains("'weight' must be at least 0, found -1"))
        #expect(found[4].message.contains("'default_timeout' must be a number"))
        #expect(found[5].message.contains("'student_files' must be a list"))
    }

    @Test func missingKeys() {
        let found = rubricDiagnostics("title: T\n")
        #expect(Set(found.map(\.message)) == [
            "missing required key 'assignment' in a rubric", "missing required key 'total' in a rubric",
            "missing required key 'student_files' in a rubric",
        ])
    }
}
