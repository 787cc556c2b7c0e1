//! The glossary and the name index: occurrences found automatically (whole words,
//! leftmost-longest, plurals and possessives, hyphenated forms, homographs limited to
//! texts), sorted entries, and `edition check`'s coverage lists (golden diagnostics).

mod common;

use common::*;
use reader_edition::apparatus::Apparatus;
use reader_edition::apparatus::surgery::leaf_texts;
use reader_edition::manuscript::Manuscript;

const CASE: &str = "tests/fixtures/apparatus/registries";

fn load() -> Manuscript {
    let loaded = reader_edition::manuscript::load(&repo().join(CASE));
    assert!(
        !loaded.diagnostics.has_errors(),
        "{:?}",
        loaded.diagnostics.list
    );
    loaded.manuscript.expect("loads")
}

/// Each occurrence as `text: words`.
fn shown(m: &Manuscript, occurrences: &[reader_edition::apparatus::Occurrence]) -> Vec<String> {
    occurrences
        .iter()
        .map(|o| {
            let text = m.text(&o.text).unwrap();
            let plain = leaf_texts(&text.blocks)
                .into_iter()
                .find(|(b, _)| *b == o.block)
                .unwrap()
                .1;
            format!("{}: {}", o.text, &plain[o.range.clone()])
        })
        .collect()
}

fn glossary<'a>(
    app: &'a Apparatus,
    short: &str,
    expansion: &str,
) -> &'a reader_edition::apparatus::GlossaryEntry {
    app.glossary
        .iter()
        .find(|e| e.short == short && e.expansion.starts_with(expansion))
        .unwrap()
}

#[test]
fn acronyms_with_aliases_plurals_possessives_and_hyphens() {
    let m = load();
    let app = &m.apparatus;
    let shorts: Vec<&str> = app.glossary.iter().map(|e| e.short.as_str()).collect();
    assert_eq!(shorts, ["FPMR", "JAP", "MIR", "POI-CI", "UP", "US", "US"]);
    assert_eq!(
        shown(&m, &glossary(app, "MIR", "").occurrences),
        ["essay: MIR’s", "essay: MIR"]
    );
    assert_eq!(
        shown(&m, &glossary(app, "JAP", "").occurrences),
        ["essay: JAPs"]
    );
    assert_eq!(
        shown(&m, &glossary(app, "UP", "").occurrences),
        ["essay: UP", "essay: PU"]
    );
    assert_eq!(
        shown(&m, &glossary(app, "POI-CI", "").occurrences),
        ["memoir: POI-CI"]
    );
    assert!(glossary(app, "FPMR", "").occurrences.is_empty());
    let first: Vec<String> = glossary(app, "MIR", "")
        .first_per_text()
        .iter()
        .map(|o| o.text.to_string())
        .collect();
    assert_eq!(first, ["essay"]);
}

#[test]
fn a_homograph_limited_to_a_text_takes_the_form_there() {
    let m = load();
    let app = &m.apparatus;
    assert_eq!(
        shown(&m, &glossary(app, "US", "United States").occurrences),
        ["essay: US"]
    );
    assert_eq!(
        shown(&m, &glossary(app, "US", "Unified Secretariat").occurrences),
        ["memoir: US"]
    );
}

#[test]
fn names_leftmost_longest_with_possessives() {
    let m = load();
    let index = &m.apparatus.index;
    let headings: Vec<&str> = index.iter().map(|e| e.heading.as_str()).collect();
    assert_eq!(
        headings,
        [
            "Allende, Beatriz",
            "Allende, Salvador",
            "Enríquez, Marco Antonio",
            "Enríquez, Miguel",
            "Ñancupil, Pedro",
            "Pascal Allende, Andrés"
        ]
    );
    let get = |h: &str| &index.iter().find(|e| e.heading == h).unwrap().occurrences;
    // In "Andrés Pascal Allende" there is no occurrence of Salvador Allende.
    assert_eq!(
        shown(&m, get("Allende, Salvador")),
        ["essay: Salvador Allende", "essay: Allende’s"]
    );
    // An entry with `at` takes its form at its anchor, over the unanchored entry.
    assert_eq!(shown(&m, get("Allende, Beatriz")), ["memoir: Allende"]);
    assert_eq!(m.apparatus.anchors_resolved, 2);
    assert_eq!(
        shown(&m, get("Pascal Allende, Andrés")),
        ["essay: Andrés Pascal Allende"]
    );
    // "Enriquez spoke" is skipped by a `[[skip]]` anchor.
    assert_eq!(
        shown(&m, get("Enríquez, Miguel")),
        ["essay: Miguel Enríquez"]
    );
    assert_eq!(
        shown(&m, get("Enríquez, Marco Antonio")),
        ["essay: Marco Antonio Enríquez"]
    );
}

