// grader/Stripper/StudentKit.swift -- what a student receives for one assignment.
//
// A kit is a stand-alone tree the student builds and grades on their own
// machine. It is assembled from an allow-list, never by copying the
// teacher's tree and deleting: a file nobody listed (a new hidden test, a
// teacher note) cannot leak by accident.
//
//     kernel/                 the skeleton of the assignment (the kit's core)
//     machine/                the machine layer, cut for the assignment too
//     boot/ mk/ programs/     as in the teacher's tree
//     Makefile                with CORE defaulting to kernel
//     Package.swift           without the teacher-only targets
//     assignments/<a>/        tests/, subject.md and rubric.yaml of 00-spine,
//                             this assignment and the earlier ones
//     grader/                 the grader's sources, without the stripper
//     docs/book/ docs/grader/ the course book and the grader manual
//     docs/contributing.md    the conventions (kernel tests, the harness's
//                             serial protocol), which the book points to
//     README.md .gitignore    written for the kit
//
// Every text the kit ships names the kit's paths: `reference/set/...`
// becomes `kernel/set/...` (KitPaths.swift). `make student-kit` then adds
// the prebuilt grader, bin/grader (mk/student.mk).

/// Where one file of the kit comes from.
public enum KitSource: Equatable, Sendable {
    /// A file of the teacher's tree, copied as it is.
    case copy(String)
    /// Text the export writes (skeleton files, the kit's own files).
    case text(String)
    /// A file of the teacher's tree whose text the export rewrote (its
    /// permissions are the teacher file's: a script stays executable).
    case edited(String, text: String)
}

/// The plan of a student kit: kit path -> source, computed before
/// anything is written.
public struct StudentKit: Sendable {
    /// The assignment the kit is for.
    public var assignment: String
    /// Every file of the kit, by its path in the kit.
    public var files: [String: KitSource]

    /// Folders copied whole from the teacher's tree.
    static let sharedFolders = ["boot", "mk", "programs", "docs/book", "docs/grader"]
    /// Single files copied from the teacher's tree.
    static let sharedFiles = ["docs/contributing.md"]
    /// Parts of grader/ that only the teacher uses. The stripper's library
    /// (grader/Stripper) ships: the grader's docs check and similarity
    /// link against it, and it holds no solution (the cut is made here,
    /// before the kit is written).
    static let teacherOnly = ["grader/stripper-cli/"]
    /// Files of an assignment folder a student gets (tests/ is added whole).
    static let assignmentFiles = ["subject.md", "rubric.yaml", "programs.txt"]

    /// Plans the kit of `assignment` from the teacher's tree.
    ///
    /// Steps:
    /// 1. only an assignment with a rubric has a kit; its skeleton, cut in
    ///    memory, becomes kernel/ (its cut manifest speaks to teachers:
    ///    dropped) and machine/;
    /// 2. the shared folders and the grader, minus the teacher-only parts;
    /// 3. the public side of 00-spine and of assignments 1..N;
    /// 4. the Makefile and Package.swift, rewritten; the kit's README and
    ///    .gitignore;
    /// 5. every text names the kit's paths.
    public init(assignment: String, tree: FileTree, curriculum: Curriculum = .course) throws(StripperError) {
        let position = try curriculum.require(assignment)
        guard tree.exists("assignments/\(assignment)/rubric.yaml") else {
            throw StripperError(file: "assignments/\(assignment)/rubric.yaml",
                                "does not exist: \(assignment) has nothing to grade yet, so no kit")
        }
        var files: [String: KitSource] = [:]
        // 1.
        let skeleton = try SkeletonBuilder(tree: tree, curriculum: curriculum).skeleton(for: assignment)
        for path in skeleton.paths where path != SkeletonBuilder.readmeName {
            files["kernel/\(path)"] = .text(skeleton.files[path]!.text)
        }
        for path in skeleton.machinePaths {
            files["\(SkeletonBuilder.machineRoot)/\(path)"] = .text(skeleton.machine[path]!.text)
        }
        // 2.
        for folder in Self.sharedFolders + ["grader"] {
            for path in tree.files(under: folder, hidden: false).map({ "\(folder)/\($0)" })
            where !Self.teacherOnly.contains(where: path.hasPrefix) {
                files[path] = .copy(path)
            }
        }
        for path in Self.sharedFiles where tree.exists(path) {
            files[path] = .copy(path)
        }
        // 3.
        for name in ["00-spine"] + curriculum.assignments[...position] {
            let folder = "assignments/\(name)"
            for path in tree.files(under: "\(folder)/tests", hidden: false) {
                files["\(folder)/tests/\(path)"] = .copy("\(folder)/tests/\(path)")
            }
            for file in Self.assignmentFiles where tree.exists("\(folder)/\(file)") {
                files["\(folder)/\(file)"] = .copy("\(folder)/\(file)")
            }
        }
        // 4.
        files["Makefile"] = .text(try Self.studentMakefile(try tree.read("Makefile")))
        files["Package.swift"] = .text(try ManifestRewriter().rewrite(try tree.read("Package.swift")))
        if tree.exists("Package.resolved") { files["Package.resolved"] = .copy("Package.resolved") }
        files["README.md"] = .text(Self.readme(assignment))
        files[".gitignore"] = .text(Self.gitignore)
        // 5.
        let paths = KitPaths(corePaths: skeleton.paths)
        for (path, source) in files {
            files[path] = try Self.withKitPaths(source, paths: paths, tree: tree)
        }
        self.assignment = assignment
        self.files = files
    }

