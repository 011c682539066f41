// reference/capability/capability_manager.swift -- the capability
// manager: makes capabilities, weakens them, checks them, kills them.
//
// The verbs:
//
//     reserve(object, operations, holder) -> capability   (a root record)
//     restrict(capability, operations)    -> capability   (fewer, a child)
//     verify(capability, needs)           the check, then the operations
//     give(capability, from, to)          the receiver holds it too
//     invalidate(capability)              it and every child die
//     release(capability, holder)         the holder lets go; the last
//                                         holder's release invalidates
//
// A capability is honoured when its record lives, its fields are the
// record's, its check is the keyed hash of those fields (under the
// local and global policies) and it allows the operation. Anything
// else is `permissionDenied`, and the kernel says no more: a program
// probing for a valid check learns nothing from the error.

import Machine

/// The probes of the capability manager, one per measured function.
enum CapabilityProbe {
    static let reserve = StatisticsManager.reserve(manager: "capability", function: "reserve")
    static let restrict = StatisticsManager.reserve(manager: "capability", function: "restrict")
    static let verify = StatisticsManager.reserve(manager: "capability", function: "verify")
    static let invalidate = StatisticsManager.reserve(manager: "capability", function: "invalidate")

    /// Reserves every probe above now.
    static func reserveAll() {
        let all = [reserve, restrict, verify, invalidate]
        _ = all.count
    }
}

/// Makes and checks capabilities.
public enum CapabilityManager {
    /// The data structure of the set of records.
    public typealias Store = BPlusTree<CapabilityRecord>

    /// This node's number (one node until the kernel is distributed).
    public static let node: UInt64 = 1

    /// Every live record; nil before `initialize`.
    nonisolated(unsafe) public internal(set) static var records: ObjectSet<Store>?
    /// How much capabilities are checked (`choose` changes it).
    nonisolated(unsafe) public internal(set) static var policy = CapabilityPolicy.local
    /// The secret of the check fields, drawn at `initialize`.
    nonisolated(unsafe) static var checkKey = SipHashKey(low: 0, high: 0)
    /// The secret of the messages' authentication codes (global policy).
    nonisolated(unsafe) static var messageKey = SipHashKey(low: 0, high: 0)

    /// Starts the manager: new secrets, no record.
    ///
    /// Steps: 1. refuse a second start; reserve the probes; 2. draw the
    /// two secrets from the machine; 3. reserve the set of records.
    public static func initialize() throws(KernelError) {
        // 1.
        if records != nil {
            throw KernelError.busy
        }
        CapabilityProbe.reserveAll()
        // 2.
        checkKey = SipHashKey(low: Machine.entropy(), high: Machine.entropy())
        messageKey = SipHashKey(low: Machine.entropy(), high: Machine.entropy())
        // 3.
        records = try SetManager.reserve(Store.self)
    }

    /// Stops the manager: every capability dies, the secrets are wiped.
    ///
    /// Steps: 1. give every record's identifier back; 2. release the set;
    /// 3. forget the secrets and the guarded tasks.
    public static func clean() throws(KernelError) {
        guard let all = records else {
            return
        }
        // 1.
        var every: [Identifier] = []
        try all.forEach { record in every.append(record.identifier) }
        for identifier in every {
            try all.remove(identifier)
            try IdentifierManager.release(identifier)
        }
        // 2.
        try SetManager.release(all)
        records = nil
        // 3.
        checkKey = SipHashKey(low: 0, high: 0)
        messageKey = SipHashKey(low: 0, high: 0)
        guardedTasks = []
    }

    /// Chooses the policy from now on.
    public static func choose(_ chosen: CapabilityPolicy) {
        policy = chosen
    }

