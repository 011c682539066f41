// machine/shared/system_call.swift -- a system call, as the machine hands
// it to the core.
//
// A program asks the kernel for something by trapping into it (ia32: the
// instruction `int $48`, through a gate that ring 3 may use). The machine
// saves the program's registers, as for any interrupt, and hands the core
// the words the program left there: which call, and its arguments. The
// core does the work and fills in a status and up to two values, which the
// machine writes back into the saved registers, so that the program finds
// them there when the trap returns.
//
//     program                 machine                    core
//     eax = 5 (send)   int   -> SystemCall(number: 5,  -> SystemCallManager
//     ebx..edi = args   -->     arguments: ebx..edi)      .handle(&call)
//     eax = status     <--   <- status, values[0..2]   <-
//
// The words are the program's, not the kernel's: every one of them may be
// a lie (a pointer into the kernel, a size of 4 GiB). The core checks them
// all (reference/syscall/).

/// The words of one system call: the number and five arguments the
/// program passed, and the status and three values the core returns.
public struct SystemCall: Sendable {
    /// Number of argument words a call may carry.
    public static let argumentCount = 5

    /// Which call (`SystemCallNumber` in the core).
    public let number: UInt32
    /// The arguments, in the order the user library passed them.
    public let arguments: InlineArray<5, UInt32>
    /// 0 for success, otherwise a `KernelError` code.
    public var status: UInt32 = 0
    /// The results (their meaning depends on the call).
    public var values: InlineArray<3, UInt32> = .init(repeating: 0)

    /// A call numbered `number` with these arguments.
    public init(number: UInt32, arguments: InlineArray<5, UInt32>) {
        self.number = number
        self.arguments = arguments
    }
}

extension KernelError {
    /// Every error, in the order of its status word (1, 2, ...): the
    /// numbering programs see, so it never changes.
    static let statusOrder: [KernelError] = [
        .unknownIdentifier, .duplicateIdentifier, .empty, .outOfRange, .invalidArgument,
        .exhausted, .permissionDenied, .busy, .machineRefused, .notImplemented,
    ]

    /// The status word a system call that failed with this error returns
    /// (never 0, which is success).
    public var status: UInt32 {
        var code: UInt32 = 1
        for error in Self.statusOrder {
            if error == self {
                return code
            }
            code += 1
        }
        return code
    }

    /// The error a status word stands for; nil for 0 (success) and for
    /// words no error has.
    public init?(status: UInt32) {
        guard status >= 1 && Int(status) <= Self.statusOrder.count else {
            return nil
        }
        self = Self.statusOrder[Int(status) - 1]
    }
}
