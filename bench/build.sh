#!/usr/bin/env bash
# Benchmark: times `edition build` (EPUB + A5 PDF) of the volume as a whole process,
# RUNS times (default 7) after one warm-up, and prints the median and the range of the
# wall-clock times and the peak memory (maximum resident set size).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-7}"

cargo build --release --locked --quiet
bin=target/release/edition
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

"$bin" build --out "$out" >/dev/null   # warm-up: file cache

times=()
peak_kb=0
for _ in $(seq "$RUNS"); do
  start=$(date +%s.%N)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%M' -o "$out/rss" "$bin" build --out "$out" >/dev/null
    kb=$(tail -n 1 "$out/rss")
    [ "$kb" -gt "$peak_kb" ] && peak_kb=$kb
  else
    "$bin" build --out "$out" >/dev/null
  fi
  end=$(date +%s.%N)
  times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f", b - a }')")
done

sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(echo "$sorted" | awk -v n="$RUNS" 'NR == int((n + 1) / 2) { print }')
min=$(echo "$sorted" | head -n 1)
max=$(echo "$sorted" | tail -n 1)
words=$("$bin" check 2>/dev/null | awk '/^  total/ { print $2 }')
printf 'edition build (EPUB + A5 PDF), %s words, %s runs\n' "${words:-?}" "$RUNS"
printf '  median %.3f s   (min %.3f s, max %.3f s)\n' "$median" "$min" "$max"
if [ "$peak_kb" -gt 0 ]; then
  awk -v kb="$peak_kb" 'BEGIN { printf "  peak memory %.1f MiB\n", kb / 1024 }'
else
  echo "  peak memory: not measured (install GNU time: apt-get install -y time)"
fi
