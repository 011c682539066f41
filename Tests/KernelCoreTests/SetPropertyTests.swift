// Tests/KernelCoreTests/SetPropertyTests.swift -- random operation
// sequences on every implementation, compared with a plain Swift model.
//
// Each generated number encodes one operation and one identifier. After
// every operation the set and the model must agree on the result or the
// error, and on the contents walked forward and backward. Updates give
// objects keys that repeat (through `update` and `modify`), so floor,
// ceiling and sorted order are checked with ties too.

import Testing
import PropertyBased
@testable import Kernel
@testable import Machine

extension KernelManagers {
    @Suite struct SetProperties {
        /// Sequences per implementation.
        static let sequences = 2_000

        /// Applies the operations encoded in `program` to `set` and a model,
        /// recording the first disagreement.
        struct Replay: SetVisitor {
            let program: [Int]
            /// Identifiers are drawn from 1...span, so they collide often.
            let span: Int

            func visit<I>(_ set: ObjectSet<I>, _ kind: Kind) throws -> String? where I.Element == Item {
                var model = Model(placement: kind.placement)
                for (step, code) in program.enumerated() {
                    let identifier = Identifier(code / 16 % span + 1)
                    let item = Item(identifier: identifier, payload: step)
                    let what = "step \(step): op \(code % 18) id \(identifier)"
                    switch code % 18 {
                    case 0, 1, 2:
                        let got = failure { () throws(KernelError) in try set.add(item) }
                        if got != model.add(identifier) { return "\(what): add gave \(String(describing: got))" }
                    case 3:
                        let got = failure { () throws(KernelError) in try set.insert(item) }
                        if got != model.insert(identifier) { return "\(what): insert gave \(String(describing: got))" }
                    case 4:
                        let got = failure { () throws(KernelError) in try set.append(item) }
                        if got != model.append(identifier) { return "\(what): append gave \(String(describing: got))" }
                    case 5:
                        let got = failure { () throws(KernelError) in try set.push(item) }
                        if got != model.add(identifier) { return "\(what): push gave \(String(describing: got))" }
                    case 6:
                        let got = outcome { () throws(KernelError) in try set.pop().identifier }
                        if got != model.pop() { return "\(what): pop gave \(got)" }
                    case 7:
                        let got = outcome { () throws(KernelError) in try set.pick().identifier }
                        if got != model.pick() { return "\(what): pick gave \(got)" }
                    case 8, 9:
                        let got = failure { () throws(KernelError) in try set.remove(identifier) }
                        if got != model.remove(identifier) { return "\(what): remove gave \(String(describing: got))" }
                    case 10:
                        // Delete the k-th object, reached by walking from the head.
                        if model.identifiers.isEmpty { break }
                        let k = Int(identifier) % model.identifiers.count
                        var position = try set.head()
                        for _ in 0..<k { position = try position.flatMap { p throws(KernelError) in try set.next(p) } }
                        guard let target = position else { return "\(what): walk ended early" }
                        try set.delete(at: target)
                        model.identifiers.remove(at: k)
                    case 11:
                        let got = outcome { () throws(KernelError) in try set.get(identifier).identifier }
                        let expected: Swift.Result<Identifier, KernelError> =
                            model.contains(identifier) ? .success(identifier) : .failure(.unknownIdentifier)
                        if got != expected { return "\(what): get gave \(got)" }
                    case 12:
                        if set.exist(identifier) != model.contains(identifier) { return "\(what): exist" }
                    case 13:
                        let got = outcome { () throws(KernelError) in try set.object(at: try set.locate(identifier)).identifier }
                        let expected: Swift.Result<Identifier, KernelError> =
                            model.contains(identifier) ? .success(identifier) : .failure(.unknownIdentifier)
                        if got != expected { return "\(what): locate gave \(got)" }
                    case 14:
                        if code % 64 == 14 {   // flush rarely, so sets grow
                            try set.flush()
                            model.identifiers = []
                        }
                    case 15:
                        if try set.size() != model.identifiers.count { return "\(what): size" }
                    case 16:
                        // A new key (keys repeat): a sorted set moves the object.
                        // Half the time through `modify`, in place: the same contract.
                        let key = UInt64(code / 7 % 40)
                        let inPlace = code / 18 % 2 == 0
                        let got = failure { () throws(KernelError) in
                            if inPlace {
                                try set.modify(identifier) { $0.key = key }
                            } else {
                                try set.update(identifier) { $0.key = key }
                            }
                        }
                        if got != model.update(identifier, key: key) {
                            return "\(what): \(inPlace ? "modify" : "update") gave \(String(describing: got))"
                        }
                    default:
                        let key = UInt64(code / 5 % 50)
                        if try set.floor(key)?.identifier != model.floor(key) { return "\(what): floor(\(key))" }
                        if try set.ceiling(key)?.identifier != model.ceiling(key) { return "\(what): ceiling(\(key))" }
                    }
                    // The index holds the key the object has.
                    if set.exist(identifier), try set.members[identifier] != set.get(identifier).key {
                        return "\(what): the index holds key \(String(describing: set.members[identifier]))"
                    }
                    if try forward(set) != model.identifiers { return "\(what): forward \(try forward(set)) != \(model.identifiers)" }
                    if try backward(set) != model.identifiers.reversed() { return "\(what): backward" }
                }
                return nil
            }
        }

        /// A key changed away and back, with finds between: the index
        /// must follow each change, though nothing was added or removed
        /// (a find remembered with the old key must not be trusted).
        struct KeyThereAndBack: SetVisitor {
            func visit<I>(_ set: ObjectSet<I>, _ kind: Kind) throws -> String? where I.Element == Item {
                for identifier in Identifier(1)...4 {
                    try set.add(Item(identifier: identifier, key: 0))
                }
                for step in 0..<12 {
                    let identifier = Identifier(step % 4 + 1)
                    _ = try set.get(identifier)                  // remembered, key 0
                    try set.update(identifier) { $0.key = 7 }
                    _ = try set.get(identifier)
                    try set.modify(identifier) { $0.key = 0 }    // back to the remembered key
                    if try set.members[identifier] != 0 || set.get(identifier).key != 0 {
                        return "step \(step): the index holds \(String(describing: set.members[identifier]))"
                    }
                }
                return nil
            }
        }

        @Test(arguments: Kind.allCases) func aKeyChangedThereAndBackIsIndexed(kind: Kind) throws {
            let wrong = try kind.with(KeyThereAndBack())
            #expect(wrong == nil, "\(kind.rawValue): \(wrong ?? "")")
        }

        @Test(arguments: Kind.allCases) func agreesWithTheModel(kind: Kind) async {
            let span = kind == .smallBPlusTree ? 64 : 24
            await propertyCheck(count: Self.sequences, input: Gen.int(in: 0...100_000).array(of: 0...120)) { program in
                let disagreement = try kind.with(Replay(program: program, span: span))
                #expect(disagreement == nil, "\(kind.rawValue): \(disagreement ?? "")")
            }
        }
    }
}
