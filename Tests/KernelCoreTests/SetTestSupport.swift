// Tests/KernelCoreTests/SetTestSupport.swift -- what the set tests share:
// the object they store, the list of implementations, and a model.

import Testing
@testable import Kernel
@testable import Machine

/// Every suite that touches the kernel's global managers runs inside this
/// one, one test at a time: the managers are global state.
@Suite(.serialized) struct KernelManagers {}

/// A small object for sets: an identifier, an order key (by default the
/// identifier) and a payload to check copies.
struct Item: SetObject, Equatable {
    static var kind: StaticString { "item" }
    let identifier: Identifier
    var payload: Int
    var key: UInt64

    init(identifier: Identifier, payload: Int = 0, key: UInt64? = nil) {
        self.identifier = identifier
        self.payload = payload
        self.key = key ?? identifier
    }
}

/// Where each implementation puts objects (see set_interface.swift).
enum Placement {
    /// add at the tail; insert and append anywhere.
    case free
    /// key order (key, then identifier); insert/append only if they keep it.
    case sorted
    /// a stack: add and insert at the head; append refused.
    case lifo
    /// a pipe: add and append at the tail; insert refused.
    case fifo
}

/// Every implementation (and option) the kernel offers; the same tests
/// run over each of them.
enum Kind: String, CaseIterable, CustomTestStringConvertible {
    case list, sortedList, array, sortedArray, stack, pipe, binaryTree, bplusTree, smallBPlusTree

    var testDescription: String { rawValue }

    /// Where this implementation puts objects.
    var placement: Placement {
        switch self {
        case .list, .array: return .free
        case .sortedList, .sortedArray, .binaryTree, .bplusTree, .smallBPlusTree: return .sorted
        case .stack: return .lifo
        case .pipe: return .fifo
        }
    }

    /// Runs `body` with a fresh set of this kind, outside the container.
    func with<R>(_ body: some SetVisitor<R>) throws -> R {
        let counter: Identifier = 0x0900_0000_0000_0001
        switch self {
        case .list: return try body.visit(ObjectSet<LinkedList<Item>>(identifier: counter, options: []), self)
        case .sortedList: return try body.visit(ObjectSet<LinkedList<Item>>(identifier: counter, options: .sorted), self)
        case .array: return try body.visit(ObjectSet<GrowableArray<Item>>(identifier: counter, options: []), self)
        case .sortedArray: return try body.visit(ObjectSet<GrowableArray<Item>>(identifier: counter, options: .sorted), self)
        case .stack: return try body.visit(ObjectSet<Stack<Item>>(identifier: counter, options: []), self)
        case .pipe: return try body.visit(ObjectSet<Pipe<Item>>(identifier: counter, options: []), self)
        case .binaryTree: return try body.visit(ObjectSet<BinaryTree<Item>>(identifier: counter, options: []), self)
        case .bplusTree: return try body.visit(ObjectSet<BPlusTree<Item>>(identifier: counter, options: []), self)
        case .smallBPlusTree:
            return try body.visit(ObjectSet<BPlusTree<Item>>(identifier: counter, options: .smallOrder), self)
        }
    }
}

/// A generic test body, run over one concrete set type (Swift cannot pass
/// a generic closure, so tests are small structs).
protocol SetVisitor<Result> {
    associatedtype Result
    func visit<I: SetImplementation>(_ set: ObjectSet<I>, _ kind: Kind) throws -> Result where I.Element == Item
}

/// The reference model: a Swift array in iteration order, the key of
/// each identifier, and the rules of set_interface.swift written as
/// plainly as possible.
struct Model {
    var identifiers: [Identifier] = []
    /// Keys that differ from their identifier.
    var keys: [Identifier: UInt64] = [:]
    let placement: Placement

    func contains(_ identifier: Identifier) -> Bool { identifiers.contains(identifier) }

    /// The order of `identifier` in a sorted set.
    func order(_ identifier: Identifier) -> SetOrder {
        SetOrder(key: keys[identifier] ?? identifier, identifier: identifier)
    }

