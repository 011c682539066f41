// Tests/GraderKitTests/BatchTests.swift -- shards, the cache, retries and merge, with stand-ins for make and qemu.

import Foundation
import Testing
@testable import GraderKit

/// Counts calls from concurrent tasks.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    func add(_ key: String) { lock.withLock { counts[key, default: 0] += 1 } }
    func count(_ key: String) -> Int { lock.withLock { counts[key, default: 0] } }
    var total: Int { lock.withLock { counts.values.reduce(0, +) } }
}

/// "Builds" by reading set/set.swift: "broken" fails to compile,
/// "killed" has make killed by a signal, "endless" never finishes, "late
/// to build once" finishes the second time.
struct FakeBuilder: ImageBuilding {
    let counter: Counter
    func build(tree: TrustedTree, assignment: String, buildFolder: URL) async throws -> BuildOutcome {
        counter.add("build")
        let source = (try? String(contentsOf: tree.core.appendingPathComponent("set/set.swift"), encoding: .utf8)) ?? ""
        if source.contains("endless") { try await Task.sleep(for: .seconds(3600)) }
        if source.contains("late to build once"), counter.count("build") == 1 { try await Task.sleep(for: .seconds(3600)) }
        if source.contains("killed") {
            // make itself ended by SIGKILL (the grader stopping, the host's OOM killer)
            return .failed(BuildFailure(summary: "make exited with status 137", diagnostics: "", exitStatus: 137))
        }
        if source.contains("broken") {
            return .failed(BuildFailure(summary: "set/set.swift:1: error: broken", diagnostics: "set/set.swift:1: error: broken", exitStatus: 2))
        }
        return .built(image: tree.core.appendingPathComponent("set/set.swift").path)
    }
}

/// "Boots" by reading the image (the owned file): passes when it says
/// "good"; "flaky" fails to start qemu twice, then passes; "slow" times out.
struct FakeBooter: TestBooting {
    let counter: Counter
    func boot(_ script: TestScript, image: String, limits: RunLimits) async throws -> RunObservation {
        counter.add("boot")
        let source = (try? String(contentsOf: URL(fileURLWithPath: image), encoding: .utf8)) ?? ""
        if source.contains("flaky") {
            counter.add("flaky")
            if counter.count("flaky") <= 2 { throw RunnerError.processFailed("qemu did not start") }
        }
        if source.contains("down") { return RunObservation(verdict: .infrastructure, message: "qemu crashed") }
        if source.contains("slow") { return RunObservation(verdict: .timeout, message: "too slow") }
        return RunObservation(verdict: source.contains("good") || source.contains("flaky") ? .pass : .fail,
                              message: "as told", lines: ["hello"])
    }
}

@Suite struct BatchTests {
    let folder: TemporaryFolder
    let kit: Kit
    let counter = Counter()

    init() throws {
        folder = try TemporaryFolder("batch")
        kit = try makeFakeKit(in: folder)
    }

    private var assignment: Assignment {
        Assignment(id: "01-set", rubric: Rubric(assignment: "01-set", title: "Sets", total: 100, studentFiles: ["set/**"]),
                   scripts: [TestScript(name: "set_add", kernelTest: "set_add", title: "add", points: 3),
                             TestScript(name: "set_more", kernelTest: "set_add", title: "more", points: 1, depends: ["set_add"])])
    }

    private func grader(cache: URL? = nil, jobs: Int = 1, buildTimeout: Double = 300) throws -> SubmissionGrader {
        let options = GradingOptions(assignment: "01-set", jobs: jobs, cacheFolder: cache, scratchFolder: folder.url,
                                     buildTimeout: buildTimeout)
        return try SubmissionGrader(kit: kit, assignment: assignment, options: options,
                                    builder: FakeBuilder(counter: counter), booter: FakeBooter(counter: counter))
    }

    private func submission(_ name: String, _ set: String) throws -> SubmissionSource {
        try folder.write("subs/\(name)/kernel/set/set.swift", set)
        return SubmissionSource.parse(folder.path("subs/\(name)"))
    }

