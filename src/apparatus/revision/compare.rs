//! The revision report: this build's summary against the last one's. Anchors whose
//! passage changed around them and registry forms no text uses any more are warnings;
//! anchors gone from the registries, anchors whose quotation the editor changed, and
//! the totals of every text before → after are listed. (An anchor that no longer
//! matches at all is already an error of the resolver, with the closest passages.)
//!
//! Must not know: files on disk, how the report is printed.

use std::collections::BTreeMap;

use super::{AnchorSummary, FormUses, Summary, TextTotals};
use crate::diag::{Diagnostic, codes};

/// What changed since the last build.
#[derive(Debug, Default)]
pub struct Revision {
    /// W650 (passage changed) and W651 (form gone).
    pub diagnostics: Vec<Diagnostic>,
    /// Anchors attached to the same passage as before.
    pub kept: usize,
    /// Anchors whose passage reads differently now: (last build, this build).
    pub changed: Vec<(AnchorSummary, AnchorSummary)>,
    /// Anchors whose entry stayed (same file, line, kind, text) but whose keys were
    /// edited: (last build, this build).
    pub reanchored: Vec<(AnchorSummary, AnchorSummary)>,
    /// Anchors of the last build that no entry has now.
    pub removed: Vec<AnchorSummary>,
    /// Anchors new in this build.
    pub added: Vec<AnchorSummary>,
    /// Forms used in the last build and by no text now: (last build, now if still listed).
    pub lost_forms: Vec<FormUses>,
    /// Every text's totals, (last build, this build); `None` where a text is new or gone.
    pub totals: Vec<(Option<TextTotals>, Option<TextTotals>)>,
}

type Key = (String, String, String, String, String, String);

/// Compares `new` with the last build's summary `old`.
pub fn compare(old: &Summary, new: &Summary) -> Revision {
    let mut r = Revision::default();
    anchors(old, new, &mut r);
    forms(old, new, &mut r);
    totals(old, new, &mut r);
    r
}

fn anchors(old: &Summary, new: &Summary, r: &mut Revision) {
    // Equal keys (the same quotation anchored twice) pair up in order.
    let mut before: BTreeMap<Key, Vec<&AnchorSummary>> = BTreeMap::new();
    for a in &old.anchor {
        before.entry(a.key()).or_default().push(a);
    }
    for list in before.values_mut() {
        list.reverse();
    }
    let mut added = Vec::new();
    for a in &new.anchor {
        match before.get_mut(&a.key()).and_then(Vec::pop) {
            Some(o) if o.passage == a.passage => r.kept += 1,
            Some(o) => r.changed.push((o.clone(), a.clone())),
            None => added.push(a.clone()),
        }
    }
    let mut removed: Vec<AnchorSummary> =
        before.into_values().flatten().cloned().collect::<Vec<_>>();
    removed.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    // An entry whose quotation was edited keeps its file, line, kind and text.
    for a in added {
        let same_entry = |o: &AnchorSummary| {
            o.file == a.file && o.line == a.line && o.kind == a.kind && o.text == a.text
        };
        match removed.iter().position(same_entry) {
            Some(k) => r.reanchored.push((removed.remove(k), a)),
            None => r.added.push(a),
        }
    }
    r.removed = removed;
    for (o, a) in &r.changed {
        let d = Diagnostic::new(
            codes::ANCHOR_PASSAGE_CHANGED,
            format!(
                "the passage of this {} in `{}` reads differently since the last build",
                a.kind, a.text
            ),
        )
        .at_opt(a.span)
        .note(format!("was: “{}”", o.passage))
        .note(format!("now: “{}”", a.passage));
        r.diagnostics.push(d);
    }
}

