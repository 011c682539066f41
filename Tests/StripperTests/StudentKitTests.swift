// Tests/StripperTests/StudentKitTests.swift -- a kit never carries a solution or a hidden test.

import Foundation
import Testing
@testable import StripperKit

@Suite struct StudentKitTests {
    /// A teacher's tree in miniature: three assignments, public and hidden tests.
    func teacherTree() throws -> TempTree {
        try TempTree([
            "reference/set/set.swift": layered,
            "Makefile": "MODE ?= release\nCORE       ?= reference\nall:\n",
            "Package.swift": """
                let p = Package(
                    products: [],
                    targets: [.target(name: "KernelCore", sources: ["reference"]), .target(name: "StripperKit", path: "grader/Stripper")]
                )

                """,
            "boot/kernel.ld": "SECTIONS {}\n",
            "machine/ia32/entry.swift": "// entry\n",
            "machine/ia32/paging.swift": """
                func unmapPage(_ page: UInt32) throws(KernelError) {
                    // BEGIN ASSIGNMENT 03-region
                    clearTheEntryOf(page)
                    flushTheTranslationOf(page)
                    // ELSE
                    // throw KernelError.notImplemented
                    // END ASSIGNMENT 03-region
                }

                """,
            "mk/student.mk": "# student\n",
            "grader/cli/main.swift": "// grader\n",
            "grader/Stripper/SkeletonBuilder.swift": "// teacher only\n",
            "grader/stripper-cli/main.swift": "// teacher only\n",
            "docs/book/01-set.md": "# Sets\n",
            "docs/grader/manual.md": "# Grader\n",
            "docs/teacher/guide.md": "# Teacher secrets\n",
            "docs/contributing.md": "# Contributors\n",
            "assignments/00-spine/tests/boot_tests.swift": "func test_boot() throws(TestFailure) {}\n",
            "assignments/01-set/subject.md": "# Subject 1\n",
            "assignments/01-set/rubric.yaml": "total: 10\n",
            "assignments/01-set/tests/set_tests.swift": "func test_set_public() throws(TestFailure) {}\n",
            "assignments/01-set/hidden/set_hidden_tests.swift": "func test_set_secret_corner() throws(TestFailure) {}\n",
            "assignments/02-segment/rubric.yaml": "total: 10\n",
            "assignments/02-segment/tests/segment_tests.swift": "func test_segment_public() throws(TestFailure) {}\n",
            "assignments/02-segment/hidden/segment_hidden_tests.swift": "func test_segment_secret() throws(TestFailure) {}\n",
            "assignments/03-region/rubric.yaml": "total: 10\n",
            "assignments/03-region/tests/region_tests.swift": "func test_region_public() throws(TestFailure) {}\n",
        ])
    }

    /// Exports the kit of `assignment` into a fresh folder.
    func export(_ assignment: String, from teacher: FileTree, curriculum: Curriculum) throws -> TempTree {
        let kit = try StudentKit(assignment: assignment, tree: teacher, curriculum: curriculum)
        let output = try TempTree()
        try kit.write(from: teacher, to: output.tree)
        return output
    }

    @Test func kitHasTheSkeletonAsKernelAndThePublicSide() throws {
        let teacher = try teacherTree()
        defer { teacher.remove() }
        let kit = try export("02-segment", from: teacher.tree, curriculum: course)
        defer { kit.remove() }
        let files = Set(kit.tree.files(under: ""))
        for expected in ["kernel/set/set.swift", "boot/kernel.ld", "machine/ia32/entry.swift", "mk/student.mk",
                         "grader/cli/main.swift", "docs/book/01-set.md", "docs/grader/manual.md", "docs/contributing.md",
                         "assignments/00-spine/tests/boot_tests.swift", "assignments/01-set/subject.md",
                         "assignments/01-set/rubric.yaml", "assignments/01-set/tests/set_tests.swift",
                         "assignments/02-segment/tests/segment_tests.swift", "Makefile", "Package.swift", "README.md"] {
            #expect(files.contains(expected), "missing \(expected)")
        }
        for absent in ["assignments/03-region/tests/region_tests.swift", "docs/teacher/guide.md",
                       "grader/stripper-cli/main.swift", "kernel/README.md"] {
            #expect(!files.contains(absent), "leaked \(absent)")
        }
        #expect(!files.contains { $0.hasPrefix("reference/") || $0.contains("hidden") || $0.hasPrefix(".git/") })
        #expect(try kit.tree.read("Makefile").contains("CORE       ?= kernel\n"))
        #expect(try kit.tree.read("kernel/set/set.swift").contains("storage.append(1)"))
    }

