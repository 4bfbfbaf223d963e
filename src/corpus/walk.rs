//! Finding the files to scan: explicit files, folders walked recursively, or a list of paths.
//!
//! The result is sorted by the raw bytes of each path (the contract's article order), whatever
//! order the file system or walkdir returns. Walk failures (symlink loops, unreadable folders,
//! dangling links when following) come back as entries of their own, so every walked path is
//! accounted for.

use globset::{Glob, GlobSet, GlobSetBuilder};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// What to walk and what to keep.
#[derive(Debug, Clone)]
pub struct WalkOptions {
    pub globs: Vec<String>,
    pub hidden: bool,
    pub follow_links: bool,
}

impl Default for WalkOptions {
    fn default() -> Self {
        WalkOptions { globs: vec!["*.txt".into()], hidden: false, follow_links: false }
    }
}

/// One walked path: a file to read, or the reason it could not be walked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WalkEntry {
    File(PathBuf, Sidecar),
    Failed { path: PathBuf, message: String },
}

/// What the walk knows of a file's sidecar `<stem>.json` (its publication date).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sidecar {
    /// There may be one: it is looked for.
    Maybe,
    /// The listing of the file's folder holds none: no open per article that can only fail
    /// (most corpora have no sidecars at all).
    Absent,
}

impl WalkEntry {
    pub fn path(&self) -> &Path {
        match self {
            WalkEntry::File(p, _) | WalkEntry::Failed { path: p, .. } => p,
        }
    }
}

pub fn build_globset(globs: &[String]) -> Result<GlobSet, String> {
    let mut builder = GlobSetBuilder::new();
    for g in globs {
        builder.add(Glob::new(g).map_err(|e| format!("bad --glob {g:?}: {e}"))?);
    }
    builder.build().map_err(|e| e.to_string())
}

/// Walks `roots` (files or folders). Explicit files are always kept, like ripgrep does;
/// files found in folders must match a glob.
pub fn walk(roots: &[PathBuf], options: &WalkOptions) -> Result<Vec<WalkEntry>, String> {
    let globs = build_globset(&options.globs)?;
    let mut entries = Vec::new();
    for root in roots {
        let metadata = if options.follow_links { std::fs::metadata(root) } else { std::fs::symlink_metadata(root) };
        match metadata {
            Ok(m) if m.is_dir() || (m.file_type().is_symlink() && root.is_dir()) => walk_folder(root, options, &globs, &mut entries),
            Ok(_) => entries.push(WalkEntry::File(root.clone(), Sidecar::Maybe)),
            Err(e) => entries.push(WalkEntry::Failed { path: root.clone(), message: e.to_string() }),
        }
    }
    sort_by_bytes(&mut entries);
    entries.dedup_by(|a, b| a.path() == b.path());
    Ok(entries)
}

