/*
 * boot/multiboot.S -- the first instructions the kernel runs.
 *
 * A multiboot v1 loader (qemu's -kernel, GRUB) finds the header below in
 * the first 8 KiB of the image, loads the ELF at 1 MiB, and jumps to
 * _start in 32-bit protected mode with paging off and interrupts off:
 *   %eax = 0x2BADB002 (proof that a multiboot loader started us)
 *   %ebx = physical address of the multiboot information structure
 * The loader gives us no stack, so the first job is to set one up; then
 * we hand both registers to the Swift entry point, kernel_main.
 */

        /* excerpt: multiboot-header */
        .set MULTIBOOT_MAGIC,   0x1BADB002
        .set MULTIBOOT_ALIGN,   1 << 0          /* modules on page boundaries */
        .set MULTIBOOT_MEMINFO, 1 << 1          /* please fill mem_* and mmap_* */
        .set MULTIBOOT_FLAGS,   MULTIBOOT_ALIGN | MULTIBOOT_MEMINFO

        .section .multiboot, "a"
        .align 4
        .long MULTIBOOT_MAGIC
        .long MULTIBOOT_FLAGS
        .long -(MULTIBOOT_MAGIC + MULTIBOOT_FLAGS)   /* the three sum to 0 */
        /* end excerpt */

        /* The boot stack: 64 KiB in .bss, 16-byte aligned as the ABI wants. */
        .section .bss
        .align 16
        .global boot_stack_bottom
boot_stack_bottom:
        .skip 65536
        .global boot_stack_top
boot_stack_top:

        .section .text
        .global _start
        .type _start, @function
/* excerpt: start */
_start:
        /* 1. a stack; a zero frame pointer ends every backtrace here */
        movl    $boot_stack_top, %esp
        xorl    %ebp, %ebp
        /* 2. clear the direction flag, as the C and Swift ABIs assume */
        cld
        /* 3. kernel_main(magic, info): cdecl pushes right to left */
        pushl   %ebx
        pushl   %eax
        call    kernel_main
        /* 4. kernel_main never returns; if it does, stop the CPU for good */
1:      cli
        hlt
        jmp     1b
/* end excerpt */
        .size _start, . - _start
