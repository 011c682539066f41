// grader/GraderKit/Similarity/ComparedSubmission.swift -- a submission's owned files, fingerprinted.
//
// The similarity check reads a submission exactly as grading does
// (Intake into a scratch folder, CoreRoot, the rubric's `student_files`
// and `machine_files`, the latter in machine/ beside the core)
// and keeps only the owned source files: a student's Makefile, notes or
// copies of kit files are not theirs and are not compared. The texts stay
// in memory (the HTML page quotes them); the scratch folder is removed
// before the next submission is read.

import Foundation

/// One owned source file: its lines, tokens and fingerprints.
public struct ComparedFile: Sendable {
    /// The path relative to the submission's core root (`set/stack.swift`;
    /// a machine file as `machine/ia32/paging.swift`).
    public var path: String
    /// The text's lines (for quoting passages).
    public var lines: [String]
    /// The normalised tokens.
    public var tokens: [SourceToken]
    /// The winnowed fingerprints.
    public var fingerprints: [Fingerprint]

    /// Reads `text` as the file `path`.
    public init(path: String, text: String, winnowing: Winnowing) {
        self.path = path
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        tokens = SwiftLexer.tokens(of: text)
        fingerprints = winnowing.fingerprints(of: tokens)
    }

    /// Lines `first...last` (1-based, clamped to the file).
    public func lines(_ first: Int, _ last: Int) -> [String] {
        let low = max(1, first), high = min(lines.count, last)
        return low <= high ? Array(lines[(low - 1) ..< high]) : []
    }
}

/// A submission as the similarity check compares it.
public struct ComparedSubmission: Sendable {
    /// The student's name (folder, archive or repository name; untrusted).
    public var name: String
    /// True for a submission of an earlier year (`--against`): compared
    /// with the current ones, never with the other earlier ones.
    public var isEarlier: Bool
    /// Its owned source files, sorted by path.
    public var files: [ComparedFile]
    /// Why it could not be read (intake refused it), or nil.
    public var refusal: String?

    /// A submission made of `files`.
    public init(name: String, isEarlier: Bool = false, files: [ComparedFile], refusal: String? = nil) {
        self.name = name
        self.isEarlier = isEarlier
        self.files = files.sorted { $0.path < $1.path }
        self.refusal = refusal
    }

    /// Texts by path, fingerprinted with `winnowing` (for tests and the benchmark).
    public init(name: String, isEarlier: Bool = false, texts: [String: String], winnowing: Winnowing = .standard) {
        self.init(name: name, isEarlier: isEarlier,
                  files: texts.map { ComparedFile(path: $0.key, text: $0.value, winnowing: winnowing) })
    }
}

/// Reads submissions for the similarity check.
public struct SimilarityReader: Sendable {
    /// The rubric's `student_files` patterns.
    public var owned: [GlobPattern]
    /// The rubric's `machine_files` patterns (relative to machine/).
    public var machineOwned: [GlobPattern] = []
    /// The kit core's file paths (to locate the core root on a tie).
    public var kitCore: Set<String>
    /// The fingerprinting parameters.
    public var winnowing: Winnowing
    /// Where scratch folders go.
    public var scratchFolder: URL
    /// The intake limits, as for grading.
    public var limits: IntakeLimits

    /// A reader of the files `owned` matches.
    public init(owned: [GlobPattern], kitCore: Set<String>, winnowing: Winnowing = .standard,
                scratchFolder: URL = FileManager.default.temporaryDirectory, limits: IntakeLimits = .standard) {
        self.owned = owned
        self.kitCore = kitCore
        self.winnowing = winnowing
        self.scratchFolder = scratchFolder
        self.limits = limits
    }

    /// File name endings read as source (the stripper's marked languages);
    /// an owned README or a binary is not compared.
    public static let sourceExtensions: Set<String> = ["swift", "S", "s", "h", "c"]

    /// Reads `source`; a refused submission comes back with its reason
    /// and no file, never as a thrown error.
    ///
    /// Steps: 1. a fresh owned scratch folder, removed at the end; 2. intake
    /// (names, links, sizes checked as for grading); 3. the core root and
    /// its owned source files, and the owned machine files beside it,
    /// read as UTF-8 (invalid bytes replaced).
    public func read(_ source: SubmissionSource, isEarlier: Bool = false) async -> ComparedSubmission {
        // 1.
        let scratch = scratchFolder.appendingPathComponent("grader-similarity-" + UUID().uuidString)
        defer { OwnedFolder.remove(scratch) }
        do {
            try OwnedFolder.create(at: scratch)
            // 2.
            let intake = try await Intake.take(source, into: scratch.appendingPathComponent("submission"), limits: limits)
            // 3.
            let coreRoot = CoreRoot.locate(in: intake.root, owned: owned, kitCore: kitCore)
            let core = coreRoot.isEmpty ? intake.root : intake.root.appendingPathComponent(coreRoot)
            let machine = intake.root.appendingPathComponent(Overlay.machineRoot(besides: coreRoot))
            let paths = FileTree.files(under: core).filter { owned.anyMatches($0) && Self.isSource($0) }
                .map { (shown: $0, url: core.appendingPathComponent($0)) }
                + (machineOwned.isEmpty ? [] : FileTree.files(under: machine)
                    .filter { machineOwned.anyMatches($0) && Self.isSource($0) }
                    .map { (shown: "machine/" + $0, url: machine.appendingPathComponent($0)) })
            let files = paths.compactMap { path -> ComparedFile? in
                guard let data = FileManager.default.contents(atPath: path.url.path), !data.contains(0) else { return nil }
                return ComparedFile(path: path.shown, text: String(decoding: data, as: UTF8.self), winnowing: winnowing)
            }
            return ComparedSubmission(name: source.name, isEarlier: isEarlier, files: files)
        } catch let error as IntakeError {
            return ComparedSubmission(name: source.name, isEarlier: isEarlier, files: [], refusal: error.description)
        } catch {
            return ComparedSubmission(name: source.name, isEarlier: isEarlier, files: [],
                                      refusal: "the scratch folder could not be made: \(error)")
        }
    }

    static func isSource(_ path: String) -> Bool {
        let name = path.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return false }
        return sourceExtensions.contains(String(name[name.index(after: dot)...]))
    }
}
