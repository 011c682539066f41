// Tests/StripperTests/VerifyTests.swift -- `stripper verify`, end to end with stand-in make and qemu.
//
// Each test runs the built `stripper` on a miniature kit (VerifyFixture.swift)
// whose stand-in tools make the reference and the skeletons behave as the
// test needs; GraderRunner does the building, booting and classifying.

import Foundation
import Testing
import StripperKit

@Suite(.serialized) struct VerifyTests {
    /// A reference where every skeleton behaves: the spine passes, 01-set's
    /// tests fail with "not implemented" (directly or in a check).
    static let clean = """
        // behaviour 00-spine boot_hello=pass
        // behaviour 00-spine serial_echo=echo
        // behaviour 00-spine boot_flaky=fail
        // behaviour 00-spine spin_forever=hang
        func set() {
            // BEGIN ASSIGNMENT 01-set
            // behaviour 01-set set_add=pass
            // behaviour 01-set set_checks=pass
            // ELSE
            // // behaviour 01-set set_add=notimpl
            // // behaviour 01-set set_checks=checks
            // END ASSIGNMENT 01-set
        }

        """

    @Test func acceptsSkeletonsThatFailCleanly() async throws {
        let kit = try VerifyKit(core: Self.clean)
        defer { kit.remove() }
        let run = try await kit.verify()
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("verify: every skeleton builds and boots as expected"))
        for assignment in Curriculum.course.assignments {
            #expect(run.output.contains("build/skeletons/\(assignment): ok"))
        }
        // Every own test was booted on the 01-set skeleton, after a listing.
        #expect(run.boots.contains { $0.hasPrefix("list nonce=") })
        #expect(run.boots.contains { $0.hasPrefix("test=set_add ") })
        #expect(run.boots.contains { $0.hasPrefix("test=set_checks ") })
    }

    @Test func laterSkeletonsMustStillPassEarlierAssignments() async throws {
        // 02-segment's replacement breaks set_add, a 01-set test that
        // passes on the reference: the 02-segment skeleton keeps 01-set's
        // solution, so it must still pass there.
        let kit = try VerifyKit(core: Self.clean + """
            func segment() {
                // BEGIN ASSIGNMENT 02-segment
                // behaviour 02-segment unused=pass
                // ELSE
                // // behaviour 01-set set_add=notimpl
                // END ASSIGNMENT 02-segment
            }

            """)
        defer { kit.remove() }
        let run = try await kit.verify()
        #expect(run.status != 0)
        #expect(run.output.contains("build/skeletons/01-set: ok"))
        #expect(run.output.contains("build/skeletons/02-segment: error: 01-set test set_add: fail"))
        // Booted on the reference, then on every skeleton after 01-set.
        let later = Curriculum.course.assignments.count - 1
        #expect(run.boots.filter { $0.hasPrefix("test=set_add ") }.count >= later + 1)
    }

    @Test func bootsOnlyTheGradedSpineTestsThatPassOnTheReference() async throws {
        let kit = try VerifyKit(core: Self.clean)
        defer { kit.remove() }
        let run = try await kit.verify()
        let skeletons = Curriculum.course.assignments.count
        // Scripted and passing: booted on the reference and every skeleton,
        // with the script's conversation held (serial_echo gets its line).
        #expect(run.boots.filter { $0.hasPrefix("test=boot_hello ") }.count == skeletons + 1)
        #expect(run.boots.filter { $0.hasPrefix("test=serial_echo ") }.count == skeletons + 1)
        // Scripted but failing on the reference: booted once, and said so.
        #expect(run.boots.filter { $0.hasPrefix("test=boot_flaky ") }.count == 1)
        #expect(run.output.contains("reference: warning: 00-spine test boot_flaky: fail"))
        // Not scripted (hangs on purpose): never booted.
        #expect(!run.boots.contains { $0.contains("spin_forever") })
    }

    /// With --earlier nearest, an assignment is checked on the skeleton
    /// right after it only (the one with the most cut), the spine on all.
    @Test func nearestChecksEachAssignmentOnTheNextSkeletonOnly() async throws {
        // 02-segment's replacement breaks set_add: still found.
        let kit = try VerifyKit(core: Self.clean + """
            func segment() {
                // BEGIN ASSIGNMENT 02-segment
                // behaviour 02-segment unused=pass
                // ELSE
                // // behaviour 01-set set_add=notimpl
                // END ASSIGNMENT 02-segment
            }

            """)
        defer { kit.remove() }
        let run = try await kit.verify(["--earlier", "nearest"])
        #expect(run.status != 0)
        #expect(run.output.contains("build/skeletons/02-segment: error: 01-set test set_add: fail"), "\(run.output)")
        // Booted on the reference, on its own skeleton (01-set) and on
        // 02-segment's, not on the later ones (the default boots it on
        // every later skeleton, see laterSkeletonsMustStillPassEarlierAssignments).
        #expect(run.boots.filter { $0.hasPrefix("test=set_add ") }.count == 3)
        // The spine: on the reference and every skeleton.
        #expect(run.boots.filter { $0.hasPrefix("test=boot_hello ") }.count == Curriculum.course.assignments.count + 1)
    }

    /// With --strict-reference (make verify-skeletons), a graded test
    /// that fails on the reference is a problem, not a warning; the
    /// skeletons are still verified against the tests that pass.
    @Test func strictReferenceCountsAReferenceFailure() async throws {
        // Every other graded test passes on the reference and fails
        // cleanly on its own skeleton.
        let later = Curriculum.course.assignments.dropFirst().map { name in
            """
            func work() {
                // BEGIN ASSIGNMENT \(name)
                // behaviour \(name) later_work=pass
                // ELSE
                // // behaviour \(name) later_work=notimpl
                // END ASSIGNMENT \(name)
            }

            """
        }
        let kit = try VerifyKit(core: Self.clean + "// behaviour 00-spine boot_slow=pass\n" + later.joined())
        defer { kit.remove() }
        let lenient = try await kit.verify()
        #expect(lenient.status == 0, "\(lenient.output)")
        let strict = try await kit.verify(["--strict-reference"])
        #expect(strict.status != 0)
        #expect(strict.output.contains("reference: error: 00-spine test boot_flaky: fail (expected 1, got 2); "
            + "the reference must pass every graded test"), "\(strict.output)")
        #expect(!strict.output.contains("reference: warning:"))
        #expect(strict.output.contains("build/skeletons/01-set: ok"))
        #expect(strict.output.contains("verify: 1 problem(s)"))
    }

    @Test func reportsEachWayASkeletonMisbehaves() async throws {
        // An 01-set block is cut from the 01-set skeleton only: later
        // skeletons carry the solutions of earlier assignments.
        let kit = try VerifyKit(core: """
            // behaviour 00-spine boot_hello=pass
            // behaviour 00-spine serial_echo=echo
            // behaviour 01-set set_pass=pass
            func set() {
                // BEGIN ASSIGNMENT 01-set
                // behaviour 01-set set_add=pass
                // ELSE
                // // behaviour 00-spine boot_hello=wrong
                // // behaviour 00-spine serial_echo=panic
                // // behaviour 01-set set_add=notimpl
                // // behaviour 01-set set_other=fail
                // // behaviour 01-set set_panic=panic
                // // behaviour 01-set set_hang=hang
                // END ASSIGNMENT 01-set
            }

            """)
        defer { kit.remove() }
        let run = try await kit.verify(["--assignment", "01-set"])
        let problem = "build/skeletons/01-set: error: "
        #expect(run.status != 0)
        #expect(run.output.contains("verify: 6 problem(s)"), "\(run.output)")
        #expect(!run.output.contains("set_add"))
        #expect(run.output.contains(problem + "test set_pass passes on the skeleton"))
        #expect(run.output.contains(problem + "test set_other fails (expected 1, got 2) without saying \"not implemented\""))
        #expect(run.output.contains(problem + "test set_panic: panic"))
        #expect(run.output.contains(problem + "test set_hang: timeout"))
        #expect(run.output.contains(problem + "00-spine test boot_hello: wrong-output"))
        #expect(run.output.contains(problem + "00-spine test serial_echo: panic"))
        // --assignment: the other skeletons are not verified.
        #expect(!run.output.contains("build/skeletons/02-segment"))
    }

    @Test func givesSpineTestsTheirScriptsTimeout() async throws {
        // boot_slow talks for two seconds: more than --boot-timeout (one
        // second here), less than the five its script allows.
        let kit = try VerifyKit(core: "// behaviour 00-spine boot_slow=slow\n")
        defer { kit.remove() }
        let run = try await kit.verify(["--assignment", "01-set", "--boot-timeout", "1"])
        #expect(run.status == 0, "\(run.output)")
        #expect(!run.output.contains("boot_slow"))
        #expect(run.boots.filter { $0.hasPrefix("test=boot_slow ") }.count == 2)
    }

    @Test func reportsAnImageThatCannotListItsTests() async throws {
        let kit = try VerifyKit(core: """
            func set() {
                // BEGIN ASSIGNMENT 01-set
                // ELSE
                // // behaviour 01-set list=panic
                // END ASSIGNMENT 01-set
            }

            """)
        defer { kit.remove() }
        let run = try await kit.verify(["--assignment", "01-set"])
        #expect(run.status != 0)
        #expect(run.output.contains("build/skeletons/01-set: error: the 01-set image cannot list its tests: "
            + "listing the tests failed"), "\(run.output)")
        #expect(run.output.contains("verify: 1 problem(s)"))
    }

    @Test func showsBuildErrorsAtTheReferenceLine() async throws {
        let kit = try VerifyKit(core: """
            // behaviour 00-spine boot_hello=pass
            func region() {
                // BEGIN ASSIGNMENT 03-region
                regionForReal()
                // ELSE
                // BROKEN()
                // END ASSIGNMENT 03-region
            }

            """)
        defer { kit.remove() }
        let run = try await kit.verify()
        #expect(run.status != 0)
        // The skeleton's line 3 comes from the reference's line 6, column 5 + 3.
        #expect(run.output.contains(
            "reference/core.swift:6:8: error: cannot find 'BROKEN' in scope [build/skeletons/03-region/core.swift:3:5]"),
            "\(run.output)")
        #expect(run.output.contains("build/skeletons/03-region: error: the 00-spine image does not build"))
        // One error line for one failed build, not a second one pointing at it.
        #expect(run.output.components(separatedBy: "build/skeletons/03-region: error:").count == 2, "\(run.output)")
        // 03-region and the skeletons before it (which lack its solution).
        #expect(run.output.contains("verify: 3 problem(s)"))
        #expect(run.output.contains("build/skeletons/04-task: ok"))
    }

    @Test func generatesTheTreesItselfOnlyForAssignmentsWithARubric() async throws {
        let kit = try VerifyKit(core: Self.clean, rubrics: false)
        defer { kit.remove() }
        // A tree left by an older cut, of an assignment with no rubric.
        try kit.tree.write("stale\n", to: "build/skeletons/03-region/core.swift")
        let run = try await kit.verify()
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("build/skeletons/01-set: ok"))
        #expect(!run.output.contains("02-segment"))
        #expect(kit.tree.exists("build/skeletons/01-set/core.swift"))
        #expect(!kit.tree.exists("build/skeletons/03-region"))
        // Nothing is written to skeleton/: the manifests are make skeletons' job.
        #expect(!kit.tree.exists("skeleton"))
    }

    @Test func refusesAnAssignmentWithoutARubric() async throws {
        let kit = try VerifyKit(core: Self.clean, rubrics: false)
        defer { kit.remove() }
        let run = try await kit.verify(["--assignment", "02-segment"])
        #expect(run.status != 0)
        #expect(run.output.contains("assignments/02-segment/rubric.yaml: error: does not exist"), "\(run.output)")
        #expect(run.boots.isEmpty)
    }
}
