import KernelCore
print("set-bench: not written yet")
