// grader/cli/main.swift -- placeholder until the runner lands.
import GraderKit
print("grader \(graderVersion)")
