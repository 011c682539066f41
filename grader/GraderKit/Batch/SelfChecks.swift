// grader/GraderKit/Batch/SelfChecks.swift -- the student's own kernel tests, run but never scored.
//
// Any `func test_x() throws(TestFailure)` in an assignment's tests/ goes
// into the image (grader/scripts/test-table.awk) and `make qemu TEST=x`
// runs it. The graded tests are those a script (tests/*.yaml or
// hidden/*.yaml) names; a kernel test in tests/ that no script names is
// the student's own. In student mode (`make assignment-N`) the grader
// boots each of them once, after the graded tests, and reports passed or
// failed, apart from the graded tests and never in the score.
//
// Which tests count as the student's own is decided from the kit's
// folder, never from the submission: the names declared in tests/*.swift,
// minus every name a script of tests/ or hidden/ boots (a hidden test is
// graded even when its source sits in tests/), minus the tests of
// hidden/*.swift and bench/ (the teacher's, never in tests/).

import Foundation

/// Finds and runs the self-checks of an assignment.
public enum SelfChecks {
    /// The self-checks of the assignment in `folder`, by name: kernel
    /// tests declared in tests/*.swift that no script of tests/ or
    /// hidden/ names.
    ///
    /// Steps: 1. the names tests/*.swift declares; 2. the kernel tests
    /// every script names (by their `test:` line, so that a broken hidden
    /// script still hides its test); 3. the difference, sorted.
    public static func names(in folder: URL) -> [String] {
        // 1.
        let tests = folder.appendingPathComponent("tests")
        var declared: Set<String> = []
        for file in FileTree.files(under: tests) where file.hasSuffix(".swift") {
            let text = (try? String(contentsOf: tests.appendingPathComponent(file), encoding: .utf8)) ?? ""
            for line in text.split(separator: "\n") {
                if let name = KernelTestNames.testName(in: line) { declared.insert(name) }
            }
        }
        // 2.
        var scripted: Set<String> = []
        for place in ["tests", "hidden"] {
            let url = folder.appendingPathComponent(place)
            for file in FileTree.files(under: url) where file.hasSuffix(".yaml") {
                let text = (try? String(contentsOf: url.appendingPathComponent(file), encoding: .utf8)) ?? ""
                for line in text.split(separator: "\n") where line.hasPrefix("test:") {
                    scripted.insert(line.dropFirst("test:".count).trimmingCharacters(in: .whitespaces)
                        .trimmingCharacters(in: CharacterSet(charactersIn: "\"'")))
                }
            }
        }
        // 3.
        return declared.subtracting(scripted).sorted()
    }

    /// A script for booting self-check `name`: no points, no
    /// conversation, the rubric's default timeout.
    static func script(_ name: String) -> TestScript {
        TestScript(name: name, kernelTest: name, title: "your own test (self-check)", points: 0)
    }

    /// The result of one self-check run: passed only on a `pass` verdict;
    /// a panic, a flood or a timeout is a failure with its reason.
    static func result(_ name: String, _ observation: RunObservation) -> SelfCheckResult {
        let passed = observation.verdict == .pass
        return SelfCheckResult(name: name, passed: passed, verdict: observation.verdict,
                               message: passed ? nil : (observation.message ?? observation.verdict.rawValue))
    }
}
