//! The text face: the four styles of Linux Libertine O loaded from a `fonts/` folder, with
//! the few metrics the typesetter needs. Knows font files and OpenType tables, not pages.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use harfrust::Font;

use crate::diag::{Diagnostic, codes};

/// One of the four styles of the text face.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Style {
    Regular,
    Italic,
    Bold,
    BoldItalic,
}

impl Style {
    /// All styles, in the order of [`FontSet`]'s faces.
    pub const ALL: [Style; 4] = [
        Style::Regular,
        Style::Italic,
        Style::Bold,
        Style::BoldItalic,
    ];

    fn index(self) -> usize {
        self as usize
    }

    /// The file name of this style in `fonts/`.
    pub fn file_name(self) -> &'static str {
        match self {
            Style::Regular => "LinLibertine_R.otf",
            Style::Italic => "LinLibertine_RI.otf",
            Style::Bold => "LinLibertine_RB.otf",
            Style::BoldItalic => "LinLibertine_RBI.otf",
        }
    }

    /// The style with emphasis toggled (emphasis inside italics is set upright).
    pub fn emphasized(self) -> Style {
        match self {
            Style::Regular => Style::Italic,
            Style::Italic => Style::Regular,
            Style::Bold => Style::BoldItalic,
            Style::BoldItalic => Style::Bold,
        }
    }

    /// The bold counterpart of this style.
    pub fn strong(self) -> Style {
        match self {
            Style::Regular | Style::Bold => Style::Bold,
            Style::Italic | Style::BoldItalic => Style::BoldItalic,
        }
    }
}

/// One loaded face: its bytes (shared with the PDF writer) and its parsed font.
pub struct Face {
    pub path: PathBuf,
    pub data: Arc<Vec<u8>>,
    pub(crate) font: Font,
    /// Font units per em: glyph advances are divided by it.
    pub(crate) units_per_em: f32,
}

/// The text face in its four styles.
pub struct FontSet {
    faces: Vec<Face>,
}

impl FontSet {
    /// Loads the four styles from `dir`. Every missing, unreadable or malformed file gives
    /// one diagnostic naming it; all are reported together.
    pub fn load(dir: &Path) -> Result<FontSet, Vec<Diagnostic>> {
        let mut faces = Vec::new();
        let mut errors = Vec::new();
        for style in Style::ALL {
            let path = dir.join(style.file_name());
            match load_face(&path) {
                Ok(face) => faces.push(face),
                Err(d) => errors.push(d),
            }
        }
        if errors.is_empty() {
            Ok(FontSet { faces })
        } else {
            Err(errors)
        }
    }

    pub fn face(&self, style: Style) -> &Face {
        &self.faces[style.index()]
    }

    /// Whether the face of `style` maps `c` to a glyph.
    pub fn covers(&self, style: Style, c: char) -> bool {
        self.face(style).font.charmap().map_unicode(c).is_some()
    }
}

// One diagnostic per file, collected by `FontSet::load`.
#[allow(clippy::result_large_err)]
fn load_face(path: &Path) -> Result<Face, Diagnostic> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::new(
            codes::FONT_MISSING,
            format!("cannot read the font file {shown}: {e}"),
        )
    })?;
    let invalid = |why: &str| Diagnostic::new(codes::FONT_INVALID, format!("{shown}: {why}"));
    let data = Arc::new(bytes);
    let blob = harfrust::font::Blob::from(data.clone() as Arc<dyn AsRef<[u8]> + Send + Sync>);
    let font = Font::new(blob, 0).ok_or_else(|| invalid("not an OpenType font"))?;
    // Parsing is lazy: a truncated file can still open. Ask for what shaping needs.
    if font.num_glyphs() == 0 || font.charmap().map_unicode('a').is_none() {
        return Err(invalid(
            "the font has no glyphs or no Unicode character map (truncated?)",
        ));
    }
    let units_per_em = f32::from(font.units_per_em());
    if units_per_em <= 0.0 {
        return Err(invalid("the font has no units per em (truncated?)"));
    }
    // krilla must accept it too, or the PDF writer would fail after all the work.
    if krilla_accepts(&data).is_none() {
        return Err(invalid("the font's outlines cannot be read (truncated?)"));
    }
    Ok(Face {
        path: path.to_path_buf(),
        data,
        font,
        units_per_em,
    })
}

/// A cheap structural check with read-fonts of the tables the PDF writer subsets.
fn krilla_accepts(data: &[u8]) -> Option<()> {
    use read_fonts::{FontRef, TableProvider};
    let font = FontRef::new(data).ok()?;
    font.head().ok()?;
    font.hmtx().ok()?;
    font.maxp().ok()?;
    if font.cff().is_err() && font.glyf().is_err() {
        return None;
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts")
    }

    #[test]
    fn loads_the_four_styles() {
        let fonts = FontSet::load(&fonts_dir()).unwrap();
        for c in "Enríquez Concepción Piñera “ ” ‘ ’ – — … « »".chars() {
            assert!(fonts.covers(Style::Regular, c), "{c:?}");
        }
    }

    #[test]
    fn truncated_and_missing_files_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let full = std::fs::read(fonts_dir().join("LinLibertine_R.otf")).unwrap();
        std::fs::write(dir.path().join("LinLibertine_R.otf"), &full[..2000]).unwrap();
        std::fs::write(dir.path().join("LinLibertine_RI.otf"), b"not a font").unwrap();
        let errors = FontSet::load(dir.path()).err().unwrap();
        assert_eq!(errors.len(), 4);
        assert!(errors[0].message.contains("LinLibertine_R.otf"));
        assert_eq!(errors[0].code.id, "E402");
        assert_eq!(errors[1].code.id, "E402");
        assert_eq!(errors[2].code.id, "E401");
    }
}
