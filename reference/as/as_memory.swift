// reference/as/as_memory.swift -- an address space's memory, through its
// virtual addresses: translation both ways, read, write and copy.
//
// This is the machine-independent definition of what a virtual address
// means: the region holding it names a segment and an offset, and the
// segment names physical memory. The MMU does the same walk in hardware
// through the page tables the machine built from the region hooks; the
// tests compare the two.
//
//     virtual 0x40001234 in as 0x..0c
//       -> region 0x..11 [0x40000000, 0x40003000) segment 0x..0d + 0x2000
//       -> segment 0x..0d at physical 0x00200000
//       -> physical 0x00200000 + 0x2000 + 0x1234 = 0x00203234
//
// These are the kernel's own accesses (like the segment manager's read
// and write): the permissions of the segment say what a *task* may do
// through the page tables, not what the kernel may. A run of bytes may
// cross from one region into the next, if they touch; every byte of it
// must be mapped, or nothing moves (`outOfRange`).

import Machine

/// Statistics probes of the address-space manager's memory verbs.
enum AddressSpaceProbe {
    static let physical = StatisticsManager.reserve(manager: "as", function: "physical")
    static let virtual = StatisticsManager.reserve(manager: "as", function: "virtual")
    static let read = StatisticsManager.reserve(manager: "as", function: "read")
    static let write = StatisticsManager.reserve(manager: "as", function: "write")
    static let copy = StatisticsManager.reserve(manager: "as", function: "copy")

    /// Reserves every probe above now.
    static func reserveAll() {
        let all = [physical, virtual, read, write, copy]
        _ = all.count
    }
}

/// A run of bytes of one segment: what a run of virtual bytes is made of.
struct MemoryPiece {
    /// The segment holding the bytes.
    let segment: Identifier
    /// Where in the segment they start.
    let offset: UInt64
    /// How many bytes.
    let count: UInt64
}

extension AddressSpaceManager {
    /// The physical address the virtual `address` of the space `space`
    /// maps to; `outOfRange` if no region holds it.
    ///
    /// Steps: 1. find the region holding the address; 2. its segment's
    /// start, plus the region's offset, plus the distance into it.
    public static func physicalAddress(of address: UInt64, in space: Identifier) throws(KernelError) -> UInt64 {
        try StatisticsManager.measure(AddressSpaceProbe.physical) { () throws(KernelError) in
            // BEGIN ASSIGNMENT 03-region
            // 1.
            guard let region = try get(space).regions.floor(address), region.contains(address) else {
                throw KernelError.outOfRange
            }
            // 2.
            return try SegmentManager.segment(region.segment).address + region.offset + (address - region.address)
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 03-region
        }
    }

    /// The lowest virtual address of the space `space` that maps the
    /// physical `address`; `outOfRange` if no region maps it. (Two
    /// regions may map the same page: the lower one answers.)
    ///
    /// Steps: 1. walk the regions in address order; 2. the first whose
    /// physical run holds the address answers.
    public static func virtualAddress(of address: UInt64, in space: Identifier) throws(KernelError) -> UInt64 {
        try StatisticsManager.measure(AddressSpaceProbe.virtual) { () throws(KernelError) in
            // BEGIN ASSIGNMENT 03-region
            var found: UInt64? = nil
            // 1.
            try get(space).regions.forEach { (region: Region) throws(KernelError) in
                let base = try SegmentManager.segment(region.segment).address + region.offset
                // 2.
                if found == nil && address >= base && address - base < region.size {
                    found = region.address + (address - base)
                }
            }
            guard let virtual = found else {
                throw KernelError.outOfRange
            }
            return virtual
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 03-region
        }
    }

    /// `count` bytes of the space `space` from the virtual `address`.
    ///
    /// Steps: 1. cut the run into segment pieces (all mapped, or
    /// nothing is read); 2. read them.
    public static func read(_ space: Identifier, at address: UInt64, count: UInt64) throws(KernelError) -> [UInt8] {
        try StatisticsManager.measure(AddressSpaceProbe.read) { () throws(KernelError) in
            // BEGIN ASSIGNMENT 03-region
            try read(pieces(space, address, count))
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 03-region
        }
    }

