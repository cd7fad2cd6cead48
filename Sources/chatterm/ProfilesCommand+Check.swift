import ChatClient
import ChatConfig
import Foundation

/// `chatterm profiles --check`: each ChatGPT, Dify and Coze profile's service asked who its
/// credentials sign in as (a ChatGPT session cookie's user and expiry, a Dify key's app, a
/// Coze bot's name).
enum AccountCheck {
    /// What a service said, or why it could not be asked, in words.
    enum Answer: Sendable {
        case account(AccountInfo)
        case nothingSaid
        case failed(String)
    }

    /// How long one service may take to answer.
    static let timeout: Duration = .seconds(10)

    /// Whether a profile's service can say who it signs in as.
    static func asks(_ profile: Profile) -> Bool {
        profile.kind == .chatgpt || profile.kind == .dify || profile.kind == .coze
    }

    /// The answers of every profile that ``asks(_:)``, by name, asked at once.
    static func run(_ profiles: [Profile], paths: Paths) async -> [String: Answer] {
        await withTaskGroup(of: (String, Answer).self) { group in
            for profile in profiles where asks(profile) {
                group.addTask { (profile.name, await ask(profile, paths: paths)) }
            }
            var answers: [String: Answer] = [:]
            for await (name, answer) in group { answers[name] = answer }
            return answers
        }
    }

    static func ask(_ profile: Profile, paths: Paths) async -> Answer {
        do {
            return try await withThrowingTaskGroup(of: Answer.self) { group in
                group.addTask {
                    let connection = try await Connector.connect(
                        profile, sourceName: profile.name, paths: paths, embedded: EmbeddedSettings(), getAttempts: 1)
                    defer { connection.shutdown() }
                    return try await connection.backend.account().map(Answer.account) ?? .nothingSaid
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return .failed("the service did not answer within \(timeout.components.seconds) s")
                }
                let first = try await group.next() ?? .nothingSaid
                group.cancelAll()
                return first
            }
        } catch let error as ProfileError {
            return .failed(error.description)
        } catch {
            return .failed(ErrorSentence.of(error))
        }
    }
}
