// assignments/05-scheduler/hidden/scheduler_hidden_tests.swift -- the
// hidden tests: stricter timers, many sleepers, sleep beside a busy loop,
// every outer ring preempted, priorities through the tasks' behaviours,
// feedback step by step and the boost, events switched off and on.

import IA32
import Kernel
import Machine

// MARK: timers

/// One-shot timers of 50, 250 and 500 ms, reserved together, each fire
/// once at their expiry on the core's clock and within 3 per cent of
/// their delay in guest time.
func test_timer_oneshot_strict() throws(TestFailure) {
    try executionStart()
    let start = TimerManager.clock
    let nanoseconds = guestNanoseconds()
    let delays: [UInt64] = [500, 50, 250]
    var timers: [Identifier] = []
    for delay in delays {
        timers.append(try notingTimer(delay))
    }
    try idleUntil(start + 700)
    check("once_each") { () throws(TestFailure) in
        for (index, timer) in timers.enumerated() {
            try expectEqual(firings(of: timer).count, 1, "firings of the one-shot timer of \(delays[index]) ms in 700 ms")
        }
    }
    check("guest_time") { () throws(TestFailure) in
        for (index, timer) in timers.enumerated() {
            guard let firing = firings(of: timer).first else { throw TestFailure("the timer of \(delays[index]) ms never fired") }
            try expectEqual(firing.clock, start + delays[index], "the clock when the timer of \(delays[index]) ms fired")
            try expectGuestTime(firing, from: nanoseconds, delays[index], percent: 3)
        }
    }
}

/// Repeating timers of 1, 3 and 7 ms fire exactly 100, 33 and 14 times
/// in 100 ms; a one-shot updated into a repeating timer repeats.
func test_timer_repeat_window() throws(TestFailure) {
    try executionStart()
    let start = TimerManager.clock
    let delays: [UInt64] = [1, 3, 7]
    var timers: [Identifier] = []
    for delay in delays {
        timers.append(try notingTimer(delay, repeats: true))
    }
    let updated = try notingTimer(1000)
    try expectSuccess("update the one-shot into a repeating timer of 25 ms") { () throws(KernelError) in
        try TimerManager.update(updated, delay: 25, repeats: true)
    }
    try idleUntil(start + 100)
    for timer in timers + [updated] {
        try? TimerManager.release(timer)
    }
    check("exact_counts") { () throws(TestFailure) in
        for (index, timer) in timers.enumerated() {
            try expectEqual(firings(of: timer).count, Int(100 / delays[index]),
                            "firings of the \(delays[index]) ms timer in 100 ms")
        }
    }
    check("updated_repeats") { () throws(TestFailure) in
        let clocks = firings(of: updated).map { $0.clock - start }
        try expect(clocks == [25, 50, 75, 100], "the updated timer fired at \(listText(clocks)) ms, expected [25, 50, 75, 100]")
    }
}

// MARK: sleepers

/// When each of five sleepers woke, by the length of its sleep (ms).
nonisolated(unsafe) var wakeClocks: [UInt64: UInt64] = [:]
nonisolated(unsafe) var sleepStart: UInt64 = 0

/// Sleeps `milliseconds` from the common start, notes when it woke.
func sleepFromStart(_ milliseconds: UInt64) {
    do throws(KernelError) {
        try ThreadManager.sleep(ThreadManager.current, until: sleepStart + milliseconds)
    } catch {
        print("KTEST FAIL sleep refused: \(error.description)")
        Machine.exit(.fail)
    }
    wakeClocks[milliseconds] = TimerManager.clock
    exitThread(0)
}

let sleep10: ThreadBody = { sleepFromStart(10) }
let sleep20: ThreadBody = { sleepFromStart(20) }
let sleep30: ThreadBody = { sleepFromStart(30) }
let sleep40: ThreadBody = { sleepFromStart(40) }
let sleep50: ThreadBody = { sleepFromStart(50) }

