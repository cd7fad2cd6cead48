print("chatterm")