    @Test func shardsAreDeterministicDisjointAndComplete() throws {
        let sources = (0 ..< 23).map { SubmissionSource(name: "s\($0)", location: "/x/s\($0)", kind: .directory) }
        var seen: [String] = []
        for index in 1 ... 4 {
            let shard = try #require(Shard("\(index)/4"))
            let slice = shard.select(sources.shuffled())
            #expect(slice == shard.select(sources.reversed()))
            seen += slice.map(\.name)
        }
        #expect(seen.sorted() == sources.map(\.name).sorted())
        #expect(Set(seen).count == seen.count)
        for bad in ["0/4", "5/4", "1/0", "x", "1/2/3"] { #expect(Shard(bad) == nil) }
    }

    @Test func aBatchGradesEveryoneWhateverGoesWrong() async throws {
        let sources = [try submission("ann", "good"), try submission("ben", "broken"), try submission("cid", "bad"),
                       SubmissionSource.parse(folder.path("subs/ghost.zip")), try submission("dan", "good")]
        let graded = await BatchGrader(grader: try grader(jobs: 2), jobs: 2).grade(sources)
        let byName = Dictionary(uniqueKeysWithValues: graded.map { ($0.result.student, $0) })
        #expect(graded.map(\.result.student) == ["ann", "ben", "cid", "ghost", "dan"])
        #expect(byName["ann"]?.result.score == 100)
        #expect(byName["ben"]?.result.built == false)
        #expect(byName["ben"]?.result.tests.map(\.verdict) == [.buildFailure, .buildFailure])
        #expect(byName["cid"]?.result.tests.map(\.verdict) == [.fail, .skipped])
        #expect(byName["ghost"]?.result.score == 0)
        #expect(byName["ghost"]?.refusal?.contains("ghost.zip") == true)
        #expect(byName["dan"]?.result.isCompletePass == true)
        // Scratch folders are removed.
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path("")).filter { $0.hasPrefix("grader-") }
        #expect(left.isEmpty)
    }

    @Test func infrastructureFailuresAreRetriedAndNeverCharged() async throws {
        let flaky = try await grader().grade(try submission("flo", "flaky"))
        #expect(flaky.result.tests.map(\.verdict) == [.pass, .pass])
        #expect(flaky.result.tests.first?.attempts == 3)
        let down = try await grader().grade(try submission("dee", "down"))
        #expect(down.result.tests.first?.verdict == .infrastructure)
        #expect(down.result.tests.first?.attempts == 3)
        #expect(counter.count("boot") == 3 + 1 + 3)
    }

    @Test func aKilledBatchResumesFromTheCache() async throws {
        let cache = folder.url.appendingPathComponent("cache")
        let first = [try submission("amy", "good"), try submission("bo", "bad")]
        // The "killed" batch finished these two only.
        _ = await BatchGrader(grader: try grader(cache: cache), jobs: 1).grade(first)
        let builds = counter.count("build")
        #expect(builds == 2)
        // The rerun grades the whole batch: only the new one is built.
        let all = first + [try submission("cy", "good, by cy")]
        let graded = await BatchGrader(grader: try grader(cache: cache), jobs: 1).grade(all)
        #expect(counter.count("build") == builds + 1)
        #expect(graded.map(\.fromCache) == [true, true, false])
        #expect(graded[1].result.tests.map(\.verdict) == [.fail, .skipped])
        // A changed owned file is a new key.
        try folder.write("subs/amy/kernel/set/set.swift", "good, edited")
        #expect(try await grader(cache: cache).grade(all[0]).fromCache == false)
        // Identical content under another name is served, renamed.
        let twin = try await grader(cache: cache).grade(try submission("twin", "good"))
        #expect(twin.fromCache && twin.result.student == "twin")
    }

