"""Exports the volume's source texts as Markdown (`edition import SLUG --print markdown`),
in the manuscript's order, each under its title, into one book.md; converts it to Typst
markup with pandoc's typst writer (A5 paper, the edition's Linux Libertine), for the
benchmark's side-by-side runs of pandoc (EPUB) and Typst (PDF)."""

import pathlib
import subprocess
import sys
import tomllib

root = pathlib.Path(sys.argv[1])
out = pathlib.Path(sys.argv[2])
binary = sys.argv[3]
pandoc3 = sys.argv[4]

edition = tomllib.loads((root / "manuscript/edition.toml").read_text())
parts = [f"---\ntitle: \"{edition['title']}\"\nlang: {edition['language']}\n---\n"]
for slug in edition["order"]:
    recipe = root / "manuscript/texts" / f"{slug}.toml"
    if not recipe.exists():
        continue
    title = tomllib.loads(recipe.read_text())["title"]
    md = subprocess.run(
        [binary, "import", slug, "--print", "markdown", "--manuscript", str(root / "manuscript")],
        check=True, capture_output=True, text=True,
    ).stdout
    # The texts' own headings move one level down under the text's title.
    shifted = "\n".join("#" + line if line.startswith("#") else line for line in md.splitlines())
    parts.append(f"# {title}\n\n{shifted}\n")
(out / "book.md").write_text("\n".join(parts))

subprocess.run(
    [pandoc3, str(out / "book.md"), "-s", "-t", "typst", "-o", str(out / "book.typ"),
     "-V", "papersize=a5", "-V", "mainfont=Linux Libertine O", "-V", "fontsize=10.5pt"],
    check=True,
)
words = len((out / "book.md").read_text().split())
print(words)
