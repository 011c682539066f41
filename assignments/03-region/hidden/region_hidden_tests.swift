// assignments/03-region/hidden/region_hidden_tests.swift -- the hidden
// tests of the region manager: copies between spaces, a leak check,
// random calls against a model, the rules that tie regions to segments,
// and privileged regions.

import Kernel
import Machine

/// Copy moves bytes between two spaces and inside one (overlapping
/// runs too); a run with an unmapped byte moves nothing.
func test_as_copy_spaces() throws(TestFailure) {
    try startRegions()
    let other = try expectSuccess("reserve a space") { () throws(KernelError) in try AddressSpaceManager.reserve(task: 0) }
    let mine = try mappableSegment(2)
    let theirs = try mappableSegment(2, in: other)
    _ = try mapRegion(kernelAS, mine, offset: 0, pages: 2, at: 0x4A00_0000)
    _ = try mapRegion(other, theirs, offset: 0, pages: 2, at: 0xA000_0000)
    let bytes = regionPattern(700, seed: 3)
    check("across") { () throws(TestFailure) in
        try expectSuccess("write in the kernel's space") { () throws(KernelError) in
            try AddressSpaceManager.write(kernelAS, at: 0x4A00_0F00, bytes: bytes)
        }
        try expectSuccess("copy to the other space") { () throws(KernelError) in
            try AddressSpaceManager.copy(to: other, at: 0xA000_0E00, from: kernelAS, at: 0x4A00_0F00, count: 700)
        }
        let seen = try expectSuccess("read the other segment") { () throws(KernelError) in
            try SegmentManager.read(theirs, offset: 0xE00, count: 700)
        }
        try expect(seen == bytes, "the copy did not land at the other space's virtual address")
    }
    check("same_space") { () throws(TestFailure) in
        try expectSuccess("copy 700 bytes 100 bytes higher") { () throws(KernelError) in
            try AddressSpaceManager.copy(to: kernelAS, at: 0x4A00_0F64, from: kernelAS, at: 0x4A00_0F00, count: 700)
        }
        let seen = try expectSuccess("read them") { () throws(KernelError) in
            try AddressSpaceManager.read(kernelAS, at: 0x4A00_0F64, count: 700)
        }
        try expect(seen == bytes, "an overlapping copy inside one space lost bytes")
    }
    check("refused") { () throws(TestFailure) in
        let before = try expectSuccess("read the destination") { () throws(KernelError) in
            try AddressSpaceManager.read(other, at: 0xA000_0000, count: 32)
        }
        try expectError(.outOfRange, "copy from past the source region") { () throws(KernelError) in
            try AddressSpaceManager.copy(to: other, at: 0xA000_0000, from: kernelAS, at: 0x4A00_2000 - 16, count: 32)
        }
        try expectError(.unknownIdentifier, "copy from an unknown space") { () throws(KernelError) in
            try AddressSpaceManager.copy(to: other, at: 0xA000_0000, from: 0x0200_0000_0000_0999, at: 0x4A00_0000, count: 1)
        }
        let after = try expectSuccess("read it again") { () throws(KernelError) in
            try AddressSpaceManager.read(other, at: 0xA000_0000, count: 32)
        }
        try expect(after == before, "a refused copy changed the destination")
        try expectSuccess("release the other space") { () throws(KernelError) in try AddressSpaceManager.release(other) }
        try expectSuccess("flush the kernel's regions") { () throws(KernelError) in try RegionManager.flush(kernelAS) }
        try dropSegment(mine)
    }
}

/// Regions give back every byte of heap they use: a space with a
/// segment and regions reshaped every way, once released, leaves the
/// heap as it was.
func test_region_leak() throws(TestFailure) {
    try startRegions()
    /// One life of a space: regions reserved, split, coalesced, resized,
    /// released one by one and by the space's release.
    func life() throws(TestFailure) {
        let space = try expectSuccess("reserve a space") { () throws(KernelError) in try AddressSpaceManager.reserve(task: 0) }
        let segment = try mappableSegment(8, in: space)
        var regions: [Identifier] = []
        for offset in UInt64(0)..<8 { regions.append(try mapRegion(space, segment, offset: regionPages(offset), pages: 1)) }
        for index in stride(from: 0, to: 8, by: 2) {
            _ = try expectSuccess("coalesce") { () throws(KernelError) in
                try RegionManager.coalesce(space, regions[index], regions[index + 1])
            }
        }
        let tail = try expectSuccess("split") { () throws(KernelError) in try RegionManager.split(space, regions[0], at: pageSize) }
        try unmapRegion(space, tail)
        try expectSuccess("resize") { () throws(KernelError) in try RegionManager.resize(space, regions[0], to: regionPages(2)) }
        try unmapRegion(space, regions[2])
        try expectSuccess("release the space") { () throws(KernelError) in try AddressSpaceManager.release(space) }
    }
    check("warm_up") { () throws(TestFailure) in
        // the first life may grow the kernel's own tables for good
        try life()
    }
    check("no_leak") { () throws(TestFailure) in
        try expectNoLeak("a space's life with regions") { () throws(TestFailure) in
            try life()
        }
    }
}

