//! The catalogue of diagnostics: every code the tool can give, with its severity, a short
//! title and a generic hint. Codes are stable: never renumber, only add.
//!
//! Ranges: E1xx manuscript files and configuration, E2xx import recipes, E3xx Markdown
//! and the model, E4xx fonts and typesetting, E5xx outputs, E6xx the editorial apparatus
//! (anchors, notes, emendations, glossary, name index, foreign phrases); W… warnings of
//! the same areas.

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Note,
}

/// One entry of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Code {
    pub id: &'static str,
    pub severity: Severity,
    pub title: &'static str,
    pub hint: &'static str,
}

macro_rules! catalogue {
    ($( $name:ident = $id:literal, $sev:ident, $title:literal, $hint:literal; )*) => {
        $( pub const $name: Code = Code { id: $id, severity: Severity::$sev, title: $title, hint: $hint }; )*
        /// Every code, in table order.
        pub const ALL: &[Code] = &[$($name),*];
    };
}

catalogue! {
    // ---- E1xx: manuscript files and configuration -------------------------------------
    MANUSCRIPT_MISSING = "E101", Error, "manuscript folder not found",
        "pass --manuscript DIR, or run `edition init DIR` to make a new manuscript";
    FILE_UNREADABLE = "E102", Error, "file cannot be read",
        "check that the file exists and is readable";
    NOT_UTF8 = "E103", Error, "file is not UTF-8",
        "re-save the file as UTF-8";
    TOML_SYNTAX = "E104", Error, "malformed TOML",
        "fix the TOML syntax at the marked place";
    TOML_SCHEMA = "E105", Error, "unknown key or wrong type",
        "check the spelling of the key and the type of its value against the README's manuscript format";
    UNKNOWN_TEXT = "E106", Error, "unknown text in the order",
        "add texts/<slug>.toml or texts/<slug>.md for it, or correct the slug";
    DUPLICATE_TEXT = "E107", Error, "text listed twice",
        "list each text once in `order`";
    SOURCE_MISSING = "E108", Error, "source file not found",
        "put the raw text in manuscript/sources/ or correct `source`";
    PATH_OUTSIDE = "E109", Error, "path leaves the manuscript folder",
        "use a path relative to the manuscript folder, without `..`";
    INVALID_DATE = "E110", Error, "invalid date",
        "write dates as YYYY, YYYY-MM or YYYY-MM-DD (the edition's own date as YYYY-MM-DD)";
    MARKDOWN_TOO_DEEP = "E111", Error, "Markdown nested too deeply",
        "a book needs a few levels of quotation, list and emphasis at most: remove the surplus `>`, `*`, `_` or indentation";
    OUTPUT_NAME = "E112", Error, "output name is not a plain file name",
        "give `[output] name` a plain file name without `/`, `\\`, `:` or a leading dot, like `mir-reader`";
    PERSON_TWICE = "E113", Error, "person listed twice in the name index",
        "merge the two `[[person]]` entries into one (all variants together); tell homonyms apart in `name`, e.g. with a date or role";
    NEVER_TEXT = "E114", Error, "control character or noncharacter in the text",
        "delete the invisible character (it came with a copy from the web or a PDF); a line break is a blank line, a tab a space";
    LANG_TAG = "E115", Error, "invalid language tag",
        "write a BCP 47 language tag: a language code of 2 or 3 letters, maybe with a script, region or variant, such as `es`, `es-CL`, `pt-BR` or `sr-Latn`";
    TEXT_UNLISTED = "W101", Warning, "text not in the order",
        "add the slug to `order` in edition.toml, or remove the file";
    // ---- E2xx: import recipes -----------------------------------------------------------
    IMPORT_UNMATCHED = "E201", Error, "recipe rule matches nothing",
        "correct the pattern: a plain string must equal a whole line (spaces normalised), `/regex/` is searched in the line";
    IMPORT_BAD_PATTERN = "E202", Error, "invalid pattern in the recipe",
        "fix the regular expression between the slashes, or write the whole line as a plain string";
    IMPORT_BAD_RULE = "E203", Error, "incomplete or contradictory recipe rule",
        "give each rule the fields its kind needs (see the README's recipe format)";
    IMPORT_EMPTY = "E204", Error, "the recipe leaves no text",
        "check `from`, `until` and the drop rules: the selection must keep some lines";
    IMPORT_CONFLICT = "E205", Error, "two recipe rules claim the same line",
        "make the patterns more specific so that each line is handled by one rule";
    // ---- E3xx: Markdown and the model ---------------------------------------------------
    FRONT_MATTER = "E301", Error, "missing or malformed front matter",
        "start the file with a `+++` TOML block holding at least `title`";
    UNDEFINED_FOOTNOTE = "E302", Error, "footnote reference without a definition",
        "add a definition `[^label]: …` or remove the reference";
    HEADNOTE_UNUSABLE = "E303", Error, "headnote unusable",
        "write the headnote as paragraphs of Markdown (emphasis, links, quotations and lists are fine), without headings or footnotes";
    UNUSED_FOOTNOTE = "W301", Warning, "footnote defined but never referenced",
        "reference it with `[^label]` or remove the definition";
    // ---- E4xx: fonts and typesetting ----------------------------------------------------
    FONT_MISSING = "E401", Error, "font file not found",
        "put LinLibertine_R.otf, _RI, _RB and _RBI (Linux Libertine O, fonts-linuxlibertine) in the fonts/ folder";
    FONT_INVALID = "E402", Error, "font file cannot be read as an OpenType font",
        "replace the file with an intact copy of the font (it may be truncated or not a font at all)";
    GLYPH_MISSING = "E403", Error, "character not covered by the text face",
        "replace the character in the source (through an emendation) or use a font that covers it";
    PDF_WRITE = "E404", Error, "the PDF writer failed",
        "this is a bug in reader-edition; please report it with the manuscript";
    // ---- E5xx: outputs --------------------------------------------------------------------
    OUTPUT_WRITE = "E501", Error, "cannot write output",
        "check that the output folder is a writable folder";
    UNKNOWN_PRESET = "E502", Error, "unknown preset",
        "use one of a5, a4, letter, booklet, all";
    EPUB_METADATA = "E511", Error, "edition metadata unusable in the EPUB",
        "give edition.toml a language tag such as `en`, a date `YYYY-MM-DD` and a non-empty identifier";
    EPUB_NOTE_MISMATCH = "E512", Error, "note call and note do not match",
        "every note needs a call in its own text, and every call a note; this is a bug if the manuscript builds otherwise";
    EPUB_DUPLICATE_ID = "E513", Error, "two nodes of the model share an id",
        "ids are assigned by the model in reading order; this is a bug, please report it";
    EPUB_PACKAGING = "E514", Error, "cannot assemble the EPUB container",
        "this is a bug in the EPUB packager, please report it";
    EPUB_COVER_FONT = "E515", Error, "cover font unreadable",
        "check that the fonts/ files given for the cover are OpenType or TrueType fonts";
    NOTE_POPUP_WORDING = "W511", Warning, "note wording that fails in a pop-up",
        "a pop-up note is read alone: name the work or passage instead of \"ibid.\", \"op. cit.\", \"see above\" or \"see below\"";
    NOTE_POPUP_LENGTH = "W512", Warning, "note too short or too long to pop up on Kobo",
        "Kobo pops up notes of 9 to 5,000 characters; lengthen a bare reference, or move a long note into an appendix";
    // ---- E6xx: apparatus -----------------------------------------------------------------
    ANCHOR_NO_MATCH = "E601", Error, "quotation not found in the text",
        "copy the words exactly from the cleaned text (`edition import SLUG` prints it) and correct `quote`; the closest passages are listed";
    ANCHOR_SEVERAL = "E602", Error, "quotation found more than once",
        "add `before` or `after` with the words right next to the intended passage, or lengthen `quote`";
    ANCHOR_CONTEXT = "E603", Error, "context words not next to the quotation",
        "`before` must be the words right before the quotation and `after` those right after it, in the same paragraph; what stands there is listed";
    ANCHOR_TEXT = "E604", Error, "anchor names an unknown text",
        "use the slug of a text listed in `order` in edition.toml";
    ANCHOR_EMPTY = "E605", Error, "empty quotation",
        "give `quote` the words of the passage, at least one";
    EMENDATION_UNAPPLIED = "E606", Error, "emendation cannot be applied",
        "anchor an emendation on words inside one run of plain text (not across emphasis or a link), and let two emendations never overlap";
    REGISTRY_FORM_TWICE = "E607", Error, "form claimed by two registry entries",
        "give each short form, alias or variant to one entry; list a homograph under `texts` of the entry it belongs to";
    NOTE_BODY = "E608", Error, "note body unusable",
        "write the note's body as Markdown text without footnotes of its own, and not empty";
    PHRASE_TWICE = "E609", Error, "foreign phrase listed twice",
        "list each phrase or title once (case aside), under the language it is in: remove the second";
    ACRONYM_UNDEFINED = "W601", Warning, "acronym not in the glossary",
        "add an `[[acronym]]` to glossary.toml whose `short` or `aliases` cover it";
    GLOSSARY_UNUSED = "W602", Warning, "glossary entry no text uses",
        "correct `short` or `aliases` to the form the texts use, or remove the entry";
    NAME_UNINDEXED = "W603", Warning, "name not in the name index",
        "add a `[[person]]` to names.toml with this form among its `variants`, if it is a person";
    PERSON_UNUSED = "W604", Warning, "person of the name index no text mentions",
        "correct `variants` to the forms the texts use, or remove the entry";
    PHRASE_UNUSED = "W605", Warning, "foreign phrase no text uses",
        "correct the phrase to the spelling the texts, headnotes, notes or chronology use (a title exactly as written), or remove it";
    // ---- E64x: the chronology ------------------------------------------------------------
    CHRONOLOGY_DATE = "E640", Error, "invalid event date",
        "write YYYY, YYYY-MM or YYYY-MM-DD, a range START/END of two such dates, or `c. YYYY` for a circa date";
    CHRONOLOGY_RANGE = "E641", Error, "date range ends before it starts",
        "write the earlier date first (START/END), and make the end later than the start";
    CHRONOLOGY_DUPLICATE = "E642", Error, "event listed twice",
        "remove one of the two entries, or merge their references into one event";
    CHRONOLOGY_WHAT = "E643", Error, "event description unusable",
        "write `what` as one paragraph of inline Markdown (emphasis, links), not empty";
    CHRONOLOGY_NO_REF = "E644", Error, "event without references",
        "add an [[event.ref]] with `text` and `quote` of a passage that mentions the event";
    CHRONOLOGY_IGNORE = "E645", Error, "chronology ignore entry incomplete",
        "give an [[ignore]] either `matches` (date expressions as written, maybe with `texts`) or `text` and `quote` of one passage, and a `reason`";
    DATE_UNCOVERED = "W640", Warning, "dated passage in no event of the chronology",
        "add an [[event]] with an [[event.ref]] quoting the passage (or its sentence) to chronology.toml, or an [[ignore]] saying why it stays out";
    NOTE_FILE_TEXT = "E646", Error, "note file holds another text's entry",
        "leave `text` out of the entries of notes/<slug>.toml (the file name gives it), or move the entry into the file of its text";
    CHRONOLOGY_IGNORE_UNUSED = "W641", Warning, "chronology ignore entry covers nothing",
        "correct `matches` or the anchor to the date as the text writes it, or remove the entry";
    // ---- W65x: the revision report ------------------------------------------------------
    ANCHOR_PASSAGE_CHANGED = "W650", Warning, "anchored passage changed since the last build",
        "read the passage: if the entry still fits it, nothing needs doing (the next build compares with this one); otherwise correct the entry";
    FORM_GONE = "W651", Warning, "registry form no text uses since the revision",
        "correct the form to the spelling the revised text uses, or remove it from the entry";
    // ---- E62x: back matter (glossary, name index, chronology, emendations as parts) ----
    SEE_TARGET_UNKNOWN = "E620", Error, "cross-reference to no heading of the name index",
        "set `to` to the `name` of a `[[person]]` in names.toml, exactly as written there";
    SEE_TO_ITSELF = "E621", Error, "cross-reference to its own heading",
        "a `[[see]]` sends a reader from another form: give `from` a form that is not a heading, or remove the entry";
}
