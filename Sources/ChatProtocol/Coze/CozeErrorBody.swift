import ChatModel
import Foundation

/// The human part of a Coze error, as one line: `msg (code N)`.
///
/// Coze answers a failed call with `{"code": 4100, "msg": "…"}` (HTTP errors, and a 200
/// JSON body instead of a stream), a failed chat with `last_error: {code, msg}`, and the
/// legacy v2 stream with `{"error_information": {"code"|"err_code", "msg"|"err_msg"}}`.
/// `code` may be a number or a numeric string. Anything else falls back to the shapes
/// ``OpenAIErrorBody`` knows (proxies in front of Coze often speak those).
public enum CozeErrorBody {
    /// `msg (code N)` for a `{code, msg}` object: just `msg` without a non-zero code, just
    /// `code N` without a message; nil when both are missing, zero or empty (Coze sends
    /// `last_error: {"code": 0, "msg": ""}` on success).
    public static func line(code: JSONValue?, msg: JSONValue?) -> String? {
        let number: Int? =
            switch code {
            case .number(let n)?: Int(exactly: n)
            case .string(let s)?: Int(s.trimmingCharacters(in: .whitespaces))
            default: nil
            }
        let text = OpenAIErrorBody.oneLine(msg?.stringValue ?? "")
        switch (number.flatMap { $0 == 0 ? nil : $0 }, text.isEmpty) {
        case (let n?, false): return "\(text) (code \(n))"
        case (let n?, true): return "code \(n)"
        case (nil, false): return text
        case (nil, true): return nil
        }
    }

    /// The error in a parsed Coze body or event payload, or nil when it holds none.
    public static func message(in json: JSONValue) -> String? {
        if let info = json["error_information"] ?? json["last_error"], info.objectValue != nil {
            return line(code: info["code"] ?? info["err_code"], msg: info["msg"] ?? info["err_msg"])
        }
        if json["code"] != nil || json["msg"] != nil {
            return line(code: json["code"], msg: json["msg"])
        }
        if let text = json["error_message"]?.stringValue ?? json["error_code"]?.stringValue {
            let line = OpenAIErrorBody.oneLine(text)
            return line.isEmpty ? nil : line
        }
        return OpenAIErrorBody.message(in: json)
    }

    /// The error in a raw body: a Coze JSON error, another known JSON shape, or the first
    /// line of a short plain-text body; nil for HTML pages, empty bodies and JSON without
    /// an error.
    public static func message(in body: some Collection<UInt8>) -> String? {
        if let json = try? FastJSON.parse(Data(body)) {
            return message(in: json)
        }
        return OpenAIErrorBody.message(in: body)
    }
}
