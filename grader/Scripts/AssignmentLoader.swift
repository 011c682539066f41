// grader/Scripts/AssignmentLoader.swift -- reading an assignment folder.
//
// The loader reads `rubric.yaml` and every `*.yaml` in `tests/` (and
// `hidden/` when asked), parses each, validates them together, and either
// returns an `Assignment` or throws every problem it found at once.

import Foundation

/// Loads and validates assignments.
public struct AssignmentLoader: Sendable {
    /// The kernel tests the image has (from its `list` output); nil skips
    /// that check, for tools that have no image at hand.
    public var kernelTests: Set<String>?

    /// Creates a loader that checks `test:` against `kernelTests` when given.
    public init(kernelTests: Set<String>? = nil) {
        self.kernelTests = kernelTests
    }

    /// Loads the assignment in `folder` (`assignments/<id>`).
    ///
    /// 1. Parse the rubric.
    /// 2. Parse every script of the selected folders, in name order.
    /// 3. Validate the scripts together, then order them.
    /// - Throws: `ScriptErrors` with every problem, sorted by file and line.
    public func load(folder: URL, selection: ScriptSelection = .all) throws(ScriptErrors) -> Assignment {
        var log = DiagnosticLog()
        let id = folder.lastPathComponent
        // 1.
        let rubricFile = folder.appendingPathComponent("rubric.yaml").path
        let rubric = read(rubricFile, log: &log).flatMap {
            RubricParser.parse($0, file: rubricFile, folderName: id, log: &log)
        }
        // 2.
        var parsed: [ParsedScript] = []
        var names: [String: String] = [:]
        for visibility in selection.visibilities {
            for file in scriptFiles(in: folder.appendingPathComponent(visibility.folder), log: &log) {
                let name = file.deletingPathExtension().lastPathComponent
                if let first = names[name] {
                    log.error("a script named '\(name)' already exists: \(first)", at: FileLocation(file: file.path))
                    continue
                }
                names[name] = file.path
                guard let text = read(file.path, log: &log),
                      let script = ScriptParser.parse(text, name: name, file: file.path, folder: visibility, log: &log)
                else { continue }
                parsed.append(script)
            }
        }
        if names.isEmpty {
            let places = selection.visibilities.map { "\($0.folder)/*.yaml" }.joined(separator: " or ")
            log.error("the assignment has no test scripts (\(places))", at: FileLocation(file: rubricFile))
        }
        // 3.
        let validator = AssignmentValidator(scripts: parsed, allNames: Set(names.keys), kernelTests: kernelTests)
        let order = validator.validate(log: &log)
        let includesHidden = selection.visibilities.contains(.hidden)
        if includesHidden, let rubric, let share = rubric.publicPoints, share < rubric.total,
           !parsed.contains(where: { $0.script.visibility == .hidden }) {
            log.error("'public_points' is \(RubricParser.shown(share)) of \(RubricParser.shown(rubric.total)): the rest is for hidden tests, "
                      + "but hidden/ has no script", at: FileLocation(file: rubricFile))
        }
        guard log.isEmpty, let rubric else { throw ScriptErrors(log.diagnostics) }
        let byName = Dictionary(uniqueKeysWithValues: parsed.map { ($0.script.name, $0.script) })
        return Assignment(id: id, rubric: rubric, scripts: order.compactMap { byName[$0] },
                          includesHidden: includesHidden)
    }

    /// The `.yaml` files of a folder, by name; `.yml` files are refused so
    /// that a misnamed script is not silently left out of the grade.
    private func scriptFiles(in folder: URL, log: inout DiagnosticLog) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where name.hasSuffix(".yml") {
            log.error("test scripts end in .yaml; rename this file",
                      at: FileLocation(file: folder.appendingPathComponent(name).path))
        }
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { folder.appendingPathComponent($0) }
    }

    /// The text of `path`, or a logged error.
    private func read(_ path: String, log: inout DiagnosticLog) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else {
            log.error("cannot read the file", at: FileLocation(file: path))
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            log.error("the file is not UTF-8 text", at: FileLocation(file: path))
            return nil
        }
        return text
    }
}
