// The targets of the protocol fuzz binary (ChatModel + ChatProtocol + the importer's sniffer).

let fuzzTargets: [String: FuzzTarget] = [
    "sse": FuzzSSEParser.run,
    "cumulative": FuzzCumulative.run,
    "delta": FuzzDeltaV1.run,
    "webpubsub": FuzzWebPubSub.run,
    "scanner": FuzzArrayScanner.run,
    "json": FuzzFastJSON.run,
    "conversation": FuzzConversation.run,
    "tree": FuzzTree.run,
    "dify": FuzzDify.run,
    "coze": FuzzCoze.run,
    "openai": FuzzOpenAI.run,
]
