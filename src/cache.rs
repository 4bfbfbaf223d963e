//! `scan --cache DIR`: each analyzed article is kept in DIR, keyed by everything that shapes it,
//! so a re-scan analyzes only the files that are new or changed.
//!
//! The key is a sha256 over the tool version, the schema version, the rule tables' version, the
//! file's content sha256, the sidecar publication date as the analysis sees it and
//! `--reference-date`. Path and id belong to a walk, not to the content: they are stored empty
//! and put back on load, so a moved or copied file is still a hit.
//!
//! An entry is never trusted: its header repeats the key and a sha256 of the payload, and
//! anything that does not check out (truncated, edited, another version's, another key's) is a
//! miss, analyzed again and rewritten. Entries are written to a temporary name and renamed, so a
//! reader never sees half an entry, even with several scans sharing DIR.

use crate::report::schema::{Article, SCHEMA_VERSION, TOOL};
use anyhow::Context;
use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// First line of every entry: bumped when the entry layout changes.
const MAGIC: &str = "libya-news cache v1";

/// A cache folder, and how many lookups hit or missed in this run.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
    stats: Arc<Stats>,
}

#[derive(Debug, Default)]
struct Stats {
    reused: AtomicU64,
    analyzed: AtomicU64,
}

/// The hex sha256 naming one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key(String);

/// What shapes an article besides the engine: its bytes and its dates.
pub struct Inputs<'a> {
    pub content_sha256: &'a str,
    pub rules_version: &'a str,
    pub metadata: Option<NaiveDate>,
    pub reference: Option<NaiveDate>,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl Key {
    pub fn new(inputs: &Inputs) -> Key {
        let date = |d: Option<NaiveDate>| d.map_or_else(|| "-".to_string(), |d| d.format("%Y-%m-%d").to_string());
        let mut h = Sha256::new();
        // NUL-separated, so no two different inputs hash the same text.
        for part in [MAGIC, TOOL.version, &SCHEMA_VERSION.to_string(), inputs.rules_version, inputs.content_sha256, &date(inputs.metadata), &date(inputs.reference)] {
            h.update(part.as_bytes());
            h.update([0]);
        }
        Key(hex(&h.finalize()))
    }
}

impl Cache {
    /// Opens (creating) DIR and checks that entries can be written there.
    pub fn open(dir: &Path) -> anyhow::Result<Cache> {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create --cache folder {}", dir.display()))?;
        let probe = dir.join(format!(".probe.{}", std::process::id()));
        std::fs::write(&probe, b"").with_context(|| format!("cannot write in --cache folder {}", dir.display()))?;
        let _ = std::fs::remove_file(&probe);
        Ok(Cache { dir: dir.to_path_buf(), stats: Arc::default() })
    }

    fn entry_path(&self, key: &Key) -> PathBuf {
        self.dir.join(&key.0[..2]).join(&key.0)
    }

    /// The stored article for `key`, with its walk's `path` and `id`, when a valid entry exists.
    pub fn load(&self, key: &Key, path: &str, id: &str) -> Option<Article> {
        let article = std::fs::read(self.entry_path(key)).ok().and_then(|bytes| parse_entry(&bytes, key));
        let counter = if article.is_some() { &self.stats.reused } else { &self.stats.analyzed };
        counter.fetch_add(1, Ordering::Relaxed);
        article.map(|mut a| {
            a.path = path.to_string();
            a.id = id.to_string();
            a
        })
    }

    /// Stores `article` under `key`, best effort: a failed write only costs a later re-analysis.
    pub fn store(&self, key: &Key, article: &mut Article) {
        let (path, id, record_type) = (std::mem::take(&mut article.path), std::mem::take(&mut article.id), article.record_type.take());
        let payload = serde_json::to_vec(article);
        (article.path, article.id, article.record_type) = (path, id, record_type);
        if let Ok(payload) = payload {
            let _ = self.write_entry(key, &payload);
        }
    }

