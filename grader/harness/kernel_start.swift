// grader/harness/kernel_start.swift -- starting the kernel for a test.
//
// Every kernel test boots a fresh kernel; the tests that need the
// managers start them here first (once per boot: a test that calls this
// twice finds them up), and those that run threads or programs turn
// paging on in the kernel's space as well. A failure says which step
// failed, for the test's report.

import Kernel
import Machine

/// Starts the kernel's managers (`Kernel.initialize`), once per boot.
public func startManagers() throws(TestFailure) {
    if !Kernel.isInitialized {
        do throws(KernelError) {
            try Kernel.initialize()
        } catch {
            throw TestFailure("Kernel.initialize() failed: \(error.description)")
        }
    }
}

/// Starts the kernel's managers and activates the kernel's address space
/// (paging on): threads' stacks and programs live in regions.
public func startManagersWithPaging() throws(TestFailure) {
    try startManagers()
    try expectSuccess("activate the kernel's address space (paging on)") { () throws(KernelError) in
        try AddressSpaceManager.activate(AddressSpaceManager.kernel)
    }
}
