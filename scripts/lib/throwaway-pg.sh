# Sourced by scripts/test and bench scripts: starts a throwaway PostgreSQL on a free
# loopback port (as the `postgres` user when run as root), exports DATABASE_URL, and stops
# and deletes it on exit. Does nothing if DATABASE_URL is already set.
start_throwaway_pg() {
  if [ -n "${DATABASE_URL:-}" ]; then
    echo "using DATABASE_URL from the environment"
    return
  fi
  local dir pg_bin=""
  for dir in "$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/x)")" \
             "$(pg_config --bindir 2>/dev/null || true)" \
             $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then pg_bin=$dir; break; fi
  done
  [ -n "$pg_bin" ] || { echo "PostgreSQL server binaries not found: apt-get install postgresql, or set DATABASE_URL" >&2; exit 1; }
  PG_DIR=$(mktemp -d /tmp/portico-pg.XXXXXX)
  chmod 755 "$PG_DIR"
  RUN_PG=()
  if [ "$(id -u)" = 0 ]; then chown postgres: "$PG_DIR"; RUN_PG=(runuser -u postgres --); fi
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  "${RUN_PG[@]}" "$pg_bin/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C --no-sync >/dev/null
  # Durability is irrelevant for a throwaway server; speed is not.
  "${RUN_PG[@]}" "$pg_bin/pg_ctl" start -D "$PG_DIR/data" -w -s -l "$PG_DIR/postgres.log" \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
  PG_BIN=$pg_bin
  trap stop_throwaway_pg EXIT
  export DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
  echo "throwaway PostgreSQL on 127.0.0.1:$port ($pg_bin)"
}

stop_throwaway_pg() {
  "${RUN_PG[@]}" "$PG_BIN/pg_ctl" stop -D "$PG_DIR/data" -m immediate -s >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}

# Installs the npm peers (maildev, prism, oidc-provider) when the lockfile changed.
install_npm_peers() {
  local stamp=tests/peers/node_modules/.portico-lock.sha256 want
  want=$(sha256sum tests/peers/package-lock.json | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    npm ci --prefix tests/peers --no-audit --no-fund --loglevel=error
    echo "$want" > "$stamp"
  else
    echo "up to date"
  fi
}

# Installs sqlx-cli at the version of sqlx in Cargo.lock (postgres only), unless it is there.
install_sqlx_cli() {
  local want
  want=$(awk '/^name = "sqlx"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
  if [ "$(cargo sqlx --version 2>/dev/null | awk '{print $2}')" = "$want" ]; then
    echo "sqlx-cli $want is installed"
    return
  fi
  cargo install sqlx-cli --version "$want" --locked --no-default-features --features postgres --quiet
}

# Migrates a database of its own on the throwaway server and checks that .sqlx/ holds
# exactly what the queries need against that schema.
check_sqlx_queries() {
  local url="${DATABASE_URL%/*}/portico_sqlx_check"
  DATABASE_URL=$url cargo sqlx database drop -y >/dev/null 2>&1 || true
  DATABASE_URL=$url cargo sqlx database create
  DATABASE_URL=$url cargo sqlx migrate run --source migrations >/dev/null
  # `-- --workspace`: every member, not only the default one (the benchmarks' ceiling too).
  DATABASE_URL=$url cargo sqlx prepare --workspace --check -- --workspace
}
