print("radiograph")
