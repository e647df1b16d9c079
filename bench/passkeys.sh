#!/usr/bin/env bash
# Passkey sign-ins over HTTP (crates/portico/benches/passkeys.rs) against password sign-ins,
# same accounts and concurrency, in one run. A passkey sign-in costs no argon2id. Starts its
# own PostgreSQL on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/throwaway-pg.sh
start_throwaway_pg
cargo bench --locked -p portico --bench passkeys
