/*
 * machine/ia32/interrupts.S -- the first instructions of every interrupt.
 *
 * When an exception or an interrupt arrives, the CPU looks up its vector
 * in the IDT (machine/ia32/idt.swift) and jumps to the stub named there,
 * having pushed eflags, cs and eip on the current stack -- plus an error
 * code for a few exceptions. Swift cannot be that first code: it knows
 * nothing of the registers of the interrupted program, and it must return
 * with `iret`, not `ret`. So each vector gets a three-instruction stub that
 * makes every frame look the same (pushes a zero where the CPU pushed no
 * error code, then the vector number), and one common stub saves the rest
 * and calls the Swift dispatcher, interrupt_dispatch, with a pointer to
 * the saved registers (struct ia32_frame in include/ia32.h).
 *
 * Vectors 0-31 are the CPU's exceptions; 32-47 are the 16 PIC lines,
 * which machine/ia32/pic.swift moves there; 48 is the system call, the
 * one vector a program in ring 3 may raise itself (`int $48`,
 * machine/ia32/system_call_gate.swift).
 */

        .set KERNEL_DATA_SELECTOR, 0x10

/* excerpt: stubs */
/* A stub for a vector where the CPU pushes no error code. */
.macro STUB_NO_ERROR vector
stub_\vector:
        pushl   $0
        pushl   $\vector
        jmp     interrupt_common
.endm

/* A stub for a vector where the CPU has already pushed an error code. */
.macro STUB_ERROR vector
stub_\vector:
        pushl   $\vector
        jmp     interrupt_common
.endm
/* end excerpt */

        .text
/* The exceptions. The CPU pushes an error code for 8 (double fault),
 * 10-14 (TSS, segment, stack, general protection, page fault),
 * 17 (alignment check), 21 (control protection) and 29-30. */
        STUB_NO_ERROR 0
        STUB_NO_ERROR 1
        STUB_NO_ERROR 2
        STUB_NO_ERROR 3
        STUB_NO_ERROR 4
        STUB_NO_ERROR 5
        STUB_NO_ERROR 6
        STUB_NO_ERROR 7
        STUB_ERROR    8
        STUB_NO_ERROR 9
        STUB_ERROR    10
        STUB_ERROR    11
        STUB_ERROR    12
        STUB_ERROR    13
        STUB_ERROR    14
        STUB_NO_ERROR 15
        STUB_NO_ERROR 16
        STUB_ERROR    17
        STUB_NO_ERROR 18
        STUB_NO_ERROR 19
        STUB_NO_ERROR 20
        STUB_ERROR    21
        STUB_NO_ERROR 22
        STUB_NO_ERROR 23
        STUB_NO_ERROR 24
        STUB_NO_ERROR 25
        STUB_NO_ERROR 26
        STUB_NO_ERROR 27
        STUB_NO_ERROR 28
        STUB_ERROR    29
        STUB_ERROR    30
        STUB_NO_ERROR 31
/* The 16 PIC lines (IRQ 0-15) never push an error code. */
        STUB_NO_ERROR 32
        STUB_NO_ERROR 33
        STUB_NO_ERROR 34
        STUB_NO_ERROR 35
        STUB_NO_ERROR 36
        STUB_NO_ERROR 37
        STUB_NO_ERROR 38
        STUB_NO_ERROR 39
        STUB_NO_ERROR 40
        STUB_NO_ERROR 41
        STUB_NO_ERROR 42
        STUB_NO_ERROR 43
        STUB_NO_ERROR 44
        STUB_NO_ERROR 45
        STUB_NO_ERROR 46
        STUB_NO_ERROR 47
/* The system call: `int $48` pushes no error code either. */
        STUB_NO_ERROR 48

/*
 * interrupt_common: every stub ends here with the vector and an error code
 * on the stack, above the CPU's eip, cs and eflags.
 *   1. save the general registers and the data segment registers;
 *   2. load the kernel's data segments (the interrupted code may, in
 *      later assignments, have run with the user's);
 *   3. call interrupt_dispatch(frame) on a 16-byte aligned stack, as the
 *      i386 ABI asks, keeping the old %esp in %ebx (preserved by calls);
 *   4. restore everything in reverse, drop vector and error code, iret.
 */
        .type interrupt_common, @function
/* excerpt: interrupt-common */
interrupt_common:
        /* 1. */
        pushal
        pushl   %ds
        pushl   %es
        pushl   %fs
        pushl   %gs
        /* 2. */
        movw    $KERNEL_DATA_SELECTOR, %ax
        movw    %ax, %ds
        movw    %ax, %es
        movw    %ax, %fs
        movw    %ax, %gs
        /* 3. */
        cld
        movl    %esp, %ebx
        andl    $-16, %esp
        subl    $12, %esp
        pushl   %ebx
        call    interrupt_dispatch
        movl    %ebx, %esp
        /* 4. */
        popl    %gs
        popl    %fs
        popl    %es
        popl    %ds
        popal
        addl    $8, %esp
        iret
/* end excerpt */
        .size interrupt_common, . - interrupt_common

/* The table of stub addresses, read by the IDT code to fill the gates. */
        .section .rodata
        .align 4
        .global ia32_interrupt_stubs
ia32_interrupt_stubs:
        .irp vector, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48
        .long   stub_\vector
        .endr
