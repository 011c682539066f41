// programs/serial.swift -- the serial line's driver: a task of class
// driver (ring 1) that owns the port's registers (the test grants it ports
// 0x3F8-0x3FF) and gets the line's interrupt, IRQ 4, as messages.
//
// It serves one request: a client sends it a message of type 1; the
// driver collects the next line typed on the serial port, reading the
// receiver register itself whenever its interrupt comes, and sends the
// line back as type 2 (without its end of line). Exit value: the line's
// length, or 0xBAD0_00SS (SS: the step that failed).
//
//     client --type 1--> serial          (waits for a line)
//     UART --IRQ 4--> kernel --message--> serial: inb 0x3F8 while data is ready
//     serial --type 2 "hello"--> client

internal import User

/// The UART's registers (COM1).
let base: UInt32 = 0x3F8
let interruptEnable = base + 1   // bit 0: interrupt when a byte arrives
let modemControl = base + 4      // bit 3 (OUT2) lets the interrupt reach the PIC
let lineStatus = base + 5        // bit 0: a received byte is waiting
/// The message type of IRQ 4: event 36 (EventManager.messageType).
let irqType: UInt32 = 0xE000_0000 | 36
let requestType: UInt32 = 1
let lineType: UInt32 = 2

nonisolated(unsafe) var message = MessageBuffer()
nonisolated(unsafe) var line = MessageBuffer()

@_cdecl("program_main")
func programMain(_ unused0: UInt32, _ unused1: UInt32, _ unused2: UInt32, _ unused3: UInt32) -> UInt32 {
    if System.register(type: irqType, maximumSize: 16) != System.ok { return 0xBAD0_0001 }
    if System.register(type: requestType, maximumSize: 16) != System.ok { return 0xBAD0_0002 }
    // A byte waiting from before is dropped; then interrupts on.
    while user_port_read(lineStatus) & 1 != 0 {
        _ = user_port_read(base)
    }
    user_port_write(interruptEnable, 0x01)
    user_port_write(modemControl, 0x0B)
    print("serial driver ready")
    let request = message.withAddress { System.receive(type: requestType, $0, MessageBuffer.capacity) }
    if request.status != System.ok { return 0xBAD0_0003 }
    var length = 0
    var ended = false
    while !ended {
        while !ended && user_port_read(lineStatus) & 1 != 0 {
            let byte = UInt8(truncatingIfNeeded: user_port_read(base))
            if byte == 10 || byte == 13 {
                ended = length > 0
            } else if length < 200 {
                line.bytes[length] = byte
                length += 1
            }
        }
        if !ended {
            let irq = message.withAddress { System.receive(type: irqType, $0, MessageBuffer.capacity) }
            if irq.status != System.ok { return 0xBAD0_0004 }
        }
    }
    user_port_write(interruptEnable, 0x00)
    let sent = line.withAddress { System.send(to: request.sender, type: lineType, $0, length) }
    return sent == System.ok ? UInt32(length) : 0xBAD0_0005
}
