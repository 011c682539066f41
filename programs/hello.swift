// programs/hello.swift -- the smallest program: prints a line from ring 3
// and ends with the exit value its starter asked for.

@_cdecl("program_main")
func programMain(_ value: UInt32, _ unused1: UInt32, _ unused2: UInt32, _ unused3: UInt32) -> UInt32 {
    print("hello from ring 3")
    return value
}
