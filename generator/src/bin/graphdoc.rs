//! The `graphdoc` command line: `schema` prints the IR built from docs directories, `generate`
//! writes the Rust code, `validate` checks the JSON examples, `compare` measures the schema against
//! an OData CSDL. Diagnostics go to stderr as cargo prints them: a summary by code and every error
//! by default, everything with `-v`, only errors with `-q`, JSON lines with
//! `--message-format json`. Exit status: 0 done, 1 the docs fail a check, 2 usage or I/O error.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};
use graphdoc::compare::Targets;
use graphdoc::diag::{Code, Severity};
use graphdoc::report::{self, Verbosity};
use graphdoc::validate::Cause;
use graphdoc::Analysis;

#[derive(Parser)]
#[command(
    name = "graphdoc",
    version,
    about = "Turn API reference docs in markdown into a schema and Rust types",
    after_help = "Exit status: 0 when the command did its job; 1 when the docs fail a check (errors \
                  in them, --deny warnings, --fail-under, --check); 2 for usage and I/O errors \
                  (a missing input, an input with no pages, an unknown --select name, an \
                  unwritable output)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print every diagnostic in full, with its source snippet.
    #[arg(short, long, global = true, conflicts_with = "quiet")]
    verbose: bool,
    /// Print only errors.
    #[arg(short, long, global = true)]
    quiet: bool,
    /// How diagnostics are printed on stderr: `human`, or `json` (one object per diagnostic and
    /// line: code, level, file, line, column, message; nothing else on stderr).
    #[arg(long, value_enum, global = true, default_value = "human")]
    message_format: MessageFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum MessageFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Yaml,
}

/// What `--deny` can make fatal.
#[derive(Clone, Copy, ValueEnum)]
enum Lint {
    /// Every warning becomes an error.
    Warnings,
}

#[derive(Subcommand)]
enum Command {
    /// Build the schema from docs directories (or single `.md` pages) and print it. Exits 1 when
    /// the docs have errors.
    Schema {
        #[arg(required = true)]
        docs: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
        /// Print, to stderr, the diagnostic counts by severity and kind, every skipped page with
        /// its reason, the Type-cell phrases learned from the input (with how often each was
        /// confirmed), and the errors, instead of the usual summary.
        #[arg(long)]
        summary: bool,
        /// `--deny warnings`: warnings are errors (exit 1).
        #[arg(long, value_enum, value_name = "LINT")]
        deny: Vec<Lint>,
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
        /// With `--select`: also follow navigation properties (relationships), which reach
        /// nearly every entity; without it they are typed `serde_json::Value`.
        #[arg(long)]
        with_navigation: bool,
        /// Gate items on one Cargo feature per docs area; also writes `features.toml`.
        #[arg(long)]
        features: bool,
        /// `--deny warnings`: warnings are errors (exit 1, nothing written).
        #[arg(long, value_enum, value_name = "LINT")]
        deny: Vec<Lint>,
        /// The absolute path the generated code names the graphdoc-runtime crate by.
        #[arg(long, default_value = graphdoc::emit::DEFAULT_RUNTIME_PATH)]
        runtime_path: String,
    },
    /// Build the schema from the docs alone and measure it against an OData CSDL ($metadata):
    /// type, base, property and enum member agreement, each beside its target.
    Compare {
        /// The docs directory (or a single `.md` page).
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
        /// The docs directory (or a single `.md` page).
        docs: PathBuf,
        /// Exit with status 1 when the response examples' pass rate (percent) is below this.
        #[arg(long)]
        fail_under: Option<f64>,
    },
}

