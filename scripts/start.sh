#!/usr/bin/env bash
# Starts the whole system with demo data on this machine:
# database (FerretDB on PostgreSQL, built once), Redis, mock-v7, the WeChat API simulator,
# the BFF, and the H5 build of the mini program served by the BFF. Seeds the demo bank and
# imports yesterday's ODS files when the database is empty. Ctrl-C stops everything.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/lib/services.sh

# An external database is one the caller named; otherwise FerretDB is built and started here.
EXTERNAL_DB="${MONGODB_URI:+1}"
export MONGODB_URI="${MONGODB_URI:-mongodb://127.0.0.1:27017/sunshine}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
export PORT="${PORT:-8080}"
export MOCK_V7_PORT="${MOCK_V7_PORT:-8090}"
export MOCK_WECHAT_PORT="${MOCK_WECHAT_PORT:-8091}"
export WECHAT_API_BASE="${WECHAT_API_BASE:-http://127.0.0.1:$MOCK_WECHAT_PORT}"
export V7_BASE_URL="${V7_BASE_URL:-http://127.0.0.1:$MOCK_V7_PORT}"
export DEMO_HOUSEHOLDS="${DEMO_HOUSEHOLDS:-50000}"
BUSINESS_DATE="${BUSINESS_DATE:-$(date -d yesterday +%F)}"

ensure_node_modules
ensure_services

if [ ! -f miniapp/dist-h5/index.html ] || [ -n "$(find miniapp/src shared/src -newer miniapp/dist-h5/index.html -type f | head -1)" ]; then
  log "building the H5 app"
  npm run --silent build:h5 -w miniapp
fi

log "seeding the demo bank if the database is empty ($DEMO_HOUSEHOLDS households)"
npx tsx bff/demo/cli.ts --if-empty --households "$DEMO_HOUSEHOLDS" --seed 20261128 --ods-dir data/ods --business-date "$BUSINESS_DATE"
log "importing the ODS files of $BUSINESS_DATE (a no-op when already imported)"
npx tsx bff/ods/cli.ts --date "$BUSINESS_DATE" --dir data/ods
log "deriving the funnel report's marks and rollups from the data (once per database)"
npx tsx bff/funnel/cli.ts backfill --if-empty
if [ -z "$EXTERNAL_DB" ]; then
  log "indexing the FerretDB tables for containment lookups (a no-op when done)"
  ferretdb_gin_indexes sunshine
fi

pids=()
cleanup() { trap - INT TERM EXIT; kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup INT TERM EXIT

node --import tsx mock-v7/src/main.ts & pids+=($!)
node --import tsx mock-wechat/src/main.ts & pids+=($!)
DEMO_MODE=1 H5_DIST="$ROOT/miniapp/dist-h5" H5_ORIGIN="http://127.0.0.1:$PORT" node --import tsx bff/src/main.ts & pids+=($!)
wait_port 127.0.0.1 "$PORT" BFF 300
wait_port 127.0.0.1 "$MOCK_V7_PORT" mock-v7 100

cat <<INFO

  阳光金融营销平台 is running.

  H5 app (browser)    http://127.0.0.1:$PORT/
  API                 http://127.0.0.1:$PORT/api/v1   (OpenAPI: /api/v1/openapi.json)
  Health              http://127.0.0.1:$PORT/healthz
  mock-v7             http://127.0.0.1:$MOCK_V7_PORT/healthz
  WeChat simulator    http://127.0.0.1:$MOCK_WECHAT_PORT/healthz
  Weapp build         open project.config.json in WeChat DevTools (npm run build:weapp -w miniapp)

  Demo accounts (password Demo@2026):
    admin          管理员 (head office)
    hq.credit      总行授信审批 (level-2 approver)
    hq.marketing   总行营销管理 (read-only reports and maps)
    bp.01, bp.02   支行行长 of branch 01 / 02 (level-1 approver)
    m.01.01, m.01.02  客户经理 in branch 01
    m.02.01        客户经理 in branch 02

  Ctrl-C stops everything.
INFO
wait -n "${pids[@]}"