    fn write_entry(&self, key: &Key, payload: &[u8]) -> std::io::Result<()> {
        static TEMP: AtomicU64 = AtomicU64::new(0);
        let target = self.entry_path(key);
        let folder = target.parent().unwrap_or(&self.dir);
        let temp = folder.join(format!(".tmp.{}.{}", std::process::id(), TEMP.fetch_add(1, Ordering::Relaxed)));
        // One write: header and payload in a single buffer.
        let mut entry = format!("{MAGIC}\n{}\n{}\n", key.0, hex(&Sha256::digest(payload))).into_bytes();
        entry.extend_from_slice(payload);
        // The 256 sub-folders exist after the first few writes: create one only when missing.
        let file = std::fs::File::create(&temp).or_else(|e| match e.kind() {
            std::io::ErrorKind::NotFound => std::fs::create_dir_all(folder).and_then(|()| std::fs::File::create(&temp)),
            _ => Err(e),
        });
        let written = file.and_then(|mut f| f.write_all(&entry));
        match written.and_then(|()| std::fs::rename(&temp, &target)) {
            Ok(()) => Ok(()),
            Err(e) => {
                let _ = std::fs::remove_file(&temp);
                Err(e)
            }
        }
    }

    /// Entries reused and files analyzed so far in this run.
    pub fn counts(&self) -> (u64, u64) {
        (self.stats.reused.load(Ordering::Relaxed), self.stats.analyzed.load(Ordering::Relaxed))
    }
}

/// The article in an entry, when its header names `key` and its payload checksum holds.
fn parse_entry(bytes: &[u8], key: &Key) -> Option<Article> {
    let mut parts = bytes.splitn(4, |&b| b == b'\n');
    let (magic, stored_key, checksum, payload) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if magic != MAGIC.as_bytes() || stored_key != key.0.as_bytes() || checksum != hex(&Sha256::digest(payload)).as_bytes() {
        return None;
    }
    serde_json::from_slice(payload).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Sidecar, WalkEntry, WalkOptions};
    use crate::rules::Engine;
    use crate::scan::{process, Record, ScanConfig};

    fn seed_article(engine: &Engine) -> Article {
        let entry = WalkEntry::File(PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/001_1231ecc439629b3a.txt")), Sidecar::Maybe);
        let config = ScanConfig { paths: vec![], walk: WalkOptions::default(), max_size: 1 << 20, reference_date: None, threads: 1, cache: None };
        match process(&entry, engine, &config) {
            Record::Article(a) => *a,
            Record::Error(e) => panic!("{}", e.message),
        }
    }

    fn inputs<'a>(sha: &'a str, rules: &'a str) -> Inputs<'a> {
        Inputs { content_sha256: sha, rules_version: rules, metadata: None, reference: None }
    }

    #[test]
    fn an_entry_reads_back_into_the_same_bytes() {
        let engine = Engine::load(&[]).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path()).unwrap();
        let mut article = seed_article(&engine);
        let before = serde_json::to_string(&article).unwrap();
        let key = Key::new(&inputs(&article.sha256, &engine.version));
        cache.store(&key, &mut article);
        assert_eq!(serde_json::to_string(&article).unwrap(), before, "store leaves the article as it was");
        let loaded = cache.load(&key, &article.path, &article.id).expect("a hit");
        assert_eq!(serde_json::to_string(&loaded).unwrap(), before);
        assert_eq!(cache.counts(), (1, 0));
    }

    #[test]
    fn every_input_changes_the_key() {
        let base = Key::new(&inputs("abc", "r1"));
        let day = NaiveDate::from_ymd_opt(2020, 2, 21);
        assert_ne!(base, Key::new(&inputs("abd", "r1")));
        assert_ne!(base, Key::new(&inputs("abc", "r2")));
        assert_ne!(base, Key::new(&Inputs { metadata: day, ..inputs("abc", "r1") }));
        assert_ne!(base, Key::new(&Inputs { reference: day, ..inputs("abc", "r1") }));
        assert_ne!(Key::new(&Inputs { metadata: day, ..inputs("abc", "r1") }), Key::new(&Inputs { reference: day, ..inputs("abc", "r1") }));
    }

    #[test]
    fn bad_entries_are_misses() {
        let engine = Engine::load(&[]).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path()).unwrap();
        let mut article = seed_article(&engine);
        let key = Key::new(&inputs(&article.sha256, &engine.version));
        cache.store(&key, &mut article);
        let path = cache.entry_path(&key);
        let good = std::fs::read(&path).unwrap();
        let other = Key::new(&inputs("other", &engine.version));
        let mut flipped = good.clone();
        *flipped.last_mut().unwrap() ^= 1;
        let foreign = String::from_utf8(good.clone()).unwrap().replacen(&key.0, &other.0, 1).into_bytes();
        for bad in [&good[..good.len() / 2], &flipped[..], &foreign[..], b"", b"\n\n\n{}"] {
            assert!(parse_entry(bad, &key).is_none());
        }
        assert!(parse_entry(&good, &key).is_some());
        assert!(parse_entry(&good, &other).is_none(), "an entry stored under another key is not trusted");
    }
}
