// assignments/01-set/tests/set_helpers_tests.swift -- what the set tests share.
//
// No test lives here: the object the tests store (`Thing`), a model of
// where each implementation places objects, a small random generator,
// and `overEveryImplementation`, which runs one exercise on a fresh set
// of each implementation, as one check each (partial credit per
// implementation; the b+-tree's check runs it at order 32 and at order 4).

import Kernel
import Machine

/// A small kernel object for the tests: an identifier, an order key and
/// a value.
struct Thing: SetObject, Equatable {
    static var kind: StaticString { "thing" }
    let identifier: Identifier
    var value: UInt32
    /// The key, kept in 32 bits so that a thing is 16 bytes: the benchmark
    /// holds 100,000 of them, and the set's index as well, in an 8 MiB
    /// heap. Test keys and identifiers stay below 2^32.
    var shortKey: UInt32

    /// The order key (see `SetObject.key`).
    var key: UInt64 {
        get { UInt64(shortKey) }
        set { shortKey = UInt32(truncatingIfNeeded: newValue) }
    }

    /// A thing ordered by its identifier, as any `SetObject` by default.
    init(identifier: Identifier, value: UInt32 = 0) {
        self.init(identifier: identifier, key: identifier, value: value)
    }

    /// A thing with its own order key (keys may repeat).
    init(identifier: Identifier, key: UInt64, value: UInt32 = 0) {
        self.identifier = identifier
        self.value = value
        self.shortKey = UInt32(truncatingIfNeeded: key)
    }
}

/// Where an implementation puts objects (see reference/set/set_interface.swift).
enum Placement {
    /// Lists and arrays: add at the tail; insert and append anywhere.
    case free
    /// Sorted lists and arrays, trees: key order (key, then identifier).
    case sorted
    /// Stacks: add and insert at the head (the top); no append.
    case lifo
    /// Pipes: add and append at the tail; no insert.
    case fifo
}

/// One exercise, run by `overEveryImplementation` on each kind of set.
protocol SetExercise {
    /// Exercises `set`, an empty set whose objects go where `placement` says.
    func run<I: SetImplementation>(_ set: ObjectSet<I>, _ placement: Placement) throws(TestFailure)
        where I.Element == Thing
}

/// Starts the kernel's managers once per boot. The set container is a
/// `LinkedList`, so nothing starts before set/list.swift works: the
/// failure says so.
func startKernel() throws(TestFailure) {
    if Kernel.isInitialized {
        return
    }
    do throws(KernelError) {
        try Kernel.initialize()
    } catch {
        throw TestFailure("Kernel.initialize() failed: \(error.description). The set container is a "
                          + "LinkedList: write set/list.swift first (add, locate and delete(at:) start "
                          + "the kernel), then every test can start")
    }
}

/// The number of sets in the container. The kernel's other managers
/// (memory, tasks, in later assignments) keep sets of their own, so tests
/// count the sets they reserve from this number, never from zero.
func containerSize() throws(TestFailure) -> Int {
    guard let container = SetManager.container else {
        throw TestFailure("the set container does not exist after Kernel.initialize()")
    }
    return try expectSuccess("the container's size") { () throws(KernelError) in try container.size() }
}

/// Runs `exercise` on a fresh set of `implementation`, then releases it.
func exercise<I: SetImplementation, E: SetExercise>(
    _ exercise: E, on implementation: I.Type, _ options: SetOptions, _ placement: Placement
) throws(TestFailure) where I.Element == Thing {
    try startKernel()
    let set = try expectSuccess("SetManager.reserve(\(I.name))") { () throws(KernelError) in
        try SetManager.reserve(I.self, options: options)
    }
    try exercise.run(set, placement)
    try expectSuccess("SetManager.release(\(I.name))") { () throws(KernelError) in
        try SetManager.release(set)
    }
}

/// Runs `exercise` once per implementation, each as its own check.
func overEveryImplementation<E: SetExercise>(_ body: E) {
    check("list") { () throws(TestFailure) in try exercise(body, on: LinkedList<Thing>.self, [], .free) }
    check("sorted_list") { () throws(TestFailure) in try exercise(body, on: LinkedList<Thing>.self, .sorted, .sorted) }
    check("array") { () throws(TestFailure) in try exercise(body, on: GrowableArray<Thing>.self, [], .free) }
    check("sorted_array") { () throws(TestFailure) in try exercise(body, on: GrowableArray<Thing>.self, .sorted, .sorted) }
    check("stack") { () throws(TestFailure) in try exercise(body, on: Stack<Thing>.self, [], .lifo) }
    check("pipe") { () throws(TestFailure) in try exercise(body, on: Pipe<Thing>.self, [], .fifo) }
    check("tree") { () throws(TestFailure) in try exercise(body, on: BinaryTree<Thing>.self, [], .sorted) }
    check("bptree") { () throws(TestFailure) in try exerciseBPlusTree(body) }
}

