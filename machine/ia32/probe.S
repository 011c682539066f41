/*
 * machine/ia32/probe.S -- memory accesses that may fault, on purpose.
 *
 * A test that says "this access faults" must make the access, see the
 * page fault and carry on. The access is made by exactly one instruction
 * whose address is known (the `_access` labels below); the page-fault
 * handler (machine/ia32/page_fault.swift), when a probe is armed and the
 * faulting instruction is one of these, records the fault and makes the
 * CPU resume at the matching `_resume` label instead of retrying the
 * access. A fault at any other instruction stays a panic.
 *
 * The table at the end is that list of (access, resume) pairs: a small
 * exception table.
 */

        .text

/* uint32_t ia32_probe_read(uint32_t address): the byte at `address`,
 * zero-extended; 0 when the read faulted (%eax is cleared first, and the
 * faulting movzbl never wrote it). */
        .global ia32_probe_read
        .type ia32_probe_read, @function
ia32_probe_read:
        movl    4(%esp), %edx
        xorl    %eax, %eax
probe_read_access:
        movzbl  (%edx), %eax
probe_read_resume:
        ret
        .size ia32_probe_read, . - ia32_probe_read

/* void ia32_probe_write(uint32_t address, uint32_t value): writes the low
 * byte of `value` at `address`; nothing is written when it faulted. */
        .global ia32_probe_write
        .type ia32_probe_write, @function
ia32_probe_write:
        movl    4(%esp), %edx
        movl    8(%esp), %ecx
probe_write_access:
        movb    %cl, (%edx)
probe_write_resume:
        ret
        .size ia32_probe_write, . - ia32_probe_write

        .section .rodata
        .align 4
        .global ia32_probe_table
ia32_probe_table:
        .long   probe_read_access, probe_read_resume
        .long   probe_write_access, probe_write_resume
