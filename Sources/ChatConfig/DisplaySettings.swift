import Foundation
import TOMLKit
import TerminalCanvas

/// The top-level settings of `config.toml` about how the browser draws (profiles are read by
/// ``ProfileSet`` from the same file):
///
/// ```toml
/// hyperlinks = "auto"   # "auto", "always" or "never": link text as OSC 8 hyperlinks
/// mouse = true          # false: the terminal keeps clicks and the wheel to itself
/// ```
public struct DisplaySettings: Sendable, Hashable {
    /// When link text becomes an OSC 8 hyperlink.
    public var hyperlinks: HyperlinkMode
    /// Whether the browser asks the terminal for clicks and wheel turns.
    public var mouse: Bool

    /// Creates settings (the defaults when nothing is given).
    public init(hyperlinks: HyperlinkMode = .auto, mouse: Bool = true) {
        self.hyperlinks = hyperlinks
        self.mouse = mouse
    }

    /// Loads `file`; a missing file gives the defaults.
    /// - Throws: ``DisplaySettingsError`` naming the file when it cannot be read, is not TOML,
    ///   or holds a value that is not one of the allowed ones.
    public static func load(file: URL) throws -> DisplaySettings {
        guard FileManager.default.fileExists(atPath: file.path) else { return DisplaySettings() }
        let text = try ConfigFile(url: file, label: file.path, defaultName: "config").read {
            DisplaySettingsError(file: file.path, message: "cannot be read: \($0)")
        }
        return try parse(toml: text, file: file.path)
    }

    /// Parses the text of `config.toml` (`file` names it in errors); other keys are left to
    /// their readers.
    public static func parse(toml: String, file: String = "config.toml") throws -> DisplaySettings {
        let document: TOMLTable
        do {
            document = try TOMLDocument.parse(toml)
        } catch let error as TOMLDocument.SyntaxError {
            throw DisplaySettingsError(file: file, message: error.message)
        }
        var settings = DisplaySettings()
        if let value = document["hyperlinks"] {
            guard let name = value.string, let mode = HyperlinkMode(rawValue: name.lowercased()) else {
                throw DisplaySettingsError(
                    file: file, message: "hyperlinks must be \"auto\", \"always\" or \"never\"")
            }
            settings.hyperlinks = mode
        }
        if let value = document["mouse"] {
            guard let on = value.bool else {
                throw DisplaySettingsError(file: file, message: "mouse must be true or false")
            }
            settings.mouse = on
        }
        return settings
    }
}

/// Why `config.toml`'s display settings cannot be used, as one line naming the file.
public struct DisplaySettingsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file.
    public var file: String
    /// What is wrong, in words.
    public var message: String

    /// The line a person reads: `config.toml: hyperlinks must be …`.
    public var description: String { "\(file): \(message)" }
}
