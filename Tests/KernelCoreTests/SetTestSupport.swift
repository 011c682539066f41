// Tests/KernelCoreTests/SetTestSupport.swift -- what the set tests share:
// the object they store, the list of implementations, and a model.

import Testing
@testable import Kernel
@testable import Machine

/// Every suite that touches the kernel's global managers runs inside this
/// one, one test at a time: the managers are global state.
@Suite(.serialized) struct KernelManagers {}

/// A small object for sets: an identifier and a payload to check copies.
struct Item: SetObject, Equatable {
    static var kind: StaticString { "item" }
    let identifier: Identifier
    var payload: Int = 0
}

/// Where each implementation puts objects (see set_interface.swift).
enum Placement {
    /// add at the tail; insert and append anywhere.
    case free
    /// identifier order; insert/append only if they keep it.
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
            let set = try ObjectSet<BPlusTree<Item>>(identifier: counter, options: [])
            set.storage = BPlusTree(order: 4)
            return try body.visit(set, self)
        }
    }
}

/// A generic test body, run over one concrete set type (Swift cannot pass
/// a generic closure, so tests are small structs).
protocol SetVisitor<Result> {
    associatedtype Result
    func visit<I: SetImplementation>(_ set: ObjectSet<I>, _ kind: Kind) throws -> Result where I.Element == Item
}

/// The reference model: a Swift array in iteration order, and the rules
/// of set_interface.swift written as plainly as possible.
struct Model {
    var identifiers: [Identifier] = []
    let placement: Placement

    func contains(_ identifier: Identifier) -> Bool { identifiers.contains(identifier) }

    mutating func add(_ identifier: Identifier) -> KernelError? {
        if contains(identifier) { return .duplicateIdentifier }
        switch placement {
        case .free, .fifo: identifiers.append(identifier)
        case .lifo: identifiers.insert(identifier, at: 0)
        case .sorted:
            let index = identifiers.firstIndex { $0 > identifier } ?? identifiers.count
            identifiers.insert(identifier, at: index)
        }
        return nil
    }

    mutating func insert(_ identifier: Identifier) -> KernelError? {
        if contains(identifier) { return .duplicateIdentifier }
        switch placement {
        case .fifo: return .invalidArgument
        case .sorted where (identifiers.first ?? .max) < identifier: return .invalidArgument
        default: identifiers.insert(identifier, at: 0)
        }
        return nil
    }

    mutating func append(_ identifier: Identifier) -> KernelError? {
        if contains(identifier) { return .duplicateIdentifier }
        switch placement {
        case .lifo: return .invalidArgument
        case .sorted where (identifiers.last ?? 0) > identifier: return .invalidArgument
        default: identifiers.append(identifier)
        }
        return nil
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

/// The identifiers of a set, head to tail, and tail to head.
func forward<I: SetImplementation>(_ set: ObjectSet<I>) -> [Identifier] { set.map(\.identifier) }
func backward<I: SetImplementation>(_ set: ObjectSet<I>) -> [Identifier] { set.backward.map(\.identifier) }
