// grader/Scripts/Assignment.swift -- a rubric and its scripts, validated.
//
// An `Assignment` is only ever built by `AssignmentLoader`, after every
// script and the rubric were checked together, so the rest of the grader
// can trust it: dependencies exist and form no cycle, check points add up,
// every regex compiles, every kernel test exists.

/// Which scripts to load.
public enum ScriptSelection: Sendable {
    /// `tests/` only: what students have.
    case publicOnly
    /// `tests/` and `hidden/`: what the teacher grades with.
    case all

    /// The folders this selection reads, in order.
    var visibilities: [Visibility] {
        switch self {
        case .publicOnly: return [.public]
        case .all: return [.public, .hidden]
        }
    }
}

/// One assignment, ready to grade.
public struct Assignment: Hashable, Sendable {
    /// The assignment's id, its folder name ("01-set").
    public var id: String
    /// The rubric.
    public var rubric: Rubric
    /// The scripts, in the order to run them: each after its dependencies,
    /// otherwise by name.
    public var scripts: [TestScript]
    /// True when the hidden scripts were loaded (a teacher's grading);
    /// false for the public tests alone (what a student can run).
    public var includesHidden: Bool

    /// Creates an assignment from parts already validated; the loader is
    /// the usual way to get one.
    public init(id: String, rubric: Rubric, scripts: [TestScript], includesHidden: Bool = true) {
        self.id = id
        self.rubric = rubric
        self.scripts = scripts
        self.includesHidden = includesHidden
    }

    /// The script called `name`.
    public func script(named name: String) -> TestScript? {
        scripts.first { $0.name == name }
    }

    /// The seconds `script` may run: its own timeout or the rubric's default.
    public func timeout(for script: TestScript) -> Double {
        script.timeout ?? rubric.defaultTimeout
    }

    /// The points of every script together (before scaling to the total).
    public var maxPoints: Int {
        scripts.reduce(0) { $0 + $1.points }
    }

    /// The raw points of the scripts of one visibility.
    public func rawPoints(_ visibility: Visibility) -> Int {
        scripts.filter { $0.visibility == visibility }.reduce(0) { $0 + $1.points }
    }

    /// The points of the total the public tests carry: the rubric's
    /// `public_points`; without it, their share of every loaded script's
    /// raw points (the whole total when only they were loaded).
    public var publicMaxScore: Double {
        if let share = rubric.publicPoints { return share }
        guard includesHidden, maxPoints > 0 else { return rubric.total }
        return Double(rawPoints(.public)) / Double(maxPoints) * rubric.total
    }

    /// The points of the total the hidden tests carry.
    public var hiddenMaxScore: Double {
        rubric.total - publicMaxScore
    }
}
