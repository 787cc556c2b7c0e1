//! The edition's fonts in the EPUB, for headings only: `@font-face` rules, manifest items
//! and package files. Running text never names a font family, so the reader's chosen
//! font wins; reading systems apply these faces to headings only when the reader allows
//! the publisher's fonts (Apple Books is told so by its display-options file).

use super::ocf::{Bytes, Compression, PackageFile};
use super::opf::ManifestItem;

/// The faces headings are set in: regular for titles and italic-free levels, bold for
/// section headings (as in the printed book). Shared with the typesetter's font set, not
/// copied from it.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadingFonts {
    pub regular: std::sync::Arc<Vec<u8>>,
    pub bold: std::sync::Arc<Vec<u8>>,
}

/// The family name the stylesheet gives the embedded faces: distinct from any installed
/// font's name, so a reading system never mixes an installed face into it.
const FAMILY: &str = "Reader Edition Headings";

/// OpenType with CFF outlines is a core media type of EPUB 3.3 (`font/otf`).
const MEDIA_TYPE: &str = "font/otf";

/// (manifest id, file name in the package, CSS weight) of each face.
const FACES: [(&str, &str, u16); 2] = [
    ("font-regular", "fonts/headings-regular.otf", 400),
    ("font-bold", "fonts/headings-bold.otf", 700),
];

impl HeadingFonts {
    /// The bytes of face `index` of [`FACES`].
    fn shared(&self, index: usize) -> &std::sync::Arc<Vec<u8>> {
        if index == 0 {
            &self.regular
        } else {
            &self.bold
        }
    }

    /// The rules that declare the faces and set headings in them, to put before the
    /// stylesheet's own rules (paths relative to the stylesheet).
    pub fn stylesheet_rules(&self) -> String {
        let mut css = String::from(
            "/* The edition's faces, embedded for headings; running text keeps the reader's font. */\n",
        );
        for (_, file, weight) in FACES {
            css.push_str(&format!(
                "@font-face {{ font-family: \"{FAMILY}\"; font-style: normal; font-weight: {weight}; src: url(\"{file}\"); }}\n"
            ));
        }
        css.push_str(&format!(
            "h1, h2, h3, h4, .volume-title {{ font-family: \"{FAMILY}\", serif; }}\n\n"
        ));
        css
    }

    /// The faces' manifest items (outside the spine).
    pub fn manifest_items(&self) -> Vec<ManifestItem> {
        FACES
            .iter()
            .map(|(id, file, _)| ManifestItem {
                id: (*id).to_string(),
                href: (*file).to_string(),
                media_type: MEDIA_TYPE,
                properties: None,
                in_spine: false,
            })
            .collect()
    }

    /// The faces as package files. Stored, not deflated: CFF outlines are compact
    /// already (deflate saves about 40% of ~0.9 MB but costs some 100 ms at the
    /// package's level, a third of a whole build).
    pub fn package_files(&self) -> Vec<PackageFile> {
        FACES
            .iter()
            .enumerate()
            .map(|(i, (_, file, _))| PackageFile {
                path: (*file).to_string(),
                bytes: Bytes::Shared(self.shared(i).clone()),
                compression: Compression::Store,
            })
            .collect()
    }
}

/// Apple Books uses embedded fonts only when the book says it specifies them.
pub const APPLE_DISPLAY_OPTIONS_PATH: &str = "META-INF/com.apple.ibooks.display-options.xml";

pub fn apple_display_options() -> String {
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
     <display_options>\n\
     <platform name=\"*\">\n\
     <option name=\"specified-fonts\">true</option>\n\
     </platform>\n\
     </display_options>\n"
        .to_string()
}