    /// Writes `bytes` into the space `space` from the virtual `address`.
    ///
    /// Steps: 1. cut the run into segment pieces (all mapped, or
    /// nothing is written); 2. write them.
    public static func write(_ space: Identifier, at address: UInt64, bytes: [UInt8]) throws(KernelError) {
        try StatisticsManager.measure(AddressSpaceProbe.write) { () throws(KernelError) in
            // BEGIN ASSIGNMENT 03-region
            try write(pieces(space, address, UInt64(bytes.count)), bytes: bytes)
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 03-region
        }
    }

    /// Copies `count` bytes from the virtual `source` of the space
    /// `sourceSpace` to the virtual `destination` of `destinationSpace`
    /// (the same space is allowed, the runs may overlap).
    ///
    /// Steps: 1. check both runs are mapped (nothing moves otherwise);
    /// 2. read the source whole, then write it.
    public static func copy(
        to destinationSpace: Identifier, at destination: UInt64,
        from sourceSpace: Identifier, at source: UInt64, count: UInt64
    ) throws(KernelError) {
        try StatisticsManager.measure(AddressSpaceProbe.copy) { () throws(KernelError) in
            // BEGIN ASSIGNMENT 03-region
            // 1.
            let from = try pieces(sourceSpace, source, count)
            let to = try pieces(destinationSpace, destination, count)
            // 2.
            try write(to, bytes: read(from))
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 03-region
        }
    }

    /// The bytes of the pieces `run` (from `pieces`), one after the other.
    /// One piece, the usual case, is read as it is, not copied again.
    static func read(_ run: [MemoryPiece]) throws(KernelError) -> [UInt8] {
        // BEGIN ASSIGNMENT 03-region
        if run.count == 1 {
            return try SegmentManager.read(run[0].segment, offset: run[0].offset, count: run[0].count)
        }
        var bytes: [UInt8] = []
        for piece in run {
            bytes += try SegmentManager.read(piece.segment, offset: piece.offset, count: piece.count)
        }
        return bytes
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 03-region
    }

    /// Writes `bytes` over the pieces `run` (from `pieces`), each piece
    /// its share; `invalidArgument` if the pieces do not hold exactly
    /// that many bytes. One piece takes them whole.
    static func write(_ run: [MemoryPiece], bytes: [UInt8]) throws(KernelError) {
        // BEGIN ASSIGNMENT 03-region
        if run.reduce(0, { $0 + $1.count }) != UInt64(bytes.count) {
            throw KernelError.invalidArgument
        }
        if run.count == 1 {
            try SegmentManager.write(run[0].segment, offset: run[0].offset, bytes: bytes)
            return
        }
        var next = 0
        for piece in run {
            let share = Array(bytes[next..<(next + Int(piece.count))])
            try SegmentManager.write(piece.segment, offset: piece.offset, bytes: share)
            next += Int(piece.count)
        }
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 03-region
    }

    /// The run of `count` virtual bytes of `space` from `address`, cut at
    /// region boundaries into pieces of segments; `outOfRange` if a byte
    /// of it is not mapped (or the run passes 2^64).
    ///
    /// Each region the run passes through is shown to `admit` first,
    /// which may refuse it by throwing (a program's buffer must lie in
    /// regions it may use: syscall/user_memory.swift): the walk that
    /// finds the pieces is the walk that checks them.
    ///
    /// Steps: 1. refuse a run that wraps; 2. from the run's start, find
    /// the region holding the next byte, and let `admit` see it; 3. take
    /// what of the run lies in it; 4. go on after it until the run is
    /// covered.
    static func pieces(
        _ space: Identifier, _ address: UInt64, _ count: UInt64,
        admit: (Region) throws(KernelError) -> Void = { _ in }
    ) throws(KernelError) -> [MemoryPiece] {
        // BEGIN ASSIGNMENT 03-region
        let regions = try container().read(space) { $0.regions }
        // 1.
        if count > UInt64.max - address {
            throw KernelError.outOfRange
        }
        var run: [MemoryPiece] = []
        var next = address
        while next < address + count {
            // 2.
            guard let region = try regions.floor(next), region.contains(next) else {
                throw KernelError.outOfRange
            }
            try admit(region)
            // 3.
            let taken = min(region.end, address + count) - next
            run.append(MemoryPiece(segment: region.segment, offset: region.offset + (next - region.address),
                                   count: taken))
            // 4.
            next += taken
        }
        return run
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 03-region
    }
}
