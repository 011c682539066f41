// grader/Scripts/ConversationDriver.swift -- the matcher behind a callback.
//
// The runner reads qemu's serial port on its own task and wants a plain
// callback: "here is a line; anything to type?". A `ConversationMatcher`
// is a mutable value, so this class owns one behind a lock and offers it
// as such a callback, safe to call from any thread.

import Foundation

/// Drives a `ConversationMatcher` from the runner's serial callbacks.
public final class ConversationDriver: @unchecked Sendable {
    // The lock makes the class Sendable: every access to `matcher` holds it.
    private let lock = NSLock()
    private var matcher: ConversationMatcher

    /// A driver for `script`'s conversation.
    public init(script: TestScript) {
        matcher = ConversationMatcher(script: script)
    }

    /// The bytes to type as soon as the serial port is connected, if the
    /// conversation opens with `send` steps.
    public func start() -> [UInt8]? {
        lock.withLock { matcher.start() }
    }

    /// Takes one received serial line; returns the bytes to type now.
    public func received(_ line: String) -> [UInt8]? {
        lock.withLock { matcher.receive(line) }
    }

    /// True once every step was done: a runner may use it to stop waiting
    /// for more output once the test's verdict line has also arrived.
    public var conversationDone: Bool {
        lock.withLock { matcher.conversationDone }
    }

    /// How the conversation went so far.
    public func outcome() -> ConversationOutcome {
        lock.withLock { matcher.finish() }
    }
}
