// grader/Stripper/KitPaths.swift -- the teacher's paths, told as a kit's.
//
// The teacher's tree keeps the core in reference/; a kit keeps it in
// kernel/. The book, the source headers (`// reference/set/list.swift --
// ...`), the grader's comments all name the teacher's paths, and a
// student who reads `reference/set/list.swift` finds no such file. The
// export rewrites every mention `reference/<path>` whose first component
// is a folder or file of the reference (`set`, `id`, ...) to
// `kernel/<path>`. Other mentions are left alone: `reference/` alone
// (the grader manual says a submission may be a copy of the teacher's
// tree, with reference/), or `grader-out/reference/...` (a mention
// preceded by a path character is part of another path).

/// Rewrites `reference/<path>` mentions to the kit's `kernel/<path>`.
public struct KitPaths: Sendable {
    /// The names directly under reference/ (`id`, `kernel`, `set`, `stats`).
    public var coreEntries: Set<String>

    /// The teacher's folder, and the kit's.
    public static let teacherCore = "reference/"
    public static let kitCore = "kernel/"

    /// A rewriter for a core whose top-level names are `coreEntries`.
    public init(coreEntries: Set<String>) {
        self.coreEntries = coreEntries
    }

    /// A rewriter for the core of a skeleton (its paths, `set/list.swift`).
    public init(corePaths: [String]) {
        self.init(coreEntries: Set(corePaths.compactMap { $0.split(separator: "/").first.map(String.init) }))
    }

    /// `text` with every rewritable mention pointing into kernel/.
    ///
    /// Steps:
    /// 1. find each `reference/` not preceded by a path character;
    /// 2. read the name after it (up to `/` or a character no path has);
    /// 3. a name of the core makes it `kernel/`; any other is kept.
    public func rewrite(_ text: String) -> String {
        var result = ""
        var rest = text[...]
        while let found = rest.range(of: Self.teacherCore) {                         // 1.
            result += rest[..<found.lowerBound]
            let before = found.lowerBound > text.startIndex ? text[text.index(before: found.lowerBound)] : " "
            let name = rest[found.upperBound...].prefix { Self.isNameCharacter($0) }     // 2.
            let ours = !Self.isPathCharacter(before) && coreEntries.contains(String(name))
            result += ours ? Self.kitCore : Self.teacherCore                           // 3.
            rest = rest[found.upperBound...]
        }
        return result + rest
    }

    /// Whether `character` may appear in a file or folder name.
    static func isNameCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || "_.-".contains(character)
    }

    /// Whether `character` may appear in a path (a name or a separator).
    static func isPathCharacter(_ character: Character) -> Bool {
        isNameCharacter(character) || character == "/"
    }
}
