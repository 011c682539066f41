// grader/Reports/EscapeSequence.swift -- cutting one ANSI escape sequence off some text.
//
// ReportText removes every escape sequence a kernel prints (or keeps only
// the colour ones); this file knows where a sequence ends.

/// One ANSI escape sequence, cut off the front of some text.
///
/// Recognised forms (ECMA-48): CSI `ESC [ params intermediates final`,
/// string commands (OSC `ESC ]`, DCS `ESC P`, SOS `ESC X`, PM `ESC ^`,
/// APC `ESC _`) ended by BEL or `ESC \`, and the short `ESC intermediates
/// final` forms. An unfinished sequence runs to the end of the text.
struct EscapeSequence {
    /// The whole sequence, ESC included.
    var scalars: Substring.UnicodeScalarView
    /// True for Select Graphic Rendition (`ESC [ digits;... m`): colour.
    var isColor: Bool

    /// Removes the sequence at the start of `text` (which starts with ESC)
    /// and returns it.
    static func split(_ text: inout Substring.UnicodeScalarView) -> EscapeSequence {
        // 1. Find where the sequence ends, by its introducer.
        let start = text.startIndex
        let introducer = text.index(after: start)
        let end: String.Index
        var isColor = false
        if introducer == text.endIndex {
            end = introducer
        } else {
            switch text[introducer] {
            case "[":
                end = endOfControlSequence(text, from: text.index(after: introducer))
                isColor = text[text.index(before: end)] == "m" && isSGR(text[text.index(after: introducer)..<end])
            case "]", "P", "X", "^", "_":
                end = endOfCommandString(text, from: text.index(after: introducer))
            default:
                end = endOfShortSequence(text, from: introducer)
            }
        }
        // 2. Cut it off.
        let sequence = EscapeSequence(scalars: text[start..<end], isColor: isColor)
        text = text[end...]
        return sequence
    }

    /// After `ESC [`: parameter and intermediate bytes, then one final
    /// byte in 0x40...0x7E.
    private static func endOfControlSequence(_ text: Substring.UnicodeScalarView, from index: String.Index) -> String.Index {
        var index = index
        while index < text.endIndex {
            let value = text[index].value
            index = text.index(after: index)
            if (0x40...0x7E).contains(value) { return index }
            if !(0x20...0x3F).contains(value) { return text.index(before: index) }
        }
        return index
    }

    /// A string command ends at BEL or at the string terminator `ESC \`.
    private static func endOfCommandString(_ text: Substring.UnicodeScalarView, from index: String.Index) -> String.Index {
        var index = index
        while index < text.endIndex {
            let scalar = text[index]
            index = text.index(after: index)
            if scalar == "\u{07}" { return index }
            if scalar == "\u{1B}" {
                return index < text.endIndex && text[index] == "\\" ? text.index(after: index) : text.index(before: index)
            }
        }
        return index
    }

    /// `ESC`, intermediate bytes 0x20...0x2F, one final byte 0x30...0x7E
    /// (`ESC c`, `ESC ( B`, ...). Anything else ends the sequence at ESC.
    private static func endOfShortSequence(_ text: Substring.UnicodeScalarView, from index: String.Index) -> String.Index {
        var index = index
        while index < text.endIndex, (0x20...0x2F).contains(text[index].value) {
            index = text.index(after: index)
        }
        guard index < text.endIndex, (0x30...0x7E).contains(text[index].value) else { return index }
        return text.index(after: index)
    }

    /// SGR parameters are digits and semicolons only.
    private static func isSGR(_ body: Substring.UnicodeScalarView) -> Bool {
        body.dropLast().allSatisfy { ("0"..."9").contains($0) || $0 == ";" }
    }
}
