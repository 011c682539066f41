// Tests/KernelCoreTests/SetOperationTests.swift -- one test per operation,
// run over every implementation (the same suite, instantiated per `Kind`).

import Testing
@testable import Kernel
@testable import Machine

extension KernelManagers {
    @Suite struct SetOperations {
        /// Identifiers 1...n in a scrambled order, the same every run.
        static func scrambled(_ n: Int) -> [Identifier] {
            (0..<n).map { Identifier(($0 * 37) % n + 1) }
        }

        struct AddGetExist: SetVisitor {
            func visit<I>(_ set: ObjectSet<I>, _ kind: Kind) throws where I.Element == Item {
                for identifier in SetOperations.scrambled(50) {
                    try set.add(Item(identifier: identifier, payload: Int(identifier) * 10))
                }
                #expect(try set.size() == 50)
                for identifier in 1...50 as ClosedRange<Identifier> {
                    #expect(set.exist(identifier))
                    #expect(try set.get(identifier).payload == Int(identifier) * 10)
                }
                #expect(!set.exist(51))
                #expect(outcome { () throws(KernelError) in try set.get(51) } == .failure(.unknownIdentifier))
            }
        }

        @Test(arguments: Kind.allCases) func addThenGet(kind: Kind) throws {
            try kind.with(AddGetExist())
        }

        struct Duplicate: SetVisitor {
            func visit<I>(_ set: ObjectSet<I>, _ kind: Kind) throws where I.Element == Item {
                try set.add(Item(identifier: 7, payload: 1))
                #expect(failure { () throws(KernelError) in try set.add(Item(identifier: 7, payload: 2)) } == .duplicateIdentifier)
                #expect(failure { () throws(KernelError) in try set.push(Item(identifier: 7)) } == .duplicateIdentifier)
                #expect(try set.size() == 1)
                #expect(try set.get(7).payload == 1)
            }
        }

        @Test(arguments: Kind.allCases) func duplicateIsRefused(kind: Kind) throws {
            try kind.with(Duplicate())
        }

        struct Order: SetVisitor {
            func visit<I>(_ set: ObjectSet<I>, _ kind: Kind) throws where I.Element == Item {
                var model = Model(placement: kind.placement)
                for identifier in [5, 3, 9, 1, 7] as [Identifier] {
                    try set.add(Item(identifier: identifier))
                    _ = model.add(identifier)
                }
                #expect(try forward(set) == model.identifiers)
                #expect(try backward(set) == model.identifiers.reversed())
                switch kind.placement {
                case .free, .fifo: #expect(model.identifiers == [5, 3, 9, 1, 7])
                case .lifo: #expect(model.identifiers == [7, 1, 9, 3, 5])
                case .sorted: #expect(model.identifiers == [1, 3, 5, 7, 9])
                }
            }
        }

        @Test(arguments: Kind.allCases) func iterationOrder(kind: Kind) throws {
            try kind.with(Order())
        }

        struct InsertAppend: SetVisitor {
            func visit<I>(_ set: ObjectSet<I>, _ kind: Kind) throws where I.Element == Item {
                var model = Model(placement: kind.placement)
                for identifier in [20, 10, 30, 5, 40, 25] as [Identifier] {
                    let viaInsert = identifier % 10 == 0 && identifier != 30
                    let got = failure { () throws(KernelError) in
                        if viaInsert { try set.insert(Item(identifier: identifier)) } else { try set.append(Item(identifier: identifier)) }
                    }
                    let expected = viaInsert ? model.insert(identifier) : model.append(identifier)
                    #expect(got == expected, "\(identifier)")
                }
                #expect(try forward(set) == model.identifiers)
            }
        }

        @Test(arguments: Kind.allCases) func insertAndAppend(kind: Kind) throws {
            try kind.with(InsertAppend())
        }

        struct PushPopPick: SetVisitor {
            func visit<I>(_ set: ObjectSet<I>, _ kind: Kind) throws where I.Element == Item {
                #expect(outcome { () throws(KernelError) in try set.pop() } == .failure(.empty))
                #expect(outcome { () throws(KernelError) in try set.pick() } == .failure(.empty))
                var model = Model(placement: kind.placement)
                for identifier in [4, 2, 8, 6] as [Identifier] {
                    try set.push(Item(identifier: identifier))
                    _ = model.add(identifier)
                }
                #expect(try set.pick().identifier == (try model.pick().get()))
                #expect(try set.size() == 4)
                while let expected = try? model.pop().get() {
                    #expect(try set.pop().identifier == expected)
                }
                #expect(try set.size() == 0)
                #expect(outcome { () throws(KernelError) in try set.pop() } == .failure(.empty))
            }
        }

