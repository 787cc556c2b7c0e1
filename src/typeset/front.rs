//! Front matter, set after the body so that it can give page numbers: half-title, title
//! page, colophon and contents, numbered in roman and padded to an even count so the
//! body starts on a recto.

use super::Layout;
use super::flow::{FlowItem, Frame, sink};
use super::fonts::Style;
use super::page::{Link, LinkTarget, Numbering, Page};
use super::paginate::{Body, BodyPage};
use super::paragraph::Align;
use super::shape::Variant;
use crate::diag::{FileId, Span};

/// Lines of white above the titles of the half-title and title pages: about a third of
/// the page down, the customary optical centre.
const TITLE_SINK_LINES: f32 = 9.0;
/// Tags of the front-matter pages in pagination (in place of a text index).
const FRONT: usize = 0;
const CONTENTS: usize = 1;
/// Room kept on the right of a contents entry for its page number, in body ems.
const CONTENTS_NUMBER_EMS: f32 = 3.0;

impl Layout<'_, '_> {
    /// The front pages. Links point to body page indices (made absolute by the caller).
    /// Also returns the index of the first contents page. `openings` gives the body page
    /// on which each text opens, and `back` lists the parts of the back matter for the
    /// contents: their titles and first pages counted like the body's. The page numbers
    /// never change the number of pages: each has a fixed room ([`CONTENTS_NUMBER_EMS`]),
    /// so the pages can be counted before the body is paginated ([`Layout::front_pages`]).
    pub fn front_matter(
        &mut self,
        openings: &[Option<usize>],
        back: &[(String, usize)],
    ) -> (Vec<Page>, Option<usize>) {
        let g = self.geometry.clone();
        let meta = self.volume.meta.clone();
        let span = Span::new(FileId(0), 0..0);
        let centered = |size, style| Frame {
            left: 0.0,
            right: 0.0,
            size,
            style,
            align: Align::Center,
        };
        let mut flow = vec![sink(TITLE_SINK_LINES * g.body.leading)];
        self.plain(
            &meta.title,
            &centered(g.title, Style::Regular),
            span,
            &mut flow,
        );
        // The title page.
        flow.push(FlowItem::NewPage { recto: true });
        flow.push(sink(TITLE_SINK_LINES * g.body.leading));
        self.plain(
            &meta.title,
            &centered(g.title, Style::Regular),
            span,
            &mut flow,
        );
        if let Some(sub) = &meta.subtitle {
            flow.push(FlowItem::Space(g.body.leading));
            self.plain(sub, &centered(g.heading, Style::Italic), span, &mut flow);
        }
        if !meta.editors.is_empty() {
            flow.push(FlowItem::Space(3.0 * g.body.leading));
            self.plain(
                "Edited by",
                &centered(g.body, Style::Italic),
                span,
                &mut flow,
            );
            let line = self.small_caps_line(&join_names(&meta.editors), g.heading, span);
            flow.push(FlowItem::Line(line));
        }
        // The colophon, on the verso of the title page.
        flow.push(FlowItem::NewPage { recto: false });
        let small = Frame {
            left: 0.0,
            right: 0.0,
            size: g.note,
            style: Style::Regular,
            align: Align::Left,
        };
        let mut colophon = vec![
            meta.title.clone()
                + meta
                    .subtitle
                    .as_ref()
                    .map_or(String::new(), |s| format!(": {s}"))
                    .as_str(),
        ];
        let date = crate::config::display_date(&meta.date);
        if let Some(p) = &meta.publisher {
            colophon.push(format!("Published by {p}, {date}."));
        } else {
            colophon.push(format!("Edition of {date}."));
        }
        colophon.push(meta.identifier.clone());
        if let Some(r) = &meta.rights {
            colophon.push(r.clone());
        }
        colophon.push("Sources:".to_string());
        for text in &self.volume.texts {
            let mut s = text.meta.title.clone();
            if let Some(a) = &text.meta.author {
                s = format!("{a}, “{s}”");
            }
            let source = super::text::source_line(&text.meta);
            if !source.is_empty() {
                s = format!("{s}. {source}");
            }
            if let Some(p) = &text.meta.provenance {
                s = format!("{s}. {p}");
            }
            if let Some(u) = &text.meta.url {
                s = format!("{s} {u}");
            }
            colophon.push(s);
        }
        if let Some(d) = &meta.description {
            colophon.push(d.clone());
        }
        colophon.push("Set in Linux Libertine O (SIL Open Font License 1.1) with reader-edition: shaped with HarfRust, lines broken by the Knuth–Plass algorithm, hyphenation by Liang’s patterns, PDF written by krilla.".to_string());
        let mut block = Vec::new();
        for para in colophon {
            self.plain(&para, &small, span, &mut block);
            block.push(FlowItem::Space(g.note.leading / 2.0));
        }
        // The colophon stands at the foot of its page, as is usual: an empty line of the
        // white above it (a space would be dropped at the head of the page).
        let height: f32 = block
            .iter()
            .map(|i| match i {
                FlowItem::Line(l) => l.leading,
                FlowItem::Space(h) => *h,
                FlowItem::NewPage { .. } => 0.0,
            })
            .sum();
        if height < g.text_height() {
            flow.push(FlowItem::Line(super::text::bare_line(
                Vec::new(),
                g.text_height() - height,
                None,
            )));
        }
        flow.extend(block);
        // Contents, paginated as a text of its own so its pages are known.
        let before = std::mem::replace(&mut flow, vec![FlowItem::NewPage { recto: true }]);
        flow.push(sink(2.0 * g.body.leading));
        self.plain(
            "Contents",
            &centered(g.title, Style::Regular),
            span,
            &mut flow,
        );
        flow.push(FlowItem::Space(2.0 * g.body.leading));
        let mut entries = Vec::new();
        // (title, author, first page counted from the body's first) of each text, then of
        // each part of the back matter.
        let mut lines: Vec<(String, Option<String>, usize)> = Vec::new();
        for (text, opening) in self.volume.texts.iter().zip(openings) {
            if let Some(page) = *opening {
                lines.push((text.meta.title.clone(), text.meta.author.clone(), page));
            }
        }
        lines.extend(
            back.iter()
                .map(|(title, page)| (title.clone(), None, *page)),
        );
        for (title_text, author, page) in lines {
            let first = flow.len();
            let title = Frame {
                left: 0.0,
                right: CONTENTS_NUMBER_EMS * g.body.size,
                size: g.body,
                style: Style::Regular,
                align: Align::Left,
            };
            self.plain(&title_text, &title, span, &mut flow);
            if let Some(author) = &author {
                let by = Frame {
                    left: g.indent,
                    style: Style::Italic,
                    size: g.quote,
                    ..title
                };
                self.plain(author, &by, span, &mut flow);
            }
            let last_title_line = flow[first..]
                .iter()
                .rposition(|i| matches!(i, FlowItem::Line(_)))
                .map(|k| k + first);
            let number = (page + 1).to_string();
            let shaped = self.shaper.shape(&number, Style::Regular, Variant::Normal);
            let w = shaped.width(0..shaped.glyphs.len()) * g.body.size;
            let run = super::text_run(&shaped, g.body.size, g.measure() - w);
            // The number goes on the title's first line (the author line follows it).
            if let Some(FlowItem::Line(l)) = flow.get_mut(first) {
                l.runs.make_mut().push(run);
            }
            for item in &mut flow[first..last_title_line.unwrap_or(first)] {
                if let FlowItem::Line(l) = item {
                    l.keep_with_next = true;
                }
            }
            entries.push((first, flow.len(), page));
            flow.push(FlowItem::Space(g.body.leading / 2.0));
        }
        // Each contents line links to its text's first page.
        for (first, end, page) in &entries {
            for item in &mut flow[*first..*end] {
                if let FlowItem::Line(l) = item {
                    l.link = Some(*page);
                }
            }
        }
        // Paginate the front matter with the body's rules (keeps, page breaks).
        let mut front = Body::default();
        front.add(&self.geometry, FRONT, &before, Default::default());
        front.add(&self.geometry, CONTENTS, &flow, Default::default());
        front.finish(&self.geometry);
        let mut pages: Vec<Page> = Vec::new();
        for (i, bp) in front.pages.iter().enumerate() {
            pages.push(self.place_front(bp, i, bp.text == Some(CONTENTS)));
        }
        let contents = front.pages.iter().position(|p| p.text == Some(CONTENTS));
        // An even number of front pages: the body's page 1 is a recto.
        if pages.len() % 2 == 1 {
            let n = pages.len() as u32 + 1;
            pages.push(Page::new(Numbering::Roman, n));
        }
        (pages, contents)
    }

