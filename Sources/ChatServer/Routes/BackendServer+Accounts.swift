import ChatClient
import ChatModel
import Foundation
import Hummingbird

extension BackendServer {
    /// Session, account check, models, prompt library and moderations: the small
    /// endpoints a client calls before and around chatting.
    func addAccountRoutes(to router: Router<BasicRequestContext>) {
        let token = configuration.token
        let model = engine.model
        router.get("/api/auth/session") { _, _ -> Response in
            JSONResponse.make(Self.session(token: token))
        }
        router.get("/backend-api/accounts/check") { _, _ -> Response in
            JSONResponse.make(Self.accountCheck)
        }
        router.get("/backend-api/accounts/check/v4-2023-04-27") { _, _ -> Response in
            JSONResponse.make(Self.accountCheckV4)
        }
        router.get("/backend-api/models") { _, _ -> Response in
            JSONResponse.make(Self.models(model))
        }
        router.get("/backend-api/prompt_library/") { _, _ -> Response in
            JSONResponse.make(Self.promptLibrary)
        }
        router.post("/backend-api/moderations") { request, _ -> Response in
            _ = try await JSONResponse.body(request, allowEmpty: true)
            return JSONResponse.make(
                .object([
                    "flagged": .bool(false), "blocked": .bool(false),
                    "moderation_id": .string("modr-" + UUID().uuidString.lowercased()),
                ]))
        }
    }

    /// The local user every session belongs to.
    static let user: JSONValue = .object([
        "id": .string("user-chatterm-local"), "name": .string("chatterm"),
        "email": .string("local@chatterm.invalid"), "image": .string(""), "picture": .string(""),
        "idp": .string("chatterm"), "iat": .number(0), "mfa": .bool(false), "groups": .array([]),
        "intercom_hash": .string(""),
    ])

    /// `GET /api/auth/session`: the token as `accessToken`, expiring in 30 days.
    static func session(token: String) -> JSONValue {
        let expires = WireTime.iso(Date().timeIntervalSince1970 + 30 * 86_400)
        return .object([
            "user": user, "expires": .string(String(expires.prefix(23)) + "Z"), "accessToken": .string(token),
            "authProvider": .string("chatterm"),
        ])
    }

    /// `GET /backend-api/accounts/check` (the 2023 shape of the fixture).
    static let accountCheck: JSONValue = .object([
        "account_plan": .object([
            "is_paid_subscription_active": .bool(false), "subscription_plan": .string("chatgptfreeplan"),
            "account_user_role": .string("account-owner"), "was_paid_customer": .bool(false),
            "has_customer_object": .bool(false), "subscription_expires_at_timestamp": .null,
        ]),
        "user_country": .string("ZZ"),
        "features": .array([.string("starter_prompts"), .string("chatterm_local")]),
    ])

    /// `GET /backend-api/accounts/check/v4-2023-04-27`: accounts by id, with no
    /// `shared_websocket` feature (so clients stream over SSE).
    static let accountCheckV4: JSONValue = .object([
        "accounts": .object([
            "default": .object([
                "account": .object([
                    "account_user_role": .string("account-owner"), "account_user_id": .string("user-chatterm-local"),
                    "processor": .object([:]), "account_id": .string("chatterm-local"),
                    "is_most_recent_expired_subscription_gratis": .bool(false),
                    "has_previously_paid_subscription": .bool(false), "name": .null, "structure": .string("personal"),
                    "plan_type": .string("free"),
                ]),
                "features": .array([.string("starter_prompts"), .string("chatterm_local")]),
                "entitlement": .object([
                    "subscription_id": .null, "has_active_subscription": .bool(false),
                    "subscription_plan": .string("chatgptfreeplan"), "expires_at": .null,
                ]),
                "last_active_subscription": .null,
            ])
        ]),
        "account_ordering": .array([.string("default")]),
    ])

    /// `GET /backend-api/models`: the engine's model, with a category that names it.
    static func models(_ model: ModelInfo) -> JSONValue {
        let category = model.tags.contains("offline") ? "offline" : "local"
        return .object([
            "models": .array([
                .object([
                    "slug": .string(model.slug), "max_tokens": model.maxTokens.map { .number(Double($0)) } ?? .null,
                    "title": .string(model.title), "description": .string(model.description),
                    "tags": .array(model.tags.map(JSONValue.string)), "capabilities": .object([:]),
                    "qualitative_properties": .object([:]),
                ])
            ]),
            "categories": .array([
                .object([
                    "category": .string(category),
                    "human_category_name": .string(category == "offline" ? "Offline (no model)" : "Local"),
                    "subscription_level": .string("free"), "default_model": .string(model.slug),
                ])
            ]),
            "default_model_slug": .string(model.slug),
        ])
    }

    /// The starter prompts of an empty chat: title, description, prompt.
    static let starters: [(title: String, description: String, prompt: String)] = [
        ("Tell me a fun fact", "about the Roman Empire", "Tell me a random fun fact about the Roman Empire"),
        ("Explain superconductors", "like I'm five years old", "Explain superconductors like I'm five years old."),
        (
            "Write some code", "a Swift function that reverses words",
            "Write a Swift function that reverses the words of a sentence."
        ),
        ("用中文介绍", "你自己", "用中文介绍一下你自己"),
    ]

    /// The starter prompts as a client shows them (title and description joined).
    static let starterPrompts: [StarterPrompt] = starters.map {
        StarterPrompt(title: "\($0.title) — \($0.description)", prompt: $0.prompt)
    }

    /// `GET /backend-api/prompt_library/`: a few starter prompts.
    static let promptLibrary: JSONValue = {
        let items: [JSONValue] = starters.enumerated().map { i, p in
            .object([
                "id": .string("starter-\(i + 1)"), "title": .string(p.title), "description": .string(p.description),
                "prompt": .string(p.prompt), "category": .string("starter"),
            ])
        }
        return .object(["items": .array(items), "total": .number(Double(items.count))])
    }()
}