    /// Where `identifier` goes in a sorted set.
    func sortedIndex(_ identifier: Identifier) -> Int {
        identifiers.firstIndex { order(identifier) < order($0) } ?? identifiers.count
    }

    mutating func add(_ identifier: Identifier, key: UInt64? = nil) -> KernelError? {
        if contains(identifier) { return .duplicateIdentifier }
        keys[identifier] = key
        switch placement {
        case .free, .fifo: identifiers.append(identifier)
        case .lifo: identifiers.insert(identifier, at: 0)
        case .sorted: identifiers.insert(identifier, at: sortedIndex(identifier))
        }
        return nil
    }

    mutating func insert(_ identifier: Identifier, key: UInt64? = nil) -> KernelError? {
        if contains(identifier) { return .duplicateIdentifier }
        let order = SetOrder(key: key ?? identifier, identifier: identifier)
        switch placement {
        case .fifo: return .invalidArgument
        case .sorted where identifiers.first.map { self.order($0) < order } ?? false: return .invalidArgument
        default: identifiers.insert(identifier, at: 0)
        }
        keys[identifier] = key
        return nil
    }

    mutating func append(_ identifier: Identifier, key: UInt64? = nil) -> KernelError? {
        if contains(identifier) { return .duplicateIdentifier }
        let order = SetOrder(key: key ?? identifier, identifier: identifier)
        switch placement {
        case .lifo: return .invalidArgument
        case .sorted where identifiers.last.map { order < self.order($0) } ?? false: return .invalidArgument
        default: identifiers.append(identifier)
        }
        keys[identifier] = key
        return nil
    }

    /// Gives `identifier` a new key: a sorted set moves it, others keep it.
    mutating func update(_ identifier: Identifier, key: UInt64) -> KernelError? {
        guard let index = identifiers.firstIndex(of: identifier) else { return .unknownIdentifier }
        keys[identifier] = key
        if placement == .sorted {
            identifiers.remove(at: index)
            identifiers.insert(identifier, at: sortedIndex(identifier))
        }
        return nil
    }

    /// The identifier of the greatest order whose key is at most `key`.
    func floor(_ key: UInt64) -> Identifier? {
        identifiers.map(order).filter { $0.key <= key }.max()?.identifier
    }

    /// The identifier of the least order whose key is at least `key`.
    func ceiling(_ key: UInt64) -> Identifier? {
        identifiers.map(order).filter { $0.key >= key }.min()?.identifier
    }

    mutating func pop() -> Result<Identifier, KernelError> {
        identifiers.isEmpty ? .failure(.empty) : .success(identifiers.removeFirst())
    }

    func pick() -> Result<Identifier, KernelError> {
        identifiers.first.map { .success($0) } ?? .failure(.empty)
    }

    mutating func remove(_ identifier: Identifier) -> KernelError? {
        guard let index = identifiers.firstIndex(of: identifier) else { return .unknownIdentifier }
        identifiers.remove(at: index)
        return nil
    }
}

/// The error a throwing call ended with, nil on success.
func failure(_ body: () throws(KernelError) -> Void) -> KernelError? {
    do throws(KernelError) {
        try body()
        return nil
    } catch {
        return error
    }
}

/// A call's result as a `Result`, to compare with the model's.
func outcome<T>(_ body: () throws(KernelError) -> T) -> Result<T, KernelError> {
    do throws(KernelError) {
        return .success(try body())
    } catch {
        return .failure(error)
    }
}

/// The identifiers of a set, head to tail (`forEach`).
func forward<I: SetImplementation>(_ set: ObjectSet<I>) throws(KernelError) -> [Identifier] {
    var result: [Identifier] = []
    try set.forEach { result.append($0.identifier) }
    return result
}

/// The identifiers of a set, tail to head (`forEachBackward`).
func backward<I: SetImplementation>(_ set: ObjectSet<I>) throws(KernelError) -> [Identifier] {
    var result: [Identifier] = []
    try set.forEachBackward { result.append($0.identifier) }
    return result
}
