#!/usr/bin/env bash
# The memory of a real `portico serve` (crates/portico/benches/memory.rs): resident set idle
# after start, under page load (wrk on Your Info), under a sign-in flood, and for a minute
# after the flood. Starts its own PostgreSQL on loopback. Environment: BENCH_SECONDS (10).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
. scripts/lib/throwaway-pg.sh
start_throwaway_pg
cargo build --release --locked -q -p portico --bin portico
cargo bench --locked -p portico --bench memory