    /// A build past its time is tried again with twice the time; stopped
    /// twice, it is the infrastructure's: no score, never cached (a slow
    /// host must not cost the student the assignment).
    @Test func aBuildThatNeverEndsIsRetriedThenLeftToTheTeacher() async throws {
        let cache = folder.url.appendingPathComponent("cache")
        let graded = try await grader(cache: cache, buildTimeout: 0.5).grade(try submission("eve", "endless"))
        #expect(counter.count("build") == 2)
        #expect(graded.result.built == false)
        #expect(graded.result.tests.map(\.verdict) == [.infrastructure, .infrastructure])
        #expect(graded.result.buildLog?.contains("longer than 0 s, then 1 s") == true)
        #expect(try await grader(cache: cache, buildTimeout: 0.5).grade(try submission("eve", "endless")).fromCache == false)
    }

    /// The control: a build slow only the first time is graded from the second.
    @Test func aBuildSlowOnceIsGradedOnItsSecondTry() async throws {
        let graded = try await grader(buildTimeout: 0.5).grade(try submission("sam", "good, late to build once"))
        #expect(counter.count("build") == 2)
        #expect(graded.result.built)
        #expect(graded.result.tests.first?.verdict == .pass)
    }

    /// A build whose make was killed (a grader stopped half-way once
    /// left every later run a cached 0 for the submission it was
    /// building) is the infrastructure's: never charged, never cached.
    @Test func aBuildKilledFromOutsideIsNeverChargedNorCached() async throws {
        let cache = folder.url.appendingPathComponent("cache")
        let killed = try await grader(cache: cache).grade(try submission("kim", "good, killed"))
        #expect(killed.result.tests.allSatisfy { $0.verdict == .infrastructure }, "\(killed.result.tests.map(\.verdict))")
        #expect(killed.result.buildLog?.contains("signal 9") == true, "\(killed.result.buildLog ?? "")")
        #expect(try await grader(cache: cache).grade(try submission("kim", "good, killed")).fromCache == false)
        // The control: a build that fails on its own is the student's, and cached.
        let broken = try await grader(cache: cache).grade(try submission("bob", "broken"))
        #expect(broken.result.tests.allSatisfy { $0.verdict == .buildFailure })
        #expect(try await grader(cache: cache).grade(try submission("bob", "broken")).fromCache)
    }

    @Test func infrastructureResultsAreNotCached() async throws {
        let cache = folder.url.appendingPathComponent("cache")
        _ = try await grader(cache: cache).grade(try submission("dee", "down"))
        #expect(try await grader(cache: cache).grade(try submission("dee", "down")).fromCache == false)
    }

    @Test func timeoutsAreNotCached() async throws {
        let cache = folder.url.appendingPathComponent("cache")
        let first = try await grader(cache: cache).grade(try submission("tim", "slow"))
        #expect(first.result.tests.first?.verdict == .timeout)
        #expect(try await grader(cache: cache).grade(try submission("tim", "slow")).fromCache == false)
        // Negative control: an ordinary failure is final, and cached.
        _ = try await grader(cache: cache).grade(try submission("fay", "bad"))
        #expect(try await grader(cache: cache).grade(try submission("fay", "bad")).fromCache)
    }

    @Test func aRefusedSubmissionIsMarkedRefused() async throws {
        let ghost = await (try grader()).grade(SubmissionSource.parse(folder.path("subs/ghost.zip")))
        #expect(ghost.result.refused && ghost.refusal != nil)
        #expect(ghost.result.tests.allSatisfy { $0.verdict == .buildFailure })
        // Negative control: a build failure is not a refusal.
        #expect(try await grader().grade(try submission("ben", "broken")).result.refused == false)
    }

