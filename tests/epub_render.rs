//! Every XHTML document of the real volume's EPUB (with its cover) renders in headless
//! Chromium without an XML error. A missing Chromium fails the test with the command
//! that installs it.

mod epub_support;

use std::path::Path;
use std::process::Command;

/// Debian's package; the binary is `chromium`.
const INSTALL: &str = "install it with `apt-get install -y chromium`";

/// The DOM Chromium builds from `file`, as text.
fn dump_dom(file: &Path) -> String {
    let profile = tempfile::tempdir().expect("a temporary profile folder");
    let out = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
        ])
        .args([
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", file.display()))
        .output()
        .unwrap_or_else(|e| panic!("cannot run chromium ({e}); {INSTALL}"));
    assert!(
        out.status.success(),
        "chromium failed on {}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

#[test]
fn every_document_renders_in_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let mut pages = 0;
    for (name, bytes) in epub_support::unzip(&epub_support::build_manuscript()) {
        let path = dir.path().join(&name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
    }
    let broken = dir.path().join("broken.xhtml");
    std::fs::write(
        &broken,
        "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>a & b</body></html>",
    )
    .unwrap();
    assert!(
        dump_dom(&broken).contains("parsererror"),
        "Chromium must report a broken page, or this test proves nothing"
    );

    let mut docs: Vec<_> = std::fs::read_dir(dir.path().join("EPUB"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xhtml"))
        .collect();
    docs.sort();
    for doc in docs {
        let dom = dump_dom(&doc);
        assert!(
            !dom.contains("parsererror"),
            "{} does not render:\n{}",
            doc.display(),
            &dom[..dom.len().min(2000)]
        );
        assert!(dom.contains("<body"), "{} rendered no body", doc.display());
        pages += 1;
    }
    assert!(pages >= 10, "only {pages} documents rendered");
}