/// Runs `exercise` on a b+-tree of the kernel's order (32), then on one of
/// order 4 (`SetOptions.smallOrder`), where a few objects already split,
/// borrow and merge nodes at every level; a failure says which order.
func exerciseBPlusTree<E: SetExercise>(_ body: E) throws(TestFailure) {
    try exercise(body, on: BPlusTree<Thing>.self, [], .sorted)
    do throws(TestFailure) {
        try exercise(body, on: BPlusTree<Thing>.self, .smallOrder, .sorted)
    } catch {
        throw TestFailure("b+-tree of order \(BPlusTree<Thing>.smallOrder) (SetOptions.smallOrder): \(error.message)")
    }
}

/// The expected contents of a set, head first, kept by the rules of
/// set_interface.swift written as plainly as possible.
struct Model {
    /// Each object's order (key and identifier), head first.
    var orders: [SetOrder] = []
    let placement: Placement

    /// The identifiers, head first.
    var identifiers: [Identifier] {
        var result: [Identifier] = []
        for order in orders { result.append(order.identifier) }
        return result
    }

    /// The place of `identifier` in `orders`, nil if absent.
    func index(of identifier: Identifier) -> Int? {
        for index in orders.indices where orders[index].identifier == identifier {
            return index
        }
        return nil
    }

    /// True if the model holds `identifier`.
    func contains(_ identifier: Identifier) -> Bool {
        index(of: identifier) != nil
    }

    /// Where `order` goes in a sorted set: before the first larger order.
    func sortedPlace(_ order: SetOrder) -> Int {
        var index = 0
        while index < orders.count && orders[index] < order { index += 1 }
        return index
    }

    /// What `add` (and `push`) should do; the error it should give. The key
    /// defaults to the identifier.
    mutating func add(_ identifier: Identifier, key: UInt64? = nil) -> KernelError? {
        let order = SetOrder(key: key ?? identifier, identifier: identifier)
        if contains(identifier) { return .duplicateIdentifier }
        switch placement {
        case .free, .fifo:
            orders.append(order)
        case .lifo:
            orders.insert(order, at: 0)
        case .sorted:
            orders.insert(order, at: sortedPlace(order))
        }
        return nil
    }

    /// What `insert` should do.
    mutating func insert(_ identifier: Identifier, key: UInt64? = nil) -> KernelError? {
        let order = SetOrder(key: key ?? identifier, identifier: identifier)
        if contains(identifier) { return .duplicateIdentifier }
        if placement == .fifo { return .invalidArgument }
        if placement == .sorted, let first = orders.first, first < order { return .invalidArgument }
        orders.insert(order, at: 0)
        return nil
    }

    /// What `append` should do.
    mutating func append(_ identifier: Identifier, key: UInt64? = nil) -> KernelError? {
        let order = SetOrder(key: key ?? identifier, identifier: identifier)
        if contains(identifier) { return .duplicateIdentifier }
        if placement == .lifo { return .invalidArgument }
        if placement == .sorted, let last = orders.last, order < last { return .invalidArgument }
        orders.append(order)
        return nil
    }

    /// What `remove` should do.
    mutating func remove(_ identifier: Identifier) -> KernelError? {
        guard let index = index(of: identifier) else { return .unknownIdentifier }
        orders.remove(at: index)
        return nil
    }

    /// What `pop` should take, nil when empty.
    mutating func pop() -> Identifier? {
        orders.isEmpty ? nil : orders.removeFirst().identifier
    }

    /// What `update` giving `identifier` the key `key` should do: a sorted
    /// set moves the object to its new place, any other keeps it in place.
    mutating func update(_ identifier: Identifier, key: UInt64) -> KernelError? {
        guard let index = index(of: identifier) else { return .unknownIdentifier }
        let order = SetOrder(key: key, identifier: identifier)
        if placement == .sorted {
            orders.remove(at: index)
            orders.insert(order, at: sortedPlace(order))
        } else {
            orders[index] = order
        }
        return nil
    }

    /// The identifier `floor(key)` should find: the greatest order whose
    /// key is at most `key`.
    func floor(_ key: UInt64) -> Identifier? {
        var best: SetOrder? = nil
        for order in orders where order.key <= key {
            if best == nil || best! < order { best = order }
        }
        return best?.identifier
    }

