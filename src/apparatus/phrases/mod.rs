//! Foreign phrases: the phrases and titles of `phrases.toml` (its strict serde types are
//! here), each with its language, found in the texts, their headnotes and notes, the
//! chronology's descriptions and notes and the reasons of the emendations, and marked
//! there as foreign phrases (`InlineKind::Lang`). Marking only wraps inlines: the plain
//! text, and so every offset of the apparatus, stays the same.
//! Checked: language tags (E115), a phrase listed twice (E609), a phrase found nowhere
//! (W605). A `[[skip]]` anchor marks a passage where a phrase is no foreign phrase.
//!
//! Must not know: how the outputs mark a language.

pub mod matcher;

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;
use unicode_normalization::UnicodeNormalization;

use super::chronology::Event;
use super::emend::Emendation;
use super::glossary::lang_tag;
use super::occur::resolve_all;
use super::registry::AtAnchor;
use super::resolve::{Anchor, Resolver};
use super::surgery::{for_each_leaf_mut, wrap_range};
use crate::diag::{Diagnostic, FileId, Span, codes};
use crate::model::text::{block_text, inline_text};
use crate::model::{BlockId, Inline, InlineKind, LangTag, Text, TextKind, Volume};
use matcher::{Matcher, fold};

/// `phrases.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhrasesFile {
    #[serde(default)]
    pub language: Vec<LanguageEntry>,
    /// Passages of the texts where a phrase is no foreign phrase (an English word
    /// spelt like a listed one).
    #[serde(default)]
    pub skip: Vec<AtAnchor>,
}

/// `[[language]]`: the phrases and titles of one language.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageEntry {
    /// BCP 47 tag (`es`, `es-CL`, `fr`).
    pub lang: Spanned<String>,
    /// Words and phrases, found in any case ("cordones industriales" finds "Cordones
    /// Industriales" too).
    #[serde(default)]
    pub phrases: Vec<Spanned<String>>,
    /// Titles of works and names of periodicals, found exactly as written.
    #[serde(default)]
    pub titles: Vec<Spanned<String>>,
}

/// One phrase or title of the registry, with how often it was marked.
#[derive(Debug, Clone)]
pub struct Phrase {
    /// As written in phrases.toml (NFC).
    pub form: String,
    pub lang: LangTag,
    /// A title: found exactly as written (a phrase is found in any case).
    pub title: bool,
    /// How many times it was marked in the texts, headnotes, notes and chronology.
    pub uses: usize,
    /// The phrase in phrases.toml.
    pub span: Span,
}

/// The apparatus's own writing outside the texts, where phrases are marked too.
pub struct Editorial<'a> {
    pub events: &'a mut [Event],
    pub emendations: &'a mut [Emendation],
}

/// What the phrases registry gives the apparatus.
#[derive(Debug, Clone, Default)]
pub struct Marked {
    pub phrases: Vec<Phrase>,
    /// How many `[[skip]]` anchors resolved.
    pub skips: usize,
}

/// Reads the registry, marks every phrase and title where it stands, and reports the
/// entries no text uses.
pub fn compute(
    volume: &mut Volume,
    editorial: Editorial,
    file: FileId,
    registry: &PhrasesFile,
    resolver: &Resolver,
    diags: &mut Vec<Diagnostic>,
) -> Marked {
    let mut phrases = entries(registry, file, diags);
    let skips = resolve_all(
        registry.skip.iter().map(AtAnchor::anchor),
        resolver,
        file,
        diags,
    );
    let forms = |title: bool| -> Vec<(String, usize)> {
        let kind = phrases.iter().enumerate().filter(|(_, p)| p.title == title);
        kind.map(|(k, p)| (p.form.clone(), k)).collect()
    };
    let matcher = Matcher::new(&forms(false), &forms(true));
    let langs: Vec<LangTag> = phrases.iter().map(|p| p.lang.clone()).collect();
    let uses = Marker::new(&matcher, &langs).mark_all(volume, editorial, &skips);
    for (p, n) in phrases.iter_mut().zip(uses) {
        p.uses = n;
        if n == 0 {
            diags.push(
                Diagnostic::new(
                    codes::PHRASE_UNUSED,
                    format!("“{}” occurs in no text", p.form),
                )
                .at(p.span),
            );
        }
    }
    Marked {
        phrases,
        skips: skips.len(),
    }
}

/// The phrases and titles of every language with a valid tag, each once (E609 for a
/// repeat, compared in lower case).
fn entries(registry: &PhrasesFile, file: FileId, diags: &mut Vec<Diagnostic>) -> Vec<Phrase> {
    let mut out = Vec::new();
    let mut first: BTreeMap<String, Span> = BTreeMap::new();
    for group in &registry.language {
        let Some(lang) = lang_tag(&group.lang, file, diags) else {
            continue;
        };
        let listed = group.phrases.iter().map(|p| (p, false));
        for (form, title) in listed.chain(group.titles.iter().map(|t| (t, true))) {
            let span = Span::new(file, form.span());
            let written: String = form.get_ref().nfc().collect();
            match first.get(&fold(&written)) {
                Some(&earlier) => diags.push(
                    Diagnostic::new(
                        codes::PHRASE_TWICE,
                        format!("“{written}” is listed twice in phrases.toml"),
                    )
                    .at(span)
                    .label(earlier, "first listed here"),
                ),
                None => {
                    first.insert(fold(&written), span);
                    out.push(Phrase {
                        form: written,
                        lang: lang.clone(),
                        title,
                        uses: 0,
                        span,
                    });
                }
            }
        }
    }
    out
}

