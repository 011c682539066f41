// reference/set/object_set.swift -- one set, whatever its implementation.
//
// `ObjectSet<Implementation>` is what managers hold and call. It wraps a
// data structure (set_interface.swift) and adds what every set does the
// same way:
//
// * a released set refuses every operation (`unknownIdentifier`);
// * an identifier is never stored twice (`duplicateIdentifier`), checked
//   in O(1): the set keeps its own index from each identifier it holds to
//   that object's key, so even a pipe's push stays O(1), and a sorted
//   structure can find an identifier by its order (`locate`);
// * each operation is counted by the statistics manager;
// * walks report errors: `forEach` and `forEachBackward` (set_walk.swift)
//   throw what the structure throws instead of stopping silently.
//
// Every set is also a `SetDescriptor`, the record the set container keeps
// for it: its identifier, implementation name, size and element kind.
// That is how `SetManager.dump()` can list sets of every type at once.

import Machine

/// What the set container knows of a set, whatever its implementation.
///
/// Only `ObjectSet` creates descriptors; the container holds them.
public class SetDescriptor: SetObject {
    /// Sets are objects of kind "set".
    public static var kind: StaticString { "set" }

    /// The set's identifier.
    public let identifier: Identifier

    /// False once the set has been released.
    public internal(set) var isLive = true

    /// What the machine keeps about this set (its "machine fields"):
    /// the set manager hands it to the machine's hooks, never reads it.
    public internal(set) var machineRecord = Machine.SetRecord()

    /// A descriptor for the set `identifier`.
    init(identifier: Identifier) {
        self.identifier = identifier
    }

    /// The implementation's name ("list", "array", ...).
    public var implementationName: StaticString { "none" }

    /// The kind of the objects the set holds.
    public var elementKind: StaticString { "none" }

    /// The number of objects in the set; 0 once it is released.
    var storedCount: Int { 0 }

    /// The number of objects in the set.
    public func size() throws(KernelError) -> Int {
        if !isLive {
            throw KernelError.unknownIdentifier
        }
        return storedCount
    }

    /// True if the set keeps its objects in identifier order.
    public var isSorted: Bool { false }

    /// Prints the set's one-line summary (as an object of the container).
    public func show() {
        let order = isSorted ? " sorted" : ""
        print("  set 0x\(hexadecimal(identifier)) \(implementationName)\(order) size=\(storedCount) kind=\(elementKind)")
    }

    /// Prints every object of the set, one per line.
    public func showObjects() {}

    /// Prints the summary, then every object.
    public func dump() {
        show()
        showObjects()
    }

    /// Empties the set and marks it released (the set manager's `release`).
    func retire() throws(KernelError) {
        isLive = false
    }
}

/// Statistics probes of the set operations. `SetManager.initialize`
/// reserves them all (`reserveAll`), so the statistics table never grows
/// later: a set's first operation allocates nothing for its counters.
enum SetProbe {
    static let add = StatisticsManager.reserve(manager: "set", function: "add")
    static let insert = StatisticsManager.reserve(manager: "set", function: "insert")
    static let append = StatisticsManager.reserve(manager: "set", function: "append")
    static let push = StatisticsManager.reserve(manager: "set", function: "push")
    static let pop = StatisticsManager.reserve(manager: "set", function: "pop")
    static let pick = StatisticsManager.reserve(manager: "set", function: "pick")
    static let remove = StatisticsManager.reserve(manager: "set", function: "remove")
    static let delete = StatisticsManager.reserve(manager: "set", function: "delete")
    static let get = StatisticsManager.reserve(manager: "set", function: "get")
    static let locate = StatisticsManager.reserve(manager: "set", function: "locate")
    static let floor = StatisticsManager.reserve(manager: "set", function: "floor")
    static let ceiling = StatisticsManager.reserve(manager: "set", function: "ceiling")
    static let update = StatisticsManager.reserve(manager: "set", function: "update")
    static let flush = StatisticsManager.reserve(manager: "set", function: "flush")

    /// Reserves every probe above now (each `static let` is made the
    /// first time it is read).
    static func reserveAll() {
        let all = [add, insert, append, push, pop, pick, remove, delete, get, locate,
                   floor, ceiling, update, flush]
        _ = all.count
    }
}

