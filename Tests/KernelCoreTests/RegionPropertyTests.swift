// Tests/KernelCoreTests/RegionPropertyTests.swift -- long seeded runs of
// random region calls against a model, and the window's exhaustion.
//
// The model is a plain array of regions per space with first fit written
// the obvious way; after every step the manager must hold exactly the
// model's regions, and the simulated MMU exactly what they map
// (`expectRegionsConsistent`), page by page.

import Testing
@testable import Kernel
@testable import Machine

/// A region as the model keeps it.
struct ModelRegion: Equatable {
    var identifier: Identifier
    var space: Identifier
    var address: UInt64
    var size: UInt64
    var segment: Identifier
    var offset: UInt64
    var end: UInt64 { address + size }
}

/// The model's regions, and its first fit.
struct RegionModel {
    var regions: [ModelRegion] = []

    /// The regions of `space`, by address.
    func of(_ space: Identifier) -> [ModelRegion] {
        regions.filter { $0.space == space }.sorted { $0.address < $1.address }
    }

    /// True if [address, address + size) is in the window and free in `space`.
    func isFree(_ space: Identifier, _ address: UInt64, _ size: UInt64) -> Bool {
        address >= RegionWindow.base && address + size <= RegionWindow.end
            && !of(space).contains { $0.address < address + size && address < $0.end }
    }

    /// First fit: the lowest free address of the window for `size` bytes.
    func place(_ space: Identifier, _ size: UInt64) -> UInt64? {
        var cursor = RegionWindow.base
        for region in of(space) {
            if region.address - cursor >= size { return cursor }
            cursor = region.end
        }
        return RegionWindow.end - cursor >= size ? cursor : nil
    }

    func index(_ identifier: Identifier) -> Int? {
        regions.firstIndex { $0.identifier == identifier }
    }
}

extension KernelManagers {
    @Suite struct RegionProperties {
        /// The manager's regions, in the model's form.
        func actualRegions() throws -> [ModelRegion] {
            try regionSnapshot().regions.map {
                ModelRegion(identifier: $0[1], space: $0[0], address: $0[2], size: $0[3], segment: $0[4], offset: $0[5])
            }
        }

