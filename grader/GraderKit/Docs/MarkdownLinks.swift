// grader/GraderKit/Docs/MarkdownLinks.swift -- finds the links of a documentation tree that lead nowhere.
//
// Checks every .md file under a folder:
//   - relative links `[text](path)`, `[text](path#anchor)`, `[text](#anchor)`,
//     images and reference definitions (`[name]: path`): the file or folder
//     exists; an anchor into a Markdown file names one of its headings
//     (GitHub's slugs); `#L12` or `#L12-L20` into another file names lines
//     it has;
//   - code references in prose, `path/to/file.swift:123` or
//     `file.swift:12-20` (in inline code or not): the file exists and has
//     those lines. The path is taken from the root first, then from the
//     Markdown file's folder, then as the unique file under the root
//     whose path ends with it (`entry.swift` when there is one).
// Links with a scheme (https:, mailto:, ...) are not followed; fenced code
// blocks are not read (they show commands and output, not references),
// nor is `file:line:column` (a compiler diagnostic, shown as an example).
//
//     let broken = MarkdownLinks.broken(in: repo.appendingPathComponent("docs"), root: repo)
//     for link in broken { print(link) }   // docs/book/x.md:12: 'y.md#z': no heading ...

import Foundation

/// A link or code reference that leads nowhere.
public struct BrokenLink: Sendable, Hashable, CustomStringConvertible {
    /// The Markdown file, relative to the root of the check.
    public let file: String
    /// The 1-based line of the link in that file.
    public let line: Int
    /// The link's target as written (`../x.md#y`, `entry.swift:12`).
    public let target: String
    /// Why it is broken, in a few words.
    public let reason: String

    /// Creates a broken link.
    public init(file: String, line: Int, target: String, reason: String) {
        self.file = file
        self.line = line
        self.target = target
        self.reason = reason
    }

    /// `file:line: 'target': reason`, the form editors jump to.
    public var description: String { "\(file):\(line): '\(target)': \(reason)" }
}

/// Checks the links and code references of Markdown files.
public enum MarkdownLinks {
    /// The broken links of every .md file under `folder` (hidden folders
    /// and `build` folders are skipped), sorted by file and line.
    /// `root` is where code references start and what reported paths are
    /// relative to; it defaults to `folder`.
    public static func broken(in folder: URL, root: URL? = nil) -> [BrokenLink] {
        let checker = LinkChecker(root: (root ?? folder).standardizedFileURL)
        return DocTree.files(under: folder.standardizedFileURL)
            .filter { $0.pathExtension == "md" }
            .flatMap { checker.broken(inFile: $0) }
            .sorted { ($0.file, $0.line) < ($1.file, $1.line) }
    }

    /// The broken links of the single Markdown file `file`; `root` as above.
    public static func broken(inFile file: URL, root: URL) -> [BrokenLink] {
        LinkChecker(root: root.standardizedFileURL).broken(inFile: file.standardizedFileURL)
    }
}

/// The files under a folder, for walking a tree and for resolving short code references.
enum DocTree {
    /// Every regular file under `folder`, skipping hidden entries and folders named `build`.
    static func files(under folder: URL) -> [URL] {
        let keys: [URLResourceKey] = [.isDirectoryKey, .isRegularFileKey]
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles])
        else { return [] }
        var result: [URL] = []
        for case let url as URL in walker {
            let values = try? url.resourceValues(forKeys: Set(keys))
            if values?.isDirectory == true {
                if url.lastPathComponent == "build" { walker.skipDescendants() }
            } else if values?.isRegularFile == true {
                result.append(url.standardizedFileURL)
            }
        }
        return result.sorted { $0.path < $1.path }
    }

    /// `url`'s path relative to `root` ("a/b.md"), or its full path when outside.
    static func relative(_ url: URL, to root: URL) -> String {
        let base = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return url.path.hasPrefix(base) ? String(url.path.dropFirst(base.count)) : url.path
    }

    /// The number of lines of a text file (nil when it cannot be read as UTF-8).
    static func lineCount(_ url: URL) -> Int? {
        guard let data = FileManager.default.contents(atPath: url.path),
              let text = String(data: data, encoding: .utf8) else { return nil }
        return MarkdownText.splitLines(text).count
    }
}

/// One run of the check: the root, and the tree's files listed once.
final class LinkChecker {
    let root: URL
    private lazy var tree: [String] = DocTree.files(under: root).map { DocTree.relative($0, to: root) }

    init(root: URL) { self.root = root }

    /// The broken links and code references of one Markdown file.
    /// Steps: 1. read it; 2. for each line outside fences, check its links
    /// (code spans blanked) and its code references (code spans included).
    func broken(inFile file: URL) -> [BrokenLink] {
        let name = DocTree.relative(file, to: root)
        // 1.
        guard let data = FileManager.default.contents(atPath: file.path), let text = String(data: data, encoding: .utf8) else {
            return [BrokenLink(file: name, line: 1, target: name, reason: "cannot be read as UTF-8 text")]
        }
        let markdown = MarkdownText(text)
        var result: [BrokenLink] = []
        // 2.
        for line in markdown.lines where !line.inFence {
            let (prose, spans) = MarkdownText.codeSpans(line.text)
            for target in LinkChecker.linkTargets(prose) {
                if let reason = checkLink(target, from: file, markdown: markdown) {
                    result.append(BrokenLink(file: name, line: line.number, target: target, reason: reason))
                }
            }
            for piece in [prose] + spans {
                for reference in LinkChecker.codeReferences(piece) {
                    if let reason = checkCode(reference, from: file) {
                        result.append(BrokenLink(file: name, line: line.number, target: reference.text, reason: reason))
                    }
                }
            }
        }
        return result
    }

