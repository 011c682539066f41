// grader/GraderKit/GraderKit.swift -- the grader as a library.
//
// The `grader` command line, the benchmarks and the tests all drive the
// kit through this module.

/// The version of the grader and of its report formats.
public let graderVersion = "0.1.0"
