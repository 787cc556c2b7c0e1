//! The `edition` binary: see `reader_edition::cli`.

fn main() -> std::process::ExitCode {
    reader_edition::cli::run()
}
