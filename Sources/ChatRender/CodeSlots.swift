import CSourceHighlight

/// The theme slot of each source-highlight element (helix's names, so a theme written for
/// helix's scopes reads naturally): `keyword`, `string`, `comment`, `constant.numeric`, ….
/// Elements without a slot of their own are the code block's plain text (`ui.code`).
enum CodeSlots {
    /// The slot of code that is no particular token.
    static let plain = "ui.code"

    /// source-highlight element name → slot.
    static let byElement: [String: String] = [
        "keyword": "keyword",
        "preproc": "keyword.directive",
        "type": "type", "usertype": "type", "classname": "type",
        "string": "string", "keyquote": "string", "valquote": "string", "value": "string",
        "regexp": "string.regexp",
        "comment": "comment", "todo": "comment", "url": "comment",
        "number": "constant.numeric",
        "atom": "constant",
        "specialchar": "constant.character.escape",
        "function": "function", "predef_func": "function",
        "symbol": "operator",
        "cbracket": "punctuation.bracket",
        "variable": "variable", "predef_var": "variable",
        "key": "variable.other.member", "property": "variable.other.member",
        "label": "label", "section": "label",
        "attribute": "attribute", "selector": "attribute",
        "newfile": "diff.plus", "oldfile": "diff.minus", "difflines": "diff.delta",
    ]

    /// The slots every code token may take, for the themes (``Theme/slots`` lists them too).
    static let all: Set<String> = Set(byElement.values)

    /// Slot of each element index of the C interface.
    static let byIndex: [String] = (0..<chl_element_count()).map { index in
        byElement[String(cString: chl_element_name(index))] ?? plain
    }
}
