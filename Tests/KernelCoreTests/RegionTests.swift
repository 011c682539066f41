// Tests/KernelCoreTests/RegionTests.swift -- the region manager's verbs,
// its refusals, the hooks it calls (and the simulated MMU they keep), and
// the address-space verbs that go through regions.

import Testing
@testable import Kernel
@testable import Machine

extension KernelManagers {
    @Suite struct RegionVerbs {
        @Test func reserveMapsThePagesAndReleaseUnmapsThem() throws {
            try restartRegions()
            let segment = try segmentOfPages(4)
            let base = try SegmentManager.get(segment).address
            Machine.hookCalls = []
            let region = try RegionManager.reserve(kernelSpace, segment: segment, offset: pages(1), size: pages(2))
            #expect(IdentifierManager.kind(of: region) == .region)
            let stored = try RegionManager.get(kernelSpace, region)
            #expect(stored.address == RegionWindow.base && stored.size == pages(2) && stored.offset == pages(1))
            #expect(Machine.hookCalls == [Machine.HookCall(
                hook: "regionReserved", identifier: region,
                arguments: "space=0x\(String(kernelSpace, radix: 16)) virtual=0x40000000"
                    + " physical=0x\(String(base + pages(1), radix: 16)) size=0x2000 permissions=0x3 privileged=false",
                objectExisted: true)])
            #expect(stored.machineRecord.reservedBy == 0)
            #expect(Machine.pageTables[kernelSpace]?[RegionWindow.base]
                == PageEntry(physical: base + pages(1), writable: true, user: true))
            #expect(Machine.pageTables[kernelSpace]?.count == 2)
            #expect(Kernel.objectExists(region) && RegionManager.exist(kernelSpace, region))
            try expectRegionsConsistent()
            try RegionManager.release(kernelSpace, region)
            #expect(Machine.hookCalls.last == Machine.HookCall(
                hook: "regionReleasing", identifier: region,
                arguments: "space=0x\(String(kernelSpace, radix: 16)) virtual=0x40000000 size=0x2000", objectExisted: true))
            #expect(!RegionManager.exist(kernelSpace, region) && !Kernel.objectExists(region))
            #expect(Machine.pageTables[kernelSpace] == [:])
            try expectRegionsConsistent()
        }

        @Test func firstFitTakesTheLowestGapAndForcedAddressesAreHonoured() throws {
            try restartRegions()
            let segment = try segmentOfPages(8)
            let a = try RegionManager.reserve(kernelSpace, segment: segment, offset: 0, size: pages(2))
            let b = try RegionManager.reserve(kernelSpace, segment: segment, offset: 0, size: pages(1))
            let c = try RegionManager.reserve(kernelSpace, segment: segment, offset: 0, size: pages(3))
            #expect(try RegionManager.get(kernelSpace, b).address == RegionWindow.base + pages(2))
            try RegionManager.release(kernelSpace, a)
            // a gap of two pages at the window's base: one page fits, three do not
            let d = try RegionManager.reserve(kernelSpace, segment: segment, offset: pages(4), size: pages(1))
            #expect(try RegionManager.get(kernelSpace, d).address == RegionWindow.base)
            let e = try RegionManager.reserve(kernelSpace, segment: segment, offset: 0, size: pages(3))
            #expect(try RegionManager.get(kernelSpace, e).address == (try RegionManager.get(kernelSpace, c)).end)
            let forced = try RegionManager.reserve(kernelSpace, segment: segment, offset: 0, size: pages(2),
                                                   options: .forceAddress, address: 0x8000_0000)
            #expect(try RegionManager.get(kernelSpace, forced).address == 0x8000_0000)
            // the last page of the window may be used, not one past it
            let last = try RegionManager.reserve(kernelSpace, segment: segment, offset: 0, size: pages(1),
                                                 options: .forceAddress, address: RegionWindow.end - pageSize)
            #expect(try RegionManager.locate(kernelSpace, RegionWindow.end - 1) == last)
            try expectRegionsConsistent()
        }

        @Test func locateFindsTheRegionHoldingAnAddress() throws {
            try restartRegions()
            let segment = try segmentOfPages(4)
            let a = try RegionManager.reserve(kernelSpace, segment: segment, offset: 0, size: pages(2),
                                              options: .forceAddress, address: 0x5000_0000)
            let b = try RegionManager.reserve(kernelSpace, segment: segment, offset: 0, size: pages(1),
                                              options: .forceAddress, address: 0x5000_3000)
            #expect(try RegionManager.locate(kernelSpace, 0x5000_0000) == a)
            #expect(try RegionManager.locate(kernelSpace, 0x5000_1FFF) == a)
            #expect(try RegionManager.locate(kernelSpace, 0x5000_3ABC) == b)
            let errors = regionErrors("locate")
            for address: UInt64 in [0, 0x4FFF_FFFF, 0x5000_2000, 0x5000_2FFF, 0x5000_4000, 0xFFFF_FFFF] {
                #expect(failure { () throws(KernelError) in _ = try RegionManager.locate(kernelSpace, address) } == .outOfRange)
            }
            #expect(regionErrors("locate") == errors + 6)
        }

        @Test func splitThenCoalesceGivesTheRegionBack() throws {
            try restartRegions()
            let segment = try segmentOfPages(6)
            let whole = try RegionManager.reserve(kernelSpace, segment: segment, offset: pages(1), size: pages(4))
            let before = try regionSnapshot()
            Machine.hookCalls = []
            let tail = try RegionManager.split(kernelSpace, whole, at: pages(1))
            #expect(Machine.hookCalls.map(\.hook) == ["regionResized", "regionReserved"])
            let first = try RegionManager.get(kernelSpace, whole)
            let second = try RegionManager.get(kernelSpace, tail)
            #expect(first.size == pages(1) && second.address == first.end && second.size == pages(3))
            #expect(second.segment == segment && second.offset == pages(2))
            try expectRegionsConsistent("after the split")
            let third = try RegionManager.split(kernelSpace, tail, at: pages(2))
            // not neighbours: the first and the third
            #expect(failure { () throws(KernelError) in _ = try RegionManager.coalesce(kernelSpace, whole, third) } == .invalidArgument)
            Machine.hookCalls = []
            #expect(try RegionManager.coalesce(kernelSpace, third, tail) == tail)
            #expect(Machine.hookCalls.map(\.hook) == ["regionReleasing", "regionResized"])
            #expect(try RegionManager.coalesce(kernelSpace, whole, tail) == whole)
            #expect(!Kernel.objectExists(tail) && !Kernel.objectExists(third))
            let after = try regionSnapshot()
            #expect(after.regions == before.regions && after.tables == before.tables)
            try expectRegionsConsistent("after the coalesces")
        }

        @Test func coalesceRefusesRegionsThatDoNotMatch() throws {
            try restartRegions()
            let one = try segmentOfPages(4)
            let two = try segmentOfPages(4)
            let a = try RegionManager.reserve(kernelSpace, segment: one, offset: 0, size: pages(1))
            // touching, same segment, but the offsets are not contiguous
            let b = try RegionManager.reserve(kernelSpace, segment: one, offset: pages(2), size: pages(1))
            // touching, another segment
            let c = try RegionManager.reserve(kernelSpace, segment: two, offset: pages(3), size: pages(1))
            let before = try regionSnapshot()
            let errors = regionErrors("coalesce")
            #expect(failure { () throws(KernelError) in _ = try RegionManager.coalesce(kernelSpace, a, b) } == .invalidArgument)
            #expect(failure { () throws(KernelError) in _ = try RegionManager.coalesce(kernelSpace, b, c) } == .invalidArgument)
            #expect(failure { () throws(KernelError) in _ = try RegionManager.coalesce(kernelSpace, a, a) } == .invalidArgument)
            #expect(failure { () throws(KernelError) in _ = try RegionManager.coalesce(kernelSpace, a, 0x1234) } == .unknownIdentifier)
            #expect(regionErrors("coalesce") == errors + 4)
            #expect(try regionSnapshot() == before)
        }

        @Test func resizeGrowsAndShrinksInsideTheSegmentAndTheGap() throws {
            try restartRegions()
            let segment = try segmentOfPages(5)
            let region = try RegionManager.reserve(kernelSpace, segment: segment, offset: pages(1), size: pages(1))
            let wall = try RegionManager.reserve(kernelSpace, segment: segment, offset: 0, size: pages(1),
                                                 options: .forceAddress, address: RegionWindow.base + pages(3))
            Machine.hookCalls = []
            try RegionManager.resize(kernelSpace, region, to: pages(3))
            #expect(Machine.hookCalls.map(\.arguments).last?.hasSuffix("size=0x3000 previous=0x1000") == true)
            try expectRegionsConsistent("grown")
            let before = try regionSnapshot()
            let errors = regionErrors("resize")
            // past the wall
            #expect(failure { () throws(KernelError) in try RegionManager.resize(kernelSpace, region, to: pages(4)) } == .busy)
            try RegionManager.release(kernelSpace, wall)
            // past the segment's end (offset 1 page + 5 pages > 5 pages)
            #expect(failure { () throws(KernelError) in try RegionManager.resize(kernelSpace, region, to: pages(5)) } == .outOfRange)
            #expect(failure { () throws(KernelError) in try RegionManager.resize(kernelSpace, region, to: 0) } == .invalidArgument)
            #expect(failure { () throws(KernelError) in try RegionManager.resize(kernelSpace, region, to: 100) } == .invalidArgument)
            #expect(regionErrors("resize") == errors + 4)
            var now = try regionSnapshot()
            now.regions.removeAll { $0[1] == wall }
            #expect(now.regions == before.regions.filter { $0[1] != wall })
            try RegionManager.resize(kernelSpace, region, to: pages(4))
            try RegionManager.resize(kernelSpace, region, to: pages(1))
            #expect(try RegionManager.get(kernelSpace, region).size == pages(1))
            #expect(Machine.pageTables[kernelSpace]?.count == 1)
            try expectRegionsConsistent("shrunk")
        }

        @Test func badReservationsAreRefusedAndChangeNothing() throws {
            try restartRegions()
            let segment = try segmentOfPages(4)
            let other = try AddressSpaceManager.reserve(task: 3)
            _ = try RegionManager.reserve(kernelSpace, segment: segment, offset: 0, size: pages(2),
                                          options: .forceAddress, address: 0x6000_0000)
            let before = try regionSnapshot()
            let errors = regionErrors("reserve")
            let serial = regionSerial()
            let bad: [(String, KernelError, () throws(KernelError) -> Void)] = [
                ("zero size", .invalidArgument, { () throws(KernelError) in _ = try RegionManager.reserve(kernelSpace, segment: segment, offset: 0, size: 0) }),
                ("unaligned size", .invalidArgument, { () throws(KernelError) in _ = try RegionManager.reserve(kernelSpace, segment: segment, offset: 0, size: 10) }),
                ("unaligned offset", .invalidArgument, { () throws(KernelError) in _ = try RegionManager.reserve(kernelSpace, segment: segment, offset: 8, size: pageSize) }),
                ("unknown space", .unknownIdentifier, { () throws(KernelError) in _ = try RegionManager.reserve(0x9999, segment: segment, offset: 0, size: pageSize) }),
                ("unknown segment", .unknownIdentifier, { () throws(KernelError) in _ = try RegionManager.reserve(kernelSpace, segment: 0x9999, offset: 0, size: pageSize) }),
                ("past the segment", .outOfRange, { () throws(KernelError) in _ = try RegionManager.reserve(kernelSpace, segment: segment, offset: pages(3), size: pages(2)) }),
                ("offset past the segment", .outOfRange, { () throws(KernelError) in _ = try RegionManager.reserve(kernelSpace, segment: segment, offset: pages(5), size: pages(1)) }),
                ("overlap at a forced address", .busy, { () throws(KernelError) in _ = try RegionManager.reserve(kernelSpace, segment: segment, offset: 0, size: pages(2), options: .forceAddress, address: 0x5FFF_F000) }),
                ("forced inside a region", .busy, { () throws(KernelError) in _ = try RegionManager.reserve(kernelSpace, segment: segment, offset: 0, size: pages(1), options: .forceAddress, address: 0x6000_1000) }),
                ("forced below the window", .outOfRange, { () throws(KernelError) in _ = try RegionManager.reserve(kernelSpace, segment: segment, offset: 0, size: pages(1), options: .forceAddress, address: 0x1000_0000) }),
                ("forced across the window's end", .outOfRange, { () throws(KernelError) in _ = try RegionManager.reserve(kernelSpace, segment: segment, offset: 0, size: pages(2), options: .forceAddress, address: RegionWindow.end - pageSize) }),
                ("forced unaligned", .invalidArgument, { () throws(KernelError) in _ = try RegionManager.reserve(kernelSpace, segment: segment, offset: 0, size: pages(1), options: .forceAddress, address: 0x7000_0010) }),
                ("address without forceAddress", .invalidArgument, { () throws(KernelError) in _ = try RegionManager.reserve(kernelSpace, segment: segment, offset: 0, size: pages(1), address: 0x7000_0000) }),
                ("unknown option", .invalidArgument, { () throws(KernelError) in _ = try RegionManager.reserve(kernelSpace, segment: segment, offset: 0, size: pages(1), options: RegionOptions(rawValue: 0x80)) }),
                ("privileged outside the kernel", .permissionDenied, { () throws(KernelError) in _ = try RegionManager.reserve(other, segment: segment, offset: 0, size: pages(1), options: .privileged) }),
            ]
            for (what, expected, call) in bad {
                #expect(failure(call) == expected, "\(what)")
                #expect(try regionSnapshot() == before, "\(what) changed the state")
            }
            #expect(regionErrors("reserve") == errors + UInt64(bad.count))
            #expect(regionSerial() == serial, "a refused reservation took an identifier")
            // the unknown-identifier refusals of the other verbs
            let unknown: [(String, () throws(KernelError) -> Void)] = [
                ("release", { () throws(KernelError) in try RegionManager.release(kernelSpace, 0x4242) }),
                ("get", { () throws(KernelError) in _ = try RegionManager.get(kernelSpace, 0x4242) }),
                ("split", { () throws(KernelError) in _ = try RegionManager.split(kernelSpace, 0x4242, at: pageSize) }),
                ("resize", { () throws(KernelError) in try RegionManager.resize(kernelSpace, 0x4242, to: pageSize) }),
                ("flush", { () throws(KernelError) in try RegionManager.flush(0x4242) }),
            ]
            for (what, call) in unknown {
                #expect(failure(call) == .unknownIdentifier, "\(what)")
                #expect(try regionSnapshot() == before, "\(what) changed the state")
            }
            #expect(regionErrors("release") >= 1 && regionErrors("flush") >= 1)
        }

        @Test func splitRefusesBadOffsets() throws {
            try restartRegions()
            let segment = try segmentOfPages(4)
            let region = try RegionManager.reserve(kernelSpace, segment: segment, offset: 0, size: pages(3))
            let before = try regionSnapshot()
            for offset in [0, pages(3), pages(4), 100] {
                #expect(failure { () throws(KernelError) in _ = try RegionManager.split(kernelSpace, region, at: offset) } == .invalidArgument)
            }
            #expect(try regionSnapshot() == before)
        }

        @Test func privilegedRegionsAreSupervisorOnly() throws {
            try restartRegions()
            let segment = try segmentOfPages(1, permissions: .read)
            let region = try RegionManager.reserve(kernelSpace, segment: segment, offset: 0, size: pageSize,
                                                   options: .privileged)
            let address = try RegionManager.get(kernelSpace, region).address
            #expect(throws: SimulatedFault(address: address, kind: .supervisorOnly)) {
                _ = try Machine.access(space: kernelSpace, virtual: address, write: false)
            }
            #expect(throws: SimulatedFault(address: address, kind: .writeProtected)) {
                _ = try Machine.access(space: kernelSpace, virtual: address, write: true, user: false)
            }
            #expect(try Machine.access(space: kernelSpace, virtual: address + 5, write: false, user: false)
                == (try SegmentManager.get(segment)).address + 5)
            #expect(throws: SimulatedFault(address: address + pageSize, kind: .notPresent)) {
                _ = try Machine.access(space: kernelSpace, virtual: address + pageSize, write: false)
            }
            try expectRegionsConsistent()
        }
    }

    @Suite struct RegionsAndSegments {
        @Test func aMappedSegmentKeepsItsPages() throws {
            try restartRegions()
            let segment = try segmentOfPages(4)
            let neighbour = try segmentOfPages(1)
            let region = try RegionManager.reserve(kernelSpace, segment: segment, offset: 0, size: pages(1))
            let before = try regionSnapshot()
            #expect(failure { () throws(KernelError) in try SegmentManager.release(segment) } == .busy)
            #expect(failure { () throws(KernelError) in _ = try SegmentManager.split(segment, at: pageSize) } == .busy)
            #expect(failure { () throws(KernelError) in try SegmentManager.resize(segment, to: pages(8)) } == .busy)
            #expect(failure { () throws(KernelError) in _ = try SegmentManager.coalesce(segment, neighbour) } == .busy)
            #expect(try regionSnapshot() == before)
            try RegionManager.release(kernelSpace, region)
            try SegmentManager.release(segment)
            try expectRegionsConsistent()
        }

        @Test func permissionsReachEveryMappingRegion() throws {
            try restartRegions()
            let other = try AddressSpaceManager.reserve(task: 2)
            let segment = try segmentOfPages(2)
            let mine = try RegionManager.reserve(kernelSpace, segment: segment, offset: 0, size: pages(2))
            let theirs = try RegionManager.reserve(other, segment: segment, offset: pageSize, size: pageSize)
            Machine.hookCalls = []
            try SegmentManager.permissions(segment, .read)
            #expect(Machine.hookCalls.map(\.hook)
                == ["segmentPermissionsChanged", "regionPermissionsChanged", "regionPermissionsChanged"])
            #expect(Set(Machine.hookCalls.dropFirst().map(\.identifier)) == [mine, theirs])
            try expectRegionsConsistent("read only")
            let address = try RegionManager.get(other, theirs).address
            #expect(throws: SimulatedFault(address: address, kind: .writeProtected)) {
                _ = try Machine.access(space: other, virtual: address, write: true)
            }
            // the machine refuses the second region: everything goes back
            let before = try regionSnapshot()
            Machine.refusal = .after(2)
            #expect(failure { () throws(KernelError) in try SegmentManager.permissions(segment, [.read, .write]) } == .machineRefused)
            #expect(try SegmentManager.get(segment).permissions == .read)
            #expect(try regionSnapshot().tables == before.tables)
            try expectRegionsConsistent("after the refusal")
        }

        @Test func releasingASpaceReleasesItsRegionsFirst() throws {
            try restartRegions()
            let recordsBefore = Machine.liveSetRecords
            let space = try AddressSpaceManager.reserve(task: 4)
            let segment = try segmentOfPages(3, in: space)
            let a = try RegionManager.reserve(space, segment: segment, offset: 0, size: pages(1))
            let b = try RegionManager.reserve(space, segment: segment, offset: pages(1), size: pages(2))
            Machine.hookCalls = []
            try AddressSpaceManager.release(space)
            #expect(Machine.hookCalls.map(\.hook)
                == ["regionReleasing", "regionReleasing", "segmentReleasing", "addressSpaceReleasing", "setReleasing", "setReleasing"])
            #expect(!Kernel.objectExists(a) && !Kernel.objectExists(b))
            #expect(Machine.pageTables[space] == nil)
            #expect(Machine.liveSetRecords == recordsBefore)
            try expectRegionsConsistent()
        }

        @Test func aSegmentMappedInAnotherSpaceStopsItsOwnersRelease() throws {
            try restartRegions()
            let owner = try AddressSpaceManager.reserve(task: 5)
            let segment = try segmentOfPages(1, in: owner)
            let region = try RegionManager.reserve(kernelSpace, segment: segment, offset: 0, size: pageSize)
            #expect(failure { () throws(KernelError) in try AddressSpaceManager.release(owner) } == .busy)
            try RegionManager.release(kernelSpace, region)
            try AddressSpaceManager.release(owner)
            try expectRegionsConsistent()
        }

        @Test func activeSpacesSwitchAndCannotBeReleased() throws {
            try restartRegions()
            #expect(AddressSpaceManager.active == kernelSpace)
            let space = try AddressSpaceManager.reserve(task: 6)
            try AddressSpaceManager.activate(space)
            #expect(AddressSpaceManager.active == space && Machine.activeSpace == space)
            #expect(failure { () throws(KernelError) in try AddressSpaceManager.release(space) } == .busy)
            Machine.refusal = .named("addressSpaceActivate")
            #expect(failure { () throws(KernelError) in try AddressSpaceManager.activate(kernelSpace) } == .machineRefused)
            #expect(AddressSpaceManager.active == space)
            // stopping the kernel goes back to the kernel's space first
            try restartRegions()
            #expect(AddressSpaceManager.active == kernelSpace)
        }
    }

    @Suite struct RegionRefusals {
        @Test func everyRefusedHookIsUndone() throws {
            try restartRegions()
            let segment = try segmentOfPages(8)
            let a = try RegionManager.reserve(kernelSpace, segment: segment, offset: 0, size: pages(4))
            let b = try RegionManager.reserve(kernelSpace, segment: segment, offset: pages(4), size: pages(2))
            let calls: [(String, String, () throws(KernelError) -> Void)] = [
                ("reserve", "regionReserved", { () throws(KernelError) in _ = try RegionManager.reserve(kernelSpace, segment: segment, offset: 0, size: pageSize) }),
                ("release", "regionReleasing", { () throws(KernelError) in try RegionManager.release(kernelSpace, b) }),
                ("split: the first part", "regionResized", { () throws(KernelError) in _ = try RegionManager.split(kernelSpace, a, at: pageSize) }),
                ("split: the second part", "regionReserved", { () throws(KernelError) in _ = try RegionManager.split(kernelSpace, a, at: pageSize) }),
                ("coalesce: the upper goes", "regionReleasing", { () throws(KernelError) in _ = try RegionManager.coalesce(kernelSpace, a, b) }),
                ("coalesce: the lower grows", "regionResized", { () throws(KernelError) in _ = try RegionManager.coalesce(kernelSpace, a, b) }),
                ("resize", "regionResized", { () throws(KernelError) in try RegionManager.resize(kernelSpace, a, to: pages(3)) }),
                ("flush", "regionReleasing", { () throws(KernelError) in try RegionManager.flush(kernelSpace) }),
                ("permissions", "regionPermissionsChanged", { () throws(KernelError) in try SegmentManager.permissions(segment, .read) }),
            ]
            for (what, hook, call) in calls {
                let before = try regionSnapshot()
                let sets = try #require(SetManager.container).size()
                Machine.refusal = .named(hook)
                #expect(failure(call) == .machineRefused, "\(what)")
                #expect(Machine.refusal == nil, "\(what): the hook was not called")
                #expect(try regionSnapshot() == before, "\(what) changed the state")
                #expect(try #require(SetManager.container).size() == sets, "\(what) left a set behind")
                #expect(Machine.mmuErrors == [], "\(what): \(Machine.mmuErrors)")
            }
            try expectRegionsConsistent()
        }
    }

    @Suite struct VirtualMemory {
        @Test func translationGoesBothWaysByteByByte() throws {
            try restartRegions()
            let segment = try segmentOfPages(6)
            let base = try SegmentManager.get(segment).address
            let region = try RegionManager.reserve(kernelSpace, segment: segment, offset: pages(2), size: pages(3),
                                                   options: .forceAddress, address: 0x7000_0000)
            _ = region
            var virtual: UInt64 = 0x7000_0000
            while virtual < 0x7000_3000 {
                let physical = base + pages(2) + (virtual - 0x7000_0000)
                #expect(try AddressSpaceManager.physicalAddress(of: virtual, in: kernelSpace) == physical)
                #expect(try AddressSpaceManager.virtualAddress(of: physical, in: kernelSpace) == virtual)
                #expect(try Machine.access(space: kernelSpace, virtual: virtual, write: true) == physical)
                virtual += 1
            }
            for outside: UInt64 in [0x6FFF_FFFF, 0x7000_3000] {
                #expect(failure { () throws(KernelError) in _ = try AddressSpaceManager.physicalAddress(of: outside, in: kernelSpace) } == .outOfRange)
            }
            for outside in [base, base + pages(2) - 1, base + pages(5)] {
                #expect(failure { () throws(KernelError) in _ = try AddressSpaceManager.virtualAddress(of: outside, in: kernelSpace) } == .outOfRange)
            }
        }

        @Test func readWriteAndCopyGoThroughTheRegions() throws {
            try restartRegions()
            let other = try AddressSpaceManager.reserve(task: 8)
            let mine = try segmentOfPages(4)
            let theirs = try segmentOfPages(2, in: other)
            // two touching regions over two separate slices of `mine`
            _ = try RegionManager.reserve(kernelSpace, segment: mine, offset: pages(2), size: pages(1),
                                          options: .forceAddress, address: 0x4800_0000)
            _ = try RegionManager.reserve(kernelSpace, segment: mine, offset: 0, size: pages(1),
                                          options: .forceAddress, address: 0x4800_1000)
            _ = try RegionManager.reserve(other, segment: theirs, offset: 0, size: pages(2),
                                          options: .forceAddress, address: 0x9000_0000)
            let bytes = (0..<600).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
            // a write across the two regions: 300 bytes in each
            try AddressSpaceManager.write(kernelSpace, at: 0x4800_1000 - 300, bytes: bytes)
            #expect(try AddressSpaceManager.read(kernelSpace, at: 0x4800_1000 - 300, count: 600) == bytes)
            #expect(try SegmentManager.read(mine, offset: pages(3) - 300, count: 300) == Array(bytes[0..<300]))
            #expect(try SegmentManager.read(mine, offset: 0, count: 300) == Array(bytes[300...]))
            // what the MMU reaches is the same memory, byte for byte
            for index in 0..<600 {
                let physical = try Machine.access(space: kernelSpace, virtual: 0x4800_1000 - 300 + UInt64(index), write: false)
                #expect(try Machine.physicalByte(at: physical) == bytes[index])
            }
            // across spaces
            try AddressSpaceManager.copy(to: other, at: 0x9000_0FF0, from: kernelSpace, at: 0x4800_1000 - 300, count: 600)
            #expect(try AddressSpaceManager.read(other, at: 0x9000_0FF0, count: 600) == bytes)
            #expect(try SegmentManager.read(theirs, offset: 0xFF0, count: 600) == bytes)
            // a run with one unmapped byte moves nothing
            let before = try AddressSpaceManager.read(other, at: 0x9000_1000, count: 16)
            #expect(failure { () throws(KernelError) in
                try AddressSpaceManager.write(other, at: 0x9000_2000 - 8, bytes: Array(repeating: 0, count: 16))
            } == .outOfRange)
            #expect(failure { () throws(KernelError) in
                try AddressSpaceManager.copy(to: other, at: 0x9000_1000, from: kernelSpace, at: 0x4800_2000 - 8, count: 16)
            } == .outOfRange)
            #expect(try AddressSpaceManager.read(other, at: 0x9000_1000, count: 16) == before)
            #expect(failure { () throws(KernelError) in _ = try AddressSpaceManager.read(kernelSpace, at: 0x4800_2000, count: 1) } == .outOfRange)
            #expect(failure { () throws(KernelError) in _ = try AddressSpaceManager.read(kernelSpace, at: UInt64.max, count: 2) } == .outOfRange)
            // a run found once is read and written as it is; bytes that do not fill it exactly move nothing
            let run = try AddressSpaceManager.pieces(kernelSpace, 0x4800_1000 - 300, 600)
            #expect(run.count == 2)
            #expect(try AddressSpaceManager.read(run) == bytes)
            for wrong in [599, 601, 0] {
                #expect(failure { () throws(KernelError) in
                    try AddressSpaceManager.write(run, bytes: Array(repeating: 0xAA, count: wrong))
                } == .invalidArgument, "\(wrong) bytes over a 600-byte run")
            }
            let single = try AddressSpaceManager.pieces(other, 0x9000_0FF0, 8)
            #expect(failure { () throws(KernelError) in try AddressSpaceManager.write(single, bytes: [1, 2, 3]) } == .invalidArgument)
            #expect(try AddressSpaceManager.read(kernelSpace, at: 0x4800_1000 - 300, count: 600) == bytes)
            #expect(try AddressSpaceManager.read(other, at: 0x9000_0FF0, count: 600) == bytes)
            // the walk shows each region to `admit`, which may refuse one: nothing is found then
            var shown: [UInt64] = []
            _ = try AddressSpaceManager.pieces(kernelSpace, 0x4800_1000 - 300, 600) { region in shown.append(region.address) }
            #expect(shown == [0x4800_0000, 0x4800_1000])
            #expect(failure { () throws(KernelError) in
                _ = try AddressSpaceManager.pieces(kernelSpace, 0x4800_1000 - 300, 600) { (region) throws(KernelError) in
                    if region.address == 0x4800_1000 { throw KernelError.permissionDenied }
                }
            } == .permissionDenied)
        }
    }
}
