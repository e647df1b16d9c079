#!/usr/bin/env bash
# Sign-in under load (crates/portico/benches/signin.rs): password sign-ins over HTTP against
# raw argon2id verifications, and a signed-in page's p99 during a sign-in flood against its
# quiet p99, in one run. Starts its own PostgreSQL on loopback. Runs twice: with hashing on
# every CPU (the default), then with one CPU kept free of hashing.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/throwaway-pg.sh
start_throwaway_pg
cpus=$(nproc)
cargo bench --locked -p portico --bench signin
if [ "$cpus" -gt 1 ]; then
  PORTICO_HASH_THREADS=$((cpus - 1)) cargo bench --locked -p portico --bench signin
fi
