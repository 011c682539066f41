// grader/Scripts/ConversationParser.swift -- `conversation:` and `never:`.
//
// A pattern is written as plain text (a literal substring) or as a
// mapping `{regex: "..."}`. Regexes are compiled here so that a bad one
// stops the grader before any submission is scored with it.

import Yams

/// Reads the conversation steps and never-patterns of a script.
enum ConversationParser {
    /// The steps of `conversation:`; each is a mapping with exactly one
    /// key, `expect` or `send`.
    static func steps(_ node: Node, _ reading: YAMLReading, _ log: inout DiagnosticLog) -> [ConversationStep]? {
        guard let items = reading.list(node, "conversation", log: &log) else { return nil }
        return items.compactMap { step($0, reading, &log) }
    }

    /// The patterns of `never:`.
    static func never(_ node: Node, _ reading: YAMLReading, _ log: inout DiagnosticLog) -> [Pattern]? {
        guard let items = reading.list(node, "never", log: &log) else { return nil }
        return items.compactMap { pattern($0, "never", reading, &log) }
    }

    private static func step(_ node: Node, _ reading: YAMLReading,
                             _ log: inout DiagnosticLog) -> ConversationStep? {
        guard let map = MappingReader(node, what: "conversation step", keys: ["expect", "send"],
                                      reading: reading, log: &log)
        else { return nil }
        switch (map.optional("expect"), map.optional("send")) {
        case let (expect?, nil):
            return pattern(expect, "expect", reading, &log).map(ConversationStep.expect)
        case let (nil, send?):
            return reading.nonEmptyString(send, "send", log: &log).map { .send(Array($0.utf8)) }
        default:
            // An unknown key was already reported; "exactly one" would repeat it.
            if map.hasOnlyKnownKeys {
                log.error("a conversation step must have exactly one key, 'expect' or 'send'", at: map.location)
            }
            return nil
        }
    }

    /// Text is a literal; `{regex: source}` is a regex, which must compile.
    static func pattern(_ node: Node, _ key: String, _ reading: YAMLReading,
                        _ log: inout DiagnosticLog) -> Pattern? {
        guard node.mapping != nil else {
            return reading.nonEmptyString(node, key, log: &log).map(Pattern.literal)
        }
        guard let map = MappingReader(node, what: "pattern", keys: ["regex"], reading: reading, log: &log),
              let sourceNode = map.required("regex", log: &log),
              let source = reading.nonEmptyString(sourceNode, "regex", log: &log)
        else { return nil }
        let pattern = Pattern.regex(source)
        if let problem = pattern.compileError {
            log.error("invalid regex \(pattern): \(problem)", at: reading.location(of: sourceNode))
            return nil
        }
        return pattern
    }
}
