// reference/set/set_manager.swift -- the set manager and its container.
//
// Every set of the kernel is reserved here and kept in one special set,
// the set container, which holds the descriptors of all sets, its own
// included:
//
//     SetManager.container  (a LinkedList of SetDescriptor)
//     +-----------------------------------------------------------+
//     | set 0x..01 list   -> the container itself                 |
//     | set 0x..02 bpt    -> the segments of the kernel           |
//     | set 0x..03 list   -> the regions of an address space      |
//     +-----------------------------------------------------------+
//
// So the set manager stores its own data with itself, like every other
// manager, and `dump` can list every set whatever its implementation.

import Machine

/// Reserves, releases and lists the sets of the kernel.
public enum SetManager {
    /// The data structure of the container: change this one word to store
    /// the set descriptors differently.
    public typealias Container = ObjectSet<LinkedList<SetDescriptor>>

    /// The set of every set; nil before `initialize` and after `clean`.
    nonisolated(unsafe) public internal(set) static var container: Container?

    /// Starts the manager: reserves the container and puts it in itself.
    ///
    /// Steps: 1. refuse a second start, and reserve the statistics
    /// probes of the set operations (so a set's first operation allocates
    /// nothing for them); 2. build the container; 3. store it in itself,
    /// and make room in it for one more set; 4. tell the machine (if it
    /// refuses, empty the container, which breaks its reference to itself,
    /// and forget it).
    public static func initialize() throws(KernelError) {
        // 1.
        if container != nil {
            throw KernelError.busy
        }
        SetProbe.reserveAll()
        // 2.
        let set = try Container(identifier: try IdentifierManager.reserve(.set), options: [])
        // 3.
        try set.add(set)
        try makeRoom(in: set)
        container = set
        // 4.
        do {
            try Machine.setReserved(
                set.identifier, implementation: set.implementationName, elementKind: set.elementKind,
                options: 0, record: &set.machineRecord)
        } catch {
            try? set.retire()
            container = nil
            throw error
        }
    }

    /// Grows the container's structure by one set and gives the place
    /// back, by adding and removing a placeholder (identifier 0, which
    /// never names a set). Structures keep their capacity, so reserving and
    /// releasing a set later allocates nothing that outlives it: a leak
    /// check that starts just before a set is reserved and ends once it is
    /// released sees only what that set allocated.
    static func makeRoom(in set: Container) throws(KernelError) {
        try set.add(SetDescriptor(identifier: 0))
        try set.remove(0)
    }

    /// Stops the manager: releases every set, then the container.
    ///
    /// Steps: 1. release every set but the container (a walk that fails
    /// stops the clean with its error); 2. empty the container (which
    /// breaks its reference to itself) and forget it.
    public static func clean() throws(KernelError) {
        guard let all = container else {
            return
        }
        // 1.
        var others: [Identifier] = []
        try all.forEach { descriptor in
            if descriptor.identifier != all.identifier {
                others.append(descriptor.identifier)
            }
        }
        for identifier in others {
            try release(identifier)
        }
        // 2.
        try Machine.setReleasing(all.identifier, record: &all.machineRecord)
        try all.retire()
        container = nil
    }

    // excerpt: set-manager-reserve
    /// A new, empty set stored in `Implementation` (the one word a
    /// manager changes to store its objects differently).
    ///
    /// Steps: 1. find the container; 2. name and build the set;
    /// 3. record it in the container; 4. tell the machine.
    public static func reserve<Implementation: SetImplementation>(
        _ implementation: Implementation.Type = Implementation.self,
        options: SetOptions = []
    ) throws(KernelError) -> ObjectSet<Implementation> {
        // 1.
        guard let all = container else {
            throw KernelError.busy
        }
        // 2.
        let identifier = try IdentifierManager.reserve(.set)
        let set = try ObjectSet<Implementation>(identifier: identifier, options: options)
        // 3.
        try all.add(set)
        // 4.
        do {
            try Machine.setReserved(
                identifier, implementation: set.implementationName, elementKind: set.elementKind,
                options: options.rawValue, record: &set.machineRecord)
        } catch {
            try? all.remove(identifier)
            throw error
        }
        return set
    }
    // end excerpt

    /// Releases `set`: its objects are dropped and every later operation
    /// on it fails with `unknownIdentifier`.
    public static func release<Implementation>(_ set: ObjectSet<Implementation>) throws(KernelError) {
        try release(set.identifier)
    }

    /// Releases the set named `identifier`.
    ///
    /// Steps: 1. find it (the container itself cannot be released);
    /// 2. tell the machine first; 3. empty it; 4. drop it from the container.
    public static func release(_ identifier: Identifier) throws(KernelError) {
        // 1.
        let set = try get(identifier)
        if set.identifier == container?.identifier {
            throw KernelError.invalidArgument
        }
        // 2.
        try Machine.setReleasing(identifier, record: &set.machineRecord)
        // 3.
        try set.retire()
        // 4.
        try container?.remove(identifier)
    }

    /// The descriptor of the set named `identifier`.
    public static func get(_ identifier: Identifier) throws(KernelError) -> SetDescriptor {
        guard let all = container else {
            throw KernelError.unknownIdentifier
        }
        return try all.get(identifier)
    }

    /// True if a live set is named `identifier`.
    public static func exist(_ identifier: Identifier) -> Bool {
        container?.exist(identifier) ?? false
    }

    /// Prints one set and its objects.
    public static func show(_ identifier: Identifier) throws(KernelError) {
        try get(identifier).dump()
    }

    /// Prints every set of the kernel: identifier, implementation, size
    /// and kind of objects; if the container's walk fails, a last line
    /// names the error.
    public static func dump() {
        guard let all = container else {
            print("sets: none (the set manager is not initialised)")
            return
        }
        print("sets: \(all.storedCount)")
        do throws(KernelError) {
            try all.forEach { descriptor in descriptor.show() }
        } catch {
            print("  walk failed: \(error.description)")
        }
    }
}
