//! `cargo xtask regenerate [--check] [--quiet]`.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use graphdoc::write::Mode;

#[derive(Parser)]
#[command(name = "xtask")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Rewrite schemas/ and generated/src from docs/ (only files whose content changed).
    Regenerate {
        /// Write nothing; list every stale, missing or extra file with a diff and exit 1 if any.
        #[arg(long)]
        check: bool,
        /// Do not print the docs' warnings and notes, only their count.
        #[arg(long)]
        quiet: bool,
    },
}

fn main() -> ExitCode {
    let Command::Regenerate { check, quiet } = Cli::parse().command;
    let root = xtask::workspace_root();
    let mode = if check { Mode::Check } else { Mode::Write };
    let outcome = match xtask::regenerate(&root, mode) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    if !quiet {
        eprint!("{}", outcome.diagnostics);
    }
    eprintln!("docs: {} warning(s)", outcome.warning_count);
    let changed: usize = outcome.drift.iter().map(|(_, d)| d.changes.len()).sum();
    match mode {
        Mode::Check if !outcome.is_clean() => {
            print!("{}", outcome.report());
            ExitCode::FAILURE
        }
        Mode::Check => {
            println!("generated files are up to date");
            ExitCode::SUCCESS
        }
        Mode::Write => {
            for (dir, drift) in &outcome.drift {
                for (path, _) in &drift.changes {
                    println!("updated {}", dir.join(path).display());
                }
            }
            println!("{changed} file(s) changed");
            ExitCode::SUCCESS
        }
    }
}
