import Foundation

/// What an access token says about itself when it is a JWT: when it expires (`exp`) and whose
/// it is (`name`, `email`, or ChatGPT's `https://api.openai.com/profile` email). Read from the
/// payload (base64url JSON) without verifying the signature: it is shown, never trusted. The
/// token itself is never kept here.
public struct TokenClaims: Sendable, Hashable {
    /// When the token stops working (`exp`).
    public var expires: Date?
    /// The account's name, when the token carries one.
    public var name: String?
    /// The account's email, when the token carries one.
    public var email: String?

    /// Creates claims.
    public init(expires: Date? = nil, name: String? = nil, email: String? = nil) {
        self.expires = expires
        self.name = name
        self.email = email
    }

    /// The claims of `token`, or nil when it is not a JWT (a Dify `app-…` key, a Coze PAT).
    public init?(token: String) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let data = Self.base64URLDecoded(parts[1]),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        if let exp = object["exp"] as? Double { expires = Date(timeIntervalSince1970: exp) }
        name = object["name"] as? String
        let profile = object["https://api.openai.com/profile"] as? [String: Any]
        email = (object["email"] as? String) ?? (profile?["email"] as? String)
    }

    /// Who, in words ("Ada <ada@example.com>"), or nil when the token says nothing of it.
    public var account: String? {
        switch (name, email) {
        case (let name?, let email?): "\(name) <\(email)>"
        case (let name?, nil): name
        case (nil, let email?): email
        case (nil, nil): nil
        }
    }

    static func base64URLDecoded(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}

/// Whether a sign-in still holds, and the sentence that says so: when it runs out, a warning a
/// day before, the way to renew it after.
public enum TokenStanding: Sendable, Hashable {
    /// More than a day left.
    case valid(until: Date)
    /// Less than a day left.
    case expiresSoon(at: Date)
    /// Already expired.
    case expired(at: Date)

    /// The standing of a token that expires at `expires`, seen at `now`.
    public init(expires: Date, now: Date) {
        if expires <= now {
            self = .expired(at: expires)
        } else if expires.timeIntervalSince(now) < 24 * 3600 {
            self = .expiresSoon(at: expires)
        } else {
            self = .valid(until: expires)
        }
    }

    /// Whether this deserves a warning (soon, or past).
    public var warns: Bool {
        if case .valid = self { return false }
        return true
    }

    /// "expires 2026-05-07 02:57 UTC", "expires in 5 hours (2026-…); renew it soon", or
    /// "expired 2026-… UTC; sign in again and set CHATTERM_ACCESS_TOKEN or the profile's token file".
    public func sentence(now: Date) -> String {
        switch self {
        case .valid(let until):
            return "expires \(Self.format(until))"
        case .expiresSoon(let at):
            let hours = Int((at.timeIntervalSince(now) / 3600).rounded(.down))
            let left = hours >= 1 ? "in \(hours) hour\(hours == 1 ? "" : "s")" : "within the hour"
            return "expires \(left) (\(Self.format(at))); renew it soon"
        case .expired(let at):
            return "expired \(Self.format(at)); sign in again and put the fresh token in "
                + "CHATTERM_ACCESS_TOKEN or the profile's token file"
        }
    }

    /// A date as "2026-05-07 02:57 UTC".
    public static func format(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }
}
