// libFuzzer entry `dify`: the input as a Dify chat stream and as Dify JSON answers.
// Stream (SSEParser, DifyStreamDecoder):
// - the events alone rebuild the decoder's answer text, and its snapshot holds that text;
// - a complete stream ended properly with an answer and no error; error lines are one line.
// Answers (the input, and its pages split at form feeds): DifyHistory builds a tree that passes
// TreeChecks and, unless hostile ids collide with the ids it makes up, needs no repair;
// DifyConversationList and DifyErrorBody read or reject it, error lines being one line.

import Foundation

enum FuzzDify {
    static func run(_ input: UnsafeRawBufferPointer) {
        checkStream(input)
        checkHistory(input)
        let data = Data(input)
        _ = try? DifyConversationList(data: data)
        if let error = DifyErrorBody(data: data), !error.line.isEmpty {
            FuzzChecks.checkOneLine(error.line, "an error body")
        }
    }

    static func checkStream(_ input: UnsafeRawBufferPointer) {
        var parser = SSEParser()
        var decoder = DifyStreamDecoder(parentID: "parent")
        var transcript = StreamTranscript()
        for event in parser.feed(input) + parser.finish() {
            for streamEvent in decoder.decode(event) {
                transcript.apply(streamEvent)
                if case .serverError(let line) = streamEvent { FuzzChecks.checkOneLine(line, "a stream error") }
            }
        }
        if let id = decoder.answerMessageID {
            guard transcript.texts[id] == decoder.answerText else { fatalError("events do not rebuild the answer") }
            guard decoder.answerSnapshot?.content.streamedText == decoder.answerText else {
                fatalError("the snapshot does not hold the answer text")
            }
        }
        if decoder.completion == .complete,
            !decoder.closedProperly || decoder.answerMessageID == nil || decoder.lastError != nil
        {
            fatalError("an unfinished stream was called complete")
        }
        if let error = decoder.lastError { FuzzChecks.checkOneLine(error, "the last error") }
    }

    static func checkHistory(_ input: UnsafeRawBufferPointer) {
        let pages = input.split(separator: 0x0C, omittingEmptySubsequences: false).map { Data($0) }
        guard let history = try? DifyHistory(conversationID: "c", pageData: pages) else { return }
        let tree = TreeChecks.verify(history.conversation)
        let ids = pages.flatMap { page -> [String] in
            guard let json = try? DifyJSON.parse(page) else { return [] }
            return (json["data"]?.arrayValue ?? json.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
        }
        let collides = ids.contains { $0 == DifyHistory.rootID || $0.hasSuffix("-query") }
        if !collides, !tree.repairs.isEmpty { fatalError("the history tree needed repairs: \(tree.repairs)") }
    }
}
