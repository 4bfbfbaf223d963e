//! The scan pipeline: walk → read → decode → analyze → report, in bounded chunks processed in
//! parallel and written in path order, so output is identical for any thread count and memory
//! does not grow with the corpus.

use crate::corpus::{self, display_path, Sidecar, WalkEntry, WalkOptions};
use crate::extract::{self, DateContext};
use crate::report::{self, schema, FileFacts, SummaryBuilder, Writer};
use crate::rules::Engine;
use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::path::PathBuf;

mod ordered;

/// Files a worker analyzes in one go: enough that handing out batches costs nothing, few
/// enough that batches in flight bound memory.
const BATCH: usize = 16;

/// What to scan and how. Built by the CLI; the library never sees clap types.
#[derive(Debug, Clone)]
pub struct ScanConfig {
    pub paths: Vec<PathBuf>,
    pub walk: WalkOptions,
    pub max_size: u64,
    pub reference_date: Option<NaiveDate>,
    pub threads: usize,
    /// `--cache DIR`: reuse the analyses of files seen before.
    pub cache: Option<crate::cache::Cache>,
}

/// How a scan went: the exit status follows from it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScanOutcome {
    pub articles: u64,
    pub errors: u64,
}

/// One file's result.
pub enum Record {
    Article(Box<schema::Article>),
    Error(schema::FileError),
}

fn file_error(path: &str, kind: &'static str, message: String) -> Record {
    Record::Error(schema::FileError { record_type: None, path: path.to_string(), kind, message })
}

/// Reads and analyzes one file.
pub fn process(entry: &WalkEntry, engine: &Engine, config: &ScanConfig) -> Record {
    let path = entry.path();
    let shown = display_path(path);
    let (file, sidecar) = match entry {
        WalkEntry::Failed { message, .. } => return file_error(&shown, "io", message.clone()),
        WalkEntry::File(p, sidecar) => (p, *sidecar),
    };
    let mut handle = match std::fs::File::open(file) {
        Ok(h) => h,
        Err(e) => return file_error(&shown, "io", e.to_string()),
    };
    let size = match handle.metadata() {
        Ok(m) if m.is_dir() => return file_error(&shown, "io", "is a directory".into()),
        Ok(m) if m.len() > config.max_size => {
            return file_error(&shown, "too_large", format!("{} bytes is over the --max-size limit of {} bytes", m.len(), config.max_size))
        }
        Err(e) => return file_error(&shown, "io", e.to_string()),
        Ok(m) => m.len(),
    };
    // Sized from stat (at most --max-size): one read fills it, one more sees the end.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    // Read at most one byte past the limit: a file that grew since stat is still refused.
    if let Err(e) = (&mut handle).take(config.max_size + 1).read_to_end(&mut bytes) {
        return file_error(&shown, "io", e.to_string());
    }
    if bytes.len() as u64 > config.max_size {
        return file_error(&shown, "too_large", format!("over the --max-size limit of {} bytes", config.max_size));
    }
    if bytes.is_empty() {
        return file_error(&shown, "decode", "empty file: no text to read".into());
    }
    let sha256 = format!("{:x}", Sha256::digest(&bytes));
    let metadata = match sidecar {
        Sidecar::Maybe => corpus::sidecar_published(file),
        Sidecar::Absent => None,
    };
    let context = DateContext { metadata, reference: config.reference_date };
    // Same bytes, rules and dates give the same article: a cache hit skips decode and analysis.
    let cached = config.cache.as_ref().map(|cache| {
        let inputs = crate::cache::Inputs { content_sha256: &sha256, rules_version: &engine.version, metadata: context.metadata, reference: context.reference };
        (cache, crate::cache::Key::new(&inputs))
    });
    if let Some(article) = cached.as_ref().and_then(|(cache, key)| cache.load(key, &shown, &corpus::article_id(file))) {
        return Record::Article(Box::new(article));
    }
    let decoded = match corpus::decode_owned(bytes) {
        Ok(d) => d,
        Err(e) => return file_error(&shown, "decode", e.0),
    };
    let analysis = extract::analyze(&decoded.text, engine, context);
    let facts = FileFacts {
        path: shown,
        id: corpus::article_id(file),
        sha256,
        encoding: decoded.encoding,
        chars: decoded.text.chars().count(),
        analysis,
    };
    let mut article = report::to_article(facts, engine);
    if let Some((cache, key)) = &cached {
        cache.store(key, &mut article);
    }
    Record::Article(Box::new(article))
}

