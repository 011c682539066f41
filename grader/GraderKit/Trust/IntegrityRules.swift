// grader/GraderKit/Trust/IntegrityRules.swift -- what the integrity scan looks for, in one table.
//
// Each rule names a construct an honest solution of a data-structure
// assignment rarely needs and a forged one would: memory the type system
// does not check, symbols bound by name, machine code, the harness's own
// protocol words, and the machine's exit and serial layer (the only ways
// to make the grader read a verdict the tests did not give). A match is a
// note for the teacher; the reason says in one line why it is worth a look.
//
// Machine files a student owns (03-region's page tables) work with raw
// memory by nature: the pointer rules are not applied to them, every
// other rule is (a verdict still has to be printed, and printing means
// the serial layer, a port, or the machine's exit).

/// One thing the integrity scan flags.
public struct IntegrityRule: Sendable, Equatable {
    /// A short name, shown with every flag ("raw-pointer").
    public var name: String
    /// A regular expression (Swift `Regex` syntax, simple word boundaries)
    /// matched against each line with its comments removed.
    public var pattern: String
    /// Why it matters, in one line a teacher understands.
    public var reason: String
    /// Whether the rule applies to machine files too (false: the
    /// construct is ordinary machine code, raw pointers for instance).
    public var inMachine: Bool

    /// The rule `name`: lines matching `pattern` are flagged for `reason`
    /// (in machine files too unless `inMachine` is false).
    public init(name: String, pattern: String, reason: String, inMachine: Bool = true) {
        self.name = name
        self.pattern = pattern
        self.reason = reason
        self.inMachine = inMachine
    }

    /// Every rule, in the order flags of one line are listed.
    public static let all: [IntegrityRule] = [
        IntegrityRule(name: "raw-pointer",
                      pattern: #"\b(Unsafe(Mutable)?(Raw)?(Buffer)?Pointer|OpaquePointer)\b"#,
                      reason: "a raw pointer can read or write any memory, the test harness's included", inMachine: false),
        IntegrityRule(name: "unsafe-access", pattern: #"\bwithUnsafe\w*"#,
                      reason: "hands out a raw pointer to a value's memory", inMachine: false),
        IntegrityRule(name: "bit-pattern", pattern: #"\bbitPattern\s*:"#,
                      reason: "makes a pointer out of a number, or reinterprets raw bits", inMachine: false),
        IntegrityRule(name: "unsafe-cast", pattern: #"\bunsafeBitCast\b"#,
                      reason: "reinterprets a value as any other type, unchecked"),
        IntegrityRule(name: "unsafe-address", pattern: #"\bunsafe(Mutable)?Address\b"#,
                      reason: "an accessor that returns raw memory instead of a value"),
        IntegrityRule(name: "symbol-attribute", pattern: #"@_(silgen_name|extern|cdecl)\b"#,
                      reason: "binds a function to a symbol by name: can call or replace harness and machine code"),
        IntegrityRule(name: "section-attribute", pattern: #"@_(section|used)\b"#,
                      reason: "places data in a linker section of its choice, where the harness or boot code may read it"),
        IntegrityRule(name: "machine-code", pattern: #"\b(asm|__asm__|__asm)\b|(^|\s)\.byte\b"#,
                      reason: "inline machine code, out of the compiler's sight"),
        IntegrityRule(name: "verdict-word", pattern: #"\b(KTEST|[Nn]once|NONCE)\b"#,
                      reason: "a word of the harness's verdict protocol: a kernel printing it may forge a result"),
        // A bare `exit(` (the C library's), not a method or a case named
        // exit (`ThreadManager.exit(`, `.exit(value)`, `func exit(`,
        // `case exit(`), which the task and thread managers have.
        IntegrityRule(name: "machine-exit", pattern: #"\bMachine\s*\.\s*exit\b|(^|[^.\w\s])\s*exit\s*\("#,
                      reason: "stops the machine directly, without the harness reporting a verdict"),
        IntegrityRule(name: "serial-layer", pattern: #"\bSerial\s*\.|\bputchar\b"#,
                      reason: "writes to the serial line directly, where the grader reads verdicts"),
        IntegrityRule(name: "port-io", pattern: #"\b(outb|inb|outw|inw|outl|inl)\b"#,
                      reason: "talks to hardware ports directly (the serial port, qemu's exit device)"),
        IntegrityRule(name: "exit-port", pattern: #"\b0x0*[fF]4\b"#,
                      reason: "the number of qemu's exit port (0xf4), used to end a run with a chosen status"),
    ]
}
