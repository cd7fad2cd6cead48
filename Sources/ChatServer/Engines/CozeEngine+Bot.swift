import AsyncHTTPClient
import ChatClient
import ChatModel
import ChatProtocol
import Foundation
import NIOCore
import NIOHTTP1

extension CozeEngine {
    /// The bot's own name, asked of Coze (`GET /v1/bot/get_online_info?bot_id=…`, Coze's "get
    /// bot info": `{"code": 0, "data": {"bot_id", "name", …}}`). Errors are one-line
    /// ``EngineError``s, the token never in them.
    public func account() async throws -> AccountInfo? {
        guard var parts = URLComponents(url: endpoint, resolvingAgainstBaseURL: false) else { return nil }
        parts.path = String(parts.path.dropLast(api.path.count)) + "/v1/bot/get_online_info"
        parts.queryItems = [URLQueryItem(name: "bot_id", value: botID)]
        guard let url = parts.url else { return nil }
        var request = HTTPClientRequest(url: url.absoluteString)
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "chatterm")
        if let apiKey { request.headers.add(name: "Authorization", value: "Bearer \(apiKey.value)") }
        let response: HTTPClientResponse
        do {
            response = try await httpClient.execute(request, timeout: .seconds(10))
        } catch {
            if Task.isCancelled { throw CancellationError() }
            throw EngineError("cannot reach Coze at \(url.host ?? "its address")")
        }
        let body = try await UpstreamPost.prefix(of: response.body, maxBytes: 1 << 20)
        guard (200..<300).contains(response.status.code) else {
            throw EngineError(
                "Coze answered \(response.status.code) \(response.status.reasonPhrase)"
                    + (CozeErrorBody.message(in: body).map { ": \($0)" } ?? ""))
        }
        let json = try? FastJSON.parse(Data(body))
        if let code = json?["code"]?.doubleValue, code != 0 {
            throw EngineError("Coze refused: " + (CozeErrorBody.message(in: body) ?? "code \(Int(code))"))
        }
        let name = json?["data"]?["name"]?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return name.isEmpty ? nil : AccountInfo(app: name, appKind: "bot")
    }
}