        @Test(arguments: [UInt64(0x4E6_2026), 0xC0FFEE, 17])
        func randomSequencesMatchTheModelAndTheMMU(seed: UInt64) throws {
            try restartRegions()
            let recordsBefore = Machine.liveSetRecords
            let setsBefore = try #require(SetManager.container).size()
            let other = try AddressSpaceManager.reserve(task: 9)
            let spaces = [kernelSpace, other]
            // four segments of 16 pages: the regions map slices of them
            var segments: [(Identifier, UInt64)] = []
            for index in 0..<4 {
                segments.append((try segmentOfPages(16, in: spaces[index % 2]), pages(16)))
            }
            var model = RegionModel()
            var random = SeededGenerator(seed: seed)
            var counts = [String: Int]()
            for step in 0..<1_200 {
                let pick = model.regions.isEmpty ? nil : model.regions[Int(random.next() % UInt64(model.regions.count))]
                let choice = model.regions.isEmpty ? 0 : Int(random.next() % 9)
                var what = ""
                switch choice {
                case 0, 1, 2:
                    let space = spaces[Int(random.next() % 2)]
                    let (segment, segmentSize) = segments[Int(random.next() % 4)]
                    let offset = pages(random.next() % 18)
                    let size = pages(1 + random.next() % 8)
                    let forced = random.next() % 3 == 0
                    let address = forced ? RegionWindow.base + pages(random.next() % 64) : 0
                    what = "reserve \(size) at \(offset) forced \(forced) \(address)"
                    let result = outcome { () throws(KernelError) in
                        try RegionManager.reserve(space, segment: segment, offset: offset, size: size,
                                                  options: forced ? .forceAddress : [], address: address)
                    }
                    if offset + size > segmentSize {
                        #expect(result.failed == .outOfRange, "step \(step): \(what)")
                    } else if forced && !model.isFree(space, address, size) {
                        #expect(result.failed == .busy, "step \(step): \(what)")
                    } else {
                        let start = forced ? address : model.place(space, size)!
                        let identifier = try result.get()
                        model.regions.append(ModelRegion(identifier: identifier, space: space, address: start,
                                                         size: size, segment: segment, offset: offset))
                        counts["reserve", default: 0] += 1
                    }
                case 3:
                    what = "release"
                    try RegionManager.release(pick!.space, pick!.identifier)
                    model.regions.remove(at: model.index(pick!.identifier)!)
                    counts["release", default: 0] += 1
                case 4:
                    let region = pick!
                    let offset = pages(random.next() % (region.size / pageSize + 1))
                    what = "split at \(offset)"
                    let result = outcome { () throws(KernelError) in
                        try RegionManager.split(region.space, region.identifier, at: offset)
                    }
                    if offset > 0 && offset < region.size {
                        var tail = region
                        tail.identifier = try result.get()
                        tail.address += offset
                        tail.offset += offset
                        tail.size -= offset
                        model.regions[model.index(region.identifier)!].size = offset
                        model.regions.append(tail)
                        counts["split", default: 0] += 1
                    } else {
                        #expect(result.failed == .invalidArgument, "step \(step): \(what)")
                    }
                case 5, 6:
                    // the next region of the space in address order, often a neighbour
                    let sorted = model.of(pick!.space)
                    let position = sorted.firstIndex { $0.identifier == pick!.identifier }!
                    let lower = sorted[position]
                    let upper = sorted[(position + 1) % sorted.count]
                    what = "coalesce"
                    let result = outcome { () throws(KernelError) in
                        try RegionManager.coalesce(lower.space, upper.identifier, lower.identifier)
                    }
                    if lower.identifier != upper.identifier && lower.end == upper.address
                        && lower.segment == upper.segment && lower.offset + lower.size == upper.offset {
                        #expect(try result.get() == lower.identifier)
                        model.regions[model.index(lower.identifier)!].size += upper.size
                        model.regions.remove(at: model.index(upper.identifier)!)
                        counts["coalesce", default: 0] += 1
                    } else {
                        #expect(result.failed == .invalidArgument, "step \(step): \(what)")
                    }
                case 7:
                    let region = pick!
                    let size = pages(1 + random.next() % 10)
                    what = "resize to \(size)"
                    let result = outcome { () throws(KernelError) in
                        try RegionManager.resize(region.space, region.identifier, to: size)
                    }
                    if region.offset + size > pages(16) {
                        #expect(result.failed == .outOfRange, "step \(step): \(what)")
                    } else if size > region.size && !model.isFree(region.space, region.end, size - region.size) {
                        #expect(result.failed == .busy, "step \(step): \(what)")
                    } else {
                        try result.get()
                        model.regions[model.index(region.identifier)!].size = size
                        counts["resize", default: 0] += 1
                    }
                default:
                    // flush now and then, else look a random address up
                    if random.next() % 8 == 0 {
                        what = "flush"
                        try RegionManager.flush(pick!.space)
                        model.regions.removeAll { $0.space == pick!.space }
                        counts["flush", default: 0] += 1
                    } else {
                        let address = pick!.address + random.next() % pick!.size
                        what = "locate"
                        #expect(try RegionManager.locate(pick!.space, address) == pick!.identifier)
                        #expect(try AddressSpaceManager.physicalAddress(of: address, in: pick!.space)
                            == (try Machine.access(space: pick!.space, virtual: address, write: false)))
                    }
                }
                let sortedModel = model.regions.sorted { ($0.space, $0.address) < ($1.space, $1.address) }
                let sortedActual = try actualRegions().sorted { ($0.space, $0.address) < ($1.space, $1.address) }
                #expect(sortedActual == sortedModel, "step \(step): \(what)")
                try expectRegionsConsistent("step \(step): \(what)")
                if sortedActual != sortedModel { break }
            }
            for verb in ["reserve", "release", "split", "coalesce", "resize", "flush"] {
                #expect(counts[verb, default: 0] > 0, "the run never managed to \(verb)")
            }
            // nothing leaks: releasing the space and the segments gives back every set
            for (segment, _) in segments {
                try RegionManager.flush(kernelSpace)
                try RegionManager.flush(other)
                if (try SegmentManager.get(segment)).owner == kernelSpace { try SegmentManager.release(segment) }
            }
            try AddressSpaceManager.release(other)
            #expect(try #require(SetManager.container).size() == setsBefore)
            #expect(Machine.liveSetRecords == recordsBefore)
            try expectRegionsConsistent("at the end")
        }

        @Test func theWindowRunsOutAndAReleasedGapIsReused() throws {
            try restartRegions()
            // 2 MiB regions over one 2 MiB segment: 1024 fill the window
            let segment = try segmentOfPages(512)
            var all: [Identifier] = []
            for _ in 0..<1024 {
                all.append(try RegionManager.reserve(kernelSpace, segment: segment, offset: 0, size: pages(512)))
            }
            #expect(try RegionManager.get(kernelSpace, all.last!).end == RegionWindow.end)
            let errors = regionErrors("reserve")
            #expect(failure { () throws(KernelError) in
                _ = try RegionManager.reserve(kernelSpace, segment: segment, offset: 0, size: pageSize)
            } == .exhausted)
            #expect(regionErrors("reserve") == errors + 1)
            let hole = try RegionManager.get(kernelSpace, all[100]).address
            try RegionManager.release(kernelSpace, all[100])
            let again = try RegionManager.reserve(kernelSpace, segment: segment, offset: pages(3), size: pages(2))
            #expect(try RegionManager.get(kernelSpace, again).address == hole)
            #expect(Machine.mmuErrors == [])
            try RegionManager.flush(kernelSpace)
            #expect(Machine.pageTables[kernelSpace] == [:])
        }
    }
}
