// grader/Scripts/Diagnostics.swift -- errors in scripts and rubrics.
//
// A teacher who breaks a script must learn where and why before any
// submission is graded: the loader never stops at the first problem, it
// collects every one as a `ScriptDiagnostic` and throws them together as
// `ScriptErrors`. Each one prints like a compiler error,
// `file:line:column: error: what is wrong`, so editors can jump to it.

/// A position in a script or rubric file.
public struct FileLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The file's path, as the loader was given it.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column (counted in Unicode scalars, as the YAML parser does).
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int = 1, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`.
    public var description: String { "\(file):\(line):\(column)" }

    /// Orders by file, then line, then column.
    public static func < (lhs: FileLocation, rhs: FileLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// One problem found in a script or rubric.
public struct ScriptDiagnostic: Hashable, Sendable, CustomStringConvertible {
    /// Where the problem is.
    public var location: FileLocation
    /// What is wrong, in one sentence without a final period.
    public var message: String

    /// Creates a diagnostic.
    public init(_ message: String, at location: FileLocation) {
        self.location = location
        self.message = message
    }

    /// `file:line:column: error: message`.
    public var description: String { "\(location): error: \(message)" }
}

/// Every problem found while loading an assignment; the grader refuses to
/// grade until the list is empty.
public struct ScriptErrors: Error, Sendable, CustomStringConvertible {
    /// The problems, sorted by file and position.
    public var diagnostics: [ScriptDiagnostic]

    /// Creates the error from problems in any order.
    public init(_ diagnostics: [ScriptDiagnostic]) {
        self.diagnostics = diagnostics.sorted { $0.location < $1.location }
    }

    /// One diagnostic per line.
    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}

/// Accumulates diagnostics while a file is read, so one pass reports
/// every problem instead of the first.
struct DiagnosticLog {
    private(set) var diagnostics: [ScriptDiagnostic] = []

    var isEmpty: Bool { diagnostics.isEmpty }

    mutating func error(_ message: String, at location: FileLocation) {
        diagnostics.append(ScriptDiagnostic(message, at: location))
    }

    mutating func append(contentsOf other: DiagnosticLog) {
        diagnostics.append(contentsOf: other.diagnostics)
    }
}
