// reference/event/event.swift -- the event manager: exceptions and
// interrupts, handed to whoever reserved them.
//
// Every exception and interrupt line has an event number
// (`EventNumbers`: the exceptions 0-31, the interrupt lines 32-47). The
// machine catches them all (ia32: the spine's IDT) and calls up with the
// number (`MachineUpcalls.eventRaised`); the manager looks the number up
// and delivers the event the way it was reserved:
//
//     event 33 (line 1, the keyboard)  kernel handler, data 0x..   enabled
//     event 36 (line 4, the serial)    message to task 0x.. (its driver)
//
// An event nobody reserved, or one that is disabled, goes nowhere (the
// dispatch says so; the statistics count the unknown ones as errors).
// The clock interrupt is not an event: it drives the timers and the
// scheduler (`MachineUpcalls.clockTicked`).

import Machine

/// What a kernel handler of an event is called with: the event's number
/// and the data word given at reservation. It runs inside the interrupt:
/// it must be short.
public typealias EventHandler = (UInt8, UInt64) -> Void

// excerpt: event-delivery
/// How an event reaches whoever reserved it.
public enum EventDelivery {
    /// A function of the kernel runs inside the interrupt.
    case kernel(EventHandler)
    /// The event becomes a message to the task `task`, which receives it
    /// like any other: one byte, the event's number, of the type
    /// `EventManager.messageType(of:)`, sent by the kernel's task. The
    /// task registers that type first (a box of at least one byte).
    case message(task: Identifier)

    /// The delivery's name, for dumps ("kernel").
    public var name: StaticString {
        switch self {
        case .kernel: return "kernel"
        case .message: return "message"
        }
    }
}
// end excerpt

/// One reserved event.
public struct EventDescriptor: SetObject {
    /// Events are objects of kind "event".
    public static var kind: StaticString { "event" }

    /// The event's number.
    public let number: UInt8
    /// How it is delivered.
    public let delivery: EventDelivery
    /// The word handed to a kernel handler.
    public let data: UInt64
    /// False: raised events are counted as missed and go nowhere.
    public internal(set) var enabled: Bool
    /// How many times it was delivered.
    public internal(set) var delivered: UInt64 = 0
    /// How many times it was raised while disabled.
    public internal(set) var missed: UInt64 = 0

    /// An event is named by its number (it is no identifier of the
    /// identifier manager: there are only `EventNumbers.count` of them).
    public var identifier: Identifier { Identifier(number) }

    /// Prints the event on one line.
    public func show() {
        var line = "  event \(number) \(delivery.name)"
        if case .message(let task) = delivery {
            line += " to task 0x\(hexadecimal(task))"
        }
        line += " data 0x\(hexadecimal(data)) \(enabled ? "enabled" : "disabled")"
            + " delivered \(delivered) missed \(missed)"
        print(line)
    }
}

/// The probes of the event manager, one per measured function.
enum EventProbe {
    static let reserve = StatisticsManager.reserve(manager: "event", function: "reserve")
    static let release = StatisticsManager.reserve(manager: "event", function: "release")
    static let get = StatisticsManager.reserve(manager: "event", function: "get")
    static let enable = StatisticsManager.reserve(manager: "event", function: "enable")
    static let dispatch = StatisticsManager.reserve(manager: "event", function: "dispatch")

    /// Reserves every probe above now.
    static func reserveAll() {
        let all = [reserve, release, get, enable, dispatch]
        _ = all.count
    }
}

/// Reserves events and delivers them.
public enum EventManager {
    /// The data structure of the set of events.
    public typealias Store = BPlusTree<EventDescriptor>

    /// Every reserved event; nil before `initialize`.
    nonisolated(unsafe) public internal(set) static var events: ObjectSet<Store>?

    /// Starts the manager: no event is reserved.
    ///
    /// Steps: 1. refuse a second start; reserve the probes; 2. reserve
    /// the set of events.
    public static func initialize() throws(KernelError) {
        // 1.
        if events != nil {
            throw KernelError.busy
        }
        EventProbe.reserveAll()
        // 2.
        events = try SetManager.reserve(Store.self)
    }

