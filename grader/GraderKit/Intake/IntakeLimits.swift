// grader/GraderKit/Intake/IntakeLimits.swift -- how much a submission may hold.
//
// A submission is untrusted input: an archive can claim to hold a few
// kilobytes and inflate to gigabytes (a "zip bomb"), or hold thousands of
// tiny files. Every intake path counts against these limits while it reads,
// so it stops as soon as one is crossed instead of after the damage.

/// The size limits applied while taking a submission in.
public struct IntakeLimits: Sendable, Equatable {
    /// Largest single file, in bytes. Kernel sources are a few kilobytes.
    public var maxFileSize: Int
    /// Largest total of all files once unpacked, in bytes.
    public var maxTotalSize: Int
    /// Largest archive file on disk, in bytes (before unpacking).
    public var maxArchiveSize: Int
    /// Most entries (files, folders, links) a submission may hold.
    public var maxEntries: Int

    /// Limits with the given values.
    public init(maxFileSize: Int, maxTotalSize: Int, maxArchiveSize: Int, maxEntries: Int) {
        self.maxFileSize = maxFileSize
        self.maxTotalSize = maxTotalSize
        self.maxArchiveSize = maxArchiveSize
        self.maxEntries = maxEntries
    }

    /// Generous for a kernel tree, small enough that a batch of hundreds of
    /// hostile submissions cannot fill the disk: 2 MiB per file, 64 MiB in
    /// all, 20,000 entries.
    public static let standard = IntakeLimits(
        maxFileSize: 2 << 20, maxTotalSize: 64 << 20, maxArchiveSize: 64 << 20, maxEntries: 20_000)
}