/// Five threads, started longest sleep first, sleep until 50, 40, 30, 20
/// and 10 ms past a common start: each wakes in order, 0 to 2 ms late.
func test_sched_sleep_many() throws(TestFailure) {
    try preemptiveStart()
    let task = try startedTask(.core)
    sleepStart = TimerManager.clock + 5
    for body in [sleep50, sleep40, sleep30, sleep20, sleep10] {
        _ = try swiftThread(task, body)
    }
    let done = try runThreads { wakeClocks.count == 5 && Scheduler.current() == 0 }
    check("all_wake") { () throws(TestFailure) in
        try expect(done, "\(wakeClocks.count) of 5 sleepers woke within 3 s")
    }
    check("each_in_time") { () throws(TestFailure) in
        for length: UInt64 in [10, 20, 30, 40, 50] {
            guard let clock = wakeClocks[length] else { throw TestFailure("the sleeper of \(length) ms never woke") }
            let late = clock - sleepStart
            try expect(late >= length && late <= length + 2, "the sleeper of \(length) ms woke at \(late) ms")
        }
    }
}

/// A thread that sleeps 40 ms beside a spinner wakes no earlier, and no
/// later than the spinner's quantum (plus a tick) after its alarm.
func test_sched_sleep_busy() throws(TestFailure) {
    try preemptiveStart()
    let spinner = try SpinProbe.make()
    let task = try startedTask(.core)
    sleepStart = TimerManager.clock + 10
    _ = try swiftThread(task, sleep40)
    let quantum = try schedulerEntry(spinner.thread).quantum
    try runWindow(200, stopping: [spinner.thread])
    check("not_early") { () throws(TestFailure) in
        guard let clock = wakeClocks[40] else { throw TestFailure("the sleeper never woke beside the spinner") }
        try expect(clock >= sleepStart + 40, "the sleeper of 40 ms woke at \(clock - sleepStart) ms")
    }
    check("in_time") { () throws(TestFailure) in
        guard let clock = wakeClocks[40] else { throw TestFailure("the sleeper never woke beside the spinner") }
        try expect(clock <= sleepStart + 40 + UInt64(quantum) + 1,
                   "the sleeper of 40 ms woke at \(clock - sleepStart) ms beside a spinner of quantum \(quantum) ms")
    }
}

// MARK: rings and priorities

/// Spinners of a driver, a service and a program (rings 1, 2, 3) are all
/// preempted: each counts in 300 ms, and they share it within 20 per cent.
func test_sched_rings_preempted() throws(TestFailure) {
    try preemptiveStart()
    var probes: [SpinProbe] = []
    for taskClass: TaskClass in [.driver, .service, .program] {
        probes.append(try SpinProbe.make(taskClass))
    }
    var counts: [UInt32] = []
    try runWindow(300, stopping: probes.map { $0.thread }) { counts = probes.map { $0.count() } }
    check("all_run") { () throws(TestFailure) in
        for (index, count) in counts.enumerated() {
            try expect(count > 0, "the spinner of ring \(index + 1) never ran: \(listText(counts))")
        }
    }
    check("shared") { () throws(TestFailure) in
        let low = UInt64(counts.min() ?? 0)
        let high = UInt64(counts.max() ?? 0)
        try expect(low > 0 && (high - low) * 5 <= high, "counts by ring 1, 2, 3: \(listText(counts)): not within 20 per cent")
    }
}

