// machine/shared/fault.swift -- a memory fault, as a test observes it.
//
// A test that expects an access to fault (a write to a read-only region,
// a read after a region is released) asks the machine to *probe* the
// access (grader/harness/fault.swift): the machine makes it, catches the
// fault instead of panicking, and describes it with this value. ia32
// fills it from the page-fault error code and CR2
// (machine/ia32/page_fault.swift). Only the harness sees it: `package`.
//
// Both machines compile this file.

/// One memory fault: where, what kind of access, and why.
package struct MemoryFault: Equatable, Sendable {
    /// What the faulting instruction was doing.
    package enum Access: Equatable, Sendable {
        /// Reading data.
        case read
        /// Writing data.
        case write
        /// Fetching an instruction (ia32 reports it only with NX pages).
        case execute

        /// "read", "write" or "execute".
        package var description: String {
            switch self {
            case .read: return "read"
            case .write: return "write"
            case .execute: return "execute"
            }
        }
    }

    /// The virtual address that faulted (ia32: CR2).
    package let address: UInt64
    /// The access.
    package let access: Access
    /// True when the page was mapped and the access broke its
    /// protection (a write to a read-only page); false when it was not
    /// mapped at all.
    package let pagePresent: Bool
    /// True when the access came from user mode (ring 3).
    package let user: Bool

    /// A fault with these properties.
    package init(address: UInt64, access: Access, pagePresent: Bool, user: Bool) {
        self.address = address
        self.access = access
        self.pagePresent = pagePresent
        self.user = user
    }

    /// "write at 0x40001000 (protection violation, supervisor)".
    package var description: String {
        let digits = String(address, radix: 16)
        let padded = String(repeating: "0", count: max(0, 8 - digits.count)) + digits
        let cause = pagePresent ? "protection violation" : "page not present"
        return "\(access.description) at 0x\(padded) (\(cause), \(user ? "user" : "supervisor"))"
    }
}
