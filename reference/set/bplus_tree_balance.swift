// reference/set/bplus_tree_balance.swift -- keeping a b+-tree balanced.
//
// The helpers of bplus_tree.swift: walking down, splitting a node that
// holds too much after an add, and refilling one that holds too little
// after a delete. "Size" below means objects for a leaf and children for
// an inner node; every node but the root keeps its size between
// order / 2 and order.

import Machine

// BEGIN ASSIGNMENT 01-set
extension BPlusTree {
    /// The fewest objects (leaf) or children (inner node) a node other
    /// than the root may hold.
    var minimum: Int { order / 2 }

    /// A node's size: its objects, or its children.
    func size(_ node: Int) -> Int {
        nodes[node].isLeaf ? nodes[node].keys.count : nodes[node].children.count
    }

    /// Fails unless `position` names an object of a live leaf.
    func check(_ position: Position) throws(KernelError) {
        guard position.leaf >= 0 && position.leaf < nodes.count else {
            throw KernelError.outOfRange
        }
        guard nodes[position.leaf].inUse && nodes[position.leaf].isLeaf
                && position.index >= 0 && position.index < nodes[position.leaf].keys.count else {
            throw KernelError.outOfRange
        }
    }

    /// Which child of inner node `node` leads to `order`: the one after
    /// every separator that is not above the order.
    func child(of node: Int, toward order: SetOrder) -> Int {
        let keys = nodes[node].keys
        var child = 0
        while child < keys.count && keys[child] <= order {
            child += 1
        }
        return child
    }

    /// The leaf where `order` is or would be.
    func leaf(from top: Int, toward order: SetOrder) -> Int {
        var current = top
        while !nodes[current].isLeaf {
            current = nodes[current].children[child(of: current, toward: order)]
        }
        return current
    }

    /// The same walk, remembering the inner nodes crossed on the way
    /// (`path`, root first): adding and deleting climb back up it.
    func descend(from top: Int, to order: SetOrder, path: inout [Step]) -> Int {
        var current = top
        while !nodes[current].isLeaf {
            let child = child(of: current, toward: order)
            path.append(Step(node: current, child: child))
            current = nodes[current].children[child]
        }
        return current
    }

    /// Stores `node` in a free slot, or a new one, and returns the slot.
    mutating func allocate(_ node: Node) -> Int {
        if let slot = freeSlots.popLast() {
            nodes[slot] = node
            return slot
        }
        nodes.append(node)
        return nodes.count - 1
    }

    /// Gives a node's slot back.
    mutating func free(_ slot: Int) {
        nodes[slot] = Node(isLeaf: true, inUse: false)
        freeSlots.append(slot)
    }

    // MARK: adding

    /// Splits `start` and its ancestors while they hold too much.
    ///
    /// Steps: 1. split the node in two; 2. the root splits into a new
    /// root with two children; 3. any other node gives the separator and
    /// the new right half to its parent, which is checked next.
    mutating func splitOverflow(from start: Int, path: [Step]) {
        var node = start
        var level = path.count
        while size(node) > order {
            // 1.
            let (separator, right) = nodes[node].isLeaf ? splitLeaf(node) : splitInner(node)
            // 2.
            if level == 0 {
                root = allocate(Node(isLeaf: false, keys: [separator], children: [node, right]))
                return
            }
            // 3.
            level -= 1
            let step = path[level]
            nodes[step.node].keys.insert(separator, at: step.child)
            nodes[step.node].children.insert(right, at: step.child + 1)
            node = step.node
        }
    }

    /// Moves the upper half of leaf `left` to a new leaf chained after it;
    /// returns the new leaf's first order (the separator) and slot.
    mutating func splitLeaf(_ left: Int) -> (SetOrder, Int) {
        let half = nodes[left].keys.count / 2
        var right = Node(isLeaf: true)
        right.keys = Array(nodes[left].keys[half...])
        right.objects = Array(nodes[left].objects[half...])
        right.previous = left
        right.next = nodes[left].next
        nodes[left].keys.removeSubrange(half...)
        nodes[left].objects.removeSubrange(half...)
        let slot = allocate(right)
        if let after = nodes[slot].next {
            nodes[after].previous = slot
        } else {
            lastLeaf = slot
        }
        nodes[left].next = slot
        return (nodes[slot].keys[0], slot)
    }

