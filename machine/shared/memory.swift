// machine/shared/memory.swift -- physical memory, as the machine shows it
// to the core.
//
// The machine knows where RAM is (ia32: the loader's memory map) and what
// it already uses (the kernel image, the Swift heap, the loader's data).
// What is left, cut to whole pages, it hands to the core as a list of
// `PhysicalRange`s: the segment manager (reference/segment/) owns those
// pages and nothing else.
//
// The core reads and writes physical memory only through the machine
// (`MachineInterface.physicalByte` and friends): on ia32 today a physical
// address is also a valid pointer (no paging yet, memory is
// identity-mapped); once paging is on, only the machine will know how to
// reach a physical page. Both machines refuse an address outside the
// ranges they handed out (`outOfRange`), so a wrong offset in the core is
// an error, never a write over the kernel.
//
// Both machines compile this file.

/// The size of a page: the unit of physical memory the core hands out.
public let pageSize: UInt64 = 4096

/// A run of usable physical memory, [base, base + size), page-aligned.
public struct PhysicalRange: Equatable, Sendable {
    /// Physical address of the first byte (a multiple of `pageSize`).
    public let base: UInt64
    /// Number of bytes (a multiple of `pageSize`, never 0).
    public let size: UInt64

    /// A range of `size` bytes from `base`.
    public init(base: UInt64, size: UInt64) {
        self.base = base
        self.size = size
    }

    /// One past the last byte.
    public var end: UInt64 { base + size }

    /// True if `address` is inside the range.
    public func contains(_ address: UInt64) -> Bool {
        address >= base && address < end
    }
}

/// What a segment of physical memory may be used for, once mapped: the
/// machine turns these bits into page-table bits (ia32: present,
/// writable; execute has no bit without PAE, it is recorded all the same).
public struct SegmentPermissions: OptionSet, Sendable {
    /// The bits of the permissions.
    public let rawValue: UInt8

    /// Permissions from their bits.
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// The memory may be read.
    public static let read = SegmentPermissions(rawValue: 1 << 0)
    /// The memory may be written.
    public static let write = SegmentPermissions(rawValue: 1 << 1)
    /// The memory may be executed.
    public static let execute = SegmentPermissions(rawValue: 1 << 2)
    /// Every permission that exists: a bit outside these is refused.
    public static let all: SegmentPermissions = [.read, .write, .execute]
}

/// Page arithmetic both sides use.
public enum Pages {
    /// True if `value` is a multiple of `pageSize`.
    public static func isAligned(_ value: UInt64) -> Bool {
        value & (pageSize - 1) == 0
    }

    /// `value` rounded down to a page boundary.
    public static func alignDown(_ value: UInt64) -> UInt64 {
        value & ~(pageSize - 1)
    }

    /// `value` rounded up to a page boundary (values near 2^64 wrap: the
    /// callers only pass physical addresses below 4 GiB).
    public static func alignUp(_ value: UInt64) -> UInt64 {
        (value &+ pageSize &- 1) & ~(pageSize - 1)
    }

    /// `ranges` without the bytes of [start, end), each piece shrunk to
    /// whole pages, empty pieces dropped.
    ///
    /// Steps: 1. keep a range that does not meet the hole; 2. otherwise
    /// keep what lies below the hole and what lies above it, page-aligned.
    public static func subtract(_ start: UInt64, _ end: UInt64, from ranges: [PhysicalRange]) -> [PhysicalRange] {
        var result: [PhysicalRange] = []
        for range in ranges {
            // 1.
            if end <= range.base || start >= range.end {
                result.append(range)
                continue
            }
            // 2.
            let below = alignDown(start)
            if below > range.base {
                result.append(PhysicalRange(base: range.base, size: below - range.base))
            }
            let above = alignUp(end)
            if above < range.end {
                result.append(PhysicalRange(base: above, size: range.end - above))
            }
        }
        return result
    }
}
