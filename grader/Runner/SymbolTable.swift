// grader/Runner/SymbolTable.swift -- from an address to the function holding it.

import Foundation

/// The functions of a kernel image, sorted by address, with their names
/// demangled.
public struct SymbolTable: Sendable {
    /// The functions, sorted by address; names are demangled.
    public let functions: [ELFSymbol]

    /// A table over `symbols` (any order, mangled or not).
    public init(symbols: [ELFSymbol]) {
        functions = symbols
            .map { ELFSymbol(name: SwiftDemangler.demangle($0.name), address: $0.address, size: $0.size) }
            .sorted { $0.address < $1.address }
    }

    /// The symbol table of the image at `path`.
    public init(imageAt path: String) throws(RunnerError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .imageNotFound(path)
        }
        do {
            self.init(symbols: try ELF32File(bytes: [UInt8](data)).functionSymbols())
        } catch {
            throw .unreadableImage(path: path, reason: error.description)
        }
    }

    /// The function containing `address` and the offset into it, or nil
    /// when the address lies before the first function or past the end of
    /// the one before it (when that one's size is known).
    public func function(containing address: UInt32) -> (symbol: ELFSymbol, offset: UInt32)? {
        // Binary search for the last function starting at or before address.
        var low = 0, high = functions.count
        while low < high {
            let middle = (low + high) / 2
            if functions[middle].address <= address { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return nil }
        let symbol = functions[low - 1]
        let offset = address - symbol.address
        guard symbol.size == 0 || offset < symbol.size else { return nil }
        return (symbol, offset)
    }
}
