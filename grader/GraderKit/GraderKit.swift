// grader/GraderKit/GraderKit.swift -- the grader as a library.
//
// The `grader` command line, the benchmarks and the tests all drive the
// kit through this module; it re-exports the parts it is built from.

@_exported import GraderModel
@_exported import GraderRunner
@_exported import GraderScripts
@_exported import GraderReports
