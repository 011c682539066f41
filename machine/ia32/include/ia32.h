/*
 * machine/ia32/include/ia32.h -- the few instructions Swift cannot emit.
 *
 * Swift has no inline assembly, so each privileged or I/O instruction the
 * machine layer needs is a one-line static inline function here. The
 * compiler inlines them: calling outb() from Swift costs one `out`.
 */
#ifndef IA32_H
#define IA32_H

#include <stdint.h>

/* Swift compiles imported C functions without optimisation, which would
 * leave each of these a real call; always_inline makes them what they
 * look like, one or two instructions at the call site. */
#define IA32_INLINE static inline __attribute__((always_inline))

/* Port I/O: the PC's devices (serial, PIC, PIT) live in a 64 KiB port space. */
IA32_INLINE void outb(uint16_t port, uint8_t value) {
    __asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}
IA32_INLINE uint8_t inb(uint16_t port) {
    uint8_t value;
    __asm__ volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
    return value;
}
IA32_INLINE void outw(uint16_t port, uint16_t value) {
    __asm__ volatile("outw %0, %1" : : "a"(value), "Nd"(port));
}
IA32_INLINE void outl(uint16_t port, uint32_t value) {
    __asm__ volatile("outl %0, %1" : : "a"(value), "Nd"(port));
}
IA32_INLINE uint32_t inl(uint16_t port) {
    uint32_t value;
    __asm__ volatile("inl %1, %0" : "=a"(value) : "Nd"(port));
    return value;
}

/* Interrupt flag and halting. */
IA32_INLINE void ia32_cli(void) { __asm__ volatile("cli" ::: "memory"); }
IA32_INLINE void ia32_sti(void) { __asm__ volatile("sti" ::: "memory"); }
IA32_INLINE void ia32_hlt(void) { __asm__ volatile("hlt" ::: "memory"); }
IA32_INLINE void ia32_ud2(void) { __asm__ volatile("ud2"); }

