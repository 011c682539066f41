// assignments/00-spine/tests/panic_tests.swift -- tests that end badly on
// purpose. Each one's expected outcome is in its serial script: a panic
// report with the right vector, a triple fault, a timeout.

import IA32
import Kernel
import Machine

/// A zero that the optimiser cannot see through.
nonisolated(unsafe) var zeroForTests: UInt32 = 0
/// A one that the optimiser cannot see through.
nonisolated(unsafe) var oneForTests = 1

/// Divides with the `div` instruction itself (no Swift check), so a zero
/// divisor raises the CPU's divide error.
@inline(never)
func divideOnPurpose(_ dividend: UInt32, _ divisor: UInt32) -> UInt32 {
    ia32_divl(dividend, divisor)
}

/// Adds past Int.max: Swift's overflow check traps (ud2).
@inline(never)
func trapOnPurpose(_ value: Int) -> Int {
    value + Int.max
}

/// A real #DE: expected `PANIC kind=exception vector=0 name=divide-error`.
func test_divide_by_zero() throws(TestFailure) {
    let quotient = divideOnPurpose(42, zeroForTests)
    throw TestFailure("42 / 0 gave \(quotient) instead of a divide error")
}

/// A Swift trap: expected `PANIC kind=trap vector=6`, with trapOnPurpose
/// in the backtrace.
func test_swift_trap() throws(TestFailure) {
    let sum = trapOnPurpose(oneForTests)
    throw TestFailure("the overflow did not trap: \(sum)")
}

/// An exception with an empty IDT cannot be delivered: the CPU gives up
/// (triple fault) and qemu, run with -no-reboot, exits with status 0.
func test_triple_fault() throws(TestFailure) {
    print("loading an empty IDT and raising #UD")
    Idt.loadEmpty()
    ia32_ud2()
    throw TestFailure("the CPU survived an exception with no IDT")
}

/// Loops forever with interrupts off: expected outcome, a timeout.
func test_spin_forever() throws(TestFailure) {
    Interrupts.disable()
    print("spinning forever")
    while true {
        ia32_pause()
    }
}

/// Loads a selector past the end of the GDT into %ds: expected
/// `PANIC kind=exception vector=13 name=general-protection error=0x00000050`.
func test_general_protection() throws(TestFailure) {
    ia32_load_ds(0x50)
    throw TestFailure("loading selector 0x50 did not fault")
}

/// An address no space maps (in the region window, where the kernel's
/// space has nothing). The optimiser cannot see through it.
nonisolated(unsafe) var unmappedForTests: UInt = 0x7654_3210

/// Reads an unmapped address outside any probe: a page fault nobody
/// expected, so a panic whose report names the address:
/// `PANIC fault address=0x76543210 access=read page=not-present mode=supervisor`.
func test_page_fault() throws(TestFailure) {
    try expect(KernelSpace.loadedDirectory() != 0, "paging is off: the kernel's address space was not built")
    let byte = UnsafePointer<UInt8>(bitPattern: unmappedForTests)!.pointee
    throw TestFailure("reading 0x76543210 did not fault (it read \(byte))")
}

/// A fault while a panic report is being written: expected a single
/// `PANIC nested vector=6 ...` line instead of a second report, and the
/// panic exit.
func test_nested_panic() throws(TestFailure) {
    Panic.depth = 1   // as if a report were being written
    ia32_ud2()
    throw TestFailure("ud2 did not fault")
}
