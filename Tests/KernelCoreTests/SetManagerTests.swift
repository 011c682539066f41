// Tests/KernelCoreTests/SetManagerTests.swift -- the set container, the
// identifier manager and the statistics manager.

import Testing
@testable import Kernel
@testable import Machine

/// Restarts the kernel's managers so each test begins from nothing.
func restartKernel() throws {
    try Kernel.clean()
    try Kernel.initialize()
}

extension KernelManagers {
    @Suite struct SetContainer {
        @Test func containerHoldsItself() throws {
            try restartKernel()
            let container = try #require(SetManager.container)
            #expect(try container.size() == 1)
            #expect(SetManager.exist(container.identifier))
            #expect(try SetManager.get(container.identifier).implementationName.description == "list")
            #expect(failure { () throws(KernelError) in try SetManager.release(container.identifier) } == .invalidArgument)
        }

        @Test func reserveRecordsEverySet() throws {
            try restartKernel()
            let list: ObjectSet<LinkedList<Item>> = try SetManager.reserve()
            let tree = try SetManager.reserve(BPlusTree<Item>.self)
            let pipe = try SetManager.reserve(Pipe<Item>.self)
            try tree.add(Item(identifier: 3))
            let container = try #require(SetManager.container)
            #expect(try container.size() == 4)
            var names: [String] = []
            var kinds: [String] = []
            try container.forEach { descriptor in
                names.append(descriptor.implementationName.description)
                kinds.append(descriptor.elementKind.description)
            }
            #expect(names == ["list", "list", "bpt", "pipe"])
            #expect(kinds == ["set", "item", "item", "item"])
            #expect(try SetManager.get(tree.identifier).size() == 1)
            for set in [list.identifier, tree.identifier, pipe.identifier] {
                #expect(IdentifierManager.kind(of: set) == .set)
            }
            SetManager.dump()
        }

        @Test func releaseForgetsTheSet() throws {
            try restartKernel()
            let set = try SetManager.reserve(GrowableArray<Item>.self, options: .sorted)
            try set.add(Item(identifier: 1))
            try SetManager.release(set)
            #expect(!SetManager.exist(set.identifier))
            #expect(failure { () throws(KernelError) in try set.add(Item(identifier: 2)) } == .unknownIdentifier)
            #expect(failure { () throws(KernelError) in try SetManager.release(set) } == .unknownIdentifier)
            #expect(failure { () throws(KernelError) in try SetManager.show(set.identifier) } == .unknownIdentifier)
            #expect(outcome { () throws(KernelError) in try SetManager.get(0x0100_0000_0000_9999) }.failed == .unknownIdentifier)
        }

        @Test func reserveRefusesImpossibleOptions() throws {
            try restartKernel()
            #expect(outcome { () throws(KernelError) in try SetManager.reserve(Stack<Item>.self, options: .sorted) }.failed == .invalidArgument)
            #expect(try SetManager.container?.size() == 1)
        }

        @Test func cleanReleasesEverySet() throws {
            try restartKernel()
            let set = try SetManager.reserve(Stack<Item>.self)
            try Kernel.clean()
            #expect(SetManager.container == nil)
            #expect(!set.isLive)
            #expect(outcome { () throws(KernelError) in try SetManager.reserve(Stack<Item>.self) }.failed == .busy)
            try Kernel.initialize()
        }

        @Test func initializeTwiceIsRefused() throws {
            try restartKernel()
            #expect(failure { () throws(KernelError) in try SetManager.initialize() } == .busy)
        }
    }

    @Suite struct Identifiers {
        @Test func uniquePerKindAndTagged() throws {
            try restartKernel()
            let first = try IdentifierManager.reserve(.segment)
            let second = try IdentifierManager.reserve(.segment)
            let task = try IdentifierManager.reserve(.task)
            #expect(first != second)
            #expect(first & 0x00FF_FFFF_FFFF_FFFF == 1 && second & 0x00FF_FFFF_FFFF_FFFF == 2)
            #expect(IdentifierManager.kind(of: first) == .segment)
            #expect(IdentifierManager.kind(of: task) == .task)
            #expect(IdentifierManager.exist(second))
            #expect(!IdentifierManager.exist(second + 1))
            #expect(!IdentifierManager.exist(0))
            #expect(failure { () throws(KernelError) in try IdentifierManager.release(second + 1) } == .unknownIdentifier)
            #expect(failure { () throws(KernelError) in try IdentifierManager.release(first) } == nil)
        }

