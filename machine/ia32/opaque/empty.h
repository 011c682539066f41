/* machine/ia32/include/opaque/empty.h -- deliberately empty: see module.modulemap. */
