import Testing

@Test func placeholderChatConfigTests() {}
