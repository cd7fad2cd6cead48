import ChatModel
import ChatProtocol
import ChatTestSupport
import Foundation
import Testing

/// What a Dify answer carries beside its text, in the forms the pane, `show` and exports read:
/// knowledge-base documents as sources, files as attachments, your rating as a thumb, and the
/// price with the usage. On the samples in ../shared/fixtures and the page quoted in seed 001.
@Suite("Dify extras from the fixtures", .enabled(if: Fixtures.available))
struct DifyFixtureExtrasTests {
    /// The doc's one segment: document "iPhone List" of dataset "iPhone", no address, scored
    /// 0.98457545, its content a CSV table of iPhones.
    static func expectIPhoneList(_ sources: [SourceLink]?, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(sources?.count == 1, sourceLocation: sourceLocation)
        let source = sources?.first
        #expect(
            source?.title == "iPhone List" && source?.attribution == "iPhone" && source?.url == nil,
            sourceLocation: sourceLocation)
        #expect(source?.score == 0.98457545, sourceLocation: sourceLocation)
        #expect(source?.relevance == "relevance 0.98", sourceLocation: sourceLocation)
        #expect(source?.snippet?.hasPrefix(#""Model","Release Date","#) == true, sourceLocation: sourceLocation)
        #expect(source?.excerpt?.contains("\n") == false, sourceLocation: sourceLocation)
    }

    static func turns(_ pageText: String, id: String = "c") throws -> [Turn] {
        let history = try DifyHistory(conversationID: id, pageData: [Data(pageText.utf8)])
        let tree = ConversationTree(history.conversation)
        return tree.turns(to: tree.currentLeaf)
    }

    @Test func streamedRetrieverResourcesAreTheAnswersSources() throws {
        // The doc's `message_end` names one knowledge-base segment: document "iPhone List" of
        // dataset "iPhone", no address.
        let (_, decoder) = DifyFixtureTests.decode(try DifyFixtureText.docStream())
        let snapshot = try #require(decoder.answerSnapshot)
        Self.expectIPhoneList(snapshot.sources)
        // The answer in the tree lists it as the pane does a citation.
        var conversation = Conversation(id: "c")
        conversation.mapping = [
            "r": Node(id: "r", children: [snapshot.id]),
            snapshot.id: Node(id: snapshot.id, message: snapshot, parent: "r"),
        ]
        conversation.currentNode = snapshot.id
        let tree = ConversationTree(conversation)
        Self.expectIPhoneList(tree.turns(to: snapshot.id).last?.sources)
    }

    @Test func streamedUsageKeepsItsPriceAndCurrency() throws {
        let (_, decoder) = DifyFixtureTests.decode(try DifyFixtureText.realStream())
        let usage = try #require(decoder.usage)
        #expect(usage.totalPrice == "0.0000390" && usage.currency == "USD")
        #expect(usage.priceText == "0.000039 USD")
        // Kept through the message's metadata, as the archive and the backend-api wire carry it.
        #expect(decoder.answerSnapshot?.tokenUsage == usage)
    }

    @Test func historyResourcesAreSourcesOfTheTurn() throws {
        let turns = try Self.turns(try DifyFixtureText.docMessages())
        Self.expectIPhoneList(turns.last?.sources)
    }

    @Test func historyMessageFilesAreTheAnswersAttachments() throws {
        let turns = try Self.turns(try DifyFixtureText.docAgentMessages())
        let answer = try #require(turns.last)
        #expect(
            answer.attachments == [
                Attachment(
                    fileID: "976990d2-5294-47e6-8f14-7356ba9d2d76", kind: .image,
                    name: "976990d2-5294-47e6-8f14-7356ba9d2d76.png", mimeType: "image/png")
            ])
        #expect(turns.first?.attachments == [])
    }
}

@Suite("Dify extras from seed 001", .enabled(if: SeedText.available))
struct DifySeedExtrasTests {
    /// Seed 001's page with the second message rated `rating`.
    static func ratedPage(_ rating: String) throws -> String {
        let page = try SeedText.difyMessages()
        let first = try #require(page.range(of: #""feedback": null"#))
        let second = try #require(page.range(of: #""feedback": null"#, range: first.upperBound..<page.endIndex))
        return page.replacingCharacters(in: second, with: #""feedback": {"rating": "\#(rating)"}"#)
    }

    @Test(arguments: [("like", "up"), ("dislike", "down")])
    func feedbackIsTheThumb(rating: String, thumb: String) throws {
        let turns = try DifyFixtureExtrasTests.turns(try Self.ratedPage(rating))
        let answers = turns.filter { $0.author.role == .assistant }
        #expect(answers.map(\.feedback) == [nil, thumb, nil])
    }

    @Test func noFeedbackIsNoThumb() throws {
        let turns = try DifyFixtureExtrasTests.turns(try SeedText.difyMessages())
        #expect(turns.allSatisfy { $0.feedback == nil })
    }

    @Test func aFreeAnswersPriceIsKeptButNotShown() throws {
        let line = try #require(try SeedText.lines(startingWith: #"{"event": "message_end""#).first)
        var decoder = DifyStreamDecoder(parentID: "p")
        _ = decoder.decode(SSEEvent(event: nil, data: line))
        let usage = try #require(decoder.usage)
        #expect(usage.totalPrice == "0.0000000" && usage.currency == "USD")
        #expect(usage.priceText == nil)
        #expect(usage.promptTokens == 1 && usage.completionTokens == 44 && usage.totalTokens == 45)
    }
}
