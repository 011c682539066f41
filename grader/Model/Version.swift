// grader/Model/Version.swift

/// The version of the grader and of its report formats.
public let graderVersion = "0.1.0"
