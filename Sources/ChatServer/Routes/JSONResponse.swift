import ChatModel
import ChatProtocol
import Foundation
import Hummingbird

/// JSON responses and request bodies.
enum JSONResponse {
    /// A JSON response.
    static func make(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: WireJSON.string(value))))
    }

    /// The request body as JSON; an empty body is `{}` when `allowEmpty`. Throws a 400
    /// ``APIError`` when it is not valid JSON.
    static func body(_ request: Request, allowEmpty: Bool = false) async throws -> JSONValue {
        let buffer = try await request.body.collect(upTo: 16 << 20)
        let data = Data(buffer.readableBytesView)
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            if allowEmpty { return .object([:]) }
            throw APIError.malformedBody("the body is empty")
        }
        let value: JSONValue
        do {
            value = try FastJSON.parse(data)
        } catch {
            throw APIError.malformedBody("\(error)")
        }
        guard value.objectValue != nil else { throw APIError.malformedBody("the body must be a JSON object") }
        return value
    }
}
