// programs/primes.swift -- one stage of a pipeline of programs that finds
// primes (a sieve of tasks, after Doug McIlroy's).
//
// Arguments: the next stage's task (low, high words; 0 for the last) and
// this stage's number. A stage takes numbers (4-byte messages of type 1)
// from the stage before it, the first one by the test's generator. The
// first number it gets is a prime: it prints it, then passes on every
// later number its prime does not divide. 0 ends the pipeline: each stage
// passes it on and exits with its prime.
//
//     2 3 4 5 6 7 ...  -> [2] -> 3 5 7 9 ... -> [3] -> 5 7 11 ... -> [5] -> ...

let numberType: UInt32 = 1
/// `exhausted` and `invalidArgument`: the next box is full, or not there yet.
let full: UInt32 = 6
let notRegistered: UInt32 = 5

nonisolated(unsafe) var word: UInt32 = 0

/// The next number from the stage before.
func receiveNumber() -> UInt32? {
    let received = withUnsafeMutablePointer(to: &word) {
        System.receive(type: numberType, UnsafeMutableRawPointer($0), 4)
    }
    return received.status == System.ok && received.size == 4 ? word : nil
}

/// Passes `number` on to `next`, waiting while its box is full.
func pass(_ number: UInt32, to next: UInt64) -> Bool {
    var value = number
    while true {
        let status = withUnsafeMutablePointer(to: &value) { System.send(to: next, type: numberType, UnsafeRawPointer($0), 4) }
        if status == System.ok { return true }
        if status != full && status != notRegistered { return false }
        _ = System.yield()
    }
}

/// Prints "prime <stage> <p>".
func report(_ stage: UInt32, _ prime: UInt32) {
    print("prime \(stage) \(prime)")
}

@_cdecl("program_main")
func programMain(_ nextLow: UInt32, _ nextHigh: UInt32, _ stage: UInt32, _ unused: UInt32) -> UInt32 {
    let next = UInt64(nextLow) | UInt64(nextHigh) << 32
    if System.register(type: numberType, maximumSize: 4) != System.ok { return 0xBAD0_0001 }
    guard let prime = receiveNumber(), prime != 0 else { return 0xBAD0_0002 }
    report(stage, prime)
    while let number = receiveNumber() {
        if number == 0 {
            if next != 0 && !pass(0, to: next) { return 0xBAD0_0003 }
            return prime
        }
        if number % prime != 0 {
            if next == 0 { continue }
            if !pass(number, to: next) { return 0xBAD0_0004 }
        }
    }
    return 0xBAD0_0005
}
