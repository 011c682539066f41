// assignments/02-segment/hidden/segment_model_tests.swift -- hidden tests
// of the segment manager that compare it with a model: where each fit
// policy places, and random reserve/release/resize/split/coalesce steps
// whose free memory must be, after every step, exactly the model's.

import Kernel
import Machine

/// The free memory as the test expects it: areas in address order,
/// never touching, each `[address, size]`.
struct FreeModel {
    /// The areas, as `MemoryState.free` lists them.
    var areas: [[UInt64]]

    /// The address the policy `fit` chooses for `size` bytes, nil if no
    /// area is big enough. Next fit takes the first area at or after
    /// `cursor`, else the first of all; ties go to the lowest address.
    func choose(_ fit: FitPolicy, _ size: UInt64, cursor: UInt64 = 0) -> UInt64? {
        var chosen: [UInt64]? = nil
        var firstOfAll: [UInt64]? = nil
        for area in areas where area[1] >= size {
            if firstOfAll == nil { firstOfAll = area }
            guard let best = chosen else {
                if fit != .next || area[0] >= cursor { chosen = area }
                continue
            }
            if fit == .best && area[1] < best[1] { chosen = area }
            if fit == .worst && area[1] > best[1] { chosen = area }
        }
        return (chosen ?? firstOfAll)?[0]
    }

    /// True if the `size` bytes from `address` are free.
    func isFree(_ address: UInt64, _ size: UInt64) -> Bool {
        for area in areas where area[0] <= address && address + size <= area[0] + area[1] { return true }
        return false
    }

    /// Takes the `size` bytes from `address` out of the area holding them.
    mutating func take(_ address: UInt64, _ size: UInt64) {
        for (index, area) in areas.enumerated() where area[0] <= address && address + size <= area[0] + area[1] {
            var pieces: [[UInt64]] = []
            if address > area[0] { pieces.append([area[0], address - area[0]]) }
            if address + size < area[0] + area[1] { pieces.append([address + size, area[0] + area[1] - address - size]) }
            areas.replaceSubrange(index...index, with: pieces)
            return
        }
    }

    /// Gives the `size` bytes from `address` back, merged with the areas
    /// they touch.
    mutating func giveBack(_ address: UInt64, _ size: UInt64) {
        var start = address
        var end = address + size
        var kept: [[UInt64]] = []
        for area in areas {
            if area[0] + area[1] == start {
                start = area[0]
            } else if area[0] == end {
                end = area[0] + area[1]
            } else {
                kept.append(area)
            }
        }
        var index = 0
        while index < kept.count && kept[index][0] < start { index += 1 }
        kept.insert([start, end - start], at: index)
        areas = kept
    }
}

/// Fails unless the manager's free areas are the model's, naming the
/// first difference.
func expectFree(_ model: FreeModel, _ what: String) throws(TestFailure) {
    let free = try memoryState().free
    if free.count != model.areas.count {
        throw TestFailure("\(what): expected \(model.areas.count) free areas, got \(free.count)")
    }
    for index in free.indices where free[index] != model.areas[index] {
        throw TestFailure("\(what): expected \(describeArea(model.areas[index])), got \(describeArea(free[index]))")
    }
}

/// A policy's name, for messages.
func policyName(_ fit: FitPolicy) -> String {
    switch fit {
    case .first: return "first fit"
    case .best: return "best fit"
    case .next: return "next fit"
    case .worst: return "worst fit"
    }
}

/// Holes of 3, 2 and 4 pages between walls of 1 page, cut out of one
/// segment so that they lie in that order (then the large free area
/// after the last wall): a pattern where the four policies disagree.
struct Holes {
    /// The walls, still reserved.
    var walls: [Identifier] = []
    /// Where the free memory after the last wall starts.
    var tail: UInt64 = 0
}

/// Reserves one segment of 13 pages and cuts it into wall, hole of 3,
/// wall, hole of 2, wall, hole of 4, wall; releases the holes.
///
/// Steps: 1. reserve it; 2. split it page run by page run; 3. release
/// the holes; 4. check the free memory right after it.
func makeHoles() throws(TestFailure) -> Holes {
    // 1.
    var rest = try reserveSegment(pageBytes(13))
    var holes = Holes()
    var released: [Identifier] = []
    // 2.
    for (index, pages) in [UInt64(1), 3, 1, 2, 1, 4].enumerated() {
        let next = try expectSuccess("split the pattern after \(pages) pages") { () throws(KernelError) in
            try SegmentManager.split(rest, at: pageBytes(pages))
        }
        if index % 2 == 0 { holes.walls.append(rest) } else { released.append(rest) }
        rest = next
    }
    holes.walls.append(rest)
    // 3.
    for hole in released { try releaseSegment(hole) }
    // 4.
    holes.tail = try segmentOf(rest).end
    let model = FreeModel(areas: try memoryState().free)
    try expect(model.isFree(holes.tail, pageSize), "the pages after a fresh 13-page segment are not free")
    return holes
}

