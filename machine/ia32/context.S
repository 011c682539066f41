/*
 * machine/ia32/context.S -- switching from one thread to another, and a
 * new thread's first instructions.
 *
 * A thread that is not running is a stack pointer. Everything else it
 * needs to go on -- its registers, where it was -- is on its stack,
 * pushed by ia32_context_switch when it was switched out (and, below
 * that, by the interrupt or the call that brought it into the kernel).
 * So switching is: push what the C convention says a function must
 * keep (ebx, esi, edi, ebp) and the flags, save %esp, load the other
 * thread's %esp, pop the same things in reverse, return -- into the
 * other thread, at the point where *it* called ia32_context_switch.
 *
 * A thread's stack may live in its own address space only (a ring-0
 * thread runs on its region-window stack), so the switch of address
 * space (%cr3) sits between saving the old %esp and loading the new one,
 * where no stack is touched, with interrupts off.
 */

        .text

/*
 * void ia32_context_switch(uint32_t *save, uint32_t next, uint32_t cr3)
 *   save: where to keep the current thread's stack pointer;
 *   next: the stack pointer of the thread to resume (one this function
 *         saved, or one context.swift built for a first run);
 *   cr3:  the page directory to load, 0 to keep the current one.
 *   1. read the arguments while the old stack is still ours;
 *   2. push the flags (with them, whether interrupts were on), turn
 *      interrupts off, push the callee-saved registers;
 *   3. save %esp; load %cr3 if asked; load the new %esp;
 *   4. pop the new thread's registers and flags; return into it.
 */
        .global ia32_context_switch
        .type ia32_context_switch, @function
/* excerpt: context-switch */
ia32_context_switch:
        /* 1. */
        movl    4(%esp), %eax
        movl    8(%esp), %edx
        movl    12(%esp), %ecx
        /* 2. */
        pushfl
        cli
        pushl   %ebp
        pushl   %ebx
        pushl   %esi
        pushl   %edi
        /* 3. */
        movl    %esp, (%eax)
        testl   %ecx, %ecx
        jz      1f
        movl    %ecx, %cr3
1:      movl    %edx, %esp
        /* 4. */
        popl    %edi
        popl    %esi
        popl    %ebx
        popl    %ebp
        popfl
        ret
/* end excerpt */
        .size ia32_context_switch, . - ia32_context_switch

/*
 * ia32_thread_start: where a new thread's first switch "returns" to.
 * context.swift built its kernel stack so that ia32_context_switch pops
 * zeros, interrupts-off flags, then returns here with %esp pointing at
 * the address of the thread's start block, five words:
 *     0 eip   the entry     4 esp   its stack pointer
 *     8 eflags (interrupts on)    12 cs   16 ds (the ring's selectors)
 * The only way into a less privileged ring is a return from an
 * interrupt, so the start is a made-up one: iret pops eip, cs and
 * eflags, and, when cs is of an outer ring, esp and ss too.
 *   1. take the start block; load the data segments of the ring;
 *   2. ring 0: iret keeps the stack, so move onto the thread's stack and
 *      push eip, cs, eflags there;
 *   3. other rings: push ss, esp, eflags, cs, eip on this (kernel) stack;
 *   4. iret.
 */
        .global ia32_thread_start
        .type ia32_thread_start, @function
/* excerpt: thread-start */
ia32_thread_start:
        /* 1. */
        popl    %esi
        movl    16(%esi), %eax
        movw    %ax, %ds
        movw    %ax, %es
        movw    %ax, %fs
        movw    %ax, %gs
        testl   $3, 12(%esi)
        jnz     2f
        /* 2. */
        movl    4(%esi), %esp
        pushl   8(%esi)
        pushl   12(%esi)
        pushl   0(%esi)
        jmp     3f
        /* 3. */
2:      pushl   16(%esi)
        pushl   4(%esi)
        pushl   8(%esi)
        pushl   12(%esi)
        pushl   0(%esi)
        /* 4. */
3:      xorl    %eax, %eax
        xorl    %ebx, %ebx
        xorl    %ecx, %ecx
        xorl    %edx, %edx
        xorl    %esi, %esi
        xorl    %edi, %edi
        xorl    %ebp, %ebp
        iret
/* end excerpt */
        .size ia32_thread_start, . - ia32_thread_start
