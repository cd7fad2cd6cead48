import ChatServer

extension ServeCommand {
    /// The engine the flags ask for; a ``CLIError`` naming the flag for a missing or
    /// misplaced one. The API key is read from `environment` and never printed.
    func makeEngine(environment: [String: String]) throws -> any AnswerEngine {
        func reject(_ flag: String, given: Bool, _ engines: String) throws {
            if given { throw CLIError("\(flag) applies to --engine \(engines), not \(engine)") }
        }
        switch engine {
        case "offline":
            try reject("--upstream", given: upstream != nil, "openai")
            try reject("--model", given: model != nil, "openai or command")
            try reject("--api-key-env", given: apiKeyEnv != nil, "openai")
            try reject("--engine-cmd", given: engineCmd != nil, "command")
            try reject("--no-stream-usage", given: noStreamUsage, "openai")
            let pace = paceMs ?? 20
            guard pace >= 0 else { throw CLIError("--pace-ms must not be negative") }
            return OfflineEngine(pace: .milliseconds(pace))
        case "openai":
            try reject("--engine-cmd", given: engineCmd != nil, "command")
            try reject("--pace-ms", given: paceMs != nil, "offline")
            guard let upstream else {
                throw CLIError("--engine openai needs --upstream URL (e.g. http://127.0.0.1:11434)")
            }
            guard let model, !model.isEmpty else { throw CLIError("--engine openai needs --model SLUG") }
            let keyVariable = apiKeyEnv ?? "OPENAI_API_KEY"
            guard !keyVariable.isEmpty, !keyVariable.contains("=") else {
                throw CLIError("--api-key-env must name an environment variable")
            }
            if apiKeyEnv != nil, environment[keyVariable] == nil {
                throw CLIError("--api-key-env \(keyVariable): that variable is not set")
            }
            do {
                return try OpenAICompatibleEngine(
                    upstream: upstream, model: model, apiKey: environment[keyVariable], includeUsage: !noStreamUsage)
            } catch {
                throw CLIError(
                    "--upstream \(upstream.debugDescription) is not an http:// or https:// URL "
                        + "(e.g. http://127.0.0.1:11434)")
            }
        case "command":
            try reject("--upstream", given: upstream != nil, "openai")
            try reject("--api-key-env", given: apiKeyEnv != nil, "openai")
            try reject("--pace-ms", given: paceMs != nil, "offline")
            try reject("--no-stream-usage", given: noStreamUsage, "openai")
            guard let engineCmd else {
                throw CLIError("--engine command needs --engine-cmd CMD (e.g. --engine-cmd 'ollama run llama3')")
            }
            do {
                return try CommandEngine(command: engineCmd, modelSlug: model ?? "local-command")
            } catch let error as EngineError {
                throw CLIError("--engine-cmd: \(error)")
            }
        default:
            throw CLIError("unknown engine \(engine) (expected offline, openai or command)")
        }
    }
}
