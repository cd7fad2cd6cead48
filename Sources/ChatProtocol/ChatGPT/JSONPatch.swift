import ChatModel

/// A JSON Pointer (RFC 6901) split into unescaped segments: `""` is the whole document,
/// `/message/content/parts/0` names the first part; `~1` stands for `/` and `~0` for `~`.
public struct JSONPointer: Sendable, Hashable {
    /// The unescaped reference tokens, outermost first.
    public var segments: [String]

    /// Creates a pointer from its segments.
    public init(segments: [String]) {
        self.segments = segments
    }

    /// Parses a pointer string. A missing leading `/` is tolerated (`message/status`).
    public init(_ string: String) {
        guard !string.isEmpty else {
            segments = []
            return
        }
        var parts = string.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if string.hasPrefix("/") { parts.removeFirst() }
        segments = parts.map(Self.unescape)
    }

    /// `~1` → `/`, `~0` → `~` (in that order, so `~01` is `~1`); a lone `~` is kept.
    private static func unescape(_ token: String) -> String {
        guard token.contains("~") else { return token }
        var out = ""
        var iterator = token.makeIterator()
        while let c = iterator.next() {
            guard c == "~" else {
                out.append(c)
                continue
            }
            switch iterator.next() {
            case "1": out.append("/")
            case "0": out.append("~")
            case let other?: out.append("~"); out.append(other)
            case nil: out.append("~")
            }
        }
        return out
    }
}

/// The operations of `delta_encoding` v1 (PROTOCOL.md §2b rule 3).
public enum JSONPatchOperation: String, Sendable, Hashable, CaseIterable {
    /// Set the value at the path (insert into an array, or append at its end / at `-`).
    case add
    /// Set the value at the path.
    case replace
    /// String: concatenate. Array: push (an array value is concatenated). Object: merge the value's
    /// members in. Missing or null target: set.
    case append
    /// Cut a string (in UTF-16 code units, as the JavaScript client counts) or an array to length `v`.
    case truncate
    /// Delete the member or element at the path.
    case remove
    /// Apply `v`, a list of `{p, o, v}` sub-operations, in order, with paths relative to this one.
    case patch
}

/// Why a patch operation could not be applied.
public enum JSONPatchError: Error, Sendable, Equatable {
    /// The operation name is not one of ``JSONPatchOperation``.
    case unknownOperation(String)
    /// A path segment names nothing (missing member, index out of range, not a container).
    case noTarget(String)
    /// The value does not fit the operation or the target (e.g. append a number to a string).
    case badValue(String)
    /// `patch` operations nested too deeply.
    case tooDeep
}

extension JSONValue {
    /// The deepest `patch` nesting accepted.
    static let maxPatchDepth = 32

    /// Applies one operation at `pointer`. On error nothing is changed, except by the
    /// sub-operations of a `patch` that succeeded before the failing one.
    public mutating func apply(_ operation: JSONPatchOperation, at pointer: JSONPointer, value: JSONValue?) throws {
        try apply(operation, at: pointer.segments[...], value: value, depth: 0)
    }