    /// The identifier `ceiling(key)` should find: the least order whose
    /// key is at least `key`.
    func ceiling(_ key: UInt64) -> Identifier? {
        var best: SetOrder? = nil
        for order in orders where order.key >= key {
            if best == nil || order < best! { best = order }
        }
        return best?.identifier
    }
}

/// A xorshift generator: the same numbers on every boot.
struct Random {
    var state: UInt64

    /// The next number.
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }

    /// A number in 0..<bound.
    mutating func below(_ bound: Int) -> Int {
        Int(truncatingIfNeeded: next() % UInt64(bound))
    }
}

/// Identifiers 1...n in a scrambled order (37 is prime to n when n is not
/// a multiple of 37), the same on every boot.
func scrambled(_ n: Int) -> [Identifier] {
    var result: [Identifier] = []
    for index in 0..<n {
        result.append(Identifier((index * 37) % n + 1))
    }
    return result
}

/// The identifiers of `set`, head to tail (`forEach`).
func forwardIdentifiers<I: SetImplementation>(_ set: ObjectSet<I>) throws(TestFailure) -> [Identifier] {
    var result: [Identifier] = []
    try expectSuccess("forEach") { () throws(KernelError) in
        try set.forEach { object in result.append(object.identifier) }
    }
    return result
}

/// The identifiers of `set`, tail to head (`forEachBackward`).
func backwardIdentifiers<I: SetImplementation>(_ set: ObjectSet<I>) throws(TestFailure) -> [Identifier] {
    var result: [Identifier] = []
    try expectSuccess("forEachBackward") { () throws(KernelError) in
        try set.forEachBackward { object in result.append(object.identifier) }
    }
    return result
}

/// Fails unless `set` holds exactly `expected`, head first, both ways.
func expectContents<I: SetImplementation>(
    _ set: ObjectSet<I>, _ expected: [Identifier], _ what: String
) throws(TestFailure) {
    try expectSame(try forwardIdentifiers(set), expected, "\(what): objects head to tail")
    try expectSame(try backwardIdentifiers(set), Array(expected.reversed()), "\(what): objects tail to head")
    let size = try expectSuccess("size()") { () throws(KernelError) in try set.size() }
    try expectSame(size, expected.count, "\(what): size")
}

/// Fails unless `actual == expected`, showing both. (The harness's
/// `expectEqual` cannot print a generic value in Embedded Swift; numbers
/// and lists of identifiers can be printed.)
func expectSame<T: BinaryInteger & CustomStringConvertible>(
    _ actual: T, _ expected: T, _ what: String
) throws(TestFailure) {
    if actual != expected {
        throw TestFailure("\(what): expected \(expected.description), got \(actual.description)")
    }
}

/// Fails unless two lists of identifiers are equal, showing both.
func expectSame(_ actual: [Identifier], _ expected: [Identifier], _ what: String) throws(TestFailure) {
    if actual != expected {
        throw TestFailure("\(what): expected [\(listed(expected))], got [\(listed(actual))]")
    }
}

/// Identifiers in decimal, separated by commas (the first 20 at most).
func listed(_ identifiers: [Identifier]) -> String {
    var text = ""
    for (index, identifier) in identifiers.enumerated() where index < 20 {
        text += (index == 0 ? "" : ",") + identifier.description
    }
    return identifiers.count > 20 ? text + ",... (\(identifiers.count) in all)" : text
}

/// The error `body` failed with, nil if it succeeded.
func errorOf<T>(_ body: () throws(KernelError) -> T) -> KernelError? {
    do throws(KernelError) {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

/// Fails unless `actual` is the error the model expected (nil: success).
func expectSameError(_ actual: KernelError?, _ expected: KernelError?, _ what: String) throws(TestFailure) {
    if actual != expected {
        let got = actual?.description ?? "success"
        let wanted = expected?.description ?? "success"
        throw TestFailure("\(what): expected \(wanted), got \(got)")
    }
}

/// Identifiers 1...n in a random order (Fisher-Yates with `seed`), the
/// same on every boot. Trees need this: adding identifiers in order
/// would turn a binary tree into a list.
func shuffled(_ n: Int, seed: UInt64) -> [Identifier] {
    var result: [Identifier] = []
    for index in 0..<n {
        result.append(Identifier(index + 1))
    }
    var random = Random(state: seed)
    var index = n - 1
    while index > 0 {
        result.swapAt(index, random.below(index + 1))
        index -= 1
    }
    return result
}
