// grader/Runner/RunnerError.swift -- what stops the runner before a verdict.
//
// These are the grader's own problems or the caller's mistakes, never the
// student's: a missing tool, an image that is not there. A kernel that
// misbehaves is not an error; it gets a verdict.

/// A host tool the runner needs, and the Debian package that provides it.
public struct RequiredTool: Equatable, Sendable {
    /// The command's name.
    public var command: String
    /// The Debian package to install.
    public var debianPackage: String

    /// qemu for 32-bit x86 guests.
    public static let qemu = RequiredTool(command: "qemu-system-i386", debianPackage: "qemu-system-x86")
    /// GNU make, which drives the kernel build.
    public static let make = RequiredTool(command: "make", debianPackage: "make")
}

/// Why the runner could not produce a verdict.
public enum RunnerError: Error, Equatable, CustomStringConvertible {
    /// A command is not installed.
    case missingTool(RequiredTool)
    /// The kit's own tool check failed; its one-line explanation.
    case toolCheckFailed(String)
    /// No file at this path.
    case imageNotFound(String)
    /// The image could not be read as an ELF32 file.
    case unreadableImage(path: String, reason: String)
    /// A test name that cannot go on the kernel command line.
    case invalidTestName(String)
    /// A process could not be started or watched.
    case processFailed(String)
    /// A program file beside the image that qemu cannot be given safely
    /// (a comma or a space in its path, or an odd name).
    case unsafeModule(String)

    /// One line for the user.
    public var description: String {
        switch self {
        case .missingTool(let tool):
            "\(tool.command) not found: install the Debian package \(tool.debianPackage)"
        case .toolCheckFailed(let line):
            line
        case .imageNotFound(let path):
            "no kernel image at \(path)"
        case .unreadableImage(let path, let reason):
            "cannot read the kernel image \(path): \(reason)"
        case .invalidTestName(let name):
            "invalid test name '\(name)': use letters, digits and _ only"
        case .processFailed(let reason):
            reason
        case .unsafeModule(let path):
            "cannot pass \(path) to qemu as a module: its path holds a comma or a space, or its name is not a plain word"
        }
    }
}
