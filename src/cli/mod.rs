//! The command line: argument parsing and dispatch; one file per command.

mod build;
mod check;
mod early;
mod import;
mod init;
mod paged;
mod report;
mod revision;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

/// Builds an annotated reader edition (EPUB 3 and book PDF) from a manuscript.
#[derive(Debug, Parser)]
#[command(name = "edition", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the EPUB and PDF of the manuscript (the default command).
    Build(build::BuildArgs),
    /// Report every diagnostic of the manuscript; write nothing.
    Check(check::CheckArgs),
    /// Print the cleaned Markdown of one source text and its import report.
    Import(import::ImportArgs),
    /// Write a new manuscript that builds as it is.
    Init(init::InitArgs),
}

/// Where the manuscript is.
#[derive(Debug, Args, Clone)]
pub struct ManuscriptArgs {
    /// The manuscript folder.
    #[arg(long, short = 'm', default_value = "manuscript")]
    pub manuscript: PathBuf,
}

/// Exit code when the manuscript has errors.
pub const EXIT_ERRORS: u8 = 1;

/// Exit code of a usage error: clap's for a malformed command line, ours for a value it
/// cannot check (an unknown preset).
pub const EXIT_USAGE: u8 = 2;

/// Runs the command line; returns the process exit code.
pub fn run() -> ExitCode {
    ExitCode::from(run_code())
}

/// Runs the command line; returns the process exit code as a number.
pub fn run_code() -> u8 {
    let cli = Cli::parse();
    match cli.command {
        None => build::run(&build::BuildArgs::default()),
        Some(Command::Build(args)) => build::run(&args),
        Some(Command::Check(args)) => check::run(&args),
        Some(Command::Import(args)) => import::run(&args),
        Some(Command::Init(args)) => init::run(&args),
    }
}
