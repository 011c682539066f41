// Tests/KernelCoreTests/SegmentTests.swift -- the physical memory of the
// host machine, the segment manager's verbs, its refusals, its fit
// policies, and the address-space manager.

import Testing
@testable import Kernel
@testable import Machine

extension KernelManagers {
    @Suite struct PhysicalMemory {
        @Test func theHostHandsOutItsRanges() throws {
            try restartMemory()
            #expect(Machine.physicalRanges() == Machine.defaultRanges)
            #expect(SegmentManager.totalBytes == 3 << 20)
            #expect(try SegmentManager.freeBytes() == 3 << 20)
            #expect(try memorySnapshot().free == [[0x0010_0000, 0x0020_0000], [0x0034_0000, 0x0010_0000]])
            try expectMemoryConsistent()
        }

        @Test func bytesOutsideTheRangesAreRefused() throws {
            try restartMemory()
            try Machine.setPhysicalByte(at: 0x0010_0000, to: 7)
            #expect(try Machine.physicalByte(at: 0x0010_0000) == 7)
            for address: UInt64 in [0, 0x000F_FFFF, 0x0030_0000, 0x0033_FFFF, 0x0044_0000] {
                #expect(failure { () throws(KernelError) in _ = try Machine.physicalByte(at: address) } == .outOfRange)
                #expect(failure { () throws(KernelError) in try Machine.setPhysicalByte(at: address, to: 1) } == .outOfRange)
            }
            // A copy that crosses the hole between the ranges moves nothing.
            try Machine.setPhysicalByte(at: 0x002F_FFFF, to: 9)
            #expect(failure { () throws(KernelError) in
                try Machine.copyPhysical(from: 0x002F_FFFF, to: 0x0034_0000, count: 2)
            } == .outOfRange)
            try Machine.copyPhysical(from: 0x002F_FFFF, to: 0x0034_0000, count: 1)
            #expect(try Machine.physicalByte(at: 0x0034_0000) == 9)
            // Runs: read and written whole, refused whole across the hole.
            try Machine.setPhysicalBytes(at: 0x002F_FFFD, [1, 2, 3])
            #expect(try Machine.physicalBytes(at: 0x002F_FFFD, count: 3) == [1, 2, 3])
            #expect(failure { () throws(KernelError) in
                try Machine.setPhysicalBytes(at: 0x002F_FFFE, [4, 5, 6])
            } == .outOfRange)
            #expect(try Machine.physicalBytes(at: 0x002F_FFFE, count: 2) == [2, 3], "a refused run wrote nothing")
            #expect(failure { () throws(KernelError) in
                _ = try Machine.physicalBytes(at: 0x002F_FFFF, count: 2)
            } == .outOfRange)
            #expect(try Machine.physicalBytes(at: 0x0034_0000, count: 0) == [])
        }

        @Test func subtractKeepsWholePagesOnly() {
            let ranges = [PhysicalRange(base: 0, size: 0x10000)]
            #expect(Pages.subtract(0x1800, 0x2100, from: ranges)
                == [PhysicalRange(base: 0, size: 0x1000), PhysicalRange(base: 0x3000, size: 0xD000)])
            #expect(Pages.subtract(0x20000, 0x30000, from: ranges) == ranges)
            #expect(Pages.subtract(0, 0x10000, from: ranges) == [])
        }
    }

    @Suite struct SegmentVerbs {
        @Test func reserveTakesThePagesAndReleaseGivesThemBack() throws {
            try restartMemory()
            Machine.hookCalls = []
            let segment = try SegmentManager.reserve(kernelSpace, size: pages(3), permissions: [.read, .write])
            #expect(IdentifierManager.kind(of: segment) == .segment)
            let reserved = try SegmentManager.get(segment)
            #expect(reserved.address == 0x0010_0000 && reserved.size == pages(3) && reserved.owner == kernelSpace)
            #expect(try AddressSpaceManager.segments(of: kernelSpace) == [segment])
            #expect(Machine.hookCalls == [Machine.HookCall(
                hook: "segmentReserved", identifier: segment,
                arguments: "address=0x100000 size=0x3000 owner=0x\(String(kernelSpace, radix: 16)) permissions=0x3 options=0x0",
                objectExisted: true)])
            #expect(reserved.machineRecord.reservedBy == 0)
            #expect(try SegmentManager.freeBytes() == (3 << 20) - pages(3))
            try expectMemoryConsistent()
            try SegmentManager.release(segment)
            #expect(!SegmentManager.exist(segment))
            #expect(Machine.hookCalls.last == Machine.HookCall(
                hook: "segmentReleasing", identifier: segment, arguments: "reservedBy=0", objectExisted: true))
            #expect(try memorySnapshot().free == [[0x0010_0000, 0x0020_0000], [0x0034_0000, 0x0010_0000]])
            #expect(try AddressSpaceManager.segments(of: kernelSpace) == [])
            try expectMemoryConsistent()
        }

        @Test func manySegmentsNeverOverlapAndReleasedPagesAreReused() throws {
            try restartMemory()
            var all: [Identifier] = []
            for index in 0..<40 {
                all.append(try SegmentManager.reserve(kernelSpace, size: pages(UInt64(index % 5 + 1)), permissions: .read))
            }
            try expectMemoryConsistent("after 40 reserves")
            let freed = try SegmentManager.get(all[10])
            try SegmentManager.release(all[10])
            let again = try SegmentManager.reserve(kernelSpace, size: freed.size, permissions: .read)
            #expect(try SegmentManager.get(again).address == freed.address)
            try expectMemoryConsistent("after the reuse")
        }

        @Test func locateFindsTheSegmentHoldingAnAddress() throws {
            try restartMemory()
            let first = try SegmentManager.reserve(kernelSpace, size: pages(2), permissions: .read)
            let second = try SegmentManager.reserve(kernelSpace, size: pages(1), permissions: .read)
            #expect(try SegmentManager.locate(0x0010_0000) == first)
            #expect(try SegmentManager.locate(0x0010_1FFF) == first)
            #expect(try SegmentManager.locate(0x0010_2000) == second)
            #expect(failure { () throws(KernelError) in _ = try SegmentManager.locate(0x0010_3000) } == .outOfRange)
            #expect(failure { () throws(KernelError) in _ = try SegmentManager.locate(0x1000) } == .outOfRange)
        }

        @Test func readAndWriteRoundTripInsideTheSegment() throws {
            try restartMemory()
            let segment = try SegmentManager.reserve(kernelSpace, size: pages(2), permissions: [.read, .write])
            let bytes = (0..<300).map { UInt8(truncatingIfNeeded: $0 * 7) }
            try SegmentManager.write(segment, offset: pages(1) - 100, bytes: bytes)
            #expect(try SegmentManager.read(segment, offset: pages(1) - 100, count: 300) == bytes)
            #expect(try SegmentManager.read(segment, offset: pages(2), count: 0) == [])
            try SegmentManager.write(segment, offset: pages(2) - 1, bytes: [0xEE])
            #expect(try SegmentManager.read(segment, offset: pages(2) - 1, count: 1) == [0xEE])
        }

        @Test func copyMovesBytesBetweenSegments() throws {
            try restartMemory()
            let source = try SegmentManager.reserve(kernelSpace, size: pages(1), permissions: .read)
            let target = try SegmentManager.reserve(kernelSpace, size: pages(2), permissions: .write)
            try SegmentManager.write(source, offset: 10, bytes: [1, 2, 3, 4])
            try SegmentManager.copy(to: target, at: pages(1) + 5, from: source, at: 10, count: 4)
            #expect(try SegmentManager.read(target, offset: pages(1) + 5, count: 4) == [1, 2, 3, 4])
        }

        @Test func splitThenCoalesceGivesTheSegmentBack() throws {
            try restartMemory()
            let whole = try SegmentManager.reserve(kernelSpace, size: pages(4), permissions: [.read, .write])
            try SegmentManager.write(whole, offset: pages(1), bytes: [42])
            let second = try SegmentManager.split(whole, at: pages(1))
            #expect(try SegmentManager.get(whole).size == pages(1))
            let tail = try SegmentManager.get(second)
            #expect(tail.address == 0x0010_1000 && tail.size == pages(3) && tail.owner == kernelSpace)
            #expect(tail.permissions == [.read, .write])
            #expect(try SegmentManager.read(second, offset: 0, count: 1) == [42])
            try expectMemoryConsistent("after the split")
            #expect(try SegmentManager.coalesce(second, whole) == whole)
            #expect(!SegmentManager.exist(second))
            #expect(try SegmentManager.get(whole).size == pages(4))
            #expect(try SegmentManager.read(whole, offset: pages(1), count: 1) == [42])
            try expectMemoryConsistent("after the coalesce")
        }

        @Test func resizeShrinksGrowsInPlaceAndRelocates() throws {
            try restartMemory()
            let segment = try SegmentManager.reserve(kernelSpace, size: pages(2), permissions: .write)
            try SegmentManager.write(segment, offset: 0, bytes: [5, 6, 7])
            // shrink, then grow in place over the pages just given back
            try SegmentManager.resize(segment, to: pages(1))
            #expect(try SegmentManager.get(segment).size == pages(1))
            try SegmentManager.resize(segment, to: pages(3))
            #expect(try SegmentManager.get(segment).address == 0x0010_0000)
            // a neighbour blocks the way: growing moves the segment, bytes and all
            let neighbour = try SegmentManager.reserve(kernelSpace, size: pages(1), permissions: .read)
            #expect(try SegmentManager.get(neighbour).address == 0x0010_3000)
            try SegmentManager.resize(segment, to: pages(5))
            let moved = try SegmentManager.get(segment)
            #expect(moved.address == 0x0010_4000 && moved.size == pages(5))
            #expect(try SegmentManager.read(segment, offset: 0, count: 3) == [5, 6, 7])
            try expectMemoryConsistent("after the move")
            // the pages it left are free again: first fit uses them
            let filler = try SegmentManager.reserve(kernelSpace, size: pages(3), permissions: .read)
            #expect(try SegmentManager.get(filler).address == 0x0010_0000)
        }

        @Test func aNoRelocateSegmentGrowsOnlyInPlace() throws {
            try restartMemory()
            let fixed = try SegmentManager.reserve(kernelSpace, size: pages(1), permissions: .read, options: .noRelocate)
            try SegmentManager.resize(fixed, to: pages(2))
            _ = try SegmentManager.reserve(kernelSpace, size: pages(1), permissions: .read)
            let before = try memorySnapshot()
            #expect(failure { () throws(KernelError) in try SegmentManager.resize(fixed, to: pages(3)) } == .busy)
            #expect(try memorySnapshot() == before)
        }

        @Test func cloneCopiesAndGiveChangesTheOwner() throws {
            try restartMemory()
            let space = try AddressSpaceManager.reserve(task: 0)
            let original = try SegmentManager.reserve(kernelSpace, size: pages(2), permissions: [.read, .execute], options: .system)
            try SegmentManager.write(original, offset: pages(1) + 1, bytes: [9, 8, 7])
            let copy = try SegmentManager.clone(original)
            let cloned = try SegmentManager.get(copy)
            #expect(cloned.address != (try SegmentManager.get(original)).address)
            #expect(cloned.size == pages(2) && cloned.permissions == [.read, .execute] && cloned.options == .system)
            #expect(try SegmentManager.read(copy, offset: pages(1) + 1, count: 3) == [9, 8, 7])
            try SegmentManager.give(copy, to: space)
            #expect(try SegmentManager.get(copy).owner == space)
            #expect(try AddressSpaceManager.segments(of: space) == [copy])
            #expect(try AddressSpaceManager.segments(of: kernelSpace) == [original])
            try expectMemoryConsistent()
            // releasing the space releases its segments
            try AddressSpaceManager.release(space)
            #expect(!SegmentManager.exist(copy))
            #expect(SegmentManager.exist(original))
            try expectMemoryConsistent("after the space went")
        }

        @Test func permissionsChangeAndTellTheMachine() throws {
            try restartMemory()
            let segment = try SegmentManager.reserve(kernelSpace, size: pages(1), permissions: .read)
            try SegmentManager.permissions(segment, [.read, .write])
            #expect(try SegmentManager.get(segment).permissions == [.read, .write])
            #expect(Machine.hookCalls.last?.hook == "segmentPermissionsChanged")
            #expect(Machine.hookCalls.last?.arguments == "permissions=0x3")
        }

        @Test func flushReleasesEverySegmentOfASpace() throws {
            try restartMemory()
            let space = try AddressSpaceManager.reserve(task: 5)
            for _ in 0..<5 {
                _ = try SegmentManager.reserve(space, size: pages(1), permissions: .read)
            }
            let kept = try SegmentManager.reserve(kernelSpace, size: pages(1), permissions: .read)
            try SegmentManager.flush(space)
            #expect(try AddressSpaceManager.segments(of: space) == [])
            #expect(try memorySnapshot().segments.map { $0[0] } == [kept])
            try expectMemoryConsistent()
            SegmentManager.dump()
            AddressSpaceManager.dump()
            try SegmentManager.show(kept)
            try AddressSpaceManager.show(space)
        }
    }

    @Suite struct SegmentRefusals {
        /// Every bad call: its error, no change, one more error counted.
        @Test func everyBadCallIsRefusedAndChangesNothing() throws {
            try restartMemory()
            let other = try AddressSpaceManager.reserve(task: 3)
            let a = try SegmentManager.reserve(kernelSpace, size: pages(2), permissions: .read)
            let b = try SegmentManager.reserve(kernelSpace, size: pages(1), permissions: [.read, .write])
            let c = try SegmentManager.reserve(other, size: pages(1), permissions: [.read, .write])
            let d = try SegmentManager.reserve(kernelSpace, size: pages(1), permissions: .read, options: .noRelocate)
            _ = try SegmentManager.reserve(kernelSpace, size: pages(1), permissions: .read)
            let unknown: Identifier = 0x0300_0000_0000_9999
            let calls: [(String, KernelError, () throws(KernelError) -> Void)] = [
                ("reserve 0 bytes", .invalidArgument, { () throws(KernelError) in _ = try SegmentManager.reserve(kernelSpace, size: 0, permissions: .read) }),
                ("reserve 100 bytes", .invalidArgument, { () throws(KernelError) in _ = try SegmentManager.reserve(kernelSpace, size: 100, permissions: .read) }),
                ("reserve a page and a byte", .invalidArgument, { () throws(KernelError) in _ = try SegmentManager.reserve(kernelSpace, size: pageSize + 1, permissions: .read) }),
                ("reserve with permission bit 3", .invalidArgument, { () throws(KernelError) in _ = try SegmentManager.reserve(kernelSpace, size: pageSize, permissions: SegmentPermissions(rawValue: 8)) }),
                ("reserve with option bit 2", .invalidArgument, { () throws(KernelError) in _ = try SegmentManager.reserve(kernelSpace, size: pageSize, permissions: .read, options: SegmentOptions(rawValue: 4)) }),
                ("reserve for an unknown space", .unknownIdentifier, { () throws(KernelError) in _ = try SegmentManager.reserve(unknown, size: pageSize, permissions: .read) }),
                ("reserve more than the largest area", .exhausted, { () throws(KernelError) in _ = try SegmentManager.reserve(kernelSpace, size: 0x0020_0000, permissions: .read) }),
                ("release an unknown segment", .unknownIdentifier, { () throws(KernelError) in try SegmentManager.release(unknown) }),
                ("get an unknown segment", .unknownIdentifier, { () throws(KernelError) in _ = try SegmentManager.get(unknown) }),
                ("locate a free address", .outOfRange, { () throws(KernelError) in _ = try SegmentManager.locate(0x0038_0000) }),
                ("split at 0", .invalidArgument, { () throws(KernelError) in _ = try SegmentManager.split(a, at: 0) }),
                ("split at the size", .invalidArgument, { () throws(KernelError) in _ = try SegmentManager.split(a, at: pages(2)) }),
                ("split unaligned", .invalidArgument, { () throws(KernelError) in _ = try SegmentManager.split(a, at: 100) }),
                ("split unknown", .unknownIdentifier, { () throws(KernelError) in _ = try SegmentManager.split(unknown, at: pageSize) }),
                ("coalesce with itself", .invalidArgument, { () throws(KernelError) in _ = try SegmentManager.coalesce(a, a) }),
                ("coalesce other permissions", .invalidArgument, { () throws(KernelError) in _ = try SegmentManager.coalesce(a, b) }),
                ("coalesce other owners", .invalidArgument, { () throws(KernelError) in _ = try SegmentManager.coalesce(b, c) }),
                ("coalesce non-adjacent", .invalidArgument, { () throws(KernelError) in _ = try SegmentManager.coalesce(a, d) }),
                ("coalesce other options", .invalidArgument, { () throws(KernelError) in _ = try SegmentManager.coalesce(c, d) }),
                ("resize to 0", .invalidArgument, { () throws(KernelError) in try SegmentManager.resize(a, to: 0) }),
                ("resize unaligned", .invalidArgument, { () throws(KernelError) in try SegmentManager.resize(a, to: pageSize + 3) }),
                ("resize beyond memory", .exhausted, { () throws(KernelError) in try SegmentManager.resize(a, to: 0x0040_0000) }),
                ("resize a no-relocate segment that must move", .busy, { () throws(KernelError) in try SegmentManager.resize(d, to: pages(2)) }),
                ("read past the end", .outOfRange, { () throws(KernelError) in _ = try SegmentManager.read(a, offset: pages(2) - 1, count: 2) }),
                ("read from a huge offset", .outOfRange, { () throws(KernelError) in _ = try SegmentManager.read(a, offset: UInt64.max, count: 1) }),
                ("read a huge count", .outOfRange, { () throws(KernelError) in _ = try SegmentManager.read(a, offset: 1, count: UInt64.max) }),
                ("write past the end", .outOfRange, { () throws(KernelError) in try SegmentManager.write(b, offset: pageSize, bytes: [1]) }),
                ("copy past the source", .outOfRange, { () throws(KernelError) in try SegmentManager.copy(to: a, at: 0, from: b, at: 1, count: pageSize) }),
                ("copy past the target", .outOfRange, { () throws(KernelError) in try SegmentManager.copy(to: b, at: 1, from: a, at: 0, count: pageSize) }),
                ("copy from unknown", .unknownIdentifier, { () throws(KernelError) in try SegmentManager.copy(to: b, at: 0, from: unknown, at: 0, count: 1) }),
                ("permissions bit 4", .invalidArgument, { () throws(KernelError) in try SegmentManager.permissions(a, SegmentPermissions(rawValue: 0x10)) }),
                ("permissions of unknown", .unknownIdentifier, { () throws(KernelError) in try SegmentManager.permissions(unknown, .read) }),
                ("give to an unknown space", .unknownIdentifier, { () throws(KernelError) in try SegmentManager.give(a, to: unknown) }),
                ("give an unknown segment", .unknownIdentifier, { () throws(KernelError) in try SegmentManager.give(unknown, to: other) }),
                ("clone unknown", .unknownIdentifier, { () throws(KernelError) in _ = try SegmentManager.clone(unknown) }),
                ("flush an unknown space", .unknownIdentifier, { () throws(KernelError) in try SegmentManager.flush(unknown) }),
                ("release an unknown space", .unknownIdentifier, { () throws(KernelError) in try AddressSpaceManager.release(unknown) }),
            ]
            for (what, expected, call) in calls {
                let before = try memorySnapshot()
                let errorsBefore = StatisticsManager.entries.reduce(0) { $0 + $1.errors }
                #expect(failure(call) == expected, "\(what)")
                #expect(try memorySnapshot() == before, "\(what) changed the state")
                let errorsAfter = StatisticsManager.entries.reduce(0) { $0 + $1.errors }
                #expect(errorsAfter > errorsBefore, "\(what) was not counted")
            }
            try expectMemoryConsistent()
        }

        /// Negative control: the snapshot does see a change.
        @Test func theSnapshotSeesAChange() throws {
            try restartMemory()
            let before = try memorySnapshot()
            let segment = try SegmentManager.reserve(kernelSpace, size: pageSize, permissions: .read)
            #expect(try memorySnapshot() != before)
            try SegmentManager.permissions(segment, .write)
            let after = try memorySnapshot()
            #expect(after.segments.last?[4] == UInt64(SegmentPermissions.write.rawValue))
        }

        /// A machine that refuses any hook leaves the state as it was.
        @Test func aRefusingMachineChangesNothing() throws {
            try restartMemory()
            let a = try SegmentManager.reserve(kernelSpace, size: pages(4), permissions: .read)
            let b = try SegmentManager.reserve(kernelSpace, size: pages(1), permissions: .read)
            _ = try SegmentManager.reserve(kernelSpace, size: pages(1), permissions: .read)
            let calls: [(String, String, () throws(KernelError) -> Void)] = [
                ("reserve", "segmentReserved", { () throws(KernelError) in _ = try SegmentManager.reserve(kernelSpace, size: pageSize, permissions: .read) }),
                ("release", "segmentReleasing", { () throws(KernelError) in try SegmentManager.release(b) }),
                ("permissions", "segmentPermissionsChanged", { () throws(KernelError) in try SegmentManager.permissions(a, .write) }),
                ("split: the first part", "segmentResized", { () throws(KernelError) in _ = try SegmentManager.split(a, at: pageSize) }),
                ("split: the second part", "segmentReserved", { () throws(KernelError) in _ = try SegmentManager.split(a, at: pageSize) }),
                ("coalesce: the upper goes", "segmentReleasing", { () throws(KernelError) in _ = try SegmentManager.coalesce(a, b) }),
                ("coalesce: the lower grows", "segmentResized", { () throws(KernelError) in _ = try SegmentManager.coalesce(a, b) }),
                ("resize", "segmentResized", { () throws(KernelError) in try SegmentManager.resize(a, to: pages(2)) }),
                ("resize by moving", "segmentResized", { () throws(KernelError) in try SegmentManager.resize(b, to: pages(3)) }),
                ("clone", "segmentReserved", { () throws(KernelError) in _ = try SegmentManager.clone(a) }),
                ("space", "addressSpaceReserved", { () throws(KernelError) in _ = try AddressSpaceManager.reserve(task: 1) }),
            ]
            for (what, hook, call) in calls {
                let before = try memorySnapshot()
                let sets = try #require(SetManager.container).size()
                Machine.refusal = .named(hook)
                #expect(failure(call) == .machineRefused, "\(what)")
                #expect(Machine.refusal == nil, "\(what): the hook was not called")
                #expect(try memorySnapshot() == before, "\(what) changed the state")
                #expect(try #require(SetManager.container).size() == sets, "\(what) left a set behind")
            }
            try expectMemoryConsistent()
        }
    }

    @Suite struct FitPolicies {
        /// Free memory shaped as: hole of 4 pages, hole of 2 pages, the rest
        /// of the first range (2 MiB - 9 pages), the second range (1 MiB).
        func shapeHoles() throws -> (four: UInt64, two: UInt64, rest: UInt64) {
            let a = try SegmentManager.reserve(kernelSpace, size: pages(1), permissions: .read)
            let b = try SegmentManager.reserve(kernelSpace, size: pages(4), permissions: .read)
            _ = try SegmentManager.reserve(kernelSpace, size: pages(1), permissions: .read)
            let d = try SegmentManager.reserve(kernelSpace, size: pages(2), permissions: .read)
            let e = try SegmentManager.reserve(kernelSpace, size: pages(1), permissions: .read)
            let holes = (try SegmentManager.get(b).address, try SegmentManager.get(d).address,
                         try SegmentManager.get(e).end)
            try SegmentManager.release(b)
            try SegmentManager.release(d)
            _ = a
            return holes
        }

        @Test(arguments: [FitPolicy.first, .best, .worst, .next])
        func eachPolicyPlacesWhereItShould(policy: FitPolicy) throws {
            try restartMemory()
            let holes = try shapeHoles()
            SegmentManager.fit = policy
            defer { SegmentManager.fit = .first }
            let placed = try SegmentManager.get(try SegmentManager.reserve(kernelSpace, size: pages(2), permissions: .read))
            switch policy {
            case .first: #expect(placed.address == holes.four)
            case .best: #expect(placed.address == holes.two)
            case .worst: #expect(placed.address == holes.rest)
            case .next: #expect(placed.address == holes.rest)  // the last placement ended there
            }
            // a request only the second range can hold
            let large = try SegmentManager.get(try SegmentManager.reserve(kernelSpace, size: 0x000F_0000, permissions: .read))
            #expect(policy == .worst ? large.address == holes.rest + pages(2) : large.address >= holes.rest)
            try expectMemoryConsistent("\(policy)")
        }

        @Test func nextFitWrapsAround() throws {
            try restartMemory()
            SegmentManager.fit = .next
            defer { SegmentManager.fit = .first }
            let first = try SegmentManager.reserve(kernelSpace, size: pages(1), permissions: .read)
            let fill = try SegmentManager.reserve(kernelSpace, size: 0x0020_0000 - pages(1), permissions: .read)
            #expect(try SegmentManager.get(fill).address == 0x0010_1000)
            let last = try SegmentManager.reserve(kernelSpace, size: 0x0008_0000, permissions: .read)
            #expect(try SegmentManager.get(last).address == 0x0034_0000)
            try SegmentManager.release(first)
            // the cursor is at 0x3c0000: the next page after it is taken there...
            let after = try SegmentManager.reserve(kernelSpace, size: pages(1), permissions: .read)
            #expect(try SegmentManager.get(after).address == 0x003C_0000)
            // ...and when nothing after the cursor fits, the search wraps.
            let large = try SegmentManager.reserve(kernelSpace, size: 0x0007_F000, permissions: .read)
            #expect(try SegmentManager.get(large).address == 0x003C_1000)
            let wrapped = try SegmentManager.reserve(kernelSpace, size: pages(1), permissions: .read)
            #expect(try SegmentManager.get(wrapped).address == 0x0010_0000)
        }
    }

    @Suite struct AddressSpaces {
        @Test func theKernelSpaceExistsFromTheStart() throws {
            try restartMemory()
            #expect(AddressSpaceManager.exist(kernelSpace))
            #expect(IdentifierManager.kind(of: kernelSpace) == .addressSpace)
            #expect(try AddressSpaceManager.get(kernelSpace).task == 0)
            #expect(Kernel.objectExists(kernelSpace))
        }

        /// The machine gives a space's tables back before its sets go: if
        /// a set's release is then refused, the stored record must be the
        /// one the machine left (not one naming tables it freed). The
        /// control: the record before the release was the reserve's.
        @Test func aRefusedSetReleaseKeepsTheMachinesReleasedRecord() throws {
            try restartMemory()
            let space = try AddressSpaceManager.reserve(task: 0)
            _ = try SegmentManager.reserve(space, size: pages(1), permissions: .read)
            func lastHook() throws -> String? {
                try AddressSpaceManager.get(space).machineRecord.lastCall.map { Machine.hookCalls[$0].hook }
            }
            #expect(try lastHook() == "addressSpaceReserved")
            let before = Machine.hookCalls.count
            Machine.refusal = .after(2)
            #expect(failure { () throws(KernelError) in try AddressSpaceManager.release(space) } == .machineRefused)
            #expect(Machine.hookCalls[before...].map(\.hook) == ["segmentReleasing", "addressSpaceReleasing", "setReleasing"])
            #expect(try lastHook() == "addressSpaceReleasing")
        }

        @Test func reserveAndReleaseTellTheMachine() throws {
            try restartMemory()
            Machine.hookCalls = []
            let space = try AddressSpaceManager.reserve(task: 0x0500_0000_0000_0001)
            #expect(Machine.hookCalls.last == Machine.HookCall(
                hook: "addressSpaceReserved", identifier: space, arguments: "task=0x500000000000001", objectExisted: true))
            _ = try SegmentManager.reserve(space, size: pages(2), permissions: .read)
            try AddressSpaceManager.release(space)
            let hooks = Machine.hookCalls.map(\.hook)
            // its sets go last: the regions', then the segments'
            #expect(hooks.suffix(4) == ["segmentReleasing", "addressSpaceReleasing", "setReleasing", "setReleasing"])
            #expect(!AddressSpaceManager.exist(space))
            #expect(failure { () throws(KernelError) in _ = try AddressSpaceManager.get(space) } == .unknownIdentifier)
            try expectMemoryConsistent()
        }

        @Test func cleanGivesEveryPageBack() throws {
            try restartMemory()
            let recordsBefore = Machine.liveSetRecords
            let space = try AddressSpaceManager.reserve(task: 1)
            _ = try SegmentManager.reserve(space, size: pages(3), permissions: .read)
            _ = try SegmentManager.reserve(kernelSpace, size: pages(3), permissions: .read)
            try Kernel.clean()
            #expect(SegmentManager.used == nil && AddressSpaceManager.spaces == nil)
            try Kernel.initialize()
            #expect(try SegmentManager.freeBytes() == SegmentManager.totalBytes)
            #expect(Machine.liveSetRecords == recordsBefore)
        }
    }
}
