// The libFuzzer entry points of every fuzz binary. One binary serves several targets: it is
// installed under one name per target (`fuzz-scanner`, `fuzz-json`, … as links to one file) and
// picks the entry named after `fuzz-` in its own name (or in FUZZ_TARGET), so the shared sources
// are compiled once. Each binary defines `fuzzTargets` (its table of entries).

#if canImport(Glibc)
    import Glibc
#endif

/// One fuzz entry: checks one input, and traps (`fatalError`) when a property does not hold.
typealias FuzzTarget = @Sendable (UnsafeRawBufferPointer) -> Void

/// The entry chosen by `LLVMFuzzerInitialize`, before the first input.
nonisolated(unsafe) private var selectedTarget: FuzzTarget?

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
    let program = argv.pointee?.pointee.map { String(cString: $0) } ?? ""
    let base = program.split(separator: "/").last.map(String.init) ?? program
    var name = base.hasPrefix("fuzz-") ? String(base.dropFirst(5)) : base
    if let override = getenv("FUZZ_TARGET") { name = String(cString: override) }
    guard let target = fuzzTargets[name] else {
        let known = fuzzTargets.keys.sorted().joined(separator: ", ")
        let message = "no fuzz target named \(name); this binary runs \(known) (link it as fuzz-<target>)\n"
        _ = message.withCString { write(2, $0, strlen($0)) }
        exit(2)
    }
    selectedTarget = target
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let target = selectedTarget else { return 0 }
    target(UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size))
    return 0
}
