// grader/GraderKit/Trust/Glob.swift -- matches the rubric's `student_files` patterns.
//
// Patterns are relative to the core root and use '/' between folders:
// `*`, `?` and `[...]` match within one name (fnmatch), and a whole `**`
// component matches any number of folders, including none:
// `set/*.swift`, `**/segment_*.swift`.

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One `student_files` pattern.
public struct GlobPattern: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written.
    public let description: String
    private let parts: [String]

    /// The pattern `text` (a leading "./" is ignored).
    public init(_ text: String) {
        description = text
        parts = text.split(separator: "/").map(String.init).filter { $0 != "." }
    }

    /// True when the relative path `path` matches.
    public func matches(_ path: String) -> Bool {
        GlobPattern.match(parts[...], path.split(separator: "/").map(String.init)[...])
    }

    /// The first folder of the pattern when it is literal ("set" for
    /// "set/*.swift"), used to recognise a bare core tree.
    public var literalHead: String? {
        guard parts.count > 1, let head = parts.first, !head.contains(where: { "*?[".contains($0) }) else {
            return nil
        }
        return head
    }

    private static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let head = pattern.first else { return path.isEmpty }
        if head == "**" {
            // Zero folders, or swallow one and try again.
            return match(pattern.dropFirst(), path) || (!path.isEmpty && match(pattern, path.dropFirst()))
        }
        guard let name = path.first, fnmatch(head, name, 0) == 0 else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }
}

extension Array where Element == GlobPattern {
    /// True when any pattern matches `path`.
    public func anyMatches(_ path: String) -> Bool {
        contains { $0.matches(path) }
    }
}