/// A set of kernel objects stored in `Implementation`.
public final class ObjectSet<Implementation: SetImplementation>: SetDescriptor {
    /// The objects this set holds.
    public typealias Element = Implementation.Element
    /// A place in the set.
    public typealias Position = Implementation.Position

    /// The data structure.
    var storage: Implementation

    /// The key of each object the set holds, by identifier: the O(1)
    /// duplicate check, and the order `locate` searches for
    /// (identifier_table.swift). Emptied (and its memory freed) by
    /// `flush` and `release`.
    var members = IdentifierTable<UInt64>(vacant: 0)

    /// How many times objects were added, removed or given a new key:
    /// an add or a remove may move the others (a B+ tree splits and
    /// merges leaves, an array shifts), so a position found before is
    /// trusted only while this is unchanged. (`replace` never moves an
    /// object: see SetImplementation.)
    var layout: UInt32 = 0

    /// The last few finds, newest in turn: the set's look-aside buffer,
    /// as a processor's TLB is for pages (no memory until the first
    /// find, then one block of `recentCapacity` finds, kept until the
    /// set is released).
    var recent: [RecentFind] = []
    /// The slot of `recent` the next find fills.
    var recentNext = 0
    /// How many finds `recent` keeps: the message path's hot objects are
    /// two or three per set (two threads, two tasks, their segments).
    static var recentCapacity: Int { 4 }

    /// A find, remembered.
    struct RecentFind {
        /// The object's identifier.
        var identifier: Identifier
        /// Its key then.
        var key: UInt64
        /// Where it was.
        var position: Position
        /// The set's layout then: the find is good while it is the same.
        var layout: UInt32
    }

    /// A set named `identifier` over an empty `Implementation`.
    init(identifier: Identifier, options: SetOptions) throws(KernelError) {
        storage = try Implementation(options: options)
        super.init(identifier: identifier)
    }

    public override var implementationName: StaticString { Implementation.name }
    public override var elementKind: StaticString { Element.kind }
    override var storedCount: Int { isLive ? storage.count : 0 }
    public override var isSorted: Bool { storage.isSorted }

    override func retire() throws(KernelError) {
        layout &+= 1
        try storage.flush()
        members.removeAll()
        recent = []
        isLive = false
    }

    // MARK: adding

    // excerpt: object-set-add
    /// Adds `object` at the implementation's place (see set_interface.swift).
    ///
    /// Steps: 1. refuse a released set or a duplicate; 2. store; 3. index.
    public func add(_ object: Element) throws(KernelError) {
        try StatisticsManager.measure(SetProbe.add) { () throws(KernelError) in
            try admit(object)                        // 1.
            layout &+= 1                             // 2. (positions found before may move)
            try storage.add(object)
            members[object.identifier] = object.key  // 3.
        }
    }
    // end excerpt

    /// Adds `object` at the head of the set.
    ///
    /// Steps: 1. refuse a released set or a duplicate; 2. store; 3. index.
    public func insert(_ object: Element) throws(KernelError) {
        try StatisticsManager.measure(SetProbe.insert) { () throws(KernelError) in
            try admit(object)                        // 1.
            layout &+= 1                             // 2. (positions found before may move)
            try storage.insert(object)
            members[object.identifier] = object.key  // 3.
        }
    }

    /// Adds `object` at the tail of the set.
    ///
    /// Steps: 1. refuse a released set or a duplicate; 2. store; 3. index.
    public func append(_ object: Element) throws(KernelError) {
        try StatisticsManager.measure(SetProbe.append) { () throws(KernelError) in
            try admit(object)                        // 1.
            layout &+= 1                             // 2. (positions found before may move)
            try storage.append(object)
            members[object.identifier] = object.key  // 3.
        }
    }

    /// Pushes `object`: the same as `add`, in the vocabulary of stacks
    /// and pipes; O(1) when the structure's `add` is.
    ///
    /// Steps: 1. refuse a released set or a duplicate; 2. store; 3. index.
    public func push(_ object: Element) throws(KernelError) {
        try StatisticsManager.measure(SetProbe.push) { () throws(KernelError) in
            try admit(object)                        // 1.
            layout &+= 1                             // 2. (positions found before may move)
            try storage.add(object)
            members[object.identifier] = object.key  // 3.
        }
    }

    // MARK: taking

