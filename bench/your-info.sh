#!/usr/bin/env bash
# Your Info under wrk (crates/portico/benches/your_info.rs): requests per second and p50/p99
# for a signed-in account with three aliases, against the one-query /readyz through the same
# layers, in one run. Starts its own PostgreSQL on loopback.
# Environment: BENCH_SECONDS (10), BENCH_CONNECTIONS (16).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
. scripts/lib/throwaway-pg.sh
start_throwaway_pg
cargo bench --locked -p portico --bench your_info
