#!/usr/bin/env bash
# Benchmark: times `edition build` (EPUB + A5 PDF) of the volume as a whole process, and
# in the same run, on the same texts exported as Markdown by `edition import`, pandoc
# (Debian's) to EPUB and Typst (PyPI's `typst`) to PDF. Each command runs RUNS times
# (default 5) after one warm-up; it prints the median wall-clock time, the range, the
# peak memory (maximum resident set size), and the ratios. COMPARE=0 skips the others.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-5}"
COMPARE="${COMPARE:-1}"

if ! [ -x /usr/bin/time ]; then
  apt-get install -y -qq time >/dev/null
fi
# BIN: a binary built beforehand; else the release build, wherever CARGO_TARGET_DIR puts it.
if [ -n "${BIN:-}" ]; then
  bin=$BIN
else
  cargo build --release --locked --quiet
  bin="${CARGO_TARGET_DIR:-$PWD/target}/release/edition"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# measure NAME COMMAND…: prints "NAME median min max peak_kib" on stdout.
measure() {
  local name=$1
  shift
  "$@" >/dev/null 2>&1 # warm-up: file cache, Python's bytecode
  local times=() peak=0
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>&1
    read -r secs kib <"$work/time"
    times+=("$secs")
    [ "$kib" -gt "$peak" ] && peak=$kib
  done
  local sorted
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  printf '%s %s %s %s %s\n' "$name" \
    "$(echo "$sorted" | awk -v n="$RUNS" 'NR == int((n + 1) / 2)')" \
    "$(echo "$sorted" | head -n 1)" "$(echo "$sorted" | tail -n 1)" "$peak"
}

report() {
  awk '{ printf "  %-34s median %6.2f s  (min %.2f, max %.2f)  peak %7.1f MiB\n", $1, $2, $3, $4, $5 / 1024 }'
}

words=$("$bin" check 2>/dev/null | awk '/^  total/ { print $2 }')
echo "Volume: ${words:-?} words; $RUNS runs each, median wall-clock time"
results=$(measure "edition-build(EPUB+A5-PDF)" "$bin" build --out "$work/out")
echo "$results" | report

if [ "$COMPARE" = "1" ]; then
  command -v pandoc >/dev/null 2>&1 || apt-get install -y -qq pandoc >/dev/null
  python3 -c 'import typst' 2>/dev/null || python3 -m pip install -q --disable-pip-version-check typst
  # pandoc 3's Typst writer turns the Markdown into Typst markup (not timed).
  python3 -c 'import pypandoc' 2>/dev/null || python3 -m pip install -q --disable-pip-version-check pypandoc_binary
  pandoc3=$(python3 -c 'import pypandoc; print(pypandoc.get_pandoc_path())')
  md_words=$(python3 bench/compare.py "$PWD" "$work" "$bin" "$pandoc3")
  echo "Same texts exported as Markdown: $md_words words"
  others=$(
    measure "pandoc(Markdown->EPUB)" pandoc "$work/book.md" -o "$work/pandoc.epub"
    measure "typst(Typst->A5-PDF)" python3 bench/typst_compile.py "$work/book.typ" "$work/typst.pdf" "$PWD/fonts"
  )
  echo "$others" | report
  ours=$(echo "$results" | awk '{ print $2 }')
  echo "$others" | awk -v ours="$ours" '{ printf "  edition build takes %.1f%% of %s time (ratio 1:%.1f)\n", 100 * ours / $2, $1, $2 / ours }'
fi
