// reference/segment/segment_data.swift -- the bytes of a segment and its
// permissions.
//
// The kernel reads and writes a segment's memory through the machine
// (`Machine.physicalByte` and friends), at an offset from the segment's
// start: an offset or a count that leaves the segment is refused before
// any byte moves. These are the kernel's own accesses: the permissions
// say what a *mapping* of the segment may allow (the region manager will
// ask the machine to enforce them), not what the kernel may do.

import Machine

extension SegmentManager {
    /// `count` bytes of the segment `identifier` from `offset`.
    ///
    /// Steps: 1. check the run lies inside the segment; 2. read it.
    public static func read(_ identifier: Identifier, offset: UInt64, count: UInt64) throws(KernelError) -> [UInt8] {
        try StatisticsManager.measure(SegmentProbe.read) { () throws(KernelError) in
            // BEGIN ASSIGNMENT 02-segment
            // 1.
            let segment = try segment(identifier)
            try checkRun(segment, offset, count)
            // 2.
            return try Machine.physicalBytes(at: segment.address + offset, count: count)
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 02-segment
        }
    }

    /// Writes `bytes` into the segment `identifier` from `offset`.
    ///
    /// Steps: 1. check the run lies inside the segment; 2. write it.
    public static func write(_ identifier: Identifier, offset: UInt64, bytes: [UInt8]) throws(KernelError) {
        try StatisticsManager.measure(SegmentProbe.write) { () throws(KernelError) in
            // BEGIN ASSIGNMENT 02-segment
            // 1.
            let segment = try segment(identifier)
            try checkRun(segment, offset, UInt64(bytes.count))
            // 2.
            try Machine.setPhysicalBytes(at: segment.address + offset, bytes)
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 02-segment
        }
    }

    /// Copies `count` bytes from `source` at `sourceOffset` to
    /// `destination` at `destinationOffset` (the same segment is allowed,
    /// the runs may overlap).
    ///
    /// Steps: 1. check both runs; 2. copy.
    public static func copy(
        to destination: Identifier, at destinationOffset: UInt64,
        from source: Identifier, at sourceOffset: UInt64, count: UInt64
    ) throws(KernelError) {
        try StatisticsManager.measure(SegmentProbe.copy) { () throws(KernelError) in
            // BEGIN ASSIGNMENT 02-segment
            // 1.
            let target = try segment(destination)
            let origin = try segment(source)
            try checkRun(target, destinationOffset, count)
            try checkRun(origin, sourceOffset, count)
            // 2.
            try Machine.copyPhysical(from: origin.address + sourceOffset, to: target.address + destinationOffset,
                                     count: count)
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 02-segment
        }
    }

    /// Changes the permissions of the segment `identifier`; every
    /// region mapping it follows.
    ///
    /// Steps: 1. refuse bits that do not exist; 2. store them; 3. tell
    /// the machine (if it refuses, the old ones are back); 4. tell it
    /// about every region mapping the segment (region_segment.swift:
    /// if it refuses one, the old permissions are back everywhere).
    public static func permissions(_ identifier: Identifier, _ permissions: SegmentPermissions) throws(KernelError) {
        try StatisticsManager.measure(SegmentProbe.permissions) { () throws(KernelError) in
            let previous = try? segment(identifier).permissions
            // 1. to 3.: the segment itself
            func change() throws(KernelError) {
                // BEGIN ASSIGNMENT 02-segment
                // 1.
                try checkBits(permissions, [])
                let old = try segment(identifier)
                // 2.
                try segments().update(identifier) { stored in stored.permissions = permissions }
                // 3.
                var record = old.machineRecord
                do throws(KernelError) {
                    try Machine.segmentPermissionsChanged(identifier, permissions: permissions, record: &record)
                } catch {
                    try? segments().update(identifier) { stored in stored.permissions = old.permissions }
                    throw error
                }
                try segments().update(identifier) { stored in stored.machineRecord = record }
                // ELSE
                // throw KernelError.notImplemented
                // END ASSIGNMENT 02-segment
            }
            try change()
            // 4.
            if let previous {
                try RegionManager.followPermissions(of: identifier, previous: previous)
            }
        }
    }

    /// Puts the permissions `previous` back in the segment `identifier`
    /// and tells the machine (undoing a change the regions refused).
    static func restorePermissions(_ identifier: Identifier, _ previous: SegmentPermissions) throws(KernelError) {
        var record = try segment(identifier).machineRecord
        try segments().update(identifier) { stored in stored.permissions = previous }
        try Machine.segmentPermissionsChanged(identifier, permissions: previous, record: &record)
        try segments().update(identifier) { stored in stored.machineRecord = record }
    }

    /// Refuses a run of `count` bytes from `offset` that leaves `segment`
    /// (written so that no sum can overflow).
    static func checkRun(_ segment: Segment, _ offset: UInt64, _ count: UInt64) throws(KernelError) {
        if offset > segment.size || count > segment.size - offset {
            throw KernelError.outOfRange
        }
    }
}
