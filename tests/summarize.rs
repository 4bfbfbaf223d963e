//! `summarize`: shards scanned apart fold into the summary one scan of everything prints.
//! The corpus is built here from the seed paragraphs (a deterministic mix, like the benchmark's
//! make_corpus.py), with a sidecar date and an unreadable file so error records travel too.

use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};

fn bin() -> Command {
    Command::cargo_bin("libya-news").unwrap()
}

/// A small deterministic generator (no rand dependency for one test).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

/// `n` articles of seed paragraphs in 4 folders, one with a sidecar, plus one binary file.
fn corpus(root: &Path, n: usize) -> Vec<PathBuf> {
    let mut paras = Vec::new();
    let mut titles = Vec::new();
    let mut seeds: Vec<_> = fs::read_dir("seeds").unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
    seeds.sort();
    for seed in seeds {
        let text = fs::read_to_string(seed).unwrap();
        let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
        titles.push(lines.next().unwrap().to_string());
        paras.extend(lines.filter(|l| l.chars().count() > 40).map(str::to_string));
    }
    let mut rng = Lcg(7);
    let mut files = Vec::new();
    for i in 0..n {
        let body: Vec<&str> = (0..2 + rng.next(5)).map(|_| paras[rng.next(paras.len())].as_str()).collect();
        let dir = root.join(format!("d{}", i % 4));
        fs::create_dir_all(&dir).unwrap();
        let file = dir.join(format!("{i:03}.txt"));
        fs::write(&file, format!("{}\n\n{}\n", titles[rng.next(titles.len())], body.join("\n\n"))).unwrap();
        files.push(file);
    }
    fs::write(root.join("d1/005.json"), r#"{"published": "2020-02-21"}"#).unwrap();
    let bad = root.join("d2/zz_binary.txt");
    fs::write(&bad, b"\x00\x01\x02 not text").unwrap();
    files.push(bad);
    files.sort();
    files
}

fn scan_jsonl(args: &[&str]) -> Vec<u8> {
    bin().arg("scan").args(args).args(["--format", "jsonl", "--quiet"]).output().unwrap().stdout
}

fn last_line(bytes: &[u8]) -> &[u8] {
    let trimmed = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    let start = trimmed.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    &bytes[start..]
}

/// Scans the corpus whole and as three shards; returns the whole output and the shard files.
fn whole_and_shards(root: &Path, files: &[PathBuf]) -> (Vec<u8>, Vec<PathBuf>) {
    let whole = scan_jsonl(&[root.to_str().unwrap()]);
    let mut shards = Vec::new();
    for k in 0..3 {
        // Round-robin, so every shard spans all folders and the path order interleaves.
        let list: Vec<String> = files.iter().skip(k).step_by(3).map(|p| p.display().to_string()).collect();
        let list_file = root.join(format!("shard{k}.list"));
        fs::write(&list_file, list.join("\n") + "\n").unwrap();
        let out = root.join(format!("shard{k}.jsonl"));
        fs::write(&out, scan_jsonl(&["--files-from", list_file.to_str().unwrap()])).unwrap();
        shards.push(out);
    }
    (whole, shards)
}

fn summarize(inputs: &[&Path], args: &[&str]) -> std::process::Output {
    bin().arg("summarize").args(inputs).args(args).output().unwrap()
}

#[test]
fn shards_in_any_order_give_the_summary_of_one_scan_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    let files = corpus(&root, 60);
    let (whole, shards) = whole_and_shards(&root, &files);
    assert!(String::from_utf8_lossy(&whole).contains(r#""type":"error""#), "the corpus has an unreadable file");
    let shuffled = [shards[2].as_path(), shards[0].as_path(), shards[1].as_path()];
    let out = summarize(&shuffled, &["--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(2), "an error record makes the exit status 2, like scan");
    assert_eq!(String::from_utf8(out.stdout).unwrap(), String::from_utf8(last_line(&whole).to_vec()).unwrap());

    // json: exactly scan's .summary; table, geojson and dot: exactly scan's.
    let doc = String::from_utf8(bin().args(["scan", root.to_str().unwrap(), "--format", "json", "--quiet"]).output().unwrap().stdout).unwrap();
    let summary_field = &doc[doc.rfind(",\"summary\":").unwrap() + 11..doc.len() - 2];
    let json = String::from_utf8(summarize(&shuffled, &["--format", "json"]).stdout).unwrap();
    assert_eq!(json, format!("{summary_field}\n"));
    for format in ["table", "geojson", "dot"] {
        let scanned = bin().args(["scan", root.to_str().unwrap(), "--format", format, "--quiet"]).output().unwrap().stdout;
        let summarized = summarize(&shuffled, &["--format", format]).stdout;
        assert_eq!(String::from_utf8(summarized).unwrap(), String::from_utf8(scanned).unwrap(), "{format}");
    }

    // All shards concatenated on stdin are the same thing.
    let all: Vec<u8> = shuffled.iter().flat_map(|p| fs::read(p).unwrap()).collect();
    let piped = bin().args(["summarize", "-", "--format", "jsonl"]).write_stdin(all).output().unwrap();
    assert_eq!(piped.stdout, last_line(&whole));
}

#[test]
fn overlapping_shards_count_each_file_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    let files = corpus(&root, 12);
    let (whole, shards) = whole_and_shards(&root, &files);
    let out = summarize(&[&shards[0], &shards[1], &shards[2], &shards[1]], &["--format", "jsonl"]);
    assert_eq!(out.stdout, last_line(&whole));
    assert!(String::from_utf8_lossy(&out.stderr).contains("counted once"));
}

#[test]
fn mixed_rule_tables_are_refused_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    let files = corpus(&root, 6);
    let rules = dir.path().join("rules");
    fs::create_dir_all(&rules).unwrap();
    fs::write(rules.join("extra.toml"), "[[actor]]\nid = \"zz_test_person\"\ntype = \"person\"\nname = \"Test Person\"\nname_ar = \"زكريا الاختباري\"\n").unwrap();
    let a = dir.path().join("a.jsonl");
    let b = dir.path().join("b.jsonl");
    fs::write(&a, scan_jsonl(&[files[0].to_str().unwrap()])).unwrap();
    fs::write(&b, scan_jsonl(&[files[1].to_str().unwrap(), "--rules", rules.to_str().unwrap()])).unwrap();
    let out = summarize(&[&a, &b], &["--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("mixed rule tables") && err.contains("--allow-mixed-rules"), "{err}");
    let allowed = summarize(&[&a, &b], &["--format", "json", "--allow-mixed-rules"]);
    assert_eq!(allowed.status.code(), Some(0));
    let summary: serde_json::Value = serde_json::from_slice(&allowed.stdout).unwrap();
    assert_eq!(summary["articles"], 2);
    assert!(summary["rules_version"].as_str().unwrap().contains('+'));
}

#[test]
fn a_cut_shard_or_a_json_document_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let full = scan_jsonl(&["seeds/"]);
    let cut = dir.path().join("cut.jsonl");
    fs::write(&cut, &full[..full.len() - last_line(&full).len()]).unwrap();
    let out = summarize(&[&cut], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cut short"));
    let doc = dir.path().join("doc.json");
    fs::write(&doc, bin().args(["scan", "seeds/", "--format", "json"]).output().unwrap().stdout).unwrap();
    let out = summarize(&[&doc], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("JSON document"));
}
