// grader/GraderKit/Intake/TarReader.swift -- reads the entries of a tar archive in memory.
//
// The grader reads tar itself rather than calling tar(1) so that every
// entry is checked before anything is written (see SubmissionWriter) and no
// tool's idea of "safe extraction" has to be trusted. It understands the
// formats students produce: ustar, GNU long names ('L'/'K') and pax
// headers ('x'), as written by GNU tar, bsdtar, git archive and Python.
//
// A tar archive is a sequence of 512-byte blocks: a header block, then the
// file's bytes padded to a whole block; two zero blocks end the archive.

import Foundation

/// Reads entries from the bytes of a tar archive.
public struct TarReader {
    private let bytes: [UInt8]
    private let label: String
    private var offset = 0
    // Names carried by a GNU long-name or pax header to the next entry.
    private var pendingPath: String?
    private var pendingLink: String?
    private var pendingSize: Int?

    /// A reader over `data`; `label` names the archive in errors.
    public init(data: Data, label: String) {
        self.bytes = [UInt8](data)
        self.label = label
    }

    /// Every entry of the archive, in order.
    public static func entries(of data: Data, label: String) throws(IntakeError) -> [ArchiveEntry] {
        var reader = TarReader(data: data, label: label)
        var result: [ArchiveEntry] = []
        while let entry = try reader.next() { result.append(entry) }
        return result
    }

    /// The next entry, or nil at the end of the archive.
    ///
    /// Steps:
    /// 1. stop at a zero block or at the end of the data;
    /// 2. check the header's checksum (garbage fails here);
    /// 3. read name, size and type, applying pending long names;
    /// 4. take the content and skip the padding; metadata headers
    ///    (long names, pax) are consumed and the loop goes on.
    public mutating func next() throws(IntakeError) -> ArchiveEntry? {
        while true {
            // 1.
            guard offset + 512 <= bytes.count else {
                if offset == bytes.count, offset > 0 { return nil }
                throw corrupt("truncated header at byte \(offset)")
            }
            let header = Array(bytes[offset ..< offset + 512])
            if header.allSatisfy({ $0 == 0 }) { return nil }
            // 2.
            guard let stored = octal(header, 148, 8), stored == checksum(header) else {
                throw corrupt("bad header checksum at byte \(offset)")
            }
            // 3.
            let type = header[156]
            guard let declared = octal(header, 124, 12) else {
                throw corrupt("bad size field at byte \(offset)")
            }
            // A pax size applies to the next real entry, not to metadata.
            let isMetadata = [UInt8(ascii: "L"), UInt8(ascii: "K"), UInt8(ascii: "x"), UInt8(ascii: "g")].contains(type)
            let size = isMetadata ? declared : (pendingSize ?? declared)
            let start = offset + 512
            guard size >= 0, start + size <= bytes.count else {
                throw corrupt("entry at byte \(offset) runs past the end")
            }
            let content = Data(bytes[start ..< start + size])
            offset = start + (size + 511) / 512 * 512
            // 4.
            if let entry = try entry(type: type, header: header, content: content) {
                return entry
            }
        }
    }

    /// Turns one header and its content into an entry; nil for metadata.
    private mutating func entry(type: UInt8, header: [UInt8], content: Data) throws(IntakeError) -> ArchiveEntry? {
        switch type {
        case UInt8(ascii: "L"):
            pendingPath = cString(Array(content), 0, content.count)
            return nil
        case UInt8(ascii: "K"):
            pendingLink = cString(Array(content), 0, content.count)
            return nil
        case UInt8(ascii: "x"):
            try applyPax(content)
            return nil
        case UInt8(ascii: "g"):
            return nil
        default:
            break
        }
        let path = pendingPath ?? fullName(header)
        let link = pendingLink ?? cString(header, 157, 100)
        pendingPath = nil
        pendingLink = nil
        pendingSize = nil
        switch type {
        case 0, UInt8(ascii: "0"), UInt8(ascii: "7"):
            return ArchiveEntry(path: path, kind: .file(content))
        case UInt8(ascii: "5"):
            return ArchiveEntry(path: path, kind: .directory)
        case UInt8(ascii: "2"):
            return ArchiveEntry(path: path, kind: .symlink(target: link))
        case UInt8(ascii: "1"):
            return ArchiveEntry(path: path, kind: .special("hard link"))
        case UInt8(ascii: "3"), UInt8(ascii: "4"):
            return ArchiveEntry(path: path, kind: .special("device file"))
        case UInt8(ascii: "6"):
            return ArchiveEntry(path: path, kind: .special("named pipe"))
        default:
            return ArchiveEntry(path: path, kind: .special("tar entry of type '\(Character(Unicode.Scalar(type)))'"))
        }
    }

    /// Reads "length key=value\n" records; keeps path, linkpath and size.
    private mutating func applyPax(_ content: Data) throws(IntakeError) {
        let text = String(decoding: content, as: UTF8.self)
        for record in text.split(separator: "\n") {
            guard let space = record.firstIndex(of: " "),
                  let equals = record[space...].firstIndex(of: "=") else {
                throw corrupt("bad pax record")
            }
            let key = record[record.index(after: space) ..< equals]
            let value = String(record[record.index(after: equals)...])
            switch key {
            case "path": pendingPath = value
            case "linkpath": pendingLink = value
            case "size":
                guard let size = Int(value) else { throw corrupt("bad pax size") }
                pendingSize = size
            default: break
            }
        }
    }

    /// ustar splits long names into a prefix (345..500) and a name (0..100).
    private func fullName(_ header: [UInt8]) -> String {
        let name = cString(header, 0, 100)
        let isUstar = cString(header, 257, 5) == "ustar"
        let prefix = isUstar ? cString(header, 345, 155) : ""
        return prefix.isEmpty ? name : prefix + "/" + name
    }

    /// The sum of the header's bytes with the checksum field read as spaces.
    private func checksum(_ header: [UInt8]) -> Int {
        var sum = 0
        for (index, byte) in header.enumerated() {
            sum += (148 ..< 156).contains(index) ? 32 : Int(byte)
        }
        return sum
    }

    /// An octal number field; nil when it holds anything else. The base-256
    /// form (high bit set) only serves sizes far beyond any limit, so it is
    /// refused as corrupt.
    private func octal(_ header: [UInt8], _ start: Int, _ length: Int) -> Int? {
        var value = 0
        var digits = 0
        for byte in header[start ..< start + length] {
            if byte == 0 || byte == UInt8(ascii: " ") {
                if digits > 0 { break } else { continue }
            }
            guard (UInt8(ascii: "0") ... UInt8(ascii: "7")).contains(byte), digits < 12 else { return nil }
            value = value * 8 + Int(byte - UInt8(ascii: "0"))
            digits += 1
        }
        return value
    }

    private func cString(_ buffer: [UInt8], _ start: Int, _ length: Int) -> String {
        let field = buffer[start ..< min(start + length, buffer.count)]
        let end = field.firstIndex(of: 0) ?? field.endIndex
        return String(decoding: field[field.startIndex ..< end], as: UTF8.self)
    }

    private func corrupt(_ reason: String) -> IntakeError {
        .corruptArchive(path: label, reason: reason)
    }
}
