//! Reading input: walking docs directories for `.md` pages (or reading one page). The only file reading the pipeline does.

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

/// Every `.md` page of the given inputs, sorted by relative path (then input order). An input is
/// a directory (read recursively; pages are named relative to it) or a single `.md` page (named by
/// its file name). Missing inputs, an input with no `.md` pages, unreadable files and non-UTF-8
/// files are `input` errors; files are never skipped silently.
pub fn read_dirs(dirs: &[PathBuf], diags: &mut Diagnostics) -> Vec<SourceFile> {
    let mut files = Vec::new();
    for dir in dirs {
        let mut found = Vec::new();
        let root: &Path = if dir.is_dir() {
            walk(dir, &mut found, diags);
            found.sort();
            dir
        } else if dir.is_file() {
            if !is_page(dir) {
                diags.error(
                    Code::Input,
                    None,
                    format!(
                        "input `{}` is not a `.md` page or a directory of them",
                        dir.display()
                    ),
                );
                continue;
            }
            found.push(dir.clone());
            dir.parent().unwrap_or(Path::new(""))
        } else {
            diags.error(
                Code::Input,
                None,
                format!(
                    "input `{}` does not exist (give a docs directory or a `.md` page)",
                    dir.display()
                ),
            );
            continue;
        };
        if found.is_empty() {
            diags.error(
                Code::Input,
                None,
                format!("input directory `{}` has no `.md` pages", dir.display()),
            );
        }
        for path in found {
            let rel = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            match std::fs::read(&path) {
                Ok(bytes) => {
                    let text = match String::from_utf8(bytes) {
                        Ok(text) => text,
                        Err(e) => {
                            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                            let line = valid.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
                            diags.warning(
                                Code::Encoding,
                                Some(Origin::new(&rel, line, 1)),
                                "file is not valid UTF-8; read with the invalid bytes replaced",
                            );
                            String::from_utf8_lossy(e.as_bytes()).into_owned()
                        }
                    };
                    files.push(SourceFile {
                        rel,
                        path,
                        text: text
                            .strip_prefix('\u{feff}')
                            .map(str::to_owned)
                            .unwrap_or(text),
                    });
                }
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

fn is_page(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md"))
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
        let is_md = is_page(&path);
        if ft.is_dir() {
            walk(&path, out, diags);
        } else if is_md && (ft.is_file() || ft.is_symlink()) {
            // A link to a page is read like the page; a dangling one fails to read and says so.
            out.push(path);
        }
    }
}
