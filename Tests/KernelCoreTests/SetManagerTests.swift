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

/// The sets the managers reserve at start, after the container: used
/// segments, free areas, address spaces, the kernel space's segments and
/// regions, tasks, the kernel task's threads, threads, timers, events,
/// capabilities.
let memorySets = 11

extension KernelManagers {
    @Suite struct SetContainer {
        @Test func containerHoldsItself() throws {
            try restartKernel()
            let container = try #require(SetManager.container)
            #expect(try container.size() == 1 + memorySets)
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
            #expect(try container.size() == 4 + memorySets)
            var names: [String] = []
            var kinds: [String] = []
            try container.forEach { descriptor in
                names.append(descriptor.implementationName.description)
                kinds.append(descriptor.elementKind.description)
            }
            #expect(names == ["list", "bpt", "bpt", "bpt", "bpt", "bpt", "bpt", "bpt", "bpt", "bpt", "bpt", "bpt", "list",
                              "bpt", "pipe"])
            #expect(kinds == ["set", "segment", "free", "as", "segment", "region", "task", "thread", "thread",
                              "timer", "event", "capability", "item", "item", "item"])
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
            #expect(try SetManager.container?.size() == 1 + memorySets)
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
            #expect(set.machineRecord.reservedBy == 0)
            try SetManager.release(set)
            #expect(Machine.hookCalls == [
                Machine.HookCall(hook: "setReserved", identifier: set.identifier,
                                 arguments: "implementation=pipe kind=item options=0x0", objectExisted: true),
                Machine.HookCall(hook: "setReleasing", identifier: set.identifier,
                                 arguments: "reservedBy=0", objectExisted: true),
            ])
            #expect(set.machineRecord.releasingBy == 1)
        }

        @Test func theHooksGetTheCallsArguments() throws {
            try restartKernel()
            Machine.hookCalls = []
            let sorted = try SetManager.reserve(GrowableArray<Item>.self, options: .sorted)
            let tree = try SetManager.reserve(BPlusTree<Item>.self)
            #expect(Machine.hookCalls.map(\.arguments) == [
                "implementation=array kind=item options=0x1",
                "implementation=bpt kind=item options=0x0",
            ])
            // Each set carries its own record, written by its own hook.
            #expect(sorted.machineRecord.reservedBy == 0)
            #expect(tree.machineRecord.reservedBy == 1)
            #expect(try SetManager.get(tree.identifier).machineRecord.reservedBy == 1)
        }

        @Test func aRefusedReservationIsUndone() throws {
            try restartKernel()
            Machine.refuseNextHook = true
            #expect(outcome { () throws(KernelError) in try SetManager.reserve(Stack<Item>.self) }.failed == .machineRefused)
            #expect(try SetManager.container?.size() == 1 + memorySets)
            #expect(!Machine.refuseNextHook)
        }

        @Test func aRefusedReleaseKeepsTheSet() throws {
            try restartKernel()
            let set = try SetManager.reserve(LinkedList<Item>.self)
            try set.add(Item(identifier: 1))
            Machine.refusal = .named("setReleasing")
            #expect(failure { () throws(KernelError) in try SetManager.release(set) } == .machineRefused)
            #expect(SetManager.exist(set.identifier))
            #expect(try set.get(1).identifier == 1)
            #expect(set.machineRecord.releasingBy == nil)
            #expect(Machine.refusal == nil)
        }

        @Test func aRefusalCanWaitForItsCall() throws {
            try restartKernel()
            Machine.hookCalls = []
            Machine.refusal = .after(2)
            _ = try SetManager.reserve(Stack<Item>.self)
            _ = try SetManager.reserve(Stack<Item>.self)
            #expect(outcome { () throws(KernelError) in try SetManager.reserve(Stack<Item>.self) }.failed == .machineRefused)
            #expect(Machine.hookCalls.count == 3)
            #expect(try SetManager.container?.size() == 3 + memorySets)
        }
    }

    /// `Kernel.initialize` starts the managers in order and, when any
    /// step is refused, stops those it started: nothing stays installed.
    @Suite struct StartUp {
        /// Everything a stopped kernel must not hold any more.
        func expectNothingInstalled(_ recordsBefore: Int, _ round: Int) {
            #expect(!Kernel.isInitialized, "round \(round)")
            #expect(Kernel.started == 0, "round \(round)")
            #expect(SetManager.container == nil, "round \(round): the set container is still there")
            #expect(!IdentifierManager.initialized, "round \(round): the identifier manager is still up")
            for entry in StatisticsManager.entries {
                #expect(entry.calls == 0 && entry.errors == 0 && entry.cycles == 0,
                        "round \(round): \(entry.manager).\(entry.function) still counts")
            }
            #expect(Machine.liveSetRecords == recordsBefore,
                    "round \(round): \(Machine.liveSetRecords - recordsBefore) set descriptors leaked")
        }

        /// Refuses the first hook of the start, then the second, and so
        /// on until a start succeeds with its refusal unused: each refused
        /// start reports the refusal, undoes everything, and the next
        /// start succeeds.
        @Test func aRefusedStartIsUndoneAtEveryStep() throws {
            try Kernel.clean()
            Machine.refusal = nil
            var refusedRounds = 0
            for round in 0..<20 {
                // Nothing before the round: the kernel is stopped.
                let recordsBefore = Machine.liveSetRecords
                Machine.hookCalls = []
                Machine.refusal = .after(round)
                let error = failure { () throws(KernelError) in try Kernel.initialize() }
                if error == nil {
                    // The start needed fewer hooks than `round`: the refusal is unused.
                    #expect(Machine.refusal != nil)
                    #expect(Kernel.isInitialized)
                    Machine.refusal = nil
                    break
                }
                refusedRounds += 1
                // 1. the refusal came back, from the hook it named
                #expect(error == .machineRefused, "round \(round)")
                #expect(Machine.refusal == nil, "round \(round)")
                #expect(Machine.hookCalls.count > round, "round \(round)")
                // 2. every set the machine heard of before was released again
                let reserved = Machine.hookCalls.prefix(round).filter { $0.hook == "setReserved" }.map(\.identifier)
                let released = Machine.hookCalls.dropFirst(round + 1).filter { $0.hook == "setReleasing" }.map(\.identifier)
                #expect(reserved.sorted() == released.sorted(), "round \(round)")
                // 3. nothing stays installed
                expectNothingInstalled(recordsBefore, round)
                // 4. a start without refusal succeeds, and stops cleanly
                try Kernel.initialize()
                #expect(Kernel.isInitialized)
                try Kernel.clean()
                expectNothingInstalled(recordsBefore, round)
            }
            // The start has a set hook and the kernel hook at least.
            #expect(refusedRounds >= 2)
            try restartKernel()
        }

        /// `clean` tells the machine first, then stops the managers in
        /// the reverse order; a refused `clean` can be called again.
        @Test func cleanStopsInReverseAndCanResume() throws {
            try restartKernel()
            let set = try SetManager.reserve(Stack<Item>.self)
            Machine.hookCalls = []
            Machine.refusal = .named("setReleasing")
            #expect(failure { () throws(KernelError) in try Kernel.clean() } == .machineRefused)
            // The machine was told, the message manager (no set) stopped,
            // the capability manager (the last started with a set)
            // refused to stop, its set is still there: still up.
            #expect(Machine.hookCalls.map(\.hook) == ["kernelCleaning", "setReleasing"])
            #expect(EventManager.events != nil && ThreadManager.threads != nil)
            #expect(SetManager.exist(set.identifier))
            #expect(AddressSpaceManager.exist(AddressSpaceManager.kernel))
            #expect(failure { () throws(KernelError) in try Kernel.initialize() } == .busy)
            #expect(Kernel.started == Kernel.managers.count - 2)
            Kernel.dump()
            // Again: the machine is not told twice, the rest stops.
            try Kernel.clean()
            let hooks = Machine.hookCalls.map(\.hook)
            #expect(hooks.filter { $0 == "kernelCleaning" }.count == 1)
            #expect(hooks.suffix(2) == ["setReleasing", "setReleasing"])
            #expect(Machine.hookCalls.last?.identifier == 0x0100_0000_0000_0001)
            #expect(SetManager.container == nil)
            #expect(!set.isLive)
            try Kernel.initialize()
        }
    }
}
