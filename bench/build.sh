#!/usr/bin/env bash
# Benchmark: times `edition build` (EPUB + A5 PDF) of the volume as a whole process, and
# in the same run, on the same texts exported as Markdown by `edition import`, pandoc
# (Debian's) to EPUB and Typst (PyPI's `typst`) to PDF. The three run side by side:
# RUNS rounds (default 5) after a warm-up round, each round running all three in turn
# (bench/rounds.py), so a change in the machine's load weighs on all alike. Prints the
# median wall-clock time, the range, the peak memory (maximum resident set size) and
# the ratios. COMPARE=0 times the edition alone.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-5}"
COMPARE="${COMPARE:-1}"

# BIN: a binary built beforehand; else the release build, wherever CARGO_TARGET_DIR puts it.
if [ -n "${BIN:-}" ]; then
  bin=$BIN
else
  cargo build --release --locked --quiet
  bin="${CARGO_TARGET_DIR:-$PWD/target}/release/edition"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

report() {
  awk '{ printf "  %-34s median %6.2f s  (min %.2f, max %.2f)  peak %7.1f MiB\n", $1, $2, $3, $4, $5 / 1024 }'
}

words=$("$bin" check 2>/dev/null | awk '/^  total/ { print $2 }')
echo "Volume: ${words:-?} words; $RUNS rounds, median wall-clock time"
ours_cmd="$bin build --out $work/out"
if [ "$COMPARE" != "1" ]; then
  python3 bench/rounds.py "$RUNS" "edition-build(EPUB+A5-PDF)" "$ours_cmd" | report
  exit 0
fi
command -v pandoc >/dev/null 2>&1 || apt-get install -y -qq pandoc >/dev/null
python3 -c 'import typst' 2>/dev/null || python3 -m pip install -q --disable-pip-version-check typst
# pandoc 3's Typst writer turns the Markdown into Typst markup (not timed).
python3 -c 'import pypandoc' 2>/dev/null || python3 -m pip install -q --disable-pip-version-check pypandoc_binary
pandoc3=$(python3 -c 'import pypandoc; print(pypandoc.get_pandoc_path())')
md_words=$(python3 bench/compare.py "$PWD" "$work" "$bin" "$pandoc3")
echo "Same texts exported as Markdown: $md_words words"
# Side by side: every round runs the three in turn (bench/rounds.py).
results=$(python3 bench/rounds.py "$RUNS" \
  "edition-build(EPUB+A5-PDF)" "$ours_cmd" \
  "pandoc(Markdown->EPUB)" "pandoc $work/book.md -o $work/pandoc.epub" \
  "typst(Typst->A5-PDF)" "python3 bench/typst_compile.py $work/book.typ $work/typst.pdf $PWD/fonts")
echo "$results" | report
ours=$(echo "$results" | awk 'NR == 1 { print $2 }')
echo "$results" | awk -v ours="$ours" 'NR > 1 { printf "  edition build takes %.1f%% of %s time (ratio 1:%.1f)\n", 100 * ours / $2, $1, $2 / ours }'
