// reference/set/bplus_tree_balance.swift -- keeping a b+-tree balanced.
//
// The helpers of bplus_tree.swift: walking down, splitting a node that
// holds too much after an add, and refilling one that holds too little
// after a delete. "Size" below means objects for a leaf and children for
// an inner node; every node but the root keeps its size between
// order / 2 and order.

import Machine

