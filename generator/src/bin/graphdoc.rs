//! The `graphdoc` command line: `schema` prints the IR built from docs directories.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "graphdoc",
    version,
    about = "Turn API reference docs in markdown into a schema and Rust types"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Yaml,
}

#[derive(Subcommand)]
enum Command {
    /// Build the schema from every `.md` page under the given directories and print it.
    Schema {
        #[arg(required = true)]
        docs: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Schema { docs, format } => {
            let analysis = graphdoc::analyze(&docs);
            eprint!("{}", analysis.render_diagnostics());
            let text = match format {
                Format::Json => serde_json::to_string_pretty(&analysis.built.schema)
                    .map(|s| s + "\n")
                    .map_err(|e| e.to_string()),
                Format::Yaml => {
                    serde_yaml::to_string(&analysis.built.schema).map_err(|e| e.to_string())
                }
            };
            match text {
                Ok(t) => {
                    if std::io::stdout().write_all(t.as_bytes()).is_err() {
                        return ExitCode::FAILURE;
                    }
                }
                Err(e) => {
                    eprintln!("error: cannot serialize the schema: {e}");
                    return ExitCode::FAILURE;
                }
            }
            if analysis.has_errors() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
    }
}
