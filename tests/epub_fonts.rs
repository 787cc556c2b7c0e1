//! The edition's faces in the EPUB: embedded byte for byte, declared in the manifest,
//! used by headings only (running text never names a family, so the reader's font wins),
//! and announced to Apple Books.

mod common;

use common::*;

fn file<'a>(files: &'a [(String, Vec<u8>)], name: &str) -> &'a [u8] {
    files
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, b)| b.as_slice())
        .unwrap_or_else(|| panic!("{name} is in the EPUB"))
}

#[test]
fn heading_faces_are_embedded_and_used_for_headings_only() {
    let built = built_volume();
    let files = epub_files(&built.epub);
    let fonts = repo().join("fonts");
    for (packaged, original) in [
        ("EPUB/fonts/headings-regular.otf", "LinLibertine_R.otf"),
        ("EPUB/fonts/headings-bold.otf", "LinLibertine_RB.otf"),
    ] {
        let bytes = std::fs::read(fonts.join(original)).unwrap();
        assert!(
            file(&files, packaged) == bytes.as_slice(),
            "{packaged} is {original}"
        );
    }
    let opf = String::from_utf8_lossy(file(&files, "EPUB/package.opf")).to_string();
    for href in ["fonts/headings-regular.otf", "fonts/headings-bold.otf"] {
        assert!(
            opf.contains(&format!("href=\"{href}\" media-type=\"font/otf\"")),
            "manifest item for {href} in\n{opf}"
        );
    }
    let css = String::from_utf8_lossy(file(&files, "EPUB/style.css")).to_string();
    assert_eq!(css.matches("@font-face").count(), 2);
    // Every rule that names a family selects headings (or the title page's title) only;
    // `inherit` keeps the reader's font and is fine anywhere.
    let names_family =
        |r: &&str| r.contains("font-family") && !r.contains("@font-face") && !r.contains("inherit");
    for rule in css.split('}').filter(names_family) {
        let selectors = rule.split('{').next().unwrap_or("");
        for s in selectors
            .split(',')
            .map(str::trim)
            .filter(|s| !s.starts_with("/*"))
        {
            let s = s.rsplit("*/").next().unwrap_or(s).trim();
            assert!(
                ["h1", "h2", "h3", "h4", ".volume-title"].contains(&s),
                "a family is imposed on `{s}`"
            );
        }
    }
    let apple = file(&files, "META-INF/com.apple.ibooks.display-options.xml");
    assert!(
        String::from_utf8_lossy(apple).contains("<option name=\"specified-fonts\">true</option>")
    );
}
