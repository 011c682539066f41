// grader/harness/fault.swift -- accesses a test expects to fault.
//
// A test of the page tables must be able to say "this access faults",
// see where and how, and go on. The machine makes the access as a
// *probe* (ia32: one known instruction whose page fault is recovered
// from, machine/ia32/page_fault.swift; host: the simulated MMU,
// machine/host/probe.swift) in the address space that is active now,
// from the kernel (supervisor mode). Any fault outside a probe is still
// a panic that ends the run.

import Kernel
import Machine

// excerpt: expect-fault
/// Makes one access to the virtual `address` of the active space (a read,
/// or a write of `value`) that must fault, and returns the fault. Fails
/// the test if the access went through, if the fault names another
/// address, or another kind of access.
package func expectFault(
    at address: UInt64, write: Bool, value: UInt8 = 0, _ what: @autoclosure () -> String
) throws(TestFailure) -> MemoryFault {
    let fault = write ? Machine.probeWrite(address, value) : Machine.probeRead(address).fault
    guard let fault else {
        throw TestFailure("\(what()): the \(write ? "write" : "read") at \(hexAddress(address)) did not fault")
    }
    try expect(fault.address == address, "\(what()): the fault names \(fault.description), not \(hexAddress(address))")
    try expect(fault.access == (write ? .write : .read), "\(what()): the fault was a \(fault.access.description)")
    return fault
}
// end excerpt

/// Reads the byte at the virtual `address` of the active space; fails
/// the test if the read faults.
package func expectRead(_ address: UInt64, _ what: @autoclosure () -> String) throws(TestFailure) -> UInt8 {
    let result = Machine.probeRead(address)
    if let fault = result.fault {
        throw TestFailure("\(what()): unexpected page fault, \(fault.description)")
    }
    return result.value
}

/// Writes `value` at the virtual `address` of the active space; fails the
/// test if the write faults.
package func expectWrite(_ address: UInt64, _ value: UInt8, _ what: @autoclosure () -> String) throws(TestFailure) {
    if let fault = Machine.probeWrite(address, value) {
        throw TestFailure("\(what()): unexpected page fault, \(fault.description)")
    }
}

/// "0x40001000".
package func hexAddress(_ address: UInt64) -> String {
    let digits = String(address, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}
