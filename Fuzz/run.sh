#!/bin/sh
# Builds one libFuzzer binary per decoder and runs each for FUZZ_SECONDS (default 60).
# Each binary is the ChatModel + ChatProtocol sources compiled together with one entry file
# (the `import ChatModel` lines are dropped: everything is one module). Not part of CI.
#   make fuzz                      # all four, 60 s each
#   FUZZ_SECONDS=10 Fuzz/run.sh sse delta
set -eu
cd "$(dirname "$0")/.."
SWIFTC=${SWIFTC:-swiftc}
SECONDS_EACH=${FUZZ_SECONDS:-60}
OUT=.build/fuzz
SRC=$OUT/src
TARGETS=${*:-sse cumulative delta webpubsub}

rm -rf "$SRC"
mkdir -p "$SRC"
for f in Sources/ChatModel/*.swift Sources/ChatProtocol/*.swift Sources/ChatProtocol/Stream/*.swift; do
    dir=$(basename "$(dirname "$f")")
    sed '/^import ChatModel$/d' "$f" >"$SRC/${dir}_$(basename "$f")"
done

LD=""
if command -v ld.lld >/dev/null 2>&1; then LD="-use-ld=lld"; fi

status=0
for target in $TARGETS; do
    case $target in
    sse) entry=FuzzSSEParser.swift ;;
    cumulative) entry=FuzzCumulative.swift ;;
    delta) entry=FuzzDeltaV1.swift ;;
    webpubsub) entry=FuzzWebPubSub.swift ;;
    *) echo "unknown fuzz target $target" >&2; exit 2 ;;
    esac
    bin=$OUT/fuzz-$target
    echo "== building $bin"
    # shellcheck disable=SC2086
    $SWIFTC -O -sanitize=fuzzer,address -parse-as-library $LD -module-name ChatFuzz \
        "$SRC"/*.swift Fuzz/FuzzChecks.swift "Fuzz/$entry" -o "$bin"
    corpus=$OUT/corpus-$target
    mkdir -p "$corpus"
    if [ -d Fuzz/corpus/$target ]; then cp Fuzz/corpus/$target/* "$corpus"/ 2>/dev/null || true; fi
    if [ "$target" != webpubsub ] && [ -d ../shared/fixtures ]; then
        cp ../shared/fixtures/chatgpt_sse_*.txt ../shared/fixtures/coze_*.txt "$corpus"/ 2>/dev/null || true
    fi
    echo "== running $bin for ${SECONDS_EACH}s"
    if "$bin" -max_total_time="$SECONDS_EACH" -max_len=16384 -print_final_stats=1 \
        -artifact_prefix="$OUT/crash-$target-" "$corpus" >"$OUT/log-$target.txt" 2>&1; then
        echo "   clean: $(grep -E '^Done|stat::number_of_executed_units' "$OUT/log-$target.txt" | tr '\n' ' ')"
    else
        echo "   FAILED: see $OUT/log-$target.txt" >&2
        tail -30 "$OUT/log-$target.txt" >&2
        status=1
    fi
done
exit $status
