/*
 * machine/ia32/ring_probe.S -- code for the tests' threads, in any ring.
 *
 * A thread of a program (ring 3) cannot run the kernel's code: the
 * kernel's pages are supervisor-only. So the tests copy these few
 * position-independent instructions into a segment, map it in the
 * task's space, and start a thread there, whatever its ring. Nothing
 * here calls anything, so it works at any address.
 *
 * ia32_ring_probe: argument 0 (on the stack, above a return address)
 * is the address of a mailbox of 8 words in the thread's own space:
 *     0 the CPL (the low bits of %cs)    4 %esp at entry
 *     8 eflags      12 %ss      16 %ds   20 0x600DF00D once written
 * then executes ud2, an invalid instruction in every ring: the thread
 * cannot call the kernel to exit (system calls come with the IPC
 * assignment), so the kernel kills it (exception 6) and goes on.
 * ia32_spin_probe: increments word 0 of its mailbox forever, never
 * yielding: only the clock can take the processor back.
 * ia32_fault_probe: reads address 0, which no space maps: a page fault
 * in the thread, which the kernel must report and survive.
 */
        .section .rodata
        .global ia32_ring_probe, ia32_ring_probe_end
        .global ia32_fault_probe, ia32_fault_probe_end
        .global ia32_spin_probe, ia32_spin_probe_end

/* excerpt: ring-probe */
ia32_ring_probe:
        movl    4(%esp), %edi
        movl    %cs, %eax
        andl    $3, %eax
        movl    %eax, 0(%edi)
        movl    %esp, 4(%edi)
        pushfl
        popl    %eax
        movl    %eax, 8(%edi)
        movl    %ss, %eax
        movl    %eax, 12(%edi)
        movl    %ds, %eax
        movl    %eax, 16(%edi)
        movl    $0x600DF00D, 20(%edi)
        ud2
ia32_ring_probe_end:
/* end excerpt */

ia32_spin_probe:
        movl    4(%esp), %edi
1:      incl    0(%edi)
        jmp     1b
ia32_spin_probe_end:

ia32_fault_probe:
        xorl    %eax, %eax
        movl    (%eax), %eax
        jmp     ia32_fault_probe
ia32_fault_probe_end:
