/*
 * programs/lib/probes.S -- privileged instructions. A program must not be
 * allowed to use them, and the tests check that the kernel stops it
 * (programs/hostile.swift); a driver may use the ports granted to its
 * task (programs/serial.swift, programs/ports.swift).
 */
        .text
/* uint32_t user_port_read(uint32_t port): `inb` from a port. In ring 3
 * without the I/O rights, a general protection fault. */
        .global user_port_read
        .type user_port_read, @function
user_port_read:
        movl    4(%esp), %edx
        xorl    %eax, %eax
        inb     %dx, %al
        ret
        .size user_port_read, . - user_port_read

/* void user_port_write(uint32_t port, uint32_t value): `outb`. */
        .global user_port_write
        .type user_port_write, @function
user_port_write:
        movl    4(%esp), %edx
        movl    8(%esp), %eax
        outb    %al, %dx
        ret
        .size user_port_write, . - user_port_write

/* void user_raise_exception(void): `int $13`, as if the processor had
 * raised a general protection fault. Gate 13 is closed to ring 3: the
 * processor raises a real one instead. */
        .global user_raise_exception
        .type user_raise_exception, @function
user_raise_exception:
        int     $13
        ret
        .size user_raise_exception, . - user_raise_exception

/* void user_disable_interrupts(void): `cli`, which only IOPL may do. */
        .global user_disable_interrupts
        .type user_disable_interrupts, @function
user_disable_interrupts:
        cli
        ret
        .size user_disable_interrupts, . - user_disable_interrupts
