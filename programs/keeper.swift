// programs/keeper.swift -- a program (ring 3) that holds capabilities and
// tries everything a program may try with them, for the capability tests.
//
// Its starter sends it one message of type 1 and 80 bytes: a capability
// for a segment (read, write, grant) that the program holds, then one
// it does not hold. Its arguments are the task it gives the first one to
// (low, high). It then goes through the steps below and exits with
// 0x600D, or at the first step that went otherwise with
// 0xBAD0_SSCC: SS the step, CC the status the kernel returned (0xEE: the
// call succeeded but the bytes were wrong).
//
//    1 receive the two capabilities              ok, 80 bytes
//    2 write "keeper was here" through the first ok
//    3 restrict it to read                       ok
//    4 write through the restricted one          refused (7)
//    5 read through it                           ok, the same bytes
//    6 read through a copy with a changed check  refused
//    7 write through a copy claiming write too   refused
//    8 restrict the read one to read|write       refused
//    9 restrict it again (a grandchild), invalidate the read one: ok
//   10 read through the invalidated one          refused
//   11 read through its child                    refused
//   12 read through the first one                ok (the parent lives)
//   13 read through the one it does not hold     refused
//   14 a result or a buffer in the kernel        refused (not 0)
//   15 read past the segment's end               refused (not 0)
//   16 give the first one away; give the dead one: ok, refused

nonisolated(unsafe) var message = MessageBuffer()
nonisolated(unsafe) var held = Capabilities()
nonisolated(unsafe) var data = MessageBuffer()

/// The capabilities the program keeps: slot 0 the first it received,
/// 1 the one it does not hold, 2 to 5 those it makes.
struct Capabilities {
    /// The size of one (`Capability.size` in the kernel).
    static let size = 40
    /// Six of them, one after the other.
    var bytes: InlineArray<240, UInt8> = .init(repeating: 0)

    /// The address of slot `slot`.
    mutating func address(_ slot: Int) -> UnsafeMutableRawPointer {
        withUnsafeMutablePointer(to: &bytes) { UnsafeMutableRawPointer($0) + slot * Self.size }
    }

    /// Copies slot `from` into slot `to`.
    mutating func copy(_ from: Int, to: Int) {
        for index in 0..<Self.size {
            bytes[to * Self.size + index] = bytes[from * Self.size + index]
        }
    }
}

/// The text the program writes, and its length.
let text: StaticString = "keeper was here"

/// The failure of step `step`, the kernel having said `status`.
func failed(_ step: UInt32, _ status: UInt32) -> UInt32 {
    0xBAD0_0000 | step << 8 | (status & 0xFF)
}

@_cdecl("program_main")
func programMain(_ takerLow: UInt32, _ takerHigh: UInt32, _ unused2: UInt32, _ unused3: UInt32) -> UInt32 {
    let ok = System.ok, denied = System.permissionDenied
    let first = held.address(0), stolen = held.address(1), weak = held.address(2)
    let forged = held.address(3), weakest = held.address(4)
    // 1.
    if System.register(type: 1, maximumSize: 2 * Capabilities.size) != ok { return failed(1, 0xEE) }
    let received = System.receive(type: 1, first, 2 * Capabilities.size)
    if received.status != ok || received.size != 2 * UInt32(Capabilities.size) { return failed(1, received.status) }
    // 2.
    var status = System.writeSegment(first, offset: 0, from: text.utf8Start, text.utf8CodeUnitCount)
    if status != ok { return failed(2, status) }
    // 3. to 5.
    status = System.restrict(first, to: 1, into: weak)
    if status != ok { return failed(3, status) }
    status = System.writeSegment(weak, offset: 0, from: text.utf8Start, text.utf8CodeUnitCount)
    if status != denied { return failed(4, status) }
    status = data.withAddress { System.readSegment(weak, offset: 0, into: $0, text.utf8CodeUnitCount) }
    if status != ok { return failed(5, status) }
    for index in 0..<text.utf8CodeUnitCount where data.bytes[index] != text.utf8Start[index] {
        return failed(5, 0xEE)
    }
    // 6. to 8.
    held.copy(2, to: 3)
    held.bytes[3 * Capabilities.size + 32] ^= 1
    status = data.withAddress { System.readSegment(forged, offset: 0, into: $0, 4) }
    if status != denied { return failed(6, status) }
    held.copy(2, to: 3)
    held.bytes[3 * Capabilities.size + 16] |= 2
    status = System.writeSegment(forged, offset: 0, from: text.utf8Start, 4)
    if status != denied { return failed(7, status) }
    status = System.restrict(weak, to: 3, into: forged)
    if status != denied { return failed(8, status) }
    // 9. to 12.
    status = System.restrict(weak, to: 1, into: weakest)
    if status != ok { return failed(9, status) }
    status = System.invalidate(weak)
    if status != ok { return failed(9, status) }
    status = data.withAddress { System.readSegment(weak, offset: 0, into: $0, 4) }
    if status != denied { return failed(10, status) }
    status = data.withAddress { System.readSegment(weakest, offset: 0, into: $0, 4) }
    if status != denied { return failed(11, status) }
    status = data.withAddress { System.readSegment(first, offset: 0, into: $0, 4) }
    if status != ok { return failed(12, status) }
    // 13.
    status = data.withAddress { System.readSegment(stolen, offset: 0, into: $0, 4) }
    if status != denied { return failed(13, status) }
    // 14. and 15. (0x00100000 is the kernel's, mapped in every space)
    let kernel = UnsafeMutableRawPointer(bitPattern: 0x0010_0000)!
    status = System.restrict(first, to: 1, into: kernel)
    if status == ok { return failed(14, status) }
    status = System.readSegment(first, offset: 0, into: kernel, 4)
    if status == ok { return failed(14, status) }
    status = data.withAddress { System.readSegment(first, offset: 4092, into: $0, 8) }
    if status == ok { return failed(15, status) }
    // 16.
    let taker = UInt64(takerLow) | UInt64(takerHigh) << 32
    status = System.give(first, to: taker)
    if status != ok { return failed(16, status) }
    status = System.give(weakest, to: taker)
    if status != denied { return failed(16, status) }
    return 0x600D
}
