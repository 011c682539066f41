// grader/Scripts/AssignmentValidator.swift -- checks across scripts.
//
// What no single file can tell: that `depends` names scripts that exist,
// that public scripts do not lean on hidden ones (students could not run
// them), that dependencies form no cycle, and that every `test:` names a
// kernel test the image really has.

/// Validates the scripts of one assignment together.
struct AssignmentValidator {
    let scripts: [ParsedScript]
    /// Every script file name found, including files that did not parse,
    /// so a broken file does not also make its dependents' `depends` wrong.
    let allNames: Set<String>
    let kernelTests: Set<String>?

    /// Logs every cross-script problem and returns the run order.
    func validate(log: inout DiagnosticLog) -> [String] {
        for parsed in scripts {
            checkKernelTest(parsed, log: &log)
            checkDepends(parsed, log: &log)
        }
        let graph = DependencyGraph(dependencies: Dictionary(
            uniqueKeysWithValues: scripts.map { ($0.script.name, $0.script.depends) }))
        for cycle in graph.cycles() {
            reportCycle(cycle, log: &log)
        }
        return graph.order()
    }

    private func checkKernelTest(_ parsed: ParsedScript, log: inout DiagnosticLog) {
        guard let kernelTests, !kernelTests.contains(parsed.script.kernelTest) else { return }
        let name = parsed.script.kernelTest
        log.error("the kernel image has no test '\(name)' (func test_\(name))", at: parsed.positions.kernelTest)
    }

    private func checkDepends(_ parsed: ParsedScript, log: inout DiagnosticLog) {
        let visibility = Dictionary(uniqueKeysWithValues: scripts.map { ($0.script.name, $0.script.visibility) })
        for (name, location) in zip(parsed.script.depends, parsed.positions.depends) {
            if !allNames.contains(name) {
                log.error("'depends' names '\(name)', which is not a script of this assignment", at: location)
            } else if parsed.script.visibility == .public && visibility[name] == .hidden {
                log.error("the public script '\(parsed.script.name)' cannot depend on the hidden script '\(name)'",
                          at: location)
            }
        }
    }

    /// Reports a cycle once, at the `depends` entry of its first script
    /// that starts the loop.
    private func reportCycle(_ cycle: [String], log: inout DiagnosticLog) {
        guard let first = scripts.first(where: { $0.script.name == cycle[0] }) else { return }
        let next = cycle.count > 1 ? cycle[1] : cycle[0]
        let index = first.script.depends.firstIndex(of: next) ?? 0
        let location = first.positions.depends.indices.contains(index)
            ? first.positions.depends[index] : FileLocation(file: first.script.file)
        let path = (cycle + [cycle[0]]).joined(separator: " -> ")
        log.error("dependency cycle: \(path)", at: location)
    }
}
