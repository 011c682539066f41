// grader/GraderKit/Docs/MarkdownText.swift -- the parts of a Markdown file the checks read.
//
// Not a Markdown renderer: just enough of GitHub's rules to tell prose from
// code (fenced blocks, inline code spans), to find the headings and to
// compute the anchors GitHub gives them. The link and excerpt checks build
// on it.

import Foundation

/// One line of a Markdown file, with whether it sits inside a fenced code block.
struct MarkdownLine: Sendable {
    /// 1-based line number.
    let number: Int
    /// The line without its end-of-line characters.
    let text: String
    /// True for a fence line itself and every line between two fences.
    let inFence: Bool
}

/// A Markdown file split into lines, with its fenced code blocks marked.
struct MarkdownText: Sendable {
    /// Every line of the file, in order.
    let lines: [MarkdownLine]

    /// Splits `text` into lines and marks the fenced code blocks.
    /// Steps: 1. split on newlines; 2. walk the lines, opening a fence on
    /// ``` or ~~~ (any indentation, so fences in list items count) and
    /// closing it on the same character repeated at least as often.
    init(_ text: String) {
        // 1.
        let raw = MarkdownText.splitLines(text)
        // 2.
        var result: [MarkdownLine] = []
        var open: (character: Character, count: Int)? = nil
        for (index, line) in raw.enumerated() {
            let fence = MarkdownText.fence(line)
            if let current = open {
                result.append(MarkdownLine(number: index + 1, text: line, inFence: true))
                if let fence, fence.character == current.character, fence.count >= current.count, fence.info.isEmpty {
                    open = nil
                }
            } else if let fence {
                result.append(MarkdownLine(number: index + 1, text: line, inFence: true))
                open = (fence.character, fence.count)
            } else {
                result.append(MarkdownLine(number: index + 1, text: line, inFence: false))
            }
        }
        lines = result
    }

    /// The lines of `text` (a final newline does not start a last, empty line;
    /// "\r\n" counts as one end of line).
    static func splitLines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// The fence a line opens or closes: its character, its length and
    /// the info string after it (`swift` in ```swift), or nil.
    static func fence(_ line: String) -> (character: Character, count: Int, info: String)? {
        let body = line.drop(while: { $0 == " " || $0 == "\t" })
        guard let first = body.first, first == "`" || first == "~" else { return nil }
        let count = body.prefix(while: { $0 == first }).count
        guard count >= 3 else { return nil }
        let info = body.dropFirst(count).trimmingCharacters(in: .whitespaces)
        // A backtick fence's info string cannot hold a backtick.
        if first == "`" && info.contains("`") { return nil }
        return (first, count, info)
    }

    /// `line` with its inline code spans blanked out, and the spans' contents.
    /// A span opens with a run of backticks and closes with a run of the same
    /// length; an unmatched run is ordinary text.
    static func codeSpans(_ line: String) -> (prose: String, spans: [String]) {
        let characters = Array(line)
        var prose = ""
        var spans: [String] = []
        var index = 0
        while index < characters.count {
            guard characters[index] == "`" else {
                prose.append(characters[index])
                index += 1
                continue
            }
            let run = characters[index...].prefix(while: { $0 == "`" }).count
            if let close = closingRun(characters, from: index + run, length: run) {
                spans.append(String(characters[(index + run)..<close]))
                prose += String(repeating: " ", count: close + run - index)
                index = close + run
            } else {
                prose += String(repeating: "`", count: run)
                index += run
            }
        }
        return (prose, spans)
    }

    /// Where a run of exactly `length` backticks starts at or after `start`.
    private static func closingRun(_ characters: [Character], from start: Int, length: Int) -> Int? {
        var index = start
        while index < characters.count {
            if characters[index] == "`" {
                let run = characters[index...].prefix(while: { $0 == "`" }).count
                if run == length { return index }
                index += run
            } else {
                index += 1
            }
        }
        return nil
    }

    /// The anchors of the file's headings, as GitHub makes them: ATX headings
    /// (`# Title`) and setext headings (a line of `=` or `-` under a
    /// paragraph line), outside fenced blocks; the second heading with the
    /// same slug gets "-1", the third "-2", and so on. Explicit HTML anchors
    /// (`<a name="x">`, `id="x"`) count too.
    var anchors: Set<String> {
        var seen: [String: Int] = [:]
        var result: Set<String> = []
        for (position, line) in lines.enumerated() where !line.inFence {
            for id in MarkdownText.htmlAnchors(line.text) { result.insert(id) }
            guard let title = heading(at: position) else { continue }
            let slug = MarkdownText.slug(title)
            let copies = seen[slug, default: 0]
            seen[slug] = copies + 1
            result.insert(copies == 0 ? slug : "\(slug)-\(copies)")
        }
        return result
    }