    /// The leak check itself: no line of a cut block and no hidden test
    /// name may appear anywhere in the kit, for every assignment.
    @Test(arguments: ["01-set", "02-segment", "03-region"])
    func kitLeaksNothing(assignment: String) throws {
        let teacher = try teacherTree()
        defer { teacher.remove() }
        let kit = try export(assignment, from: teacher.tree, curriculum: course)
        defer { kit.remove() }
        let leaks = try Leaks(teacher: teacher.tree, curriculum: course, assignment: assignment)
        #expect(!leaks.isEmpty)
        #expect(leaks.found(in: kit.tree) == [])
    }

    /// The machine layer is cut like the core: a kit gets the replacement
    /// of a machine block of its assignment (or a later one), in machine/.
    @Test(arguments: ["01-set", "03-region"])
    func kitMachineIsCut(assignment: String) throws {
        let teacher = try teacherTree()
        defer { teacher.remove() }
        let kit = try export(assignment, from: teacher.tree, curriculum: course)
        defer { kit.remove() }
        let paging = try kit.tree.read("machine/ia32/paging.swift")
        #expect(paging.contains("throw KernelError.notImplemented"))
        #expect(!paging.contains("flushTheTranslationOf"))
        #expect(try kit.tree.read("machine/ia32/entry.swift") == "// entry\n")
    }

