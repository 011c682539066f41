// grader/GraderKit/Batch/KernelTestNames.swift -- the kernel tests an assignment's image holds.
//
// The image's test table is generated from the assignment's trusted test
// sources (grader/scripts/test-table.awk), never from student code, so the
// names are read from the same sources with the same rule: every
// `func test_<name>() throws(TestFailure)`. Scripts are validated against
// this set before anything is graded, so a script naming a test that does
// not exist is reported once, naming the script's file.

import Foundation

/// Reads kernel test names from test sources.
public enum KernelTestNames {
    /// The names declared in the `.swift` files of `tests/` and `hidden/`
    /// under `assignmentFolder`.
    public static func declared(in assignmentFolder: URL) -> Set<String> {
        var names: Set<String> = []
        for folder in ["tests", "hidden"] {
            let url = assignmentFolder.appendingPathComponent(folder)
            for file in FileTree.files(under: url) where file.hasSuffix(".swift") {
                let text = (try? String(contentsOf: url.appendingPathComponent(file), encoding: .utf8)) ?? ""
                for line in text.split(separator: "\n") {
                    if let name = testName(in: line) { names.insert(name) }
                }
            }
        }
        return names
    }

    /// The names declared in the sources that `import IA32` (the ia32
    /// machine's own tests): a host program leaves those files out
    /// (mk/host.mk), so a host run skips their tests whatever their
    /// scripts say.
    public static func declaredInHardwareSources(in assignmentFolder: URL) -> Set<String> {
        var names: Set<String> = []
        for folder in ["tests", "hidden"] {
            let url = assignmentFolder.appendingPathComponent(folder)
            for file in FileTree.files(under: url) where file.hasSuffix(".swift") {
                let text = (try? String(contentsOf: url.appendingPathComponent(file), encoding: .utf8)) ?? ""
                guard text.contains("import IA32") else { continue }
                for line in text.split(separator: "\n") {
                    if let name = testName(in: line) { names.insert(name) }
                }
            }
        }
        return names
    }

    /// The name declared on `line`, if it declares a kernel test.
    static func testName(in line: Substring) -> String? {
        var rest = line.drop { $0 == " " || $0 == "\t" }
        for modifier in ["public ", "internal "] where rest.hasPrefix(modifier) {
            rest = rest.dropFirst(modifier.count)
        }
        guard rest.hasPrefix("func test_") else { return nil }
        let name = rest.dropFirst("func test_".count).prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        let after = rest.dropFirst("func test_".count + name.count)
        guard !name.isEmpty, after.hasPrefix("() throws(TestFailure)") else { return nil }
        return String(name)
    }
}
