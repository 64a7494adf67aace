//! `Builder`: graphdoc from a build script, prost-build style.
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     graphdoc::Builder::new().input("docs").select("microsoft.graph.recordOperation").write()?;
//!     Ok(())
//! }
//! // src/lib.rs: include!(concat!(env!("OUT_DIR"), "/msgraph.rs"));
//! ```

use std::fmt;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::emit::{DateTimeMapping, EmitOptions};
use crate::schema_files::OutputFile;
use crate::write::{sync_dir, Mode, Owned};

/// Configures and runs code generation.
#[derive(Debug, Clone)]
pub struct Builder {
    inputs: Vec<PathBuf>,
    out_dir: Option<PathBuf>,
    select: Vec<String>,
    with_navigation: bool,
    file_name: String,
    emit: EmitOptions,
    rerun_if_changed: bool,
    cargo_warnings: bool,
    deny_warnings: bool,
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            inputs: Vec::new(),
            out_dir: None,
            select: Vec::new(),
            with_navigation: false,
            file_name: "msgraph.rs".to_owned(),
            emit: EmitOptions {
                regenerate_command: "cargo build (graphdoc::Builder in build.rs)".to_owned(),
                ..EmitOptions::default()
            },
            rerun_if_changed: true,
            cargo_warnings: true,
            deny_warnings: false,
        }
    }
}

/// Why generation failed: the diagnostics (errors and the warnings beside them), or I/O.
#[derive(Debug)]
pub enum Error {
    Diagnostics {
        /// The errors, one line each (`path:line:col: error[code]: message`, the first 20), and a
        /// closing count of errors and warnings: what `Display` prints.
        rendered: String,
        /// Every diagnostic, sorted by place.
        diagnostics: Vec<Diagnostic>,
    },
    Io(std::io::Error),
    NoOutDir,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Diagnostics { rendered, .. } => f.write_str(rendered),
            Error::Io(e) => write!(f, "graphdoc: {e}"),
            Error::NoOutDir => f.write_str("graphdoc: no out_dir set and OUT_DIR is not in the environment (set Builder::out_dir outside build scripts)"),
        }
    }
}

impl std::error::Error for Error {}

