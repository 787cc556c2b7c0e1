#!/usr/bin/env bash
# Scale: makes manuscripts of 1, 10 and 50 copies of the volume (bench/scale.py: separate
# texts with distinct slugs and sources, the registries' anchors rewritten so they stay
# valid), checks that each builds without a diagnostic, and times `edition build` (EPUB +
# A5 PDF) of each as a whole process with /usr/bin/time: median wall-clock time of RUNS
# runs (default 3) and the peak resident memory. COPIES overrides the list ("1 10 50").
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-3}"
COPIES="${COPIES:-1 10 50}"

if ! [ -x /usr/bin/time ]; then
  apt-get install -y -qq time >/dev/null
fi
cargo build --release --locked --quiet
bin="${CARGO_TARGET_DIR:-$PWD/target}/release/edition"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "edition build (EPUB + A5 PDF) of N copies of the volume; median of $RUNS runs"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
printf '  %6s %6s %9s %7s %10s %12s %10s\n' copies texts words pages "time" "peak memory" "time/copy"
for n in $COPIES; do
  ms="$work/ms-$n"
  python3 bench/scale.py manuscript "$n" "$ms"
  # The copies must build as cleanly as the volume: no error, no warning.
  if ! "$bin" check --manuscript "$ms" >"$work/check" 2>"$work/diag" || [ -s "$work/diag" ]; then
    echo "the manuscript of $n copies has diagnostics:" >&2
    head -40 "$work/diag" >&2
    exit 1
  fi
  texts=$(awk '/^  total/ { print $7 }' "$work/check")
  words=$(awk '/^  total/ { print $2 }' "$work/check")
  times=()
  peak=0
  for _ in $(seq "$RUNS"); do
    rm -rf "$work/out"
    /usr/bin/time -f '%e %M' -o "$work/time" "$bin" build --manuscript "$ms" --out "$work/out" >"$work/build" 2>&1
    read -r secs kib <"$work/time"
    times+=("$secs")
    [ "$kib" -gt "$peak" ] && peak=$kib
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk -v n="$RUNS" 'NR == int((n + 1) / 2)')
  pages=$(awk '/^  a5 / { print $2 }' "$work/build")
  printf '  %6s %6s %9s %7s %8.2f s %8.1f MiB %8.3f s\n' "$n" "$texts" "$words" "$pages" \
    "$median" "$(echo "$peak" | awk '{ print $1 / 1024 }')" "$(echo "$median $n" | awk '{ print $1 / $2 }')"
  rm -rf "$ms"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
