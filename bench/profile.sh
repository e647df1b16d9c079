#!/usr/bin/env bash
# Where a signed-in page's time goes: a system-wide perf profile with call graphs while the
# your_info benchmark serves one page under wrk (its own PostgreSQL), then
#   1. the CPU by process (Portico's threads, PostgreSQL, wrk),
#   2. the top functions by self time on Portico's threads,
#   3. Portico's own functions by inclusive time (what each costs with what it calls).
# The benchmark is built with frame pointers in target/profile-build (the release profile
# otherwise), so that perf can walk the stacks. The recording stays in target/profile/ for
# `perf report -i target/profile/perf.data`.
# Environment: BENCH_SECONDS (10), BENCH_CONNECTIONS (32), PROFILE_PAGE (info; or security,
# devices, activity, readyz), PROFILE_TOP (25 lines).
set -euo pipefail
cd "$(dirname "$0")/.."
need() { command -v "$1" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }
need wrk wrk
need perf linux-perf
. scripts/lib/throwaway-pg.sh
start_throwaway_pg
target="${CARGO_TARGET_DIR:-$PWD/target}"
bin=$(RUSTFLAGS="-C force-frame-pointers=yes" CARGO_TARGET_DIR="$target/profile-build" \
  cargo bench --locked -q -p portico --bench your_info --no-run --message-format=json \
  | python3 -c 'import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "your_info" and m.get("executable"):
        print(m["executable"])' | tail -1)
mkdir -p "$target/profile"
data="$target/profile/perf.data"
export BENCH_CONNECTIONS="${BENCH_CONNECTIONS:-32}" BENCH_TARGETS="${PROFILE_PAGE:-info}" BENCH_ROUNDS=1
perf record -q -a -g -F 499 -o "$data" -- "$bin" --bench
top="${PROFILE_TOP:-25}"
clean() { grep -v '^#' | grep -v '^[[:space:]]*$' | sed 's/[[:space:]]*$//'; }
echo
echo "CPU by process during the run (the machine's two CPUs; swapper is idle time):"
perf report -i "$data" --sort comm --no-children --stdio -g none 2>/dev/null | clean | head -6 || true
echo
echo "Top functions by self time on Portico's threads (the tokio workers; [k] is the kernel):"
perf report -i "$data" --comms tokio-rt-worker --no-children --sort sym --stdio -g none \
  --percent-limit 0.3 2>/dev/null | clean | head -n "$top" || true
echo
echo "Portico's own functions by inclusive time (with everything they call):"
perf report -i "$data" --comms tokio-rt-worker --children --sort sym --stdio -g none 2>/dev/null \
  | clean | grep -E 'portico(_wire)?::' | grep -v '{{closure}}::{{closure}}' | head -n "$top" || true
