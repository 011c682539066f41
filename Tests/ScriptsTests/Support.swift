// Tests/ScriptsTests/Support.swift -- helpers shared by the suites.

import Foundation
@testable import GraderScripts

/// A temporary assignment folder, deleted when the value is released.
final class TemporaryAssignment {
    let root: URL
    let folder: URL

    /// Creates `<tmp>/<unique>/<id>/` with `tests/` and `hidden/`.
    init(id: String = "01-set") throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("scripts-tests-\(UUID().uuidString)")
        folder = root.appendingPathComponent(id)
        for sub in ["tests", "hidden"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(sub),
                                                    withIntermediateDirectories: true)
        }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Writes `text` at `relativePath` inside the assignment folder.
    @discardableResult
    func write(_ relativePath: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(relativePath)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Writes a valid rubric for this folder.
    func writeRubric(total: Int = 100) throws {
        try write("rubric.yaml", """
            assignment: \(folder.lastPathComponent)
            title: The set manager
            total: \(total)
            student_files: [set/**]
            """)
    }

    /// Writes a minimal valid script.
    func writeScript(_ name: String, folder sub: String = "tests", test: String? = nil, points: Int = 2,
                     extra: String = "") throws {
        try write("\(sub)/\(name).yaml", """
            test: \(test ?? name)
            title: Script \(name)
            points: \(points)
            \(extra)
            """)
    }

    /// Loads the assignment; the error's diagnostics on failure.
    func load(_ selection: ScriptSelection = .all, kernelTests: Set<String>? = nil) -> Result<Assignment, ScriptErrors> {
        do {
            return .success(try AssignmentLoader(kernelTests: kernelTests).load(folder: folder, selection: selection))
        } catch {
            return .failure(error)
        }
    }
}

/// The diagnostics of parsing `yaml` as the script `s` of a public folder.
func scriptDiagnostics(_ yaml: String, folder: Visibility = .public) -> [ScriptDiagnostic] {
    var log = DiagnosticLog()
    _ = ScriptParser.parse(yaml, name: "s", file: "s.yaml", folder: folder, log: &log)
    return log.diagnostics
}

/// Parses `yaml` as a script that must be valid.
func parseScript(_ yaml: String, name: String = "s") -> TestScript? {
    var log = DiagnosticLog()
    let parsed = ScriptParser.parse(yaml, name: name, file: "\(name).yaml", folder: .public, log: &log)
    return log.isEmpty ? parsed?.script : nil
}

/// A script built in code, for matcher and scorer tests.
func script(_ name: String = "t", points: Int = 4, depends: [String] = [], checks: [CheckSpec] = [],
            conversation: [ConversationStep] = [], never: [Pattern] = []) -> TestScript {
    TestScript(name: name, kernelTest: name, title: "Title of \(name)", points: points, depends: depends,
               chapter: "docs/book/02-set.md", checks: checks, conversation: conversation, never: never,
               file: "\(name).yaml")
}

/// A deterministic generator for the property tests (SplitMix64), so a
/// failure can be replayed from its seed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
