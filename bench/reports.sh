#!/usr/bin/env bash
# Agent reports under load (crates/portico/benches/reports.rs): 1,000 devices reporting over
# HTTP, reports per second and p99, against pgbench's write TPS on the same PostgreSQL, in
# one run. Starts its own PostgreSQL on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/throwaway-pg.sh
start_throwaway_pg
if [ -z "${PGBENCH:-}" ]; then
  PGBENCH=$(command -v pgbench || ls -d /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | sort -V | tail -1)
fi
[ -x "$PGBENCH" ] || { echo "pgbench not found: install PostgreSQL's client tools" >&2; exit 1; }
export PGBENCH
cargo bench --locked -p portico --bench reports