    /// The object `pop` would take (the head), left in the set.
    ///
    /// Steps: 1. refuse a released set; 2. refuse an empty one;
    /// 3. read the head.
    public func pick() throws(KernelError) -> Element {
        try StatisticsManager.measure(SetProbe.pick) { () throws(KernelError) in
            try alive()                              // 1.
            guard let head = try storage.head() else {
                throw KernelError.empty              // 2.
            }
            return try storage.object(at: head)      // 3.
        }
    }

    /// Removes the head and returns it: the top of a stack, the oldest
    /// object of a pipe, the smallest key of a sorted set.
    ///
    /// Steps: 1. refuse a released or empty set; 2. read the head;
    /// 3. delete it; 4. drop it from the index.
    public func pop() throws(KernelError) -> Element {
        try StatisticsManager.measure(SetProbe.pop) { () throws(KernelError) in
            try alive()                              // 1.
            guard let head = try storage.head() else {
                throw KernelError.empty
            }
            let object = try storage.object(at: head)  // 2.
            layout &+= 1
            try storage.delete(at: head)             // 3.
            members[object.identifier] = nil         // 4.
            return object
        }
    }

    /// Removes the object named `identifier`.
    ///
    /// Steps: 1. refuse a released set; 2. find the object; 3. delete it;
    /// 4. drop it from the index.
    public func remove(_ identifier: Identifier) throws(KernelError) {
        try StatisticsManager.measure(SetProbe.remove) { () throws(KernelError) in
            try alive()                              // 1.
            let position = try find(identifier)      // 2.
            layout &+= 1
            try storage.delete(at: position)         // 3.
            members[identifier] = nil                // 4.
        }
    }

    /// Removes the object at `position` (from `locate`, `head`, `next`...).
    ///
    /// Steps: 1. refuse a released set; 2. read the object (the
    /// implementation refuses a position that names no object); 3. delete
    /// it; 4. drop it from the index.
    public func delete(at position: Position) throws(KernelError) {
        try StatisticsManager.measure(SetProbe.delete) { () throws(KernelError) in
            try alive()                              // 1.
            let object = try storage.object(at: position)  // 2.
            layout &+= 1
            try storage.delete(at: position)         // 3.
            members[object.identifier] = nil         // 4.
        }
    }

    /// Removes every object; the set itself stays.
    ///
    /// Steps: 1. refuse a released set; 2. empty the structure; 3. empty
    /// the index, giving its memory back.
    public func flush() throws(KernelError) {
        try StatisticsManager.measure(SetProbe.flush) { () throws(KernelError) in
            try alive()                              // 1.
            layout &+= 1
            try storage.flush()                      // 2.
            members.removeAll()                            // 3.
        }
    }

    // MARK: changing in place

    /// Changes the object named `identifier` in place: `change` receives
    /// the object and modifies it; the set then holds the new value.
    /// Changing the identifier is refused (`invalidArgument`); changing
    /// the key of an object in a sorted set moves it to its new place.
    /// If `change` throws, the set is left as it was.
    ///
    /// Steps: 1. refuse a released set; find the object; 2. read it and
    /// apply the change to a copy; 3. refuse a new identifier; 4. the same
    /// order, or an unsorted set: replace in place; 5. a sorted set and a
    /// new order: delete, then add at the new place (restoring the old
    /// object if adding fails); 6. index the new key.
    public func update(
        _ identifier: Identifier, _ change: (inout Element) throws(KernelError) -> Void
    ) throws(KernelError) {
        try StatisticsManager.measure(SetProbe.update) { () throws(KernelError) in
            // 1.
            try alive()
            let position = try find(identifier)
            // 2.
            let old = try storage.object(at: position)
            var new = old
            try change(&new)
            // 3.
            if new.identifier != old.identifier {
                throw KernelError.invalidArgument
            }
            // 4.
            if !storage.isSorted || new.order == old.order {
                try storage.replace(at: position, with: new)
            } else {
                // 5.
                try replace(old, by: new, at: position)
            }
            // 6. (the index is a hash table: written only if the key moved)
            if new.key != old.key {
                members[identifier] = new.key
                layout &+= 1
            }
        }
    }

