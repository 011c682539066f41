// Tests/KernelCoreTests/SchedulerPolicyTests.swift -- the run queues and
// the two policies, alone (no kernel, no threads): election order by
// priority, quanta that grow with priority, feedback, round robin's equal
// turns, idling. Each check runs against a deliberately wrong policy
// too (defined here, never in the kernel), which must fail it.

import Testing
@testable import Kernel
@testable import Machine

/// Multilevel feedback with a quantum that shrinks as priority grows.
enum WrongQuantum: SchedulingPolicy {
    static var name: StaticString { "wrong-quantum" }
    static var levels: Int { MultilevelFeedback.levels }
    static var boostPeriod: UInt64 { MultilevelFeedback.boostPeriod }
    static func level(taskPriority: UInt8, threadPriority: UInt8) -> Int {
        MultilevelFeedback.level(taskPriority: taskPriority, threadPriority: threadPriority)
    }
    static func quantum(taskPriority: UInt8, threadPriority: UInt8, base: UInt32) -> UInt32 {
        base * (260 - UInt32(threadPriority)) / 50
    }
    static func feedback(level: Int, best: Int, exhausted: Bool) -> Int {
        MultilevelFeedback.feedback(level: level, best: best, exhausted: exhausted)
    }
}

/// Multilevel feedback without feedback: nothing ever moves, and
/// without a boost.
enum NoFeedback: SchedulingPolicy {
    static var name: StaticString { "no-feedback" }
    static var levels: Int { MultilevelFeedback.levels }
    static var boostPeriod: UInt64 { 0 }
    static func level(taskPriority: UInt8, threadPriority: UInt8) -> Int {
        MultilevelFeedback.level(taskPriority: taskPriority, threadPriority: threadPriority)
    }
    static func quantum(taskPriority: UInt8, threadPriority: UInt8, base: UInt32) -> UInt32 {
        MultilevelFeedback.quantum(taskPriority: taskPriority, threadPriority: threadPriority, base: base)
    }
    static func feedback(level: Int, best: Int, exhausted: Bool) -> Int {
        level
    }
}

/// Round robin that always puts the same thread first (never rotates):
/// it elects the lowest identifier.
enum Unfair: SchedulingPolicy {
    static var name: StaticString { "unfair" }
    static var levels: Int { 64 }
    static var boostPeriod: UInt64 { 0 }
    static func level(taskPriority: UInt8, threadPriority: UInt8) -> Int { Int(threadPriority) % 64 }
    static func quantum(taskPriority: UInt8, threadPriority: UInt8, base: UInt32) -> UInt32 { base }
    static func feedback(level: Int, best: Int, exhausted: Bool) -> Int { level }
}

/// Every thread may run.
func anyone(_ entry: SchedulerEntry) -> Bool { true }

/// True if the quantum grows with the (mean) priority: never shrinks as
/// either priority rises, and is strictly longer from one behaviour's
/// band to the next.
func quantaGrowWithPriority<Policy: SchedulingPolicy>(_ policy: Policy.Type) -> Bool {
    let base: UInt32 = 10
    for task in stride(from: 10, through: 250, by: 10) {
        var last: UInt32 = 0
        for thread in 10..<250 {
            let quantum = Policy.quantum(taskPriority: UInt8(task), threadPriority: UInt8(thread), base: base)
            if quantum < last || quantum == 0 { return false }
            last = quantum
        }
    }
    // one priority per band, background to core: strictly longer each time
    let bands: [UInt8] = [30, 90, 150, 190, 230]
    let quanta = bands.map { Policy.quantum(taskPriority: $0, threadPriority: $0, base: base) }
    return zip(quanta, quanta.dropFirst()).allSatisfy { $0 < $1 }
}

/// The threads elected in `turns` elections, each using its whole
/// quantum (`exhaust`) or one millisecond of it.
func electionSequence<Policy: SchedulingPolicy>(
    _ queues: inout RunQueues<Policy>, turns: Int, exhaust: Bool = true
) -> [Identifier] {
    var elected: [Identifier] = []
    for _ in 0..<turns {
        let thread = queues.elect(anyone)
        elected.append(thread)
        if thread != 0 {
            let quantum = UInt64(queues.entry(thread)!.quantum)
            _ = queues.charge(exhaust ? quantum : 1)
        }
    }
    return elected
}