#[test]
fn coverage_lists_in_check() {
    let m = load();
    let words: Vec<(&str, usize)> = m
        .apparatus
        .coverage
        .acronyms
        .iter()
        .map(|u| (u.word.as_str(), u.count))
        .collect();
    assert_eq!(
        words,
        [("LIT-CI", 2)],
        "NCO is ignored, everything else covered"
    );
    let names: Vec<(&str, usize)> = m
        .apparatus
        .coverage
        .names
        .iter()
        .map(|u| (u.word.as_str(), u.count))
        .collect();
    assert_eq!(names, [("Clotario Blest", 2)]);
    let out = edition(&["check", "--manuscript", CASE]);
    assert_eq!(out.status.code(), Some(0));
    golden(CASE, &String::from_utf8_lossy(&out.stderr));
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(
        summary.contains("glossary: 7 entries, 8 uses; 1 acronym-like words not in it"),
        "{summary}"
    );
    assert!(
        summary.contains("name index: 6 headings, 6 occurrences; 1 name-like sequences not in it"),
        "{summary}"
    );
}

#[test]
fn a_form_claimed_twice_is_an_error() {
    let case = "tests/fixtures/apparatus/bad-registries";
    let out = edition(&["check", "--manuscript", case]);
    assert_eq!(out.status.code(), Some(1));
    golden(case, &String::from_utf8_lossy(&out.stderr));
}

#[test]
fn build_stays_quiet_about_coverage() {
    let dir =
        std::env::temp_dir().join(format!("reader-edition-registries-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = edition(&["build", "-m", CASE, "--out", dir.to_str().unwrap()]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("W601") && !stderr.contains("W603"),
        "{stderr}"
    );
    assert!(
        stderr.contains("W602") && stderr.contains("W604"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Compares with `expected.txt` in the case's folder (UPDATE_GOLDEN=1 rewrites it).
fn golden(case: &str, stderr: &str) {
    assert!(!stderr.contains("panicked"), "{stderr}");
    let path = repo().join(case).join("expected.txt");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, stderr).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).expect("expected.txt (run with UPDATE_GOLDEN=1)");
    assert_eq!(
        stderr, expected,
        "{case}: diagnostics differ from expected.txt"
    );
}

#[test]
fn the_volume_memoirs_us_is_three_times_the_unified_secretariat() {
    let loaded = reader_edition::manuscript::load(&repo().join("manuscript"));
    assert!(
        !loaded.diagnostics.has_errors(),
        "{:?}",
        loaded.diagnostics.list
    );
    let m = loaded.manuscript.unwrap();
    let app = &m.apparatus;
    let secretariat = shown(&m, &glossary(app, "US", "Unified Secretariat").occurrences);
    assert_eq!(secretariat, ["ramiro-mendez-memoir: US"; 3]);
    let states = &glossary(app, "US", "United States").occurrences;
    assert!(states.len() > 10, "{}", states.len());
    // The memoir's other uses stay with the United States.
    assert!(
        states
            .iter()
            .any(|o| o.text.as_str() == "ramiro-mendez-memoir")
    );
}

/// The traps of the volume's own name index: a surname inside a longer name, a pseudonym
/// shared with two other men, a first name that is also the capital, derived words.
#[test]
fn the_volumes_name_index_keeps_look_alike_names_apart() {
    let loaded = reader_edition::manuscript::load(&repo().join("manuscript"));
    assert!(
        !loaded.diagnostics.has_errors(),
        "{:?}",
        loaded.diagnostics.list
    );
    let m = loaded.manuscript.unwrap();
    let index = &m.apparatus.index;
    // The traps are the sources'; the editors' own introduction is left out.
    let get = |h: &str| {
        let e = index.iter().find(|e| e.heading == h);
        let mut found = shown(&m, &e.unwrap_or_else(|| panic!("{h}")).occurrences);
        found.retain(|o| !o.starts_with("about-this-edition"));
        found
    };
    // "Bravo" alone is Marco Antonio Enríquez's pseudonym; the general and Sergio Bravo
    // keep their own.
    assert!(get("Enríquez, Marco Antonio").contains(&"mir-wikipedia: Bravo".to_string()));
    assert_eq!(
        get("Bravo, Héctor"),
        [
            "mir-wikipedia: Héctor Bravo",
            "mir-wikipedia: Major-General Bravo"
        ]
    );
    assert_eq!(get("Bravo, Sergio"), ["mir-wikipedia: Sergio Bravo"]);
    // Comrade Santiago once, at his anchor; the city never.
    assert_eq!(
        get("Santiago (a comrade)"),
        ["ramiro-mendez-memoir: Santiago"]
    );
    // No occurrence of Salvador Allende inside "Andrés Pascal Allende".
    assert!(
        !get("Allende, Salvador")
            .iter()
            .any(|o| o.contains("Pascal"))
    );
    assert_eq!(get("Pascal Allende, Andrés").len(), 4);
    // Every spelling the texts use.
    assert_eq!(
        get("Pérez Zujovic, Edmundo"),
        [
            "mir-wikipedia: Edmundo Pérez Zujovic",
            "mir-wikipedia: Edmundo Pérez Zujovic",
            "mir-wikipedia: Perez Zijovic"
        ]
    );
    assert!(
        get("Ferrada de Noli, Marcello")
            .contains(&"mir-about-com: Marcello Ferrada-Noli".to_string())
    );
    // "Castro-Stalinism" is skipped; "José Domingo Aguayo-Franco" is no mention of Franco.
    assert_eq!(get("Castro, Fidel").len(), 18);
    assert_eq!(get("Franco, Francisco"), ["chile-50-years: Franco’s"]);
}