    /// Writes `object` over the object of the same identifier: `update`
    /// for a caller that holds the whole new object already (a plan of
    /// changes, lifecycle_plan.swift), which need not read the old one
    /// unless the object moves.
    ///
    /// Steps: 1. refuse a released set; find the object; 2. the same key
    /// (the index has it), or an unsorted set: replace in place; 3. else
    /// delete the old object and add the new one at its place; 4. index
    /// the new key.
    public func update(_ object: Element) throws(KernelError) {
        try StatisticsManager.measure(SetProbe.update) { () throws(KernelError) in
            // 1.
            try alive()
            let position = try find(object.identifier)
            let oldKey = members[object.identifier]
            // 2.
            if !storage.isSorted || oldKey == object.key {
                try storage.replace(at: position, with: object)
            } else {
                // 3.
                try replace(try storage.object(at: position), by: object, at: position)
            }
            // 4. (written only if the key moved)
            if oldKey != object.key {
                members[object.identifier] = object.key
                layout &+= 1
            }
        }
    }

    /// Lets `change` modify the object named `identifier` where it lies,
    /// and returns what it returns: `update` for a hot path (a thread's
    /// change of state, four times a message's round trip) without the
    /// copies `update` makes so as to leave the set as it was when
    /// `change` throws. Here, what `change` changed before throwing
    /// stays: it undoes that itself. A new key moves the object in a
    /// sorted set; a new identifier is a kernel bug, and stops it.
    ///
    /// Steps: 1. refuse a released set; find the object and its key;
    /// 2. change it in place; 3. the identifier must stay; 4. a new key:
    /// move the object in a sorted set, and index the key.
    public func modify<Result>(
        _ identifier: Identifier, _ change: (inout Element) throws(KernelError) -> Result
    ) throws(KernelError) -> Result {
        try StatisticsManager.measure(SetProbe.update) { () throws(KernelError) in
            // 1.
            try alive()
            let (position, oldKey) = try member(identifier)
            // 2.
            let result = try storage.modify(at: position, change)
            // 3.
            let (newIdentifier, newKey) = try storage.read(at: position) { ($0.identifier, $0.key) }
            precondition(newIdentifier == identifier, "ObjectSet.modify: a change gave an object a new identifier")
            // 4.
            if newKey != oldKey {
                if storage.isSorted {
                    try move(at: position)
                }
                members[identifier] = newKey
                layout &+= 1
            }
            return result
        }
    }

    // MARK: finding

    /// The object named `identifier`.
    ///
    /// Steps: 1. refuse a released set; 2. find it; 3. read it.
    public func get(_ identifier: Identifier) throws(KernelError) -> Element {
        try StatisticsManager.measure(SetProbe.get) { () throws(KernelError) in
            try alive()                              // 1.
            let position = try find(identifier)      // 2.
            return try storage.object(at: position)  // 3.
        }
    }

    /// What `part` reads of the object named `identifier`: `get` for a
    /// caller that wants a field or two, without a copy of the whole
    /// object (a task's space, a thread's state: the message path reads
    /// them several times a message).
    ///
    /// Steps: 1. refuse a released set; 2. find it; 3. let `part` read it.
    public func read<Part>(_ identifier: Identifier, _ part: (borrowing Element) -> Part) throws(KernelError) -> Part {
        try StatisticsManager.measure(SetProbe.get) { () throws(KernelError) in
            try alive()                                 // 1.
            let position = try find(identifier)         // 2.
            return try storage.read(at: position, part) // 3.
        }
    }

    /// True if the set is live and holds an object named `identifier`
    /// (one look in the index, O(1)).
    public func exist(_ identifier: Identifier) -> Bool {
        isLive && members[identifier] != nil
    }

    /// The position of the object named `identifier`.
    public func locate(_ identifier: Identifier) throws(KernelError) -> Position {
        try StatisticsManager.measure(SetProbe.locate) { () throws(KernelError) in
            try alive()
            return try find(identifier)
        }
    }

    /// The last object, in key order, whose key is at most `key` (the
    /// segment that may hold an address); nil if there is none.
    ///
    /// Steps: 1. refuse a released set; 2. ask the structure; 3. read it.
    public func floor(_ key: UInt64) throws(KernelError) -> Element? {
        try StatisticsManager.measure(SetProbe.floor) { () throws(KernelError) in
            try alive()                              // 1.
            guard let position = try storage.floor(key) else {
                return nil                           // 2.
            }
            return try storage.object(at: position)  // 3.
        }
    }

