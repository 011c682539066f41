// reference/capability/node_link.swift -- messages that leave the node,
// and the code that proves where they come from (the global policy).
//
// A kernel spread over several machines (the paper's nodes) sends some
// messages over a network it does not trust: anyone on the wire can
// change a byte, or send a frame of their own. Under the global policy
// every frame that leaves a node carries an authentication code, the
// keyed hash (SipHash, under a secret of the kernel's) of everything the
// receiving node acts on -- the task, the type, the sender and the bytes
// -- and the receiving node drops a frame whose code is wrong:
//
//     node A                      wire                     node B
//     send(to: task, type, bytes) --> [header|bytes|code] --> code right?
//                                                             yes: queue it
//                                                             no: drop, count
//
// This kernel has one node, so the wire is a loopback: `send` puts the
// frame on it, `deliver` takes every frame off and hands the good ones
// to the message manager, as the receiving node would. A test can
// change a frame on the wire in between, as an attacker would.

import Machine

/// One message on the wire between nodes.
public struct NodeFrame: Sendable {
    /// The receiving task.
    public var task: Identifier
    /// The message's type.
    public var type: UInt32
    /// The sending task.
    public var sender: Identifier
    /// The message.
    public var bytes: [UInt8]
    /// The authentication code (0 unless the policy is global).
    public var code: UInt64

    /// What the code covers: the header's words, little-endian, then the
    /// bytes.
    var covered: [UInt8] {
        LittleEndian.bytes(of: [task, UInt64(type), sender]) + bytes
    }
}

/// The link to other nodes; with one node, a loopback.
public enum NodeLink {
    /// The frames sent and not yet delivered, oldest first.
    nonisolated(unsafe) public static var wire: [NodeFrame] = []
    /// Frames dropped on arrival because their code was wrong.
    nonisolated(unsafe) public private(set) static var forged: UInt64 = 0
    /// Frames dropped on arrival because the message manager refused
    /// them (an unknown task, a type it did not register, too big).
    nonisolated(unsafe) public private(set) static var undeliverable: UInt64 = 0

    /// Sends `bytes` as a `type` message from `sender` to the task `task`
    /// of the node `node` (`unknownIdentifier` for a node other than this
    /// one: there is no other yet). The frame carries the code of the
    /// global policy.
    public static func send(
        toNode node: UInt64, task: Identifier, type: UInt32, _ bytes: [UInt8], from sender: Identifier
    ) throws(KernelError) {
        if node != CapabilityManager.node {
            throw KernelError.unknownIdentifier
        }
        var frame = NodeFrame(task: task, type: type, sender: sender, bytes: bytes, code: 0)
        frame.code = CapabilityManager.authenticate(frame.covered)
        wire.append(frame)
    }

    // excerpt: node-link-deliver
    /// Takes every frame off the wire, as the receiving node: a frame
    /// whose code is wrong is dropped and counted (`forged`); the others
    /// go to the message manager (`undeliverable` counts its refusals).
    /// Returns how many were queued.
    ///
    /// Steps: 1. take the frames off; 2. check each one's code; 3. hand
    /// the good ones on.
    public static func deliver() -> Int {
        // 1.
        let arrived = wire
        wire.removeAll()
        var queued = 0
        for frame in arrived {
            // 2.
            if !CapabilityManager.authenticated(frame.covered, code: frame.code) {
                forged += 1
                continue
            }
            // 3.
            do throws(KernelError) {
                try MessageManager.send(to: frame.task, type: frame.type, frame.bytes, from: frame.sender)
                queued += 1
            } catch {
                undeliverable += 1
            }
        }
        return queued
    }
    // end excerpt
}
