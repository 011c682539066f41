// grader/GraderKit/Similarity/SimilarityVariants.swift -- disguised copies, for the benchmark.
//
// `grader similarity-bench` needs a class of submissions without real
// students: it writes copies of the reference's owned files, each
// disguised the way a copier would, with a seeded generator so every run
// writes the same class:
//   * identifiers renamed (every lower-case word that is not a keyword,
//     consistently within the copy);
//   * blocks reordered (the pieces between blank lines, shuffled inside
//     each file: members and functions move);
//   * comments dropped and others written, indentation changed.
// Every copy is a copy: the check must flag every pair, so the figure is
// the worst case (every pair scored and its passages found).

import Foundation

/// A deterministic pseudo-random generator (splitmix64).
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator starting from `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        return Winnowing.mix(state)
    }
}

/// Writes disguised copies of source files.
public enum SimilarityVariants {
    /// `text` disguised as copy number `variant`.
    ///
    /// Steps: 1. drop comment lines and re-indent; 2. rename identifiers;
    /// 3. shuffle the blank-line-separated blocks; 4. add comments.
    public static func disguise(_ text: String, variant: Int) -> String {
        var random = SeededGenerator(seed: UInt64(variant) &* 7919 &+ 17)
        // 1.
        let indent = variant % 2 == 0 ? "  " : "\t"
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line -> String? in
            let body = line.drop { $0 == " " }
            if body.hasPrefix("//") { return nil }
            let depth = (line.count - body.count) / 4
            return String(repeating: indent, count: depth) + body
        }
        // 2.
        let renamed = rename(lines.joined(separator: "\n"), variant: variant)
        // 3.
        var blocks = renamed.components(separatedBy: "\n\n")
        blocks.shuffle(using: &random)
        // 4.
        return blocks.map { "// part \(random.next() % 1000) of copy \(variant)\n" + $0 }.joined(separator: "\n\n") + "\n"
    }

    /// Renames every lower-case word that is not a keyword to `v<n>_<variant>`.
    static func rename(_ text: String, variant: Int) -> String {
        var names: [String: String] = [:]
        var output = ""
        var word = ""
        func flush() {
            if let first = word.first, first.isLowercase, !SourceToken.keywords.contains(word) {
                if names[word] == nil { names[word] = "v\(names.count)_\(variant)" }
                output += names[word]!
            } else {
                output += word
            }
            word = ""
        }
        for character in text {
            if character.isLetter || character.isNumber || character == "_" {
                if word.isEmpty, character.isNumber { output.append(character); continue }
                word.append(character)
            } else {
                flush()
                output.append(character)
            }
        }
        flush()
        return output
    }

    /// Writes `count` disguised copies of `files` (path -> text) as
    /// `folder/student-NNN/kernel/<path>`; returns the submission folders.
    public static func writeClass(of files: [String: String], count: Int, into folder: URL) throws -> [URL] {
        var written: [URL] = []
        for number in 0 ..< count {
            let student = folder.appendingPathComponent(String(format: "student-%03d", number))
            for (path, text) in files {
                let target = student.appendingPathComponent("kernel").appendingPathComponent(path)
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(),
                                                        withIntermediateDirectories: true)
                try Data(disguise(text, variant: number).utf8).write(to: target)
            }
            written.append(student)
        }
        return written
    }
}
