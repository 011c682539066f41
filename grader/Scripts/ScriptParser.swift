// grader/Scripts/ScriptParser.swift -- a test script's YAML to a TestScript.
//
// The parser checks everything one file can tell: keys, types, points,
// checks, patterns, and that `visibility` agrees with the folder. What
// needs the other scripts (dependencies, cycles) or the kernel image (test
// names) is checked by `AssignmentValidator`, using the positions the
// parser records in `ScriptPositions`.

import Yams

/// Where the parts of one script that are checked later were written.
struct ScriptPositions: Hashable, Sendable {
    /// The `test:` value.
    var kernelTest: FileLocation
    /// Each `depends` entry, in order.
    var depends: [FileLocation]
}

/// A script with the positions later checks report errors at.
struct ParsedScript: Hashable, Sendable {
    var script: TestScript
    var positions: ScriptPositions
}

/// Reads test scripts.
enum ScriptParser {
    static let keys = ["test", "title", "points", "visibility", "timeout", "depends", "chapter",
                       "checks", "output_points", "boot_per_check", "icount", "conversation", "never", "oracle", "host"]

    /// Parses the script `name` from `text`, read from `file` in a folder
    /// of `folder` visibility. Returns nil when a required part is unusable;
    /// every problem is in `log` either way.
    ///
    /// 1. Parse the YAML and check the top-level keys.
    /// 2. Read the required keys, then the optional ones.
    /// 3. Check the parts that depend on each other (visibility, check sum).
    static func parse(_ text: String, name: String, file: String, folder: Visibility,
                      log: inout DiagnosticLog) -> ParsedScript? {
        let reading = YAMLReading(file: file)
        // 1.
        guard let root = reading.document(text, log: &log),
              let map = MappingReader(root, what: "test script", keys: keys, reading: reading, log: &log)
        else { return nil }
        // 2.
        let testNode = map.required("test", log: &log)
        let kernelTest = testNode.flatMap { identifier($0, "test", reading, &log) }
        let title = map.required("title", log: &log).flatMap { reading.nonEmptyString($0, "title", log: &log) }
        let points = map.required("points", log: &log).flatMap { reading.positiveInt($0, "points", log: &log) }
        let visibility = map.optional("visibility").flatMap { parseVisibility($0, reading, &log) } ?? folder
        let timeout = map.optional("timeout").flatMap {
            reading.number($0, "timeout", atLeast: 0, strict: true, log: &log)
        }
        let chapter = map.optional("chapter").flatMap { reading.nonEmptyString($0, "chapter", log: &log) }
        let depends = map.optional("depends").map { parseDepends($0, reading, &log) } ?? []
        let checks = map.optional("checks").flatMap { parseChecks($0, reading, &log) }
        let conversation = map.optional("conversation").flatMap {
            ConversationParser.steps($0, reading, &log)
        } ?? []
        let never = map.optional("never").flatMap { ConversationParser.never($0, reading, &log) } ?? []
        let oracle = map.optional("oracle").flatMap { parseOracle($0, reading, &log) }
        let outputPoints = map.optional("output_points").flatMap {
            reading.positiveInt($0, "output_points", log: &log)
        } ?? 0
        let bootPerCheck = map.optional("boot_per_check").flatMap { reading.bool($0, "boot_per_check", log: &log) } ?? false
        let icount = map.optional("icount").flatMap { reading.bool($0, "icount", log: &log) } ?? false
        let host = map.optional("host").flatMap { reading.bool($0, "host", log: &log) } ?? true
        if oracle == TestScript.referenceOracle {
            checkReferenceOracle(folder: folder, bootPerCheck: bootPerCheck, host: host,
                                 at: map.keyLocation("oracle", reading: reading), log: &log)
        }
        if bootPerCheck && (checks == nil || !conversation.isEmpty) {
            log.error("'boot_per_check' needs 'checks' and no 'conversation' (each boot runs one check; "
                      + "a conversation spans the whole test)", at: map.keyLocation("boot_per_check", reading: reading))
        }
        // 3.
        checkAgreement(visibility: visibility, folder: folder, points: points, checks: checks,
                       map: map, reading: reading, log: &log)
        checkOutputPoints(outputPoints, points: points, checks: checks, hasOutput: !conversation.isEmpty || !never.isEmpty,
                          map: map, reading: reading, log: &log)
        guard let testNode, let kernelTest, let title, let points else { return nil }
        var script = TestScript(name: name, kernelTest: kernelTest, title: title, points: points,
                                visibility: visibility, timeout: timeout, depends: depends.map(\.0),
                                chapter: chapter, checks: checks ?? [], conversation: conversation,
                                never: never, oracle: oracle, file: file)
        script.outputPoints = outputPoints
        script.bootPerCheck = bootPerCheck
        script.icount = icount
        script.host = host
        let positions = ScriptPositions(kernelTest: reading.location(of: testNode), depends: depends.map(\.1))
        return ParsedScript(script: script, positions: positions)
    }

