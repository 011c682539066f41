// grader/Model/KernelCheck.swift -- one sub-check a kernel test reported.

/// A `KTEST CHECK` line of a run: one named part of a test that passed
/// or failed on its own. The runner reads it from the serial port; the
/// scorer turns it into points (it accepts the name with or without the
/// `<test>.` prefix).
public struct KernelCheck: Hashable, Sendable, Codable {
    /// The check's name, without the test's name before it
    /// (`first_add` for `set_add_get.first_add`).
    public var name: String
    /// True when the check passed.
    public var passed: Bool
    /// Why it failed (nil when it passed).
    public var message: String?

    /// A check with these values.
    public init(name: String, passed: Bool, message: String? = nil) {
        self.name = name
        self.passed = passed
        self.message = message
    }
}
