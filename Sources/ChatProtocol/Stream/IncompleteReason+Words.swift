import Foundation

/// Why an answer is incomplete, in words a person reads (never the case's name).
extension IncompleteReason: CustomStringConvertible {
    /// A clause such as "the stream ended before the server confirmed the end", to follow
    /// "the answer is incomplete: ".
    public var description: String {
        switch self {
        case .noConfirmation: "the stream ended before the server confirmed the end"
        case .noAnswer: "no answer arrived"
        case .answerNotFinished("finished_successfully", _):
            "the server did not say the answer was over"
        case .answerNotFinished("in_progress", _): "the answer stopped while it was still being written"
        case .answerNotFinished(let status, _):
            status.map { "the answer stopped while it was \($0.replacingOccurrences(of: "_", with: " "))" }
                ?? "the answer stopped early"
        case .serverError(let why): "the server reported an error: \(why)"
        case .handedOff: "the server handed the rest of the answer to another connection"
        }
    }
}
