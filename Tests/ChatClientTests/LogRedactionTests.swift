import ChatClient
import Testing

/// What reaches a log file never holds a token, a cookie or an API key.
@Suite struct LogRedactionTests {
    static let jwt = "eyJhbGciOiJSUzI1NiJ9.eyJlbWFpbCI6Inh4eEB5eXkuY29tIn0.c2lnbmF0dXJlLXBhcnQ"

    @Test(arguments: [
        ("Authorization: Bearer abc.def-ghi", "abc.def-ghi"),
        ("authorization=Bearer \(jwt)", jwt),
        ("Cookie: __Secure-next-auth.session-token=s3cr3tcookie; other=1", "s3cr3tcookie"),
        ("set-cookie: session=deadbeefcafe; Path=/", "deadbeefcafe"),
        ("X-Api-Key: 0123456789abcdef", "0123456789abcdef"),
        ("OpenAI-Sentinel-Chat-Requirements-Token: gAAAAAB-proof", "gAAAAAB-proof"),
        ("headers [\"Authorization\": \"Bearer tok-123456\"]", "tok-123456"),
        ("token \(jwt) in the middle", jwt),
        ("api key sk-proj-AbCdEf0123456789xyz used", "sk-proj-AbCdEf0123456789xyz"),
        ("dify app-AbCdEf0123456789xy", "app-AbCdEf0123456789xy"),
        ("coze pat_AbCdEf0123456789xyzXYZ", "pat_AbCdEf0123456789xyzXYZ"),
        ("GET https://h/api?access_token=abc123&x=1", "abc123"),
        ("{\"token\": \"abc123secret\", \"model\": \"m\"}", "abc123secret"),
        ("{\"password\":\"hunter22\"}", "hunter22"),
    ])
    func secretsAreTakenOut(line: String, secret: String) {
        let redacted = LogRedaction.redact(line)
        #expect(!redacted.contains(secret), "\(redacted)")
        #expect(redacted.contains("[redacted]"), "\(redacted)")
    }

    @Test func ordinaryLinesStayAsTheyAre() {
        for line in [
            "POST http://127.0.0.1:8080/backend-api/conversation → 200 in 412 ms",
            "retrying list conversations after status 502",
            "WebSocket answer: the server closed the connection",
            "the token expires 2026-12-07 10:00 UTC",
            "skipped 3 stream events the decoder does not know",
        ] {
            #expect(LogRedaction.redact(line) == line)
        }
    }

    @Test func whatIsAroundASecretStays() {
        #expect(
            LogRedaction.redact("GET /api?token=abc123&page=2 200")
                == "GET /api?token=[redacted]&page=2 200")
        #expect(LogRedaction.redact("Authorization: Bearer abc\nnext line") == "Authorization: [redacted]\nnext line")
    }
}
