// grader/Stripper/ManifestRewriter.swift -- the Package.swift of a student kit.
//
// A student kit has no reference/ (its core is kernel/), no stripper tool and
// no host test suites (they test the reference). The teacher's manifest
// is rewritten rather than kept in a second copy that would drift:
// * every string literal "reference" becomes "kernel";
// * every element of the `targets:` and `products:` arrays that names a
//   folder the kit does not ship, or a target removed that way, is
//   dropped, together with the comment lines just above it;
// * the names of folders the kit does not ship are dropped from string
//   arrays (the KernelCore excludes), where SwiftPM would warn;
// * package dependencies no remaining target uses are dropped (SwiftPM
//   would fetch them, and warn).
// The rewrite works on the text with a bracket-aware scanner; a manifest
// it cannot understand is an error, never a silently wrong kit.

/// Rewrites a package manifest for a student kit.
public struct ManifestRewriter: Sendable {
    /// Folders the teacher's tree has and the kit does not.
    public var removedFolders: [String]

    /// A rewriter dropping the targets that live in `removedFolders`.
    public init(removedFolders: [String] = ["Tests", "grader/stripper-cli", "skeleton", ".ci"]) {
        self.removedFolders = removedFolders
    }

    /// The kit's manifest.
    ///
    /// Steps:
    /// 1. the core folder is `kernel`;
    /// 2. drop the targets in removed folders, remembering their names;
    /// 3. drop the products built from those targets;
    /// 4. drop removed folders from the remaining string lists;
    /// 5. drop the package dependencies nothing uses any more.
    public func rewrite(_ manifest: String) throws(StripperError) -> String {
        var text = manifest.replacingOccurrences(of: "\"reference\"", with: "\"kernel\"")     // 1.
        var removedTargets: [String] = []
        text = try filterArray(labelled: "targets", in: text) { element in                   // 2.
            guard mentionsRemovedFolder(element) else { return true }
            if let name = element.firstMatch(of: /name:\s*"([^"]+)"/) { removedTargets.append(String(name.1)) }
            return false
        }
        text = try filterArray(labelled: "products", in: text) { element in                  // 3.
            !removedTargets.contains { element.contains("\"\($0)\"") }
        }
        for folder in removedFolders {                                                       // 4.
            text = text.replacingOccurrences(of: "\"\(folder)\", ", with: "")
                .replacingOccurrences(of: ", \"\(folder)\"", with: "")
        }
        let used = text                                                                      // 5.
        return try filterArray(labelled: "dependencies", in: text, required: false) { element in
            guard let url = element.firstMatch(of: /url:\s*"([^"]+)"/) else { return true }
            let name = url.1.split(separator: "/").last.map { String($0.replacing(".git", with: "")) } ?? ""
            return used.contains("package: \"\(name)\"")
        }
    }

    /// Whether a target declaration lives in a folder the kit lacks.
    func mentionsRemovedFolder(_ element: Substring) -> Bool {
        removedFolders.contains { element.contains("path: \"\($0)\"") || element.contains("path: \"\($0)/") }
    }

    /// `text` with the elements of the array after `label: [` kept only
    /// when `keep` says so. A missing array is an error when `required`.
    ///
    /// Steps:
    /// 1. find the array's opening bracket, at the start of a line;
    /// 2. split its contents at top-level commas (the text before an
    ///    element, comments included, belongs to it);
    /// 3. rebuild the array from the kept elements.
    func filterArray(
        labelled label: String, in text: String, required: Bool = true, keep: (Substring) -> Bool
    ) throws(StripperError) -> String {
        // 1. The label starts its line (`targets:` also appears inside products).
        let startsLine = { (range: Range<String.Index>) in
            text[..<range.lowerBound].reversed().prefix { $0 != "\n" }.allSatisfy { $0 == " " || $0 == "\t" }
        }
        guard let open = text.ranges(of: "\(label): [").first(where: startsLine) else {
            guard required else { return text }
            throw StripperError(file: "Package.swift", "no '\(label): [' array to rewrite for the student kit")
        }
        let (elements, close) = try Self.splitElements(text, from: open.upperBound)           // 2.
        let kept = elements.filter(keep).joined()                                           // 3.
        return String(text[..<open.upperBound]) + kept + String(text[close...])
    }

    /// The top-level elements of the array starting at `start` (each with
    /// its trailing comma) and the index of its closing bracket.
    static func splitElements(
        _ text: String, from start: String.Index
    ) throws(StripperError) -> ([Substring], String.Index) {
        var elements: [Substring] = []
        var depth = 0, inString = false, inComment = false
        var elementStart = start, index = start
        while index < text.endIndex {
            let char = text[index], next = text.index(after: index)
            if inComment {
                if char == "\n" { inComment = false }
            } else if inString {
                if char == "\\" { index = next < text.endIndex ? text.index(after: next) : next; continue }
                if char == "\"" { inString = false }
            } else if char == "/" && next < text.endIndex && text[next] == "/" {
                inComment = true
            } else if char == "\"" {
                inString = true
            } else if "([{".contains(char) {
                depth += 1
            } else if ")]}".contains(char) {
                if depth == 0 {
                    // A last element without a comma; the whitespace before
                    // the closing bracket stays with the bracket.
                    let tail = text[elementStart..<index]
                    let end = tail.lastIndex { !$0.isWhitespace }.map { text.index(after: $0) } ?? elementStart
                    if end > elementStart { elements.append(text[elementStart..<end]) }
                    return (elements, end)
                }
                depth -= 1
            } else if char == "," && depth == 0 {
                elements.append(text[elementStart...index])
                elementStart = next
            }
            index = next
        }
        throw StripperError(file: "Package.swift", "an array is not closed")
    }
}