/// The search and its tally.
struct Marker<'a> {
    matcher: &'a Matcher,
    /// The language of each entry.
    langs: &'a [LangTag],
    uses: Vec<usize>,
}

impl<'a> Marker<'a> {
    fn new(matcher: &'a Matcher, langs: &'a [LangTag]) -> Marker<'a> {
        Marker {
            matcher,
            langs,
            uses: vec![0; langs.len()],
        }
    }

    /// Marks the phrases of every text (its blocks, headnote and notes) and of the
    /// editorial writing; returns each entry's uses. `skips` apply to the blocks of the
    /// texts, the only places anchors reach. The texts are shared out between two
    /// threads, largest first (marking a text touches nothing outside it, and the uses
    /// are sums, so the result does not depend on who marked what).
    fn mark_all(
        mut self,
        volume: &mut Volume,
        editorial: Editorial,
        skips: &[Anchor],
    ) -> Vec<usize> {
        let volume_lang = volume.meta.language.clone();
        let size = |t: &Text| t.blocks.iter().map(|b| block_text(b).len()).sum::<usize>();
        let threaded = crate::threads::worth_two(volume.texts.iter().map(size));
        let texts: Vec<&mut Text> = volume.texts.iter_mut().collect();
        let (mine, other) = crate::threads::halves(texts, |t| size(t), threaded);
        let (matcher, langs) = (self.matcher, self.langs);
        let lang = volume_lang.as_str();
        let other_uses = std::thread::scope(|scope| {
            let handle = (!other.is_empty()).then(|| {
                scope.spawn(move || {
                    let mut marker = Marker::new(matcher, langs);
                    for text in other {
                        marker.mark_text(text, lang, skips);
                    }
                    marker.uses
                })
            });
            for text in mine {
                self.mark_text(text, lang, skips);
            }
            handle.map(|h| h.join().expect("marking phrases does not panic"))
        });
        for (total, n) in self.uses.iter_mut().zip(other_uses.unwrap_or_default()) {
            *total += n;
        }
        for event in editorial.events {
            self.mark(&mut event.what, &volume_lang, &|_| false);
            for_each_leaf_mut(&mut event.note, &mut |_, inlines| {
                self.mark(inlines, &volume_lang, &|_| false)
            });
        }
        for emendation in editorial.emendations {
            for_each_leaf_mut(&mut emendation.note_blocks, &mut |_, inlines| {
                self.mark(inlines, &volume_lang, &|_| false)
            });
        }
        self.uses
    }

    /// Marks the phrases of one text: its blocks (but where `skips` say), its headnote
    /// and its notes. `volume_lang` is the edition's language.
    fn mark_text(&mut self, text: &mut Text, volume_lang: &str, skips: &[Anchor]) {
        let id = text.id.clone();
        let skipped = |block: BlockId, range: &Range<usize>| {
            skips.iter().any(|a| {
                a.text == id
                    && a.block == block
                    && a.range.start < range.end
                    && range.start < a.range.end
            })
        };
        // The headnote is set in the text's document; the notes of a source are the
        // editors' words, in the edition's language (as the EPUB marks them).
        let own = text
            .meta
            .language
            .as_ref()
            .map_or(volume_lang, |l| l.as_str());
        let notes_lang = match text.kind {
            TextKind::Source => volume_lang,
            TextKind::Editorial => own,
        };
        for_each_leaf_mut(&mut text.blocks, &mut |block, inlines| {
            self.mark(inlines, own, &|range| skipped(block, range))
        });
        for_each_leaf_mut(&mut text.headnote, &mut |_, inlines| {
            self.mark(inlines, own, &|_| false)
        });
        for note in &mut text.notes {
            for_each_leaf_mut(&mut note.blocks, &mut |_, inlines| {
                self.mark(inlines, notes_lang, &|_| false)
            });
        }
    }

    /// Marks the phrases of one run of inlines (a paragraph or heading) written in
    /// `context` (a phrase in that same language is a use, but needs no mark), but those
    /// whose range `skip` refuses.
    fn mark(
        &mut self,
        inlines: &mut Vec<Inline>,
        context: &str,
        skip: &dyn Fn(&Range<usize>) -> bool,
    ) {
        let plain = inline_text(inlines);
        for hit in self.matcher.find(&plain) {
            let lang = &self.langs[hit.owner];
            if skip(&hit.range) {
                continue;
            }
            // A use either way; marked only where the language changes.
            let make = |content| InlineKind::Lang {
                lang: lang.clone(),
                content,
            };
            if lang.as_str() == context || wrap_range(inlines, hit.range, &make) > 0 {
                self.uses[hit.owner] += 1;
            }
        }
    }
}
