#!/usr/bin/env bash
# Fuzzes the import recipe engine, Markdown → model, the anchor resolver, the line
# breaker and the XHTML writer (tests/robust_fuzz.rs, proptest) for a time budget:
# BUDGET seconds in all (default 600), shared equally by the five targets. Each target
# runs in rounds of ROUND cases (default 2000) with a fresh random seed until its share
# is spent; the script prints the cases run per target and stops at the first failure
# (proptest shrinks it and prints the minimal input; turn it into a regression test at
# the end of tests/robust_fuzz.rs).
#
# cargo-fuzz is not used: libFuzzer needs a nightly compiler's sanitizer flags, and this
# project builds with the stable toolchain only (see the README's Fuzzing section).
set -euo pipefail
cd "$(dirname "$0")/.."
BUDGET="${BUDGET:-600}"
ROUND="${ROUND:-2000}"
targets=(fuzz_import_engine fuzz_markdown_to_model fuzz_anchor_resolver fuzz_line_breaker fuzz_xhtml_writer)
share=$((BUDGET / ${#targets[@]}))

cargo test --locked --test robust_fuzz --no-run --quiet
echo "budget ${BUDGET} s: ${share} s per target, rounds of ${ROUND} cases"
total=0
for t in "${targets[@]}"; do
  start=$(date +%s)
  cases=0
  rounds=0
  while [ $(($(date +%s) - start)) -lt "$share" ]; do
    # A fresh seed per round (proptest's default), failures persisted for replay.
    PROPTEST_CASES="$ROUND" cargo test --locked --quiet --test robust_fuzz "$t" -- --exact >/dev/null 2>"/tmp/fuzz-$t.log" || {
      echo "FAILED: $t after $cases cases; see /tmp/fuzz-$t.log"
      tail -40 "/tmp/fuzz-$t.log"
      exit 1
    }
    cases=$((cases + ROUND))
    rounds=$((rounds + 1))
  done
  secs=$(($(date +%s) - start))
  printf '  %-24s %8d cases in %4d s (%d rounds), no failure\n' "$t" "$cases" "$secs" "$rounds"
  total=$((total + cases))
done
echo "total: $total cases, no failure"
