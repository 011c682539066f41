// Tests/KernelCoreTests/SetContractTests.swift -- the parts of the set
// contract beyond storing: order keys, floor and ceiling, update in
// place, walks that throw, and the membership index.

import Testing
@testable import Kernel
@testable import Machine

/// A list whose walk and search fail on purpose: `next` fails after the
/// head and `locate` always fails. It shows that walks report an
/// implementation's error and that the duplicate check never searches.
struct BrokenList<Element: SetObject>: SetImplementation {
    typealias Position = Int
    static var name: StaticString { "broken" }
    var inner: LinkedList<Element>
    var isSorted: Bool { false }
    var count: Int { inner.count }

    init(options: SetOptions) throws(KernelError) { inner = try LinkedList(options: options) }
    func head() throws(KernelError) -> Int? { try inner.head() }
    func tail() throws(KernelError) -> Int? { try inner.tail() }
    func next(_ position: Int) throws(KernelError) -> Int? { throw KernelError.notImplemented }
    func previous(_ position: Int) throws(KernelError) -> Int? { throw KernelError.notImplemented }
    func object(at position: Int) throws(KernelError) -> Element { try inner.object(at: position) }
    func locate(_ order: SetOrder) throws(KernelError) -> Int? { throw KernelError.notImplemented }
    mutating func add(_ object: Element) throws(KernelError) { try inner.add(object) }
    mutating func insert(_ object: Element) throws(KernelError) { try inner.insert(object) }
    mutating func append(_ object: Element) throws(KernelError) { try inner.append(object) }
    mutating func replace(at position: Int, with object: Element) throws(KernelError) {
        try inner.replace(at: position, with: object)
    }
    mutating func delete(at position: Int) throws(KernelError) { try inner.delete(at: position) }
    mutating func flush() throws(KernelError) { try inner.flush() }
}

extension KernelManagers {
    @Suite struct SetContract {
        /// Key of identifier i: 10 * (i % 7), so keys repeat.
        static func key(_ identifier: Identifier) -> UInt64 { 10 * (identifier % 7) }

