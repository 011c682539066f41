// programs/reader.swift -- a program (ring 3) that reads a line typed on
// the serial port through its driver (programs/serial.swift), never
// touching a port: it asks the driver (its task in the arguments), waits
// for the line, prints "reader got: <line>" and exits with its length.

nonisolated(unsafe) var message = MessageBuffer()
nonisolated(unsafe) var output = MessageBuffer()

@_cdecl("program_main")
func programMain(_ driverLow: UInt32, _ driverHigh: UInt32, _ unused2: UInt32, _ unused3: UInt32) -> UInt32 {
    let driver = UInt64(driverLow) | UInt64(driverHigh) << 32
    if System.register(type: 2, maximumSize: 256) != System.ok { return 0xBAD0_0001 }
    var status: UInt32 = 5
    while status == 5 {  // the driver has not registered its box yet
        status = message.withAddress { System.send(to: driver, type: 1, $0, 1) }
        if status == 5 { _ = System.yield() }
    }
    if status != System.ok { return 0xBAD0_0002 }
    let received = message.withAddress { System.receive(type: 2, $0, 256) }
    if received.status != System.ok { return 0xBAD0_0003 }
    var length = 0
    for byte in "reader got: ".utf8 {
        output.bytes[length] = byte
        length += 1
    }
    for index in 0..<Int(received.size) {
        output.bytes[length] = message.bytes[index]
        length += 1
    }
    output.bytes[length] = 10
    _ = output.withAddress { System.print($0, length + 1) }
    return received.size
}