    @Test func integrityFlagsAreNotesThatNeverChangeTheScore() async throws {
        let cache = folder.url.appendingPathComponent("cache")
        let clean = try await grader(cache: cache).grade(try submission("cal", "good"))
        let flagged = try await grader(cache: cache).grade(try submission("fox", "good\n// KTEST in a comment\nprint(\"KTEST PASS\")\n"))
        #expect(clean.result.flags.isEmpty)
        #expect(flagged.result.flags.map(\.line) == [3])
        #expect(flagged.result.flags.first?.file == "set/set.swift")
        #expect(flagged.result.score == clean.result.score)
        #expect(flagged.result.tests.map(\.verdict) == clean.result.tests.map(\.verdict))
        // From the cache, the flags are there too.
        let again = try await grader(cache: cache).grade(try submission("fox", "good\n// KTEST in a comment\nprint(\"KTEST PASS\")\n"))
        #expect(again.fromCache && again.result.flags == flagged.result.flags)
    }

    @Test func notesAreInTheResultEvenFromTheCache() async throws {
        let cache = folder.url.appendingPathComponent("cache")
        try folder.write("subs/nia/Makefile", "edited")
        let first = try await grader(cache: cache).grade(try submission("nia", "good"))
        #expect(!first.fromCache)
        #expect(first.result.notes == first.notes.lines)
        #expect(first.result.notes.contains { $0.hasPrefix("missing: set/set_list.swift") })
        #expect(first.result.notes.contains { $0.hasPrefix("ignored: Makefile") })
        // The same owned files without the edit: the cached grade, with its own notes.
        let twin = try await grader(cache: cache).grade(try submission("noa", "good"))
        #expect(twin.fromCache)
        #expect(twin.result.notes == twin.notes.lines)
        #expect(twin.result.notes.contains { $0.hasPrefix("missing: set/set_list.swift") })
        #expect(!twin.result.notes.contains { $0.hasPrefix("ignored:") })
    }

    @Test func mergeKeepsTheTimeoutScaleTheShardsShare() throws {
        func shard(_ name: String, scale: Double?) throws -> URL {
            let report = GradeReport(startedAt: "2026-01-01T00:00:00Z", submissions: [], timeoutScale: scale)
            return try #require(try ReportWriter.write(report, formats: [.json], to: folder.url.appendingPathComponent(name)).first)
        }
        let (a, b, c) = (try shard("a", scale: 2), try shard("b", scale: 2), try shard("c", scale: 3))
        #expect(try Merge.merge(files: [a, b]).timeoutScale == 2)
        #expect(try Merge.merge(files: [a, c]).timeoutScale == nil)
        #expect(try Merge.merge(files: [a, try shard("d", scale: nil)]).timeoutScale == nil)
    }

    @Test func mergeJoinsShardsAndRefusesDuplicates() async throws {
        let sources = [try submission("a1", "good"), try submission("b2", "bad"), try submission("c3", "good")]
        var files: [URL] = []
        var expected: [SubmissionResult] = []
        for index in 1 ... 2 {
            let slice = try #require(Shard("\(index)/2")).select(sources)
            let graded = await BatchGrader(grader: try grader(), jobs: 1).grade(slice)
            expected += graded.map(\.result)
            let out = folder.url.appendingPathComponent("shard\(index)")
            files += try ReportWriter.write(GradeReport(startedAt: "2026-01-0\(index)T00:00:00Z", submissions: graded.map(\.result)),
                                            formats: [.json], to: out)
        }
        let merged = try Merge.merge(files: files)
        #expect(merged.submissions.map(\.student) == ["a1", "b2", "c3"])
        #expect(merged.submissions == expected.sorted { $0.student < $1.student })
        #expect(merged.startedAt == "2026-01-01T00:00:00Z")
        let out = folder.url.appendingPathComponent("merged")
        let written = try ReportWriter.write(merged, formats: ReportFormat.allCases, to: out)
        #expect(Set(written.map(\.lastPathComponent)) == ["summary.txt", "grades.json", "junit.xml", "a1.json", "b2.json",
                                                          "c3.json", "summary.md", "report.html"])
        #expect(throws: MergeError.duplicate(student: "a1", assignment: "01-set", first: files[0].path, second: files[0].path)) {
            try Merge.merge(files: [files[0], files[0]])
        }
        let junk = try folder.write("junk.json", "{")
        #expect(throws: MergeError.self) { try Merge.merge(files: [junk]) }
    }
}
