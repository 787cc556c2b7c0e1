//! reader-edition: builds an annotated reader edition (EPUB 3 and book PDF) from a
//! manuscript of source texts and an editorial apparatus.
//!
//! Pipeline: `manuscript` (reads files, runs `import`, parses Markdown) → `model::Volume`
//! → `render::epub` (from the model) and `typeset` → `render::pdf` (from laid-out pages).

pub mod apparatus;
pub mod backmatter;
pub mod cli;
pub mod config;
pub mod diag;
pub mod import;
pub mod manuscript;
pub mod model;
pub mod output;
pub mod priority;
pub mod render;
pub mod threads;
pub mod timings;
pub mod typeset;