/// True if a thread that used its whole quantum went down one level,
/// one that yields early kept its level until its yields added up to a
/// quantum, and one that blocked came back at its best level.
func exhaustionDropsALevel<Policy: SchedulingPolicy>(_ policy: Policy.Type) -> Bool {
    var queues = RunQueues<Policy>(base: 10)
    try? queues.add(1, task: 100, taskPriority: 130, threadPriority: 130)
    try? queues.add(2, task: 100, taskPriority: 130, threadPriority: 130)
    let best = queues.entry(1)!.best
    let quantum = UInt64(queues.entry(1)!.quantum)
    guard queues.elect(anyone) == 1 else { return false }
    // 1 uses its whole quantum: the clock says so
    guard queues.charge(quantum) else { return false }
    // 2 runs next; 1 sank one level
    guard queues.elect(anyone) == 2, queues.entry(1)!.level == best + 1 else { return false }
    // 2 yields early, again and again: it keeps its level, above 1...
    for _ in 1..<quantum {
        guard !queues.charge(1), queues.elect(anyone) == 2, queues.entry(2)!.level == best else { return false }
    }
    // ...until its turns add up to a quantum: then it sinks too
    guard queues.charge(1), queues.elect(anyone) == 1, queues.entry(2)!.level == best + 1 else { return false }
    // 2 blocks and wakes: it comes back at its best level, and runs first
    try? queues.remove(2)
    try? queues.add(2, task: 100, taskPriority: 130, threadPriority: 130)
    _ = queues.charge(1)
    return queues.elect(anyone) == 2 && queues.entry(2)!.level == best && queues.inconsistency() == nil
}

/// How many times each thread was elected in `sequence`.
func shares(_ sequence: [Identifier]) -> [Identifier: Int] {
    sequence.reduce(into: [:]) { $0[$1, default: 0] += 1 }
}

@Suite struct SchedulerPolicies {
    @Test func theHighestPriorityIsElectedFirst() throws {
        var queues = RunQueues<MultilevelFeedback>(base: 10)
        try queues.add(3, task: 1, taskPriority: 30, threadPriority: 20)     // background: level 7
        try queues.add(2, task: 1, taskPriority: 100, threadPriority: 130)  // timesharing: level 4
        try queues.add(1, task: 1, taskPriority: 240, threadPriority: 240)  // core: level 0
        #expect(queues.entry(1)?.level == 0 && queues.entry(2)?.level == 4 && queues.entry(3)?.level == 7)
        #expect(queues.elect(anyone) == 1)
        try queues.remove(1)
        #expect(queues.elect(anyone) == 2)
        try queues.remove(2)
        #expect(queues.elect(anyone) == 3)
        // while one of higher priority waits, a lower one is never elected
        try queues.add(1, task: 1, taskPriority: 240, threadPriority: 240)
        #expect(queues.elect(anyone) == 1)
        #expect(queues.inconsistency() == nil)
    }

    @Test func quantaGrowWithPriorityAndTheWrongPolicyFails() {
        #expect(quantaGrowWithPriority(MultilevelFeedback.self))
        // controls: a shrinking quantum, and round robin's flat one
        #expect(!quantaGrowWithPriority(WrongQuantum.self))
        #expect(!quantaGrowWithPriority(RoundRobin.self))
        // the figures of the book: 2, 20 and 49 ms with a 10 ms base
        #expect(MultilevelFeedback.quantum(taskPriority: 10, threadPriority: 10, base: 10) == 2)
        #expect(MultilevelFeedback.quantum(taskPriority: 100, threadPriority: 100, base: 10) == 20)
        #expect(MultilevelFeedback.quantum(taskPriority: 250, threadPriority: 249, base: 10) == 49)
    }

    @Test func aThreadThatUsesItsQuantumDropsALevel() {
        #expect(exhaustionDropsALevel(MultilevelFeedback.self))
        // control: without feedback nothing sinks
        #expect(!exhaustionDropsALevel(NoFeedback.self))
        // at the lowest level it stays there
        var queues = RunQueues<MultilevelFeedback>(base: 10)
        try? queues.add(1, task: 1, taskPriority: 10, threadPriority: 10)
        _ = electionSequence(&queues, turns: 5)
        #expect(queues.entry(1)?.level == MultilevelFeedback.levels - 1)
    }

