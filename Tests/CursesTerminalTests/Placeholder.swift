import Testing

@Test func placeholderCursesTerminalTests() {}
