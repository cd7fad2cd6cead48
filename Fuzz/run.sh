#!/bin/sh
# libFuzzer runs of the decoders, the export importer, the terminal input decoder and the TOML
# loaders. Not part of CI. Each target checks properties (see the notes at the top of its entry
# file), not only that nothing traps.
#
#   make fuzz                                  # every target, FUZZ_SECONDS (60) each, in turn
#   FUZZ_SECONDS=10 Fuzz/run.sh scanner json   # some targets
#   FUZZ_PARALLEL=1 FUZZ_SECONDS=3600 Fuzz/run.sh   # all at once (niced), for long runs
#   FUZZ_ASAN=1 Fuzz/run.sh json               # the AddressSanitizer build, for triage
#   FUZZ_BUILD_ONLY=1 Fuzz/run.sh              # build only
#   .build/fuzz/bin/fuzz-json crash-file       # replay one input (.build/fuzz/asan/… with ASan)
#
# Three binaries, each serving several targets: a binary runs the target named after `fuzz-` in
# the name it is started under (fuzz-scanner, fuzz-json, … are links to one file), so shared
# sources are compiled once. A new build replaces a binary by a rename, so runs in progress go on.
# - fuzz-protocol: the ChatModel and ChatProtocol sources and the importer's TopLevelSniffer,
#   compiled as one module with Fuzz/Shared and Fuzz/Protocol (the `import ChatModel` lines are
#   dropped) by swiftc: sse cumulative delta webpubsub scanner json conversation tree dify coze openai.
# - fuzz-input: the TerminalCanvas sources with CursesTerminal's InputDecoder, RawInput,
#   MouseReport and ModeReport (no curses): input.
# - fuzz-config: the SwiftPM package Fuzz/Config (scratch path .build-fuzz, or .build-fuzz-asan),
#   whose TerminalCanvas and ChatConfig targets are links to the app's sources and which depends on
#   TOMLKit at the app's URL and version; `swift build --sanitize=fuzzer` instruments the toml++ C++
#   as well: keymap theme.
# The fast build (-sanitize=fuzzer) runs by default; FUZZ_ASAN=1 adds AddressSanitizer (a half to
# a third of the speed), for triage and for runs over the unsafe-pointer code (scanner, json).
# Seeds come from Fuzz/corpus/<target>/ (excerpts of ../shared/fixtures, the bundled keymaps and
# themes, and a few hand-made edge cases), tokens from Fuzz/dict/; the growing corpus,
# logs (log-<target>.txt) and crash inputs (crash-<target>-…) go to .build/fuzz/.
set -eu
cd "$(dirname "$0")/.."
SWIFTC=${SWIFTC:-swiftc}
SECONDS_EACH=${FUZZ_SECONDS:-60}
NICE=${FUZZ_NICE:-19}
OUT=.build/fuzz
ALL="sse cumulative delta webpubsub scanner json conversation tree dify coze openai input keymap theme"
TARGETS=${*:-$ALL}
if [ "${FUZZ_ASAN:-0}" = 1 ]; then
    BIN=$OUT/asan SANITIZE=fuzzer,address SCRATCH=.build-fuzz-asan SUFFIX=-asan
else
    BIN=$OUT/bin SANITIZE=fuzzer SCRATCH=.build-fuzz SUFFIX=
fi
mkdir -p "$BIN"

binary_of() {
    case $1 in
    sse | cumulative | delta | webpubsub | scanner | json | conversation | tree | dify | coze | openai) echo protocol ;;
    input) echo input ;;
    keymap | theme) echo config ;;
    *) echo "unknown fuzz target $1 (known: $ALL)" >&2; exit 2 ;;
    esac
}

# The longest input each target gets: enough for a few events or a small export, small enough
# to keep thousands of runs a second.
max_len_of() {
    case $1 in
    tree) echo 256 ;;
    input) echo 1024 ;;
    keymap | theme) echo 2048 ;;
    *) echo 4096 ;;
    esac
}

# The libFuzzer dictionary (Fuzz/dict/): the tokens and member names a target's format uses.
dict_of() {
    case $1 in
    scanner | json | conversation | cumulative | delta) echo "-dict=Fuzz/dict/json.dict" ;;
    dify | coze | openai | input) echo "-dict=Fuzz/dict/$1.dict" ;;
    keymap | theme) echo "-dict=Fuzz/dict/toml.dict" ;;
    esac
}

# Copies a module's sources into $1 without the named `import` lines.
flatten() {
    dir=$1; shift
    rm -rf "$dir"; mkdir -p "$dir"
    for f in "$@"; do
        sed '/^import ChatModel$/d;/^import ChatProtocol$/d;/^import TerminalCanvas$/d' "$f" \
            >"$dir/$(basename "$(dirname "$f")")_$(basename "$f")"
    done
}

# Whether the file $1 is missing or older than any file after it.
stale() {
    target_file=$1; shift
    [ -e "$target_file" ] || return 0
    for f in "$@"; do
        if [ "$f" -nt "$target_file" ]; then return 0; fi
    done
    return 1
}

