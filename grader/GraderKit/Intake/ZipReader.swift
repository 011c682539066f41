// grader/GraderKit/Intake/ZipReader.swift -- reads the entries of a zip archive.
//
// ZIPFoundation parses the archive; the grader never lets it write to
// disk. Each entry is inflated through a consumer that counts bytes, so an
// entry that lies about its size (the zip-bomb trick) is stopped at the
// limit, and the CRC is compared so a damaged entry is reported as such.
//
// ZIPFoundation's decoder waits for more input when a crafted deflate
// stream runs to the end of the file, so the read runs on its own thread
// under a deadline; past it the archive is reported corrupt.

import Foundation
import ZIPFoundation

/// Reads every entry of a zip archive into memory, under the limits.
public enum ZipReader {
    /// Seconds allowed to read one archive before it is called corrupt.
    public static let deadline: Double = 30

    /// The entries of the zip at `url`.
    public static func entries(at url: URL, limits: IntakeLimits, label: String) throws(IntakeError) -> [ArchiveEntry] {
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.result = Result { () throws(IntakeError) in try read(url, limits: limits, label: label) }
            done.signal()
        }
        thread.start()
        guard done.wait(timeout: .now() + deadline) == .success, let result = box.result else {
            throw .corruptArchive(path: label, reason: "the archive could not be read within \(Int(deadline)) s")
        }
        return try result.get()
    }

    /// Hands the reading thread's result back to the caller; the semaphore
    /// orders the write before the read.
    private final class ResultBox: @unchecked Sendable {
        var result: Result<[ArchiveEntry], IntakeError>?
    }

    /// Steps:
    /// 1. open the archive (a bad central directory fails here);
    /// 2. for each entry not in a build or tool folder, check the declared
    ///    size against the limits;
    /// 3. inflate it, counting bytes, and compare the CRC.
    private static func read(_ url: URL, limits: IntakeLimits, label: String) throws(IntakeError) -> [ArchiveEntry] {
        // 1.
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw .corruptArchive(path: label, reason: "not a zip archive (\(error))")
        }
        var entries: [ArchiveEntry] = []
        var total = 0
        for entry in archive {
            // 2.
            guard entries.count < limits.maxEntries else {
                throw .tooManyEntries(submission: label, limit: limits.maxEntries)
            }
            // Build output is skipped before its size is judged or it is inflated.
            if let path = EntryPath.normalized(entry.path),
               SkippedFolders.skips(path: path, isDirectory: entry.type == .directory) { continue }
            guard entry.uncompressedSize <= UInt64(limits.maxFileSize) else {
                throw .fileTooLarge(submission: label, entry: entry.path, limit: limits.maxFileSize)
            }
            // 3.
            let data = try inflate(entry, in: archive, limits: limits, label: label)
            total += data.count
            guard total <= limits.maxTotalSize else {
                throw .submissionTooLarge(submission: label, limit: limits.maxTotalSize)
            }
            entries.append(ArchiveEntry(path: entry.path, kind: kind(of: entry, data: data)))
        }
        return entries
    }

    private static func inflate(_ entry: Entry, in archive: Archive, limits: IntakeLimits,
                                label: String) throws(IntakeError) -> Data {
        var data = Data()
        var overflow = false
        do {
            let crc = try archive.extract(entry, skipCRC32: false) { chunk in
                data.append(chunk)
                if data.count > limits.maxFileSize {
                    overflow = true
                    throw IntakeError.fileTooLarge(submission: label, entry: entry.path, limit: limits.maxFileSize)
                }
            }
            if entry.type == .file, crc != entry.checksum {
                throw IntakeError.corruptArchive(path: label, reason: "'\(EntryName.escaped(entry.path))' fails its CRC check")
            }
        } catch let error as IntakeError {
            throw error
        } catch {
            if overflow { throw .fileTooLarge(submission: label, entry: entry.path, limit: limits.maxFileSize) }
            throw .corruptArchive(path: label, reason: "'\(EntryName.escaped(entry.path))' cannot be inflated (\(error))")
        }
        return data
    }

    private static func kind(of entry: Entry, data: Data) -> ArchiveEntry.Kind {
        switch entry.type {
        case .directory: return .directory
        case .symlink: return .symlink(target: String(decoding: data, as: UTF8.self))
        case .file: return .file(data)
        }
    }
}
