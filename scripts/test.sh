#!/usr/bin/env bash
# Runs every test on a fresh machine or a used one: installs what is missing, starts the
# real services (PostgreSQL, Redis, FerretDB), builds the mini program (the simulate and
# H5 end-to-end tests run the compiled output), type-checks, lints, then runs jest.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/lib/services.sh

ensure_node_modules
ensure_services
ensure_chromium

log "building the mini program (weapp and H5)"
npm run --silent build:weapp -w miniapp
npm run --silent build:h5 -w miniapp

log "type-checking"
npm run --silent typecheck
log "linting"
npm run --silent lint

log "running tests"
mkdir -p .run
status=0
npx jest --ci --json --outputFile=.run/jest-results.json "$@" || status=$?
# A plain closing line that any CI can read, whatever the runner prints above it.
node -e 'const r=require("./.run/jest-results.json"); console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`)' || true
exit "$status"
