//! Page geometry and type sizes of each print preset: paper, margins, measure, sizes and
//! leadings. All lengths are in PostScript points (1/72 in).

/// Millimetres to points.
pub const fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

/// A print preset of the edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Preset {
    /// The reference edition: A5 pages.
    A5,
    /// A4 for reading at a desk.
    A4,
    /// US Letter for reading at a desk.
    Letter,
    /// The A5 pages imposed two-up on A4 sheets (the typesetting is the A5 one).
    Booklet,
}

impl Preset {
    pub const ALL: [Preset; 4] = [Preset::A5, Preset::A4, Preset::Letter, Preset::Booklet];

    pub fn name(self) -> &'static str {
        match self {
            Preset::A5 => "a5",
            Preset::A4 => "a4",
            Preset::Letter => "letter",
            Preset::Booklet => "booklet",
        }
    }
}

impl Preset {
    /// The preset called `name` (`a5`, `A4`, …), if there is one.
    pub fn from_name(name: &str) -> Option<Preset> {
        Preset::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(name.trim()))
    }
}

impl std::str::FromStr for Preset {
    type Err = String;
    fn from_str(s: &str) -> Result<Preset, String> {
        Preset::from_name(s)
            .ok_or_else(|| format!("unknown preset `{s}` (use a5, a4, letter or booklet)"))
    }
}

/// Sizes of one kind of text: font size and the distance between baselines.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TypeSize {
    pub size: f32,
    pub leading: f32,
}

/// Everything the typesetter needs to know about the page and the type.
#[derive(Debug, Clone, PartialEq)]
pub struct Geometry {
    pub page_width: f32,
    pub page_height: f32,
    /// Margin at the spine (right margin of versos, left of rectos).
    pub inner: f32,
    pub outer: f32,
    /// From the top edge to the top of the text block.
    pub top: f32,
    /// Number of body lines on a full page: the text block is a whole number of lines, so
    /// facing pages end on the same baseline.
    pub lines: u32,
    pub body: TypeSize,
    pub quote: TypeSize,
    pub note: TypeSize,
    pub heading: TypeSize,
    pub title: TypeSize,
    /// Paragraph indent of paragraphs that follow paragraphs.
    pub indent: f32,
    /// Left indent of block quotations and of list items.
    pub block_indent: f32,
}

impl Geometry {
    pub fn for_preset(preset: Preset) -> Geometry {
        match preset {
            // Libertine is narrow: a character averages about 0.414 em, so 10.5 pt on a
            // 104 mm measure (295 pt) holds 67.2 characters per full line of the volume
            // (tests/pdf_presets.rs counts them), inside the 60–70 readers find easiest.
            // Inner margin smaller than the outer one (the two inner margins read as one
            // gutter); 37 lines of 13 pt.
            Preset::A5 | Preset::Booklet => Geometry {
                page_width: mm(148.0),
                page_height: mm(210.0),
                inner: mm(18.0),
                outer: mm(26.0),
                top: mm(19.0),
                lines: 37,
                body: TypeSize {
                    size: 10.5,
                    leading: 13.0,
                },
                // Quotations and notes a step smaller, as is usual, still readable.
                quote: TypeSize {
                    size: 9.0,
                    leading: 11.5,
                },
                note: TypeSize {
                    size: 8.0,
                    leading: 10.0,
                },
                heading: TypeSize {
                    size: 11.0,
                    leading: 13.0,
                },
                title: TypeSize {
                    size: 17.0,
                    leading: 21.0,
                },
                // One em of the body size: the customary book indent.
                indent: 10.5,
                block_indent: 14.0,
            },
            // At a desk: the same typography a size larger, 12 pt on 15.5 pt, on a measure
            // of 117 mm (332 pt): 66.1 characters per full line of the volume, measured
            // (12 pt × 0.414 em ≈ 5.0 pt a character). The paper's extra width goes to the
            // margins, not to longer lines.
            Preset::A4 => Geometry::desk(mm(210.0), mm(297.0), mm(117.0)),
            Preset::Letter => Geometry::desk(mm(215.9), mm(279.4), mm(117.0)),
        }
    }

    fn desk(width: f32, height: f32, measure: f32) -> Geometry {
        let margins = width - measure;
        // The outer margin 1.4 times the inner one, as on the A5 page.
        let inner = margins / 2.4;
        let top = mm(24.0);
        let leading = 15.5;
        // Room for the foot margin (about 28 mm, with the folio) below the text block.
        let lines = ((height - top - mm(28.0)) / leading).floor() as u32;
        Geometry {
            page_width: width,
            page_height: height,
            inner,
            outer: margins - inner,
            top,
            lines,
            body: TypeSize {
                size: 12.0,
                leading,
            },
            quote: TypeSize {
                size: 11.0,
                leading: 14.0,
            },
            note: TypeSize {
                size: 9.5,
                leading: 12.0,
            },
            heading: TypeSize {
                size: 13.0,
                leading,
            },
            title: TypeSize {
                size: 20.0,
                leading: 25.0,
            },
            indent: 12.0,
            block_indent: 18.0,
        }
    }

    /// Width of the text block.
    pub fn measure(&self) -> f32 {
        self.page_width - self.inner - self.outer
    }

    /// Height of the text block.
    pub fn text_height(&self) -> f32 {
        self.lines as f32 * self.body.leading
    }

    /// Left edge of the text block on page `index` (0-based; even indices are rectos).
    pub fn left(&self, recto: bool) -> f32 {
        if recto { self.inner } else { self.outer }
    }

    /// Baseline of the running head: one and a half lines above the text block.
    pub fn head_baseline(&self) -> f32 {
        self.top - 1.5 * self.body.leading
    }

    /// Baseline of the folio: two lines below the text block.
    pub fn folio_baseline(&self) -> f32 {
        self.top + self.text_height() + 2.0 * self.body.leading
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_parse_and_fit_the_page() {
        assert_eq!("A5".parse::<Preset>(), Ok(Preset::A5));
        assert!("a3".parse::<Preset>().is_err());
        for p in Preset::ALL {
            let g = Geometry::for_preset(p);
            assert!(g.folio_baseline() < g.page_height - mm(8.0), "{p:?}");
            assert!(g.head_baseline() > mm(8.0), "{p:?}");
            assert!(g.measure() > mm(100.0), "{p:?}");
        }
    }
}
