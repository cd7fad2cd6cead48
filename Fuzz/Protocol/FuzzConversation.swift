// libFuzzer entry `conversation`: one export element through the importer's decoding, as
// `Importer` does it (FastJSON, ConversationJSON, ConversationTree), plus the TopLevelSniffer the
// importer uses to skip unchanged conversations and to name skipped ones.
// - Decoding fails only with its documented errors; without an id it takes the fallback id.
// - The sniffer reads the id and update time ConversationJSON reads, from the same object printed
//   back with random whitespace; on the raw input it only has to survive.
// - The repaired tree passes TreeChecks (one tree, every node reachable, current leaf exists,
//   queries in range, repairing again changes nothing).

import Foundation

enum FuzzConversation {
    static func run(_ input: UnsafeRawBufferPointer) {
        let data = Data(input)
        _ = TopLevelSniffer.id(in: data)
        _ = TopLevelSniffer.idAndUpdateTime(in: data)
        guard let value = try? FastJSON.parse(data) else { return }
        let conversation: Conversation
        do {
            conversation = try ConversationJSON.decode(value)
        } catch ConversationDecodingError.missingID {
            guard let fallback = try? ConversationJSON.decode(value, fallbackID: "fallback"), fallback.id == "fallback"
            else { fatalError("the fallback id was not used") }
            conversation = fallback
        } catch ConversationDecodingError.notAnObject, ConversationDecodingError.badMapping {
            return
        } catch {
            fatalError("unexpected decoding error \(error)")
        }
        checkSniffer(value, random: FuzzRandom(seed: input))
        TreeChecks.verify(conversation)
    }

    static func checkSniffer(_ value: JSONValue, random: FuzzRandom) {
        guard let printed = JSONPrinter.print(value, spacing: random), let object = value.objectValue else { return }
        let text = Data(printed)
        let id = object["id"]?.stringValue ?? object["conversation_id"]?.stringValue
        guard TopLevelSniffer.id(in: text) == id else { fatalError("the sniffer read another id") }
        let sniffed = TopLevelSniffer.idAndUpdateTime(in: text)
        if let id, let time = ConversationJSON.time(object["update_time"]) {
            guard let sniffed, sniffed.id == id, sniffed.updateTime == time else {
                fatalError("the sniffer read another id or update time")
            }
        } else if sniffed != nil {
            fatalError("the sniffer found an update time ConversationJSON does not")
        }
    }
}
