import Testing

@Test func placeholderTerminalCanvasTests() {}
