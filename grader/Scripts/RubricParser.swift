// grader/Scripts/RubricParser.swift -- rubric.yaml to a Rubric.
//
// Like scripts, rubrics are read key by key from Yams nodes so that each
// error names its line; `assignment` must repeat the folder's name, which
// catches a rubric copied from another assignment and not updated.

import Yams

/// Reads rubrics.
enum RubricParser {
    static let keys = ["assignment", "title", "chapter", "total", "weight", "default_timeout", "student_files",
                       "machine_files", "public_points"]

    /// Parses `text`, read from `file` in the folder `folderName`; nil
    /// when a required part is unusable, every problem in `log`.
    ///
    /// 1. Parse the YAML and check the keys.
    /// 2. Read each key; `assignment` must be the folder's name.
    static func parse(_ text: String, file: String, folderName: String, log: inout DiagnosticLog) -> Rubric? {
        let reading = YAMLReading(file: file)
        // 1.
        guard let root = reading.document(text, log: &log),
              let map = MappingReader(root, what: "rubric", keys: keys, reading: reading, log: &log)
        else { return nil }
        // 2.
        let idNode = map.required("assignment", log: &log)
        let id = idNode.flatMap { reading.nonEmptyString($0, "assignment", log: &log) }
        if let idNode, let id, id != folderName {
            log.error("'assignment' is \"\(id)\" but the rubric is in the folder \"\(folderName)\"",
                      at: reading.location(of: idNode))
        }
        let title = map.required("title", log: &log).flatMap { reading.nonEmptyString($0, "title", log: &log) }
        let chapter = map.optional("chapter").flatMap { reading.nonEmptyString($0, "chapter", log: &log) }
        let total = map.required("total", log: &log).flatMap {
            reading.number($0, "total", atLeast: 0, strict: true, log: &log)
        }
        let weight = map.optional("weight").flatMap {
            reading.number($0, "weight", atLeast: 0, strict: false, log: &log)
        }
        let timeout = map.optional("default_timeout").flatMap {
            reading.number($0, "default_timeout", atLeast: 0, strict: true, log: &log)
        }
        let files = map.required("student_files", log: &log).map { globs($0, "student_files", reading, &log) }
        let machineFiles = map.optional("machine_files").map { globs($0, "machine_files", reading, &log) } ?? []
        let publicNode = map.optional("public_points")
        let publicPoints = publicNode.flatMap { reading.number($0, "public_points", atLeast: 0, strict: false, log: &log) }
        if let publicNode, let publicPoints, let total, publicPoints > total {
            log.error("'public_points' is \(shown(publicPoints)) but the total is only \(shown(total))",
                      at: reading.location(of: publicNode))
        }
        guard let id, let title, let total, let files else { return nil }
        return Rubric(assignment: id, title: title, chapter: chapter, total: total,
                      weight: weight ?? Rubric.defaultWeight,
                      defaultTimeout: timeout ?? Rubric.defaultTimeoutSeconds, studentFiles: files,
                      machineFiles: machineFiles, publicPoints: publicPoints)
    }

    private static func globs(_ node: Node, _ key: String, _ reading: YAMLReading, _ log: inout DiagnosticLog) -> [String] {
        let items = reading.list(node, key, log: &log) ?? []
        return items.compactMap { reading.nonEmptyString($0, key, log: &log) }
    }

    /// "70", "2.5": a number as the rubric's author wrote it.
    static func shown(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
