import Foundation

/// Conversation JSON objects as the backend-api and exports carry them, for tests to encode and
/// decode.
public enum ConversationObject {
    /// A conversation of one question (`u1`, "Trees?") and one answer (`a1`) under a root `r`,
    /// the answer current, with `answerMetadata` as the answer's `metadata`.
    public static func questionAndAnswer(
        id: String, title: String, answer: String, answerMetadata: [String: Any] = [:],
        question: String = "Trees?"
    ) -> [String: Any] {
        [
            "id": id, "title": title, "create_time": 1_700_000_000.0, "update_time": 1_700_000_900.0,
            "current_node": "a1",
            "mapping": [
                "r": ["id": "r", "children": ["u1"]],
                "u1": [
                    "id": "u1", "parent": "r", "children": ["a1"],
                    "message": [
                        "id": "u1", "author": ["role": "user"],
                        "content": ["content_type": "text", "parts": [question]],
                    ],
                ],
                "a1": [
                    "id": "a1", "parent": "u1", "children": [String](),
                    "message": [
                        "id": "a1", "author": ["role": "assistant"], "metadata": answerMetadata,
                        "content": ["content_type": "text", "parts": [answer]],
                    ],
                ],
            ],
        ]
    }
}
