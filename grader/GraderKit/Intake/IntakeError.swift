// grader/GraderKit/Intake/IntakeError.swift -- why a submission was refused.
//
// An intake error never stops a batch: the submission it concerns scores 0
// with the error's description as the reason, and the others are graded.
// Every case names the file (the submission, and the entry inside it) so a
// teacher can point the student at the exact problem. Entry names and link
// targets come from the student: the description escapes every character
// outside the safe set (see EntryName) so none can inject into a report.

/// A submission the grader refuses to take in.
public enum IntakeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path does not exist or cannot be read.
    case unreadable(path: String, reason: String)
    /// The archive is damaged or not in the format its name says.
    case corruptArchive(path: String, reason: String)
    /// An entry's path is absolute or climbs out with `..`.
    case unsafePath(submission: String, entry: String)
    /// An entry's name holds a character outside the safe set, an empty
    /// component or one starting with `-` (see EntryName); `reason` says which.
    case unsafeName(submission: String, entry: String, reason: String)
    /// A symbolic link points outside the submission.
    case linkEscapes(submission: String, entry: String, target: String)
    /// A device, pipe, socket or hard link: nothing a source tree needs.
    case specialFile(submission: String, entry: String, kind: String)
    /// One file is bigger than the limit.
    case fileTooLarge(submission: String, entry: String, limit: Int)
    /// The whole submission unpacks to more than the limit (zip bomb).
    case submissionTooLarge(submission: String, limit: Int)
    /// More entries than the limit.
    case tooManyEntries(submission: String, limit: Int)
    /// The same path appears twice with different kinds or contents.
    case duplicateEntry(submission: String, entry: String)
    /// No regular file at all.
    case empty(path: String)
    /// A git repository could not be cloned or the ref does not exist.
    case gitFailed(repository: String, reason: String)
    /// A file the student owns is a symbolic link (owned files must be
    /// regular files: a link could make the grader read anything).
    case ownedFileIsLink(submission: String, entry: String)

    /// One line for the report, naming the file.
    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "\(path): cannot read the submission: \(reason)"
        case let .corruptArchive(path, reason):
            return "\(path): corrupt or unreadable archive: \(reason)"
        case let .unsafePath(submission, entry):
            return "\(submission): entry '\(safe(entry))' has an absolute path or climbs out with '..'"
        case let .unsafeName(submission, entry, reason):
            return "\(submission): entry '\(safe(entry))' is refused: \(reason); names may hold only ASCII letters, "
                + "digits, '.', '_' and '-' (other characters are shown as \\u{hex})"
        case let .linkEscapes(submission, entry, target):
            return "\(submission): symbolic link '\(safe(entry))' points outside the submission ('\(safe(target))')"
        case let .specialFile(submission, entry, kind):
            return "\(submission): '\(safe(entry))' is a \(kind); only regular files and folders are accepted"
        case let .fileTooLarge(submission, entry, limit):
            return "\(submission): '\(safe(entry))' is larger than the \(limit)-byte limit"
        case let .submissionTooLarge(submission, limit):
            return "\(submission): unpacks to more than the \(limit)-byte limit"
        case let .tooManyEntries(submission, limit):
            return "\(submission): holds more than \(limit) entries"
        case let .duplicateEntry(submission, entry):
            return "\(submission): '\(safe(entry))' appears twice"
        case let .empty(path):
            return "\(path): the submission holds no file"
        case let .gitFailed(repository, reason):
            return "\(repository): git failed: \(reason)"
        case let .ownedFileIsLink(submission, entry):
            return "\(submission): '\(safe(entry))' is one of your files but is a symbolic link; submit the file itself"
        }
    }

    /// A student-chosen name as a report may show it.
    private func safe(_ name: String) -> String { EntryName.escaped(name) }
}