/// A small seeded generator (SplitMix64).
struct RegionRandom {
    var state: UInt64
    mutating func below(_ bound: UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return (z ^ (z >> 31)) % bound
    }
}

/// Random reserve, release, split, resize and coalesce calls agree with a
/// model (the regions' extents), and the regions stay sound.
func test_region_seeded() throws(TestFailure) {
    try startRegions()
    let segment = try mappableSegment(16)
    var random = RegionRandom(state: 0x03_2E61_0A5E)
    // the model: [identifier, address, size, offset], by address
    var model: [[UInt64]] = []
    func isFree(_ address: UInt64, _ size: UInt64) -> Bool {
        for region in model where region[1] < address + size && address < region[1] + region[2] { return false }
        return true
    }
    check("model") { () throws(TestFailure) in
        for step in 0..<400 {
            let what = "step \(step)"
            let choice = model.isEmpty ? 0 : random.below(6)
            let pick = model.isEmpty ? 0 : Int(random.below(UInt64(model.count)))
            switch choice {
            case 0, 1:
                let offset = regionPages(random.below(16))
                let size = regionPages(1 + random.below(4))
                let address = RegionWindow.base + regionPages(random.below(40))
                let result = errorOrValue { () throws(KernelError) in
                    try RegionManager.reserve(kernelAS, segment: segment, offset: offset, size: size,
                                              options: .forceAddress, address: address)
                }
                if offset + size > regionPages(16) {
                    try expectRefusal(result.error, .outOfRange, "\(what): a region past the segment was not refused")
                } else if !isFree(address, size) {
                    try expectRefusal(result.error, .busy, "\(what): an overlapping region was not refused")
                } else {
                    guard let identifier = result.value else { throw TestFailure("\(what): reserve failed: \(described(result.error))") }
                    model.append([identifier, address, size, offset])
                }
            case 2:
                try unmapRegion(kernelAS, model[pick][0])
                model.remove(at: pick)
            case 3:
                let offset = regionPages(random.below(model[pick][2] / pageSize + 1))
                let result = errorOrValue { () throws(KernelError) in try RegionManager.split(kernelAS, model[pick][0], at: offset) }
                if offset == 0 || offset == model[pick][2] {
                    try expectRefusal(result.error, .invalidArgument, "\(what): a split at an end was not refused")
                } else {
                    guard let tail = result.value else { throw TestFailure("\(what): split failed: \(described(result.error))") }
                    model.append([tail, model[pick][1] + offset, model[pick][2] - offset, model[pick][3] + offset])
                    model[pick][2] = offset
                }
            case 4:
                let size = regionPages(1 + random.below(5))
                let region = model[pick]
                let result = errorOrValue { () throws(KernelError) in try RegionManager.resize(kernelAS, region[0], to: size) }
                if region[3] + size > regionPages(16) {
                    try expectRefusal(result.error, .outOfRange, "\(what): a resize past the segment was not refused")
                } else if size > region[2] && !isFree(region[1] + region[2], size - region[2]) {
                    try expectRefusal(result.error, .busy, "\(what): a resize over a region was not refused")
                } else {
                    try expect(result.error == nil, "\(what): resize failed: \(described(result.error))")
                    model[pick][2] = size
                }
            default:
                let region = model[pick]
                let next = model.first { $0[1] == region[1] + region[2] }
                let partner = next ?? model[Int(random.below(UInt64(model.count)))]
                let result = errorOrValue { () throws(KernelError) in try RegionManager.coalesce(kernelAS, partner[0], region[0]) }
                if partner[0] != region[0] && partner[1] == region[1] + region[2] && partner[3] == region[3] + region[2] {
                    try expect(result.value == region[0], "\(what): coalesce did not keep the lower region: \(described(result.error))")
                    model[pick][2] += partner[2]
                    model.removeAll { $0[0] == partner[0] }
                } else if partner[0] != region[0] && region[1] == partner[1] + partner[2] && region[3] == partner[3] + partner[2] {
                    try expect(result.value == partner[0], "\(what): coalesce did not keep the lower region: \(described(result.error))")
                    model[model.firstIndex { $0[0] == partner[0] }!][2] += region[2]
                    model.remove(at: pick)
                } else {
                    try expectRefusal(result.error, .invalidArgument, "\(what): a bad coalesce was not refused")
                }
            }
            model.sort { $0[1] < $1[1] }
            let actual = try regionLayout(kernelAS).map { [$0[0], $0[1], $0[2], $0[4]] }
            try expect(actual == model, "\(what): the regions differ from the model")
        }
    }
    check("sound") { () throws(TestFailure) in
        try expectRegionsSound(kernelAS)
        try expectSuccess("flush") { () throws(KernelError) in try RegionManager.flush(kernelAS) }
        try dropSegment(segment)
    }
}

