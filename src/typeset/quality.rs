//! The quality report of a typeset volume: what `edition build` prints per preset and
//! what the tests hold at zero.

use super::flow::FlowLine;

/// Counts over the whole volume.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Quality {
    pub pages: usize,
    /// Justified lines set.
    pub lines: usize,
    /// Lines wider than their measure (must be 0).
    pub overfull: usize,
    /// The largest adjustment ratio of a justified line that is not a paragraph's last.
    pub worst_ratio: f32,
    /// The page label of that line.
    pub worst_page: String,
    /// Lines ending with a hyphen added at a hyphenation point.
    pub hyphenated: usize,
    /// Runs of three or more consecutive hyphenated lines.
    pub hyphen_runs: usize,
    /// A paragraph's last line alone at the head of a page.
    pub widows: usize,
    /// A paragraph's first line alone at the foot of a page.
    pub orphans: usize,
    /// Pages whose text ends in a hyphenated word (0 unless nothing else was possible).
    pub hyphenated_page_ends: usize,
    /// Spreads inside a text whose facing pages do not end at the same height (by more
    /// than a line where a note forces it); see `paginate/spread.rs`.
    pub unequal_spreads: usize,
    /// Notes that continue on the next page.
    pub continued_notes: usize,
    run: usize,
}

impl Quality {
    /// Counts one placed line.
    pub(crate) fn line(&mut self, line: &FlowLine, page: &str) {
        if !line.justified {
            return;
        }
        self.lines += 1;
        self.overfull += usize::from(line.overfull);
        let last = line.para.is_some_and(|(i, n)| i + 1 == n);
        if !last && line.ratio > self.worst_ratio {
            self.worst_ratio = line.ratio;
            self.worst_page = page.to_string();
        }
        if line.hyphenated {
            self.hyphenated += 1;
            self.run += 1;
            if self.run == 3 {
                self.hyphen_runs += 1;
            }
        } else {
            self.run = 0;
        }
    }

    /// Checks the head and foot of one page's text lines for widows, orphans and a final
    /// hyphen.
    pub(crate) fn page(&mut self, lines: &[(f32, FlowLine)]) {
        if lines.last().is_some_and(|(_, l)| l.hyphenated) {
            self.hyphenated_page_ends += 1;
        }
        if let Some((_, first)) = lines.first()
            && let Some((i, n)) = first.para
            && n >= 2
            && i + 1 == n
        {
            self.widows += 1;
        }
        if let Some((_, last)) = lines.last()
            && let Some((i, n)) = last.para
            && n >= 2
            && i == 0
        {
            self.orphans += 1;
        }
    }

    /// One line per preset, as `edition build` prints it.
    pub fn summary(&self) -> String {
        format!(
            "{} pages, {} overfull lines, worst adjustment ratio {:.2} (p. {}), {} hyphenated lines ({} runs of 3+), {} widows, {} orphans, {} pages ending in a hyphen, {} spreads of unequal height, {} notes continued",
            self.pages,
            self.overfull,
            self.worst_ratio,
            self.worst_page,
            self.hyphenated,
            self.hyphen_runs,
            self.widows,
            self.orphans,
            self.hyphenated_page_ends,
            self.unequal_spreads,
            self.continued_notes
        )
    }
}
