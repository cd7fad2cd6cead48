import Testing

@Test func placeholderChatProtocolTests() {}
