#!/usr/bin/env bash
# Codes and the outbox under load (crates/portico/benches/delivery.rs): "send a new code"
# through HTTP against bare INSERTs, and the outbox drain to maildev against direct SMTP
# sends, both in one run. Starts its own PostgreSQL and maildev on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/throwaway-pg.sh
install_npm_peers
start_throwaway_pg
cargo bench --locked -p portico --bench delivery
