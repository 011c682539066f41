// machine/host/probe.swift -- probes on the host: an access that may
// fault, through the simulated MMU (mmu.swift).
//
// The same harness API as ia32 (grader/harness/fault.swift): the access
// is made in the active space, from the kernel (supervisor), and a fault
// comes back as a `MemoryFault` instead of being taken.

extension Machine {
    /// The fault an access to `address` in the active space takes, or
    /// the physical address it reaches.
    static func probe(_ address: UInt64, write: Bool) -> Result<UInt64, SimulatedFault> {
        do throws(SimulatedFault) {
            return .success(try access(space: activeSpace, virtual: address, write: write, user: false))
        } catch {
            return .failure(error)
        }
    }

    /// `fault` as the harness sees it.
    static func memoryFault(_ fault: SimulatedFault, write: Bool) -> MemoryFault {
        MemoryFault(address: fault.address, access: write ? .write : .read,
                    pagePresent: fault.kind == .writeProtected || fault.kind == .supervisorOnly, user: false)
    }

    /// Reads the byte at virtual `address` in the active space, catching
    /// a simulated page fault: the byte, or the fault.
    package static func probeRead(_ address: UInt64) -> (fault: MemoryFault?, value: UInt8) {
        switch probe(address, write: false) {
        case .failure(let fault):
            return (memoryFault(fault, write: false), 0)
        case .success(let physical):
            return (nil, (try? physicalByte(at: physical)) ?? 0)
        }
    }

    /// Writes `value` at virtual `address` in the active space, catching
    /// a simulated page fault: the fault, or nil when the byte was written.
    package static func probeWrite(_ address: UInt64, _ value: UInt8) -> MemoryFault? {
        switch probe(address, write: true) {
        case .failure(let fault):
            return memoryFault(fault, write: true)
        case .success(let physical):
            try? setPhysicalByte(at: physical, to: value)
            return nil
        }
    }
}