/// Spinners whose tasks are background (10), timesharing (100), realtime
/// (190) and core (240), threads at 100, get strictly increasing shares.
func test_sched_task_priority_shares() throws(TestFailure) {
    try preemptiveStart()
    try requireMultilevelFeedback()
    var probes: [SpinProbe] = []
    let bands: [(TaskBehaviour, UInt8)] = [(.background, 10), (.timesharing, 100), (.realtime, 190), (.core, 240)]
    for (behaviour, priority) in bands {
        probes.append(try SpinProbe.make(.program, behaviour, taskPriority: priority))
    }
    var counts: [UInt32] = []
    try runWindow(1200, stopping: probes.map { $0.thread }) { counts = probes.map { $0.count() } }
    check("increasing") { () throws(TestFailure) in
        for index in 1..<counts.count {
            try expect(counts[index] > counts[index - 1], "shares by task priority 10, 100, 190, 240: \(listText(counts))")
        }
    }
    check("spread") { () throws(TestFailure) in
        try expect(UInt64(counts[3]) * 10 >= UInt64(counts[0]) * 25,
                   "the core task's share (\(counts[3])) is less than 2.5 times the background one's (\(counts[0]))")
    }
}

// MARK: feedback

/// The spinner's level at each millisecond it ran.
nonisolated(unsafe) var levelSamples: [Int] = []
nonisolated(unsafe) var levelSpinner: Identifier = 0

/// Notes the level of the spinner if it ran this millisecond.
let sampleLevel: TimerHandler = { _, _ in
    if Scheduler.current() == levelSpinner, let entry = Scheduler.queues?.entry(levelSpinner) {
        levelSamples.append(entry.level)
    }
}

/// The runs of equal values in `values`: (value, length), in order.
func runs(_ values: [Int]) -> [(Int, Int)] {
    var result: [(Int, Int)] = []
    for value in values {
        if let last = result.last, last.0 == value {
            result[result.count - 1].1 += 1
        } else {
            result.append((value, 1))
        }
    }
    return result
}

/// A spinner alone (priority 100: level 4, 20 ms) sinks one level per
/// quantum to the bottom; the boost (every second of running) lifts it
/// to the top, and it sinks again, one level per quantum.
func test_sched_feedback_boost() throws(TestFailure) {
    try preemptiveStart()
    try requireMultilevelFeedback()
    let spinner = try SpinProbe.make()
    levelSpinner = spinner.thread
    let quantum = Int(try schedulerEntry(spinner.thread).quantum)
    let sampler = try expectSuccess("reserve a 1 ms sampling timer") { () throws(KernelError) in
        try TimerManager.reserve(delay: 1, repeats: true, handler: sampleLevel)
    }
    try runWindow(1150, stopping: [spinner.thread]) { try? TimerManager.release(sampler) }
    let seen = runs(levelSamples)
    var text = ""
    for (level, length) in seen { text += " \(level)x\(length)" }
    check("sinks_per_quantum") { () throws(TestFailure) in
        try expect(seen.count >= 4 && seen[0].0 == 4 && seen[1].0 == 5 && seen[2].0 == 6 && seen[3].0 == 7,
                   "levels over time (level x ms):\(text): expected 4, 5, 6 then 7")
        for index in 0..<3 {
            try expect(abs(seen[index].1 - quantum) <= 1,
                       "levels over time:\(text): level \(seen[index].0) lasted \(seen[index].1) ms, the quantum is \(quantum)")
        }
    }
    check("boost") { () throws(TestFailure) in
        guard let top = seen.firstIndex(where: { $0.0 == 0 }) else {
            throw TestFailure("levels over time:\(text): no boost to level 0 within 1150 ms")
        }
        try expect(top + 1 < seen.count && seen[top + 1].0 == 1 && abs(seen[top].1 - quantum) <= 1,
                   "levels over time:\(text): after the boost it must sink again, one level per quantum")
    }
}

// MARK: events

