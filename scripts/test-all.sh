#!/usr/bin/env bash
# `npm test`: the whole suite on a fresh machine.
#   typecheck (tsc --noEmit) and lint (eslint, no warnings allowed), each one summary stage
#   (a) vitest, every test, against PostgreSQL (DATABASE_URL, or a fresh database on 127.0.0.1:5432)
#   (b) vitest, tests/integration again, against PGlite (DATABASE_URL unset)
#   (c) next build, then Playwright e2e in Debian's Chromium
#   (d) the extra checks of TEST_EXTRA_CHECKS (scripts/ci-extra.sh; .ci/run sets ops:drill), reusing (c)'s build
# Reports go to tests/.artifacts/. The last line is always "N passed, N failed[, N skipped]".
# TEST_STAGES_FILE=<file>: also write the stages (one per line) there, for a caller that adds more
# stages and prints the final line itself (.ci/run adds `npm run test:cluster`).
set -uo pipefail
cd "$(dirname "$0")/.."

export NEXT_TELEMETRY_DISABLED=1
ART=tests/.artifacts
mkdir -p "$ART"
rm -f "$ART"/vitest-*.json "$ART"/playwright.json

say() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }
fail_setup() {
  echo "ERROR: $*" >&2
  echo "0 passed, 1 failed"
  exit 1
}

# --- dependencies -------------------------------------------------------------------------------
if [ ! -x node_modules/.bin/vitest ] || [ ! -x node_modules/.bin/playwright ] || [ ! -d node_modules/next ]; then
  say "npm ci"
  npm ci || fail_setup "npm ci failed"
fi

# --- Chromium, CJK fonts, poppler (pdftotext) ---------------------------------------------------
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
if command -v dpkg >/dev/null 2>&1 && ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then missing+=(fonts-noto-cjk); fi
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "apt-get install ${missing[*]}"
    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" \
      || fail_setup "apt-get install ${missing[*]} failed"
  elif [ ! -x "$CHROMIUM" ]; then
    fail_setup "Chromium is missing at $CHROMIUM. Install it (Debian/Ubuntu):
    sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk poppler-utils
  or point CHROMIUM_PATH at an existing Chromium/Chrome binary, then run npm test again."
  else
    echo "WARNING: missing ${missing[*]} (sudo apt-get install -y ${missing[*]}): Chinese text in screenshots or PDF checks may fail." >&2
  fi
fi

# --- PostgreSQL ---------------------------------------------------------------------------------
LOCAL_PG="postgres://postgres@127.0.0.1:5432/postgres"
CREATED_DB=""
cleanup() {
  if [ -n "$CREATED_DB" ]; then
    node scripts/pg-admin.mjs drop "$LOCAL_PG" "$CREATED_DB" >/dev/null 2>&1 || true
    CREATED_DB=""
  fi
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

if [ -z "${DATABASE_URL:-}" ] && node scripts/pg-admin.mjs probe "$LOCAL_PG" 2>/dev/null; then
  name="gz_test_$(date +%Y%m%d%H%M%S)_$$"
  if url="$(node scripts/pg-admin.mjs create "$LOCAL_PG" "$name")"; then
    CREATED_DB="$name"
    export DATABASE_URL="$url"
  fi
fi

stages=()

# Static checks first: each counts as one failure in the summary if it fails; the tests still run.
say "typecheck (tsc --noEmit)"
npm run --silent typecheck
stages+=("step:typecheck:$?")

say "lint (eslint, --max-warnings 0)"
npm run --silent lint
stages+=("step:lint:$?")

if [ -n "${DATABASE_URL:-}" ]; then
  say "(a) vitest: all tests on PostgreSQL (database ${DATABASE_URL##*/})"
  VITEST_JSON="$ART/vitest-postgres.json" node_modules/.bin/vitest run
  stages+=("vitest:$ART/vitest-postgres.json:$?")

  say "(b) vitest: tests/integration on PGlite"
  env -u DATABASE_URL VITEST_JSON="$ART/vitest-pglite.json" node_modules/.bin/vitest run tests/integration
  stages+=("vitest:$ART/vitest-pglite.json:$?")
else
  echo "WARNING: no PostgreSQL (DATABASE_URL unset and nothing answers on 127.0.0.1:5432 as user postgres):" >&2
  echo "         running every vitest test on PGlite only." >&2
  say "(a+b) vitest: all tests on PGlite"
  VITEST_JSON="$ART/vitest-pglite.json" node_modules/.bin/vitest run
  stages+=("vitest:$ART/vitest-pglite.json:$?")
fi

say "(c) next build"
node node_modules/next/dist/bin/next build
build=$?
stages+=("step:next-build:$build")
if [ "$build" -eq 0 ]; then
  # 3100 unless something else (another run) already listens there: then any free port.
  E2E_PORT="${E2E_PORT:-$(node -e '
    const net = require("node:net");
    const tryPort = (p) => { const s = net.createServer().once("error", () => tryPort(0))
      .listen(p, "127.0.0.1", () => { const { port } = s.address(); s.close(() => console.log(port)); }); };
    tryPort(3100);')}"
  export E2E_PORT
  say "(c) Playwright e2e (Chromium at $CHROMIUM, port $E2E_PORT)"
  CHROMIUM_PATH="$CHROMIUM" PW_JSON="$ART/playwright.json" node_modules/.bin/playwright test
  stages+=("playwright:$ART/playwright.json:$?")
else
  echo "next build failed: Playwright e2e skipped." >&2
fi

# Extra whole-system checks named in TEST_EXTRA_CHECKS (.ci/run sets them; see scripts/ci-extra.sh).
# shellcheck source=scripts/ci-extra.sh
source scripts/ci-extra.sh
run_extra_checks "$build"

cleanup
if [ -n "${TEST_STAGES_FILE:-}" ]; then printf '%s\n' "${stages[@]}" >> "$TEST_STAGES_FILE"; fi
echo
node scripts/test-summary.mjs "${stages[@]}"