    /// The heading text on line `position`, or nil when it is not a heading.
    private func heading(at position: Int) -> String? {
        let text = lines[position].text
        let body = text.drop(while: { $0 == " " })
        if text.count - body.count <= 3, body.hasPrefix("#") {
            let level = body.prefix(while: { $0 == "#" }).count
            let rest = body.dropFirst(level)
            guard level <= 6, rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
            // A closing run of #s, preceded by a space, is not part of the title.
            var title = rest.trimmingCharacters(in: .whitespaces)
            while title.hasSuffix("#") { title.removeLast() }
            return title.trimmingCharacters(in: .whitespaces)
        }
        // Setext: this line is text, the next is all '=' or all '-'.
        guard position + 1 < lines.count, !lines[position + 1].inFence else { return nil }
        let under = lines[position + 1].text.trimmingCharacters(in: .whitespaces)
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, !under.isEmpty,
              under.allSatisfy({ $0 == "=" }) || under.allSatisfy({ $0 == "-" }),
              !(trimmed.hasPrefix("-") || trimmed.hasPrefix("*") || trimmed.hasPrefix(">") || trimmed.hasPrefix("|"))
        else { return nil }
        if position > 0, !lines[position - 1].inFence, !lines[position - 1].text.trimmingCharacters(in: .whitespaces).isEmpty {
            return nil  // a paragraph of several lines: rare in our docs, not counted
        }
        return trimmed
    }

    /// GitHub's anchor for a heading: the rendered text (code spans keep
    /// their content, links keep their text, emphasis and HTML tags go),
    /// lower-cased, every character that is not a letter, a digit, a
    /// space, '-' or '_' removed, and each space turned into '-'.
    static func slug(_ title: String) -> String {
        // Rendered text: code span contents stay as they are.
        var rendered = ""
        let pieces = splitKeepingCodeSpans(title)
        for piece in pieces {
            if piece.isCode {
                rendered += piece.text
            } else {
                var text = piece.text.replacing(#/!?\[([^\]]*)\]\([^)]*\)/#) { String($0.output.1) }
                text = text.replacing(#/<[^>]+>/#, with: "")
                rendered += dropEmphasisUnderscores(text)
            }
        }
        var slug = ""
        for character in rendered.lowercased() {
            if character == " " {
                slug.append("-")
            } else if character == "-" || character == "_" || character.isLetter || character.isNumber {
                slug.append(character)
            }
        }
        return slug
    }

    /// `text` without the underscores of `_emphasis_`: a run of
    /// underscores at a word's edge goes, one inside a word (snake_case) stays.
    private static func dropEmphasisUnderscores(_ text: String) -> String {
        let characters = Array(text)
        var result = ""
        var index = 0
        while index < characters.count {
            guard characters[index] == "_" else {
                result.append(characters[index])
                index += 1
                continue
            }
            let run = characters[index...].prefix(while: { $0 == "_" }).count
            let before = index > 0 ? characters[index - 1] : " "
            let after = index + run < characters.count ? characters[index + run] : " "
            if (before.isLetter || before.isNumber) && (after.isLetter || after.isNumber) {
                result += String(repeating: "_", count: run)
            }
            index += run
        }
        return result
    }

    /// `text` cut into code spans and the text between them.
    private static func splitKeepingCodeSpans(_ text: String) -> [(text: String, isCode: Bool)] {
        let (prose, spans) = codeSpans(text)
        guard !spans.isEmpty else { return [(text, false)] }
        // Rebuild the order: prose has each span blanked to spaces of the same
        // total width, so walk the original and the blanks together.
        var result: [(text: String, isCode: Bool)] = []
        var remaining = spans[...]
        let original = Array(text)
        let blanked = Array(prose)
        var index = 0
        var plain = ""
        while index < original.count {
            if original[index] == "`", blanked[index] == " ", let span = remaining.first {
                let run = original[index...].prefix(while: { $0 == "`" }).count
                result.append((plain, false))
                plain = ""
                result.append((span, true))
                remaining = remaining.dropFirst()
                index += run + span.count + run
            } else {
                plain.append(original[index])
                index += 1
            }
        }
        result.append((plain, false))
        return result
    }

    /// The ids of `<a name="x">` and `id="x"` on a line.
    static func htmlAnchors(_ line: String) -> [String] {
        line.matches(of: #/<[^>]*\b(?:name|id)="([^"]+)"/#).map { String($0.output.1) }
    }
}