/// [`process`], with a bug in an extractor reported as this file's error instead of ending
/// the whole run: every walked file still appears in the output.
pub fn process_guarded(entry: &WalkEntry, engine: &Engine, config: &ScanConfig) -> Record {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| process(entry, engine, config))).unwrap_or_else(|panic| {
        let why = panic.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| panic.downcast_ref::<String>().cloned()).unwrap_or_default();
        file_error(&display_path(entry.path()), "other", format!("internal error, please report it: {why}"))
    })
}

/// Watches a scan as it goes (progress bar, `--baseline` diff, `check`): told how many entries
/// there are, then every record in path order, right after the writer has written it.
pub trait Observer {
    fn start(&mut self, _entries: usize) {}
    /// Whether [`Observer::article`] reads the articles. When no observer does and the writer
    /// prints article JSON, each article is freed on the thread that analyzed it, and
    /// observers hear only [`Observer::written`] of it.
    fn reads_articles(&self) -> bool {
        true
    }
    fn article(&mut self, _entry: &WalkEntry, _article: &schema::Article) {}
    fn error(&mut self, _entry: &WalkEntry, _error: &schema::FileError) {}
    /// Any record, article or error, after the writer has written it (and after
    /// [`Observer::article`] or [`Observer::error`]).
    fn written(&mut self, _entry: &WalkEntry) {}
    fn finish(&mut self) {}
}

/// An observer that watches nothing.
pub struct NoObserver;
impl Observer for NoObserver {
    fn reads_articles(&self) -> bool {
        false
    }
}

/// Scans `entries` and writes every record with `writer`. Diagnostics for failed files go to
/// `diagnostics` (stderr in the CLI), one line each.
pub fn scan_entries(
    entries: &[WalkEntry],
    engine: &Engine,
    config: &ScanConfig,
    writer: &mut dyn Writer,
    out: &mut dyn Write,
    diagnostics: &mut dyn Write,
) -> anyhow::Result<ScanOutcome> {
    scan_entries_observed(entries, engine, config, writer, out, diagnostics, &mut NoObserver)
}

/// [`scan_entries`], telling `observer` about every record.
pub fn scan_entries_observed(
    entries: &[WalkEntry],
    engine: &Engine,
    config: &ScanConfig,
    writer: &mut dyn Writer,
    out: &mut dyn Write,
    diagnostics: &mut dyn Write,
    observer: &mut dyn Observer,
) -> anyhow::Result<ScanOutcome> {
    observer.start(entries.len());
    let header = report::writers_header(config.reference_date);
    writer.begin(out, &header)?;
    let mut summary = SummaryBuilder::default();
    let mut outcome = ScanOutcome::default();
    let record_types = writer.wants_record_types();
    let json_articles = writer.writes_article_json();
    // Articles go to the writing thread only if something there reads them; else they are
    // freed where they were allocated, which keeps the allocator's frees thread-local.
    let keep_articles = !json_articles || observer.reads_articles();
    let buffers = BufferPool::default();
    // Workers summarize and serialize each article too, so the writing thread only copies bytes.
    let analyze = |e: &WalkEntry, summary: &mut SummaryBuilder| -> Analyzed {
        match process_guarded(e, engine, config) {
            Record::Article(mut a) => {
                summary.add_article(&a);
                a.record_type = writer_record_type(record_types, "article");
                let json = json_articles.then(|| {
                    let mut buf = buffers.take();
                    report::serialize_article_into(&mut buf, &a).map(|()| buf)
                });
                // (The writer needs one of them: it prints the JSON, or reads the article.)
                let kept = (json.is_none() || keep_articles).then_some(a);
                Analyzed::Article { kept, json }
            }
            Record::Error(mut e) => {
                summary.add_error();
                e.record_type = writer_record_type(record_types, "error");
                Analyzed::Error(e)
            }
        }
    };
    let mut write_batch = |batch: &[WalkEntry], records: Vec<Analyzed>| -> anyhow::Result<()> {
        for (entry, record) in batch.iter().zip(records) {
            match record {
                Analyzed::Article { kept, json } => {
                    outcome.articles += 1;
                    match (json, &kept) {
                        (Some(json), _) => {
                            let json = json?;
                            writer.article_json(out, &json)?;
                            buffers.put(json);
                        }
                        (None, Some(a)) => writer.article(out, a)?,
                        (None, None) => unreachable!("an article is kept unless it is printed as JSON"),
                    }
                    if let Some(a) = &kept {
                        observer.article(entry, a);
                    }
                }
                Analyzed::Error(e) => {
                    outcome.errors += 1;
                    let _ = writeln!(diagnostics, "libya-news: {}: {} ({})", e.path, e.message, e.kind);
                    writer.error(out, &e)?;
                    observer.error(entry, &e);
                }
            }
            observer.written(entry);
        }
        Ok(())
    };
    if config.threads <= 1 {
        // One file at a time on this thread: each article's memory is free again (and reused,
        // not given back and faulted in afresh) before the next is read.
        for entry in entries {
            let record = analyze(entry, &mut summary);
            write_batch(std::slice::from_ref(entry), vec![record])?;
        }
    } else {
        let analyze_batch = |batch: &[WalkEntry]| {
            let mut part = SummaryBuilder::default();
            let records = batch.iter().map(|e| analyze(e, &mut part)).collect();
            (records, part)
        };
        // Batches are summarized apart and merged in path order: the summary is the same as
        // one built article by article.
        ordered::for_each_batch(entries, BATCH, config.threads, analyze_batch, |batch, (records, part)| {
            summary.merge(part);
            write_batch(batch, records)
        })?;
    }
    let mut summary = summary.finish(&engine.version);
    summary.record_type = writer_record_type(record_types, "summary");
    observer.finish();
    writer.finish(out, &summary)?;
    out.flush()?;
    Ok(outcome)
}

