// grader/Runner/PanicSymbolizer.swift -- naming the frames of a panic.
//
// The kernel prints raw addresses; the image's symbol table turns each
// into "function + offset". The first frame is the faulting instruction
// itself. Every later frame is a return address: the instruction after a
// call. When the call was a function's last instruction (a call to a
// function that never returns, like a trap), that address is already the
// start of the next function, so we look up address - 1, which is always
// inside the call, and still show the offset of the address itself.

import GraderModel

/// Fills in the function names of a panic report's frames.
public struct PanicSymbolizer: Sendable {
    /// The image's functions.
    public let symbols: SymbolTable

    /// A symbolizer over `symbols`.
    public init(symbols: SymbolTable) {
        self.symbols = symbols
    }

    /// `panic` with each frame's function and offset filled in where the
    /// image knows the address.
    public func symbolize(_ panic: PanicReport) -> PanicReport {
        var result = panic
        result.frames = panic.frames.enumerated().map { index, frame in
            symbolize(frame, isReturnAddress: index > 0)
        }
        return result
    }

    private func symbolize(_ frame: PanicReport.Frame, isReturnAddress: Bool) -> PanicReport.Frame {
        let probe = isReturnAddress && frame.address > 0 ? frame.address - 1 : frame.address
        guard let (symbol, _) = symbols.function(containing: probe) else { return frame }
        return PanicReport.Frame(address: frame.address, function: symbol.name,
                                 offset: frame.address - symbol.address)
    }
}
