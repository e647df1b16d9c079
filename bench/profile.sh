#!/usr/bin/env bash
# Where a signed-in page's time goes: a perf profile of Portico serving Your Info under wrk
# (the your_info benchmark with BENCH_TARGETS=info, its own PostgreSQL), then the top
# functions by self time on the server's threads. The recording stays in target/profile/
# for `perf report -i target/profile/perf.data`.
# Environment: BENCH_SECONDS (10), BENCH_CONNECTIONS (32), PROFILE_TOP (25 lines).
set -euo pipefail
cd "$(dirname "$0")/.."
need() { command -v "$1" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }
need wrk wrk
need perf linux-perf
. scripts/lib/throwaway-pg.sh
start_throwaway_pg
target="${CARGO_TARGET_DIR:-$PWD/target}"
bin=$(cargo bench --locked -q -p portico --bench your_info --no-run --message-format=json \
  | python3 -c 'import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "your_info" and m.get("executable"):
        print(m["executable"])' | tail -1)
mkdir -p "$target/profile"
export BENCH_CONNECTIONS="${BENCH_CONNECTIONS:-32}" BENCH_TARGETS=info
perf record -q -F 997 -o "$target/profile/perf.data" -- "$bin" --bench
echo
echo "Top functions by self time on the server's threads (the tokio workers; [k] is the kernel):"
perf report -i "$target/profile/perf.data" --comms tokio-rt-worker --no-children \
  --fields overhead,sym --stdio --percent-limit 0.3 2>/dev/null \
  | grep -v '^#' | grep -v '^[[:space:]]*$' | sed 's/[[:space:]]*$//' | head -n "${PROFILE_TOP:-25}"
