import Testing

@Test func placeholderChatStoreTests() {}
