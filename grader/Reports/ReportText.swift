// grader/Reports/ReportText.swift -- making untrusted text safe for a report.
//
// Everything a report shows came, at some point, from a student's kernel:
// serial logs, failure messages, even test names echoed back. A kernel can
// print anything: NUL, terminal escape sequences, half a UTF-8 character,
// bytes XML 1.0 does not allow. libxml2's writer passes such characters
// through and produces a file no JUnit consumer can parse, a stray ESC
// sequence can repaint a teacher's terminal, and a NUL truncates C strings.
// So every writer sends its text through `ReportText.sanitize` first.

/// Turns untrusted text (serial output, messages) into text every report
/// format can carry.
///
/// The rules, applied scalar by scalar:
/// - invalid UTF-8 (raw serial bytes) decodes to U+FFFD (`decode(_:)`);
/// - `\r\n` and a lone `\r` become `\n` (serial consoles send CRLF);
/// - ANSI escape sequences are removed, or, with `keepingColor`, only the
///   colour ones (SGR, `ESC [ ... m`) are kept and every other one removed;
/// - characters XML 1.0 forbids or that print nothing (C0 and C1 controls
///   except tab and newline, DEL, U+FFFE, U+FFFF, NUL)
///   become a visible escape such as `\x01` or `\u{FFFE}`. (A literal
///   backslash stays as it is: `\x01` in a report may also be those four
///   characters in the log.)
public enum ReportText {
    /// What may survive sanitising.
    public enum Mode: Sendable {
        /// Plain text: no escape sequence at all (XML, HTML, Markdown).
        case plain
        /// Keep colour (SGR) sequences: terminals and Gradescope's `ansi` output.
        case keepingColor
    }

    /// Decodes raw bytes as UTF-8, replacing every invalid sequence
    /// (including encoded lone surrogates) with U+FFFD.
    public static func decode(_ bytes: some Collection<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Returns `text` made safe for a report (see the type's rules).
    public static func sanitize(_ text: String, mode: Mode = .plain) -> String {
        var output = String.UnicodeScalarView()
        var scalars = text.unicodeScalars[...]
        while let scalar = scalars.first {
            if scalar == "\u{1B}" {
                let sequence = EscapeSequence.split(&scalars)
                if mode == .keepingColor, sequence.isColor { output.append(contentsOf: sequence.scalars) }
                continue
            }
            scalars.removeFirst()
            if scalar == "\r" {
                // CRLF is one line end; a lone CR would make a terminal
                // overwrite the line ("FAIL\rPASS" shows "PASS").
                if scalars.first != "\n" { output.append("\n") }
                continue
            }
            appendVisibly(scalar, to: &output)
        }
        return String(output)
    }

    /// True when XML 1.0 allows `scalar` and it prints something (or is
    /// ordinary white space).
    static func isShowable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: true
        case 0x00...0x1F, 0x7F...0x9F: false
        case 0xFFFE, 0xFFFF: false
        default: true
        }
    }

    /// Appends `scalar`, or its visible escape when it cannot be shown.
    private static func appendVisibly(_ scalar: Unicode.Scalar, to output: inout String.UnicodeScalarView) {
        guard !isShowable(scalar) else {
            output.append(scalar)
            return
        }
        output.append(contentsOf: visibleEscape(scalar).unicodeScalars)
    }

    /// `\x01` for control characters, `\u{FFFE}` for the two noncharacters.
    static func visibleEscape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16)
        if scalar.value <= 0xFF {
            return "\\x" + (hex.count < 2 ? "0" + hex : hex)
        }
        return "\\u{" + hex.uppercased() + "}"
    }
}

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
