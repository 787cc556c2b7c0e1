//! Occurrences of registry entries (glossary acronyms, persons) in every text, found from
//! their forms with one automaton per text. An entry may be limited to some texts: within
//! them it takes a form over an unlimited entry with the same form (a homograph such as
//! the memoir's "US"); an entry with `at` anchors takes its forms at those passages,
//! over any other. Two entries claiming one form with equal standing is an error.
//!
//! Must not know: what the entries mean.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use toml::Spanned;

use super::registry::{AnchorKeys, AtAnchor};
use super::resolve::{Anchor, Resolver};
use super::surgery::leaf_texts;
use super::words::{Forms, MatchOptions};
use crate::diag::{Diagnostic, FileId, Span, codes};
use crate::model::{BlockId, TextId, Volume};

/// Where a registry entry occurs: the block and the byte range of its plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub text: TextId,
    pub block: BlockId,
    pub range: Range<usize>,
}

/// The forms of one entry, the texts it is limited to, and the passages it is limited to.
#[derive(Debug, Clone, Copy)]
pub struct EntryForms<'a> {
    pub forms: &'a [&'a Spanned<String>],
    pub texts: Option<&'a [Spanned<String>]>,
    /// When not empty, the entry takes its forms only here, over any other entry.
    pub at: &'a [Anchor],
}

/// Owner of a form that only anchored entries have: found, then kept only at an anchor.
const ANCHORED_ONLY: usize = usize::MAX;

/// How to search: what may follow a form, and passages where no entry applies.
#[derive(Debug, Clone, Copy)]
pub struct Search<'a> {
    pub matching: MatchOptions,
    /// `[[skip]]` anchors: a form found inside one of these is no occurrence.
    pub skip: &'a [Anchor],
}

/// The occurrences of every entry, in reading order (indexed like `entries`).
pub fn find(
    volume: &Volume,
    entries: &[EntryForms],
    search: Search,
    file: FileId,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Vec<Occurrence>> {
    let mut out = vec![Vec::new(); entries.len()];
    let mut reported = BTreeSet::new();
    // The automaton of each distinct list of forms: texts that no entry is limited to
    // (or from) share one, built once (building is most of the search's time).
    let mut built: Vec<(Vec<(String, usize)>, Forms)> = Vec::new();
    for text in &volume.texts {
        let slug = text.id.as_str();
        // form → (limited to this text?, entry, span of the form)
        let mut owner: BTreeMap<&str, (bool, usize, Span)> = BTreeMap::new();
        for (k, e) in entries.iter().enumerate() {
            if !e.at.is_empty() {
                continue;
            }
            let limited = match e.texts {
                Some(list) if !list.iter().any(|t| t.get_ref() == slug) => continue,
                Some(_) => true,
                None => false,
            };
            for form in e.forms {
                let span = Span::new(file, form.span());
                match owner.get(form.get_ref().as_str()) {
                    Some(&(other_limited, other, other_span)) if other_limited == limited => {
                        if other != k && reported.insert((other, k, form.get_ref().clone())) {
                            diags.push(
                                Diagnostic::new(
                                    codes::REGISTRY_FORM_TWICE,
                                    format!("“{}” is a form of two entries", form.get_ref()),
                                )
                                .at(span)
                                .label(other_span, "also claimed here"),
                            );
                        }
                    }
                    Some(&(true, _, _)) => {}
                    _ => {
                        owner.insert(form.get_ref(), (limited, k, span));
                    }
                }
            }
        }
        let mut list: Vec<(String, usize)> = owner
            .iter()
            .map(|(f, (_, k, _))| (f.to_string(), *k))
            .collect();
        for e in entries.iter().filter(|e| !e.at.is_empty()) {
            for form in e.forms {
                if !owner.contains_key(form.get_ref().as_str()) {
                    list.push((form.get_ref().clone(), ANCHORED_ONLY));
                }
            }
        }
        let at = match built.iter().position(|(made_for, _)| *made_for == list) {
            Some(at) => at,
            None => {
                let forms = Forms::new(&list, search.matching);
                built.push((list, forms));
                built.len() - 1
            }
        };
        let forms = &built[at].1;
        for (block, plain) in leaf_texts(&text.blocks) {
            for hit in forms.find(&plain) {
                let inside = |a: &Anchor| {
                    a.text == text.id
                        && a.block == block
                        && a.range.start < hit.range.end
                        && hit.range.start < a.range.end
                };
                if search.skip.iter().any(inside) {
                    continue;
                }
                let claimed = entries.iter().position(|e| e.at.iter().any(inside));
                let owner = match claimed {
                    Some(k) => k,
                    None if hit.owner == ANCHORED_ONLY => continue,
                    None => hit.owner,
                };
                out[owner].push(Occurrence {
                    text: text.id.clone(),
                    block,
                    range: hit.range,
                });
            }
        }
    }
    out
}

/// One entry of a registry file as written: its forms, the texts it is limited to and
/// its `at` anchors.
pub struct RegistryEntry<'a> {
    pub forms: Vec<&'a Spanned<String>>,
    pub texts: Option<&'a [Spanned<String>]>,
    pub at: &'a [AtAnchor],
}

/// What the search found for one registry entry.
pub struct Found {
    pub occurrences: Vec<Occurrence>,
    /// How many of the entry's `at` anchors resolved.
    pub anchored: usize,
}

/// The search of a registry (glossary or name index): resolves every entry's `at`
/// anchors and the file's `skip` anchors, then finds the occurrences of all entries at
/// once (indexed like `entries`).
pub fn find_registry(
    volume: &Volume,
    resolver: &Resolver,
    file: FileId,
    entries: &[RegistryEntry],
    skip: &[AtAnchor],
    matching: MatchOptions,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Found> {
    let at: Vec<Vec<Anchor>> = entries
        .iter()
        .map(|e| resolve_all(e.at.iter().map(AtAnchor::anchor), resolver, file, diags))
        .collect();
    let forms: Vec<EntryForms> = entries
        .iter()
        .zip(&at)
        .map(|(e, at)| EntryForms {
            forms: &e.forms,
            texts: e.texts,
            at,
        })
        .collect();
    let skip = resolve_all(skip.iter().map(AtAnchor::anchor), resolver, file, diags);
    let search = Search {
        matching,
        skip: &skip,
    };
    find(volume, &forms, search, file, diags)
        .into_iter()
        .zip(&at)
        .map(|(occurrences, at)| Found {
            occurrences,
            anchored: at.len(),
        })
        .collect()
}

/// Resolves the `at` anchors of one entry; failures become diagnostics.
pub fn resolve_all<'a>(
    keys: impl Iterator<Item = AnchorKeys<'a>>,
    resolver: &Resolver,
    file: FileId,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Anchor> {
    keys.filter_map(|k| match resolver.resolve(file, k, "registry anchor") {
        Ok(a) => Some(a),
        Err(d) => {
            diags.push(d);
            None
        }
    })
    .collect()
}
