import AsyncHTTPClient
import ChatModel
import ChatProtocol
import Foundation
import Logging
import NIOCore
import NIOHTTP1

extension DifyClient {
    /// Node ids that stand for "no parent": Dify's root, a new chat's, the tree's synthetic root.
    static let rootIDs: Set<String> = [
        "", DifyHistory.rootID, ChatGPTClient.newConversationParent, ConversationTree.syntheticRootID,
    ]

    /// What one send posts, and how its stream is placed in the tree.
    struct SendPlan: Sendable {
        /// The `query`.
        var query: String
        /// The `parent_message_id` (omitted when nil).
        var difyParent: String?
        /// The user message echoed before the answer (`next` only).
        var echo: StreamMessage?
        /// The node the answer hangs under.
        var answerParent: String
    }

    /// `POST /chat-messages` with `response_mode: "streaming"`. `next` sends the first message's
    /// text under the Dify message `parentMessageID` names (an answer node is a Dify message; a
    /// prompt node stands for its own parent; a root for none); `variant` re-sends the prompt
    /// node `parentMessageID` with its parent (the first message's text, when given, replaces
    /// the remembered query); `continue` throws. Items: `.transport("SSE")`, the user echo
    /// (`next`), the decoded events, then `.finished`: incomplete when `message_end` never came
    /// (the partial answer kept). HTTP errors throw a ``ClientError`` with Dify's message; a
    /// connection dropped mid-answer finishes incomplete, then throws.
    public func send(_ request: ChatRequest) -> AsyncThrowingStream<ChatStreamItem, any Error> {
        .producing { continuation in
            try await self.stream(request, into: continuation)
        }
    }

    /// The JSON body of a send.
    func body(for request: ChatRequest, plan: SendPlan) -> JSONValue {
        var body: [String: JSONValue] = [
            "inputs": .object([:]),
            "query": .string(plan.query),
            "response_mode": .string("streaming"),
            "conversation_id": .string(request.conversationID ?? ""),
            "user": .string(configuration.user),
            "auto_generate_name": .bool(true),
        ]
        if let parent = plan.difyParent { body["parent_message_id"] = .string(parent) }
        return .object(body)
    }

    /// What to post for `request`.
    func plan(for request: ChatRequest) async throws -> SendPlan {
        switch request.action {
        case .continue:
            throw ClientError.configuration("Dify cannot continue an answer; regenerate it instead")
        case .next:
            guard let message = request.messages.first, !message.text.isEmpty else {
                throw ClientError.configuration("There is no message to send")
            }
            let parent = try await difyParent(of: request.parentMessageID, conversationID: request.conversationID)
            let echo = Message(
                id: message.id, author: Author(role: .user), createTime: Date().timeIntervalSince1970,
                content: .text(message.text), status: "finished_successfully", recipient: "all")
            return SendPlan(
                query: message.text, difyParent: parent,
                echo: StreamMessage(
                    message: echo, parentID: request.parentMessageID, conversationID: request.conversationID,
                    kind: .echo),
                answerParent: message.id)
        case .variant:
            let prompt = try await prompt(of: request.parentMessageID, conversationID: request.conversationID)
            let given = request.messages.first?.text ?? ""
            return SendPlan(
                query: given.isEmpty ? prompt.query : given, difyParent: prompt.parentMessageID, echo: nil,
                answerParent: request.parentMessageID)
        }
    }

    /// The Dify message a new prompt under `node` follows.
    func difyParent(of node: String, conversationID: String?) async throws -> String? {
        if Self.rootIDs.contains(node) { return nil }
        if let prompt = await memory.prompts[node] { return prompt.parentMessageID }
        guard DifyHistory.messageID(ofQueryNode: node) != nil else { return node }  // an answer: a Dify message
        // A prompt node from a conversation this client has not read: the new prompt becomes its sibling.
        return try await prompt(of: node, conversationID: conversationID).parentMessageID
    }

