#!/usr/bin/env bash
# Requests per second for the landing page and a static file, as ratios of /healthz, all
# through the full layer stack of one release build, in one run.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${BENCH_SECONDS:-10}
connections=${BENCH_CONNECTIONS:-32}

if ! command -v wrk >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
cargo build --release --locked -p portico --bin portico -q

work=$(mktemp -d /tmp/portico-bench.XXXXXX)
chmod 755 "$work"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
PORTICO_BIND=127.0.0.1:$port PORTICO_DATA_DIR=$work/data PORTICO_LOG=warn \
  target/release/portico serve >"$work/portico.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
base=http://127.0.0.1:$port
for _ in $(seq 1 600); do curl -sf "$base/readyz" >/dev/null && break; sleep 0.1; done
curl -sf "$base/readyz" >/dev/null || { echo "portico did not become ready"; cat "$work/portico.log"; exit 1; }
css=$(curl -sf "$base/" | grep -o '/static/css/portico\.[0-9a-f]*\.css' | head -1)

rps() {
  local out
  out=$(wrk -t1 -c"$connections" -d"${seconds}s" "$base$1")
  if grep -q "Non-2xx" <<<"$out"; then echo "$1 answered errors:" >&2; echo "$out" >&2; exit 1; fi
  awk "/Requests\\/sec/ {print \$2}" <<<"$out"
}
healthz=$(rps /healthz)
landing=$(rps /)
static=$(rps "$css")
printf '%-22s %12s %8s\n' target req/s ratio
printf '%-22s %12.0f %8.2f\n' "/healthz (baseline)" "$healthz" 1
printf '%-22s %12.0f %8.2f\n' "/ (landing page)" "$landing" "$(echo "$landing / $healthz" | bc -l)"
printf '%-22s %12.0f %8.2f\n' "static stylesheet" "$static" "$(echo "$static / $healthz" | bc -l)"
