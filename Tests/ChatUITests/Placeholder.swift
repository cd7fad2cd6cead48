import Testing

@Test func placeholderChatUITests() {}