/// A value or the kernel error that stopped it.
struct ValueOrError<T> {
    var value: T?
    var error: KernelError?
}

/// Fails unless `error` is `expected`, naming what came instead.
func expectRefusal(_ error: KernelError?, _ expected: KernelError, _ what: String) throws(TestFailure) {
    if error != expected {
        throw TestFailure("\(what): expected error '\(expected.description)', got \(described(error))")
    }
}

/// An error for a message: its description, or "success".
func described(_ error: KernelError?) -> String {
    guard let error else { return "success" }
    return "'\(error.description)'"
}

/// Runs `body`, keeping its value or its error.
func errorOrValue<T>(_ body: () throws(KernelError) -> T) -> ValueOrError<T> {
    do throws(KernelError) {
        return ValueOrError(value: try body(), error: nil)
    } catch {
        return ValueOrError(value: nil, error: error)
    }
}

/// A segment that a region maps keeps its pages (release, split, resize
/// and coalesce are refused); its permissions may change; once the
/// region is gone, the segment is free to go.
func test_region_segment_rules() throws(TestFailure) {
    try startRegions()
    let segment = try mappableSegment(4)
    let neighbour = try mappableSegment(1)
    let region = try mapRegion(kernelAS, segment, offset: pageSize, pages: 1)
    check("busy") { () throws(TestFailure) in
        try expectError(.busy, "release a mapped segment") { () throws(KernelError) in try SegmentManager.release(segment) }
        try expectError(.busy, "split a mapped segment") { () throws(KernelError) in try SegmentManager.split(segment, at: pageSize) }
        try expectError(.busy, "resize a mapped segment") { () throws(KernelError) in try SegmentManager.resize(segment, to: pageSize) }
        try expectError(.busy, "coalesce a mapped segment") { () throws(KernelError) in
            try SegmentManager.coalesce(segment, neighbour)
        }
        try expect(SegmentManager.exist(segment), "the mapped segment is gone")
    }
    check("permissions") { () throws(TestFailure) in
        try expectSuccess("make the mapped segment read-only") { () throws(KernelError) in
            try SegmentManager.permissions(segment, .read)
        }
        let now = try expectSuccess("get it") { () throws(KernelError) in try SegmentManager.get(segment) }
        try expect(now.permissions == .read, "the segment's permissions did not change")
        try expect(RegionManager.exist(kernelAS, region), "the region went with the permissions")
    }
    check("after_release") { () throws(TestFailure) in
        try unmapRegion(kernelAS, region)
        try expectSuccess("coalesce the unmapped segment") { () throws(KernelError) in
            _ = try SegmentManager.permissions(neighbour, .read)
            _ = try SegmentManager.coalesce(segment, neighbour)
        }
        try dropSegment(segment)
    }
}

/// Privileged regions exist only in the kernel's space; an address given
/// without forcing it is refused.
func test_region_privileged() throws(TestFailure) {
    try startRegions()
    let segment = try mappableSegment(1)
    check("kernel") { () throws(TestFailure) in
        let region = try expectSuccess("a privileged region in the kernel's space") { () throws(KernelError) in
            try RegionManager.reserve(kernelAS, segment: segment, offset: 0, size: pageSize, options: .privileged)
        }
        try expect(try regionIn(kernelAS, region).options.contains(.privileged), "the region lost its option")
        try unmapRegion(kernelAS, region)
    }
    check("other_space") { () throws(TestFailure) in
        let space = try expectSuccess("reserve a space") { () throws(KernelError) in try AddressSpaceManager.reserve(task: 0) }
        try expectError(.permissionDenied, "a privileged region in another space") { () throws(KernelError) in
            try RegionManager.reserve(space, segment: segment, offset: 0, size: pageSize, options: .privileged)
        }
        try expectError(.invalidArgument, "an address without forceAddress") { () throws(KernelError) in
            try RegionManager.reserve(space, segment: segment, offset: 0, size: pageSize, address: 0x5000_0000)
        }
        try expectError(.invalidArgument, "an unknown option") { () throws(KernelError) in
            try RegionManager.reserve(space, segment: segment, offset: 0, size: pageSize,
                                      options: RegionOptions(rawValue: 0x40))
        }
        try expectEqual(try regionLayout(space).count, 0, "regions in the space after the refusals")
        try expectSuccess("release the space") { () throws(KernelError) in try AddressSpaceManager.release(space) }
        try dropSegment(segment)
    }
}
