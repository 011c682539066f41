// reference/task/lifecycle_plan.swift -- one change of state, planned on
// copies, then written back and told to the machine all at once.
//
// A single verb can change several objects: a task that exits wakes
// every task waiting for it, and leaves the list of the task it was
// itself waiting for. The plan makes the change on copies first (any
// refusal then changes nothing), and `commit` writes them back one by
// one, calling the state hook for each whose state moved. If the machine
// refuses one, the objects already written get their old values back,
// and the machine is told of the move back: the state is as it was.
// The task and thread managers share this code (`Living`).

import Machine

/// An object with a life: a task or a thread.
protocol Living: SetObject {
    /// Where it is in its life.
    var lifecycle: Lifecycle { get set }
}

/// One object of a plan: as it was, and as it will be.
struct PlannedObject<Object: Living> {
    /// The object as it was fetched.
    let previous: Object
    /// The object as the plan leaves it.
    var changed: Object
}

/// The copies one verb changes, in the order it fetched them.
struct LifecyclePlan<Object: Living> {
    /// Each object as it was and as it will be (one array, not two: most
    /// plans change one object, and each array costs an allocation).
    var planned: [PlannedObject<Object>] = []
    /// How to read an object of the manager.
    let fetch: (Identifier) throws(KernelError) -> Object

    /// The planned copy of `identifier` (fetched on first use).
    mutating func object(_ identifier: Identifier) throws(KernelError) -> Object {
        if let index = planned.firstIndex(where: { $0.changed.identifier == identifier }) {
            return planned[index].changed
        }
        let object = try fetch(identifier)
        planned.append(PlannedObject(previous: object, changed: object))
        return object
    }

    /// Replaces the planned copy of `object` (fetched before).
    mutating func put(_ object: Object) {
        if let index = planned.firstIndex(where: { $0.changed.identifier == object.identifier }) {
            planned[index].changed = object
        }
    }

    /// Plans `verb` on `identifier` and the wake-ups it causes.
    ///
    /// Steps: 1. apply the verb (refused moves stop here); 2. an exit
    /// leaves the list of the target it waited for; 3. wake the waiters
    /// of the event, each with the answer.
    mutating func move(_ identifier: Identifier, _ verb: LifecycleVerb) throws(KernelError) {
        // BEGIN ASSIGNMENT 04-task
        // 1.
        var object = try self.object(identifier)
        let target = object.lifecycle.waitingFor
        let event = try object.lifecycle.apply(verb)
        let woken = object.lifecycle.takeWaiters(for: event)
        put(object)
        // 2.
        if event == .died && target != 0 {
            var waited = try self.object(target)
            waited.lifecycle.dropWaiter(identifier)
            put(waited)
        }
        // 3.
        let value = event == .died ? object.lifecycle.exitValue : 0
        let answer = WaitAnswer(target: identifier, event: event, value: value)
        for waiter in woken {
            var sleeper = try self.object(waiter.identifier)
            sleeper.lifecycle.wake(with: answer)
            put(sleeper)
        }
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 04-task
    }

    /// Plans a wait of `waiter` for the `events` of `target`: answered at
    /// once if one already happened, else the waiter blocks.
    ///
    /// Steps: 1. check the events and refuse a wait on oneself; 2. find
    /// both; 3. an event that already happened answers at once; 4. else
    /// block the waiter and list it in the target.
    mutating func wait(
        _ target: Identifier, for events: WaitEvents, by waiter: Identifier
    ) throws(KernelError) -> WaitOutcome {
        // BEGIN ASSIGNMENT 04-task
        // 1.
        if events.isEmpty || !WaitEvents.all.isSuperset(of: events) || waiter == target {
            throw KernelError.invalidArgument
        }
        // 2.
        var waited = try object(target)
        var sleeper = try object(waiter)
        // 3.
        if let answer = waited.lifecycle.answer(to: events, from: target) {
            return .answered(answer)
        }
        // 4.
        try sleeper.lifecycle.beginWait(on: target)
        waited.lifecycle.waiters.append(Waiter(identifier: waiter, events: events))
        put(waited)
        put(sleeper)
        return .blocked
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 04-task
    }

    /// Writes every planned copy into `objects`, telling the machine of
    /// each change of state through `notify` (which may refuse); on a
    /// refusal, puts back what was written and tells the machine.
    ///
    /// Steps: 1. for each copy, tell the machine if its state moved, then
    /// write it; 2. on a refusal, undo the ones written, last first.
    func commit(
        into objects: ObjectSet<BPlusTree<Object>>,
        notify: (inout Object, ExecutionState) throws(KernelError) -> Void
    ) throws(KernelError) {
        var written = 0
        do throws(KernelError) {
            // 1.
            for entry in planned {
                var object = entry.changed
                let before = entry.previous.lifecycle.state
                if object.lifecycle.state != before {
                    try notify(&object, before)
                }
                try objects.update(object)
                written += 1
            }
        } catch {
            // 2.
            for entry in planned[..<written].reversed() {
                var object = entry.previous
                let after = entry.changed.lifecycle.state
                if object.lifecycle.state != after {
                    try? notify(&object, after)
                }
                try? objects.update(object)
            }
            throw error
        }
    }
}
