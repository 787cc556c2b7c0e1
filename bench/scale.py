"""Makes a manuscript of N copies of the volume, for bench/scale.sh.

Usage: python3 bench/scale.py MANUSCRIPT N OUT

Copy k of every text gets the slug `<slug>-c<k>` (its own texts/<slug>-c<k>.toml or .md
and its own copy of the raw source), so the copies are separate texts to every stage.
The registries stay valid: an entry anchored in one text (`text = "slug"`: a note, an
emendation, a skip, a chronology reference) is repeated once per copy; an entry that
applies to the whole volume (an acronym, a person, an event) stays one entry, with its
`texts = [...]` limits and its `at = [{ text = ... }]` passages extended to every copy.
"""

import os
import re
import shutil
import sys

src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]


def slugs_in_order(edition):
    block = re.search(r"^order\s*=\s*\[(.*?)\]", edition, re.S | re.M).group(1)
    return re.findall(r'"([^"]+)"', block)


edition = open(os.path.join(src, "edition.toml"), encoding="utf-8").read()
slugs = slugs_in_order(edition)
copies = [f"-c{k}" for k in range(1, n + 1)]


def copy_of(slug, suffix):
    return slug + suffix


shutil.rmtree(out, ignore_errors=True)
os.makedirs(os.path.join(out, "texts"))
os.makedirs(os.path.join(out, "sources"))

# edition.toml: the order lists every copy, copy by copy.
order = ",\n".join(f'  "{copy_of(s, c)}"' for c in copies for s in slugs)
edition = re.sub(r"^order\s*=\s*\[.*?\]", "order = [\n" + order + ",\n]", edition, flags=re.S | re.M)
open(os.path.join(out, "edition.toml"), "w", encoding="utf-8").write(edition)

# Texts and their sources.
for slug in slugs:
    for ext in (".toml", ".md"):
        path = os.path.join(src, "texts", slug + ext)
        if not os.path.exists(path):
            continue
        text = open(path, encoding="utf-8").read()
        for c in copies:
            body = text
            m = re.search(r'^source\s*=\s*"sources/([^"]+)\.txt"', body, re.M)
            if m:
                raw = m.group(1)
                body = body.replace(f'"sources/{raw}.txt"', f'"sources/{raw}{c}.txt"')
                target = os.path.join(out, "sources", f"{raw}{c}.txt")
                if not os.path.exists(target):
                    shutil.copyfile(os.path.join(src, "sources", raw + ".txt"), target)
            open(os.path.join(out, "texts", copy_of(slug, c) + ext), "w", encoding="utf-8").write(body)

slug_alt = "|".join(re.escape(s) for s in sorted(slugs, key=len, reverse=True))
anchor_line = re.compile(r'^(\s*text\s*=\s*)"(' + slug_alt + r')"', re.M)
texts_list = re.compile(r"(\btexts\s*=\s*\[)([^\]]*)(\])")
inline_anchor = re.compile(r'\{[^{}]*\btext\s*=\s*"(' + slug_alt + r')"[^{}]*\}')


def extend_texts(m):
    named = re.findall(r'"([^"]+)"', m.group(2))
    return m.group(1) + ", ".join(f'"{copy_of(s, c)}"' for s in named for c in copies) + m.group(3)


def extend_inline(m):
    item = m.group(0)
    return ", ".join(
        item.replace(f'"{m.group(1)}"', f'"{copy_of(m.group(1), c)}"', 1) for c in copies
    )


def rewrite_registry(text):
    # Split into blocks at every `[[table]]` or `[table]` header; the preamble is kept.
    parts = re.split(r"(?m)^(?=\[)", text)
    out = []
    for block in parts:
        if anchor_line.search(block):
            for c in copies:
                out.append(anchor_line.sub(lambda m: f'{m.group(1)}"{copy_of(m.group(2), c)}"', block))
        else:
            block = texts_list.sub(extend_texts, block)
            block = inline_anchor.sub(extend_inline, block)
            out.append(block)
    return "".join(out)


for name in sorted(os.listdir(src)):
    if name.endswith(".toml") and name != "edition.toml":
        text = open(os.path.join(src, name), encoding="utf-8").read()
        open(os.path.join(out, name), "w", encoding="utf-8").write(rewrite_registry(text))
