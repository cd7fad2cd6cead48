import Foundation

/// Tokens, time and price an answer took, as a service reports them (Dify `message_end`
/// `metadata.usage`, Coze `conversation.chat.completed` `usage` or the older stream's
/// `extra_info`, an OpenAI-compatible final chunk's `usage`).
public struct TokenUsage: Sendable, Hashable {
    /// Tokens of the prompt (history included), if reported.
    public var promptTokens: Int?
    /// Tokens of the answer, if reported.
    public var completionTokens: Int?
    /// All tokens, if reported (else the sum of the two above when both are known).
    public var totalTokens: Int?
    /// Seconds from request to the end of the answer, if reported or measured.
    public var latency: Double?
    /// What the answer cost, as a plain decimal number (`0.0000390`), if reported (Dify
    /// `total_price`); see ``priceText``.
    public var totalPrice: String?
    /// The currency of ``totalPrice`` (`USD`, `RMB`): letters only, if reported.
    public var currency: String?

    /// Creates a usage record. A `totalPrice` that is not a plain non-negative decimal number,
    /// or a `currency` that is not 1–8 letters, is dropped.
    public init(
        promptTokens: Int? = nil, completionTokens: Int? = nil, totalTokens: Int? = nil, latency: Double? = nil,
        totalPrice: String? = nil, currency: String? = nil
    ) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        let sum = promptTokens.flatMap { p in completionTokens.map { p.addingReportingOverflow($0) } }
        self.totalTokens = totalTokens ?? (sum?.overflow == false ? sum?.partialValue : nil)
        self.latency = latency
        self.totalPrice = totalPrice.flatMap(Self.plainDecimal)
        self.currency = currency.flatMap(Self.currencyCode)
    }

    /// The price in words for a status line: `0.000039 USD` (trailing zeros dropped), or
    /// `price 0.5` without a currency. Nil when no price was reported or it is zero.
    public var priceText: String? {
        guard let totalPrice else { return nil }
        var digits = totalPrice
        if digits.contains(".") {
            while digits.hasSuffix("0") { digits.removeLast() }
            if digits.hasSuffix(".") { digits.removeLast() }
        }
        guard digits.contains(where: { $0 != "0" && $0 != "." }) else { return nil }
        return currency.map { "\(digits) \($0)" } ?? "price \(digits)"
    }

    /// The record as a metadata object (`prompt_tokens`, `completion_tokens`, `total_tokens`,
    /// `latency`, `total_price` as a string, `currency`).
    public var json: JSONValue {
        var o: [String: JSONValue] = [:]
        if let promptTokens { o["prompt_tokens"] = .number(Double(promptTokens)) }
        if let completionTokens { o["completion_tokens"] = .number(Double(completionTokens)) }
        if let totalTokens { o["total_tokens"] = .number(Double(totalTokens)) }
        if let latency { o["latency"] = .number(latency) }
        if let totalPrice { o["total_price"] = .string(totalPrice) }
        if let currency { o["currency"] = .string(currency) }
        return .object(o)
    }

    /// Reads a metadata object written by ``json``, or Dify's `metadata.usage`; numbers may
    /// also be numeric strings (Dify sends `latency` as a number, prices as strings). Nil when
    /// nothing is known.
    public init?(json: JSONValue?) {
        guard let o = json?.objectValue else { return nil }
        func number(_ key: String) -> Double? {
            switch o[key] {
            case .number(let n)?: n
            case .string(let s)?: Double(s)
            default: nil
            }
        }
        let price: String? =
            switch o["total_price"] {
            case .string(let s)?: s.trimmingCharacters(in: .whitespaces)
            case .number(let n)? where n.isFinite && n >= 0: String(format: "%.10f", n)
            default: nil
            }
        let usage = TokenUsage(
            promptTokens: number("prompt_tokens").flatMap(Int.init(jsonNumber:)),
            completionTokens: number("completion_tokens").flatMap(Int.init(jsonNumber:)),
            totalTokens: number("total_tokens").flatMap(Int.init(jsonNumber:)), latency: number("latency"),
            totalPrice: price, currency: o["currency"]?.stringValue)
        guard usage != TokenUsage() else { return nil }
        self = usage
    }

    /// `s` when it is digits with at most one `.` between digits, at most 40 characters.
    static func plainDecimal(_ s: String) -> String? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard s.count <= 40, (1...2).contains(parts.count),
            parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return nil }
        return s
    }

    /// `s` when it is 1–8 ASCII letters (a currency code).
    static func currencyCode(_ s: String) -> String? {
        (1...8).contains(s.count) && s.allSatisfy { $0.isASCII && $0.isLetter } ? s : nil
    }
}
