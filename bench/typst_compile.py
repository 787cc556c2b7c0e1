"""Compiles book.typ to PDF with Typst (the PyPI `typst` package), using only the
edition's fonts folder: the Typst side of the benchmark."""

import sys

import typst

typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]])
