// grader/Scripts/YAMLReading.swift -- typed reading of Yams nodes.
//
// Scripts and rubrics are read through Yams' node API rather than
// `Decodable`: a node keeps its `Mark`, so every error can name the line
// and column of the offending value, and one pass can report every error
// instead of stopping at the first thrown one.

import Yams

/// Reads the nodes of one file, turning type errors into diagnostics.
struct YAMLReading {
    /// The file being read, for locations.
    let file: String

    /// Parses `text` and returns its single document, or logs why not.
    /// An empty file is reported as such rather than as a missing mapping.
    func document(_ text: String, log: inout DiagnosticLog) -> Node? {
        do {
            if let root = try Yams.compose(yaml: text) { return root }
            log.error("the file is empty", at: FileLocation(file: file))
        } catch let error as YamlError {
            let (message, mark) = Self.describe(error)
            log.error(message, at: location(mark))
        } catch {
            log.error("cannot parse YAML: \(error)", at: FileLocation(file: file))
        }
        return nil
    }

    /// The location of a node (line 1 column 1 when Yams has none).
    func location(of node: Node) -> FileLocation {
        location(node.mark)
    }

    private func location(_ mark: Mark?) -> FileLocation {
        guard let mark else { return FileLocation(file: file) }
        return FileLocation(file: file, line: max(mark.line, 1), column: max(mark.column, 1))
    }

    /// Text: any scalar except null (`title: 42` is the text "42").
    func string(_ node: Node, _ key: String, log: inout DiagnosticLog) -> String? {
        guard let scalar = node.scalar, node.tagName != .null else {
            log.error("'\(key)' must be text, found \(Self.kind(of: node))", at: location(of: node))
            return nil
        }
        return scalar.string
    }

    /// Text that must not be empty.
    func nonEmptyString(_ node: Node, _ key: String, log: inout DiagnosticLog) -> String? {
        guard let text = string(node, key, log: &log) else { return nil }
        guard !text.isEmpty else {
            log.error("'\(key)' must not be empty", at: location(of: node))
            return nil
        }
        return text
    }

    /// `true` or `false`.
    func bool(_ node: Node, _ key: String, log: inout DiagnosticLog) -> Bool? {
        guard node.tagName == .bool, let value = node.bool else {
            log.error("'\(key)' must be true or false, found \(Self.kind(of: node))", at: location(of: node))
            return nil
        }
        return value
    }

    /// A whole number greater than zero.
    func positiveInt(_ node: Node, _ key: String, log: inout DiagnosticLog) -> Int? {
        guard node.tagName == .int, let value = node.int else {
            log.error("'\(key)' must be a whole number, found \(Self.kind(of: node))", at: location(of: node))
            return nil
        }
        guard value > 0 else {
            log.error("'\(key)' must be greater than 0, found \(value)", at: location(of: node))
            return nil
        }
        return value
    }

    /// A finite number (whole or decimal) of at least `minimum`; `strict`
    /// excludes the minimum itself.
    func number(_ node: Node, _ key: String, atLeast minimum: Double, strict: Bool,
                log: inout DiagnosticLog) -> Double? {
        guard node.tagName == .int || node.tagName == .float,
              let value = node.float, value.isFinite else {
            log.error("'\(key)' must be a number, found \(Self.kind(of: node))", at: location(of: node))
            return nil
        }
        guard strict ? value > minimum : value >= minimum else {
            let bound = strict ? "greater than" : "at least"
            log.error("'\(key)' must be \(bound) \(Self.format(minimum)), found \(Self.format(value))",
                      at: location(of: node))
            return nil
        }
        return value
    }

    /// The items of a list (a lone item must still be written as a list).
    func list(_ node: Node, _ key: String, log: inout DiagnosticLog) -> [Node]? {
        guard let sequence = node.sequence else {
            log.error("'\(key)' must be a list, found \(Self.kind(of: node))", at: location(of: node))
            return nil
        }
        return Array(sequence)
    }

    /// How a node is described in "found ..." messages.
    static func kind(of node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar:
            switch node.tagName {
            case .null: return "nothing"
            case .int, .float: return "the number \(node.scalar?.string ?? "")"
            case .bool: return "the boolean \(node.scalar?.string ?? "")"
            default: return "the text \"\(node.scalar?.string ?? "")\""
            }
        }
    }

    /// `10` rather than `10.0` in messages.
    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// The message and position of a Yams parse error.
    private static func describe(_ error: YamlError) -> (String, Mark?) {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _),
             let .composer(_, problem, mark, _):
            return ("invalid YAML: \(problem)", mark)
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
            return ("duplicate key \(keys) in a mapping", context.mark)
        case let .reader(problem, _, _, _):
            return ("cannot read the file: \(problem)", nil)
        default:
            return ("invalid YAML: \(error)", nil)
        }
    }
}

extension Node {
    /// The node's resolved tag (`int`, `str`, `null`...); Yams keeps
    /// `Tag.name` internal but publishes its raw value.
    var tagName: Tag.Name { Tag.Name(rawValue: tag.rawValue) }
}
