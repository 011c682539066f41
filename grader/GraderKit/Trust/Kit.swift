// grader/GraderKit/Trust/Kit.swift -- the trusted kit a submission is graded against.
//
// The kit is the teacher's tree (or a CI checkout of it): the Makefile, the
// boot code, the machine layer, the assignments with their tests and
// hidden tests, and a core per assignment: the skeleton tree `make
// skeletons` generates (build/skeletons/<a>/) when there is one, else the
// reference. Everything that gets built or run
// comes from here; the submission only contributes the files it owns.

import Foundation

/// Errors about the kit itself, not about a submission.
public enum KitError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The folder is not a kit (no Makefile or assignments/).
    case notAKit(path: String)
    /// No such assignment; the ones that exist are listed.
    case unknownAssignment(name: String, known: [String])

    /// One line naming the path or the assignment.
    public var description: String {
        switch self {
        case let .notAKit(path):
            return "\(path): not a kit (expected a Makefile and an assignments/ folder)"
        case let .unknownAssignment(name, known):
            return "unknown assignment '\(name)' (known: \(known.joined(separator: ", ")))"
        }
    }
}

/// The kit's layout on disk.
public struct Kit: Sendable {
    /// The kit's root folder.
    public let root: URL
    /// The folder of the generated skeleton trees, one per assignment.
    public let skeletons: URL

    /// Where `make skeletons` generates the trees, relative to the root.
    public static let defaultSkeletons = "build/skeletons"

    /// The kit at `root`, its skeleton trees in `skeletons` (default:
    /// `<root>/build/skeletons`); throws when it lacks a Makefile or
    /// assignments/.
    public init(root: URL, skeletons: URL? = nil) throws(KitError) {
        let manager = FileManager.default
        guard manager.fileExists(atPath: root.appendingPathComponent("Makefile").path),
              manager.fileExists(atPath: root.appendingPathComponent("assignments").path) else {
            throw .notAKit(path: root.path)
        }
        self.root = root.standardizedFileURL
        self.skeletons = (skeletons ?? root.appendingPathComponent(Kit.defaultSkeletons)).standardizedFileURL
    }

    /// Files and folders every trusted build needs, relative to the root
    /// (mk/host.mk: the host build of `grade --host` and of the reference
    /// oracle; mk/programs.mk and programs/: the user programs an image
    /// carries; the other fragments of mk/ are jobs, not builds).
    public static let buildInputs = ["Makefile", "mk/host.mk", "mk/programs.mk", "programs", "boot", "machine",
                                     "grader/scripts", "grader/harness"]

    /// Where the grader keeps Machine modules by default (MachineCache).
    public var defaultMachineCache: URL {
        root.appendingPathComponent("build/machine-cache")
    }

    /// The assignments the kit holds, sorted.
    public var assignments: [String] {
        let folder = root.appendingPathComponent("assignments").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    /// The folder of assignment `name`; throws naming the known ones.
    public func assignmentFolder(_ name: String) throws(KitError) -> URL {
        guard assignments.contains(name) else { throw .unknownAssignment(name: name, known: assignments) }
        return root.appendingPathComponent("assignments").appendingPathComponent(name)
    }

    /// The core students start from: the generated tree <skeletons>/<name>;
    /// reference/ when it has not been generated (then a missing owned
    /// file is graded with the reference's version: run `make skeletons`
    /// before grading students); kernel/ in a student kit, which has neither.
    public func core(for assignment: String) -> URL {
        let candidates = [skeletons.appendingPathComponent(assignment),
                          root.appendingPathComponent("reference"), root.appendingPathComponent("kernel")]
        return candidates.first { url in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
        } ?? candidates[1]
    }

    /// The machine layer students of `assignment` start from: the
    /// generated <skeletons>/<name>.machine (the machine is cut like the
    /// core); machine/ when it has not been generated, and in a student
    /// kit (whose machine/ is its assignment's cut already).
    public func machine(for assignment: String) -> URL {
        let generated = skeletons.appendingPathComponent(assignment + ".machine")
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: generated.path, isDirectory: &isDirectory), isDirectory.boolValue {
            return generated
        }
        return root.appendingPathComponent("machine")
    }

    /// True when grading `assignment` would fall back on the reference
    /// for the core (no skeleton generated): worth a warning.
    public func usesReferenceCore(for assignment: String) -> Bool {
        core(for: assignment).lastPathComponent == "reference"
    }

    /// The reference core.
    public var reference: URL { root.appendingPathComponent("reference") }

    /// A digest of everything trusted that shapes a grade of `assignment`:
    /// the build inputs, the core and machine, the assignment's tests and scripts, and
    /// the grader's version. Any change to them invalidates cached grades.
    public func fingerprint(for assignment: String) throws(KitError) -> String {
        var digest = SHA256()
        digest.update(field: graderVersion)
        let folders = Kit.buildInputs.map { root.appendingPathComponent($0) }
            + [core(for: assignment), machine(for: assignment), try assignmentFolder(assignment)]
        for folder in folders {
            digest.update(field: folder.path)
            for file in FileTree.files(under: folder) {
                digest.update(field: file)
                let path = file.isEmpty ? folder.path : folder.appendingPathComponent(file).path
                digest.update(FileManager.default.contents(atPath: path) ?? Data())
            }
        }
        return digest.hexDigest()
    }
}

/// Lists the regular files of a trusted or already checked folder.
public enum FileTree {
    /// Relative paths of every regular file under `folder` (or `[""]`
    /// when `folder` is itself a file), sorted, never following links.
    public static func files(under folder: URL) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { return [""] }
        var result: [String] = []
        collect(folder, relative: "", into: &result)
        return result.sorted()
    }

    private static func collect(_ folder: URL, relative: String, into result: inout [String]) {
        let manager = FileManager.default
        for name in (try? manager.contentsOfDirectory(atPath: folder.path)) ?? [] where !SkippedFolders.contains(name) {
            let url = folder.appendingPathComponent(name)
            let path = relative.isEmpty ? name : relative + "/" + name
            let type = (try? manager.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType
            if type == .typeDirectory {
                collect(url, relative: path, into: &result)
            } else if type == .typeRegular {
                result.append(path)
            }
        }
    }
}