fn walk_folder(root: &Path, options: &WalkOptions, globs: &GlobSet, out: &mut Vec<WalkEntry>) {
    let walker = WalkDir::new(root).follow_links(options.follow_links).follow_root_links(true);
    let hidden = options.hidden;
    let iter = walker.into_iter().filter_entry(move |e| hidden || e.depth() == 0 || !is_hidden(e.file_name()));
    let first = out.len();
    // Every `.json` the walk lists (of any type, matched by the globs or not): a sidecar lies in
    // its article's folder, so the walk has listed it if it exists.
    let mut listed_json: HashSet<PathBuf> = HashSet::new();
    let mut complete = true;
    for item in iter {
        match item {
            Ok(entry) => {
                if entry.path().extension().is_some_and(|e| e == "json") {
                    listed_json.insert(entry.path().to_path_buf());
                }
                let ft = entry.file_type();
                if ft.is_file() && globs.is_match(entry.file_name()) {
                    out.push(WalkEntry::File(entry.into_path(), Sidecar::Maybe));
                }
            }
            Err(err) => {
                // (A folder read only in part may hide a sidecar: then every file keeps Maybe.)
                complete = false;
                let path = err.path().map(Path::to_path_buf).unwrap_or_else(|| root.to_path_buf());
                let message = match err.loop_ancestor() {
                    Some(ancestor) => format!("symbolic link loop back to {}", display_path(ancestor)),
                    None => err.io_error().map_or_else(|| err.to_string(), |e| e.to_string()),
                };
                // A dangling link or an unreadable folder is only worth reporting when it is
                // something the globs would have taken, or a folder.
                out.push(WalkEntry::Failed { path, message });
            }
        }
    }
    if complete {
        for entry in &mut out[first..] {
            if let WalkEntry::File(path, sidecar) = entry {
                if !listed_json.contains(&path.with_extension("json")) {
                    *sidecar = Sidecar::Absent;
                }
            }
        }
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// Byte order of full paths: "a.txt" sorts before "a/b.txt", unlike a per-folder name sort.
pub fn sort_by_bytes(entries: &mut [WalkEntry]) {
    entries.sort_by(|a, b| a.path().as_os_str().as_encoded_bytes().cmp(b.path().as_os_str().as_encoded_bytes()));
}

/// A path as text, lossless: bytes that are not UTF-8 are written as `\xNN`.
pub fn display_path(path: &Path) -> String {
    let bytes = path.as_os_str().as_encoded_bytes();
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c == '\\' {
                out.push_str("\\\\");
            } else {
                out.push(c);
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn walks_sorted_by_bytes_and_skips_hidden() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("a")).unwrap();
        fs::create_dir_all(root.join(".git")).unwrap();
        for f in ["a.txt", "a/b.txt", "b.txt", ".hidden.txt", ".git/x.txt", "c.md"] {
            fs::write(root.join(f), "نص").unwrap();
        }
        let got: Vec<_> = walk(&[root.to_path_buf()], &WalkOptions::default())
            .unwrap()
            .iter()
            .map(|e| e.path().strip_prefix(root).unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(got, vec!["a.txt", "a/b.txt", "b.txt"]);
        let all = walk(&[root.to_path_buf()], &WalkOptions { hidden: true, ..Default::default() }).unwrap();
        assert_eq!(all.len(), 5);
    }

    #[test]
    fn knows_from_the_listing_which_files_have_no_sidecar() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in ["a.txt", "a.json", "b.txt"] {
            fs::write(root.join(f), "نص").unwrap();
        }
        let got: Vec<(String, Sidecar)> = walk(&[root.to_path_buf()], &WalkOptions::default())
            .unwrap()
            .iter()
            .map(|e| match e {
                WalkEntry::File(p, sidecar) => (p.strip_prefix(root).unwrap().to_string_lossy().into_owned(), *sidecar),
                WalkEntry::Failed { message, .. } => panic!("{message}"),
            })
            .collect();
        assert_eq!(got, vec![("a.txt".to_string(), Sidecar::Maybe), ("b.txt".to_string(), Sidecar::Absent)]);
        // A file named on its own is looked for.
        let explicit = walk(&[root.join("b.txt")], &WalkOptions::default()).unwrap();
        assert!(matches!(explicit[..], [WalkEntry::File(_, Sidecar::Maybe)]));
    }

    #[cfg(unix)]
    #[test]
    fn reports_symlink_loops_when_following() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("d")).unwrap();
        fs::write(root.join("d/x.txt"), "نص").unwrap();
        std::os::unix::fs::symlink(root.join("d"), root.join("d/loop")).unwrap();
        let entries = walk(&[root.to_path_buf()], &WalkOptions { follow_links: true, ..Default::default() }).unwrap();
        assert!(entries.iter().any(|e| matches!(e, WalkEntry::Failed { message, .. } if message.contains("loop"))));
        assert!(entries.iter().any(|e| matches!(e, WalkEntry::File(p, _) if p.ends_with("d/x.txt"))));
        // Not following: the link is not walked at all.
        let entries = walk(&[root.to_path_buf()], &WalkOptions::default()).unwrap();
        assert_eq!(entries.len(), 1);
    }

    #[test]
    fn displays_non_utf8_paths_losslessly() {
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let p = Path::new(std::ffi::OsStr::from_bytes(b"dir/f\xFFo.txt"));
            assert_eq!(display_path(p), "dir/f\\xFFo.txt");
        }
    }
}
