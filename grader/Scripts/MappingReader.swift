// grader/Scripts/MappingReader.swift -- a YAML mapping with known keys.
//
// Every mapping in a script or rubric has a fixed set of keys. A typo
// (`tittle:`) must not silently become a default, so an unknown key is an
// error, and so is a missing required one.

import Yams

/// One YAML mapping whose keys were checked against a fixed list.
struct MappingReader {
    /// Where the mapping starts (missing keys are reported there).
    let location: FileLocation
    private var entries: [String: (key: Node, value: Node)] = [:]
    /// What the mapping is, for messages: "test script", "check", ...
    private let what: String
    /// False when some key was unknown (so other errors may be echoes of it).
    private(set) var hasOnlyKnownKeys = true

    /// Checks `node` is a mapping with only `keys`; nil (and a logged
    /// error) when it is not a mapping at all.
    init?(_ node: Node, what: String, keys: [String], reading: YAMLReading, log: inout DiagnosticLog) {
        location = reading.location(of: node)
        self.what = what
        guard let mapping = node.mapping else {
            log.error("a \(what) must be a mapping of keys to values, found \(YAMLReading.kind(of: node))",
                      at: location)
            return nil
        }
        for (key, value) in mapping {
            guard let name = key.scalar?.string, keys.contains(name) else {
                log.error(Self.unknownKey(key.scalar?.string ?? "?", in: what, keys: keys),
                          at: reading.location(of: key))
                hasOnlyKnownKeys = false
                continue
            }
            entries[name] = (key, value)
        }
    }

    /// The message for an unknown key: the likely intended key, or the list.
    private static func unknownKey(_ name: String, in what: String, keys: [String]) -> String {
        if let guess = KeySuggestion.closest(to: name, in: keys) {
            return "unknown key '\(name)' in a \(what); did you mean '\(guess)'?"
        }
        let listed = keys.map { "'\($0)'" }.joined(separator: ", ")
        return "unknown key '\(name)' in a \(what); expected one of \(listed)"
    }

    /// The value of an optional key.
    func optional(_ key: String) -> Node? {
        entries[key]?.value
    }

    /// The value of a required key, or a logged "missing" error.
    func required(_ key: String, log: inout DiagnosticLog) -> Node? {
        guard let value = entries[key]?.value else {
            log.error("missing required key '\(key)' in a \(what)", at: location)
            return nil
        }
        return value
    }

    /// Where the key itself is written (for errors about the entry as a whole).
    func keyLocation(_ key: String, reading: YAMLReading) -> FileLocation {
        entries[key].map { reading.location(of: $0.key) } ?? location
    }
}
