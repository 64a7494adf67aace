//! Writing output, the only stage that touches the file system: one function both writes and
//! checks (rust-analyzer's `ensure_file_contents`). Writes are staged: every changed file is first
//! written to a temporary file beside it, then all are renamed into place, then stale files are
//! removed, so an error part-way leaves the previous output intact.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::schema_files::OutputFile;

/// Write the files, or only report how the directory differs from them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Write,
    Check,
}

/// How one file differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Exists with other content; holds a unified diff (old → new).
    Stale(String),
    Missing,
    /// Exists but is no longer generated.
    Extra,
}

/// Every file that differs, by path (relative to the directory).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Drift {
    pub changes: Vec<(PathBuf, Change)>,
}

impl Drift {
    pub fn is_clean(&self) -> bool {
        self.changes.is_empty()
    }
}

impl fmt::Display for Drift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (path, change) in &self.changes {
            match change {
                Change::Stale(diff) => writeln!(f, "stale: {}\n{diff}", path.display())?,
                Change::Missing => writeln!(f, "missing: {}", path.display())?,
                Change::Extra => writeln!(f, "extra (no longer generated): {}", path.display())?,
            }
        }
        Ok(())
    }
}

/// What `sync_dir` treats as its own besides the files it is given: files with this extension
/// under the directory are removed (or reported) when no longer generated.
#[derive(Debug, Clone, Copy)]
pub enum Owned<'a> {
    /// Only the given files.
    Listed,
    /// Every file under the directory with this extension.
    Extension(&'a str),
}

fn unified_diff(path: &Path, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(
            &format!("a/{}", path.display()),
            &format!("b/{}", path.display()),
        )
        .to_string()
}

fn owned_files(dir: &Path, ext: &str, base: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            owned_files(&path, ext, base, out)?;
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path.strip_prefix(base).unwrap_or(&path).to_path_buf());
        }
    }
    Ok(())
}

/// One output directory: the files that belong in it and what else it owns.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    pub dir: &'a Path,
    pub files: &'a [OutputFile],
    pub owned: Owned<'a>,
}

/// Compares `dir` with `files`; in [`Mode::Write`] also brings it up to date, touching only files
/// whose content changed. Returns what differed (before writing).
pub fn sync_dir(
    dir: &Path,
    files: &[OutputFile],
    owned: Owned<'_>,
    mode: Mode,
) -> io::Result<Drift> {
    let mut drifts = sync(&[Target { dir, files, owned }], mode)?;
    Ok(drifts.pop().unwrap_or_default())
}

/// [`sync_dir`] for several directories as one change: every changed file of every directory is
/// staged before any is renamed into place, so an error leaves all of them as they were.
pub fn sync(targets: &[Target<'_>], mode: Mode) -> io::Result<Vec<Drift>> {
    sync_with(targets, mode, &mut stage)
}

/// What differs in one directory, and the paths to write and remove to fix it.
struct Plan<'a> {
    drift: Drift,
    to_write: Vec<(PathBuf, &'a OutputFile)>,
    extra: Vec<PathBuf>,
}

fn plan<'a>(t: &Target<'a>) -> io::Result<Plan<'a>> {
    let mut drift = Drift::default();
    let mut to_write = Vec::new();
    for f in t.files {
        let target = t.dir.join(&f.path);
        match std::fs::read_to_string(&target) {
            Ok(old) if old == f.contents => {}
            Ok(old) => {
                drift.changes.push((
                    f.path.clone(),
                    Change::Stale(unified_diff(&f.path, &old, &f.contents)),
                ));
                to_write.push((target, f));
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                drift.changes.push((f.path.clone(), Change::Missing));
                to_write.push((target, f));
            }
            Err(e) => {
                return Err(io::Error::new(
                    e.kind(),
                    format!("{}: {e}", target.display()),
                ))
            }
        }
    }
    let mut extra = Vec::new();
    if let Owned::Extension(ext) = t.owned {
        let mut existing = Vec::new();
        owned_files(t.dir, ext, t.dir, &mut existing)?;
        existing.sort();
        for p in existing {
            if !t.files.iter().any(|f| f.path == p) {
                drift.changes.push((p.clone(), Change::Extra));
                extra.push(t.dir.join(p));
            }
        }
    }
    Ok(Plan {
        drift,
        to_write,
        extra,
    })
}

