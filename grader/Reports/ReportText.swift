// grader/Reports/ReportText.swift -- making untrusted text safe for a report.
//
// Everything a report shows came, at some point, from a student's kernel:
// serial logs, failure messages, even test names echoed back. A kernel can
// print anything: NUL, terminal escape sequences, half a UTF-8 character,
// bytes XML 1.0 does not allow. libxml2's writer passes such characters
// through and produces a file no JUnit consumer can parse, a stray ESC
// sequence can repaint a teacher's terminal, and a NUL truncates C strings.
// Worse, a kernel can try to forge the report itself: a lone carriage
// return used to start a new line (a fake "PASS" row), a line starting
// with `::` is a GitHub Actions workflow command once CI prints it, and
// the bidirectional controls reorder what a reader sees. So every writer
// sends its text through `ReportText.sanitize` first.

/// Turns untrusted text (serial output, messages) into text every report
/// format can carry.
///
/// The rules, applied scalar by scalar:
/// - invalid UTF-8 (raw serial bytes) decodes to U+FFFD (`decode(_:)`);
/// - `\r\n` becomes `\n` (serial consoles send CRLF); a lone `\r` becomes
///   the two characters `\r`, so it can neither start a line nor
///   overwrite one;
/// - ANSI escape sequences are removed, or, with `keepingColor`, only the
///   colour ones (SGR, `ESC [ ... m`) are kept and every other one removed;
/// - characters XML 1.0 forbids or that print nothing (C0 and C1 controls
///   except tab and newline, DEL, U+FFFE, U+FFFF, NUL), the bidirectional
///   controls and the Unicode line and paragraph separators
///   become a visible escape such as `\x01` or `\u{202E}` (see
///   `isShowable`);
/// - a CI workflow command is neutralised: a line whose first non-blank
///   characters are `::` gets a backslash in front of them (`\::error::`),
///   and `##[` anywhere becomes `#\#[` (see `WorkflowCommands`).
///
/// A literal backslash stays as it is: `\x01` in a report may also be
/// those four characters in the log.
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
        // 1. Cut escape sequences out, keeping colour when asked.
        // 2. Turn CRLF into LF and a lone CR into `\r`.
        // 3. Escape what cannot be shown; neutralise workflow commands.
        var output = String.UnicodeScalarView()
        var commands = WorkflowCommands()
        var scalars = text.unicodeScalars[...]
        while let scalar = scalars.first {
            // 1.
            if scalar == "\u{1B}" {
                let sequence = EscapeSequence.split(&scalars)
                if mode == .keepingColor, sequence.isColor { output.append(contentsOf: sequence.scalars) }
                continue
            }
            scalars.removeFirst()
            // 2.
            if scalar == "\r", scalars.first == "\n" { continue }
            if scalar == "\r" {
                commands.leaveLineStart()
                output.append(contentsOf: "\\r".unicodeScalars)
                continue
            }
            // 3.
            commands.neutralise(before: scalar, next: scalars.first, into: &output)
            appendVisibly(scalar, to: &output)
        }
        return String(output)
    }

    /// Escapes, in JSON text, the characters `isShowable` refuses that
    /// JSON itself leaves raw (the bidirectional controls, U+2028, U+2029,
    /// C1 controls, the noncharacters) as `\uXXXX`, and the second `#` of
    /// every `##[` as `\u0023` (a workflow command of the runner's older
    /// syntax works anywhere in a line). JSON decodes these back to the
    /// same characters, so the record stays lossless while a person (or a
    /// CI log) reading the file sees inert text. All of them can only occur
    /// inside strings, where `\uXXXX` is always valid.
    public static func escapingInJSON(_ json: String) -> String {
        var output = String.UnicodeScalarView()
        var scalars = json.unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            let breaksCommand = scalar == "#" && output.last == "#" && scalars.first == "["
            if (isShowable(scalar) || scalar.value < 0x20) && !breaksCommand {
                output.append(scalar)
            } else {
                let hex = String(scalar.value, radix: 16)
                output.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            }
        }
        return String(output)
    }

    /// True when XML 1.0 allows `scalar`, it prints something (or is
    /// ordinary white space) and it cannot change how other text reads:
    /// the bidirectional controls (U+061C, U+200E, U+200F, U+202A to
    /// U+202E, U+2066 to U+2069) reorder a line, and U+2028 and U+2029
    /// end one in some viewers; all of them are refused.
    static func isShowable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: true
        case 0x00...0x1F, 0x7F...0x9F: false
        case 0xFFFE, 0xFFFF: false
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: false
        case 0x2028, 0x2029: false
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

    /// `\x01` for control characters, `\u{FFFE}` or `\u{202E}` above U+00FF.
    static func visibleEscape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16)
        if scalar.value <= 0xFF {
            return "\\x" + (hex.count < 2 ? "0" + hex : hex)
        }
        return "\\u{" + hex.uppercased() + "}"
    }
}
