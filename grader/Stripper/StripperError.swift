// grader/Stripper/StripperError.swift -- what the stripper reports when it refuses.
//
// Every error names the file and, when it is about one line, the line, in
// the form compilers use (`path:line: error: message`), so an editor or a
// terminal can jump straight to it.

/// A reason the stripper cannot do its job, located in a file.
public struct StripperError: Error, Equatable, CustomStringConvertible {
    /// The file at fault, as the user would type it (relative to the tree).
    public var file: String
    /// The 1-based line at fault, or nil when the whole file is concerned.
    public var line: Int?
    /// What is wrong, in one sentence.
    public var message: String

    /// An error about `file` (and `line` when known).
    public init(file: String, line: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: error: message`, or `file: error: message`.
    public var description: String {
        if let line {
            return "\(file):\(line): error: \(message)"
        }
        return "\(file): error: \(message)"
    }
}
