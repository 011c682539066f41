// Tests/KernelCoreTests/CapabilityTests.swift -- SipHash-2-4 against the
// paper's vectors; capabilities made, weakened, given, checked and
// killed; forged ones refused under the local policy and (by design)
// accepted under none; secrets drawn anew at every start.

import Testing
@testable import Kernel
@testable import Machine

extension Capability {
    /// The same capability with other operations and the same check: what
    /// a program that tries to widen its rights would send.
    func forged(operations: CapabilityOperations) -> Capability {
        Capability(node: node, object: object, operations: operations, record: record, check: check)
    }

    /// The same capability with another check: what a program that tries
    /// to guess one would send.
    func forged(check: UInt64) -> Capability {
        Capability(node: node, object: object, operations: operations, record: record, check: check)
    }
}

/// The key of the SipHash paper's vectors: bytes 00 01 .. 0f.
let vectorKey = SipHashKey(low: 0x0706_0504_0302_0100, high: 0x0f0e_0d0c_0b0a_0908)

@Suite struct SipHashVectors {
    @Test func thePapersVectors() {
        #expect(SipHash24.hash([], key: vectorKey) == 0x726f_db47_dd0e_0e31)
        #expect(SipHash24.hash([0x00], key: vectorKey) == 0x74f8_39c5_93dc_67fd)
        #expect(SipHash24.hash((0..<15).map { UInt8($0) }, key: vectorKey) == 0xa129_ca61_49be_45e5)
    }

    @Test func wordsHashAsTheirLittleEndianBytes() {
        let words: [UInt64] = [0x0706_0504_0302_0100, 0x0f0e_0d0c_0b0a_0908, 42]
        let bytes = words.flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) } }
        #expect(SipHash24.hash(words: words, key: vectorKey) == SipHash24.hash(bytes, key: vectorKey))
        // control: one bit of the key or of the message changes the tag
        let other = SipHashKey(low: vectorKey.low ^ 1, high: vectorKey.high)
        #expect(SipHash24.hash(words: words, key: other) != SipHash24.hash(words: words, key: vectorKey))
        #expect(SipHash24.hash(words: [words[0] ^ 1 << 63, words[1], words[2]], key: vectorKey)
            != SipHash24.hash(words: words, key: vectorKey))
    }
}

extension KernelManagers {
    @Suite struct CapabilityVerbs {
        /// A started kernel, the local policy, a program task and a segment.
        func setting() throws -> (task: Identifier, segment: Identifier) {
            try restartTasks()
            CapabilityManager.choose(.local)
            let task = try programTask()
            let space = try TaskManager.get(task).space
            let segment = try SegmentManager.reserve(space, size: pageSize, permissions: [.read, .write])
            return (task, segment)
        }

