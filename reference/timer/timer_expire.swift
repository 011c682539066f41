// reference/timer/timer_expire.swift -- the clock moves: timers expire.
//
// `tick` is what the machine's clock interrupt calls. The clock moves
// from `now` to `now + milliseconds`, and every timer whose expiry lies
// in that stretch runs, earliest first. While a handler runs the clock
// reads that timer's expiry, not the end of the stretch, so a handler
// sees the time it was due:
//
//     clock 0, timers A at 3, B at 5 every 4;  tick(10):
//        clock 3: A runs, goes     clock 5: B runs, armed at 9
//        clock 9: B runs, at 13    clock 10: the tick ends
//
// A repeating timer whose delay is shorter than a tick runs as often as
// its delay fits in the stretch: none of its expirations is lost.

import Machine

extension TimerManager {
    /// The clock interrupt: `milliseconds` went by. Every timer due by
    /// then runs, in expiry order; the clock then reads `milliseconds`
    /// more than before.
    ///
    /// Steps: 1. find the set and the time the tick ends; 2. expire the
    /// timers due by then, one at a time, each at its own time; 3. the
    /// clock reads the end of the tick.
    public static func tick(_ milliseconds: UInt64) throws(KernelError) {
        try StatisticsManager.measure(TimerProbe.tick) { () throws(KernelError) in
            // 1.
            let all = try container()
            let end = clock + milliseconds
            // BEGIN ASSIGNMENT 05-scheduler
            // 2.
            while let due = try expireNext(all, by: end) {
                due.handler(due.identifier, due.data)
            }
            // 3.
            clock = end
            // ELSE
            // _ = all
            // clock = end
            // throw KernelError.notImplemented
            // END ASSIGNMENT 05-scheduler
        }
    }

    // BEGIN ASSIGNMENT 05-scheduler
    /// Takes the next timer due by `end` out of the way (a one-shot goes,
    /// a repeating one is armed again) and returns it as it was, for its
    /// handler to run; nil if none is due. The clock then reads its
    /// expiry.
    ///
    /// Steps: 1. the set's head expires first: nil if it is not due;
    /// 2. the clock moves to its expiry; 3. arm it again, or drop it
    /// and give its identifier back.
    static func expireNext(_ all: ObjectSet<Store>, by end: UInt64) throws(KernelError) -> TimerDescriptor? {
        // 1.
        guard try all.head() != nil else {
            return nil
        }
        let timer = try all.pick()
        if timer.expiry > end {
            return nil
        }
        // 2.
        if timer.expiry > clock {
            clock = timer.expiry
        }
        // 3.
        if timer.repeats {
            try all.update(timer.identifier) { armed in
                armed.expiry += armed.delay
                armed.expirations += 1
            }
        } else {
            try all.remove(timer.identifier)
            try IdentifierManager.release(timer.identifier)
        }
        return timer
    }
    // END ASSIGNMENT 05-scheduler
}
