// grader/Scripts/ConversationOutcome.swift -- how a conversation went.

import GraderModel

/// The result of matching a run's output against its script.
public struct ConversationOutcome: Sendable, Equatable {
    /// The comparison to show, or nil when every expect was seen and no
    /// forbidden output appeared.
    public var mismatch: Mismatch?
    /// One sentence saying what went wrong (nil when nothing did).
    public var message: String?

    /// True when every expect was seen and no forbidden output appeared.
    public var matched: Bool { mismatch == nil }

    /// Creates an outcome.
    public init(mismatch: Mismatch? = nil, message: String? = nil) {
        self.mismatch = mismatch
        self.message = message
    }
}