    /// A capability for the object `object` allowing `operations`, held
    /// by the task `holder` (`unknownIdentifier` if either does not
    /// exist, `invalidArgument` for no operation at all).
    ///
    /// Steps: 1. check the object, the holder and the operations;
    /// 2. name a root record and store it; 3. sign it.
    public static func reserve(
        _ object: Identifier, _ operations: CapabilityOperations, holder: Identifier
    ) throws(KernelError) -> Capability {
        try StatisticsManager.measure(CapabilityProbe.reserve) { () throws(KernelError) in
            // 1.
            let all = try container()
            if !Kernel.objectExists(object) || !TaskManager.exist(holder) {
                throw KernelError.unknownIdentifier
            }
            // 2. and 3.
            return try make(object, operations, parent: 0, holders: [holder], in: all)
        }
    }

    /// A weaker copy of `capability`: the operations `operations`, which
    /// must be some of its own (`permissionDenied` otherwise, or if it
    /// does not verify), held by the same tasks. Invalidating
    /// `capability` later invalidates the copy too.
    public static func restrict(
        _ capability: Capability, to operations: CapabilityOperations
    ) throws(KernelError) -> Capability {
        try StatisticsManager.measure(CapabilityProbe.restrict) { () throws(KernelError) in
            let all = try container()
            let record = try verified(capability, needs: [], in: all)
            if !capability.operations.isSuperset(of: operations) {
                throw KernelError.permissionDenied
            }
            return try make(capability.object, operations, parent: record.identifier, holders: record.holders, in: all)
        }
    }

    /// Succeeds when `capability` is honoured for the operations `needs`;
    /// `permissionDenied` otherwise (invalidated, forged, too weak).
    public static func verify(_ capability: Capability, needs: CapabilityOperations) throws(KernelError) {
        try StatisticsManager.measure(CapabilityProbe.verify) { () throws(KernelError) in
            _ = try verified(capability, needs: needs, in: try container())
        }
    }

    /// True when the task `task` holds `capability` and it verifies.
    public static func holds(_ task: Identifier, _ capability: Capability) -> Bool {
        guard let all = records, let record = try? verified(capability, needs: [], in: all) else {
            return false
        }
        return record.holders.contains(task)
    }

    /// The task `giver`, which holds `capability` with `grant`, gives it
    /// to the task `receiver` (`unknownIdentifier` if the receiver does
    /// not exist, `permissionDenied` if the giver may not).
    public static func give(_ capability: Capability, from giver: Identifier, to receiver: Identifier) throws(KernelError) {
        let all = try container()
        let record = try verified(capability, needs: .grant, in: all)
        if !record.holders.contains(giver) {
            throw KernelError.permissionDenied
        }
        if !TaskManager.exist(receiver) {
            throw KernelError.unknownIdentifier
        }
        if !record.holders.contains(receiver) {
            try all.update(record.identifier) { stored in stored.holders.append(receiver) }
        }
    }

    /// Kills `capability` and every capability restricted from it,
    /// however far down (`permissionDenied` if it does not verify).
    ///
    /// Steps: 1. verify it; 2. collect its record and its descendants,
    /// generation by generation; 3. drop them all.
    public static func invalidate(_ capability: Capability) throws(KernelError) {
        try StatisticsManager.measure(CapabilityProbe.invalidate) { () throws(KernelError) in
            // 1.
            let all = try container()
            let record = try verified(capability, needs: [], in: all)
            // 2.
            var doomed = [record.identifier]
            var next = 0
            while next < doomed.count {
                let parent = doomed[next]
                try all.forEach { child in
                    if child.parent == parent { doomed.append(child.identifier) }
                }
                next += 1
            }
            // 3.
            for identifier in doomed {
                try all.remove(identifier)
                try IdentifierManager.release(identifier)
            }
        }
    }

    /// The task `holder` lets `capability` go; when no task holds it any
    /// more, it is invalidated (`permissionDenied` if `holder` does not
    /// hold it).
    public static func release(_ capability: Capability, holder: Identifier) throws(KernelError) {
        let all = try container()
        let record = try verified(capability, needs: [], in: all)
        guard record.holders.contains(holder) else {
            throw KernelError.permissionDenied
        }
        if record.holders.count == 1 {
            try invalidate(capability)
        } else {
            try all.update(record.identifier) { stored in stored.holders.removeAll { $0 == holder } }
        }
    }

