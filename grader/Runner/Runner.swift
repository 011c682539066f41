// grader/Runner/Runner.swift -- placeholder, replaced by the runner.
import GraderModel
