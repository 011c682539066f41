// machine/ia32/boot_modules.swift -- the multiboot modules, for the
// core's program manager.
//
// qemu's -initrd (or GRUB's `module`) loads each file at a page boundary
// above the kernel and lists it in the multiboot information
// (multiboot.swift); the physical memory manager keeps those pages out of
// the segments. The kernel's space maps physical memory one to one below
// the region window (paging.swift), so a module's bytes are read in place.

internal import IA32

extension Machine {
    /// The modules of the multiboot information, named by the last word
    /// of their string.
    @export(interface)
    public static func modules() -> [LoadedModule] {
        var found: [LoadedModule] = []
        for module in Multiboot.modules {
            found.append(LoadedModule(name: LoadedModule.name(in: module.string),
                                      size: UInt64(module.end &- module.start)))
        }
        return found
    }

    /// Bytes of module `index`, read in place.
    ///
    /// Steps: 1. find the module; 2. check the run lies inside it;
    /// 3. copy it out.
    @export(interface)
    public static func moduleBytes(_ index: Int, offset: UInt64, count: UInt64) throws(KernelError) -> [UInt8] {
        // 1.
        var found: BootModule? = nil
        var position = 0
        for module in Multiboot.modules {
            if position == index {
                found = module
            }
            position += 1
        }
        guard let module = found, module.end >= module.start else {
            throw KernelError.outOfRange
        }
        // 2.
        let size = UInt64(module.end - module.start)
        if offset > size || count > size - offset {
            throw KernelError.outOfRange
        }
        // 3.
        let first = UnsafePointer<UInt8>(bitPattern: UInt(module.start) + UInt(offset))
        guard let first, count > 0 else {
            return []
        }
        return Array(UnsafeBufferPointer(start: first, count: Int(count)))
    }

    /// EM_386: the 32-bit x86.
    public static var executableMachine: UInt16 { 3 }
}
