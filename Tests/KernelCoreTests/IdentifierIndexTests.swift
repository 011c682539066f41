// Tests/KernelCoreTests/IdentifierIndexTests.swift -- the sets' index
// (reference/set/identifier_index.swift) against Swift's Dictionary:
// random stores and removals, with identifiers that collide in the
// table's low bits and sequences long enough to grow it and fill it
// with tombstones.

import Testing
import PropertyBased
@testable import Kernel
@testable import Machine

@Suite struct IdentifierIndexProperties {
    @Test func agreesWithADictionary() async {
        await propertyCheck(count: 500, input: Gen.int(in: 0...1_000_000).array(of: 0...400)) { program in
            var index = IdentifierIndex()
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
            // control: an identifier never stored is absent
            #expect(index[0xDEAD_BEEF_0000_0001] == nil)
            index.removeAll()
            #expect(index.isEmpty && index.capacity == 0 && index[64] == nil)
        }
    }

    @Test func tombstonesDoNotGrowTheTable() {
        var index = IdentifierIndex()
        for round in 0..<1_000 {
            index[Identifier(round)] = 1
            index[Identifier(round)] = nil
        }
        #expect(index.isEmpty && index.capacity == 8)
    }
}