impl Builder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a docs directory (read recursively for `.md` pages) or a single `.md` page. An input
    /// that does not exist or holds no pages is an error.
    pub fn input(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.inputs.push(dir.as_ref().to_path_buf());
        self
    }

    /// Where [`Builder::write`] puts the file; defaults to `$OUT_DIR`.
    pub fn out_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Generates only this type (qualified, e.g. `microsoft.graph.recordOperation`) and what it
    /// needs: bases, referenced types, derived types, operations bound to them. Repeatable; with
    /// no selection everything is generated.
    pub fn select(&mut self, qualified: impl Into<String>) -> &mut Self {
        self.select.push(qualified.into());
        self
    }

    /// Whether a selection also follows navigation properties (relationships). Off by default:
    /// relationships reach nearly every entity, and a navigation property to a type left out is
    /// typed as `serde_json::Value`, so nothing is lost.
    pub fn with_navigation(&mut self, follow: bool) -> &mut Self {
        self.with_navigation = follow;
        self
    }

    /// The generated file's name (default `msgraph.rs`).
    pub fn file_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.file_name = name.into();
        self
    }

    /// The namespace whose types go at the root (default `microsoft.graph`).
    pub fn root_namespace(&mut self, ns: impl Into<String>) -> &mut Self {
        self.emit.root_namespace = ns.into();
        self
    }

    /// How `Edm.DateTimeOffset`, `Edm.Date`, `Edm.TimeOfDay` and `Edm.Duration` are represented:
    /// [`DateTimeMapping::Jiff`] (default: `graphdoc_runtime::DateTimeOffset` etc., the runtime's
    /// default `jiff` feature) or [`DateTimeMapping::String`] for no date-time dependency
    /// (`graphdoc-runtime` may then go without default features).
    pub fn date_time(&mut self, mapping: DateTimeMapping) -> &mut Self {
        self.emit.date_time = mapping;
        self
    }

    /// Gates every generated item on Cargo features, one per docs area (`ms.prod`), plus `full`.
    /// `generate` then also returns `features.toml`: the `[features]` table to copy into the
    /// crate's Cargo.toml.
    pub fn features(&mut self, on: bool) -> &mut Self {
        self.emit.features = on;
        self
    }

    /// The path the generated code names the `graphdoc-runtime` crate by (default
    /// `::graphdoc_runtime`), as prost-build's `prost_path`: for a crate that re-exports the
    /// runtime (`::my_facade::runtime`) or vendors it (`crate::runtime`). It must be absolute
    /// (`::a::b` or `crate::a`): the generated code names it from its own modules too.
    pub fn runtime_path(&mut self, path: impl Into<String>) -> &mut Self {
        self.emit.runtime_path = path.into();
        self
    }

    /// Whether `write` prints `cargo:rerun-if-changed` lines (default on).
    pub fn emit_rerun_if_changed(&mut self, on: bool) -> &mut Self {
        self.rerun_if_changed = on;
        self
    }

    /// Whether `write` reports the docs' warnings to Cargo (default on): a few
    /// `cargo:warning=` lines, the counts by code and the first occurrences, not every warning.
    pub fn cargo_warnings(&mut self, on: bool) -> &mut Self {
        self.cargo_warnings = on;
        self
    }

    /// Makes every warning an error (default off; `graphdoc generate --deny warnings`): with any
    /// warning, nothing is generated and the warnings are reported as errors.
    pub fn deny_warnings(&mut self, on: bool) -> &mut Self {
        self.deny_warnings = on;
        self
    }

    /// The command the generated file's header says to re-run.
    pub fn header_command(&mut self, command: impl Into<String>) -> &mut Self {
        self.emit.regenerate_command = command.into();
        self
    }

    /// Reads the inputs and generates in memory: the files (`None` when there are errors, which
    /// are then all reported) and the analysis with every diagnostic, sorted, for rendering.
    pub fn run(&self) -> (Option<Vec<OutputFile>>, Analysis) {
        let run = self.execute();
        (run.files, run.analysis)
    }

    /// [`Builder::run`], with what was generated counted.
    pub fn execute(&self) -> Run {
        let mut analysis = crate::analyze(&self.inputs);
        let mut diags = crate::diag::Diagnostics::default();
        let schema = if self.select.is_empty() {
            analysis.built.schema.clone()
        } else {
            crate::ir::select(
                &analysis.built.schema,
                &self.select,
                self.with_navigation,
                &mut diags,
            )
        };
        let code = if analysis.has_errors() || diags.has_errors() {
            None
        } else {
            crate::emit::emit(&schema, &self.emit, &mut diags)
        };
        analysis.diagnostics.extend(diags.into_sorted());
        analysis.diagnostics.sort();
        let denied_warnings = if self.deny_warnings {
            crate::report::deny_warnings(&mut analysis.diagnostics)
        } else {
            0
        };
        let code = code.filter(|_| !analysis.has_errors());
        let files = code.map(|contents| {
            let mut files = vec![OutputFile {
                path: PathBuf::from(&self.file_name),
                contents,
            }];
            if self.emit.features {
                files.push(OutputFile {
                    path: PathBuf::from("features.toml"),
                    contents: crate::emit::features_table(&schema),
                });
            }
            files
        });
        Run {
            files,
            analysis,
            types: schema.types.len(),
            operations: schema.operations.len(),
            denied_warnings,
        }
    }

    /// Reads the inputs and returns the generated files in memory; nothing is written.
    pub fn generate(&self) -> Result<Vec<OutputFile>, Error> {
        self.execute().into_result()
    }

    /// Generates and writes to the output directory, touching the file only when its content
    /// changed, and tells Cargo to re-run when any input changes. The docs' warnings go to Cargo
    /// as a short summary (see [`Builder::cargo_warnings`]); on errors, [`Error`]'s `Display` is
    /// one line per error.
    pub fn write(&self) -> Result<(), Error> {
        if self.rerun_if_changed {
            for dir in &self.inputs {
                println!("cargo:rerun-if-changed={}", dir.display());
                let mut d = crate::diag::Diagnostics::default();
                for f in crate::load::read_dirs(std::slice::from_ref(dir), &mut d) {
                    println!("cargo:rerun-if-changed={}", f.path.display());
                }
            }
        }
        let out = match &self.out_dir {
            Some(d) => d.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(Error::NoOutDir)?,
        };
        let run = self.execute();
        if self.cargo_warnings {
            for line in crate::report::cargo_warnings(&run.analysis) {
                println!("cargo:warning={line}");
            }
        }
        let files = run.into_result()?;
        sync_dir(&out, &files, Owned::Listed, Mode::Write).map_err(Error::Io)?;
        Ok(())
    }
}

/// What the closing count adds when warnings were denied.
fn denied_note(n: usize) -> String {
    if n == 0 {
        String::new()
    } else {
        format!(
            " ({} made errors by deny_warnings)",
            crate::report::plural(n, "warning")
        )
    }
}

/// What [`Builder::execute`] made.
#[derive(Debug)]
pub struct Run {
    /// The generated files; `None` when there are errors.
    pub files: Option<Vec<OutputFile>>,
    /// The inputs, the schema and every diagnostic, sorted.
    pub analysis: Analysis,
    /// The types and operations generated (after selection).
    pub types: usize,
    pub operations: usize,
    /// How many of the errors are warnings made errors by [`Builder::deny_warnings`].
    pub denied_warnings: usize,
}

impl Run {
    fn into_result(self) -> Result<Vec<OutputFile>, Error> {
        match self.files {
            Some(files) => Ok(files),
            None => Err(Error::Diagnostics {
                rendered: crate::report::concise_errors(&self.analysis, 20)
                    + &denied_note(self.denied_warnings),
                diagnostics: self.analysis.diagnostics,
            }),
        }
    }
}

use crate::Analysis;
