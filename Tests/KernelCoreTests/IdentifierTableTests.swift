// Tests/KernelCoreTests/IdentifierTableTests.swift -- the sets' index
// (reference/set/identifier_table.swift) against Swift's Dictionary:
// random stores and removals, with identifiers that collide in the
// table's low bits and sequences long enough to grow it and fill it
// with tombstones.

import Testing
import PropertyBased
@testable import Kernel
@testable import Machine

@Suite struct IdentifierTableProperties {
    @Test func agreesWithADictionary() async {
        await propertyCheck(count: 500, input: Gen.int(in: 0...1_000_000).array(of: 0...400)) { program in
            var index = IdentifierTable<UInt64>(vacant: 0)
            var model: [Identifier: UInt64] = [:]
            for (step, code) in program.enumerated() {
                // identifiers 64 apart, some with a high word: the same low bits often
                let identifier = Identifier(code / 4 % 40) * 64 + (code % 3 == 0 ? 1 << 32 : 0)
                if code % 4 == 0 {
                    index[identifier] = nil
                    model[identifier] = nil
                } else {
                    index[identifier] = UInt64(step)
                    model[identifier] = UInt64(step)
                }
                #expect(index[identifier] == model[identifier])
                #expect(index.count == model.count)
            }
            for identifier in model.keys {
                #expect(index[identifier] == model[identifier])
            }
            // the walk gives every stored identifier once, with its value
            var walked: [Identifier: UInt64] = [:]
            for (identifier, value) in index {
                #expect(walked.updateValue(value, forKey: identifier) == nil, "0x\(String(identifier, radix: 16)) walked twice")
            }
            #expect(walked == model)
            #expect(Set(index.keys) == Set(model.keys) && index.keys.count == model.count)
            // control: an identifier never stored is absent
            #expect(index[0xDEAD_BEEF_0000_0001] == nil)
            index.removeAll()
            #expect(index.isEmpty && index.capacity == 0 && index[64] == nil)
        }
    }

    @Test func tombstonesDoNotGrowTheTable() {
        var index = IdentifierTable<UInt64>(vacant: 0)
        for round in 0..<1_000 {
            index[Identifier(round)] = 1
            index[Identifier(round)] = nil
        }
        #expect(index.isEmpty && index.capacity == 8)
    }

    /// Values that are structures (the scheduler's entries) change in
    /// place through optional chaining, and the walk is of a copy: a
    /// table changed while walked walks what it held when the walk began.
    @Test func structureValuesChangeInPlaceAndWalksSeeACopy() {
        struct Entry: Equatable { var level: Int; var used: UInt64 }
        var table = IdentifierTable(vacant: Entry(level: -1, used: 0))
        for thread in 1...20 {
            table[Identifier(thread) << 32] = Entry(level: thread, used: 0)
        }
        table[Identifier(7) << 32]?.used = 99
        #expect(table[Identifier(7) << 32] == Entry(level: 7, used: 99))
        // control: a thread never stored stays absent after a chained change
        table[Identifier(21) << 32]?.used = 1
        #expect(table[Identifier(21) << 32] == nil && table.count == 20)
        var seen = 0
        for (thread, entry) in table {
            table[thread] = nil
            #expect(entry.level == Int(thread >> 32))
            seen += 1
        }
        #expect(seen == 20 && table.isEmpty)
    }
}