    /// How many pages [`Layout::front_matter`] makes for a body in which every text opens
    /// and a back matter of the parts `back`, whatever the page numbers: the front matter
    /// set with every number 1. The body's pages get their final indices from it before
    /// the contents can be written.
    pub fn front_pages(&mut self, back: &[String]) -> usize {
        let openings = vec![Some(0); self.volume.texts.len()];
        let back: Vec<(String, usize)> = back.iter().map(|title| (title.clone(), 0)).collect();
        self.front_matter(&openings, &back).0.len()
    }

    /// Places one front page; contents pages get a folio and links.
    fn place_front(&mut self, bp: &BodyPage, index: usize, contents: bool) -> Page {
        let g = self.geometry.clone();
        let recto = index.is_multiple_of(2);
        let left = g.left(recto);
        let mut page = Page::new(Numbering::Roman, index as u32 + 1);
        for (baseline, line) in &bp.lines {
            let y = g.top + baseline;
            for run in line.runs.iter() {
                let mut run = run.clone();
                run.x += left;
                run.y += y;
                page.runs.push(run);
            }
            if let Some(target) = line.link {
                page.links.push(Link {
                    x: left,
                    y: y - line.leading * 0.8,
                    width: g.measure(),
                    height: line.leading,
                    target: LinkTarget::Internal {
                        page: target,
                        y: 0.0,
                    },
                });
            }
        }
        if contents && !bp.lines.is_empty() {
            let label = page.label();
            let folio = self.shaper.shape(&label, Style::Regular, Variant::Normal);
            let w = folio.width(0..folio.glyphs.len()) * g.body.size;
            let mut run = super::text_run(&folio, g.body.size, left + (g.measure() - w) / 2.0);
            run.y = g.folio_baseline();
            page.runs.push(run);
        }
        page
    }
}

/// "A, B and C".
fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
