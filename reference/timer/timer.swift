// reference/timer/timer.swift -- the timer manager: the kernel's clock,
// and the timers that wait on it.
//
// The machine's clock interrupt (ia32: the PIT) tells the core how many
// milliseconds went by (`tick`, through `MachineUpcalls.clockTicked`).
// The manager adds them to its clock and runs, in expiry order, the
// handler of every timer whose time has come. A one-shot timer then
// goes away; a repeating one is armed again, `delay` later.
//
// The timers are kept in one set sorted by expiry (the set's key), so
// the next to expire is always the set's head:
//
//     clock 120   timers: [0x..2 at 125] [0x..1 at 130, every 10] [0x..3 at 400]
//     tick(10) -> clock 130: 0x..2 runs (at 125) and goes;
//                            0x..1 runs (at 130), armed again at 140
//
// Two timers expiring at the same millisecond run in identifier order
// (the older first): the set orders equal keys by identifier.

import Machine

/// What a timer runs when it expires: called with the timer's
/// identifier and its data word. It runs inside the clock interrupt, so
/// it must be short; it may reserve, update and release timers
/// (itself included).
public typealias TimerHandler = (Identifier, UInt64) -> Void

/// One timer.
public struct TimerDescriptor: SetObject {
    /// Timers are objects of kind "timer".
    public static var kind: StaticString { "timer" }

    /// The timer's identifier.
    public let identifier: Identifier
    /// Milliseconds from arming to expiry (at least 1).
    public internal(set) var delay: UInt64
    /// True: armed again `delay` after each expiry; false: one shot.
    public internal(set) var repeats: Bool
    /// The clock reading at which it expires next.
    public internal(set) var expiry: UInt64
    /// The word handed to the handler.
    public let data: UInt64
    /// What runs at expiry.
    public let handler: TimerHandler
    /// How many times it has expired so far.
    public internal(set) var expirations: UInt64 = 0

    /// Timers are ordered by expiry (then identifier): the head expires first.
    public var key: UInt64 { expiry }

    /// Prints the timer on one line.
    public func show() {
        let kind = repeats ? "every \(delay) ms" : "once, after \(delay) ms"
        print("  timer 0x\(hexadecimal(identifier)) \(kind) expires at \(expiry) data 0x\(hexadecimal(data))"
            + " expired \(expirations)")
    }
}

/// The probes of the timer manager, one per measured function.
enum TimerProbe {
    static let reserve = StatisticsManager.reserve(manager: "timer", function: "reserve")
    static let release = StatisticsManager.reserve(manager: "timer", function: "release")
    static let get = StatisticsManager.reserve(manager: "timer", function: "get")
    static let update = StatisticsManager.reserve(manager: "timer", function: "update")
    static let tick = StatisticsManager.reserve(manager: "timer", function: "tick")

    /// Reserves every probe above now.
    static func reserveAll() {
        let all = [reserve, release, get, update, tick]
        _ = all.count
    }
}

/// Keeps the clock and the timers.
public enum TimerManager {
    /// The data structure of the set of timers (sorted by expiry).
    public typealias Store = BPlusTree<TimerDescriptor>

    /// Every armed timer; nil before `initialize`.
    nonisolated(unsafe) public internal(set) static var timers: ObjectSet<Store>?
    /// Milliseconds since `initialize` (the clock the machine advances).
    nonisolated(unsafe) public internal(set) static var clock: UInt64 = 0

    /// Starts the manager: the clock reads 0, no timer is armed.
    ///
    /// Steps: 1. refuse a second start; reserve the probes; 2. reserve
    /// the set of timers; set the clock to 0.
    public static func initialize() throws(KernelError) {
        // 1.
        if timers != nil {
            throw KernelError.busy
        }
        TimerProbe.reserveAll()
        // 2.
        timers = try SetManager.reserve(Store.self)
        clock = 0
    }

