// assignments/05-scheduler/tests/timer_tests.swift -- timers: one-shot
// and repeating, fired on the core's clock, updated and released.
// The boot context reserves them and halts until the clock reaches the
// end of the test; each handler notes when it ran.

import IA32
import Kernel
import Machine

/// One firing: the timer, the core's clock, the milliseconds the machine
/// delivered since boot (`Clock.delivered`: the tick it runs in) and the
/// guest time then.
struct Firing {
    let timer: Identifier
    let clock: UInt64
    let delivered: UInt64
    let nanoseconds: UInt64
}

/// Every firing so far, in order.
nonisolated(unsafe) var firings: [Firing] = []

/// A handler that notes its firing.
let noteFiring: TimerHandler = { timer, _ in
    firings.append(Firing(timer: timer, clock: TimerManager.clock, delivered: Clock.delivered,
                          nanoseconds: guestNanoseconds()))
}

/// The firings of `timer`.
func firings(of timer: Identifier) -> [Firing] {
    firings.filter { $0.timer == timer }
}

/// A new timer of `delay` ms that notes its firings.
func notingTimer(_ delay: UInt64, repeats: Bool = false) throws(TestFailure) -> Identifier {
    try expectSuccess("reserve a timer of \(delay) ms") { () throws(KernelError) in
        try TimerManager.reserve(delay: delay, repeats: repeats, handler: noteFiring)
    }
}

/// Fails unless the guest time from `start` to `firing` is `milliseconds`
/// within `percent` per cent.
func expectGuestTime(_ firing: Firing, from start: UInt64, _ milliseconds: UInt64, percent: UInt64) throws(TestFailure) {
    let elapsed = firing.nanoseconds - start
    let expected = milliseconds * 1_000_000
    let slack = expected * percent / 100
    try expect(elapsed + slack >= expected && elapsed <= expected + slack,
               "a timer of \(milliseconds) ms fired after \(elapsed / 1000) us of guest time"
               + " (allowed: \((expected - slack) / 1000) to \((expected + slack) / 1000) us)")
}

/// A one-shot timer of 100 ms fires once, when the core's clock reads
/// 100 ms more than at its reservation, in the tick that brings the
/// clock there (not a later one), and 100 ms of guest time later within
/// 3 per cent.
func test_timer_oneshot() throws(TestFailure) {
    try executionStart()
    let start = TimerManager.clock
    let delivered = Clock.delivered
    let nanoseconds = guestNanoseconds()
    let timer = try notingTimer(100)
    try idleUntil(start + 250)
    let seen = firings(of: timer)
    check("once") { () throws(TestFailure) in
        try expectEqual(seen.count, 1, "firings of a one-shot timer within 250 ms")
        try expect(!TimerManager.exist(timer), "a one-shot timer is still there after it fired")
    }
    check("on_clock") { () throws(TestFailure) in
        guard let firing = seen.first else { throw TestFailure("the timer never fired") }
        try expectEqual(firing.clock, start + 100, "the core's clock when the handler ran")
        try expectEqual(firing.delivered - delivered, 100, "milliseconds the machine delivered before the handler ran")
    }
    check("guest_time") { () throws(TestFailure) in
        guard let firing = seen.first else { throw TestFailure("the timer never fired") }
        try expectGuestTime(firing, from: nanoseconds, 100, percent: 3)
    }
}

/// A repeating timer of 10 ms fires exactly 20 times in 205 ms, every
/// 10 ms of the clock, and never again once released.
func test_timer_repeat_count() throws(TestFailure) {
    try executionStart()
    let start = TimerManager.clock
    let delivered = Clock.delivered
    let timer = try notingTimer(10, repeats: true)
    try idleUntil(start + 205)
    let seen = firings(of: timer)
    let counted = (try? TimerManager.get(timer))?.expirations ?? 0
    check("exact_count") { () throws(TestFailure) in
        try expectEqual(seen.count, 20, "firings of a 10 ms timer in 205 ms")
        try expectEqual(counted, 20, "the timer's own count of expirations")
    }
    check("on_schedule") { () throws(TestFailure) in
        try expect(!seen.isEmpty, "the repeating timer never fired")
        for (index, firing) in seen.enumerated() {
            try expectEqual(firing.clock, start + 10 * UInt64(index + 1), "the clock at firing \(index + 1)")
            try expectEqual(firing.delivered - delivered, 10 * UInt64(index + 1),
                            "milliseconds delivered by the machine at firing \(index + 1) (a tick late?)")
        }
    }
    check("release_silences") { () throws(TestFailure) in
        try expectSuccess("release the timer") { () throws(KernelError) in try TimerManager.release(timer) }
        try idleUntil(TimerManager.clock + 50)
        try expectEqual(firings(of: timer).count, seen.count, "firings after the release")
        try expect(!TimerManager.exist(timer), "the released timer still exists")
    }
}