    /// `source` with its text's `reference/...` mentions told as kernel/;
    /// a file that is not UTF-8 text, or has no such mention, is unchanged.
    static func withKitPaths(_ source: KitSource, paths: KitPaths, tree: FileTree) throws(StripperError) -> KitSource {
        switch source {
        case .text(let text):
            return .text(paths.rewrite(text))
        case .copy(let path):
            guard let text = try? tree.read(path), text.contains(KitPaths.teacherCore) else { return source }
            let rewritten = paths.rewrite(text)
            return rewritten == text ? source : .edited(path, text: rewritten)
        case .edited(let path, let text):
            return .edited(path, text: paths.rewrite(text))
        }
    }

    /// The kit's paths, sorted.
    public var paths: [String] {
        files.keys.sorted()
    }

    /// Writes the kit into `destination` (an empty or absent folder is
    /// expected; the caller clears it).
    public func write(from tree: FileTree, to destination: FileTree) throws(StripperError) {
        for path in paths {
            switch files[path]! {
            case .copy(let source): try destination.copy(source, from: tree, to: path)
            case .text(let text): try destination.write(text, to: path)
            case .edited(let source, let text):
                try destination.write(text, to: path)
                try destination.copyPermissions(of: source, from: tree, to: path)
            }
        }
    }

    /// The teacher's Makefile with the core defaulting to `kernel`.
    static func studentMakefile(_ makefile: String) throws(StripperError) -> String {
        let pattern = /(?m)^CORE(\s*)\?=(\s*)reference\s*$/
        guard let match = makefile.firstMatch(of: pattern) else {
            throw StripperError(file: "Makefile", "no 'CORE ?= reference' line to point at kernel/ for the student kit")
        }
        return makefile.replacingCharacters(in: match.range, with: "CORE\(match.1)?=\(match.2)kernel")
    }

    /// The kit's front page: the two commands of a first run, then where
    /// to read.
    static func readme(_ assignment: String) -> String {
        let number = Int(assignment.prefix(2)) ?? 0
        return """
            # Student kit: \(assignment)

            ```sh
            make setup          # once: installs qemu, gdb and the grader's libraries (asks for sudo)
            make assignment-\(number)   # builds your kernel and grades it on the public tests
            ```

            You need Swift 6.3 on your PATH (`make setup` says so when it is
            missing). `make assignment-\(number)` uses the prebuilt grader in
            `bin/grader`, so it starts grading at once; without it (a clone
            of your repository, another machine) it builds the grader from
            `grader/` first, which takes a few minutes once. Reports go to
            `build/grader-out/\(assignment)/`.

            Your kernel core is in `kernel/`. Read `assignments/\(assignment)/subject.md`
            for what to write, and `docs/book/00-workflow.md` for how to build,
            test, debug and read your feedback:

                make assignment-\(number)     build and run the public tests
                make qemu ASSIGNMENT=\(assignment) TEST=<name>
                make gdb  ASSIGNMENT=\(assignment) TEST=<name>

            On your own machine, without qemu (seconds; a test that needs the
            hardware is skipped, and your grade is still the qemu run's):

                make assignment-\(number) HOST=1
                make qemu ASSIGNMENT=\(assignment) TEST=<name> HOST=1
                make lldb ASSIGNMENT=\(assignment) TEST=<name> [BREAK=kernel/<file>.swift:<line>]

            `make lldb` runs one test under lldb; by hand:
            `lldb build/host/\(assignment).host -- test=<name>`, then `run`.

            """
    }

    /// The kit's .gitignore: everything a build, a run or the grader
    /// writes, and the prebuilt grader (a large binary, rebuilt from
    /// grader/ where it is missing), so neither git nor a student's
    /// repository sees them.
    static let gitignore = """
        # Build outputs: kernel images, the grader's reports and caches (build/),
        # SwiftPM's builds, and the prebuilt grader (make assignment-N rebuilds it
        # from grader/ when it is missing).
        /build/
        /.build/
        /.build-*/
        /.swiftpm/
        /bin/
        /grader-out/
        *.o
        *.elf

        """
}