    @Test func roundRobinGivesEqualTurnsInOrder() throws {
        var queues = RunQueues<RoundRobin>(base: 10)
        // priorities do not matter to round robin
        try queues.add(1, task: 1, taskPriority: 240, threadPriority: 240)
        try queues.add(2, task: 1, taskPriority: 30, threadPriority: 10)
        try queues.add(3, task: 1, taskPriority: 100, threadPriority: 130)
        let sequence = electionSequence(&queues, turns: 300)
        #expect(Array(sequence.prefix(6)) == [1, 2, 3, 1, 2, 3])
        #expect(shares(sequence) == [1: 100, 2: 100, 3: 100])
        // yielding early changes nothing to the order
        #expect(electionSequence(&queues, turns: 3, exhaust: false) == [1, 2, 3])
        #expect(Set(try (1...3).map { try #require(queues.entry($0)).quantum }) == [10])
        // control: a policy that never rotates starves two of them
        var unfair = RunQueues<Unfair>(base: 10)
        try unfair.add(1, task: 1, taskPriority: 100, threadPriority: 10)
        try unfair.add(2, task: 1, taskPriority: 100, threadPriority: 11)
        try unfair.add(3, task: 1, taskPriority: 100, threadPriority: 12)
        #expect(shares(electionSequence(&unfair, turns: 300)) != [1: 100, 2: 100, 3: 100])
    }

    @Test func nothingToRunIsIdle() throws {
        var queues = RunQueues<MultilevelFeedback>(base: 10)
        #expect(queues.elect(anyone) == 0 && queues.running == 0)
        try queues.add(1, task: 5, taskPriority: 100, threadPriority: 100)
        // a thread whose task does not run is skipped, and stays queued
        #expect(queues.elect { $0.task != 5 } == 0)
        #expect(queues.count == 1 && queues.inconsistency() == nil)
        #expect(queues.elect(anyone) == 1)
        try queues.remove(1)
        #expect(queues.running == 0 && queues.elect(anyone) == 0)
    }

    @Test func removedThreadsAreNeverElected() throws {
        var queues = RunQueues<RoundRobin>(base: 10)
        for thread: Identifier in 1...4 {
            try queues.add(thread, task: 1, taskPriority: 100, threadPriority: 100)
        }
        try queues.remove(2)
        _ = queues.elect(anyone)
        try queues.remove(queues.running)  // the elected one leaves (it blocked)
        let sequence = electionSequence(&queues, turns: 40)
        #expect(Set(sequence) == [3, 4])
        #expect(failure { () throws(KernelError) in try queues.remove(2) } == .unknownIdentifier)
        #expect(failure { () throws(KernelError) in
            try queues.add(3, task: 1, taskPriority: 100, threadPriority: 100) } == .duplicateIdentifier)
        #expect(queues.inconsistency() == nil)
    }

    @Test func updateAndANewBaseQuantum() throws {
        var queues = RunQueues<MultilevelFeedback>(base: 10)
        try queues.add(1, task: 1, taskPriority: 100, threadPriority: 100)
        try queues.add(2, task: 1, taskPriority: 100, threadPriority: 100)
        try queues.update(2, taskPriority: 100, threadPriority: 240)
        #expect(queues.entry(2)!.quantum > queues.entry(1)!.quantum)
        #expect(queues.elect(anyone) == 2)
        try queues.setBase(20)
        #expect(queues.entry(1)?.quantum == 40)
        #expect(failure { () throws(KernelError) in try queues.setBase(0) } == .invalidArgument)
        #expect(failure { () throws(KernelError) in
            try queues.update(9, taskPriority: 100, threadPriority: 100) } == .unknownIdentifier)
        #expect(queues.inconsistency() == nil)
    }

    @Test func theBoostLiftsSunkThreads() throws {
        var queues = RunQueues<MultilevelFeedback>(base: 10)
        try queues.add(1, task: 1, taskPriority: 240, threadPriority: 240)
        // the hog sinks one level per quantum, to the bottom
        _ = electionSequence(&queues, turns: 8)
        #expect(queues.entry(1)?.level == 7)
        // once a boost period has been charged, the next election lifts it
        while queues.sinceBoost < MultilevelFeedback.boostPeriod {
            _ = electionSequence(&queues, turns: 1)
        }
        _ = queues.elect(anyone)
        #expect(queues.entry(1)?.level == 0 && queues.sinceBoost == 0)
    }
}
