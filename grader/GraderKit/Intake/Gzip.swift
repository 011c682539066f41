// grader/GraderKit/Intake/Gzip.swift -- unpacks a .tar.gz with a ceiling on the output.
//
// A gzip file is a small header, a raw deflate stream and a CRC trailer
// (RFC 1952). ZIPFoundation already ships a raw-deflate decoder, so only
// the header is read here. The decoder is fed through a provider that
// refuses to read past the input (a truncated stream would otherwise make
// it wait for bytes forever) and a consumer that stops at `limit` bytes,
// so a gzip bomb costs at most `limit` bytes of memory.

import Foundation
import ZIPFoundation

/// Decompresses gzip data.
public enum Gzip {
    /// The decompressed bytes of `data`; throws `.corruptArchive` on a bad
    /// stream and `.submissionTooLarge` once the output passes `limit`.
    public static func decompress(_ data: Data, limit: Int, label: String) throws(IntakeError) -> Data {
        let bytes = [UInt8](data)
        let start = try deflateStart(bytes, label: label)
        var output = Data()
        var tooLarge = false
        do {
            _ = try Data.decompress(
                size: Int64(bytes.count - start), bufferSize: 64 * 1024, skipCRC32: true,
                provider: { position, size in
                    let from = start + Int(position)
                    guard from < bytes.count else { throw Stop() }
                    return Data(bytes[from ..< min(from + size, bytes.count)])
                },
                consumer: { chunk in
                    output.append(chunk)
                    if output.count > limit {
                        tooLarge = true
                        throw Stop()
                    }
                })
        } catch {
            if tooLarge { throw .submissionTooLarge(submission: label, limit: limit) }
            throw .corruptArchive(path: label, reason: "bad gzip stream")
        }
        return output
    }

    /// Ends decoding early; the reason is kept beside it.
    private struct Stop: Error {}

    /// Offset of the deflate stream after the gzip header.
    ///
    /// Steps: 1. check the magic bytes and method; 2. skip the optional
    /// fields the flags announce (extra, name, comment, header CRC).
    static func deflateStart(_ bytes: [UInt8], label: String) throws(IntakeError) -> Int {
        // 1.
        guard bytes.count >= 18, bytes[0] == 0x1f, bytes[1] == 0x8b, bytes[2] == 8 else {
            throw .corruptArchive(path: label, reason: "not a gzip file")
        }
        // 2.
        let flags = bytes[3]
        var offset = 10
        if flags & 0x04 != 0 {
            guard offset + 2 <= bytes.count else { throw .corruptArchive(path: label, reason: "bad gzip header") }
            offset += 2 + Int(bytes[offset]) + Int(bytes[offset + 1]) << 8
        }
        for flag: UInt8 in [0x08, 0x10] where flags & flag != 0 {
            while offset < bytes.count, bytes[offset] != 0 { offset += 1 }
            offset += 1
        }
        if flags & 0x02 != 0 { offset += 2 }
        guard offset < bytes.count else { throw .corruptArchive(path: label, reason: "bad gzip header") }
        return offset
    }
}
