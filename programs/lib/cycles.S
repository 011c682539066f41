/*
 * programs/lib/cycles.S -- the time-stamp counter, for the benchmarks.
 *
 * uint64_t user_cycles(void): `rdtsc`, which ring 3 may use (the kernel
 * leaves CR4.TSD clear). Under qemu's icount the counter advances with
 * the instructions executed; without it, with the host's cycles.
 */
        .text
        .global user_cycles
        .type user_cycles, @function
user_cycles:
        rdtsc
        ret
        .size user_cycles, . - user_cycles