/// Article JSON buffers the writer is done with, for the workers to fill again: a batch's
/// buffers keep their capacity instead of being freed (across threads) and their pages faulted
/// in afresh for the next batch.
#[derive(Default)]
struct BufferPool(std::sync::Mutex<Vec<Vec<u8>>>);

impl BufferPool {
    /// At most this many buffers wait (the batches in flight hold the rest) ...
    const MAX_BUFFERS: usize = 256;
    /// ... and none larger than this is kept: one huge article should not pin its memory.
    const MAX_CAPACITY: usize = 1 << 20;

    fn take(&self) -> Vec<u8> {
        self.0.lock().ok().and_then(|mut free| free.pop()).unwrap_or_default()
    }

    fn put(&self, buf: Vec<u8>) {
        if buf.capacity() <= Self::MAX_CAPACITY {
            if let Ok(mut free) = self.0.lock() {
                if free.len() < Self::MAX_BUFFERS {
                    free.push(buf);
                }
            }
        }
    }
}

/// One file's result on its way to the writer.
enum Analyzed {
    /// An article, already summarized: kept for a writer that reads articles or an observer,
    /// with its JSON for a writer that prints that (at least one of the two).
    Article { kept: Option<Box<schema::Article>>, json: Option<std::io::Result<Vec<u8>>> },
    Error(schema::FileError),
}

fn writer_record_type(wanted: bool, name: &'static str) -> Option<&'static str> {
    wanted.then_some(name)
}

/// Loads the rules from `rule_dirs` and walks `config.paths`, both at once: a large corpus has
/// tens of thousands of directory entries to read while the rule tables compile. Each result
/// comes back as it is, so the caller decides which failure to report first.
pub fn load_and_walk(rule_dirs: &[PathBuf], config: &ScanConfig) -> (anyhow::Result<Engine>, Result<Vec<WalkEntry>, String>) {
    std::thread::scope(|scope| {
        let walk = scope.spawn(|| corpus::walk(&config.paths, &config.walk));
        let engine = Engine::load(rule_dirs);
        (engine, walk.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    })
}

/// Walks `config.paths` and scans what it finds.
pub fn scan(
    engine: &Engine,
    config: &ScanConfig,
    writer: &mut dyn Writer,
    out: &mut dyn Write,
    diagnostics: &mut dyn Write,
) -> anyhow::Result<ScanOutcome> {
    let entries = corpus::walk(&config.paths, &config.walk).map_err(anyhow::Error::msg)?;
    scan_entries(&entries, engine, config, writer, out, diagnostics)
}