/// [`sync`] with the staging step passed in, so tests can make it fail part-way.
fn sync_with(
    targets: &[Target<'_>],
    mode: Mode,
    stage: &mut dyn FnMut(&Path, &str) -> io::Result<PathBuf>,
) -> io::Result<Vec<Drift>> {
    let mut drifts = Vec::new();
    let mut to_write = Vec::new();
    let mut extra = Vec::new();
    for t in targets {
        let plan = plan(t)?;
        drifts.push(plan.drift);
        to_write.extend(plan.to_write);
        extra.extend(plan.extra.into_iter().map(|p| (p, t.dir)));
    }
    if mode == Mode::Check || drifts.iter().all(Drift::is_clean) {
        return Ok(drifts);
    }

    // Stage every changed file; on any failure remove the staged files and leave the tree as it was.
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    for (target, f) in &to_write {
        match stage(target, &f.contents) {
            Ok(tmp) => staged.push((tmp, target.clone())),
            Err(e) => {
                for (tmp, _) in &staged {
                    let _ = std::fs::remove_file(tmp);
                }
                return Err(io::Error::new(
                    e.kind(),
                    format!("{}: {e}", target.display()),
                ));
            }
        }
    }
    for (tmp, target) in &staged {
        std::fs::rename(tmp, target)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", target.display())))?;
    }
    for (p, dir) in extra {
        std::fs::remove_file(&p)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", p.display())))?;
        remove_empty_parents(&p, dir);
    }
    Ok(drifts)
}

fn stage(target: &Path, contents: &str) -> io::Result<PathBuf> {
    let parent = target.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = parent.join(format!(".{name}.graphdoc-{}.tmp", std::process::id()));
    std::fs::write(&tmp, contents)?;
    Ok(tmp)
}

fn remove_empty_parents(file: &Path, root: &Path) {
    let mut cur = file.parent();
    while let Some(d) = cur {
        if d == root || !d.starts_with(root) || std::fs::remove_dir(d).is_err() {
            break;
        }
        cur = d.parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(p: &str, c: &str) -> OutputFile {
        OutputFile {
            path: PathBuf::from(p),
            contents: c.to_owned(),
        }
    }

    fn snapshot(dir: &Path) -> Vec<(PathBuf, String)> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    out.push((
                        p.strip_prefix(dir).unwrap().to_path_buf(),
                        std::fs::read_to_string(&p).unwrap(),
                    ));
                }
            }
        }
        out.sort();
        out
    }

    /// Like `regenerate`: two directories written as one change. The failure comes while staging
    /// the second directory's file, after the first directory's files were staged.
    #[test]
    fn an_error_part_way_leaves_every_directory_unchanged() {
        let root = tempfile::tempdir().unwrap();
        let (schemas, code) = (root.path().join("schemas"), root.path().join("src"));
        std::fs::create_dir_all(&schemas).unwrap();
        std::fs::create_dir_all(&code).unwrap();
        std::fs::write(schemas.join("a.yaml"), "old a\n").unwrap();
        std::fs::write(schemas.join("b.yaml"), "old b\n").unwrap();
        std::fs::write(schemas.join("stale.yaml"), "stale\n").unwrap();
        std::fs::write(code.join("model.rs"), "old code\n").unwrap();
        let before = snapshot(root.path());
        let schema_files = [
            file("a.yaml", "new a\n"),
            file("b.yaml", "new b\n"),
            file("c/c.yaml", "new c\n"),
        ];
        let code_files = [file("model.rs", "new code\n")];
        let targets = [
            Target {
                dir: &schemas,
                files: &schema_files,
                owned: Owned::Extension("yaml"),
            },
            Target {
                dir: &code,
                files: &code_files,
                owned: Owned::Listed,
            },
        ];
        let mut staged = 0;
        let mut failing = |target: &Path, contents: &str| {
            staged += 1;
            if staged == 4 {
                return Err(io::Error::other("injected failure"));
            }
            stage(target, contents)
        };
        let err = sync_with(&targets, Mode::Write, &mut failing).unwrap_err();
        assert!(err.to_string().contains("injected failure"), "{err}");
        assert_eq!(
            staged, 4,
            "three schema files were staged before the code file failed"
        );
        // `c/` may have been created for the staged file; it holds no file.
        assert_eq!(
            snapshot(root.path()),
            before,
            "no file replaced, none removed, no temp file left"
        );

        sync(&targets, Mode::Write).unwrap();
        assert_eq!(
            std::fs::read_to_string(code.join("model.rs")).unwrap(),
            "new code\n"
        );
        assert!(!schemas.join("stale.yaml").exists());
    }

    #[test]
    fn check_lists_every_difference_and_write_fixes_them() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a")).unwrap();
        std::fs::write(dir.path().join("a/same.yaml"), "x\n").unwrap();
        std::fs::write(dir.path().join("a/stale.yaml"), "old\n").unwrap();
        std::fs::write(dir.path().join("gone.yaml"), "g\n").unwrap();
        std::fs::write(dir.path().join("keep.txt"), "not owned\n").unwrap();
        let files = [
            file("a/same.yaml", "x\n"),
            file("a/stale.yaml", "new\n"),
            file("b/new.yaml", "n\n"),
        ];

        let drift = sync_dir(dir.path(), &files, Owned::Extension("yaml"), Mode::Check).unwrap();
        let kinds: Vec<(String, &str)> = drift
            .changes
            .iter()
            .map(|(p, c)| {
                (
                    p.display().to_string(),
                    match c {
                        Change::Stale(_) => "stale",
                        Change::Missing => "missing",
                        Change::Extra => "extra",
                    },
                )
            })
            .collect();
        assert_eq!(
            kinds,
            [
                ("a/stale.yaml".into(), "stale"),
                ("b/new.yaml".into(), "missing"),
                ("gone.yaml".into(), "extra")
            ]
        );
        assert!(
            matches!(&drift.changes[0].1, Change::Stale(d) if d.contains("-old") && d.contains("+new"))
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a/stale.yaml")).unwrap(),
            "old\n",
            "check mode writes nothing"
        );

        let before = std::fs::metadata(dir.path().join("a/same.yaml"))
            .unwrap()
            .modified()
            .unwrap();
        sync_dir(dir.path(), &files, Owned::Extension("yaml"), Mode::Write).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a/stale.yaml")).unwrap(),
            "new\n"
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("b/new.yaml")).unwrap(),
            "n\n"
        );
        assert!(!dir.path().join("gone.yaml").exists());
        assert!(dir.path().join("keep.txt").exists());
        assert_eq!(
            std::fs::metadata(dir.path().join("a/same.yaml"))
                .unwrap()
                .modified()
                .unwrap(),
            before,
            "unchanged files are not touched"
        );
        assert!(
            sync_dir(dir.path(), &files, Owned::Extension("yaml"), Mode::Check)
                .unwrap()
                .is_clean()
        );
    }
}
