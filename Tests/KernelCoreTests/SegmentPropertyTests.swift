// Tests/KernelCoreTests/SegmentPropertyTests.swift -- random reserve,
// release, split, coalesce, resize, permission and give sequences against
// a model of physical memory, under each fit policy.
//
// The model is a plain list of segments; its free memory is "the ranges
// minus the segments", recomputed at each step, and it places segments
// by the policy's definition. After every step the kernel must hold the
// same segments (address, size, owner, permissions) and pass
// `expectMemoryConsistent`: no overlap, no page lost, every page owned
// once, every segment in its owner's space.

import Testing
@testable import Kernel
@testable import Machine

/// One segment of the model.
struct ModelSegment: Equatable {
    var identifier: Identifier
    var address: UInt64
    var size: UInt64
    var owner: Identifier
    var permissions: UInt8
    var end: UInt64 { address + size }
}

/// Physical memory as the model sees it.
struct MemoryModel {
    var segments: [ModelSegment] = []
    var policy: FitPolicy
    var cursor: UInt64 = 0

    /// The free runs: the machine's ranges minus every segment.
    func freeRuns(ignoring ignored: Identifier? = nil) -> [PhysicalRange] {
        var runs = Machine.physicalRanges()
        for segment in segments where segment.identifier != ignored {
            runs = Pages.subtract(segment.address, segment.end, from: runs)
        }
        return runs
    }

    /// Where the policy puts `size` bytes, nil if nowhere.
    func place(_ size: UInt64) -> UInt64? {
        let fitting = freeRuns().filter { $0.size >= size }
        guard let first = fitting.first else { return nil }
        switch policy {
        case .first: return first.base
        case .best: return fitting.min { $0.size < $1.size }!.base
        case .worst: return fitting.reduce(first) { $1.size > $0.size ? $1 : $0 }.base
        case .next: return (fitting.first { $0.base >= cursor } ?? first).base
        }
    }

    /// True if [address, address + size) is free.
    func isFree(_ address: UInt64, _ size: UInt64) -> Bool {
        freeRuns().contains { $0.base <= address && address + size <= $0.end }
    }

    func index(_ identifier: Identifier) -> Int? {
        segments.firstIndex { $0.identifier == identifier }
    }
}

extension KernelManagers {
    @Suite struct SegmentProperties {
        /// The kernel's segments as the model writes them.
        func actualSegments() throws -> [ModelSegment] {
            try memorySnapshot().segments.map {
                ModelSegment(identifier: $0[0], address: $0[1], size: $0[2], owner: $0[3], permissions: UInt8($0[4]))
            }
        }

