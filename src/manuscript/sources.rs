//! Builds the model's texts: imports each source through its recipe (all sources first
//! read, so the hyphenation evidence sees the whole corpus), then parses the resulting
//! Markdown and the editorial Markdown into blocks and notes.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics, FileId, Sources};
use crate::import::{self, Corpus, ImportInput};
use crate::model::{Block, BlockKind, Inline, InlineKind, Text, TextId, TextKind};

use super::files::{PathOrigin, read_text};
use super::headnote;
use super::markdown::{self, IdAlloc, MarkdownSource};
use super::texts::{ConfiguredText, TextFileKind};

/// What the import did to one source text: kept for `edition import` and the checks.
#[derive(Debug)]
pub struct ImportRecord {
    pub text: TextId,
    /// The raw source as read (BOM dropped, LF line ends).
    pub raw_file: FileId,
    /// The cleaned Markdown, registered as a file of its own for diagnostics.
    pub markdown_file: FileId,
    pub report: import::Report,
}

pub fn build_texts(
    root: &Path,
    texts: Vec<ConfiguredText>,
    sources: &mut Sources,
    ids: &mut IdAlloc,
    diags: &mut Diagnostics,
    counts: import::WordCounts,
) -> (Vec<Text>, Vec<ImportRecord>) {
    // 1. Read every raw source (a raw file shared by two texts is read once).
    let mut raw_files: Vec<Option<FileId>> = Vec::new();
    for t in &texts {
        let file = match (&t.spec.kind, &t.config.import) {
            (TextFileKind::Recipe, Some(recipe)) => {
                let source = &recipe.get_ref().source;
                let span = crate::diag::Span::new(t.file, source.span());
                let rel = source.get_ref();
                let already = sources
                    .files()
                    .find(|(_, f)| f.name == *rel)
                    .map(|(id, _)| id);
                match already {
                    Some(id) => Some(id),
                    None => match read_text(root, rel, PathOrigin { span: Some(span) }, sources) {
                        Ok(f) => Some(f.file),
                        Err(d) => {
                            diags.push(d);
                            None
                        }
                    },
                }
            }
            _ => None,
        };
        raw_files.push(file);
    }
    let mut distinct: Vec<FileId> = raw_files.iter().flatten().copied().collect();
    distinct.sort();
    distinct.dedup();
    // 2. Split every raw source into lines once (side by side), for the corpus of forms
    // its hyphens are decided by and for its import.
    let split = crate::timings::time("load: split lines", || {
        let raws: Vec<&str> = distinct.iter().map(|f| sources.text(*f)).collect();
        let threaded = crate::threads::worth_two(raws.iter().map(|r| r.len()));
        let split = crate::threads::map_jobs(
            &raws,
            |r| r.len(),
            threaded,
            || (),
            |_, raw| import::split_lines(raw),
        );
        distinct
            .iter()
            .copied()
            .zip(split)
            .collect::<BTreeMap<_, _>>()
    });
    let corpus = crate::timings::time("load: corpus", || {
        Corpus::from_lines(&split.values().map(Vec::as_slice).collect::<Vec<_>>())
    });

    // 3. Import every source (side by side: an import reads only its raw text, its
    // recipe and the corpus), then parse, in order.
    let mut imports = crate::timings::time("load: imports", || {
        import_all(&texts, &raw_files, sources, &split, &corpus, counts)
    });
    // 4. Register each text's Markdown (the imported file is one of its own), in order.
    let mut records = Vec::new();
    let mut parts = Vec::new();
    for (index, (t, raw_file)) in texts.into_iter().zip(raw_files).enumerate() {
        let (kind, file, offset) = match (t.spec.kind, raw_file, &t.config.import) {
            (TextFileKind::Markdown, _, _) => (TextKind::Editorial, t.file, t.body_offset),
            (TextFileKind::Recipe, Some(raw_file), Some(_)) => {
                let Some((imported, found)) = imports[index].take() else {
                    continue;
                };
                diags.extend(found);
                let Some(imported) = imported else { continue };
                let name = format!("{} (imported)", t.spec.rel_path);
                let markdown_file =
                    sources.add(name, &root.join(&t.spec.rel_path), imported.markdown);
                records.push(ImportRecord {
                    text: t.spec.id.clone(),
                    raw_file,
                    markdown_file,
                    report: imported.report,
                });
                (TextKind::Source, markdown_file, 0)
            }
            _ => continue,
        };
        parts.push(ToParse {
            text: t,
            kind,
            file,
            offset,
        });
    }
    // 5. Parse every text's headnote and body, side by side, each numbering its blocks
    // and notes from 1; then, in order, each text's ids are moved past the texts before
    // it: the ids are those of one pass over the volume in reading order.
    let shared: &Sources = sources;
    let size = |p: &ToParse| shared.text(p.file).len() - p.offset;
    let threaded = crate::threads::worth_two(parts.iter().map(size));
    let parsed = crate::timings::time("load: parse", || {
        crate::threads::map_jobs(
            &parts,
            size,
            threaded,
            || (),
            |_, part| parse_text(part, shared),
        )
    });
    let mut out = Vec::new();
    for (part, (mut text, local, found)) in parts.into_iter().zip(parsed) {
        diags.extend(found);
        let (blocks, notes) = ids.counts();
        shift_ids(&mut text, blocks, notes);
        ids.advance(local);
        text.meta = part.text.config.meta();
        out.push(text);
    }
    (out, records)
}

