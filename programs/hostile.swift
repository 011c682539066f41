// programs/hostile.swift -- a program that tries what a program must not
// get away with, one way per run (its first argument picks which).
//
// Modes 1-8 and 15-17 make system calls with lies in their arguments; the kernel
// must refuse each with an error status, which the program returns as its
// exit value (so the test sees exactly which error came back); mode 18
// tells the truth at the very edge of a region, and must succeed. Modes
// 10-14 do what the processor itself refuses in ring 3; the kernel must
// report the fault, kill the program, and go on.

internal import User

/// An address inside the kernel (its image is loaded at 1 MiB).
let kernelAddress: UInt = 0x0010_0000
/// An address in the region window that no region of this program maps.
let unmappedAddress: UInt = 0x8000_0000
/// A message type this program registers for itself.
let selfType: UInt32 = 1

nonisolated(unsafe) var message = MessageBuffer()

/// Registers `selfType` and sends itself one 16-byte message.
func queueOneMessage() -> UInt32 {
    let me = System.identity()
    var status = System.register(type: selfType, maximumSize: 64)
    if status == System.ok {
        status = message.withAddress { System.send(to: me, type: selfType, $0, 16) }
    }
    return status
}

/// A refused receive must leave the message queued: a poll into a good
/// buffer then finds it (0x100 added to the refusal's status).
func refusedThenPolled(_ status: UInt32) -> UInt32 {
    let polled = message.withAddress { System.poll(type: selfType, $0, MessageBuffer.capacity) }
    return status | (polled.status == System.ok && polled.size == 16 ? 0x100 : 0)
}

@_cdecl("program_main")
func programMain(_ mode: UInt32, _ unused1: UInt32, _ unused2: UInt32, _ unused3: UInt32) -> UInt32 {
    switch mode {
    case 1:  // print the kernel's own bytes
        return System.print(UnsafeRawPointer(bitPattern: kernelAddress)!, 16)
    case 2:  // receive a message over the kernel's code
        let queued = queueOneMessage()
        if queued != System.ok { return 0xBAD0_0000 | queued }
        let received = System.receive(type: selfType, UnsafeMutableRawPointer(bitPattern: kernelAddress)!, 64)
        return refusedThenPolled(received.status)
    case 3:  // send bytes from an address nothing maps
        _ = System.register(type: selfType, maximumSize: 64)
        return System.send(to: System.identity(), type: selfType, UnsafeRawPointer(bitPattern: unmappedAddress)!, 16)
    case 4:  // print 4 GiB
        return message.withAddress { System.print($0, Int(bitPattern: 0xFFFF_FFFF)) }
    case 5:  // receive into its own code, which is read-only
        let queued = queueOneMessage()
        if queued != System.ok { return 0xBAD0_0000 | queued }
        let code = UnsafeMutableRawPointer(bitPattern: UInt(0x4000_0000))!
        return refusedThenPolled(System.receive(type: selfType, code, 64).status)
    case 6:  // a system call that does not exist
        return System.call(999)
    case 7:  // a run that wraps around the end of memory
        return System.print(UnsafeRawPointer(bitPattern: UInt(0xFFFF_FFF0))!, 32)
    case 8:  // a receive into a buffer too small for the message
        let queued = queueOneMessage()
        if queued != System.ok { return 0xBAD0_0000 | queued }
        return refusedThenPolled(message.withAddress { System.receive(type: selfType, $0, 8) }.status)
    case 15:  // send more than the largest message (64 KiB) from a good buffer
        _ = System.register(type: selfType, maximumSize: 64)
        return System.send(to: System.identity(), type: selfType, UnsafeRawPointer(bitPattern: UInt(0x4000_0000))!,
                           70_000)
    case 16:  // register boxes of no size and of 2 GiB
        let none = System.register(type: 3, maximumSize: 0)
        let huge = System.register(type: 4, maximumSize: 0x7FFF_FFFF)
        return none << 8 | huge
    case 17:  // print the last page below the region window (the kernel's)
        return System.print(UnsafeRawPointer(bitPattern: UInt(0x3FFF_F000))!, 16)
    case 18:  // send the 16 bytes that end a region (no lie: the last byte is
              // the region's); the kernel sends the address as two words
        _ = System.register(type: selfType, maximumSize: 64)
        let got = message.withAddress { System.receive(type: selfType, $0, 8) }
        if got.status != System.ok { return 0xBAD0_0000 | got.status }
        let words = message.withAddress { $0.assumingMemoryBound(to: UInt32.self) }
        let end = UInt(words[0])
        return System.send(to: System.identity(), type: selfType, UnsafeRawPointer(bitPattern: end - 16)!, 16)
    case 10:  // write into the kernel
        UnsafeMutablePointer<UInt32>(bitPattern: kernelAddress)!.pointee = 0xDEAD_BEEF
    case 11:  // read a port (the serial line)
        return user_port_read(0x3F8)
    case 12:  // fake an exception
        user_raise_exception()
    case 13:  // turn interrupts off
        user_disable_interrupts()
    case 14:  // read the kernel
        return UnsafePointer<UInt32>(bitPattern: kernelAddress)!.pointee
    default:
        break
    }
    return 0x600D
}
