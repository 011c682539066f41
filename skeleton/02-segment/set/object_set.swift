// reference/set/object_set.swift -- one set, whatever its implementation.
//
// `ObjectSet<Implementation>` is what managers hold and call. It wraps a
// data structure (set_interface.swift) and adds what every set does the
// same way:
//
// * a released set refuses every operation (`unknownIdentifier`);
// * an identifier is never stored twice (`duplicateIdentifier`);
// * each operation is counted by the statistics manager;
// * the set is a `Sequence`: `for object in set` walks it from head to
//   tail, `for object in set.backward` from tail to head.
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

/// Statistics probes of the set operations, reserved on first use.
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
    static let flush = StatisticsManager.reserve(manager: "set", function: "flush")
}

/// A set of kernel objects stored in `Implementation`.
public final class ObjectSet<Implementation: SetImplementation>: SetDescriptor {
    /// The objects this set holds.
    public typealias Element = Implementation.Element
    /// A place in the set.
    public typealias Position = Implementation.Position

    /// The data structure.
    var storage: Implementation

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
        try storage.flush()
        isLive = false
    }

    // MARK: adding

    // excerpt: object-set-add
    /// Adds `object` at the implementation's place (see set_interface.swift).
    ///
    /// Steps: 1. refuse a released set or a duplicate; 2. store.
    public func add(_ object: Element) throws(KernelError) {
        try StatisticsManager.measure(SetProbe.add) { () throws(KernelError) in
            try admit(object)                        // 1.
            try storage.add(object)                  // 2.
        }
    }
    // end excerpt

    /// Adds `object` at the head of the set.
    ///
    /// Steps: 1. refuse a released set or a duplicate; 2. store.
    public func insert(_ object: Element) throws(KernelError) {
        try StatisticsManager.measure(SetProbe.insert) { () throws(KernelError) in
            try admit(object)                        // 1.
            try storage.insert(object)               // 2.
        }
    }

    /// Adds `object` at the tail of the set.
    ///
    /// Steps: 1. refuse a released set or a duplicate; 2. store.
    public func append(_ object: Element) throws(KernelError) {
        try StatisticsManager.measure(SetProbe.append) { () throws(KernelError) in
            try admit(object)                        // 1.
            try storage.append(object)               // 2.
        }
    }

    /// Pushes `object`: the same as `add`, in the vocabulary of stacks
    /// and pipes.
    public func push(_ object: Element) throws(KernelError) {
        try StatisticsManager.measure(SetProbe.push) { () throws(KernelError) in
            try admit(object)
            try storage.add(object)
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
    /// object of a pipe, the smallest identifier of a sorted set.
    ///
    /// Steps: 1. refuse a released or empty set; 2. read the head;
    /// 3. delete it.
    public func pop() throws(KernelError) -> Element {
        try StatisticsManager.measure(SetProbe.pop) { () throws(KernelError) in
            try alive()                              // 1.
            guard let head = try storage.head() else {
                throw KernelError.empty
            }
            let object = try storage.object(at: head)  // 2.
            try storage.delete(at: head)             // 3.
            return object
        }
    }

    /// Removes the object named `identifier`.
    ///
    /// Steps: 1. refuse a released set; 2. find the object; 3. delete it.
    public func remove(_ identifier: Identifier) throws(KernelError) {
        try StatisticsManager.measure(SetProbe.remove) { () throws(KernelError) in
            try alive()                              // 1.
            let position = try find(identifier)      // 2.
            try storage.delete(at: position)         // 3.
        }
    }

    /// Removes the object at `position` (from `locate`, `head`, `next`...).
    ///
    /// Steps: 1. refuse a released set; 2. delete (the implementation
    /// refuses a position that names no object).
    public func delete(at position: Position) throws(KernelError) {
        try StatisticsManager.measure(SetProbe.delete) { () throws(KernelError) in
            try alive()                              // 1.
            try storage.delete(at: position)         // 2.
        }
    }

    /// Removes every object; the set itself stays.
    public func flush() throws(KernelError) {
        try StatisticsManager.measure(SetProbe.flush) { () throws(KernelError) in
            try alive()
            try storage.flush()
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

    /// True if the set is live and holds an object named `identifier`.
    public func exist(_ identifier: Identifier) -> Bool {
        // `try?` folds "failed" and "not found" into nil.
        return isLive && (try? storage.locate(identifier)) != nil
    }

    /// The position of the object named `identifier`.
    public func locate(_ identifier: Identifier) throws(KernelError) -> Position {
        try StatisticsManager.measure(SetProbe.locate) { () throws(KernelError) in
            try alive()
            return try find(identifier)
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

    /// Prints each object on its own line, head first.
    public override func showObjects() {
        for object in self {
            object.show()
        }
    }

    // MARK: helpers

    /// Fails if the set was released.
    func alive() throws(KernelError) {
        if !isLive {
            throw KernelError.unknownIdentifier
        }
    }

    /// Fails if the set was released or already holds `object`'s identifier.
    func admit(_ object: Element) throws(KernelError) {
        try alive()
        if try storage.locate(object.identifier) != nil {
            throw KernelError.duplicateIdentifier
        }
    }

    /// The position of `identifier`, or `unknownIdentifier`.
    func find(_ identifier: Identifier) throws(KernelError) -> Position {
        guard let position = try storage.locate(identifier) else {
            throw KernelError.unknownIdentifier
        }
        return position
    }
}