    /// The record `record`.
    public static func get(_ record: Identifier) throws(KernelError) -> CapabilityRecord {
        try container().get(record)
    }

    /// True if the record `record` lives.
    public static func exist(_ record: Identifier) -> Bool {
        records?.exist(record) ?? false
    }

    /// Prints one record.
    public static func show(_ record: Identifier) throws(KernelError) {
        try container().get(record).show()
    }

    /// Prints the policy and every record.
    public static func dump() {
        guard let all = records else {
            print("capabilities: none (the manager is not initialised)")
            return
        }
        print("capabilities: \(all.storedCount), policy \(policy.name)")
        do throws(KernelError) {
            try all.forEach { record in record.show() }
        } catch {
            print("  walk failed: \(error.description)")
        }
    }

    // MARK: messages between nodes (global policy)

    /// The authentication code a message leaving the node carries under
    /// the global policy (0 under the others, where nothing is sent).
    public static func authenticate(_ bytes: [UInt8]) -> UInt64 {
        policy == .global ? SipHash24.hash(bytes, key: messageKey) : 0
    }

    /// True when `code` authenticates `bytes`, or the policy is not global.
    public static func authenticated(_ bytes: [UInt8], code: UInt64) -> Bool {
        policy != .global || SipHash24.hash(bytes, key: messageKey) == code
    }

    // MARK: inside

    /// The check of these fields under the boot's secret.
    static func check(_ object: Identifier, _ operations: CapabilityOperations, record: Identifier) -> UInt64 {
        SipHash24.hash(words: [node, object, UInt64(operations.rawValue), record], key: checkKey)
    }

    /// Names, stores and signs a new record.
    static func make(
        _ object: Identifier, _ operations: CapabilityOperations, parent: Identifier, holders: [Identifier],
        in all: ObjectSet<Store>
    ) throws(KernelError) -> Capability {
        if operations.isEmpty || !CapabilityOperations.all.isSuperset(of: operations) {
            throw KernelError.invalidArgument
        }
        let identifier = try IdentifierManager.reserve(.capability)
        do throws(KernelError) {
            try all.add(CapabilityRecord(identifier: identifier, object: object, operations: operations,
                                         parent: parent, holders: holders))
        } catch {
            try? IdentifierManager.release(identifier)
            throw error
        }
        return Capability(node: node, object: object, operations: operations, record: identifier,
                          check: check(object, operations, record: identifier))
    }

    // excerpt: capability-verified
    /// The record of `capability` if it is honoured for `needs`;
    /// `permissionDenied` otherwise.
    ///
    /// Steps: 1. its record must live and name the same object on this
    /// node; 2. its operations must be the record's, its check the keyed
    /// hash (unless the policy is none); 3. they must include `needs`.
    static func verified(
        _ capability: Capability, needs: CapabilityOperations, in all: ObjectSet<Store>
    ) throws(KernelError) -> CapabilityRecord {
        // 1.
        guard capability.node == node, let record = try? all.get(capability.record),
              record.object == capability.object else {
            throw KernelError.permissionDenied
        }
        // 2.
        if capability.operations != record.operations {
            throw KernelError.permissionDenied
        }
        if policy != .none && capability.check != check(capability.object, capability.operations, record: record.identifier) {
            throw KernelError.permissionDenied
        }
        // 3.
        if !capability.operations.isSuperset(of: needs) {
            throw KernelError.permissionDenied
        }
        return record
    }
    // end excerpt

    /// The set of records, or `busy` before `initialize`.
    static func container() throws(KernelError) -> ObjectSet<Store> {
        guard let all = records else { throw KernelError.busy }
        return all
    }
}
