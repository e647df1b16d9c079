#!/usr/bin/env bash
# Signed-in pages under wrk (crates/portico/benches/your_info.rs): requests per second and
# p50/p99 for Your Info (three aliases), Security, Devices and Recent activity, against the
# ceiling (bench/ceiling: a minimal axum + sqlx server, one primary-key query, a page of the
# same size) and /readyz through Portico's layers, in one run. Starts its own PostgreSQL on
# loopback. Environment: BENCH_SECONDS (10), BENCH_CONNECTIONS (32).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
. scripts/lib/throwaway-pg.sh
start_throwaway_pg
cargo build --release --locked -q -p portico-ceiling
export PORTICO_CEILING_BIN="${CARGO_TARGET_DIR:-$PWD/target}/release/portico-ceiling"
export BENCH_CONNECTIONS="${BENCH_CONNECTIONS:-32}"
cargo bench --locked -p portico --bench your_info
