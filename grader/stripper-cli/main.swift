print("stripper")
