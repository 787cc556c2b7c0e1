//! The `edition` binary: see `reader_edition::cli`.

fn main() {}
