#!/usr/bin/env bash
# Portico as an OpenID Provider under load (crates/portico/benches/provider.rs): ID token
# signatures and code exchanges per second against raw ES256 signatures (and /readyz), and
# the authorize → code → token round trip for a signed-in account, in one run. Starts its
# own PostgreSQL on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/throwaway-pg.sh
start_throwaway_pg
cargo bench --locked -p portico --bench provider
