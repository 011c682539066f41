// reference/stats/statistics.swift -- the statistics manager.
//
// For every instrumented manager function the kernel counts how often it
// was called, how often it failed and how many machine cycles it took in
// total. That is what tells a kernel developer where optimising pays:
// the set manager, which every other manager uses, comes first.
//
// A manager reserves one probe per function, once, and wraps the
// function's body in `measure`:
//
//     static let addProbe = StatisticsManager.reserve(manager: "set", function: "add")
//     ...
//     try StatisticsManager.measure(addProbe) { () throws(KernelError) in ... }
//
// Recording costs two reads of the cycle counter and three additions, so
// it can stay on in every build. The table lives in the Swift heap, never
// in a set: the set manager is itself measured, and must not measure the
// structure that measures it.

import Machine

/// One counter of the statistics table, handed out by `reserve`.
public struct StatisticsProbe: Equatable, Sendable {
    /// The counter's row in the table.
    let index: Int
}

/// What the kernel knows about one manager function.
public struct StatisticsEntry: Sendable {
    /// The manager's name ("set").
    public let manager: StaticString
    /// The function's name ("add").
    public let function: StaticString
    /// Calls so far.
    public var calls: UInt64 = 0
    /// Calls that returned an error.
    public var errors: UInt64 = 0
    /// Cycles spent in the function, over every call.
    public var cycles: UInt64 = 0
}

/// Counts calls, errors and time per manager function.
public enum StatisticsManager {
    /// One row per reserved probe, in reservation order.
    nonisolated(unsafe) static var entries: [StatisticsEntry] = []

    /// Starts the manager with every counter at zero. Probes reserved
    /// earlier stay valid.
    public static func initialize() {
        clean()
    }

    /// Sets every counter back to zero.
    public static func clean() {
        for index in entries.indices {
            entries[index].calls = 0
            entries[index].errors = 0
            entries[index].cycles = 0
        }
    }

    /// The probe of `manager`'s `function`, reserving a new row the first
    /// time that pair is seen.
    ///
    /// Steps: 1. return the existing row of this pair, if any;
    /// 2. otherwise add a row.
    public static func reserve(manager: StaticString, function: StaticString) -> StatisticsProbe {
        // 1.
        for (index, entry) in entries.enumerated()
        where same(entry.manager, manager) && same(entry.function, function) {
            return StatisticsProbe(index: index)
        }
        // 2.
        entries.append(StatisticsEntry(manager: manager, function: function))
        return StatisticsProbe(index: entries.count - 1)
    }

    // excerpt: statistics-measure
    /// Runs `body`, counting one call of `probe`, its cycles, and an
    /// error if it throws (the error is passed on unchanged).
    ///
    /// Steps: 1. read the clock; 2. run the body; 3. record the call,
    /// failed or not.
    @inline(__always)
    public static func measure<Result>(
        _ probe: StatisticsProbe, _ body: () throws(KernelError) -> Result
    ) throws(KernelError) -> Result {
        // 1.
        let start = Machine.cycles()
        do {
            // 2.
            let result = try body()
            // 3.
            record(probe, since: start, failed: false)
            return result
        } catch {
            record(probe, since: start, failed: true)
            throw error
        }
    }
    // end excerpt

    /// Adds one call that began at cycle `start` to `probe`'s row.
    public static func record(_ probe: StatisticsProbe, since start: UInt64, failed: Bool) {
        let now = Machine.cycles()
        entries[probe.index].calls &+= 1
        entries[probe.index].cycles &+= now &- start
        if failed {
            entries[probe.index].errors &+= 1
        }
    }

    /// The row of `manager`'s `function`, if it was ever reserved.
    public static func get(manager: StaticString, function: StaticString) -> StatisticsEntry? {
        for entry in entries where same(entry.manager, manager) && same(entry.function, function) {
            return entry
        }
        return nil
    }

    /// True if `manager`'s `function` has a row.
    public static func exist(manager: StaticString, function: StaticString) -> Bool {
        get(manager: manager, function: function) != nil
    }

    /// Prints the rows of one manager.
    public static func show(manager: StaticString) {
        printHeader()
        for entry in entries where same(entry.manager, manager) {
            printRow(entry)
        }
    }

    /// Prints the whole table, one row per function that was called.
    public static func dump() {
        printHeader()
        for entry in entries where entry.calls > 0 {
            printRow(entry)
        }
    }

    // MARK: printing

    /// The column titles of `show` and `dump`.
    static func printHeader() {
        print("statistics:")
        print("  " + padded("manager.function", 24) + padded("calls", 12, right: true)
              + padded("errors", 10, right: true) + padded("cycles", 16, right: true)
              + padded("cycles/call", 14, right: true))
    }

    /// One row of the table.
    static func printRow(_ entry: StatisticsEntry) {
        let name = "\(entry.manager).\(entry.function)"
        let average = entry.calls == 0 ? 0 : entry.cycles / entry.calls
        print("  " + padded(name, 24) + padded("\(entry.calls)", 12, right: true)
              + padded("\(entry.errors)", 10, right: true) + padded("\(entry.cycles)", 16, right: true)
              + padded("\(average)", 14, right: true))
    }
}

/// `text` padded with spaces to `width` characters (on the left when
/// `right` is true, to align numbers).
public func padded(_ text: String, _ width: Int, right: Bool = false) -> String {
    let length = text.utf8.count
    if length >= width {
        return text
    }
    let spaces = String(repeating: " ", count: width - length)
    return right ? spaces + text : text + spaces
}

/// True if two static strings hold the same bytes.
func same(_ a: StaticString, _ b: StaticString) -> Bool {
    if a.utf8CodeUnitCount != b.utf8CodeUnitCount {
        return false
    }
    let left = UnsafeBufferPointer(start: a.utf8Start, count: a.utf8CodeUnitCount)
    let right = UnsafeBufferPointer(start: b.utf8Start, count: b.utf8CodeUnitCount)
    return left.elementsEqual(right)
}