        @Test func exhaustionIsAnError() throws {
            try restartKernel()
            IdentifierManager.lastSerial[Int(ObjectKind.region.rawValue)] = IdentifierManager.maximumSerial
            #expect(outcome { () throws(KernelError) in try IdentifierManager.reserve(.region) }.failed == .exhausted)
        }

        @Test func hexadecimalIsPadded() {
            #expect(hexadecimal(0x1F) == "000000000000001f")
            #expect(hexadecimal(0xABC, digits: 2) == "abc")
        }
    }

    @Suite struct Statistics {
        @Test func countsCallsAndErrors() throws {
            try restartKernel()
            let set = try SetManager.reserve(BinaryTree<Item>.self)
            let before = StatisticsManager.get(manager: "set", function: "add")?.calls ?? 0
            try set.add(Item(identifier: 1))
            try set.add(Item(identifier: 2))
            _ = failure { () throws(KernelError) in try set.add(Item(identifier: 2)) }
            _ = outcome { () throws(KernelError) in try set.get(9) }
            let add = try #require(StatisticsManager.get(manager: "set", function: "add"))
            #expect(add.calls == before + 3)
            #expect(add.errors == 1)
            #expect(StatisticsManager.get(manager: "set", function: "get")?.errors == 1)
            #expect(!StatisticsManager.exist(manager: "set", function: "nothing"))
            StatisticsManager.dump()
        }

        @Test func everySetProbeIsReservedAtStart() throws {
            try restartKernel()
            for function: StaticString in ["add", "insert", "append", "push", "pop", "pick", "remove", "delete",
                                            "get", "locate", "floor", "ceiling", "update", "flush"] {
                #expect(StatisticsManager.exist(manager: "set", function: function), "\(function)")
            }
        }

        @Test func floorCeilingAndUpdateAreCounted() throws {
            try restartKernel()
            let set = try SetManager.reserve(GrowableArray<Item>.self, options: .sorted)
            let floor = StatisticsManager.get(manager: "set", function: "floor")?.calls ?? 0
            let update = StatisticsManager.get(manager: "set", function: "update")
            try set.add(Item(identifier: 1))
            _ = try set.floor(3)
            _ = try set.ceiling(3)
            _ = failure { () throws(KernelError) in try set.update(9) { _ in } }
            #expect(StatisticsManager.get(manager: "set", function: "floor")?.calls == floor + 1)
            #expect(StatisticsManager.get(manager: "set", function: "update")?.errors == (update?.errors ?? 0) + 1)
        }

        @Test func probesAreReservedOnce() {
            let first = StatisticsManager.reserve(manager: "test", function: "probe")
            let again = StatisticsManager.reserve(manager: "test", function: "probe")
            #expect(first == again)
        }
    }
}

extension KernelManagers {
    @Suite struct MachineHooks {
        @Test func reserveCallsTheMachineAfterAndReleaseBefore() throws {
            try restartKernel()
            Machine.hookCalls = []
            let set = try SetManager.reserve(Pipe<Item>.self)
            try SetManager.release(set)
            #expect(Machine.hookCalls == [
                Machine.HookCall(hook: "setReserved", identifier: set.identifier, objectExisted: true),
                Machine.HookCall(hook: "setReleasing", identifier: set.identifier, objectExisted: true),
            ])
        }

        @Test func aRefusedReservationIsUndone() throws {
            try restartKernel()
            Machine.refuseNextHook = true
            #expect(outcome { () throws(KernelError) in try SetManager.reserve(Stack<Item>.self) }.failed == .machineRefused)
            #expect(try SetManager.container?.size() == 1)
        }

        @Test func aRefusedReleaseKeepsTheSet() throws {
            try restartKernel()
            let set = try SetManager.reserve(LinkedList<Item>.self)
            try set.add(Item(identifier: 1))
            Machine.refuseNextHook = true
            #expect(failure { () throws(KernelError) in try SetManager.release(set) } == .machineRefused)
            #expect(SetManager.exist(set.identifier))
            #expect(try set.get(1).identifier == 1)
        }
    }
}