    /// The real 03-region kit has no page-table code: no call loads CR3
    /// or flushes a page anywhere in its machine layer, while the
    /// teacher's machine layer does both (the control).
    @Test func realRegionKitHasNoPageTableCode() throws {
        let teacher = FileTree(root: kitRoot)
        let kit = try export("03-region", from: teacher, curriculum: .course)
        defer { kit.remove() }
        func calls(in tree: FileTree, under folder: String) throws -> Set<String> {
            var found: Set<String> = []
            for path in tree.files(under: folder) where path.hasSuffix(".swift") {
                for line in try tree.read("\(folder)/\(path)").split(separator: "\n")
                where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                    for call in ["ia32_invlpg(", "ia32_load_cr3(", "ia32_set_cr0("] where line.contains(call) {
                        found.insert(call)
                    }
                }
            }
            return found
        }
        #expect(try calls(in: teacher, under: "machine") == ["ia32_invlpg(", "ia32_load_cr3(", "ia32_set_cr0("])
        #expect(try calls(in: kit.tree, under: "machine") == [])
    }

    /// The same check on the real reference and tests, for every
    /// assignment with a rubric (the others have no kit).
    @Test(arguments: Curriculum.course.graded(in: FileTree(root: kitRoot)))
    func realKitLeaksNothing(assignment: String) throws {
        let teacher = FileTree(root: kitRoot)
        let kit = try export(assignment, from: teacher, curriculum: .course)
        defer { kit.remove() }
        let leaks = try Leaks(teacher: teacher, curriculum: .course, assignment: assignment)
        #expect(leaks.found(in: kit.tree) == [])
    }

    /// The leak check's own control: a cut block pasted into a doc is
    /// found, while a run made only of lines the kit keeps elsewhere (the
    /// same error path written out in given code) is not a secret.
    @Test func leakCheckFindsAPastedSolutionButNotCommonLines() throws {
        let teacher = try teacherTree()
        defer { teacher.remove() }
        try teacher.tree.write("""
            func reserve() throws(KernelError) -> Int {
                let identifier = try take()
                // BEGIN ASSIGNMENT 02-segment
                do { try placeInFreeArea(identifier) } catch {
                    release(identifier)
                    throw error
                }
                return identifier
                // ELSE
                // throw KernelError.notImplemented
                // END ASSIGNMENT 02-segment
            }
            func given() throws(KernelError) -> Int {
                let identifier = try take()
                do { try check(identifier) } catch {
                    release(identifier)
                    throw error
                }
                return identifier
            }

            """, to: "reference/segment/segment.swift")
        let kit = try export("02-segment", from: teacher.tree, curriculum: course)
        defer { kit.remove() }
        let leaks = try Leaks(teacher: teacher.tree, curriculum: course, assignment: "02-segment")
        #expect(leaks.found(in: kit.tree) == [])
        try kit.tree.write("release(identifier)\nthrow error\n}\nreturn identifier\n", to: "docs/book/01-set.md")
        #expect(leaks.found(in: kit.tree) == [])
        try kit.tree.write("do { try placeInFreeArea(identifier) } catch {\n    release(identifier)\n    throw error\n",
                           to: "docs/book/01-set.md")
        #expect(leaks.found(in: kit.tree).count == 1)
    }

    @Test func makefileCoreBecomesKernel() throws {
        let real = try FileTree(root: kitRoot).read("Makefile")
        let kit = try StudentKit.studentMakefile(real)
        #expect(kit.contains("CORE       ?= kernel\n") || kit.firstMatch(of: /(?m)^CORE\s*\?=\s*kernel$/) != nil)
        #expect(kit.firstMatch(of: /(?m)^CORE\s*\?=\s*reference/) == nil)
        #expect(throws: StripperError(file: "Makefile", "no 'CORE ?= reference' line to point at kernel/ for the student kit")) {
            try StudentKit.studentMakefile("all:\n")
        }
    }

    @Test func anAssignmentWithoutARubricHasNoKit() throws {
        let teacher = try teacherTree()
        defer { teacher.remove() }
        try teacher.tree.remove("assignments/03-region/rubric.yaml")
        #expect(throws: StripperError(file: "assignments/03-region/rubric.yaml",
                                      "does not exist: 03-region has nothing to grade yet, so no kit")) {
            try StudentKit(assignment: "03-region", tree: teacher.tree, curriculum: course)
        }
    }

    @Test func readmeOpensWithTheFirstRunAndGitIgnoresBuildOutputs() throws {
        let teacher = try teacherTree()
        defer { teacher.remove() }
        try teacher.tree.write("Package.resolved\n/build/\n", to: ".gitignore")
        let kit = try export("02-segment", from: teacher.tree, curriculum: course)
        defer { kit.remove() }
        // The first lines after the title are the two commands, in order.
        let readme = try kit.tree.read("README.md").split(separator: "\n").map(String.init)
        #expect(readme[0] == "# Student kit: 02-segment")
        let commands = readme.drop { !$0.hasPrefix("```") }.dropFirst().prefix { !$0.hasPrefix("```") }
        #expect(commands.map { $0.split(separator: " ").prefix(2).joined(separator: " ") }
            == ["make setup", "make assignment-2"])
        // The kit's own .gitignore, not the teacher's (which ignores the
        // Package.resolved a kit ships): build outputs and the prebuilt grader.
        let ignored = try kit.tree.read(".gitignore").split(separator: "\n").map(String.init)
        for pattern in ["/build/", "/.build/", "/bin/", "/grader-out/"] {
            #expect(ignored.contains(pattern), "\(pattern) not ignored")
        }
        #expect(!ignored.contains("Package.resolved"))
    }

    @Test func unknownAssignmentIsAClearError() throws {
        let teacher = try teacherTree()
        defer { teacher.remove() }
        #expect(throws: StripperError(file: "assignments", "unknown assignment '7' (known: 01-set, 02-segment, 03-region)")) {
            try StudentKit(assignment: "7", tree: teacher.tree, curriculum: course)
        }
    }
}
