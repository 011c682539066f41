// Tests/GraderKitTests/SimilarityFixtures.swift -- stacks written for the similarity tests.
//
// Two genuinely independent solutions of the 01-set skeleton's
// set/stack.swift (an array with the top at the end; linked cells in a
// pool with a free list), and three disguised copies of the first: names
// changed, functions reordered, comments and layout changed. Written for
// these tests, not taken from the reference.

/// The first solution: an array, bottom first.
let arrayStack = #"""
import Machine

/// A stack of objects; `add`, `push` and `insert` put on the top.
public struct Stack<Element: SetObject>: SetImplementation {
    /// An index from the bottom of the stack.
    public typealias Position = Int

    /// The name printed in dumps.
    public static var name: StaticString { "stack" }

    /// A stack is in push order, not identifier order.
    public var isSorted: Bool { false }

    /// Bottom first.
    var items: [Element] = []

    /// An empty stack; a stack cannot be kept sorted.
    public init(options: SetOptions) throws(KernelError) {
        if options.contains(.sorted) {
            throw KernelError.invalidArgument
        }
    }

    /// The number of objects.
    public var count: Int {
        return items.count
    }

    /// The top, nil if empty.
    public func head() throws(KernelError) -> Position? {
        return items.isEmpty ? nil : items.count - 1
    }

    /// The bottom, nil if empty.
    public func tail() throws(KernelError) -> Position? {
        return items.isEmpty ? nil : 0
    }

    /// The object below `position` (towards the bottom).
    public func next(_ position: Position) throws(KernelError) -> Position? {
        try check(position)
        return position == 0 ? nil : position - 1
    }

    /// The object above `position` (towards the top).
    public func previous(_ position: Position) throws(KernelError) -> Position? {
        try check(position)
        return position + 1 < items.count ? position + 1 : nil
    }

    /// The object at `position`.
    public func object(at position: Position) throws(KernelError) -> Element {
        try check(position)
        return items[position]
    }

    /// The index of `identifier`, searching from the top.
    public func locate(_ identifier: Identifier) throws(KernelError) -> Position? {
        var index = items.count - 1
        while index >= 0 {
            if items[index].identifier == identifier {
                return index
            }
            index -= 1
        }
        return nil
    }

    /// Pushes `object` on the top.
    public mutating func add(_ object: Element) throws(KernelError) {
        if try locate(object.identifier) != nil {
            throw KernelError.duplicateIdentifier
        }
        items.append(object)
    }

    /// Pushes `object` on the top (the head of a stack is its top).
    public mutating func insert(_ object: Element) throws(KernelError) {
        try add(object)
    }

    /// Refused: a stack does not grow at the bottom.
    public mutating func append(_ object: Element) throws(KernelError) {
        throw KernelError.invalidArgument
    }

    /// Removes the object at `position`; popping removes the top, O(1).
    public mutating func delete(at position: Position) throws(KernelError) {
        try check(position)
        items.remove(at: position)
    }

    /// Forgets every object.
    public mutating func flush() throws(KernelError) {
        items.removeAll()
    }

    /// Refuses a position outside the stack.
    func check(_ position: Position) throws(KernelError) {
        guard position >= 0 && position < items.count else {
            throw KernelError.outOfRange
        }
    }
}
"""#

/// The second solution, written independently: linked cells in a pool.
let linkedStack = #"""
import Machine

/// A stack of objects; `add`, `push` and `insert` put on the top.
public struct Stack<Element: SetObject>: SetImplementation {
    /// An index from the bottom of the stack.
    public typealias Position = Int

    /// The name printed in dumps.
    public static var name: StaticString { "stack" }

    /// A stack is in push order, not identifier order.
    public var isSorted: Bool { false }

    /// One object and its neighbours, by slot number.
    struct Cell {
        var value: Element
        var below: Int?
        var above: Int?
    }

    /// The pool of cells; a nil slot is free and listed in `vacant`.
    var cells: [Cell?] = []
    var vacant: [Int] = []
    var top: Int?
    var bottom: Int?
    var size = 0

    /// An empty stack; a stack cannot be kept sorted.
    public init(options: SetOptions) throws(KernelError) {
        if options.contains(.sorted) {
            throw KernelError.invalidArgument
        }
    }

    /// The number of objects.
    public var count: Int { size }

    /// The top, nil if empty.
    public func head() throws(KernelError) -> Position? { top }

