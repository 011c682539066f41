/* programs/lib/include/user.h -- the assembly a program's Swift calls
 * (programs/lib/start.S), declared for the Swift compiler. */
#ifndef USER_H
#define USER_H

#include <stdint.h>

/* Traps into the kernel with `int $48`: number in eax, a0..a4 in ebx,
 * ecx, edx, esi, edi; returns the status (eax) and copies the three
 * values (ebx, ecx, edx) to `values` unless it is null. */
uint32_t user_system_call(uint32_t number, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4,
                          uint32_t *values);

/* Instructions a program may not use (probes.S): each faults in ring 3. */
uint32_t user_port_read(uint32_t port);
void user_port_write(uint32_t port, uint32_t value);
void user_raise_exception(void);
void user_disable_interrupts(void);

/* The time-stamp counter (cycles.S). */
uint64_t user_cycles(void);

#endif
