//! `scan --cache DIR`: the same bytes with and without the cache; entries that do not check out
//! are analyzed again and rewritten; new rule tables, dates or content miss.

use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};

fn bin() -> Command {
    Command::cargo_bin("libya-news").unwrap()
}

/// Scans `args` with `--cache cache`; returns stdout and the "N reused, M analyzed" counts.
fn scan_cached(cache: &Path, args: &[&str]) -> (Vec<u8>, (u64, u64)) {
    let out = bin().arg("scan").args(args).args(["--format", "jsonl", "--cache"]).arg(cache).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    let counts = err
        .lines()
        .find_map(|l| l.strip_prefix("libya-news: cache: "))
        .and_then(|l| {
            let n: Vec<u64> = l.split(|c: char| !c.is_ascii_digit()).filter_map(|w| w.parse().ok()).collect();
            Some((*n.first()?, *n.get(1)?))
        })
        .unwrap_or_else(|| panic!("no cache counts on stderr: {err}"));
    (out.stdout, counts)
}

fn scan_plain(args: &[&str]) -> Vec<u8> {
    bin().arg("scan").args(args).args(["--format", "jsonl"]).output().unwrap().stdout
}

fn entries(cache: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for sub in fs::read_dir(cache).unwrap().flatten().filter(|e| e.path().is_dir()) {
        found.extend(fs::read_dir(sub.path()).unwrap().flatten().map(|e| e.path()));
    }
    found.sort();
    found
}

/// The seeds copied under `dir`, so tests can change them.
fn copy_seeds(dir: &Path) -> PathBuf {
    let root = dir.join("seeds");
    fs::create_dir_all(&root).unwrap();
    for e in fs::read_dir("seeds").unwrap().flatten() {
        fs::copy(e.path(), root.join(e.file_name())).unwrap();
    }
    root
}

#[test]
fn a_warm_cache_gives_the_same_bytes_without_analyzing() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let plain = scan_plain(&["seeds/"]);
    let (cold, counts) = scan_cached(&cache, &["seeds/"]);
    assert_eq!((cold == plain, counts), (true, (0, 5)));
    let (warm, counts) = scan_cached(&cache, &["seeds/"]);
    assert_eq!((warm == plain, counts), (true, (5, 0)));
    // JSON and the table come from the same articles.
    for format in ["json", "table"] {
        let with = bin().args(["scan", "seeds/", "--format", format, "--cache"]).arg(&cache).output().unwrap().stdout;
        assert_eq!(with, bin().args(["scan", "seeds/", "--format", format]).output().unwrap().stdout, "{format}");
    }
}

#[test]
fn moved_files_hit_and_keep_their_own_path_and_id() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    scan_cached(&cache, &["seeds/"]);
    let root = copy_seeds(dir.path());
    fs::rename(root.join("001_1231ecc439629b3a.txt"), root.join("renamed.txt")).unwrap();
    let (out, counts) = scan_cached(&cache, &[root.to_str().unwrap()]);
    assert_eq!(counts, (5, 0));
    assert_eq!(out, scan_plain(&[root.to_str().unwrap()]));
    assert!(String::from_utf8_lossy(&out).contains(r#""id":"renamed""#));
}

#[test]
fn corrupt_and_foreign_entries_are_analyzed_again_and_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let plain = scan_plain(&["seeds/"]);
    scan_cached(&cache, &["seeds/"]);
    let files = entries(&cache);
    assert_eq!(files.len(), 5);
    let good: Vec<Vec<u8>> = files.iter().map(|f| fs::read(f).unwrap()).collect();
    // Truncated; one byte of the article changed; another entry's content; garbage.
    fs::write(&files[0], &good[0][..good[0].len() / 2]).unwrap();
    let mut flipped = good[1].clone();
    let at = flipped.len() - 10;
    flipped[at] ^= 0x01;
    fs::write(&files[1], &flipped).unwrap();
    fs::write(&files[2], &good[3]).unwrap();
    fs::write(&files[3], b"\x00\xffnot an entry").unwrap();
    let (out, counts) = scan_cached(&cache, &["seeds/"]);
    assert_eq!(out, plain);
    assert_eq!(counts, (1, 4));
    for (f, g) in files.iter().zip(&good) {
        assert_eq!(&fs::read(f).unwrap(), g, "{} rewritten", f.display());
    }
    assert_eq!(scan_cached(&cache, &["seeds/"]).1, (5, 0));
}

#[test]
fn new_rules_dates_or_content_miss() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let root = copy_seeds(dir.path());
    let path = root.to_str().unwrap();
    scan_cached(&cache, &[path]);
    let rules = dir.path().join("rules");
    fs::create_dir_all(&rules).unwrap();
    fs::write(rules.join("extra.toml"), "[[actor]]\nid = \"zz_test_person\"\ntype = \"person\"\nname = \"Test Person\"\nname_ar = \"زكريا الاختباري\"\n").unwrap();
    let with_rules = [path, "--rules", rules.to_str().unwrap()];
    let (out, counts) = scan_cached(&cache, &with_rules);
    assert_eq!((counts, out == scan_plain(&with_rules)), ((0, 5), true));
    let dated = [path, "--reference-date", "2020-02-21"];
    assert_eq!(scan_cached(&cache, &dated).1, (0, 5));
    // One article edited, one given a sidecar date: those two miss, the rest hit.
    let edited = root.join("000_30a7f6d5ab41217e.txt");
    let text = fs::read_to_string(&edited).unwrap();
    fs::write(&edited, text + "\nسطر جديد.\n").unwrap();
    fs::write(root.join("002_384299798ed4a584.json"), r#"{"published": "2019-04-04"}"#).unwrap();
    let (out, counts) = scan_cached(&cache, &[path]);
    assert_eq!(counts, (3, 2));
    assert_eq!(out, scan_plain(&[path]));
}

#[test]
fn an_unusable_cache_folder_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    fs::write(&file, "x").unwrap();
    let out = bin().args(["scan", "seeds/", "--cache"]).arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--cache"));
}