    /// The prompt held by user node `node`, fetching the conversation when it is not remembered.
    func prompt(of node: String, conversationID: String?) async throws -> DifyPrompt {
        if let prompt = await memory.prompts[node] { return prompt }
        if let conversationID {
            _ = try await conversation(id: conversationID)
            if let prompt = await memory.prompts[node] { return prompt }
        }
        throw ClientError.configuration(
            "The prompt \(node.prefix(8))… is not in the conversation Dify returned; reload it (Ctrl-R) and try again")
    }

    func stream(
        _ request: ChatRequest, into continuation: AsyncThrowingStream<ChatStreamItem, any Error>.Continuation
    ) async throws {
        let plan = try await plan(for: request)
        let http = try self.request(
            .POST, "/chat-messages", body: body(for: request, plan: plan), accept: "text/event-stream")
        let response = try await HTTPExchange.open(http, on: self.http, logger: logger)
        let status = Int(response.status.code)
        guard status == 200 else {
            // Never re-post a message: a failed send is reported, not retried.
            throw Self.error(
                status: status, contentType: response.headers.first(name: "Content-Type"),
                body: await HTTPExchange.errorBody(response), retryAfter: response.headers.first(name: "Retry-After"))
        }
        continuation.yield(.transport("SSE"))
        if let echo = plan.echo { continuation.yield(.event(.messageStarted(echo))) }
        var decoder = DifyStreamDecoder(parentID: plan.answerParent)
        var failure: (any Error)?
        do {
            try await read(response.body, request: request, decoder: &decoder, into: continuation)
        } catch {
            failure = error
        }
        await memory.endTask(request: request.websocketRequestID)
        if let failure {
            if failure is CancellationError { throw CancellationError() }
            continuation.yield(.finished(decoder.completion))
            throw ClientError.transport("the answer stream dropped: \(HTTPExchange.describe(failure))")
        }
        if decoder.skippedEvents > 0 {
            logger.info("skipped \(decoder.skippedEvents) Dify stream events the decoder does not know")
        }
        await remember(request: request, plan: plan, decoder: decoder)
        continuation.yield(.finished(decoder.completion))
    }

    /// Reads an SSE body to its end, yielding the decoded events and noting the task id.
    private func read<Body: AsyncSequence & Sendable>(
        _ body: Body, request: ChatRequest, decoder: inout DifyStreamDecoder,
        into continuation: AsyncThrowingStream<ChatStreamItem, any Error>.Continuation
    ) async throws where Body.Element == ByteBuffer {
        var parser = SSEParser()
        var taskNoted = false
        do {
            for try await buffer in body {
                for event in parser.feed(buffer.readableBytesView) {
                    let decoded = decoder.decode(event)
                    // The task id is noted before the events are handed on, so a stop asked
                    // for on the first text finds it.
                    if !taskNoted, let task = decoder.taskID {
                        taskNoted = true
                        await memory.noteTask(
                            task, request: request.websocketRequestID,
                            conversation: decoder.conversationID ?? request.conversationID)
                    }
                    for event in decoded { continuation.yield(.event(event)) }
                }
            }
        } catch {
            for event in parser.finish() {
                for decoded in decoder.decode(event) { continuation.yield(.event(decoded)) }
            }
            throw error
        }
        for event in parser.finish() {
            for decoded in decoder.decode(event) { continuation.yield(.event(decoded)) }
        }
    }

    /// Remembers the prompt just sent, under the echo's id and the answer's prompt node, so a
    /// regenerate or an edit finds it before the conversation is fetched again.
    private func remember(request: ChatRequest, plan: SendPlan, decoder: DifyStreamDecoder) async {
        let prompt = DifyPrompt(query: plan.query, parentMessageID: plan.difyParent)
        var prompts: [String: DifyPrompt] = [:]
        if let echo = plan.echo { prompts[echo.message.id] = prompt }
        if let answer = decoder.answerMessageID { prompts[DifyHistory.queryNodeID(answer)] = prompt }
        await memory.notePrompts(prompts)
    }
}
