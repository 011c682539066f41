// Tests/ReportsTests/XMLCheck.swift -- parsing and validating what the writers produce.
//
// Two independent judges: libxml2 in this process (parser and XML Schema
// API) and the `xmllint` command (libxml2-utils), which is what a person
// would run by hand on a report.

import CLibXML2
import Foundation

enum XMLCheck {
    /// True when `text` is well-formed XML (libxml2's strict parser, no network).
    static func isWellFormed(_ text: String) -> Bool {
        guard let document = parse(text) else { return false }
        xmlFreeDoc(document)
        return true
    }

    /// libxml2's verdict on `text` against the XML Schema at `schema`:
    /// 0 when valid, a positive error code when not, -1 when it could not
    /// even parse. libxml2 prints the reasons on stderr.
    static func validate(_ text: String, schema: URL) -> Int32 {
        // 1. Load the schema.
        guard let parserContext = xmlSchemaNewParserCtxt(schema.path) else { return -1 }
        defer { xmlSchemaFreeParserCtxt(parserContext) }
        guard let compiled = xmlSchemaParse(parserContext) else { return -1 }
        defer { xmlSchemaFree(compiled) }
        // 2. Parse the document and validate it.
        guard let document = parse(text) else { return -1 }
        defer { xmlFreeDoc(document) }
        guard let validation = xmlSchemaNewValidCtxt(compiled) else { return -1 }
        defer { xmlSchemaFreeValidCtxt(validation) }
        return xmlSchemaValidateDoc(validation, document)
    }

    /// An element found in a parsed document.
    struct Element {
        var name: String
        var attributes: [String: String]
        /// All text inside it, entities decoded.
        var text: String
    }

    /// Every element of `text` named `name`, in document order; nil when
    /// the text does not parse.
    static func elements(_ name: String, in text: String) -> [Element]? {
        guard let document = parse(text) else { return nil }
        defer { xmlFreeDoc(document) }
        var found: [Element] = []
        collect(name, from: xmlDocGetRootElement(document), into: &found)
        return found
    }

    private static func collect(_ name: String, from node: xmlNodePtr?, into found: inout [Element]) {
        var node = node
        while let current = node {
            if current.pointee.type == XML_ELEMENT_NODE {
                if string(current.pointee.name) == name { found.append(element(current)) }
                collect(name, from: current.pointee.children, into: &found)
            }
            node = current.pointee.next
        }
    }

    private static func element(_ node: xmlNodePtr) -> Element {
        var attributes: [String: String] = [:]
        var attribute = node.pointee.properties
        while let current = attribute {
            let value = xmlGetProp(node, current.pointee.name)
            attributes[string(current.pointee.name)] = string(value)
            grader_xml_free(value)
            attribute = current.pointee.next
        }
        let content = xmlNodeGetContent(node)
        defer { grader_xml_free(content) }
        return Element(name: string(node.pointee.name), attributes: attributes, text: string(content))
    }

    private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    private static func string(_ pointer: UnsafeMutablePointer<xmlChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    private static func parse(_ text: String) -> xmlDocPtr? {
        let bytes = Array(text.utf8)
        let options = Int32(XML_PARSE_NONET.rawValue)
        return bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                xmlReadMemory($0.baseAddress, Int32($0.count), "report", "UTF-8", options)
            }
        }
    }

    /// Runs `xmllint` with `arguments` on `text` (given as a file); returns
    /// its exit status and what it printed on stderr.
    static func xmllint(_ arguments: [String], on text: String) throws -> (status: Int32, errors: String) {
        let folder = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("input")
        try Data(text.utf8).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xmllint"] + arguments + [file.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
