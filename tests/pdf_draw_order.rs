//! The PDF drawn as `edition build` draws it, each page as the typesetter finishes it
//! (the body, the back matter, then the front matter), is the PDF drawn in reading order:
//! the same pages in the same order, with the same labels, links, outline and text.

mod common;

use std::path::Path;

use common::{repo, require_tool};
use reader_edition::backmatter::BackMatter;
use reader_edition::render::pdf::{DrawOrder, PdfWriter, write_pdf};
use reader_edition::typeset::{
    FontSet, Geometry, Preset, TypesetOptions, typeset_streamed, typeset_with,
};
use serde_json::Value;

/// What a reader sees of a PDF's pages, object numbers aside: each page's label, its
/// links (area and the position of the page they go to, or their URL), and the outline
/// (title and the position of its page).
#[derive(Debug, PartialEq)]
struct Seen {
    labels: Vec<String>,
    links: Vec<Vec<String>>,
    outline: Vec<(String, Option<usize>)>,
}

fn seen(pdf: &Path) -> Seen {
    let out = qpdf(
        &[
            "--json",
            "--json-key=pages",
            "--json-key=outlines",
            "--json-key=qpdf",
        ],
        pdf,
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let objects = &json["qpdf"][1];
    let object = |r: &Value| -> Value {
        match r.as_str() {
            Some(r) if r.ends_with(" R") => objects[format!("obj:{r}")]["value"].clone(),
            _ => r.clone(),
        }
    };
    let pages = json["pages"].as_array().unwrap();
    let position = |r: &Value| pages.iter().position(|p| p["object"] == *r);
    let mut seen = Seen {
        labels: Vec::new(),
        links: Vec::new(),
        outline: Vec::new(),
    };
    for page in pages {
        seen.labels.push(page["label"].to_string());
        let dict = object(&page["object"]);
        let annots = object(&dict["/Annots"]);
        let mut links = Vec::new();
        for annot in annots.as_array().into_iter().flatten() {
            let annot = object(annot);
            let to = match annot.get("/Dest") {
                Some(dest) => {
                    let dest = object(dest);
                    let dest = dest.as_array().expect("a destination is an array");
                    let view: Vec<String> = dest[1..].iter().map(Value::to_string).collect();
                    format!("page {:?} {}", position(&dest[0]), view.join(" "))
                }
                None => object(&annot["/A"])["/URI"].to_string(),
            };
            links.push(format!("{} -> {to}", annot["/Rect"]));
        }
        seen.links.push(links);
    }
    for entry in json["outlines"].as_array().unwrap() {
        let page = entry["destpageposfrom1"].as_u64().map(|p| p as usize);
        seen.outline.push((entry["title"].to_string(), page));
    }
    seen
}

/// qpdf's output for `args` on `pdf`; qpdf failing fails the test.
fn qpdf(args: &[&str], pdf: &Path) -> std::process::Output {
    let tool = require_tool("qpdf", "qpdf");
    let out = std::process::Command::new(tool)
        .args(args)
        .arg(pdf)
        .output()
        .unwrap();
    let said =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "qpdf {args:?} failed:\n{said}");
    out
}

fn pdftotext(pdf: &Path) -> String {
    let tool = require_tool("pdftotext", "poppler-utils");
    let out = std::process::Command::new(tool)
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn pages_drawn_as_finished_make_the_pdf_drawn_in_order() {
    let loaded = reader_edition::manuscript::load(&repo().join("manuscript"));
    let m = loaded.manuscript.expect("the volume loads");
    let back = BackMatter::new(&m.volume, &m.apparatus);
    let fonts = FontSet::load(&repo().join("fonts")).expect("the edition's fonts");
    let options = TypesetOptions::new(Preset::A5);

    let paged = typeset_with(&m.volume, Some(&back), &fonts, &options).expect("typesets");
    let in_order = write_pdf(&paged, &fonts, &m.volume.meta).unwrap();

    let mut writer = PdfWriter::new(
        &fonts,
        &Geometry::for_preset(Preset::A5),
        DrawOrder::FrontLast,
    )
    .unwrap();
    let mut order = Vec::new();
    let typeset = typeset_streamed(
        &m.volume,
        Some(&back),
        &fonts,
        &options,
        |_| {},
        &mut |i, page| {
            order.push(i);
            writer.draw(i, &page);
        },
    )
    .expect("typesets");
    let front_last = writer.finish(&typeset.outline, &m.volume.meta).unwrap();

    // The body and back matter come first, in order, then the front matter.
    let front = typeset.front_pages;
    assert!(front >= 4, "{front} front pages");
    let expected: Vec<usize> = (front..paged.pages.len()).chain(0..front).collect();
    assert_eq!(order, expected);
    assert_ne!(
        in_order, front_last,
        "the pages were drawn in another order"
    );

    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (
        dir.path().join("in-order.pdf"),
        dir.path().join("front-last.pdf"),
    );
    std::fs::write(&a, &in_order).unwrap();
    std::fs::write(&b, &front_last).unwrap();
    qpdf(&["--check"], &b);
    let (seen_a, seen_b) = (seen(&a), seen(&b));
    assert_eq!(seen_a.labels.len(), paged.pages.len());
    assert!(seen_a.labels[0].contains("/r"), "{}", seen_a.labels[0]);
    assert!(seen_a.links.iter().map(Vec::len).sum::<usize>() > 100);
    assert!(seen_a.outline.len() > 10);
    assert_eq!(seen_a, seen_b);
    assert_eq!(pdftotext(&a), pdftotext(&b));
}
