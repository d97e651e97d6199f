# Extra whole-system checks run by scripts/test-all.sh after the Playwright stage, each one line of
# the final summary (scripts/test-summary.mjs kind `check`: 1 passed or 1 failed).
#
# Which checks run: TEST_EXTRA_CHECKS, a space-separated list of npm script names, set by .ci/run (one
# line per check there, e.g. `TEST_EXTRA_CHECKS+=" ops:drill"`). Empty or unset: nothing runs, so a
# plain `npm test` on a laptop is unchanged. Each check gets the suite's DATABASE_URL (a database on
# the PostgreSQL server it may create its own databases on) and reuses the `next build` output the e2e
# stage used: it is not run (and counts as failed) when the build failed or PostgreSQL is absent.
# CI_EXTRA_TIMEOUT (seconds, default 900) bounds each check.
#
# Sourced, not executed: run_extra_checks <next-build exit code> appends to the caller's `stages` array.

run_extra_checks() {
  local build_rc="$1" check label rc t0
  for check in ${TEST_EXTRA_CHECKS:-}; do
    label="$check"
    if [ "$build_rc" -ne 0 ]; then
      echo "extra check $check not run: next build failed" >&2
      stages+=("check:$label:1")
      continue
    fi
    if [ -z "${DATABASE_URL:-}" ]; then
      echo "extra check $check not run: it needs PostgreSQL (DATABASE_URL)" >&2
      stages+=("check:$label:1")
      continue
    fi
    printf '\n\033[1m== extra check: npm run %s ==\033[0m\n' "$check"
    t0=$SECONDS
    timeout --kill-after=30 "${CI_EXTRA_TIMEOUT:-900}" npm run --silent "$check"
    rc=$?
    [ "$rc" -eq 124 ] && echo "extra check $check timed out after ${CI_EXTRA_TIMEOUT:-900} s" >&2
    echo "(npm run $check: exit $rc in $((SECONDS - t0)) s)"
    stages+=("check:$label:$rc")
  done
}
