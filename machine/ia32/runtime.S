/*
 * machine/ia32/runtime.S -- two runtime symbols Swift cannot define.
 *
 * free(3): the name is reserved in Swift, so it is a jump to the heap's
 * Swift implementation, heap_free (machine/ia32/heap.swift).
 *
 * _swift_stdlib_nfd_decompositions: a pointer-valued global the string
 * normaliser reads; with no decompositions (see runtime.swift) it points
 * at an empty table.
 */
        .text
        .global free
        .type free, @function
free:
        jmp     heap_free
        .size free, . - free

        .section .rodata
        .global _swift_stdlib_nfd_decompositions
        .align 4
_swift_stdlib_nfd_decompositions:
        .long   empty_decompositions
empty_decompositions:
        .byte   0