    /// Moves the upper half of inner node `left` to a new node; the middle
    /// separator moves up (it is returned with the new node's slot).
    mutating func splitInner(_ left: Int) -> (SetOrder, Int) {
        let middle = nodes[left].keys.count / 2
        let separator = nodes[left].keys[middle]
        var right = Node(isLeaf: false)
        right.keys = Array(nodes[left].keys[(middle + 1)...])
        right.children = Array(nodes[left].children[(middle + 1)...])
        nodes[left].keys.removeSubrange(middle...)
        nodes[left].children.removeSubrange((middle + 1)...)
        return (separator, allocate(right))
    }

    // MARK: deleting

    /// Refills `start` and its ancestors while they hold too little, then
    /// shrinks the root if it has become empty or a single child.
    ///
    /// Steps: 1. borrow from a sibling that can spare one, and stop;
    /// 2. or merge with a sibling, which takes one child from the parent,
    /// and check the parent next; 3. shrink the root.
    mutating func refillUnderflow(from start: Int, path: [Step]) {
        var node = start
        var level = path.count
        while level > 0 && size(node) < minimum {
            level -= 1
            let parent = path[level].node
            let child = path[level].child
            let siblings = nodes[parent].children
            // 1.
            if child > 0 && size(siblings[child - 1]) > minimum {
                borrowFromLeft(parent: parent, child: child)
                return
            }
            if child + 1 < siblings.count && size(siblings[child + 1]) > minimum {
                borrowFromRight(parent: parent, child: child)
                return
            }
            // 2.
            merge(parent: parent, left: child > 0 ? child - 1 : child)
            node = parent
        }
        // 3.
        guard let top = root else {
            return
        }
        if nodes[top].isLeaf && nodes[top].keys.isEmpty {
            free(top)
            root = nil
            firstLeaf = nil
            lastLeaf = nil
        } else if !nodes[top].isLeaf && nodes[top].children.count == 1 {
            root = nodes[top].children[0]
            free(top)
        }
    }

    /// Child `child` of `parent` takes the last object (or child) of its
    /// left sibling; the separator between them follows.
    mutating func borrowFromLeft(parent: Int, child: Int) {
        let node = nodes[parent].children[child]
        let left = nodes[parent].children[child - 1]
        if nodes[node].isLeaf {
            let key = nodes[left].keys.removeLast()
            nodes[node].keys.insert(key, at: 0)
            nodes[node].objects.insert(nodes[left].objects.removeLast(), at: 0)
            nodes[parent].keys[child - 1] = key
        } else {
            nodes[node].keys.insert(nodes[parent].keys[child - 1], at: 0)
            nodes[node].children.insert(nodes[left].children.removeLast(), at: 0)
            nodes[parent].keys[child - 1] = nodes[left].keys.removeLast()
        }
    }

    /// Child `child` of `parent` takes the first object (or child) of its
    /// right sibling; the separator between them follows.
    mutating func borrowFromRight(parent: Int, child: Int) {
        let node = nodes[parent].children[child]
        let right = nodes[parent].children[child + 1]
        if nodes[node].isLeaf {
            nodes[node].keys.append(nodes[right].keys.removeFirst())
            nodes[node].objects.append(nodes[right].objects.removeFirst())
            nodes[parent].keys[child] = nodes[right].keys[0]
        } else {
            nodes[node].keys.append(nodes[parent].keys[child])
            nodes[node].children.append(nodes[right].children.removeFirst())
            nodes[parent].keys[child] = nodes[right].keys.removeFirst()
        }
    }

    /// Moves child `left + 1` of `parent` into child `left` and frees it;
    /// the separator between them leaves the parent (and, for inner
    /// nodes, comes down between the two halves).
    mutating func merge(parent: Int, left index: Int) {
        let left = nodes[parent].children[index]
        let right = nodes[parent].children[index + 1]
        if nodes[left].isLeaf {
            nodes[left].keys += nodes[right].keys
            nodes[left].objects += nodes[right].objects
            nodes[left].next = nodes[right].next
            if let after = nodes[right].next {
                nodes[after].previous = left
            } else {
                lastLeaf = left
            }
        } else {
            nodes[left].keys.append(nodes[parent].keys[index])
            nodes[left].keys += nodes[right].keys
            nodes[left].children += nodes[right].children
        }
        nodes[parent].keys.remove(at: index)
        nodes[parent].children.remove(at: index + 1)
        free(right)
    }
}
// END ASSIGNMENT 01-set