        @Test func aCapabilityVerifiesForItsOperationsOnly() throws {
            let (task, segment) = try setting()
            let capability = try CapabilityManager.reserve(segment, [.read, .write, .grant], holder: task)
            #expect(capability.object == segment && capability.node == CapabilityManager.node)
            try CapabilityManager.verify(capability, needs: [.read, .write])
            #expect(CapabilityManager.holds(task, capability))
            #expect(failure { () throws(KernelError) in try CapabilityManager.verify(capability, needs: .execute) }
                == .permissionDenied)
            // bad input: an object or holder that does not exist, no operation
            #expect(failure { () throws(KernelError) in _ = try CapabilityManager.reserve(0x7777, .read, holder: task) }
                == .unknownIdentifier)
            #expect(failure { () throws(KernelError) in _ = try CapabilityManager.reserve(segment, .read, holder: 0x7777) }
                == .unknownIdentifier)
            #expect(failure { () throws(KernelError) in _ = try CapabilityManager.reserve(segment, [], holder: task) }
                == .invalidArgument)
            CapabilityManager.dump()
            try CapabilityManager.show(capability.record)
        }

        @Test func aForgedCapabilityIsRefusedUnderTheLocalPolicy() throws {
            let (task, segment) = try setting()
            let reader = try CapabilityManager.reserve(segment, .read, holder: task)
            // widened: more operations, the same check
            #expect(failure { () throws(KernelError) in
                try CapabilityManager.verify(reader.forged(operations: [.read, .write]), needs: .write)
            } == .permissionDenied)
            // a guessed check
            #expect(failure { () throws(KernelError) in
                try CapabilityManager.verify(reader.forged(check: reader.check ^ 1), needs: .read)
            } == .permissionDenied)
            // under none the check is ignored (the record still rules the operations)
            CapabilityManager.choose(.none)
            try CapabilityManager.verify(reader.forged(check: reader.check ^ 1), needs: .read)
            #expect(failure { () throws(KernelError) in
                try CapabilityManager.verify(reader.forged(operations: [.read, .write]), needs: .write)
            } == .permissionDenied)
            CapabilityManager.choose(.local)
            // control: the genuine one verifies
            try CapabilityManager.verify(reader, needs: .read)
        }

        @Test func aRestrictedCapabilityCannotWriteNorWiden() throws {
            let (task, segment) = try setting()
            let owner = try CapabilityManager.reserve(segment, [.read, .write, .grant], holder: task)
            let reader = try CapabilityManager.restrict(owner, to: .read)
            try CapabilityManager.verify(reader, needs: .read)
            #expect(failure { () throws(KernelError) in try CapabilityManager.verify(reader, needs: .write) }
                == .permissionDenied)
            #expect(reader.check != owner.check && reader.record != owner.record)
            #expect(failure { () throws(KernelError) in _ = try CapabilityManager.restrict(reader, to: [.read, .write]) }
                == .permissionDenied)
            #expect(try CapabilityManager.get(reader.record).parent == owner.record)
        }

        @Test func invalidationKillsEveryDescendantAndNothingElse() throws {
            let (task, segment) = try setting()
            let owner = try CapabilityManager.reserve(segment, [.read, .write, .grant], holder: task)
            let middle = try CapabilityManager.restrict(owner, to: [.read, .grant])
            let leaf = try CapabilityManager.restrict(middle, to: .read)
            let sibling = try CapabilityManager.restrict(owner, to: .write)
            try CapabilityManager.invalidate(middle)
            for dead in [middle, leaf] {
                #expect(failure { () throws(KernelError) in try CapabilityManager.verify(dead, needs: .read) }
                    == .permissionDenied)
                #expect(!CapabilityManager.exist(dead.record))
            }
            // control: the parent and the sibling live
            try CapabilityManager.verify(owner, needs: .write)
            try CapabilityManager.verify(sibling, needs: .write)
            // an invalidated capability cannot be invalidated again
            #expect(failure { () throws(KernelError) in try CapabilityManager.invalidate(middle) } == .permissionDenied)
        }

        @Test func givingNeedsGrantAndTheLastReleaseInvalidates() throws {
            let (task, segment) = try setting()
            let other = try programTask()
            let reader = try CapabilityManager.reserve(segment, .read, holder: task)
            #expect(failure { () throws(KernelError) in try CapabilityManager.give(reader, from: task, to: other) }
                == .permissionDenied)
            let granter = try CapabilityManager.reserve(segment, [.read, .grant], holder: task)
            #expect(failure { () throws(KernelError) in try CapabilityManager.give(granter, from: other, to: task) }
                == .permissionDenied)
            try CapabilityManager.give(granter, from: task, to: other)
            #expect(CapabilityManager.holds(other, granter))
            try CapabilityManager.release(granter, holder: task)
            try CapabilityManager.verify(granter, needs: .read)
            try CapabilityManager.release(granter, holder: other)
            #expect(!CapabilityManager.exist(granter.record))
        }

        @Test func everyStartDrawsNewSecrets() throws {
            let (task, segment) = try setting()
            let before = try CapabilityManager.reserve(segment, .read, holder: task)
            let key = CapabilityManager.checkKey
            try Kernel.clean()
            #expect(CapabilityManager.records == nil && CapabilityManager.checkKey == SipHashKey(low: 0, high: 0))
            try Kernel.initialize()
            #expect(CapabilityManager.checkKey != key && CapabilityManager.checkKey != CapabilityManager.messageKey)
            // a capability of the last boot is dead
            #expect(failure { () throws(KernelError) in try CapabilityManager.verify(before, needs: .read) }
                == .permissionDenied)
        }

        @Test func messagesLeavingTheNodeAreAuthenticatedUnderGlobal() throws {
            _ = try setting()
            let message: [UInt8] = Array("ping 42".utf8)
            CapabilityManager.choose(.global)
            let code = CapabilityManager.authenticate(message)
            #expect(CapabilityManager.authenticated(message, code: code))
            var tampered = message
            tampered[5] ^= 1
            #expect(!CapabilityManager.authenticated(tampered, code: code))
            #expect(!CapabilityManager.authenticated(message, code: code ^ 1))
            // under local nothing leaves the node signed, nothing is checked
            CapabilityManager.choose(.local)
            #expect(CapabilityManager.authenticate(message) == 0 && CapabilityManager.authenticated(tampered, code: 0))
        }
    }
}
