// The targets of the config fuzz binary (ChatConfig with TOMLKit).

let fuzzTargets: [String: FuzzTarget] = [
    "keymap": FuzzKeymap.run,
    "theme": FuzzTheme.run,
]
