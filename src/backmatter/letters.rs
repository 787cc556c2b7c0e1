//! Spanish collation at the strength the index needs: whether two forms are the same
//! for sorting (accents and case ignored, ñ still a letter of its own), and the letter
//! an index word is filed under.

use std::cmp::Ordering;

use icu_collator::options::{CollatorOptions, Strength};
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::locale;
use unicode_normalization::UnicodeNormalization;

/// A Spanish collator comparing base letters only (CLDR `es`, primary strength).
pub struct Primary(Option<CollatorBorrowed<'static>>);

impl Primary {
    pub fn new() -> Primary {
        let mut options = CollatorOptions::default();
        options.strength = Some(Strength::Primary);
        Primary(Collator::try_new(locale!("es").into(), options).ok())
    }

    /// Compares `a` and `b` on their base letters ("Enriquez" equals "Enríquez",
    /// "Nunez" comes before "Ñuñez").
    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        match &self.0 {
            Some(c) => c.compare(a, b),
            // Compiled data cannot be missing; should it ever be, case-folded bytes.
            None => a.to_lowercase().cmp(&b.to_lowercase()),
        }
    }

    pub fn same(&self, a: &str, b: &str) -> bool {
        self.compare(a, b) == Ordering::Equal
    }
}

/// The letter a form is filed under: its first letter in capitals without accents
/// ("Álvarez" under A), except Ñ, a letter of the Spanish alphabet. Forms starting with
/// no letter are filed under "#".
pub fn filing_letter(s: &str) -> String {
    let Some(first) = s.chars().find(|c| c.is_alphanumeric()) else {
        return "#".to_string();
    };
    if matches!(first, 'ñ' | 'Ñ') {
        return "Ñ".to_string();
    }
    if !first.is_alphabetic() {
        return "#".to_string();
    }
    let base = first.to_string().nfd().next().unwrap_or(first);
    base.to_uppercase().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_and_primary_equality() {
        assert_eq!(filing_letter("Álvarez, B"), "A");
        assert_eq!(filing_letter("ñuñoa"), "Ñ");
        assert_eq!(filing_letter("“Viriato”"), "V");
        assert_eq!(filing_letter("1973"), "#");
        let p = Primary::new();
        assert!(p.same("Enriquez, Miguel", "Enríquez, miguel"));
        assert!(!p.same("Nunez", "Ñuñez"));
        assert_eq!(p.compare("Nz", "Ña"), Ordering::Less);
    }
}