    /// The first object, in key order, whose key is at least `key`; nil
    /// if there is none.
    ///
    /// Steps: 1. refuse a released set; 2. ask the structure; 3. read it.
    public func ceiling(_ key: UInt64) throws(KernelError) -> Element? {
        try StatisticsManager.measure(SetProbe.ceiling) { () throws(KernelError) in
            try alive()                              // 1.
            guard let position = try storage.ceiling(key) else {
                return nil                           // 2.
            }
            return try storage.object(at: position)  // 3.
        }
    }

    // MARK: walking by position

    /// The position of the first object, nil if the set is empty.
    public func head() throws(KernelError) -> Position? {
        try alive()
        return try storage.head()
    }

    /// The position of the last object, nil if the set is empty.
    public func tail() throws(KernelError) -> Position? {
        try alive()
        return try storage.tail()
    }

    /// The position after `position`, nil after the tail.
    public func next(_ position: Position) throws(KernelError) -> Position? {
        try alive()
        return try storage.next(position)
    }

    /// The position before `position`, nil before the head.
    public func previous(_ position: Position) throws(KernelError) -> Position? {
        try alive()
        return try storage.previous(position)
    }

    /// The object at `position`.
    public func object(at position: Position) throws(KernelError) -> Element {
        try alive()
        return try storage.object(at: position)
    }

    // MARK: printing

    /// Prints each object on its own line, head first; if the structure
    /// fails on the way, a last line names the error.
    public override func showObjects() {
        do throws(KernelError) {
            try forEach { object in object.show() }
        } catch {
            print("  walk failed: \(error.description)")
        }
    }

    // MARK: helpers

    /// Fails if the set was released.
    func alive() throws(KernelError) {
        if !isLive {
            throw KernelError.unknownIdentifier
        }
    }

    /// Fails if the set was released or already holds `object`'s
    /// identifier (one look in the index).
    func admit(_ object: Element) throws(KernelError) {
        try alive()
        if members[object.identifier] != nil {
            throw KernelError.duplicateIdentifier
        }
    }

    /// The position of `identifier`, or `unknownIdentifier` (`member`).
    func find(_ identifier: Identifier) throws(KernelError) -> Position {
        try member(identifier).position
    }

    /// The position and key of `identifier`, or `unknownIdentifier`: a
    /// recent find of it if nothing was added, removed or re-keyed
    /// since, else its key from the index and the structure's search for
    /// that order (the message path finds the same few threads and tasks
    /// some thirty times a round trip, and a B+ tree's descent was most
    /// of a find).
    ///
    /// Steps: 1. a recent find still good; 2. else the index and the
    /// search; 3. remember this find in place of the oldest.
    func member(_ identifier: Identifier) throws(KernelError) -> (position: Position, key: UInt64) {
        // 1.
        for found in recent where found.identifier == identifier && found.layout == layout {
            return (found.position, found.key)
        }
        // 2.
        guard let key = members[identifier],
              let position = try storage.locate(SetOrder(key: key, identifier: identifier)) else {
            throw KernelError.unknownIdentifier
        }
        // 3.
        let found = RecentFind(identifier: identifier, key: key, position: position, layout: layout)
        if recent.count < Self.recentCapacity {
            if recent.isEmpty {
                recent.reserveCapacity(Self.recentCapacity)  // one block, never grown
            }
            recent.append(found)
        } else {
            recent[recentNext] = found
            recentNext = (recentNext + 1) % Self.recentCapacity
        }
        return (position, key)
    }

    /// Moves the object at `position`, whose key changed in place, to
    /// its place in a sorted set (dropped from the index if the structure
    /// cannot take it back).
    func move(at position: Position) throws(KernelError) {
        let object = try storage.object(at: position)
        layout &+= 1
        try storage.delete(at: position)
        do throws(KernelError) {
            try storage.add(object)
        } catch {
            members[object.identifier] = nil        // lost: keep the index true
            throw error
        }
    }

    /// Moves `old`, at `position`, to the place of `new` in a sorted set.
    ///
    /// Steps: 1. delete the old object; 2. add the new one; 3. if that
    /// fails, put the old one back and pass the error on.
    func replace(_ old: Element, by new: Element, at position: Position) throws(KernelError) {
        // 1.
        layout &+= 1
        try storage.delete(at: position)
        // 2.
        do throws(KernelError) {
            try storage.add(new)
        } catch {
            // 3.
            do throws(KernelError) {
                try storage.add(old)
            } catch {
                members[old.identifier] = nil        // lost: keep the index true
            }
            throw error
        }
    }
}