    /// Stops the manager: every timer is dropped without running.
    ///
    /// Steps: 1. give every timer's identifier back; 2. release the set.
    public static func clean() throws(KernelError) {
        guard let all = timers else {
            return
        }
        // 1.
        var every: [Identifier] = []
        try all.forEach { timer in every.append(timer.identifier) }
        for identifier in every {
            try release(identifier)
        }
        // 2.
        try SetManager.release(all)
        timers = nil
        clock = 0
    }

    /// A new timer that expires `delay` milliseconds from now (not 0:
    /// `invalidArgument`), then every `delay` milliseconds if `repeats`,
    /// running `handler` with its identifier and `data` each time.
    ///
    /// Steps: 1. check the delay; 2. name it; 3. arm it (if that fails,
    /// give the name back).
    public static func reserve(
        delay: UInt64, repeats: Bool = false, data: UInt64 = 0, handler: @escaping TimerHandler
    ) throws(KernelError) -> Identifier {
        try StatisticsManager.measure(TimerProbe.reserve) { () throws(KernelError) in
            // 1.
            let all = try container()
            try checkDelay(delay)
            // 2.
            let identifier = try IdentifierManager.reserve(.timer)
            // 3.
            let timer = TimerDescriptor(identifier: identifier, delay: delay, repeats: repeats,
                                        expiry: clock + delay, data: data, handler: handler)
            do throws(KernelError) {
                try all.add(timer)
            } catch {
                try? IdentifierManager.release(identifier)
                throw error
            }
            return identifier
        }
    }

    /// Disarms and forgets the timer `identifier` (its handler will not
    /// run again).
    ///
    /// Steps: 1. drop it from the set; 2. give its identifier back.
    public static func release(_ identifier: Identifier) throws(KernelError) {
        try StatisticsManager.measure(TimerProbe.release) { () throws(KernelError) in
            // 1.
            try container().remove(identifier)
            // 2.
            try IdentifierManager.release(identifier)
        }
    }

    /// Changes the timer `identifier`: it now expires `delay`
    /// milliseconds from now (not 0), then every `delay` if `repeats`.
    ///
    /// Steps: 1. check the delay and find the timer; 2. arm it again
    /// from now (the set moves it to its new place).
    public static func update(_ identifier: Identifier, delay: UInt64, repeats: Bool) throws(KernelError) {
        try StatisticsManager.measure(TimerProbe.update) { () throws(KernelError) in
            // 1.
            let all = try container()
            try checkDelay(delay)
            // 2.
            let now = clock
            try all.update(identifier) { timer in
                timer.delay = delay
                timer.repeats = repeats
                timer.expiry = now + delay
            }
        }
    }

    /// The timer named `identifier`.
    public static func get(_ identifier: Identifier) throws(KernelError) -> TimerDescriptor {
        try StatisticsManager.measure(TimerProbe.get) { () throws(KernelError) in
            try container().get(identifier)
        }
    }

    /// True if a timer is named `identifier`.
    public static func exist(_ identifier: Identifier) -> Bool {
        timers?.exist(identifier) ?? false
    }

    /// Prints one timer.
    public static func show(_ identifier: Identifier) throws(KernelError) {
        try container().get(identifier).show()
    }

    /// Prints the clock and every timer, the next to expire first.
    public static func dump() {
        guard let all = timers else {
            print("timers: none (the manager is not initialised)")
            return
        }
        print("timers: \(all.storedCount), clock \(clock) ms")
        do throws(KernelError) {
            try all.forEach { timer in timer.show() }
        } catch {
            print("  walk failed: \(error.description)")
        }
    }

    /// Refuses a delay of 0 (`invalidArgument`): a timer that expires
    /// now would expire again at once, for ever, if it repeats.
    static func checkDelay(_ delay: UInt64) throws(KernelError) {
        if delay == 0 {
            throw KernelError.invalidArgument
        }
    }

    /// The set of timers, or `busy` before `initialize`.
    static func container() throws(KernelError) -> ObjectSet<Store> {
        guard let all = timers else { throw KernelError.busy }
        return all
    }
}
