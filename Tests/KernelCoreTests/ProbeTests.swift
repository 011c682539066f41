// Tests/KernelCoreTests/ProbeTests.swift -- the harness's probes on the
// host machine (machine/host/probe.swift): an access through the
// simulated MMU that reports its fault instead of taking it, the same
// API the in-kernel tests use on ia32 (grader/harness/fault.swift).

import Testing
@testable import Kernel
@testable import Machine

extension KernelManagers {
    @Suite struct HostProbes {
        @Test func probesGoThroughTheSimulatedTables() throws {
            try restartMemory()
            try AddressSpaceManager.activate(kernelSpace)
            let segment = try SegmentManager.reserve(kernelSpace, size: pages(2), permissions: [.read, .write])
            let region = try RegionManager.reserve(kernelSpace, segment: segment, offset: 0, size: pages(2),
                                                   options: .forceAddress, address: 0x6000_0000)
            // A mapped page: the write lands in the segment, the read sees it.
            #expect(Machine.probeWrite(0x6000_1003, 0x5A) == nil)
            let read = Machine.probeRead(0x6000_1003)
            #expect(read.fault == nil && read.value == 0x5A)
            #expect(try SegmentManager.read(segment, offset: pages(1) + 3, count: 1) == [0x5A])
            // Control: the page after the region is not mapped.
            #expect(Machine.probeRead(0x6000_2000).fault
                == MemoryFault(address: 0x6000_2000, access: .read, pagePresent: false, user: false))
            // A read-only segment: the write faults on a present page, the read does not.
            try SegmentManager.permissions(segment, [.read])
            #expect(Machine.probeWrite(0x6000_0001, 1)
                == MemoryFault(address: 0x6000_0001, access: .write, pagePresent: true, user: false))
            #expect(Machine.probeRead(0x6000_0001).fault == nil)
            // A released region: not present any more.
            try RegionManager.release(kernelSpace, region)
            #expect(Machine.probeRead(0x6000_0000).fault?.pagePresent == false)
            try SegmentManager.release(segment)
        }
    }
}
