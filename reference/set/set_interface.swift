// reference/set/set_interface.swift -- what every set implementation offers.
//
// A set holds kernel objects, each named by a 64-bit identifier. The set
// manager offers one interface (`ObjectSet`, in object_set.swift) over
// several data structures; a manager picks one by naming it, and changing
// that one word changes how its objects are stored, nothing else:
//
//     var segments: ObjectSet<LinkedList<Segment>>   // or Stack, Pipe, BPlusTree...
//
// Every data structure conforms to `SetImplementation` below. It only
// stores and finds objects and walks them in order; `ObjectSet` adds
// everything that is the same for all of them: refusing a duplicate
// identifier (in O(1), with its own index of identifiers), refusing a
// released set, the statistics, walks that report errors (`forEach`).
//
// Order key. Every object has a `key`, the number its manager orders by:
// a segment's physical address, a region's virtual address, a thread's
// priority. By default the key is the identifier. Sorted structures keep
// their objects by `order`: by key, then by identifier to break ties, so
// two objects may share a key. `floor(k)` and `ceiling(k)` find the last
// object whose key is at most k and the first whose key is at least k
// ("which segment holds this address?").
//
// Order. Each implementation keeps its objects in one order, the order of
// iteration, from `head` to `tail`:
//
//   implementation   add places at       insert (head)   append (tail)   pop takes
//   LinkedList       tail                yes             yes             head
//   ... .sorted      key order           if in order     if in order     smallest key
//   GrowableArray    as LinkedList, .sorted as well
//   Stack            head (the top)      yes (= push)    no              head (top)
//   Pipe             tail (the newest)   no              yes (= push)    head (oldest)
//   BinaryTree       key order           if in order     if in order     smallest key
//   BPlusTree        key order           if in order     if in order     smallest key
//
// "key order" is `SetOrder`: key first, identifier second. "if in order":
// inserting at the head of a sorted set is accepted only if the new
// object's order is below every other one (above, for append); otherwise,
// like "no", the call fails with `KernelError.invalidArgument`.
//
// Positions. A `Position` names one object's place in the structure (a
// node, an index, a leaf and a slot). It stays valid until the set
// changes (`replace` excepted); after that, use `locate` again. A
// position that does not name an object gives `KernelError.outOfRange`,
// never a trap.

import Machine

/// Anything a set can hold: a value that carries its identifier.
public protocol SetObject {
    /// The identifier that names this object, unique within its set.
    var identifier: Identifier { get }
    /// The manager's order key: a segment's address, a region's virtual
    /// address, a thread's priority. Sorted sets keep their objects by
    /// key (then identifier); keys need not be unique. By default, the
    /// identifier.
    var key: UInt64 { get }
    /// The kind of object, printed by dumps ("segment", "set", ...).
    static var kind: StaticString { get }
    /// Prints this object on one line (indented, for `ObjectSet.show`).
    func show()
}

extension SetObject {
    /// By default an object is ordered by its identifier.
    public var key: UInt64 { identifier }

    /// Where this object goes in a sorted set: its key, then its identifier.
    public var order: SetOrder { SetOrder(key: key, identifier: identifier) }

    /// By default an object shows its kind and identifier.
    public func show() {
        print("  \(Self.kind) 0x\(hexadecimal(identifier))")
    }
}

/// The place of an object in a sorted set: by key, and by identifier
/// among objects of the same key. Two objects of one set never have the
/// same order, since their identifiers differ.
public struct SetOrder: Comparable, Sendable {
    /// The object's key.
    public let key: UInt64
    /// The object's identifier, which breaks ties between equal keys.
    public let identifier: Identifier

    /// The order of an object with this key and identifier.
    public init(key: UInt64, identifier: Identifier) {
        self.key = key
        self.identifier = identifier
    }

    /// True if `left` comes before `right`: a smaller key, or the same
    /// key and a smaller identifier.
    public static func < (left: SetOrder, right: SetOrder) -> Bool {
        if left.key != right.key {
            return left.key < right.key
        }
        return left.identifier < right.identifier
    }
}

/// Options chosen when a set is reserved.
public struct SetOptions: OptionSet, Sendable {
    /// The bits of the options.
    public let rawValue: UInt8

    /// Options from their bits.
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// Keep the objects sorted by key, then identifier (lists and arrays;
    /// trees always are; stacks and pipes refuse it).
    public static let sorted = SetOptions(rawValue: 1 << 0)

    /// B+-trees only: nodes of order 4 instead of the kernel's 32, so that
    /// a handful of objects already split, borrow and merge nodes at every
    /// level. The tests use it; the other structures ignore it.
    public static let smallOrder = SetOptions(rawValue: 1 << 1)
}

/// A data structure that can store the objects of a set.
///
/// Implementations never check for duplicate identifiers (the caller,
/// `ObjectSet`, does that first) but do check every position they are
/// given. An operation that fails leaves the structure unchanged.
public protocol SetImplementation {
    /// What the set holds.
    associatedtype Element: SetObject
    /// A place in the structure (see "Positions" above).
    associatedtype Position: Equatable

    /// The implementation's name, printed by dumps ("list", "bpt", ...).
    static var name: StaticString { get }

    /// An empty structure; fails with `invalidArgument` on options it
    /// cannot honour.
    init(options: SetOptions) throws(KernelError)

    /// True if the structure keeps its objects in `SetOrder` (key order).
    var isSorted: Bool { get }

    /// The number of objects.
    var count: Int { get }

    /// The position of the first object in iteration order, nil if empty.
    func head() throws(KernelError) -> Position?