/// A text whose Markdown is registered, to parse.
struct ToParse {
    text: ConfiguredText,
    kind: TextKind,
    /// The Markdown: an editorial text's own file, or a source's imported one.
    file: FileId,
    /// Where the body starts in `file`.
    offset: usize,
}

/// Parses the headnote and the body of `part`, numbering from 1; returns the text (its
/// metadata left empty), its own id allocator and the diagnostics.
fn parse_text(part: &ToParse, sources: &Sources) -> (Text, IdAlloc, Vec<Diagnostic>) {
    let t = &part.text;
    let mut ids = IdAlloc::default();
    let mut found = Vec::new();
    let headnote = match &t.config.headnote {
        Some(value) => {
            let at = headnote::HeadnoteSource {
                file: t.file,
                file_text: sources.text(t.file),
                toml_offset: t.toml_offset,
            };
            headnote::parse(value, at, &mut ids, &mut found)
        }
        None => Vec::new(),
    };
    let parsed = markdown::parse(
        MarkdownSource {
            text: &sources.text(part.file)[part.offset..],
            file: part.file,
            offset: part.offset,
        },
        &mut ids,
        &mut found,
    );
    let text = Text {
        id: t.spec.id.clone(),
        kind: part.kind,
        meta: Default::default(),
        blocks: parsed.blocks,
        headnote,
        notes: parsed.notes,
    };
    (text, ids, found)
}

/// Adds `blocks` to every block id of `text` and `notes` to every note id (the notes'
/// own and their calls').
fn shift_ids(text: &mut Text, blocks: u32, notes: u32) {
    fn walk(list: &mut [Block], blocks: u32, notes: u32) {
        for block in list {
            block.id.0 += blocks;
            match &mut block.kind {
                BlockKind::Heading { content, .. } | BlockKind::Paragraph(content) => {
                    inlines(content, notes)
                }
                BlockKind::Quote(children) => walk(children, blocks, notes),
                BlockKind::List { items, .. } => {
                    items.iter_mut().for_each(|item| walk(item, blocks, notes))
                }
                BlockKind::Rule => {}
            }
        }
    }
    fn inlines(list: &mut [Inline], notes: u32) {
        for inline in list {
            if let InlineKind::NoteRef(id) = &mut inline.kind {
                id.0 += notes;
            }
            if let Some(children) = inline.children_mut() {
                inlines(children, notes);
            }
        }
    }
    if blocks == 0 && notes == 0 {
        return;
    }
    walk(&mut text.headnote, blocks, notes);
    walk(&mut text.blocks, blocks, notes);
    for note in &mut text.notes {
        note.id.0 += notes;
        walk(&mut note.blocks, blocks, notes);
    }
}

/// What importing one text gave: the Markdown and report, and the diagnostics.
type ImportResult = (Option<import::Imported>, Vec<Diagnostic>);

/// Imports every text with a recipe and a raw source, index for index with `texts`, on
/// two threads, the largest raw text first.
fn import_all(
    texts: &[ConfiguredText],
    raw_files: &[Option<FileId>],
    sources: &Sources,
    split: &BTreeMap<FileId, Vec<import::Line>>,
    corpus: &Corpus,
    counts: import::WordCounts,
) -> Vec<Option<ImportResult>> {
    let run = |index: usize| -> Option<ImportResult> {
        let t = &texts[index];
        let (TextFileKind::Recipe, Some(raw_file), Some(recipe)) =
            (t.spec.kind, raw_files[index], &t.config.import)
        else {
            return None;
        };
        let input = ImportInput {
            raw: sources.text(raw_file),
            raw_file,
            recipe: recipe.get_ref(),
            recipe_file: t.file,
            corpus,
        };
        // Every raw file was split (`split` is made from all of them).
        Some(import::import_lines_counting(
            &input,
            &split[&raw_file],
            counts,
        ))
    };
    let size = |&i: &usize| raw_files[i].map_or(0, |f| sources.text(f).len());
    let jobs: Vec<usize> = (0..texts.len())
        .filter(|&i| raw_files[i].is_some())
        .collect();
    let done = crate::threads::map_jobs(&jobs, size, true, || (), |_, &i| run(i));
    let mut results: Vec<Option<ImportResult>> = (0..texts.len()).map(|_| None).collect();
    for (i, result) in jobs.into_iter().zip(done) {
        results[i] = result;
    }
    results
}
