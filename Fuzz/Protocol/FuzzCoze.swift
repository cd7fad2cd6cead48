// libFuzzer entry `coze`: the input as a Coze chat stream (v3 or legacy) and as an error body.
// - After every event the answer text only grew by appending unless `rewrites` counted one
//   more, as CozeStreamDecoder promises; the reasoning text only grows.
// - A `done` item sets isDone; failures and error bodies are one line.

import Foundation

enum FuzzCoze {
    static func run(_ input: UnsafeRawBufferPointer) {
        var parser = SSEParser()
        var decoder = CozeStreamDecoder()
        for event in parser.feed(input) + parser.finish() {
            let text = decoder.text
            let reasoning = decoder.reasoning
            let rewrites = decoder.rewrites
            for item in decoder.decode(event) {
                switch item {
                case .failed(let line): FuzzChecks.checkOneLine(line, "a failure")
                case .done: if !decoder.isDone { fatalError("done without isDone") }
                default: break
                }
            }
            // By scalars: a chunk starting with a combining mark joins the last character before it.
            if decoder.rewrites == rewrites, !decoder.text.unicodeScalars.starts(with: text.unicodeScalars) {
                fatalError("the answer changed without a rewrite being counted")
            }
            if decoder.rewrites < rewrites || !decoder.reasoning.unicodeScalars.starts(with: reasoning.unicodeScalars) {
                fatalError("the reasoning or the rewrite count went back")
            }
        }
        if let error = decoder.error { FuzzChecks.checkOneLine(error, "the first failure") }
        if let line = CozeErrorBody.message(in: UnsafeRawBufferPointer(input)) {
            FuzzChecks.checkOneLine(line, "an error body")
        }
    }
}
