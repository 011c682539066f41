// grader/Stripper/SkeletonBuilder.swift -- cutting every skeleton out of the reference.
//
// The reference is read and parsed once; each skeleton is then a pure
// function of the parsed files and the assignment's position, so the
// output is the same on every run and every machine.

/// Builds skeletons from a reference tree.
public struct SkeletonBuilder: Sendable {
    /// File name endings whose markers are understood (languages with `//`
    /// comments); other files are copied as they are.
    public static let markedExtensions: Set<String> = ["swift", "S", "s", "h", "c"]
    /// The README of each generated tree: its cut manifest (CutManifest.swift).
    public static let readmeName = "README.md"

    /// The course the skeletons are cut for.
    public let curriculum: Curriculum
    /// The parsed reference files, sorted by path.
    public let files: [MarkedFile]
    /// The parsed machine files (machine/: shared, ia32, host), sorted by
    /// path: the machine layer is cut like the core (the students of
    /// 03-region write the page tables).
    public let machineFiles: [MarkedFile]
    /// The reference folder, relative to the kit's root (for line maps).
    public let reference: String
    /// The machine layer's folder, relative to the kit's root.
    public static let machineRoot = "machine"

    /// Reads and parses every file of `reference` and of the machine
    /// folder (relative to `tree`).
    ///
    /// Steps:
    /// 1. parse both folders (a tree without a machine folder has none);
    /// 2. refuse a reference README, which would clash with the cut manifest.
    public init(
        tree: FileTree, reference: String = "reference", curriculum: Curriculum = .course
    ) throws(StripperError) {
        let parser = MarkerParser(curriculum: curriculum)
        let files = try Self.parse(reference, in: tree, with: parser)                 // 1.
        let machineFiles = try Self.parse(Self.machineRoot, in: tree, with: parser)
        if files.contains(where: { $0.path == Self.readmeName }) {                   // 2.
            throw StripperError(file: "\(reference)/\(Self.readmeName)",
                                "the reference may not have a README.md: each skeleton gets its cut manifest as README.md")
        }
        self.curriculum = curriculum
        self.files = files
        self.machineFiles = machineFiles
        self.reference = reference
    }

    /// Every file under `folder` of `tree`, parsed; paths relative to `folder`.
    ///
    /// Steps: 1. list the files (hidden files are editor litter); 2. parse
    /// the marked ones; a verbatim file must not contain markers.
    static func parse(_ folder: String, in tree: FileTree, with parser: MarkerParser) throws(StripperError) -> [MarkedFile] {
        var files: [MarkedFile] = []
        for path in tree.files(under: folder, hidden: false) {                      // 1.
            let shown = "\(folder)/\(path)"
            let text = try tree.read(shown)
            if Self.markedExtensions.contains(Self.fileExtension(path)) {            // 2.
                var file = try parser.parse(text, path: shown)
                file.path = path
                files.append(file)
            } else {
                try Self.refuseMarkers(in: text, path: shown)
                files.append(MarkedFile.verbatim(path: path, text: text))
            }
        }
        return files
    }

    /// A builder over already parsed files (for tests).
    public init(files: [MarkedFile], machineFiles: [MarkedFile] = [], curriculum: Curriculum = .course) {
        self.curriculum = curriculum
        self.files = files.sorted { $0.path < $1.path }
        self.machineFiles = machineFiles.sorted { $0.path < $1.path }
        self.reference = "reference"
    }

    /// Every skeleton of the course, in order.
    public func skeletons() -> [Skeleton] {
        curriculum.assignments.map { skeleton(forPosition: curriculum.position(of: $0)!) }
    }

    /// The skeletons of `assignments` (course names), in the order given:
    /// `skeletons(for: curriculum.graded(in: tree))` cuts those with a rubric.
    public func skeletons(for assignments: [String]) throws(StripperError) -> [Skeleton] {
        var result: [Skeleton] = []
        for assignment in assignments { result.append(try skeleton(for: assignment)) }
        return result
    }

    /// The skeleton of `assignment`.
    public func skeleton(for assignment: String) throws(StripperError) -> Skeleton {
        skeleton(forPosition: try curriculum.require(assignment))
    }

    /// The skeleton of the assignment at `position`, with its cut manifest
    /// as README and its cut of the machine layer.
    func skeleton(forPosition position: Int) -> Skeleton {
        let assignment = curriculum.assignments[position]
        var result = Self.strip(files, from: reference, forPosition: position, in: curriculum)
        let readme = CutManifest(assignment: assignment, curriculum: curriculum, files: files, reference: reference,
                                 machineFiles: machineFiles).text
        result[Self.readmeName] = SkeletonFile(text: readme, source: nil, lineMap: LineMap())
        return Skeleton(assignment: assignment, files: result,
                        machine: Self.strip(machineFiles, from: Self.machineRoot, forPosition: position, in: curriculum))
    }

    /// `files` (of the folder `root`) as the skeleton at `position` shows them.
    static func strip(_ files: [MarkedFile], from root: String, forPosition position: Int,
                      in curriculum: Curriculum) -> [String: SkeletonFile] {
        var result: [String: SkeletonFile] = [:]
        for file in files {
            let stripped = file.stripped(forPosition: position, in: curriculum)
            result[file.path] = SkeletonFile(text: stripped.text, source: "\(root)/\(file.path)", lineMap: stripped.lineMap)
        }
        return result
    }

    /// The text after the last dot of the file name ("" without one).
    static func fileExtension(_ path: String) -> String {
        let name = path.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...])
    }

    /// Stops on a marker in a file the stripper does not strip: it would
    /// reach the students unchanged.
    static func refuseMarkers(in text: String, path: String) throws(StripperError) {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where line.contains("BEGIN ASSIGNMENT") || line.contains("END ASSIGNMENT") {
            throw StripperError(file: path, line: index + 1,
                                "assignment markers are only understood in .swift, .S, .h and .c files")
        }
    }
}

extension MarkedFile {
    /// A file copied as it is: one ordinary line per line.
    static func verbatim(path: String, text: String) -> MarkedFile {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if text.hasSuffix("\n") { lines.removeLast() }
        let pieces = lines.enumerated().map { index, line in
            MarkedPiece.line(SourceLine(number: index + 1, text: String(line)))
        }
        return MarkedFile(path: path, pieces: pieces, endsWithNewline: text.hasSuffix("\n"))
    }
}
