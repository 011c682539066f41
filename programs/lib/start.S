/*
 * programs/lib/start.S -- a program's first instruction, and the trap
 * into the kernel.
 *
 * The kernel starts a program's thread at `_start` on a stack that looks
 * as if a C function had just been called: a zero return address, then
 * the four argument words the starter gave (reference/program/). So
 * `_start` drops the fake return address and calls `program_main` with
 * those words as its arguments; when main returns, its result becomes
 * the program's exit value (system call 2).
 */
        .text
        .global _start
        .type _start, @function
_start:
        popl    %eax
        call    program_main
        movl    %eax, %ebx
        movl    $2, %eax
        int     $48
        /* exit does not return: if it did, fault rather than run on */
        ud2
        .size _start, . - _start

/*
 * uint32_t user_system_call(uint32_t number, uint32_t a0, uint32_t a1,
 *                           uint32_t a2, uint32_t a3, uint32_t a4,
 *                           uint32_t *values)
 * The kernel's register convention (machine/ia32/system_call_gate.swift):
 * eax the number, ebx ecx edx esi edi the arguments; it answers with the
 * status in eax and three values in ebx, ecx, edx, copied to `values`
 * (if not null). ebx, esi, edi and ebp belong to the caller: kept.
 */
        .global user_system_call
        .type user_system_call, @function
user_system_call:
        pushl   %ebx
        pushl   %esi
        pushl   %edi
        pushl   %ebp
        movl    20(%esp), %eax
        movl    24(%esp), %ebx
        movl    28(%esp), %ecx
        movl    32(%esp), %edx
        movl    36(%esp), %esi
        movl    40(%esp), %edi
        int     $48
        movl    44(%esp), %ebp
        testl   %ebp, %ebp
        jz      1f
        movl    %ebx, 0(%ebp)
        movl    %ecx, 4(%ebp)
        movl    %edx, 8(%ebp)
1:      popl    %ebp
        popl    %edi
        popl    %esi
        popl    %ebx
        ret
        .size user_system_call, . - user_system_call

/* free(3) is a reserved name in Swift: jump to the arena's (runtime.swift). */
        .global free
        .type free, @function
free:
        jmp     user_free
        .size free, . - free