    /// Stops the manager: every event is released (the machine masks
    /// their lines).
    ///
    /// Steps: 1. release every event; 2. release the set.
    public static func clean() throws(KernelError) {
        guard let all = events else {
            return
        }
        // 1.
        var every: [UInt8] = []
        try all.forEach { event in every.append(event.number) }
        for number in every {
            try release(number)
        }
        // 2.
        try SetManager.release(all)
        events = nil
    }

    /// The message type of the event `number` delivered as a message: a
    /// driver registers it to receive its interrupt line.
    public static func messageType(of number: UInt8) -> UInt32 {
        0xE000_0000 | UInt32(number)
    }

    /// Reserves the event `number` (below `EventNumbers.count`:
    /// `outOfRange`; not reserved already: `duplicateIdentifier`), to be
    /// delivered as `delivery` with `data`, enabled or not (as a message,
    /// to a task that exists: `unknownIdentifier`).
    ///
    /// Steps: 1. check the number and the delivery; 2. store it; 3. tell
    /// the machine (if it refuses, drop it again).
    public static func reserve(
        _ number: UInt8, _ delivery: EventDelivery, data: UInt64 = 0, enabled: Bool = true
    ) throws(KernelError) {
        try StatisticsManager.measure(EventProbe.reserve) { () throws(KernelError) in
            // 1.
            let all = try container()
            if number >= EventNumbers.count {
                throw KernelError.outOfRange
            }
            if case .message(let task) = delivery, !TaskManager.exist(task) {
                throw KernelError.unknownIdentifier
            }
            // 2.
            try all.add(EventDescriptor(number: number, delivery: delivery, data: data, enabled: enabled))
            // 3.
            do throws(KernelError) {
                try Machine.eventReserved(number, enabled: enabled)
            } catch {
                try? all.remove(Identifier(number))
                throw error
            }
        }
    }

    /// Releases the event `number`: it goes nowhere from now on.
    ///
    /// Steps: 1. find it; 2. tell the machine; 3. drop it.
    public static func release(_ number: UInt8) throws(KernelError) {
        try StatisticsManager.measure(EventProbe.release) { () throws(KernelError) in
            // 1.
            let all = try container()
            _ = try all.get(Identifier(number))
            // 2.
            try Machine.eventReleasing(number)
            // 3.
            try all.remove(Identifier(number))
        }
    }

    /// Enables the event `number`: raised, it is delivered again.
    public static func enable(_ number: UInt8) throws(KernelError) {
        try setEnabled(number, true)
    }

    /// Disables the event `number`: raised, it is counted as missed.
    public static func disable(_ number: UInt8) throws(KernelError) {
        try setEnabled(number, false)
    }

    /// The event `number`.
    public static func get(_ number: UInt8) throws(KernelError) -> EventDescriptor {
        try StatisticsManager.measure(EventProbe.get) { () throws(KernelError) in
            try container().get(Identifier(number))
        }
    }

    /// True if the event `number` is reserved.
    public static func exist(_ number: UInt8) -> Bool {
        events?.exist(Identifier(number)) ?? false
    }

    /// Prints one event.
    public static func show(_ number: UInt8) throws(KernelError) {
        try container().get(Identifier(number)).show()
    }

    /// Prints every reserved event, in number order.
    public static func dump() {
        guard let all = events else {
            print("events: none (the manager is not initialised)")
            return
        }
        print("events: \(all.storedCount) of \(EventNumbers.count)")
        do throws(KernelError) {
            try all.forEach { event in event.show() }
        } catch {
            print("  walk failed: \(error.description)")
        }
    }

    /// The set of events, or `busy` before `initialize`.
    static func container() throws(KernelError) -> ObjectSet<Store> {
        guard let all = events else { throw KernelError.busy }
        return all
    }
}
