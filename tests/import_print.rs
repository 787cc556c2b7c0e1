//! Prints the cleaned Markdown and the import report of one text, for review until
//! `edition import SLUG` is wired: `IMPORT_SLUG=mir-wikipedia cargo test --test
//! import_print -- --nocapture`. Without the variable it checks that every text imports.

mod import_common;

use import_common::{SLUGS, load};

#[test]
fn print_one_text_or_check_all() {
    let slugs: Vec<String> = match std::env::var("IMPORT_SLUG") {
        Ok(s) => vec![s],
        Err(_) => SLUGS.iter().map(|s| s.to_string()).collect(),
    };
    let printing = std::env::var("IMPORT_SLUG").is_ok();
    for slug in &slugs {
        let loaded = load(slug);
        assert!(loaded.diags.is_empty(), "{slug}: {:?}", loaded.diags);
        let imported = loaded.imported.expect("imported");
        assert!(!imported.markdown.is_empty());
        assert!(loaded.config.import.is_some());
        if printing {
            println!("{}\n{}", imported.markdown, imported.report.render());
        }
    }
}