    mutating func apply(
        _ operation: JSONPatchOperation, at path: ArraySlice<String>, value: JSONValue?, depth: Int
    ) throws {
        guard let first = path.first else {
            try applyHere(operation, value: value, depth: depth)
            return
        }
        let rest = path.dropFirst()
        switch self {
        case .object(var members):
            self = .null  // `members` is now the only reference: edits happen in place
            defer { self = .object(members) }
            if rest.isEmpty, operation != .patch {
                switch operation {
                case .add, .replace:
                    members[first] = try required(value)
                    return
                case .remove:
                    guard members.removeValue(forKey: first) != nil else { throw JSONPatchError.noTarget(first) }
                    return
                case .append where members[first] == nil:
                    members[first] = try required(value)
                    return
                default:
                    break
                }
            }
            guard var child = members.removeValue(forKey: first) else { throw JSONPatchError.noTarget(first) }
            defer { members[first] = child }
            try child.apply(operation, at: rest, value: value, depth: depth)
        case .array(var elements):
            self = .null
            defer { self = .array(elements) }
            if rest.isEmpty, operation == .add || operation == .replace || operation == .remove {
                let index = first == "-" ? elements.count : try Self.index(first, count: elements.count + 1)
                switch operation {
                case .add:
                    elements.insert(try required(value), at: index)
                case .replace where index == elements.count:
                    elements.append(try required(value))
                case .replace:
                    elements[index] = try required(value)
                default:
                    guard index < elements.count else { throw JSONPatchError.noTarget(first) }
                    elements.remove(at: index)
                }
                return
            }
            let index = try Self.index(first, count: elements.count)
            var child = elements[index]
            elements[index] = .null
            defer { elements[index] = child }
            try child.apply(operation, at: rest, value: value, depth: depth)
        default:
            throw JSONPatchError.noTarget(first)
        }
    }

    private mutating func applyHere(_ operation: JSONPatchOperation, value: JSONValue?, depth: Int) throws {
        switch operation {
        case .add, .replace:
            self = try required(value)
        case .remove:
            self = .null
        case .append:
            try append(try required(value))
        case .truncate:
            guard let length = value?.doubleValue, length >= 0, length == length.rounded(), length < 1e15 else {
                throw JSONPatchError.badValue("truncate length")
            }
            try truncate(to: Int(length))
        case .patch:
            guard depth < Self.maxPatchDepth else { throw JSONPatchError.tooDeep }
            guard let operations = value?.arrayValue else { throw JSONPatchError.badValue("patch needs a list") }
            for item in operations {
                guard let object = item.objectValue else { throw JSONPatchError.badValue("patch item") }
                let name = object["o"]?.stringValue ?? ""
                guard let sub = JSONPatchOperation(rawValue: name) else { throw JSONPatchError.unknownOperation(name) }
                let pointer = JSONPointer(object["p"]?.stringValue ?? "")
                try apply(sub, at: pointer.segments[...], value: object["v"], depth: depth + 1)
            }
        }
    }

    private mutating func append(_ value: JSONValue) throws {
        switch (self, value) {
        case (.string(var s), .string(let tail)):
            self = .null
            s += tail
            self = .string(s)
        case (.array(var elements), _):
            self = .null
            if case .array(let more) = value {
                elements += more
            } else {
                elements.append(value)
            }
            self = .array(elements)
        case (.object(var members), .object(let more)):
            self = .null
            members.merge(more) { _, new in new }
            self = .object(members)
        case (.null, _):
            self = value
        default:
            throw JSONPatchError.badValue("cannot append this value here")
        }
    }

    private mutating func truncate(to length: Int) throws {
        switch self {
        case .string(let s):
            let utf16 = s.utf16
            guard length < utf16.count else { return }
            var end = utf16.index(utf16.startIndex, offsetBy: length)
            // Never split a surrogate pair: cut before it.
            while end > utf16.startIndex, end.samePosition(in: s.unicodeScalars) == nil {
                end = utf16.index(before: end)
            }
            self = .string(String(s.unicodeScalars[..<end]))
        case .array(var elements):
            guard length < elements.count else { return }
            self = .null
            elements.removeSubrange(length...)
            self = .array(elements)
        default:
            throw JSONPatchError.badValue("truncate needs a string or an array")
        }
    }

    private func required(_ value: JSONValue?) throws -> JSONValue {
        guard let value else { throw JSONPatchError.badValue("missing v") }
        return value
    }

    private static func index(_ segment: String, count: Int) throws -> Int {
        guard !segment.isEmpty, segment.utf8.count <= 18, segment.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let index = Int(segment), index < count
        else { throw JSONPatchError.noTarget(segment) }
        return index
    }
}