    // MARK: Links

    /// The targets of the inline links, images and reference definitions of a line.
    static func linkTargets(_ prose: String) -> [String] {
        var targets = prose.matches(of: #/\]\(\s*(?:<([^>]*)>|([^)\s]+))(?:\s+"[^"]*")?\s*\)/#).map {
            String($0.output.1 ?? $0.output.2 ?? "")
        }
        if let definition = prose.firstMatch(of: #/^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?/#) {
            targets.append(String(definition.output.1))
        }
        return targets
    }

    /// Why the link `target` written in `file` is broken, or nil.
    /// Steps: 1. skip links with a scheme; 2. split off the anchor and find
    /// the file; 3. check the anchor against the headings or the lines.
    func checkLink(_ target: String, from file: URL, markdown: MarkdownText) -> String? {
        // 1.
        if target.firstMatch(of: #/^[A-Za-z][A-Za-z0-9+.\-]*:/#) != nil { return nil }
        // 2.
        let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let pathPart = String(parts[0]).removingPercentEncoding ?? String(parts[0])
        let anchor = parts.count > 1 ? String(parts[1]) : nil
        let destination: URL
        if pathPart.isEmpty {
            destination = file
        } else if pathPart.hasPrefix("/") {
            destination = root.appendingPathComponent(String(pathPart.dropFirst())).standardizedFileURL
        } else {
            destination = file.deletingLastPathComponent().appendingPathComponent(pathPart).standardizedFileURL
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: destination.path, isDirectory: &isFolder) else {
            return "no such file"
        }
        // 3.
        guard let anchor, !anchor.isEmpty else { return nil }
        if isFolder.boolValue { return "an anchor into a folder" }
        if let lines = anchor.wholeMatch(of: #/L(\d+)(?:-L(\d+))?/#) {
            return checkLines(destination, first: Int(lines.output.1)!, last: lines.output.2.flatMap { Int($0) })
        }
        guard destination.pathExtension == "md" else { return "an anchor into a file that is not Markdown" }
        let headings: MarkdownText
        if destination == file {
            headings = markdown
        } else {
            guard let data = FileManager.default.contents(atPath: destination.path),
                  let text = String(data: data, encoding: .utf8) else { return "cannot be read as UTF-8 text" }
            headings = MarkdownText(text)
        }
        let wanted = (anchor.removingPercentEncoding ?? anchor).lowercased()
        return headings.anchors.contains(wanted) ? nil : "no heading with the anchor '#\(anchor)'"
    }

    // MARK: Code references

    /// A `path:line` or `path:first-last` found in prose.
    struct CodeReference: Hashable {
        let text: String
        let path: String
        let first: Int
        let last: Int?
    }

    /// The code references of a piece of text: a path ending in a known
    /// source extension (or `Makefile`), a colon and a line or a range,
    /// not followed by another `:number` (that is a compiler diagnostic).
    static func codeReferences(_ text: String) -> [CodeReference] {
        // The path must not continue a longer word or path (no lookbehind
        // in Swift's regexes: the character before is matched instead).
        let pattern = #/(?:^|[^\w./\-])((?:[\w.\-]+/)*(?:[\w.\-]+\.(?:swift|S|s|c|h|ld|yaml|yml|awk|mk|sh|gdb|md|json|py|modulemap)|Makefile)):(\d+)(?:-(\d+))?(?![\w]|:\d|-\d)/#
        return text.matches(of: pattern).compactMap { match in
            guard let first = Int(match.output.2) else { return nil }
            let written = "\(match.output.1):\(match.output.2)" + (match.output.3.map { "-\($0)" } ?? "")
            return CodeReference(text: written, path: String(match.output.1),
                                 first: first, last: match.output.3.flatMap { Int($0) })
        }
    }

    /// Why `reference` written in `file` is broken, or nil.
    func checkCode(_ reference: CodeReference, from file: URL) -> String? {
        let candidates = [root.appendingPathComponent(reference.path), file.deletingLastPathComponent().appendingPathComponent(reference.path)]
        if let found = candidates.map(\.standardizedFileURL).first(where: { FileManager.default.fileExists(atPath: $0.path) }) {
            return checkLines(found, first: reference.first, last: reference.last)
        }
        let matches = tree.filter { $0 == reference.path || $0.hasSuffix("/" + reference.path) }
        switch matches.count {
        case 0: return "no such file"
        case 1: return checkLines(root.appendingPathComponent(matches[0]), first: reference.first, last: reference.last)
        default: return "ambiguous: \(matches.count) files end in '\(reference.path)' (\(matches.prefix(3).joined(separator: ", ")))"
        }
    }

    /// Why lines `first` (to `last`) of `url` do not exist, or nil.
    func checkLines(_ url: URL, first: Int, last: Int?) -> String? {
        guard let count = DocTree.lineCount(url) else { return "cannot be read as UTF-8 text" }
        let end = last ?? first
        if first < 1 { return "lines start at 1" }
        if end < first { return "the range \(first)-\(end) runs backwards" }
        if end > count { return "line \(end) is past the end (the file has \(count) lines)" }
        return nil
    }
}
