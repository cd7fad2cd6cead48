import Testing

@Test func placeholderChatModelTests() {}
