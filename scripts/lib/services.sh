#!/usr/bin/env bash
# Brings up the services the platform needs on this machine, idempotently:
# PostgreSQL and Redis (started if stopped) and FerretDB 1.24.2 on PostgreSQL (built once
# from the Go module proxy). When MONGODB_URI is set, the database is external and
# FerretDB is neither built nor started.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUN_DIR="$ROOT/.run"
mkdir -p "$RUN_DIR"

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

wait_port() {
  local host=$1 port=$2 what=$3 tries=${4:-100}
  for _ in $(seq "$tries"); do
    port_open "$host" "$port" && return 0
    sleep 0.2
  done
  echo "$what did not open $host:$port" >&2
  return 1
}

ensure_postgres() {
  if port_open 127.0.0.1 5432; then return; fi
  log "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
  wait_port 127.0.0.1 5432 PostgreSQL
}

ensure_redis() {
  if port_open 127.0.0.1 6379; then return; fi
  log "starting Redis"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  wait_port 127.0.0.1 6379 Redis
}

build_ferretdb() {
  local bin="$ROOT/.cache/bin/ferretdb"
  if [ -x "$bin" ]; then return; fi
  log "building FerretDB 1.24.2 from the Go module proxy (once)"
  mkdir -p "$ROOT/.cache/bin"
  (cd "$ROOT/tools/ferretdb" && go build -trimpath -tags ferretdb_no_sqlite -o "$bin" .)
}

ensure_ferretdb() {
  local port=${FERRETDB_PORT:-27017}
  if port_open 127.0.0.1 "$port"; then return; fi
  build_ferretdb
  local pgdb=${FERRETDB_PG_DATABASE:-ferretdb}
  # FerretDB doesn't create its PostgreSQL database; it needs UTF-8 with C collation.
  if ! psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$pgdb'" | grep -q 1; then
    log "creating PostgreSQL database $pgdb"
    psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qc \
      "CREATE DATABASE $pgdb ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0"
  fi
  log "starting FerretDB on 127.0.0.1:$port"
  nohup "$ROOT/.cache/bin/ferretdb" --listen-addr "127.0.0.1:$port" \
    --postgresql-url "postgres://postgres@127.0.0.1:5432/$pgdb" --log-level warn \
    >"$RUN_DIR/ferretdb.log" 2>&1 &
  echo $! >"$RUN_DIR/ferretdb.pid"
  wait_port 127.0.0.1 "$port" FerretDB
}

ensure_node_modules() {
  # A fresh clone gets exactly the lock file (npm ci). An existing checkout is only
  # topped up when the lock file changed since the last install: npm ci would delete a
  # node_modules that running processes are using.
  if [ ! -d "$ROOT/node_modules" ]; then
    log "installing npm packages (npm ci)"
    (cd "$ROOT" && npm ci --no-audit --no-fund)
  elif [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    log "package-lock.json changed: updating npm packages"
    (cd "$ROOT" && npm install --no-audit --no-fund)
  fi
}

ensure_chromium() {
  if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi wqy; then return; fi
  log "installing Chromium and a CJK font from Debian"
  if [ ! -d /var/lib/apt/lists ] || [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v lock)" ]; then apt-get update -qq; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null || {
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
  }
}

# GIN indexes beside FerretDB's btree ones, so its jsonb-containment filters stop scanning
# whole tables (tools/ferretdb/gin-indexes.sql says why). $1 is the MongoDB database name.
ferretdb_gin_indexes() {
  psql -h 127.0.0.1 -U postgres -d "${FERRETDB_PG_DATABASE:-ferretdb}" -v ON_ERROR_STOP=1 -q -v db="$1" \
    -f "$ROOT/tools/ferretdb/gin-indexes.sql"
}

ensure_services() {
  ensure_postgres
  ensure_redis
  # start.sh defaults MONGODB_URI itself, so it says through EXTERNAL_DB whether the caller set it.
  local external=${EXTERNAL_DB-${MONGODB_URI:+1}}
  if [ -z "$external" ]; then ensure_ferretdb; fi
}
