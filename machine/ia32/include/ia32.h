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

/* Port I/O: the PC's devices (serial, PIC, PIT) live in a 64 KiB port space. */
static inline void outb(uint16_t port, uint8_t value) {
    __asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}
static inline uint8_t inb(uint16_t port) {
    uint8_t value;
    __asm__ volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
    return value;
}
static inline void outw(uint16_t port, uint16_t value) {
    __asm__ volatile("outw %0, %1" : : "a"(value), "Nd"(port));
}
static inline void outl(uint16_t port, uint32_t value) {
    __asm__ volatile("outl %0, %1" : : "a"(value), "Nd"(port));
}
static inline uint32_t inl(uint16_t port) {
    uint32_t value;
    __asm__ volatile("inl %1, %0" : "=a"(value) : "Nd"(port));
    return value;
}

/* Interrupt flag and halting. */
static inline void ia32_cli(void) { __asm__ volatile("cli" ::: "memory"); }
static inline void ia32_sti(void) { __asm__ volatile("sti" ::: "memory"); }
static inline void ia32_hlt(void) { __asm__ volatile("hlt" ::: "memory"); }
static inline void ia32_ud2(void) { __asm__ volatile("ud2"); }

/* Time stamp counter: cycles since reset (used by the statistics manager). */
static inline uint64_t ia32_rdtsc(void) {
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

/* Frame pointer of the caller: the start of a backtrace. */
static inline uint32_t ia32_ebp(void) {
    uint32_t ebp;
    __asm__ volatile("movl %%ebp, %0" : "=r"(ebp));
    return ebp;
}

/* Block copies and fills with the string instructions. memcpy and memset
 * use these instead of a loop, which the optimiser could turn back into a
 * call to memcpy -- itself. */
static inline void ia32_rep_movsb(void *dst, const void *src, uint32_t n) {
    __asm__ volatile("rep movsb" : "+D"(dst), "+S"(src), "+c"(n) : : "memory");
}
static inline void ia32_rep_stosb(void *dst, uint8_t value, uint32_t n) {
    __asm__ volatile("rep stosb" : "+D"(dst), "+c"(n) : "a"(value) : "memory");
}
/* Backward copy for overlapping memmove (direction flag set, then cleared). */
static inline void ia32_rep_movsb_backward(void *dst_last, const void *src_last, uint32_t n) {
    __asm__ volatile("std\n\trep movsb\n\tcld" : "+D"(dst_last), "+S"(src_last), "+c"(n) : : "memory");
}

#endif