    /// The position of the last object in iteration order, nil if empty.
    func tail() throws(KernelError) -> Position?

    /// The position after `position`, nil at the tail.
    func next(_ position: Position) throws(KernelError) -> Position?

    /// The position before `position`, nil at the head.
    func previous(_ position: Position) throws(KernelError) -> Position?

    /// The object at `position`.
    func object(at position: Position) throws(KernelError) -> Element

    /// What `part` reads of the object at `position`, the object lent to
    /// it in place rather than copied out: for a caller that wants one
    /// field of a large object. The default (below) reads a copy.
    func read<Part>(at position: Position, _ part: (borrowing Element) -> Part) throws(KernelError) -> Part

    /// Lets `change` modify the object at `position` where it lies, and
    /// returns what it returns: `replace` without copying a large object
    /// out and back. `ObjectSet` checks the identifier and the order
    /// afterwards. If `change` throws, what it changed so far stays. The
    /// default (below) changes a copy and writes it back with `replace`
    /// (and writes nothing back if `change` throws).
    mutating func modify<Result>(
        at position: Position, _ change: (inout Element) throws(KernelError) -> Result
    ) throws(KernelError) -> Result

    /// The position of the object whose order is `order`, nil if none.
    /// `ObjectSet` knows the key of every identifier it holds, so a sorted
    /// structure can search by order; an unsorted one compares
    /// `order.identifier` with each object's identifier.
    func locate(_ order: SetOrder) throws(KernelError) -> Position?

    /// The position of the last object, in key order, whose key is at most
    /// `key` (the greatest such `SetOrder`), nil if none. The default
    /// (below) walks every object; sorted structures search.
    func floor(_ key: UInt64) throws(KernelError) -> Position?

    /// The position of the first object, in key order, whose key is at
    /// least `key` (the least such `SetOrder`), nil if none.
    func ceiling(_ key: UInt64) throws(KernelError) -> Position?

    /// Stores `object` at the implementation's own place (see the table).
    mutating func add(_ object: Element) throws(KernelError)

    /// Stores `object` at the head.
    mutating func insert(_ object: Element) throws(KernelError)

    /// Stores `object` at the tail.
    mutating func append(_ object: Element) throws(KernelError)

    /// Puts `object` in place of the object at `position`, which stays
    /// where it is. `ObjectSet` guarantees that `object` has the same
    /// identifier and the same order as the object it replaces; positions
    /// stay valid.
    mutating func replace(at position: Position, with object: Element) throws(KernelError)

    /// Removes the object at `position`.
    mutating func delete(at position: Position) throws(KernelError)

    /// Removes every object.
    mutating func flush() throws(KernelError)
}

extension SetImplementation {
    /// By default, `part` reads a copy (`object(at:)`).
    public func read<Part>(at position: Position, _ part: (borrowing Element) -> Part) throws(KernelError) -> Part {
        part(try object(at: position))
    }

    /// By default, `change` modifies a copy, which `replace` writes back.
    public mutating func modify<Result>(
        at position: Position, _ change: (inout Element) throws(KernelError) -> Result
    ) throws(KernelError) -> Result {
        var object = try object(at: position)
        let result = try change(&object)
        try replace(at: position, with: object)
        return result
    }

    /// By default, `floorByWalking`.
    public func floor(_ key: UInt64) throws(KernelError) -> Position? {
        try floorByWalking(key)
    }

    /// By default, `ceilingByWalking`.
    public func ceiling(_ key: UInt64) throws(KernelError) -> Position? {
        try ceilingByWalking(key)
    }

    /// The last object by key among those whose key is at most `key`,
    /// found by walking every object: right for any structure, sorted or
    /// not, in O(n).
    ///
    /// Steps: 1. walk from the head; 2. keep the greatest order whose key
    /// is at most `key`.
    public func floorByWalking(_ key: UInt64) throws(KernelError) -> Position? {
        var best: Position? = nil
        var bestOrder = SetOrder(key: 0, identifier: 0)
        // 1.
        var current = try head()
        while let position = current {
            // 2.
            let order = try object(at: position).order
            if order.key <= key && (best == nil || bestOrder < order) {
                best = position
                bestOrder = order
            }
            current = try next(position)
        }
        return best
    }

    /// The first object by key among those whose key is at least `key`,
    /// found by walking every object, in O(n).
    ///
    /// Steps: 1. walk from the head; 2. keep the least order whose key is
    /// at least `key`.
    public func ceilingByWalking(_ key: UInt64) throws(KernelError) -> Position? {
        var best: Position? = nil
        var bestOrder = SetOrder(key: 0, identifier: 0)
        // 1.
        var current = try head()
        while let position = current {
            // 2.
            let order = try object(at: position).order
            if order.key >= key && (best == nil || order < bestOrder) {
                best = position
                bestOrder = order
            }
            current = try next(position)
        }
        return best
    }
}

/// An implementation that always keeps its objects in key order (the
/// trees). For these, inserting at the head or appending at the tail is
/// `add`, once the object is known to belong there; this extension writes
/// that once for all of them.
public protocol AlwaysSorted: SetImplementation {}

extension AlwaysSorted {
    /// Adds `object` if its order is below every other one.
    public mutating func insert(_ object: Element) throws(KernelError) {
        if let head = try head(), try self.object(at: head).order < object.order {
            throw KernelError.invalidArgument
        }
        try add(object)
    }

    /// Adds `object` if its order is above every other one.
    public mutating func append(_ object: Element) throws(KernelError) {
        if let tail = try tail(), object.order < (try self.object(at: tail).order) {
            throw KernelError.invalidArgument
        }
        try add(object)
    }
}