fn forms(old: &Summary, new: &Summary, r: &mut Revision) {
    let key = |f: &FormUses| (f.registry.clone(), f.entry.clone(), f.form.clone());
    let now: BTreeMap<_, &FormUses> = new.form.iter().map(|f| (key(f), f)).collect();
    for f in old.form.iter().filter(|f| f.uses > 0) {
        let current = now.get(&key(f));
        if current.is_some_and(|c| c.uses > 0) {
            continue;
        }
        let what = if f.registry == "glossary" {
            "glossary entry"
        } else {
            "index entry"
        };
        let listed = if current.is_some() {
            ""
        } else {
            " (and is no longer listed)"
        };
        let times = if f.uses == 1 {
            "once".to_string()
        } else {
            format!("{} times", f.uses)
        };
        r.diagnostics.push(
            Diagnostic::new(
                codes::FORM_GONE,
                format!(
                    "“{}” of the {what} “{}” occurs in no text now{listed}; the last build found it {times}",
                    f.form, f.entry
                ),
            )
            .at_opt(current.and_then(|c| c.span)),
        );
        r.lost_forms.push(f.clone());
    }
}

fn totals(old: &Summary, new: &Summary, r: &mut Revision) {
    let before: BTreeMap<&str, &TextTotals> =
        old.text.iter().map(|t| (t.slug.as_str(), t)).collect();
    for t in &new.text {
        r.totals.push((
            before.get(t.slug.as_str()).map(|o| (*o).clone()),
            Some(t.clone()),
        ));
    }
    for t in &old.text {
        if !new.text.iter().any(|n| n.slug == t.slug) {
            r.totals.push((Some(t.clone()), None));
        }
    }
}

impl Revision {
    /// The report printed after the summary: totals before → after, then the anchors.
    pub fn report(&self) -> String {
        let mut out = String::from("  since the last build:\n");
        let mut unchanged = Vec::new();
        for (o, n) in &self.totals {
            match (o, n) {
                (Some(o), Some(n)) if o == n => unchanged.push(n.slug.as_str()),
                _ => out.push_str(&format!("    {}\n", totals_line(o.as_ref(), n.as_ref()))),
            }
        }
        if !unchanged.is_empty() {
            out.push_str(&format!("    unchanged: {}\n", unchanged.join(", ")));
        }
        out.push_str(&format!(
            "    anchors: {} on the same passage, {} passage(s) changed, {} re-anchored, {} removed, {} added; {} registry form(s) gone\n",
            self.kept,
            self.changed.len(),
            self.reanchored.len(),
            self.removed.len(),
            self.added.len(),
            self.lost_forms.len()
        ));
        for (o, n) in &self.reanchored {
            out.push_str(&format!(
                "    re-anchored: {} in `{}` ({}:{}): “{}” → “{}”\n",
                n.kind, n.text, n.file, n.line, o.quote, n.quote
            ));
        }
        for a in &self.removed {
            out.push_str(&format!(
                "    removed: {} in `{}` (was {}:{}): “{}”\n",
                a.kind, a.text, a.file, a.line, a.quote
            ));
        }
        out
    }
}

/// "history: words 49 → 53, notes 3, index 0, acronyms 0, chronology 5 → 4".
fn totals_line(old: Option<&TextTotals>, new: Option<&TextTotals>) -> String {
    let (slug, o, n) = match (old, new) {
        (_, Some(n)) => (&n.slug, old, n),
        (Some(o), None) => return format!("{}: no longer in the volume", o.slug),
        (None, None) => return String::new(),
    };
    let Some(o) = o else {
        return format!("{slug}: new text");
    };
    let field = |name: &str, a: usize, b: usize| {
        if a == b {
            format!("{name} {b}")
        } else {
            format!("{name} {a} → {b}")
        }
    };
    format!(
        "{slug}: {}, {}, {}, {}, {}",
        field("words", o.words, n.words),
        field("notes", o.notes, n.notes),
        field("index", o.index, n.index),
        field("acronyms", o.acronyms, n.acronyms),
        field("chronology", o.chronology, n.chronology)
    )
}
