// grader/Runner/HarnessLine.swift -- one line of the serial protocol, parsed.
//
// The harness and the panic handler print lines that start with "KTEST "
// or "PANIC " followed by words, most of them key=value (see the protocol
// in docs/contributing.md). A `message=` field is always last and runs to
// the end of the line, spaces included. This file turns one line of text
// into a `HarnessLine`, or nil when the line is not part of the protocol.
// Deciding which lines to believe (the nonce) is the transcript's job.

import GraderModel

/// A protocol line of the kernel's serial output.
public enum HarnessLine: Equatable, Sendable {
    /// `KTEST START name=<test> nonce=<n>`
    case start(test: String, nonce: String)
    /// `KTEST PASS name=<test> nonce=<n>`
    case pass(test: String, nonce: String)
    /// `KTEST FAIL name=<test> nonce=<n> message=<text>`
    case fail(test: String, nonce: String, message: String)
    /// `KTEST NOTEST name=<test> nonce=<n>`
    case noTest(test: String, nonce: String)
    /// `KTEST TEST name=<test> nonce=<n>` (the answer to `list`)
    case listed(test: String, nonce: String)
    /// `KTEST CHECK name=<test>.<check> nonce=<n> status=pass|fail [message=<text>]`
    case check(name: String, nonce: String, passed: Bool, message: String?)
    /// `PANIC kind=... vector=... name=... error=0x... eip=0x... nonce=<n>`
    case panicHeader(PanicHeader)
    /// `PANIC regs eax=0x... ...`
    case panicRegisters([String: UInt32])
    /// `PANIC frame 0x...`
    case panicFrame(UInt32)
    /// `PANIC end`
    case panicEnd
    /// `PANIC fault address=0x... access=<read|write|execute>
    /// page=<present|not-present> mode=<user|supervisor>` (page faults)
    case panicFault(PanicReport.PageFaultDetail)

    /// The first line of a panic report.
    public struct PanicHeader: Equatable, Sendable {
        public var kind: String
        public var vector: Int
        public var name: String
        public var errorCode: UInt32
        public var eip: UInt32
        public var nonce: String
    }

    /// Parses one line (without its end of line).
    ///
    /// Steps:
    /// 1. find the tag; text the kernel printed before it on the same
    ///    line (output without a final newline) is skipped;
    /// 2. cut off the `message=` field, which may hold spaces;
    /// 3. split the rest into a verb and key=value fields;
    /// 4. build the case the verb names, nil if a field is missing.
    public init?(_ line: String) {
        // 1.
        guard let (tag, body) = HarnessLine.tagAndBody(of: line) else { return nil }
        // 2.
        var head = body
        var message: String?
        if let range = body.range(of: " message=") {
            head = body[..<range.lowerBound]
            message = String(body[range.upperBound...])
        }
        // 3.
        let words = head.split(separator: " ", omittingEmptySubsequences: true)
        guard let verb = words.first else { return nil }
        let fields = HarnessLine.fields(in: words.dropFirst())
        // 4.
        let parsed = tag == "KTEST"
            ? HarnessLine.ktest(verb: verb, fields: fields, message: message)
            : HarnessLine.panic(verb: verb, words: words, fields: fields)
        guard let parsed else { return nil }
        self = parsed
    }

    /// The tag ("KTEST" or "PANIC") and the text after it, from the first
    /// tag on the line.
    private static func tagAndBody(of line: String) -> (String, Substring)? {
        let candidates = ["KTEST ", "PANIC "].compactMap { tag in
            line.range(of: tag).map { (tag, $0) }
        }
        guard let (tag, range) = candidates.min(by: { $0.1.lowerBound < $1.1.lowerBound }) else {
            return nil
        }
        return (String(tag.dropLast()), line[range.upperBound...])
    }

    /// The key=value words as a dictionary (words without "=" are skipped).
    private static func fields(in words: ArraySlice<Substring>) -> [String: String] {
        var fields: [String: String] = [:]
        for word in words {
            guard let equals = word.firstIndex(of: "=") else { continue }
            fields[String(word[..<equals])] = String(word[word.index(after: equals)...])
        }
        return fields
    }

    private static func ktest(verb: Substring, fields: [String: String], message: String?) -> HarnessLine? {
        guard let name = fields["name"], let nonce = fields["nonce"] else { return nil }
        switch verb {
        case "START": return .start(test: name, nonce: nonce)
        case "PASS": return .pass(test: name, nonce: nonce)
        case "FAIL": return .fail(test: name, nonce: nonce, message: message ?? "")
        case "NOTEST": return .noTest(test: name, nonce: nonce)
        case "TEST": return .listed(test: name, nonce: nonce)
        case "CHECK":
            guard let status = fields["status"], status == "pass" || status == "fail" else { return nil }
            return .check(name: name, nonce: nonce, passed: status == "pass", message: message)
        default: return nil
        }
    }

    private static func panic(verb: Substring, words: [Substring], fields: [String: String]) -> HarnessLine? {
        switch verb {
        case "end":
            return .panicEnd
        case "frame":
            guard words.count >= 2, let address = hexValue(words[1]) else { return nil }
            return .panicFrame(address)
        case "regs":
            return .panicRegisters(fields.compactMapValues { hexValue(Substring($0)) })
        case "fault":
            return pageFault(fields).map(HarnessLine.panicFault)
        default:
            // The header has no verb: its first word is already `kind=`.
            var all = fields
            if let equals = verb.firstIndex(of: "=") {
                all[String(verb[..<equals])] = String(verb[verb.index(after: equals)...])
            }
            return panicHeader(all).map(HarnessLine.panicHeader)
        }
    }

    private static func panicHeader(_ fields: [String: String]) -> PanicHeader? {
        guard let kind = fields["kind"], let name = fields["name"], let nonce = fields["nonce"],
              let vector = fields["vector"].flatMap({ Int($0) }),
              let errorCode = fields["error"].flatMap({ hexValue(Substring($0)) }),
              let eip = fields["eip"].flatMap({ hexValue(Substring($0)) })
        else { return nil }
        return PanicHeader(kind: kind, vector: vector, name: name, errorCode: errorCode, eip: eip, nonce: nonce)
    }

    /// The fields of a `PANIC fault` line; nil if one is missing or
    /// holds a word the kernel never prints.
    private static func pageFault(_ fields: [String: String]) -> PanicReport.PageFaultDetail? {
        guard let address = fields["address"].flatMap({ hexValue(Substring($0)) }),
              let access = fields["access"], ["read", "write", "execute"].contains(access),
              let page = fields["page"], page == "present" || page == "not-present",
              let mode = fields["mode"], mode == "user" || mode == "supervisor"
        else { return nil }
        return PanicReport.PageFaultDetail(address: address, access: access, pagePresent: page == "present",
                                           user: mode == "user")
    }

    /// "0x001012ab" (or without 0x) as a 32-bit value.
    static func hexValue(_ text: Substring) -> UInt32? {
        let digits = text.hasPrefix("0x") ? text.dropFirst(2) : text
        guard !digits.isEmpty, digits.count <= 8 else { return nil }
        return UInt32(digits, radix: 16)
    }
}
