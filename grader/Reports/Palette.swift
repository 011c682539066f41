// grader/Reports/Palette.swift -- colour for terminals, decided once and passed along.
//
// Rainbow names the colours and styles; this file only decides whether to
// use them. Rainbow's own switches (`Rainbow.enabled`, `outputTarget`) are
// process-wide and judge the process's stdout, but the same summary is
// sometimes printed, sometimes stored in Gradescope's results.json, and
// rendered by tests running in parallel. So colour is a value here: a
// `Palette` either paints with Rainbow's codes or returns text unchanged.

import Foundation
import Rainbow

/// When the terminal summary should be coloured.
public enum ColorChoice: String, Sendable, CaseIterable {
    /// Colour when writing to a terminal and NO_COLOR is not set.
    case auto
    /// Always colour (for `less -R`, or a CI log that renders ANSI).
    case always
    /// Never colour.
    case never

    /// Applies the choice: `auto` colours only a terminal, and never when
    /// `NO_COLOR` is set to a non-empty value (https://no-color.org).
    public func resolve(isTerminal: Bool, environment: [String: String]) -> Bool {
        switch self {
        case .always: true
        case .never: false
        case .auto: isTerminal && (environment["NO_COLOR"] ?? "").isEmpty
        }
    }

    /// Applies the choice to this process's standard output.
    public func resolveForStandardOutput() -> Bool {
        resolve(isTerminal: isatty(STDOUT_FILENO) != 0, environment: ProcessInfo.processInfo.environment)
    }
}

/// Paints text with ANSI colours, or leaves it alone.
public struct Palette: Sendable {
    /// True when `paint` adds escape sequences.
    public var colored: Bool

    /// A palette that colours when `colored` is true.
    public init(colored: Bool) {
        self.colored = colored
    }

    /// `text` wrapped in the SGR sequence for `codes`, then a reset.
    public func paint(_ text: String, _ codes: any ModeCode...) -> String {
        guard colored, !codes.isEmpty, !text.isEmpty else { return text }
        let parameters = codes.flatMap(\.value).map(String.init).joined(separator: ";")
        return "\u{1B}[\(parameters)m\(text)\u{1B}[0m"
    }

    /// A diagnosis line styled by its tone; its text is sanitised first, so
    /// the kernel's own escape sequences never reach the terminal.
    public func paint(_ line: Diagnosis.Line) -> String {
        let text = ReportText.sanitize(line.text)
        return switch line.tone {
        case .normal: text
        case .heading: paint(text, Style.bold)
        case .good: paint(text, NamedColor.green)
        case .bad: paint(text, NamedColor.red)
        case .missing: paint(text, NamedColor.yellow)
        case .context: paint(text, Style.dim)
        case .hint: paint(text, NamedColor.cyan)
        }
    }

    /// The colour of a verdict: green pass, yellow skip, magenta for the
    /// grader's own trouble, red for everything the student must fix.
    public func paint(_ text: String, for outcome: Outcome) -> String {
        switch outcome {
        case .passed: paint(text, NamedColor.green, Style.bold)
        case .failed: paint(text, NamedColor.red, Style.bold)
        case .error: paint(text, NamedColor.magenta, Style.bold)
        case .skipped: paint(text, NamedColor.yellow)
        }
    }
}