/// Exit statuses: the docs did what was asked of them...
const OK: u8 = 0;
/// ...the docs fail a check: errors in them, or a requested one (`--deny warnings`,
/// `--fail-under`, `--check`)...
const CHECK_FAILED: u8 = 1;
/// ...a usage or I/O error: a missing input, an input with no pages, an unknown `--select` name,
/// an unreadable metadata file, an unwritable output (clap's own usage errors are 2 too).
const USAGE_OR_IO: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let out = Reporter {
        verbosity: if cli.verbose {
            Verbosity::Verbose
        } else if cli.quiet {
            Verbosity::Quiet
        } else {
            Verbosity::Normal
        },
        json: matches!(cli.message_format, MessageFormat::Json),
        start: Instant::now(),
    };
    ExitCode::from(match cli.command {
        Command::Compare {
            docs,
            metadata,
            details,
            check,
        } => compare(&out, docs, &metadata, details, check),
        Command::Generate {
            docs,
            out_dir,
            select,
            with_navigation,
            features,
            deny,
            runtime_path,
        } => generate(
            &out,
            &docs,
            &out_dir,
            (&select, with_navigation),
            (features, &runtime_path),
            !deny.is_empty(),
        ),
        Command::Validate { docs, fail_under } => validate(&out, docs, fail_under),
        Command::Schema {
            docs,
            format,
            summary,
            deny,
        } => schema(&out, &docs, format, summary, !deny.is_empty()),
    })
}

/// Where diagnostics and status lines go (stderr), and in what form.
struct Reporter {
    verbosity: Verbosity,
    json: bool,
    start: Instant,
}

impl Reporter {
    /// The analysis's diagnostics: the summary and errors (see `report::human`), or JSON lines.
    fn diagnostics(&self, analysis: &Analysis) {
        if self.json {
            eprint!("{}", report::json_lines(analysis));
        } else {
            eprint!("{}", report::human(analysis, self.verbosity));
        }
    }

    /// Only the errors (all of them with `-v`): for commands whose report is on stdout.
    fn errors(&self, analysis: &Analysis) {
        if self.json {
            eprint!("{}", report::json_lines(analysis));
        } else {
            let v = match self.verbosity {
                Verbosity::Verbose => Verbosity::Verbose,
                _ => Verbosity::Quiet,
            };
            eprint!("{}", report::human(analysis, v));
        }
    }

    /// A status line (what was read, what was written); not with `-q` or JSON output.
    fn status(&self, line: &str) {
        if !self.json && self.verbosity != Verbosity::Quiet {
            eprintln!("{line}");
        }
    }

    /// Why the command failed, last (even with `-q`); not with JSON output, whose diagnostics
    /// say it.
    fn failure(&self, message: &str) {
        if !self.json {
            eprintln!("error: {message}");
        }
    }

    /// The closing count of an analysis.
    fn counts(&self, analysis: &Analysis) {
        self.status(&report::counts(analysis, self.verbosity));
    }

    /// An error that is not about a page; returns the exit status to use.
    fn error(&self, code: Code, message: &str, status: u8) -> u8 {
        if self.json {
            eprintln!("{}", report::json_message(code, Severity::Error, message));
        } else {
            eprintln!("error: {message}");
        }
        status
    }

    /// `in 2.1 s`.
    fn elapsed(&self) -> String {
        format!("in {:.1} s", self.start.elapsed().as_secs_f64())
    }
}

/// The status for an analysis's errors: usage or I/O errors (inputs, `--select`) before the docs'.
fn status_of(analysis: &Analysis) -> u8 {
    if analysis.diagnostics.iter().any(report::is_usage_or_io) {
        USAGE_OR_IO
    } else if analysis.has_errors() {
        CHECK_FAILED
    } else {
        OK
    }
}

/// Writes to stdout; a failure (a closed pipe) is an I/O error.
fn print(out: &Reporter, text: &str) -> Result<(), u8> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|e| {
            out.error(
                Code::Io,
                &format!("cannot write to stdout: {e}"),
                USAGE_OR_IO,
            )
        })
}

