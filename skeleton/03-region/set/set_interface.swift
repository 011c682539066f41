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
// identifier, refusing a released set, the statistics, iteration as a
// Swift `Sequence`.
//
// Order. Each implementation keeps its objects in one order, the order of
// iteration, from `head` to `tail`:
//
//   implementation   add places at       insert (head)   append (tail)   pop takes
//   LinkedList       tail                yes             yes             head
//   ... .sorted      identifier order    if in order     if in order     smallest
//   GrowableArray    as LinkedList, .sorted as well
//   Stack            head (the top)      yes (= push)    no              head (top)
//   Pipe             tail (the newest)   no              yes (= push)    head (oldest)
//   BinaryTree       identifier order    if in order     if in order     smallest
//   BPlusTree        identifier order    if in order     if in order     smallest
//
// "if in order": inserting at the head of a sorted set is accepted only if
// the new identifier is below every other one (above, for append);
// otherwise, like "no", the call fails with `KernelError.invalidArgument`.
//
// Positions. A `Position` names one object's place in the structure (a
// node, an index, a leaf and a slot). It stays valid until the set
// changes; after that, use `locate` again. A position that does not name
// an object gives `KernelError.outOfRange`, never a trap.

import Machine

/// Anything a set can hold: a value that carries its identifier.
public protocol SetObject {
    /// The identifier that names this object, unique within its set.
    var identifier: Identifier { get }
    /// The kind of object, printed by dumps ("segment", "set", ...).
    static var kind: StaticString { get }
    /// Prints this object on one line (indented, for `ObjectSet.show`).
    func show()
}

extension SetObject {
    /// By default an object shows its kind and identifier.
    public func show() {
        print("  \(Self.kind) 0x\(hexadecimal(identifier))")
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

    /// Keep the objects sorted by identifier (lists and arrays; trees
    /// always are; stacks and pipes refuse it).
    public static let sorted = SetOptions(rawValue: 1 << 0)
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

    /// True if the structure keeps its objects in identifier order.
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

    /// The position of the object named `identifier`, nil if none.
    func locate(_ identifier: Identifier) throws(KernelError) -> Position?

    /// Stores `object` at the implementation's own place (see the table).
    mutating func add(_ object: Element) throws(KernelError)

    /// Stores `object` at the head.
    mutating func insert(_ object: Element) throws(KernelError)

    /// Stores `object` at the tail.
    mutating func append(_ object: Element) throws(KernelError)

    /// Removes the object at `position`.
    mutating func delete(at position: Position) throws(KernelError)

    /// Removes every object.
    mutating func flush() throws(KernelError)
}

/// An implementation that always keeps its objects in identifier order
/// (the trees). For these, inserting at the head or appending at the tail
/// is `add`, once the object is known to belong there; this extension
/// writes that once for all of them.
public protocol IdentifierOrdered: SetImplementation {}

extension IdentifierOrdered {
    /// Adds `object` if its identifier is below every other one.
    public mutating func insert(_ object: Element) throws(KernelError) {
        if let head = try head(), try self.object(at: head).identifier < object.identifier {
            throw KernelError.invalidArgument
        }
        try add(object)
    }

    /// Adds `object` if its identifier is above every other one.
    public mutating func append(_ object: Element) throws(KernelError) {
        if let tail = try tail(), try self.object(at: tail).identifier > object.identifier {
            throw KernelError.invalidArgument
        }
        try add(object)
    }
}
