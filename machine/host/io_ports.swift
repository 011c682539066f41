// machine/host/io_ports.swift -- I/O ports on the host: no hardware, so
// the machine only keeps what the core granted, for the tests to read.

extension Machine {
    /// Each task's granted ports.
    nonisolated(unsafe) static var grantedPorts: [Identifier: Set<UInt32>] = [:]

    /// The same range as ia32: ports 0 to 1023.
    public static var ioPortCount: UInt32 { 1024 }

    /// Keeps the grant (or drops the denial), refusing what ia32 would.
    public static func ioChanged(_ task: Identifier, first: UInt32, count: UInt32, granted: Bool) throws(KernelError) {
        guard count > 0, first < ioPortCount, count <= ioPortCount - first else {
            throw KernelError.machineRefused
        }
        var ports = grantedPorts[task] ?? []
        for port in first..<first + count {
            if granted { ports.insert(port) } else { ports.remove(port) }
        }
        grantedPorts[task] = ports
    }

    /// True if the port was granted and not denied since.
    public static func ioGranted(_ task: Identifier, port: UInt32) -> Bool {
        grantedPorts[task]?.contains(port) ?? false
    }
}