/// Timers of 40, 10, 30 and 20 ms fire in expiry order, each when the
/// clock reads its expiry; two due at the same millisecond both fire.
func test_timer_order() throws(TestFailure) {
    try executionStart()
    let start = TimerManager.clock
    var timers: [Identifier] = []
    for delay: UInt64 in [40, 10, 30, 20, 30] {
        timers.append(try notingTimer(delay))
    }
    try idleUntil(start + 60)
    check("order") { () throws(TestFailure) in
        let order = firings.map { $0.timer }
        let expected = [timers[1], timers[3], timers[2], timers[4], timers[0]]
        try expect(order.count == 5 && (order == expected || order == [timers[1], timers[3], timers[4], timers[2], timers[0]]),
                   "\(order.count) firings, not in expiry order (10, 20, 30, 30, 40 ms)")
    }
    check("each_on_time") { () throws(TestFailure) in
        let delays: [UInt64] = [40, 10, 30, 20, 30]
        for (index, timer) in timers.enumerated() {
            let seen = firings(of: timer)
            try expectEqual(seen.count, 1, "firings of the timer of \(delays[index]) ms")
            try expectEqual(seen[0].clock, start + delays[index], "the clock when the timer of \(delays[index]) ms fired")
        }
    }
}

/// An update re-arms a timer from now with its new delay (it fires then,
/// not at its old expiry); bad updates and releases are refused and
/// change nothing; a released timer never fires.
func test_timer_update_release() throws(TestFailure) {
    try executionStart()
    let start = TimerManager.clock
    let moved = try notingTimer(100)
    let dropped = try notingTimer(30)
    try idleUntil(start + 20)
    check("update") { () throws(TestFailure) in
        try expectSuccess("update the timer to 30 ms") { () throws(KernelError) in
            try TimerManager.update(moved, delay: 30, repeats: false)
        }
        try expectSuccess("release the other") { () throws(KernelError) in try TimerManager.release(dropped) }
        try idleUntil(start + 150)
        let seen = firings(of: moved)
        try expectEqual(seen.count, 1, "firings of the updated timer by 150 ms")
        try expectEqual(seen[0].clock, start + 50, "the clock when the updated timer fired (20 + 30)")
    }
    check("release") { () throws(TestFailure) in
        try expectEqual(firings(of: moved).count, 1, "firings of the timer kept (timers must fire for a release to mean anything)")
        try expectEqual(firings(of: dropped).count, 0, "firings of the timer released before its expiry")
        try expect(!TimerManager.exist(dropped), "the released timer still exists")
        try expectError(.unknownIdentifier, "release it again") { () throws(KernelError) in
            try TimerManager.release(dropped)
        }
    }
    check("bad_input") { () throws(TestFailure) in
        try expectError(.invalidArgument, "a timer of 0 ms") { () throws(KernelError) in
            try TimerManager.reserve(delay: 0, handler: noteFiring)
        }
        let kept = try notingTimer(40, repeats: true)
        let before = try expectSuccess("get it") { () throws(KernelError) in try TimerManager.get(kept) }
        try expectError(.invalidArgument, "update to 0 ms") { () throws(KernelError) in
            try TimerManager.update(kept, delay: 0, repeats: true)
        }
        try expectError(.unknownIdentifier, "update a released timer") { () throws(KernelError) in
            try TimerManager.update(dropped, delay: 5, repeats: false)
        }
        let after = try expectSuccess("get it again") { () throws(KernelError) in try TimerManager.get(kept) }
        try expect(after.expiry == before.expiry && after.delay == 40 && after.repeats,
                   "a refused update changed the timer")
    }
}