/// Reserves `sizes` pages one after another under `fit`, on the holes
/// pattern, and fails unless each lands where the model of the policy
/// says; next fit's cursor is the end of the previous placement. Ends
/// with the state as it began and the policy back to first fit.
///
/// Steps: 1. make the holes; 2. switch the policy; 3. place each size
/// and compare; 4. put everything back.
func placeOnHoles(_ fit: FitPolicy, _ sizes: [UInt64], wrap: Bool = false) throws(TestFailure) {
    try startMemory()
    let start = try memoryState()
    // 2. (before the holes: next fit's cursor is then the end of the
    // 13-page segment, whatever a policy does with the cursor)
    SegmentManager.fit = fit
    defer { SegmentManager.fit = .first }
    // 1.
    let holes = try makeHoles()
    var placed: [Identifier] = []
    var cursor = holes.tail
    // 3.
    var requests = sizes.map { pageBytes($0) }
    for index in 0..<requests.count + (wrap ? 2 : 0) {
        var model = FreeModel(areas: try memoryState().free)
        if index >= requests.count {
            // Next fit's wrap: fill the area at the cursor but its last
            // page, then ask for two: the one page after the cursor is
            // too small, so the search runs off the end and wraps.
            let atCursor = model.areas.first { $0[0] == cursor }?[1] ?? pageBytes(2)
            let size = index == sizes.count ? atCursor - pageSize : pageBytes(2)
            requests.append(size)
        }
        let size = requests[index]
        guard let expected = model.choose(fit, size, cursor: cursor) else {
            throw TestFailure("the test's pattern left no area for \(size) bytes")
        }
        let segment = try reserveSegment(size)
        placed.append(segment)
        let address = try segmentOf(segment).address
        if address != expected {
            throw TestFailure("under \(policyName(fit)), reserve number \(index + 1) (\(size / pageSize) pages, free areas "
                              + "\(model.areas.count), first at 0x\(hexadecimal(model.areas[0][0], digits: 8))): expected "
                              + "0x\(hexadecimal(expected, digits: 8)), got 0x\(hexadecimal(address, digits: 8))")
        }
        model.take(expected, size)
        try expectFree(model, "under \(policyName(fit)), the free areas after reserve number \(index + 1)")
        cursor = address + size
    }
    // 4.
    for segment in placed + holes.walls { try releaseSegment(segment) }
    try expectState(start, "after releasing the pattern and what was placed on it")
}

/// Each fit policy places where it should. The policy is one word,
/// `SegmentManager.fit` (first fit unless a teacher changes it); each
/// check sets it, places on a known pattern of holes, and sets it back.
func test_segment_fit() throws(TestFailure) {
    // First fit takes the lowest area big enough: 2 pages go to the hole
    // of 3, the next 2 to the hole of 2, 1 to what is left of the 3.
    check("first") { () throws(TestFailure) in
        try placeOnHoles(.first, [2, 2, 1, 4, 5])
    }
    // Best fit takes the smallest area big enough, the lowest of equals:
    // 2 pages go to the hole of 2, 3 to the hole of 3, 1 to the hole of
    // 4; then 1 page goes to the hole of 2 (leaving 1), 2 to the hole of
    // 3 (leaving 1), 3 to the hole of 4 (leaving 1), and the last page
    // to the lowest of the three one-page areas left.
    check("best") { () throws(TestFailure) in
        try placeOnHoles(.best, [2, 3, 1, 3, 5])
        try placeOnHoles(.best, [1, 2, 3, 1, 5])
    }
    // Next fit starts where the last placement ended: 2 pages go after
    // the pattern, not into the hole of 3; once the memory after the
    // cursor is full but for one page, 2 pages wrap to the lowest area
    // big enough (the page left after the cursor is too small).
    check("next") { () throws(TestFailure) in
        try placeOnHoles(.next, [2, 2, 1], wrap: true)
    }
    // Worst fit takes the largest area: everything goes after the
    // pattern, the holes stay whole.
    check("worst") { () throws(TestFailure) in
        try placeOnHoles(.worst, [1, 2, 4])
    }
}

/// One live segment of the model: identifier, address, size.
struct LiveSegment {
    let identifier: Identifier
    var address: UInt64
    var size: UInt64
}