/// `graphdoc schema`: the schema on stdout, the diagnostics on stderr.
fn schema(out: &Reporter, docs: &[PathBuf], format: Format, summary: bool, deny: bool) -> u8 {
    let mut analysis = graphdoc::analyze(docs);
    let denied = if deny {
        report::deny_warnings(&mut analysis.diagnostics)
    } else {
        0
    };
    if summary && !out.json {
        eprint!("{}", diagnostic_summary(&analysis));
        eprint!("{}", report::human(&analysis, Verbosity::Quiet));
    } else {
        out.diagnostics(&analysis);
        out.counts(&analysis);
    }
    let status = status_of(&analysis);
    if status == USAGE_OR_IO {
        return status;
    }
    let text = match format {
        Format::Json => serde_json::to_string_pretty(&analysis.built.schema)
            .map(|s| s + "\n")
            .map_err(|e| e.to_string()),
        Format::Yaml => serde_yaml::to_string(&analysis.built.schema).map_err(|e| e.to_string()),
    };
    let text = match text {
        Ok(t) => t,
        Err(e) => {
            return out.error(
                Code::Io,
                &format!("cannot serialize the schema: {e}"),
                USAGE_OR_IO,
            )
        }
    };
    if let Err(status) = print(out, &text) {
        return status;
    }
    let schema = &analysis.built.schema;
    out.status(&format!(
        "graphdoc: printed the schema: {}, {}, {}, {}",
        report::plural(schema.types.len(), "type"),
        report::plural(schema.operations.len(), "operation"),
        report::size(text.len()),
        out.elapsed()
    ));
    if status != OK {
        out.failure(&format!(
            "the docs have {}{}",
            report::plural(
                report::count(&analysis.diagnostics, Severity::Error),
                "error"
            ),
            denied_note(denied)
        ));
    }
    status
}

/// ` (12 warnings made errors by --deny warnings)`, or nothing.
fn denied_note(denied: usize) -> String {
    if denied == 0 {
        String::new()
    } else {
        format!(
            " ({} made errors by --deny warnings)",
            report::plural(denied, "warning")
        )
    }
}

