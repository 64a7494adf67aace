//! The `graphdoc` command line: `schema` prints the IR built from docs directories, `generate`
//! writes the Rust code, `compare` measures the schema against an OData CSDL.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use graphdoc::compare::Targets;
use graphdoc::diag::Severity;
use graphdoc::validate::Cause;

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
        /// Print, to stderr, only the diagnostic counts by severity and kind, and every skipped
        /// page with its reason, instead of each diagnostic.
        #[arg(long)]
        summary: bool,
    },
    /// Generate Rust from the docs into a directory (what `graphdoc::Builder` does in build.rs).
    /// Exits 1 when the docs have errors; nothing is written then.
    Generate {
        #[arg(required = true)]
        docs: Vec<PathBuf>,
        /// Where to write `msgraph.rs` (only if its content changed).
        #[arg(long)]
        out_dir: PathBuf,
        /// Generate only these types (qualified names) and what they need. Repeatable.
        #[arg(long)]
        select: Vec<String>,
        /// Gate items on one Cargo feature per docs area; also writes `features.toml`.
        #[arg(long)]
        features: bool,
        /// The absolute path the generated code names the graphdoc-runtime crate by.
        #[arg(long, default_value = graphdoc::emit::DEFAULT_RUNTIME_PATH)]
        runtime_path: String,
    },
    /// Build the schema from the docs alone and measure it against an OData CSDL ($metadata):
    /// type, base, property and enum member agreement, each beside its target.
    Compare {
        /// The docs directory.
        docs: PathBuf,
        /// The CSDL XML to measure against (never used to build the schema).
        #[arg(long)]
        metadata: PathBuf,
        /// Also list every disagreement with the docs page and line it came from.
        #[arg(long)]
        details: bool,
        /// Exit with status 1 when any figure is below its target.
        #[arg(long)]
        check: bool,
    },
    /// Check every JSON example (resource representations, request and response bodies) against
    /// the schema built from the same docs; print each failure with its page and line.
    Validate {
        /// The docs directory.
        docs: PathBuf,
        /// Exit with status 1 when the response examples' pass rate (percent) is below this.
        #[arg(long)]
        fail_under: Option<f64>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Compare {
            docs,
            metadata,
            details,
            check,
        } => compare(docs, &metadata, details, check),
        Command::Generate {
            docs,
            out_dir,
            select,
            features,
            runtime_path,
        } => generate(&docs, &out_dir, &select, features, &runtime_path),
        Command::Validate { docs, fail_under } => validate(docs, fail_under),
        Command::Schema {
            docs,
            format,
            summary,
        } => {
            let analysis = graphdoc::analyze(&docs);
            if summary {
                eprint!("{}", diagnostic_summary(&analysis));
            } else {
                eprint!("{}", analysis.render_diagnostics());
            }
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

/// Counts of diagnostics by severity and kind, then every skipped page with its reason.
fn diagnostic_summary(analysis: &graphdoc::Analysis) -> String {
    let mut counts: std::collections::BTreeMap<(std::cmp::Reverse<Severity>, &str), usize> =
        std::collections::BTreeMap::new();
    for d in &analysis.diagnostics {
        *counts
            .entry((std::cmp::Reverse(d.severity), d.kind.as_str()))
            .or_default() += 1;
    }
    let skipped = &analysis.built.skipped;
    let mut out = format!(
        "graphdoc: {} pages read, {} used, {} skipped; {} diagnostics\n",
        analysis.sources.len(),
        analysis.sources.len() - skipped.len(),
        skipped.len(),
        analysis.diagnostics.len()
    );
    for ((sev, kind), n) in &counts {
        out.push_str(&format!("  {:<8} {kind:<28} {n}\n", sev.0.to_string()));
    }
    let mut reasons: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for s in skipped {
        *reasons.entry(s.reason.as_str()).or_default() += 1;
    }
    out.push_str("skipped pages by reason:\n");
    for (reason, n) in &reasons {
        out.push_str(&format!("  {n:>5}  {reason}\n"));
    }
    out
}

/// `graphdoc validate`: each failure (file:line) then the summary, to stdout.
fn validate(docs: PathBuf, fail_under: Option<f64>) -> ExitCode {
    let analysis = graphdoc::analyze(&[docs]);
    let report = graphdoc::validate::validate(&analysis.built);
    // Doc errors first, then anything else, then the template values; each in example order.
    let mut out = String::new();
    for cause in [Cause::Doc, Cause::Unexplained] {
        let failures: Vec<_> = report
            .failures
            .iter()
            .filter(|f| f.cause == cause)
            .collect();
        out.push_str(&format!("## {} ({})\n", cause.code(), failures.len()));
        for f in failures {
            out.push_str(&f.to_string());
            out.push('\n');
        }
        out.push('\n');
    }
    out.push_str(&format!(
        "## template values ({})\n",
        report.templates.len()
    ));
    for t in &report.templates {
        out.push_str(&t.to_string());
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&report.summary());
    if std::io::stdout().write_all(out.as_bytes()).is_err() {
        return ExitCode::FAILURE;
    }
    let rate = report.response.pass_rate().unwrap_or(0.0) * 100.0;
    match fail_under {
        Some(min) if rate + 1e-9 < min => {
            eprintln!("graphdoc: response examples pass rate {rate:.1}% is below {min:.1}%");
            ExitCode::FAILURE
        }
        _ => ExitCode::SUCCESS,
    }
}

/// `graphdoc compare`: the summary (and details) to stdout, a one-line diagnostics count to stderr.
fn compare(docs: PathBuf, metadata: &Path, details: bool, check: bool) -> ExitCode {
    let text = match std::fs::read_to_string(metadata) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", metadata.display());
            return ExitCode::FAILURE;
        }
    };
    let csdl = match graphdoc::compare::Csdl::parse(&text) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", metadata.display());
            return ExitCode::FAILURE;
        }
    };
    let analysis = graphdoc::analyze(&[docs]);
    let count = |sev| {
        analysis
            .diagnostics
            .iter()
            .filter(|d| d.severity == sev)
            .count()
    };
    eprintln!(
        "graphdoc: read {} pages: {} errors, {} warnings, {} notes (`graphdoc schema` shows them)",
        analysis.sources.len(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note)
    );
    let docs = graphdoc::compare::Docs::of(&analysis);
    let report = graphdoc::compare::compare(&analysis.built.schema, &csdl, &docs);
    let targets = Targets::ISSUE_3;
    let mut out = report.summary(&targets);
    if details {
        out.push_str("\ndisagreements, by kind:\n");
        out.push_str(&report.details());
    }
    if std::io::stdout().write_all(out.as_bytes()).is_err() {
        return ExitCode::FAILURE;
    }
    if check && !report.failures(&targets).is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn generate(
    docs: &[PathBuf],
    out_dir: &Path,
    select: &[String],
    features: bool,
    runtime_path: &str,
) -> ExitCode {
    let mut builder = graphdoc::Builder::new();
    for d in docs {
        builder.input(d);
    }
    for t in select {
        builder.select(t.as_str());
    }
    builder
        .features(features)
        .runtime_path(runtime_path)
        .header_command("graphdoc generate");
    let (files, analysis) = builder.run();
    eprint!("{}", analysis.render_diagnostics());
    let Some(files) = files else {
        let errors = analysis
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        eprintln!("graphdoc: {errors} error(s); nothing was written");
        return ExitCode::FAILURE;
    };
    match graphdoc::write::sync_dir(
        out_dir,
        &files,
        graphdoc::write::Owned::Listed,
        graphdoc::write::Mode::Write,
    ) {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("graphdoc: cannot write {}: {e}", out_dir.display());
            ExitCode::FAILURE
        }
    }
}
