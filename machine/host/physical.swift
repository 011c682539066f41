// machine/host/physical.swift -- a simulated physical memory.
//
// The host has no physical memory to give, so it makes some up: a byte
// array standing for RAM at a fake physical address, with a hole in the
// middle (as the PC has one below 1 MiB and devices above), so that the
// core meets more than one range:
//
//     0x00100000 .. 0x00300000   2 MiB usable
//     0x00300000 .. 0x00340000   256 KiB "reserved" (not handed out)
//     0x00340000 .. 0x00440000   1 MiB usable
//
// A test may choose other ranges (`simulatedRanges`) before it starts the
// kernel. Reads and writes outside the ranges are refused, as on ia32.

extension Machine {
    /// The default simulated ranges (see the top of this file).
    public static let defaultRanges = [
        PhysicalRange(base: 0x0010_0000, size: 0x0020_0000),
        PhysicalRange(base: 0x0034_0000, size: 0x0010_0000),
    ]

    /// The ranges the host machine hands out; a test may set others
    /// (page-aligned, increasing, not overlapping) before `Kernel.initialize`.
    nonisolated(unsafe) public static var simulatedRanges = defaultRanges {
        didSet { simulatedBytes = [:] }
    }

    /// The simulated RAM: one byte array per range, by range base, made
    /// on first use (filled with 0xA5, so unwritten memory is visible).
    nonisolated(unsafe) static var simulatedBytes: [UInt64: [UInt8]] = [:]

    /// The usable simulated ranges.
    public static func physicalRanges() -> [PhysicalRange] {
        simulatedRanges
    }

    /// The range holding the `count` bytes from `address`, or `outOfRange`.
    static func range(holding address: UInt64, count: UInt64) throws(KernelError) -> PhysicalRange {
        for range in simulatedRanges where range.contains(address) && count <= range.end - address {
            if simulatedBytes[range.base] == nil {
                simulatedBytes[range.base] = [UInt8](repeating: 0xA5, count: Int(range.size))
            }
            return range
        }
        throw KernelError.outOfRange
    }

    /// The simulated byte at `address`.
    public static func physicalByte(at address: UInt64) throws(KernelError) -> UInt8 {
        let range = try range(holding: address, count: 1)
        return simulatedBytes[range.base]![Int(address - range.base)]
    }

    /// Writes the simulated byte at `address`.
    public static func setPhysicalByte(at address: UInt64, to value: UInt8) throws(KernelError) {
        let range = try range(holding: address, count: 1)
        simulatedBytes[range.base]![Int(address - range.base)] = value
    }

    /// The simulated run of `count` bytes at `address`.
    public static func physicalBytes(at address: UInt64, count: UInt64) throws(KernelError) -> [UInt8] {
        if count == 0 { return [] }
        let range = try range(holding: address, count: count)
        let start = Int(address - range.base)
        return Array(simulatedBytes[range.base]![start..<start + Int(count)])
    }

    /// Writes the simulated run `bytes` at `address`.
    public static func setPhysicalBytes(at address: UInt64, _ bytes: [UInt8]) throws(KernelError) {
        if bytes.isEmpty { return }
        let range = try range(holding: address, count: UInt64(bytes.count))
        let start = Int(address - range.base)
        simulatedBytes[range.base]!.replaceSubrange(start..<start + bytes.count, with: bytes)
    }

    /// Copies between simulated runs, as memmove would (through a copy).
    public static func copyPhysical(from source: UInt64, to destination: UInt64, count: UInt64) throws(KernelError) {
        if count == 0 { return }
        let from = try range(holding: source, count: count)
        let to = try range(holding: destination, count: count)
        let start = Int(source - from.base)
        let bytes = Array(simulatedBytes[from.base]![start..<start + Int(count)])
        let target = Int(destination - to.base)
        simulatedBytes[to.base]!.replaceSubrange(target..<target + Int(count), with: bytes)
    }
}