# Compiles the sources after $1-$3 into $BIN/$1 unless it is up to date: flattened into one
# module named $2 with Fuzz/Shared and the entry files in Fuzz/$3.
swiftc_binary() {
    # Not `binary`: the loop below reads that name after the build.
    output=$1 module=$2 entry=$3; shift 3
    if ! stale "$BIN/$output" "$@" Fuzz/Shared/*.swift Fuzz/"$entry"/*.swift; then return; fi
    flatten "$OUT/src-$entry" "$@"
    # shellcheck disable=SC2086
    nice -n "$NICE" $SWIFTC -O -sanitize=$SANITIZE -parse-as-library -swift-version 6 $LD \
        -module-name "$module" "$OUT/src-$entry"/*.swift Fuzz/Shared/*.swift Fuzz/"$entry"/*.swift \
        -o "$BIN/$output.new"
    mv -f "$BIN/$output.new" "$BIN/$output"
}

build() {
    LD=""
    if command -v ld.lld >/dev/null 2>&1; then LD="-use-ld=lld"; fi
    case $1 in
    protocol)
        swiftc_binary fuzz-protocol ChatFuzz Protocol Sources/ChatModel/*.swift Sources/ChatProtocol/*/*.swift \
            Sources/ChatArchive/TopLevelSniffer.swift
        ;;
    input)
        swiftc_binary fuzz-input-bin ChatFuzzInput Input Sources/TerminalCanvas/*.swift \
            Sources/CursesTerminal/InputDecoder.swift Sources/CursesTerminal/RawInput.swift \
            Sources/CursesTerminal/MouseReport.swift Sources/CursesTerminal/ModeReport.swift
        ;;
    config)
        sanitizers=""
        for s in $(echo "$SANITIZE" | tr , ' '); do sanitizers="$sanitizers --sanitize=$s"; done
        # shellcheck disable=SC2086
        nice -n "$NICE" swift build -c release --package-path Fuzz/Config --scratch-path "$SCRATCH" \
            $sanitizers --product ChatConfigFuzz
        cp "$SCRATCH/release/ChatConfigFuzz" "$BIN/fuzz-config.new"
        mv -f "$BIN/fuzz-config.new" "$BIN/fuzz-config"
        ;;
    esac
}

built=""
for target in $TARGETS; do
    binary=$(binary_of "$target")
    case " $built " in
    *" $binary "*) ;;
    *)
        echo "== building $BIN/fuzz-$binary ($SANITIZE) unless up to date"
        build "$binary"
        built="$built $binary"
        ;;
    esac
    if [ "$binary" = input ]; then
        ln -sf fuzz-input-bin "$BIN/fuzz-input"
    else
        ln -sf "fuzz-$binary" "$BIN/fuzz-$target"
    fi
done
if [ "${FUZZ_BUILD_ONLY:-0}" = 1 ]; then exit 0; fi

# How long one process of a target may run: TOMLKit 0.6 frees nothing it allocates (parsed
# tables, key lists, error texts), so a keymap or theme process would pass libFuzzer's 2 GB limit
# within the hour (keymap, which parses three times an input, in five minutes on a free core);
# they run as a series of short processes on the same corpus instead.
slice_of() {
    case $1 in
    keymap) echo 120 ;;
    theme) echo 300 ;;
    *) echo "$SECONDS_EACH" ;;
    esac
}

# Whether LeakSanitizer (in the ASan build) looks for leaks: not in the TOML targets, where it
# would stop at the first input on TOMLKit's.
leaks_of() {
    case $1 in
    keymap | theme) echo 0 ;;
    *) echo 1 ;;
    esac
}

# Runs one target; the exit status says whether it ran clean.
run() {
    target=$1
    corpus=$OUT/corpus-$target
    log=$OUT/log-$target$SUFFIX.txt
    mkdir -p "$corpus"
    if [ -d "Fuzz/corpus/$target" ]; then cp "Fuzz/corpus/$target"/* "$corpus"/ 2>/dev/null || true; fi
    dict=$(dict_of "$target")
    : >"$log"
    left=$SECONDS_EACH
    while [ "$left" -gt 0 ]; do
        slice=$(slice_of "$target")
        if [ "$slice" -gt "$left" ]; then slice=$left; fi
        left=$((left - slice))
        # Swift's own crash backtracer would exit before libFuzzer saves the crashing input.
        # shellcheck disable=SC2086
        leaks=$(leaks_of "$target")
        SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=$leaks nice -n "$NICE" "$BIN/fuzz-$target" -max_total_time="$slice" \
            -max_len="$(max_len_of "$target")" -timeout=60 -print_final_stats=1 \
            -artifact_prefix="$OUT/crash-$target-" $dict -detect_leaks="$leaks" "$corpus" >>"$log" 2>&1 || return 1
    done
}

report() {
    target=$1 status=$2
    log=$OUT/log-$target$SUFFIX.txt
    if [ "$status" = 0 ]; then
        units=$(awk '/stat::number_of_executed_units/ { n += $2 } END { print n + 0 }' "$log")
        echo "   $target clean: $units runs in ${SECONDS_EACH}s ($((units / SECONDS_EACH)) a second)"
    else
        echo "   $target FAILED: see $log" >&2
        tail -30 "$log" >&2
    fi
}

status=0
if [ "${FUZZ_PARALLEL:-0}" = 1 ]; then
    pids=""
    for target in $TARGETS; do
        run "$target" &
        pids="$pids $target:$!"
    done
    echo "== running$(echo " $TARGETS" | tr -s ' ') at once for ${SECONDS_EACH}s"
    for entry in $pids; do
        target=${entry%%:*}
        if wait "${entry#*:}"; then report "$target" 0; else report "$target" 1; status=1; fi
    done
else
    for target in $TARGETS; do
        echo "== running fuzz-$target for ${SECONDS_EACH}s"
        if run "$target"; then report "$target" 0; else report "$target" 1; status=1; fi
    done
fi
exit $status
