// grader/Reports/XMLWriter.swift -- a small Swift face over libxml2's xmlTextWriter.
//
// libxml2 escapes markup characters for us, but passes control characters
// through and stops at NUL (see ReportText). This wrapper is the only place
// the JUnit writer hands text to libxml2, and it sanitises every string on
// the way, so no caller can forget to.

import CLibXML2
import Foundation

/// An error from libxml2's writer: the call that failed.
public struct XMLWriterError: Error, CustomStringConvertible, Sendable {
    /// The libxml2 function that returned an error.
    public var call: String

    /// "libxml2 xmlTextWriterStartElement failed".
    public var description: String { "libxml2 \(call) failed" }
}

/// Writes one XML document into memory, element by element.
final class XMLWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr

    /// Starts a UTF-8 document, indented for people who open the file.
    init() throws(XMLWriterError) {
        guard let buffer = xmlBufferCreate() else { throw XMLWriterError(call: "xmlBufferCreate") }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw XMLWriterError(call: "xmlNewTextWriterMemory")
        }
        self.buffer = buffer
        self.writer = writer
        try check(xmlTextWriterSetIndent(writer, 1), "xmlTextWriterSetIndent")
        try check(xml("  ") { xmlTextWriterSetIndentString(writer, $0) }, "xmlTextWriterSetIndentString")
        try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "xmlTextWriterStartDocument")
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    /// Writes `<name attributes...>`, then what `content` writes, then `</name>`.
    /// Attributes whose value is nil are left out.
    func element(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:],
                 content: () throws(XMLWriterError) -> Void = {}) throws(XMLWriterError) {
        try check(xml(name) { xmlTextWriterStartElement(writer, $0) }, "xmlTextWriterStartElement")
        for (key, value) in attributes {
            guard let value else { continue }
            let result = xml(key) { key in xml(ReportText.sanitize(value)) { xmlTextWriterWriteAttribute(writer, key, $0) } }
            try check(result, "xmlTextWriterWriteAttribute")
        }
        try content()
        try check(xmlTextWriterEndElement(writer), "xmlTextWriterEndElement")
    }

    /// Writes `text` as escaped character data (never CDATA: a log may
    /// contain `]]>`, which would end a CDATA section early).
    func text(_ text: String) throws(XMLWriterError) {
        try check(xml(ReportText.sanitize(text)) { xmlTextWriterWriteString(writer, $0) }, "xmlTextWriterWriteString")
    }

    /// Ends the document and returns it.
    func finish() throws(XMLWriterError) -> String {
        try check(xmlTextWriterEndDocument(writer), "xmlTextWriterEndDocument")
        try check(xmlTextWriterFlush(writer), "xmlTextWriterFlush")
        guard let content = xmlBufferContent(buffer) else { throw XMLWriterError(call: "xmlBufferContent") }
        return String(cString: content)
    }

    /// Calls `body` with `string` as the NUL-terminated `xmlChar` (unsigned
    /// byte) string libxml2 takes; Swift only bridges `char` strings itself.
    private func xml(_ string: String, _ body: (UnsafePointer<xmlChar>) -> Int32) -> Int32 {
        string.withCString { $0.withMemoryRebound(to: xmlChar.self, capacity: string.utf8.count + 1, body) }
    }

    /// libxml2's writer functions return a negative number on failure.
    private func check(_ result: Int32, _ call: String) throws(XMLWriterError) {
        if result < 0 { throw XMLWriterError(call: call) }
    }
}