    /// `reference`, or the name of a seeded oracle the grader knows.
    private static func parseOracle(_ node: Node, _ reading: YAMLReading, _ log: inout DiagnosticLog) -> String? {
        guard let name = reading.nonEmptyString(node, "oracle", log: &log) else { return nil }
        guard name == TestScript.referenceOracle || SeededOracle.named(name) != nil else {
            let known = [TestScript.referenceOracle] + SeededOracle.names
            log.error("no oracle named \"\(name)\" (known: \(known.joined(separator: ", ")))",
                      at: reading.location(of: node))
            return nil
        }
        return name
    }

    /// `oracle: reference` runs the test on the host against the
    /// reference core: only the teacher's tree has one (so the script is
    /// hidden), the test must build on the host (not `host: false`), and
    /// its lines come from one whole run (no `boot_per_check`).
    private static func checkReferenceOracle(folder: Visibility, bootPerCheck: Bool, host: Bool, at: FileLocation,
                                             log: inout DiagnosticLog) {
        if folder != .hidden {
            log.error("'oracle: reference' needs the reference core, which students do not have: "
                      + "put the script in hidden/", at: at)
        }
        if bootPerCheck {
            log.error("'oracle: reference' compares the lines of one whole run: it cannot go with 'boot_per_check'", at: at)
        }
        if !host {
            log.error("'oracle: reference' runs the test on the host: it cannot go with 'host: false'", at: at)
        }
    }

    /// `visibility` must name the folder the file is in, and the checks'
    /// points must add up to the script's (unless the checks themselves
    /// were wrong, which is reported already).
    private static func checkAgreement(visibility: Visibility, folder: Visibility, points: Int?,
                                       checks: [CheckSpec]?, map: MappingReader, reading: YAMLReading,
                                       log: inout DiagnosticLog) {
        if visibility != folder {
            log.error("'visibility' is \(visibility.rawValue) but the file is in the \(folder.folder)/ folder "
                      + "(use \(folder.rawValue), or move the file)", at: map.keyLocation("visibility", reading: reading))
        }
        if let points, let checks, map.optional("output_points") == nil {
            let sum = checks.reduce(0) { $0 + $1.points }
            if sum != points {
                log.error("the checks' points sum to \(sum) but the script is worth \(points)",
                          at: map.keyLocation("checks", reading: reading))
            }
        }
    }

