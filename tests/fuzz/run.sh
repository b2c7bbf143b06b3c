#!/usr/bin/env bash
# Runs each fuzz target in turn for SECONDS (default 60), one process at a
# time, keeping what it finds in tests/fuzz/corpus/<target> (only the seed_*
# files there are committed). Crashes land in tests/fuzz/artifacts/<target>.
#
#   tests/fuzz/run.sh 180            # every target, 3 minutes each
#   tests/fuzz/run.sh 600 csv acled  # just these
#
# Needs cargo-fuzz (cargo install cargo-fuzz); on a stable toolchain the
# nightly flags cargo-fuzz uses are allowed with RUSTC_BOOTSTRAP=1.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
secs="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(article front_matter csv stream ndjson geojson acled ucdp gazetteer_import regions)
fi
export RUSTC_BOOTSTRAP=1
cd "$root"
cargo fuzz build --fuzz-dir tests/fuzz -O
status=0
for t in "${targets[@]}"; do
    corpus="$here/corpus/$t"
    mkdir -p "$corpus" "$here/artifacts/$t" "$here/logs"
    log="$here/logs/$t.log"
    before=$(find "$corpus" -type f | wc -l)
    echo "== $t: ${secs}s, corpus $before file(s)"
    if ! cargo fuzz run --fuzz-dir tests/fuzz -O "$t" "$corpus" -- \
        -max_total_time="$secs" -rss_limit_mb=2048 -timeout=20 -print_final_stats=1 \
        -artifact_prefix="$here/artifacts/$t/" >"$log" 2>&1; then
        echo "   CRASH or error: see $log and $here/artifacts/$t/"
        status=1
    fi
    runs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | tail -1 || true)
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    after=$(find "$corpus" -type f | wc -l)
    size=$(find "$corpus" -type f -exec cat {} + | wc -c)
    echo "   ${runs:-no summary}; execs $execs; corpus $before -> $after file(s), $size bytes"
done
exit $status
