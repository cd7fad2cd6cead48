import ChatModel
import ChatProtocol
import Foundation
import GRDB

/// Whose export the archive holds (`user.json`): the account's e-mail and whether it had a
/// paid plan. Its phone number and other details are not kept.
public struct ExportAccount: Sendable, Hashable, Codable {
    /// The account's e-mail address.
    public var email: String?
    /// Whether it was a ChatGPT Plus (paid) account.
    public var isPlus: Bool?

    /// Creates one.
    public init(email: String? = nil, isPlus: Bool? = nil) {
        self.email = email
        self.isPlus = isPlus
    }

    /// `user.json` read leniently; nil when it names no e-mail.
    public init?(userJSON: JSONValue) {
        guard let email = userJSON["email"]?.stringValue, !email.isEmpty else { return nil }
        self.init(email: email, isPlus: userJSON["chatgpt_plus_user"]?.boolValue)
    }

    /// The account in words: `you@example.com (Plus)`.
    public var description: String {
        (email ?? "an account") + (isPlus == true ? " (Plus)" : "")
    }

    /// The setting it is kept under.
    static let setting = "export.account"
}

/// One entry of `shared_conversations.json`: a conversation you shared by link.
struct SharedConversation: Sendable, Hashable {
    var conversationID: String
    var shareID: String?
    var title: String?

    init?(record: JSONValue) {
        guard let id = record["conversation_id"]?.stringValue, !id.isEmpty else { return nil }
        conversationID = id
        shareID = record["id"]?.stringValue
        title = record["title"]?.stringValue
    }
}

extension Archive {
    /// The account whose export was imported last, if its `user.json` was read.
    public func exportAccount() throws -> ExportAccount? {
        guard let json = try setting(ExportAccount.setting) else { return nil }
        return try? JSONDecoder().decode(ExportAccount.self, from: Data(json.utf8))
    }

    /// Keeps the account of an imported export.
    func keepAccount(_ account: ExportAccount) throws {
        let json = String(decoding: try JSONEncoder().encode(account), as: UTF8.self)
        try setSetting(ExportAccount.setting, json)
    }

    /// Keeps which conversations were shared by link.
    func keepShared(_ shared: [SharedConversation]) throws {
        try replaceRows(
            shared,
            sql: "INSERT OR REPLACE INTO shared_conversation (conversation_id, share_id, title) VALUES (?, ?, ?)"
        ) { [$0.conversationID, $0.shareID, $0.title] }
    }

    /// The title a conversation was shared under (empty when the share has none), or nil when
    /// it was not shared.
    public func shareTitle(of id: String) throws -> String? {
        guard migrations.contains("shared-conversations") else { return nil }
        return try writer.read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT title FROM shared_conversation WHERE conversation_id = ?", arguments: [id])
            else { return nil }
            return (row[0] as String?) ?? ""
        }
    }
}

/// Reads a small JSON file of an export whole (`user.json`, `shared_conversations.json`).
enum SmallExportFile {
    /// The parsed file, or nil when it cannot be read or parsed (then it is only noted).
    static func read(_ file: ExportFile) -> JSONValue? {
        var data = Data()
        do {
            try file.read { data.append($0) }
            return try FastJSON.parse(data)
        } catch {
            return nil
        }
    }
}
