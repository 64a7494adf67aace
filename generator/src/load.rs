//! Reading input: walking docs directories for `.md` pages. The only file reading the pipeline does.

use crate::diag::Code;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostics, Origin};

/// One page's text and where it came from.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to its docs root, `/`-separated: the name used in origins.
    pub rel: String,
    /// The path on disk, for messages and `rerun-if-changed`.
    pub path: PathBuf,
    pub text: String,
}

/// Every `.md` file under the given directories, sorted by relative path (then root order).
/// Unreadable files, non-UTF-8 files and missing directories are errors; files are never skipped
/// silently.
pub fn read_dirs(dirs: &[PathBuf], diags: &mut Diagnostics) -> Vec<SourceFile> {
    let mut files = Vec::new();
    for dir in dirs {
        if !dir.is_dir() {
            diags.error(
                Code::Input,
                None,
                format!(
                    "input directory `{}` does not exist or is not a directory",
                    dir.display()
                ),
            );
            continue;
        }
        let mut found = Vec::new();
        walk(dir, &mut found, diags);
        found.sort();
        for path in found {
            let rel = path
                .strip_prefix(dir)
                .unwrap_or(&path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            match std::fs::read(&path) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => files.push(SourceFile {
                        rel,
                        path,
                        text: text
                            .strip_prefix('\u{feff}')
                            .map(str::to_owned)
                            .unwrap_or(text),
                    }),
                    Err(e) => {
                        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                        let line = valid.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
                        diags.warning(
                            Code::Encoding,
                            Some(Origin::new(&rel, line, 1)),
                            "file is not valid UTF-8; read with the invalid bytes replaced",
                        );
                        let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                        files.push(SourceFile {
                            rel,
                            path,
                            text: text
                                .strip_prefix('\u{feff}')
                                .map(str::to_owned)
                                .unwrap_or(text),
                        });
                    }
                },
                Err(e) => diags.error(
                    Code::Input,
                    Some(Origin::new(rel, 1, 1)),
                    format!("cannot read file: {e}"),
                ),
            }
        }
    }
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    files
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, diags: &mut Diagnostics) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            diags.error(
                Code::Input,
                None,
                format!("cannot read directory `{}`: {e}", dir.display()),
            );
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(ft) = entry.file_type() else { continue };
        let is_md = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md"));
        if ft.is_dir() {
            walk(&path, out, diags);
        } else if is_md && (ft.is_file() || ft.is_symlink()) {
            // A link to a page is read like the page; a dangling one fails to read and says so.
            out.push(path);
        }
    }
}
