//! Import: turns one raw source text into clean Markdown by its recipe, deterministically,
//! and reports every removal, join and move.

mod recipe;

pub use recipe::Recipe;