        @Test(arguments: Kind.allCases) func pushPopPick(kind: Kind) throws {
            try kind.with(PushPopPick())
        }

        struct RemoveAndDelete: SetVisitor {
            func visit<I>(_ set: ObjectSet<I>, _ kind: Kind) throws where I.Element == Item {
                for identifier in SetOperations.scrambled(30) {
                    try set.add(Item(identifier: identifier))
                }
                #expect(failure { () throws(KernelError) in try set.remove(99) } == .unknownIdentifier)
                try set.remove(10)
                #expect(!set.exist(10))
                #expect(failure { () throws(KernelError) in try set.remove(10) } == .unknownIdentifier)
                let position = try set.locate(20)
                #expect(try set.object(at: position).identifier == 20)
                try set.delete(at: position)
                #expect(!set.exist(20))
                #expect(try set.size() == 28)
                // Delete every other object by walking positions from the head.
                while let head = try set.head() {
                    try set.delete(at: head)
                }
                #expect(try set.size() == 0)
                #expect(try forward(set).isEmpty)
            }
        }

        @Test(arguments: Kind.allCases) func removeAndDelete(kind: Kind) throws {
            try kind.with(RemoveAndDelete())
        }

        struct StalePositions: SetVisitor {
            func visit<I>(_ set: ObjectSet<I>, _ kind: Kind) throws where I.Element == Item {
                try set.add(Item(identifier: 1))
                try set.add(Item(identifier: 2))
                let position = try set.locate(1)
                try set.flush()
                #expect(try set.size() == 0)
                #expect(outcome { () throws(KernelError) in try set.object(at: position) }.failed == .outOfRange)
                #expect(failure { () throws(KernelError) in try set.delete(at: position) } == .outOfRange)
                #expect(outcome { () throws(KernelError) in try set.next(position) }.failed == .outOfRange)
                #expect(outcome { () throws(KernelError) in try set.previous(position) }.failed == .outOfRange)
                #expect(try set.head() == nil)
                #expect(try set.tail() == nil)
            }
        }

        @Test(arguments: Kind.allCases) func positionsAfterFlushAreRefused(kind: Kind) throws {
            try kind.with(StalePositions())
        }

        struct Released: SetVisitor {
            func visit<I>(_ set: ObjectSet<I>, _ kind: Kind) throws where I.Element == Item {
                try set.add(Item(identifier: 1))
                try set.retire()
                #expect(failure { () throws(KernelError) in try set.add(Item(identifier: 2)) } == .unknownIdentifier)
                #expect(outcome { () throws(KernelError) in try set.get(1) } == .failure(.unknownIdentifier))
                #expect(outcome { () throws(KernelError) in try set.size() } == .failure(.unknownIdentifier))
                #expect(outcome { () throws(KernelError) in try set.pop() } == .failure(.unknownIdentifier))
                #expect(failure { () throws(KernelError) in try set.flush() } == .unknownIdentifier)
                #expect(!set.exist(1))
                #expect(outcome { () throws(KernelError) in try forward(set) }.failed == .unknownIdentifier)
                #expect(set.members.isEmpty)
            }
        }

        @Test(arguments: Kind.allCases) func releasedSetRefusesEverything(kind: Kind) throws {
            try kind.with(Released())
        }

        struct Growth: SetVisitor {
            func visit<I>(_ set: ObjectSet<I>, _ kind: Kind) throws where I.Element == Item {
                let identifiers = SetOperations.scrambled(2_000)
                for identifier in identifiers {
                    try set.add(Item(identifier: identifier))
                }
                var model = Model(placement: kind.placement)
                for identifier in identifiers { _ = model.add(identifier) }
                #expect(try forward(set) == model.identifiers)
                #expect(try backward(set) == model.identifiers.reversed())
                for identifier in identifiers where identifier % 3 != 0 {
                    try set.remove(identifier)
                    _ = model.remove(identifier)
                }
                #expect(try forward(set) == model.identifiers)
                #expect(try backward(set) == model.identifiers.reversed())
            }
        }

        @Test(arguments: Kind.allCases) func manyObjects(kind: Kind) throws {
            try kind.with(Growth())
        }

        @Test func stacksAndPipesRefuseSorting() {
            #expect(outcome { () throws(KernelError) in try Stack<Item>(options: .sorted) }.failed == .invalidArgument)
            #expect(outcome { () throws(KernelError) in try Pipe<Item>(options: .sorted) }.failed == .invalidArgument)
        }
    }
}

extension Result {
    /// The error of a failed result, nil on success.
    var failed: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