/// Fails unless the segment `live` names has the model's extent.
func expectExtent(_ live: LiveSegment, _ what: String) throws(TestFailure) {
    let segment = try segmentOf(live.identifier)
    if segment.address != live.address || segment.size != live.size {
        throw TestFailure("\(what): expected segment 0x\(hexadecimal(live.identifier)) at 0x\(hexadecimal(live.address, digits: 8)) "
                          + "with \(live.size) bytes, got 0x\(hexadecimal(segment.address, digits: 8)) with \(segment.size) bytes")
    }
}

/// Random reserves and releases (first fit) agree with the model: the
/// address of every reserve and the free areas after every step.
func interleaved() throws(TestFailure) {
    try startMemory()
    var model = FreeModel(areas: try memoryState().free)
    var live: [LiveSegment] = []
    var random = Random(state: 0x2545_F491_4F6C_DD1D)
    for step in 1...400 {
        if live.isEmpty || random.below(5) < 3 {
            let size = pageBytes(random.below(8) + 1)
            guard let expected = model.choose(.first, size) else { break }
            let identifier = try reserveSegment(size)
            live.append(LiveSegment(identifier: identifier, address: expected, size: size))
            try expectExtent(live[live.count - 1], "step \(step), reserve of \(size / pageSize) pages (first fit)")
            model.take(expected, size)
        } else {
            let victim = live.remove(at: Int(random.below(UInt64(live.count))))
            try releaseSegment(victim.identifier)
            model.giveBack(victim.address, victim.size)
        }
        try expectFree(model, "step \(step)")
    }
    for segment in live { try releaseSegment(segment.identifier) }
}

/// Random resizes, splits and coalesces agree with the model: extents
/// of the segments touched and the free areas after every step.
func reshaping() throws(TestFailure) {
    try startMemory()
    var model = FreeModel(areas: try memoryState().free)
    var live: [LiveSegment] = []
    var random = Random(state: 0x9E37_79B9_7F4A_7C15)
    for _ in 0..<12 {
        let size = pageBytes(random.below(4) + 2)
        let identifier = try reserveSegment(size)
        let address = try segmentOf(identifier).address
        live.append(LiveSegment(identifier: identifier, address: address, size: size))
        model.take(address, size)
    }
    for step in 1...300 {
        let index = Int(random.below(UInt64(live.count)))
        var target = live[index]
        let what = "step \(step), segment of \(target.size / pageSize) pages"
        switch random.below(4) {
        case 0, 1:
            let size = pageBytes(random.below(6) + 1)
            try expectSuccess("\(what): resize to \(size / pageSize) pages") { () throws(KernelError) in
                try SegmentManager.resize(target.identifier, to: size)
            }
            if size < target.size {
                model.giveBack(target.address + size, target.size - size)
            } else if size > target.size && model.isFree(target.address + target.size, size - target.size) {
                model.take(target.address + target.size, size - target.size)
            } else if size > target.size, let place = model.choose(.first, size) {
                model.take(place, size)
                model.giveBack(target.address, target.size)
                target.address = place
            }
            target.size = size
            live[index] = target
            try expectExtent(target, "\(what), after a resize to \(size / pageSize) pages")
        case 2:
            guard target.size > pageSize else { continue }
            let offset = pageBytes(random.below(target.size / pageSize - 1) + 1)
            let second = try expectSuccess("\(what): split at \(offset / pageSize) pages") { () throws(KernelError) in
                try SegmentManager.split(target.identifier, at: offset)
            }
            live.append(LiveSegment(identifier: second, address: target.address + offset, size: target.size - offset))
            target.size = offset
            live[index] = target
            try expectExtent(target, "\(what), the first part after a split")
            try expectExtent(live[live.count - 1], "\(what), the second part after a split")
        default:
            guard let upper = live.firstIndex(where: { $0.address == target.address + target.size }) else { continue }
            let kept = try expectSuccess("\(what): coalesce with the segment after it") { () throws(KernelError) in
                try SegmentManager.coalesce(live[upper].identifier, target.identifier)
            }
            try expect(kept == target.identifier, "\(what): coalesce kept the upper segment's identifier, not the lower's")
            try expect(!SegmentManager.exist(live[upper].identifier), "\(what): the upper segment outlived a coalesce")
            target.size += live[upper].size
            live[index] = target
            live.remove(at: upper)
            try expectExtent(target, "\(what), after a coalesce")
        }
        try expectFree(model, "\(what): the free areas")
    }
    for segment in live { try releaseSegment(segment.identifier) }
}

/// Random operations agree with a model of the free memory, step by step.
func test_segment_model() throws(TestFailure) {
    // Interleaved reserves and releases reuse the released pages exactly
    // where first fit says, and the free areas stay merged.
    check("interleaved") { () throws(TestFailure) in try interleaved() }
    // Resizes (in place and moving), splits and coalesces keep extents
    // and free areas exactly as the model computes them.
    check("reshape") { () throws(TestFailure) in try reshaping() }
}