    /// The bottom, nil if empty.
    public func tail() throws(KernelError) -> Position? { bottom }

    /// The object below `position` (towards the bottom).
    public func next(_ position: Position) throws(KernelError) -> Position? {
        try cell(position).below
    }

    /// The object above `position` (towards the top).
    public func previous(_ position: Position) throws(KernelError) -> Position? {
        try cell(position).above
    }

    /// The object at `position`.
    public func object(at position: Position) throws(KernelError) -> Element {
        try cell(position).value
    }

    /// The slot holding `identifier`, walking down from the top.
    public func locate(_ identifier: Identifier) throws(KernelError) -> Position? {
        var walk = top
        while let here = walk, let current = cells[here] {
            if current.value.identifier == identifier { return here }
            walk = current.below
        }
        return nil
    }

    /// Pushes `object` on the top, in a vacant slot when there is one.
    public mutating func add(_ object: Element) throws(KernelError) {
        guard try locate(object.identifier) == nil else { throw KernelError.duplicateIdentifier }
        let fresh = Cell(value: object, below: top, above: nil)
        let slot: Int
        if let reused = vacant.popLast() {
            slot = reused
            cells[slot] = fresh
        } else {
            slot = cells.count
            cells.append(fresh)
        }
        if let old = top { cells[old]?.above = slot } else { bottom = slot }
        top = slot
        size += 1
    }

    /// Pushes `object` on the top (the head of a stack is its top).
    public mutating func insert(_ object: Element) throws(KernelError) {
        try add(object)
    }

    /// Refused: a stack does not grow at the bottom.
    public mutating func append(_ object: Element) throws(KernelError) {
        throw KernelError.invalidArgument
    }

    /// Unlinks the cell at `position` and frees its slot.
    public mutating func delete(at position: Position) throws(KernelError) {
        let gone = try cell(position)
        if let below = gone.below { cells[below]?.above = gone.above } else { bottom = gone.above }
        if let above = gone.above { cells[above]?.below = gone.below } else { top = gone.below }
        cells[position] = nil
        vacant.append(position)
        size -= 1
    }

    /// Forgets every object.
    public mutating func flush() throws(KernelError) {
        cells = []
        vacant = []
        (top, bottom, size) = (nil, nil, 0)
    }

    /// The cell in slot `position`, or outOfRange.
    private func cell(_ position: Position) throws(KernelError) -> Cell {
        guard cells.indices.contains(position), let found = cells[position] else { throw KernelError.outOfRange }
        return found
    }
}
"""#

/// `arrayStack` with every name of its own changed.
let renamedStack = arrayStack
    .replacingOccurrences(of: "items", with: "pile")
    .replacingOccurrences(of: "index", with: "cursor")
    .replacingOccurrences(of: "position", with: "where_")
    .replacingOccurrences(of: "check(", with: "mustBeInside(")
    .replacingOccurrences(of: "identifier", with: "wanted")
    .replacingOccurrences(of: "object", with: "thing")

/// `arrayStack` with its functions in another order.
let reorderedStack = reorder(arrayStack)

/// `arrayStack` with its comments rewritten and its layout changed.
let reformattedStack = arrayStack
    .split(separator: "\n", omittingEmptySubsequences: false)
    .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("///") }
    .map { line -> String in
        let body = line.drop { $0 == " " }
        let depth = (line.count - body.count) / 4
        return String(repeating: "\t", count: depth) + body
            .replacingOccurrences(of: " {", with: "\n" + String(repeating: "\t", count: depth) + "{ /* opens */")
            .replacingOccurrences(of: "return ", with: "return  /* result: */ ")
            .replacingOccurrences(of: ", ", with: " ,")
    }
    .joined(separator: "\n\n")

/// The members of the struct body (the chunks between blank lines) in a
/// fixed other order: the last half first, then the first half reversed.
func reorder(_ text: String) -> String {
    let open = text.range(of: "SetImplementation {\n")!
    let close = text.range(of: "\n}\n", options: .backwards) ?? text.range(of: "\n}", options: .backwards)!
    let body = String(text[open.upperBound ..< close.lowerBound])
    let members = body.components(separatedBy: "\n\n")
    let half = members.count / 2
    let shuffled = Array(members[half...]) + members[..<half].reversed()
    return String(text[..<open.upperBound]) + shuffled.joined(separator: "\n\n") + String(text[close.lowerBound...])
}
