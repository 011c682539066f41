// machine/host/boot_modules.swift -- boot modules on the host: the files a host
// test hands the machine before it starts the kernel.

extension Machine {
    /// The modules, as a test loaded them (name, bytes).
    nonisolated(unsafe) static var loaded: [(name: String, bytes: [UInt8])] = []

    /// Loads `bytes` as a module named `name`, after the others, as a
    /// boot loader would (host tests only).
    public static func loadModule(named name: String, _ bytes: [UInt8]) {
        loaded.append((name, bytes))
    }

    /// Forgets every module.
    public static func unloadModules() {
        loaded = []
    }

    /// The modules loaded so far.
    public static func modules() -> [LoadedModule] {
        loaded.map { LoadedModule(name: $0.name, size: UInt64($0.bytes.count)) }
    }

    /// Bytes of module `index`.
    public static func moduleBytes(_ index: Int, offset: UInt64, count: UInt64) throws(KernelError) -> [UInt8] {
        guard index >= 0 && index < loaded.count else {
            throw KernelError.outOfRange
        }
        let bytes = loaded[index].bytes
        if offset > UInt64(bytes.count) || count > UInt64(bytes.count) - offset {
            throw KernelError.outOfRange
        }
        return Array(bytes[Int(offset)..<Int(offset + count)])
    }

    /// EM_386: the host runs no program, but reads the same files.
    public static var executableMachine: UInt16 { 3 }
}
