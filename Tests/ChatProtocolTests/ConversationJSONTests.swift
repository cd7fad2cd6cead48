import ChatModel
import ChatProtocol
import Foundation
import Testing

/// `ConversationJSON` leniency on hand-written payloads, and `ISOTime`.
struct ConversationJSONTests {
    static func decode(_ json: String, fallbackID: String? = nil) throws -> Conversation {
        try ConversationJSON.decode(Data(json.utf8), fallbackID: fallbackID)
    }

    @Test(arguments: [
        ("2023-12-15T12:03:30.596706+00:00", 1702641810.596706),
        ("2023-12-15T12:03:30+00:00", 1702641810),
        ("2023-12-15T12:03:30Z", 1702641810),
        ("2023-12-15T12:03:30.5Z", 1702641810.5),
        ("2023-12-15T20:03:30+08:00", 1702641810),
        ("2023-12-15T07:33:30-0430", 1702641810),
        ("2023-04-06T12:27:51", 1680784071),
        ("2023-04-06T12:27:51.250", 1680784071.25),
        ("2024-02-29T00:00:00", 1709164800),
        ("1969-12-31T23:59:59Z", -1),
    ])
    func isoTimes(text: String, expected: Double) {
        let parsed = ISOTime.parse(text)
        #expect(parsed.map { abs($0 - expected) < 1e-6 } == true, "\(text) → \(String(describing: parsed))")
    }

    @Test(arguments: ["", "yesterday", "2023-12-15", "2023-12-15 12:03", "2023-1x-15T12:03:30Z"])
    func notISOTimes(text: String) {
        #expect(ISOTime.parse(text) == nil)
    }

    @Test func timesMayBeNumbersStringsOrNull() throws {
        let c = try Self.decode(
            #"{"id":"x","create_time":"2023-04-06T12:27:51","update_time":1700000000.5,"mapping":{}}"#)
        #expect(c.createTime == 1680784071)
        #expect(c.updateTime == 1700000000.5)
        let n = try Self.decode(#"{"id":"x","create_time":null,"update_time":"garbage"}"#)
        #expect(n.createTime == nil)
        #expect(n.updateTime == nil)
    }

    @Test func nullTitleAndMissingFields() throws {
        let c = try Self.decode(#"{"conversation_id":"abc","title":null,"mapping":null,"current_node":null}"#)
        #expect(c.id == "abc")
        #expect(c.title == nil)
        #expect(c.displayTitle == "Untitled")
        #expect(c.mapping.isEmpty)
        #expect(c.currentNode == nil)
        #expect(c.isArchived == false)
        #expect(c.defaultModelSlug == nil)
        let blank = try Self.decode(#"{"id":"abc","title":"   "}"#)
        #expect(blank.displayTitle == "Untitled")
        let idWins = try Self.decode(#"{"id":"one","conversation_id":"two"}"#, fallbackID: "three")
        #expect(idWins.id == "one")
    }

    @Test func missingModelSlugAndUnknownFieldsAreKept() throws {
        let json = #"""
            {"id":"c","gizmo_id":"g-123","safe_urls":["https://x"],"is_archived":true,"default_model_slug":"gpt-4o",
             "mapping":{
              "u":{"id":"u","parent":null,"children":[],"message":{
                "id":"m","author":{"role":"user","name":null,"metadata":{}},"content":{"content_type":"text","parts":["hi"]},
                "metadata":{"timestamp_":"absolute"},"recipient":"all","future_field":{"a":[1,2]}}}}}
            """#
        let c = try Self.decode(json)
        #expect(c.isArchived)
        #expect(c.defaultModelSlug == "gpt-4o")
        #expect(c.extra["gizmo_id"] == .string("g-123"))
        #expect(c.extra["safe_urls"] == .array([.string("https://x")]))
        #expect(c.extra["default_model_slug"] == nil)
        let message = try #require(c.mapping["u"]?.message)
        #expect(message.modelSlug == nil)
        #expect(message.author == Author(role: .user))
        #expect(message.extra["future_field"] == .object(["a": .array([.number(1), .number(2)])]))
        #expect(message.extra["recipient"] == nil)
        #expect(message.metadata["timestamp_"] == .string("absolute"))
    }

    @Test func unknownContentTypeIsKeptWithRaw() throws {
        let json = #"""
            {"id":"c","mapping":{"n":{"id":"n","message":{"id":"n","author":{"role":"assistant"},
             "content":{"content_type":"hologram","beam":{"color":"blue"},"result":"shown"}}}}}
            """#
        let message = try #require(try Self.decode(json).mapping["n"]?.message)
        #expect(message.content.type == "hologram")
        #expect(message.content.kind == .other("hologram"))
        #expect(message.content.raw["beam"]?["color"] == .string("blue"))
        #expect(message.content.displayText == "shown")
    }

    @Test func multimodalPartsAndOddNodes() throws {
        let json = #"""
            {"id":"c","mapping":{
              "n":{"id":"n","parent":"root","children":["x", 7, null],"message":{"id":"n","author":{"role":"user"},
                "content":{"content_type":"multimodal_text","parts":[
                  {"content_type":"image_asset_pointer","asset_pointer":"sediment://file_00abc","width":512},
                  "describe", null, 42]}}},
              "weird":"not a node",
              "root":{"id":"root","message":null,"children":["n"]}}}
            """#
        let c = try Self.decode(json)
        let node = try #require(c.mapping["n"])
        #expect(node.children == ["x"])
        let parts = node.message?.content.parts ?? []
        #expect(parts.count == 3)
        #expect(parts.first?.placeholder == "[image: file_00abc]")
        #expect(node.message?.content.displayText == "[image: file_00abc]\ndescribe\n[value]")
        #expect(c.mapping["weird"] == Node(id: "weird"))
        #expect(c.mapping["root"]?.message == nil)
    }

    @Test func malformedJSONIsReported() {
        for text in ["{", "{\"id\": }", "", "[1,2"] {
            let error = #expect(throws: ConversationDecodingError.self) { try Self.decode(text) }
            if case .malformedJSON = error {
            } else {
                Issue.record("\(text.debugDescription): expected malformedJSON, got \(String(describing: error))")
            }
        }
    }

    @Test func nonObjectsAreRejected() {
        for text in ["[]", "\"conversation\"", "42", "null", "true"] {
            #expect(throws: ConversationDecodingError.notAnObject) { try Self.decode(text) }
        }
    }

    @Test func missingIDAndBadMapping() {
        #expect(throws: ConversationDecodingError.missingID) { try Self.decode(#"{"title":"t"}"#) }
        #expect(throws: ConversationDecodingError.badMapping) { try Self.decode(#"{"id":"x","mapping":[1]}"#) }
        #expect(ConversationDecodingError.notAnObject.description == "not a JSON object")
    }
}