/// Counts of diagnostics by severity and kind, then every skipped page with its reason.
fn diagnostic_summary(analysis: &graphdoc::Analysis) -> String {
    let mut counts: std::collections::BTreeMap<(std::cmp::Reverse<Severity>, String), usize> =
        std::collections::BTreeMap::new();
    for d in &analysis.diagnostics {
        *counts
            .entry((std::cmp::Reverse(d.severity), report::code(d)))
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
    let learned = &analysis.built.vocabulary;
    out.push_str(&format!(
        "type phrases learned from this input's tables and JSON representations: {}\n",
        learned.len()
    ));
    let mut by_use: Vec<&graphdoc::ir::LearnedPhrase> = learned.iter().collect();
    by_use.sort_by(|a, b| {
        (b.confirmed + b.applied)
            .cmp(&(a.confirmed + a.applied))
            .then(a.phrase.cmp(&b.phrase))
    });
    for p in by_use {
        out.push_str(&learned_line(
            &p.phrase,
            &p.meaning,
            [p.confirmed, p.contradicted, p.applied],
        ));
    }
    let phrases = &analysis.built.learned_words;
    out.push_str(&format!(
        "words for inheritance and value lists learned from this input: {}\n",
        phrases.len()
    ));
    for p in phrases {
        out.push_str(&learned_line(
            &p.phrase,
            p.meaning,
            [p.confirmed, p.contradicted, p.applied],
        ));
    }
    out
}

/// One learned phrase of the summary: the words, what they mean, and how often they were
/// confirmed, contradicted and applied.
fn learned_line(
    phrase: &str,
    meaning: &str,
    [confirmed, contradicted, applied]: [usize; 3],
) -> String {
    format!(
        "  {:<40} {meaning:<24} confirmed {confirmed}, contradicted {contradicted}, applied {applied}\n",
        format!("{phrase:?}")
    )
}

/// `graphdoc validate`: each failure (file:line) then the summary, to stdout.
fn validate(out: &Reporter, docs: PathBuf, fail_under: Option<f64>) -> u8 {
    let analysis = graphdoc::analyze(&[docs]);
    out.errors(&analysis);
    out.counts(&analysis);
    if status_of(&analysis) == USAGE_OR_IO {
        return USAGE_OR_IO;
    }
    let report = graphdoc::validate::validate(&analysis.built);
    // Doc errors first, then anything else, then the template values; each in example order.
    let mut text = String::new();
    for cause in [Cause::Doc, Cause::Unexplained] {
        let failures: Vec<_> = report
            .failures
            .iter()
            .filter(|f| f.cause == cause)
            .collect();
        text.push_str(&format!("## {} ({})\n", cause.code(), failures.len()));
        for f in failures {
            text.push_str(&f.to_string());
            text.push('\n');
        }
        text.push('\n');
    }
    text.push_str(&format!(
        "## template values ({})\n",
        report.templates.len()
    ));
    for t in &report.templates {
        text.push_str(&t.to_string());
        text.push('\n');
    }
    text.push('\n');
    text.push_str(&report.summary());
    if let Err(status) = print(out, &text) {
        return status;
    }
    let rate = report.response.pass_rate().unwrap_or(0.0) * 100.0;
    match fail_under {
        Some(min) if rate + 1e-9 < min => {
            out.failure(&format!(
                "response examples pass rate {rate:.1}% is below {min:.1}% (--fail-under)"
            ));
            CHECK_FAILED
        }
        _ => OK,
    }
}

/// `graphdoc compare`: the summary (and details) to stdout, the errors and a count to stderr.
fn compare(out: &Reporter, docs: PathBuf, metadata: &Path, details: bool, check: bool) -> u8 {
    let text = match std::fs::read_to_string(metadata) {
        Ok(t) => t,
        Err(e) => {
            return out.error(
                Code::Input,
                &format!("cannot read {}: {e}", metadata.display()),
                USAGE_OR_IO,
            )
        }
    };
    let csdl = match graphdoc::compare::Csdl::parse(&text) {
        Ok(c) => c,
        Err(e) => {
            return out.error(
                Code::Input,
                &format!("cannot read {}: {e}", metadata.display()),
                USAGE_OR_IO,
            )
        }
    };
    let analysis = graphdoc::analyze(&[docs]);
    out.errors(&analysis);
    out.counts(&analysis);
    if status_of(&analysis) == USAGE_OR_IO {
        return USAGE_OR_IO;
    }
    let docs = graphdoc::compare::Docs::of(&analysis);
    let report = graphdoc::compare::compare(&analysis.built.schema, &csdl, &docs);
    let targets = Targets::ISSUE_3;
    let mut text = report.summary(&targets);
    if details {
        text.push_str("\ndisagreements, by kind:\n");
        text.push_str(&report.details());
    }
    if let Err(status) = print(out, &text) {
        return status;
    }
    let failures = report.failures(&targets);
    if check && !failures.is_empty() {
        out.failure(&format!(
            "{} below target (--check)",
            report::plural(failures.len(), "figure")
        ));
        CHECK_FAILED
    } else {
        OK
    }
}

/// `graphdoc generate`: the diagnostics, then what was written, to stderr.
fn generate(
    out: &Reporter,
    docs: &[PathBuf],
    out_dir: &Path,
    (select, with_navigation): (&[String], bool),
    (features, runtime_path): (bool, &str),
    deny: bool,
) -> u8 {
    let mut builder = graphdoc::Builder::new();
    for d in docs {
        builder.input(d);
    }
    for t in select {
        builder.select(t.as_str());
    }
    builder
        .with_navigation(with_navigation)
        .features(features)
        .deny_warnings(deny)
        .runtime_path(runtime_path)
        .header_command("graphdoc generate");
    let run = builder.execute();
    out.diagnostics(&run.analysis);
    out.counts(&run.analysis);
    let status = status_of(&run.analysis);
    let Some(files) = run.files else {
        out.failure(&format!(
            "{}{}; nothing was written",
            report::plural(
                report::count(&run.analysis.diagnostics, Severity::Error),
                "error"
            ),
            denied_note(run.denied_warnings)
        ));
        return if status == OK { CHECK_FAILED } else { status };
    };
    match graphdoc::write::sync_dir(
        out_dir,
        &files,
        graphdoc::write::Owned::Listed,
        graphdoc::write::Mode::Write,
    ) {
        Ok(drift) => {
            for f in &files {
                let changed = drift.changes.iter().any(|(p, _)| *p == f.path);
                let what = if f.path.extension().is_some_and(|e| e == "rs") {
                    format!(
                        "{}, {}, ",
                        report::plural(run.types, "type"),
                        report::plural(run.operations, "operation")
                    )
                } else {
                    String::new()
                };
                out.status(&format!(
                    "graphdoc: {} {}: {what}{}, {}",
                    if changed { "wrote" } else { "unchanged" },
                    out_dir.join(&f.path).display(),
                    report::size(f.contents.len()),
                    out.elapsed()
                ));
            }
            OK
        }
        Err(e) => out.error(
            Code::Io,
            &format!("cannot write {}: {e}", out_dir.display()),
            USAGE_OR_IO,
        ),
    }
}