        struct KeyOrder: SetVisitor {
            func visit<I>(_ set: ObjectSet<I>, _ kind: Kind) throws where I.Element == Item {
                var model = Model(placement: kind.placement)
                #expect(try set.floor(5) == nil && set.ceiling(5) == nil)
                for identifier in SetOperations.scrambled(49) {
                    try set.add(Item(identifier: identifier, key: SetContract.key(identifier)))
                    _ = model.add(identifier, key: SetContract.key(identifier))
                }
                #expect(try forward(set) == model.identifiers)
                #expect(try backward(set) == model.identifiers.reversed())
                for identifier in 1...49 as ClosedRange<Identifier> {
                    #expect(try set.get(identifier).key == SetContract.key(identifier))
                }
                #expect(failure { () throws(KernelError) in try set.insert(Item(identifier: 100, key: 70)) }
                        == model.insert(100, key: 70))
                #expect(failure { () throws(KernelError) in try set.append(Item(identifier: 101, key: 0)) }
                        == model.append(101, key: 0))
                #expect(try forward(set) == model.identifiers)
                for key in [0, 1, 9, 10, 11, 30, 59, 60, 61, 70, 1000, UInt64.max] as [UInt64] {
                    #expect(try set.floor(key)?.identifier == model.floor(key), "floor(\(key))")
                    #expect(try set.ceiling(key)?.identifier == model.ceiling(key), "ceiling(\(key))")
                }
                // Removing objects must keep floor and ceiling right (a
                // b+-tree leaf may then start above its separator).
                for identifier in 1...49 as ClosedRange<Identifier> where identifier % 3 != 0 {
                    try set.remove(identifier)
                    _ = model.remove(identifier)
                    for key in [0, 15, 30, 45, 60] as [UInt64] {
                        #expect(try set.floor(key)?.identifier == model.floor(key), "floor(\(key))")
                        #expect(try set.ceiling(key)?.identifier == model.ceiling(key), "ceiling(\(key))")
                    }
                }
            }
        }

        @Test(arguments: Kind.allCases) func keyOrderFloorAndCeiling(kind: Kind) throws {
            try kind.with(KeyOrder())
        }

        struct Update: SetVisitor {
            func visit<I>(_ set: ObjectSet<I>, _ kind: Kind) throws where I.Element == Item {
                var model = try addTwenty(to: set, kind)
                try set.update(4) { $0.payload = 44 }
                #expect(try set.get(4).payload == 44)
                #expect(try forward(set) == model.identifiers)
                for (identifier, key) in [(3, 100), (17, 0), (8, 12), (12, 8)] as [(Identifier, UInt64)] {
                    try set.update(identifier) { $0.key = key }
                    _ = model.update(identifier, key: key)
                    #expect(try forward(set) == model.identifiers, "key of \(identifier) to \(key)")
                    #expect(try backward(set) == model.identifiers.reversed())
                    #expect(try set.get(identifier).key == key && set.members[identifier] == key)
                }
                #expect(failure { () throws(KernelError) in try set.update(5) { $0 = Item(identifier: 99) } } == .invalidArgument)
                #expect(failure { () throws(KernelError) in try set.update(99) { $0.payload = 1 } } == .unknownIdentifier)
                #expect(failure { () throws(KernelError) in
                    try set.update(6) { item throws(KernelError) in
                        item.key = 500
                        throw KernelError.busy
                    }
                } == .busy)
                #expect(try set.get(6).key == 6)
                #expect(!set.exist(99))
                #expect(try forward(set) == model.identifiers)
                #expect(try set.floor(100)?.identifier == model.floor(100))
            }
        }

        @Test(arguments: Kind.allCases) func updateInPlaceOrMoved(kind: Kind) throws {
            try kind.with(Update())
        }

        /// `update(object)` writes a whole object over the one of its
        /// identifier: in place when its key is the same, moved in a
        /// sorted set when it is not (the index follows), refused for an
        /// identifier the set does not hold.
        struct UpdateWhole: SetVisitor {
            func visit<I>(_ set: ObjectSet<I>, _ kind: Kind) throws where I.Element == Item {
                var model = try addTwenty(to: set, kind)
                var four = try set.get(4)
                four.payload = 44
                try set.update(four)
                #expect(try set.get(4).payload == 44)
                #expect(try forward(set) == model.identifiers)
                for (identifier, key) in [(3, 100), (17, 0), (8, 12), (12, 8)] as [(Identifier, UInt64)] {
                    var item = try set.get(identifier)
                    item.key = key
                    try set.update(item)
                    _ = model.update(identifier, key: key)
                    #expect(try forward(set) == model.identifiers, "key of \(identifier) to \(key)")
                    #expect(try backward(set) == model.identifiers.reversed())
                    #expect(try set.get(identifier).key == key && set.members[identifier] == key)
                }
                #expect(failure { () throws(KernelError) in try set.update(Item(identifier: 99)) } == .unknownIdentifier)
                #expect(!set.exist(99))
                #expect(try set.floor(100)?.identifier == model.floor(100))
                try set.retire()
                #expect(failure { () throws(KernelError) in try set.update(four) } == .unknownIdentifier)
            }
        }

        @Test(arguments: Kind.allCases) func updateWholeObject(kind: Kind) throws {
            try kind.with(UpdateWhole())
        }

        /// `read` lends the object it names to a closure: what it reads
        /// is what `get` copies, and it is refused as `get` is.
        struct Read: SetVisitor {
            func visit<I>(_ set: ObjectSet<I>, _ kind: Kind) throws where I.Element == Item {
                _ = try addTwenty(to: set, kind)
                try set.update(7) { $0.payload = 77 }
                for identifier in 1...20 as ClosedRange<Identifier> {
                    let (payload, key) = try set.read(identifier) { ($0.payload, $0.key) }
                    let whole = try set.get(identifier)
                    #expect(payload == whole.payload && key == whole.key, "\(identifier)")
                }
                #expect(try set.read(7) { $0.payload } == 77)
                #expect(failure { () throws(KernelError) in _ = try set.read(99) { $0.payload } } == .unknownIdentifier)
                try set.retire()
                #expect(failure { () throws(KernelError) in _ = try set.read(7) { $0.payload } } == .unknownIdentifier)
            }
        }

        @Test(arguments: Kind.allCases) func readLendsTheObject(kind: Kind) throws {
            try kind.with(Read())
        }

        struct ThrowingWalk: SetVisitor {
            func visit<I>(_ set: ObjectSet<I>, _ kind: Kind) throws where I.Element == Item {
                for identifier in 1...10 as ClosedRange<Identifier> {
                    try set.add(Item(identifier: identifier))
                }
                var visited = 0
                #expect(failure { () throws(KernelError) in
                    try set.forEach { _ throws(KernelError) in
                        visited += 1
                        if visited == 4 { throw KernelError.busy }
                    }
                } == .busy)
                #expect(visited == 4)
                try set.retire()
                #expect(failure { () throws(KernelError) in try set.forEachBackward { _ in } } == .unknownIdentifier)
            }
        }

        @Test(arguments: Kind.allCases) func walksPassErrorsOn(kind: Kind) throws {
            try kind.with(ThrowingWalk())
        }

        @Test func aFailingImplementationStopsTheWalkWithItsError() throws {
            let set = try ObjectSet<BrokenList<Item>>(identifier: 0x0900_0000_0000_0002, options: [])
            try set.add(Item(identifier: 1))
            try set.add(Item(identifier: 2))
            var visited: [Identifier] = []
            #expect(failure { () throws(KernelError) in try set.forEach { visited.append($0.identifier) } } == .notImplemented)
            #expect(visited.isEmpty)   // the walk reads the next position before handing out the head
            set.showObjects()   // prints a line naming the error instead of stopping silently
        }

        @Test func theDuplicateCheckNeverSearchesTheStructure() throws {
            // BrokenList.locate always fails: add succeeds and a duplicate is
            // refused all the same, so neither asked the structure.
            let set = try ObjectSet<BrokenList<Item>>(identifier: 0x0900_0000_0000_0003, options: [])
            try set.push(Item(identifier: 1))
            #expect(failure { () throws(KernelError) in try set.push(Item(identifier: 1)) } == .duplicateIdentifier)
            #expect(set.exist(1) && !set.exist(2))
            #expect(try set.size() == 1)
        }

        struct Index: SetVisitor {
            func visit<I>(_ set: ObjectSet<I>, _ kind: Kind) throws where I.Element == Item {
                for identifier in 1...30 as ClosedRange<Identifier> {
                    try set.add(Item(identifier: identifier, key: identifier * 2))
                }
                #expect(set.members.count == 30)
                #expect(set.members[7] == 14)
                _ = try set.pop()
                try set.remove(10)
                try set.delete(at: try set.locate(20))
                #expect(set.members.count == 27)
                try set.update(21) { $0.key = 1 }
                #expect(set.members[21] == 1)
                try set.flush()
                #expect(set.members.isEmpty && set.members.capacity == 0)
                try set.add(Item(identifier: 1))
                try set.retire()
                #expect(set.members.isEmpty && set.members.capacity == 0)
            }
        }

        @Test(arguments: Kind.allCases) func theIndexFollowsTheSetAndIsFreed(kind: Kind) throws {
            try kind.with(Index())
        }

        @Test func ordersCompareByKeyThenIdentifier() {
            #expect(SetOrder(key: 1, identifier: 9) < SetOrder(key: 2, identifier: 1))
            #expect(SetOrder(key: 2, identifier: 1) < SetOrder(key: 2, identifier: 3))
            #expect(!(SetOrder(key: 2, identifier: 3) < SetOrder(key: 2, identifier: 3)))
            #expect(Item(identifier: 5).order == SetOrder(key: 5, identifier: 5))
        }

        /// `SetOptions.smallOrder` gives a b+-tree of order 4 (the kernel
        /// tests rely on it to split and merge with a dozen objects);
        /// without it the order is 32; the other structures accept the
        /// option and ignore it.
        @Test func theSmallOrderOptionReachesTheBPlusTree() throws {
            #expect(try BPlusTree<Item>(options: .smallOrder).order == 4)
            #expect(try BPlusTree<Item>(options: [.sorted, .smallOrder]).order == 4)
            #expect(try BPlusTree<Item>(options: []).order == 32)
            #expect(try LinkedList<Item>(options: .smallOrder).isSorted == false)
            #expect(try GrowableArray<Item>(options: [.sorted, .smallOrder]).isSorted)
            _ = try Stack<Item>(options: .smallOrder)
            _ = try Pipe<Item>(options: .smallOrder)
            _ = try BinaryTree<Item>(options: .smallOrder)
            // Five objects overflow one leaf of order 4 but not of order 32.
            let small = try ObjectSet<BPlusTree<Item>>(identifier: 1, options: .smallOrder)
            let large = try ObjectSet<BPlusTree<Item>>(identifier: 2, options: [])
            for identifier in Identifier(1)...5 {
                try small.add(Item(identifier: identifier))
                try large.add(Item(identifier: identifier))
            }
            #expect(try small.head()!.leaf != small.tail()!.leaf)
            #expect(try large.head()!.leaf == large.tail()!.leaf)
        }
    }
}

/// Adds twenty items to `set` in a scrambled order; the model holding
/// the same.
private func addTwenty<I>(to set: ObjectSet<I>, _ kind: Kind) throws -> Model where I.Element == Item {
    var model = Model(placement: kind.placement)
    for identifier in KernelManagers.SetOperations.scrambled(20) {
        try set.add(Item(identifier: identifier))
        _ = model.add(identifier)
    }
    return model
}