    /// `output_points` needs output to judge (a conversation or `never`),
    /// checks for the rest of the points, the checks' points plus it
    /// equal to the script's, and no check of its own named `output`
    /// (the reports show the output's points as a check of that name).
    private static func checkOutputPoints(_ outputPoints: Int, points: Int?, checks: [CheckSpec]?, hasOutput: Bool,
                                          map: MappingReader, reading: YAMLReading, log: inout DiagnosticLog) {
        guard outputPoints > 0, let points else { return }
        let at = map.keyLocation("output_points", reading: reading)
        if !hasOutput {
            log.error("'output_points' needs a 'conversation' or 'never' patterns: there is no output to judge", at: at)
        }
        guard let checks else {
            log.error("'output_points' needs 'checks' for the other points of the script", at: at)
            return
        }
        let sum = checks.reduce(0) { $0 + $1.points }
        if sum + outputPoints != points {
            log.error("the checks' points (\(sum)) and output_points (\(outputPoints)) sum to \(sum + outputPoints) "
                      + "but the script is worth \(points)", at: at)
        }
        if checks.contains(where: { $0.name == "output" }) {
            log.error("a check may not be named 'output' when the script has 'output_points'", at: at)
        }
    }

    /// A kernel test or check name: it travels in `name=<test>.<check>` on
    /// a space-separated harness line, so letters, digits and `_` only.
    static func identifier(_ node: Node, _ key: String, _ reading: YAMLReading,
                           _ log: inout DiagnosticLog) -> String? {
        guard let text = reading.nonEmptyString(node, key, log: &log) else { return nil }
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            log.error("'\(key)' must use only letters, digits and '_', found \"\(text)\"",
                      at: reading.location(of: node))
            return nil
        }
        return text
    }

    private static func parseVisibility(_ node: Node, _ reading: YAMLReading,
                                        _ log: inout DiagnosticLog) -> Visibility? {
        guard let text = reading.string(node, "visibility", log: &log) else { return nil }
        guard let visibility = Visibility(rawValue: text) else {
            log.error("'visibility' must be public or hidden, found \"\(text)\"", at: reading.location(of: node))
            return nil
        }
        return visibility
    }

    /// The names in `depends`, each with its position; a name listed twice
    /// is an error (it is almost always a copy-paste slip).
    private static func parseDepends(_ node: Node, _ reading: YAMLReading,
                                     _ log: inout DiagnosticLog) -> [(String, FileLocation)] {
        guard let items = reading.list(node, "depends", log: &log) else { return [] }
        var result: [(String, FileLocation)] = []
        for item in items {
            guard let name = reading.nonEmptyString(item, "depends", log: &log) else { continue }
            if result.contains(where: { $0.0 == name }) {
                log.error("'\(name)' is listed twice in 'depends'", at: reading.location(of: item))
                continue
            }
            result.append((name, reading.location(of: item)))
        }
        return result
    }

    /// The checks, each a mapping of `name` and `points`, names unique;
    /// nil if any is wrong, so that the sum is not checked on a partial list.
    private static func parseChecks(_ node: Node, _ reading: YAMLReading,
                                    _ log: inout DiagnosticLog) -> [CheckSpec]? {
        guard let items = reading.list(node, "checks", log: &log) else { return nil }
        var checks: [CheckSpec] = []
        for item in items {
            guard let check = parseCheck(item, reading, &log) else { continue }
            if checks.contains(where: { $0.name == check.spec.name }) {
                log.error("duplicate check name '\(check.spec.name)'", at: check.nameLocation)
                continue
            }
            checks.append(check.spec)
        }
        return checks.count == items.count ? checks : nil
    }

    private static func parseCheck(_ node: Node, _ reading: YAMLReading,
                                   _ log: inout DiagnosticLog) -> (spec: CheckSpec, nameLocation: FileLocation)? {
        guard let map = MappingReader(node, what: "check", keys: ["name", "points"], reading: reading, log: &log),
              map.hasOnlyKnownKeys
        else { return nil }
        let nameNode = map.required("name", log: &log)
        let name = nameNode.flatMap { identifier($0, "name", reading, &log) }
        let points = map.required("points", log: &log).flatMap { reading.positiveInt($0, "points", log: &log) }
        guard let nameNode, let name, let points else { return nil }
        return (CheckSpec(name: name, points: points), reading.location(of: nameNode))
    }
}
