// grader/Runner/SwiftDemangler.swift -- readable names for Swift symbols.
//
// The Swift runtime linked into every host Swift program exports
// swift_demangle, the function behind `swift demangle`. It is not
// declared in any module, so we name it with @_silgen_name. It returns
// a malloc'ed C string that we must free, or NULL when the name is not
// a Swift symbol. Embedded Swift mangles with the "$e" prefix, which the
// same demangler understands.

import Foundation

@_silgen_name("swift_demangle")
private func runtimeDemangle(
    _ mangledName: UnsafePointer<CChar>?,
    _ mangledNameLength: UInt,
    _ outputBuffer: UnsafeMutablePointer<CChar>?,
    _ outputBufferSize: UnsafeMutablePointer<UInt>?,
    _ flags: UInt32
) -> UnsafeMutablePointer<CChar>?

/// Demangles Swift symbol names.
public enum SwiftDemangler {
    /// The demangled form of `symbol`, or `symbol` itself when it is not a
    /// Swift name (a C function, an assembly label).
    public static func demangle(_ symbol: String) -> String {
        let utf8 = Array(symbol.utf8)
        let demangled = utf8.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { name in
                runtimeDemangle(name.baseAddress, UInt(name.count), nil, nil, 0)
            }
        }
        guard let demangled else { return symbol }
        defer { free(demangled) }
        return String(cString: demangled)
    }
}