/// A disabled event is not delivered but counted missed; enabled again
/// it is delivered; released, its line goes nowhere and it is unknown;
/// bad numbers and a second reservation are refused.
func test_event_irq_enable() throws(TestFailure) {
    try executionStart()
    let number = EventNumbers.interrupt(testLine)
    try expectSuccess("reserve the event of line 5, disabled") { () throws(KernelError) in
        try EventManager.reserve(number, .kernel(noteEvent), data: 7, enabled: false)
    }
    check("disabled_missed") { () throws(TestFailure) in
        try raiseTestLine()
        try expectEqual(eventsSeen.count, 0, "handler calls while the event is disabled")
        let event = try expectSuccess("get the event") { () throws(KernelError) in try EventManager.get(number) }
        try expectEqual(event.missed, 1, "the disabled event's count of misses")
    }
    check("enabled_delivered") { () throws(TestFailure) in
        try expectSuccess("enable it") { () throws(KernelError) in try EventManager.enable(number) }
        try raiseTestLine()
        try expectEqual(eventsSeen.count, 1, "handler calls once enabled")
    }
    check("machine_told") { () throws(TestFailure) in
        // The PIC's mask register (port 0x21, bit n: line n blocked)
        // must follow the enable bit: a disabled line must not even
        // interrupt the processor (book 6.2).
        try expect(!lineMasked(testLine), "line \(testLine) is still masked at the PIC once its event is enabled")
        try expectSuccess("disable it") { () throws(KernelError) in try EventManager.disable(number) }
        try expect(lineMasked(testLine), "line \(testLine) is not masked at the PIC once its event is disabled")
        try expectSuccess("enable it again") { () throws(KernelError) in try EventManager.enable(number) }
        try expect(!lineMasked(testLine), "line \(testLine) is still masked at the PIC once enabled again")
    }
    check("dispatch_answers") { () throws(TestFailure) in
        // dispatch tells its caller whether the event was delivered.
        let before = eventsSeen.count
        let delivered = try expectSuccess("dispatch the enabled event") { () throws(KernelError) in
            try EventManager.dispatch(number)
        }
        try expect(delivered, "dispatch of an enabled event answered false (not delivered)")
        try expectEqual(eventsSeen.count, before + 1, "handler calls after a direct dispatch")
        try expectSuccess("disable it") { () throws(KernelError) in try EventManager.disable(number) }
        let missed = try expectSuccess("dispatch the disabled event") { () throws(KernelError) in
            try EventManager.dispatch(number)
        }
        try expect(!missed, "dispatch of a disabled event answered true (delivered)")
        try expectEqual(eventsSeen.count, before + 1, "handler calls after dispatching the disabled event")
        try expectSuccess("enable it again") { () throws(KernelError) in try EventManager.enable(number) }
    }
    check("released") { () throws(TestFailure) in
        let before = eventsSeen.count
        try expectSuccess("release it") { () throws(KernelError) in try EventManager.release(number) }
        try raiseTestLine()
        try expectEqual(eventsSeen.count, before, "handler calls after the release")
        try expect(!EventManager.exist(number), "the released event still exists")
        try expectError(.unknownIdentifier, "get the released event") { () throws(KernelError) in
            try EventManager.get(number)
        }
        // Bad input: a number past the last, a second reservation.
        try expectError(.outOfRange, "an event number past the last") { () throws(KernelError) in
            try EventManager.reserve(EventNumbers.count, .kernel(noteEvent))
        }
        try expectError(.outOfRange, "dispatch an event number past the last") { () throws(KernelError) in
            try EventManager.dispatch(EventNumbers.count)
        }
        try expectSuccess("reserve it again") { () throws(KernelError) in try EventManager.reserve(number, .kernel(noteEvent)) }
        try expectError(.duplicateIdentifier, "reserve it twice") { () throws(KernelError) in
            try EventManager.reserve(number, .kernel(noteEvent))
        }
    }
}

/// True when the PIC blocks IRQ `line`: its bit in the mask register of
/// the chip that serves it (master 0x21 for lines 0-7, slave 0xA1 for 8-15).
func lineMasked(_ line: UInt8) -> Bool {
    let register = line < 8 ? inb(0x21) : inb(0xA1)
    return register & (1 << (line % 8)) != 0
}