        @Test(arguments: [FitPolicy.first, .best, .next, .worst])
        func randomSequencesMatchTheModel(policy: FitPolicy) throws {
            try restartMemory()
            SegmentManager.fit = policy
            defer { SegmentManager.fit = .first }
            let recordsBefore = Machine.liveSetRecords
            let other = try AddressSpaceManager.reserve(task: 7)
            let spaces = [kernelSpace, other]
            var model = MemoryModel(policy: policy)
            var random = SeededGenerator(seed: 0x5E6_2026)
            var counts = [String: Int]()
            for step in 0..<2_000 {
                let sorted = model.segments.sorted { $0.address < $1.address }
                let pick = model.segments.isEmpty ? nil : model.segments[Int(random.next() % UInt64(model.segments.count))]
                let choice = model.segments.isEmpty ? 0 : Int(random.next() % 8)
                var what = ""
                switch choice {
                case 0, 1:
                    // reserve 1..32 pages, sometimes far too much
                    let size = random.next() % 20 == 0 ? UInt64(0x0030_0000) : pages(1 + random.next() % 32)
                    let owner = spaces[Int(random.next() % 2)]
                    let permissions = UInt8(1 + random.next() % 3)
                    what = "reserve \(size)"
                    let result = outcome { () throws(KernelError) in
                        try SegmentManager.reserve(owner, size: size, permissions: SegmentPermissions(rawValue: permissions))
                    }
                    if let address = model.place(size) {
                        let identifier = try result.get()
                        model.segments.append(ModelSegment(identifier: identifier, address: address, size: size,
                                                           owner: owner, permissions: permissions))
                        model.cursor = address + size
                        counts["reserve", default: 0] += 1
                    } else {
                        #expect(result.failed == .exhausted, "step \(step): \(what)")
                    }
                case 2:
                    what = "release"
                    try SegmentManager.release(pick!.identifier)
                    model.segments.remove(at: model.index(pick!.identifier)!)
                    counts["release", default: 0] += 1
                case 3:
                    let segment = pick!
                    let offset = pages(random.next() % (segment.size / pageSize + 1))
                    what = "split at \(offset)"
                    let result = outcome { () throws(KernelError) in try SegmentManager.split(segment.identifier, at: offset) }
                    if offset > 0 && offset < segment.size {
                        let second = try result.get()
                        let index = model.index(segment.identifier)!
                        model.segments[index].size = offset
                        var tail = segment
                        tail.identifier = second
                        tail.address += offset
                        tail.size -= offset
                        model.segments.append(tail)
                        counts["split", default: 0] += 1
                    } else {
                        #expect(result.failed == .invalidArgument, "step \(step): \(what)")
                    }
                case 4:
                    // the next segment in address order, often a neighbour
                    let position = Int(random.next() % UInt64(sorted.count))
                    let lower = sorted[position]
                    let upper = sorted[(position + 1) % sorted.count]
                    what = "coalesce"
                    let result = outcome { () throws(KernelError) in try SegmentManager.coalesce(upper.identifier, lower.identifier) }
                    if lower.identifier != upper.identifier && lower.end == upper.address && lower.owner == upper.owner
                        && lower.permissions == upper.permissions {
                        #expect(try result.get() == lower.identifier)
                        model.segments[model.index(lower.identifier)!].size += upper.size
                        model.segments.remove(at: model.index(upper.identifier)!)
                        counts["coalesce", default: 0] += 1
                    } else {
                        #expect(result.failed == .invalidArgument, "step \(step): \(what)")
                    }
                case 5:
                    let segment = pick!
                    let size = pages(1 + random.next() % 40)
                    what = "resize \(segment.size) to \(size)"
                    let result = outcome { () throws(KernelError) in try SegmentManager.resize(segment.identifier, to: size) }
                    let index = model.index(segment.identifier)!
                    if size <= segment.size || model.isFree(segment.end, size - segment.size) {
                        _ = try result.get()
                        model.segments[index].size = size
                        counts["resize in place", default: 0] += 1
                    } else {
                        // the segment still holds its pages while it looks for new ones
                        if let address = model.place(size) {
                            _ = try result.get()
                            model.segments[index].address = address
                            model.segments[index].size = size
                            model.cursor = address + size
                            counts["resize moved", default: 0] += 1
                        } else {
                            #expect(result.failed == .exhausted, "step \(step): \(what)")
                        }
                    }
                case 6:
                    let segment = pick!
                    let permissions = UInt8(1 + random.next() % 3)
                    what = "permissions"
                    try SegmentManager.permissions(segment.identifier, SegmentPermissions(rawValue: permissions))
                    model.segments[model.index(segment.identifier)!].permissions = permissions
                default:
                    let segment = pick!
                    let owner = spaces[Int(random.next() % 2)]
                    what = "give"
                    try SegmentManager.give(segment.identifier, to: owner)
                    model.segments[model.index(segment.identifier)!].owner = owner
                }
                let actual = try actualSegments()
                #expect(actual == model.segments.sorted { $0.address < $1.address }, "step \(step): \(what)")
                try expectMemoryConsistent("step \(step): \(what)")
                if actual != model.segments.sorted(by: { $0.address < $1.address }) { break }
            }
            // Every kind of step happened, successful, many times.
            for kind in ["reserve", "release", "split", "coalesce", "resize in place", "resize moved"] {
                #expect(counts[kind, default: 0] >= 10, "\(policy): only \(counts[kind, default: 0]) \(kind)")
            }
            // Releasing both spaces' segments gives every page back and
            // leaves no set behind.
            try SegmentManager.flush(other)
            try SegmentManager.flush(kernelSpace)
            try AddressSpaceManager.release(other)
            #expect(try SegmentManager.freeBytes() == SegmentManager.totalBytes)
            #expect(Machine.liveSetRecords == recordsBefore)
        }
    }
}