/* Time stamp counter: cycles since reset (used by the statistics manager). */
IA32_INLINE uint64_t ia32_rdtsc(void) {
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

/* Frame pointer of the caller: the start of a backtrace. */
IA32_INLINE uint32_t ia32_ebp(void) {
    uint32_t ebp;
    __asm__ volatile("movl %%ebp, %0" : "=r"(ebp));
    return ebp;
}

/* Block copies and fills with the string instructions. memcpy and memset
 * use these instead of a loop, which the optimiser could turn back into a
 * call to memcpy -- itself.
 *
 * They move four bytes a step (`rep movsl`, `rep stosl`), then the last
 * zero to three bytes one by one. Each step of a `rep` is one instruction
 * to qemu's -icount, and a byte a step costs four times the steps (the
 * compiler's own inline copies are another matter: see the Makefile's
 * OPTIMIZE). x86 allows unaligned words, so neither end needs aligning. */
IA32_INLINE void ia32_copy_forward(void *dst, const void *src, uint32_t n) {
    uint32_t words = n >> 2, bytes = n & 3;
    __asm__ volatile("rep movsl" : "+D"(dst), "+S"(src), "+c"(words) : : "memory");
    __asm__ volatile("rep movsb" : "+D"(dst), "+S"(src), "+c"(bytes) : : "memory");
}
IA32_INLINE void ia32_fill(void *dst, uint8_t value, uint32_t n) {
    uint32_t words = n >> 2, bytes = n & 3;
    uint32_t pattern = (uint32_t)value * 0x01010101u;
    __asm__ volatile("rep stosl" : "+D"(dst), "+c"(words) : "a"(pattern) : "memory");
    __asm__ volatile("rep stosb" : "+D"(dst), "+c"(bytes) : "a"(pattern) : "memory");
}
/* Backward copy for overlapping memmove (direction flag set, then cleared). */
IA32_INLINE void ia32_rep_movsb_backward(void *dst_last, const void *src_last, uint32_t n) {
    __asm__ volatile("std\n\trep movsb\n\tcld" : "+D"(dst_last), "+S"(src_last), "+c"(n) : : "memory");
}

/* A no-op hint for busy-wait loops. */
IA32_INLINE void ia32_pause(void) { __asm__ volatile("pause" ::: "memory"); }

/* Enables interrupts and halts in one go. `sti` takes effect only after
 * the next instruction, so no interrupt can slip in between the two and
 * leave the CPU halted with nobody to wake it. */
IA32_INLINE void ia32_sti_hlt(void) { __asm__ volatile("sti\n\thlt" ::: "memory"); }

/* A short delay for old devices (the PIC): a write to the unused port
 * 0x80 takes about a microsecond on the ISA bus. */
IA32_INLINE void ia32_io_wait(void) { outb(0x80, 0); }

/* EFLAGS, and its interrupt-enable bit IF. */
IA32_INLINE uint32_t ia32_eflags(void) {
    uint32_t flags;
    __asm__ volatile("pushfl\n\tpopl %0" : "=r"(flags));
    return flags;
}

/* Control registers: cr0 (protection, paging), cr2 (the address of the
 * last page fault), cr3 (the page directory). */
IA32_INLINE uint32_t ia32_cr0(void) {
    uint32_t value;
    __asm__ volatile("movl %%cr0, %0" : "=r"(value));
    return value;
}
IA32_INLINE uint32_t ia32_cr2(void) {
    uint32_t value;
    __asm__ volatile("movl %%cr2, %0" : "=r"(value));
    return value;
}
IA32_INLINE uint32_t ia32_cr3(void) {
    uint32_t value;
    __asm__ volatile("movl %%cr3, %0" : "=r"(value));
    return value;
}

/* Writing the control registers (machine/ia32/paging_space.swift).
 * Setting CR0.PG turns paging on: from the next instruction on, every
 * address is translated through the directory CR3 names, so CR3 must
 * hold one first and the code doing it must be identity-mapped. Loading
 * CR3 also empties the TLB of every translation (we use no global pages). */
IA32_INLINE void ia32_set_cr0(uint32_t value) {
    __asm__ volatile("movl %0, %%cr0" : : "r"(value) : "memory");
}
IA32_INLINE void ia32_load_cr3(uint32_t directory) {
    __asm__ volatile("movl %0, %%cr3" : : "r"(directory) : "memory");
}

/* Drops the TLB's translation of the page holding `address` (and, on
 * the CPUs we run on, every cached directory entry: the paging-structure
 * caches). Needed after a present entry changes; see paging.swift. */
IA32_INLINE void ia32_invlpg(uint32_t address) {
    __asm__ volatile("invlpg (%0)" : : "r"(address) : "memory");
}

/* Probes (machine/ia32/probe.S): one byte read or written by a single
 * known instruction, so that a page fault there can be recovered from.
 * ia32_probe_table lists, per probe, the address of the accessing
 * instruction and the address to resume at: {read access, read resume,
 * write access, write resume}. */
uint32_t ia32_probe_read(uint32_t address);
void ia32_probe_write(uint32_t address, uint32_t value);
extern const uint32_t ia32_probe_table[4];
IA32_INLINE uint32_t ia32_probe_entry(uint32_t index) {
    return ia32_probe_table[index];
}

/* Thread switching (machine/ia32/context.S): saves the running thread's
 * registers on its stack and its stack pointer in *save, loads cr3 (if
 * not 0), and resumes the thread whose stack pointer is next. A new
 * thread's first switch returns into ia32_thread_start. */
void ia32_context_switch(uint32_t *save, uint32_t next, uint32_t cr3);
void ia32_thread_start(void);
IA32_INLINE uint32_t ia32_thread_start_address(void) {
    return (uint32_t)(uintptr_t)&ia32_thread_start;
}

/* Code the tests copy into a task's space and run in any ring
 * (machine/ia32/ring_probe.S): where each probe starts and one past its
 * last byte. */
extern const char ia32_ring_probe[], ia32_ring_probe_end[];
extern const char ia32_fault_probe[], ia32_fault_probe_end[];
extern const char ia32_spin_probe[], ia32_spin_probe_end[];
IA32_INLINE uint32_t ia32_ring_probe_start(void) { return (uint32_t)(uintptr_t)ia32_ring_probe; }
IA32_INLINE uint32_t ia32_ring_probe_stop(void) { return (uint32_t)(uintptr_t)ia32_ring_probe_end; }
IA32_INLINE uint32_t ia32_fault_probe_start(void) { return (uint32_t)(uintptr_t)ia32_fault_probe; }
IA32_INLINE uint32_t ia32_fault_probe_stop(void) { return (uint32_t)(uintptr_t)ia32_fault_probe_end; }
IA32_INLINE uint32_t ia32_spin_probe_start(void) { return (uint32_t)(uintptr_t)ia32_spin_probe; }
IA32_INLINE uint32_t ia32_spin_probe_stop(void) { return (uint32_t)(uintptr_t)ia32_spin_probe_end; }

/* The stack pointer where the caller stands. */
IA32_INLINE uint32_t ia32_esp(void) {
    uint32_t esp;
    __asm__ volatile("movl %%esp, %0" : "=r"(esp));
    return esp;
}

/* Descriptor table registers. lgdt and lidt read a 6-byte pseudo-descriptor:
 * the table's limit (its size minus one) then its linear base address. */
struct ia32_table_register {
    uint16_t limit;
    uint32_t base;
} __attribute__((packed));

IA32_INLINE void ia32_lgdt(uint32_t base, uint16_t limit) {
    struct ia32_table_register reg = { limit, base };
    __asm__ volatile("lgdt %0" : : "m"(reg) : "memory");
}
IA32_INLINE void ia32_lidt(uint32_t base, uint16_t limit) {
    struct ia32_table_register reg = { limit, base };
    __asm__ volatile("lidt %0" : : "m"(reg) : "memory");
}
IA32_INLINE struct ia32_table_register ia32_sgdt(void) {
    struct ia32_table_register reg;
    __asm__ volatile("sgdt %0" : "=m"(reg));
    return reg;
}
IA32_INLINE struct ia32_table_register ia32_sidt(void) {
    struct ia32_table_register reg;
    __asm__ volatile("sidt %0" : "=m"(reg));
    return reg;
}

/* After lgdt the CPU still uses the old descriptors cached in the segment
 * registers: reload every one. %cs can only change with a far jump or far
 * return, so push the new selector and the address of the next
 * instruction and `lret` to it. */
IA32_INLINE void ia32_reload_segments(uint16_t code, uint16_t data) {
    __asm__ volatile(
        "pushl %0\n\t"
        "pushl $1f\n\t"
        "lret\n"
        "1:\n\t"
        "movw %w1, %%ds\n\t"
        "movw %w1, %%es\n\t"
        "movw %w1, %%fs\n\t"
        "movw %w1, %%gs\n\t"
        "movw %w1, %%ss"
        : : "r"((uint32_t)code), "r"((uint32_t)data) : "memory");
}

/* Loads %ds alone; a selector past the end of the GDT raises #GP. */
IA32_INLINE void ia32_load_ds(uint16_t selector) {
    __asm__ volatile("movw %0, %%ds" : : "r"(selector) : "memory");
}

/* Loads the task register (the TSS selector); for later assignments. */
IA32_INLINE void ia32_ltr(uint16_t selector) {
    __asm__ volatile("ltr %0" : : "r"(selector));
}

/* The current code and data selectors. */
IA32_INLINE uint16_t ia32_cs(void) {
    uint16_t value;
    __asm__ volatile("movw %%cs, %0" : "=r"(value));
    return value;
}
IA32_INLINE uint16_t ia32_ds(void) {
    uint16_t value;
    __asm__ volatile("movw %%ds, %0" : "=r"(value));
    return value;
}
IA32_INLINE uint16_t ia32_ss(void) {
    uint16_t value;
    __asm__ volatile("movw %%ss, %0" : "=r"(value));
    return value;
}

/* Unsigned 32-bit division by the `div` instruction itself. Swift checks
 * every division and traps on zero before dividing; this one does not,
 * so a zero divisor raises the CPU's divide error (#DE, vector 0). */
IA32_INLINE uint32_t ia32_divl(uint32_t dividend, uint32_t divisor) {
    uint32_t quotient, remainder;
    __asm__ volatile("divl %4"
                     : "=a"(quotient), "=d"(remainder)
                     : "a"(dividend), "d"(0), "rm"(divisor));
    return quotient;
}

/* Raises the vector of PIC line `irq` (32 + irq) in software, as if the
 * PIC had delivered it: tests drive the interrupt dispatcher this way
 * without a device. `int` takes its vector as an immediate, hence the
 * switch. */
#define IA32_RAISE(n) case n: __asm__ volatile("int %0" : : "i"(32 + n) : "memory"); break;
IA32_INLINE void ia32_raise_irq(uint8_t irq) {
    switch (irq) {
    IA32_RAISE(0) IA32_RAISE(1) IA32_RAISE(2) IA32_RAISE(3)
    IA32_RAISE(4) IA32_RAISE(5) IA32_RAISE(6) IA32_RAISE(7)
    IA32_RAISE(8) IA32_RAISE(9) IA32_RAISE(10) IA32_RAISE(11)
    IA32_RAISE(12) IA32_RAISE(13) IA32_RAISE(14) IA32_RAISE(15)
    default: break;
    }
}
#undef IA32_RAISE

/* What the linker script and boot/multiboot.S define: where the kernel
 * image, its code and its boot stack lie. Only their addresses matter. */
extern char kernel_start[], kernel_end[], text_start[], text_end[];
extern char boot_stack_bottom[], boot_stack_top[];

IA32_INLINE uint32_t ia32_kernel_start(void) { return (uint32_t)kernel_start; }
IA32_INLINE uint32_t ia32_kernel_end(void) { return (uint32_t)kernel_end; }
IA32_INLINE uint32_t ia32_text_start(void) { return (uint32_t)text_start; }
IA32_INLINE uint32_t ia32_text_end(void) { return (uint32_t)text_end; }
IA32_INLINE uint32_t ia32_boot_stack_bottom(void) { return (uint32_t)boot_stack_bottom; }
IA32_INLINE uint32_t ia32_boot_stack_top(void) { return (uint32_t)boot_stack_top; }

/* The interrupt stubs (machine/ia32/interrupts.S): entry i is the
 * address of the stub for vector i, 0 <= i < IA32_STUB_COUNT. */
#define IA32_STUB_COUNT 49
extern const uint32_t ia32_interrupt_stubs[IA32_STUB_COUNT];
IA32_INLINE uint32_t ia32_interrupt_stub(uint32_t vector) {
    return ia32_interrupt_stubs[vector];
}

/* The registers saved by the common interrupt stub, lowest address first.
 * The stub pushes them in the opposite order: the CPU pushes eflags, cs,
 * eip (and, for some exceptions, an error code); the stub pushes a zero
 * error code when the CPU did not, the vector number, the eight general
 * registers with `pushal`, then the four data segment registers. */
/* excerpt: frame */
struct ia32_frame {
    uint32_t gs, fs, es, ds;
    uint32_t edi, esi, ebp, esp_at_pushal, ebx, edx, ecx, eax;
    uint32_t vector, error;
    uint32_t eip, cs, eflags;
    /* Pushed only when the interrupt came from a less privileged ring. */
    uint32_t user_esp, user_ss;
};
/* end excerpt */

#endif
