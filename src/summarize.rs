//! `libya-news summarize FILE…`: JSONL scan outputs — one scan, or shards of a corpus scanned on
//! many machines, in any order — folded into the summary one `scan` of all their files prints.
//!
//! Article and error records go back through [`SummaryBuilder`], the scan's own code. The few
//! things that depend on order are made order-free: an actor's or place's names come from the
//! article with the smallest path (the first one a scan meets), and formats that list articles
//! (table, geojson) get them sorted by path. Summary records are not added up; they carry the
//! `rules_version`, which must be the same everywhere, and their counts check that every shard
//! is whole.
//!
//! A path seen twice with the same content (overlapping shards) counts once; with different
//! content or as both an article and an error it is an error: the inputs are not one scan.

use crate::report::schema::{Article, FileError, Summary};
use crate::report::{writer_for, Format, Header, SummaryBuilder};
use anyhow::{bail, Context};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::io::{self, BufRead, Write};

/// What a summarize run found: the summary and what a listing format needs.
#[derive(Debug)]
pub struct Merged {
    pub summary: Summary,
    /// Articles in path order, as much of them as table and geojson show (the only formats
    /// that list articles).
    pub articles: Vec<Listed>,
    pub errors: Vec<FileError>,
    /// Records skipped because the same path and content came in more than once.
    pub duplicates: u64,
}

/// What a listing format shows of one article: its path, id, size, title and what it counts. A
/// few hundred bytes where the article is tens of kilobytes, so a table of a million articles
/// fits in memory.
#[derive(Debug, Clone)]
pub struct Listed {
    pub path: String,
    pub id: String,
    pub chars: usize,
    pub title: Option<String>,
    pub actors: usize,
    pub place_ids: Vec<String>,
    pub dates: usize,
    pub events: usize,
}

impl Listed {
    fn of(a: &Article) -> Listed {
        Listed {
            path: a.path.clone(),
            id: a.id.clone(),
            chars: a.chars,
            title: a.title.clone(),
            actors: a.actors.len(),
            place_ids: a.places.iter().map(|p| p.id.clone()).collect(),
            dates: a.dates.len(),
            events: a.events.iter().filter(|e| !e.negated).count(),
        }
    }

    /// An article with these facts and placeholders elsewhere, for the listing writers (tests
    /// compare their output with scan's, byte for byte).
    fn to_article(&self) -> Article {
        use crate::report::schema::{Actor, Date, Event, Mention, Place, SentenceSpan};
        let mention = || Mention { text: String::new(), start: 0, end: 0 };
        let actor = Actor { id: String::new(), name: String::new(), name_ar: String::new(), actor_type: "", known: false, code: None, mentions: vec![] };
        let place = |id: &String| Place { id: id.clone(), name: String::new(), name_ar: String::new(), kind: "", country: None, lat: None, lon: None, mentions: vec![] };
        let date = Date { text: String::new(), start: 0, end: 0, date_type: "", value: String::new(), modifier: None, anchored: false };
        let event = Event {
            code: String::new(),
            root: String::new(),
            label: String::new(),
            plover: None,
            trigger: mention(),
            source: vec![],
            target: vec![],
            places: vec![],
            date: None,
            negated: false,
            sentence: SentenceSpan { start: 0, end: 0 },
            mentions: vec![],
        };
        Article {
            record_type: None,
            path: self.path.clone(),
            id: self.id.clone(),
            sha256: String::new(),
            encoding: "",
            chars: self.chars,
            title: self.title.clone(),
            published: None,
            actors: vec![actor; self.actors],
            places: self.place_ids.iter().map(place).collect(),
            dates: vec![date; self.dates],
            events: vec![event; self.events],
            warnings: vec![],
        }
    }
}

/// Accumulates records from any number of inputs.
pub struct Summarizer {
    builder: SummaryBuilder,
    keep_articles: bool,
    allow_mixed_rules: bool,
    articles: Vec<Listed>,
    errors: Vec<FileError>,
    /// Per path (hashed, to keep memory small), what was seen there: a content hash or an error.
    seen: HashMap<[u8; 16], Seen>,
    duplicates: u64,
    /// Per actor and place id, the path of the first article naming it and its attributes.
    first_actors: HashMap<String, (String, crate::report::schema::Actor)>,
    first_places: HashMap<String, (String, crate::report::schema::Place)>,
    /// Each rules_version and the first input line that carried it.
    rules: BTreeMap<String, String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Seen {
    Article([u8; 16]),
    Error,
}

fn hash16(s: &str) -> [u8; 16] {
    let digest = Sha256::digest(s.as_bytes());
    let mut out = [0; 16];
    out.copy_from_slice(&digest[..16]);
    out
}

/// Just the `"type"` of a line, to pick the struct to read it into.
#[derive(Deserialize)]
struct Peek<'a> {
    #[serde(rename = "type", borrow)]
    record_type: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct SummaryLine {
    articles: u64,
    errors: u64,
    rules_version: String,
}

/// Counts of the records read since the last summary line of one input.
#[derive(Default)]
struct Segment {
    articles: u64,
    errors: u64,
    first_line: usize,
}

impl Summarizer {
    /// `keep_articles`: hold a thin copy of each article for the formats that list them.
    pub fn new(keep_articles: bool, allow_mixed_rules: bool) -> Summarizer {
        Summarizer {
            builder: SummaryBuilder::default(),
            keep_articles,
            allow_mixed_rules,
            articles: Vec::new(),
            errors: Vec::new(),
            seen: HashMap::new(),
            duplicates: 0,
            first_actors: HashMap::new(),
            first_places: HashMap::new(),
            rules: BTreeMap::new(),
        }
    }

    /// Reads one JSONL scan output; `name` names it in messages.
    pub fn read(&mut self, name: &str, mut reader: impl BufRead) -> anyhow::Result<()> {
        let mut line = Vec::new();
        let mut number = 0;
        let mut segment = Segment { first_line: 1, ..Segment::default() };
        let mut any = false;
        loop {
            line.clear();
            if reader.read_until(b'\n', &mut line).with_context(|| format!("reading {name}"))? == 0 {
                break;
            }
            number += 1;
            let text = line.trim_ascii();
            if text.is_empty() {
                continue;
            }
            any = true;
            let at = || format!("{name} line {number}");
            let peek: Peek = serde_json::from_slice(text).map_err(|e| not_jsonl(name, number, text, e))?;
            match peek.record_type.as_deref() {
                Some("article") => {
                    let article: Article = serde_json::from_slice(text).with_context(|| format!("{}: not an article record", at()))?;
                    segment.articles += 1;
                    self.add_article(article, &at)?;
                }
                Some("error") => {
                    let error: FileError = serde_json::from_slice(text).with_context(|| format!("{}: not an error record", at()))?;
                    segment.errors += 1;
                    self.add_error(error, &at)?;
                }
                Some("summary") => {
                    let summary: SummaryLine = serde_json::from_slice(text).with_context(|| format!("{}: not a summary record", at()))?;
                    if (summary.articles, summary.errors) != (segment.articles, segment.errors) {
                        bail!(
                            "{}: the summary counts {} articles and {} errors, but lines {}..{} hold {} and {}: was this shard cut short or edited?",
                            at(), summary.articles, summary.errors, segment.first_line, number, segment.articles, segment.errors
                        );
                    }
                    self.add_rules_version(summary.rules_version, at())?;
                    segment = Segment { first_line: number + 1, ..Segment::default() };
                }
                _ => bail!("{}: not a libya-news record (\"type\" is not article, error or summary)", at()),
            }
        }
        if !any {
            bail!("{name} is empty: expected the output of `libya-news scan --format jsonl`");
        }
        if segment.articles + segment.errors > 0 {
            bail!("{name} ends without a summary line after line {}: the scan was cut short (every scan's JSONL ends with one)", segment.first_line);
        }
        Ok(())
    }

    fn add_rules_version(&mut self, version: String, at: String) -> anyhow::Result<()> {
        if !self.allow_mixed_rules {
            if let Some((other, other_at)) = self.rules.iter().find(|(v, _)| **v != version) {
                bail!(
                    "mixed rule tables: {other_at} has rules_version {other}, {at} has {version}. Scan every shard with the same \
libya-news and --rules, or pass --allow-mixed-rules"
                );
            }
        }
        self.rules.entry(version).or_insert(at);
        Ok(())
    }

    /// Records `path` as seen with `what`; false when it was seen the same way before.
    fn first_sighting(&mut self, path: &str, what: Seen, at: &dyn Fn() -> String) -> anyhow::Result<bool> {
        match self.seen.insert(hash16(path), what) {
            None => Ok(true),
            Some(before) if before == what => {
                self.duplicates += 1;
                Ok(false)
            }
            Some(_) => bail!("{}: {path} was seen before with other content: the inputs come from different scans", at()),
        }
    }

    fn add_article(&mut self, article: Article, at: &dyn Fn() -> String) -> anyhow::Result<()> {
        if !self.first_sighting(&article.path, Seen::Article(hash16(&article.sha256)), at)? {
            return Ok(());
        }
        self.builder.add_article(&article);
        for actor in &article.actors {
            keep_first(&mut self.first_actors, &actor.id, &article.path, || crate::report::schema::Actor { mentions: Vec::new(), ..actor.clone() });
        }
        for place in &article.places {
            keep_first(&mut self.first_places, &place.id, &article.path, || crate::report::schema::Place { mentions: Vec::new(), ..place.clone() });
        }
        if self.keep_articles {
            self.articles.push(Listed::of(&article));
        }
        Ok(())
    }

    fn add_error(&mut self, mut error: FileError, at: &dyn Fn() -> String) -> anyhow::Result<()> {
        if !self.first_sighting(&error.path, Seen::Error, at)? {
            return Ok(());
        }
        self.builder.add_error();
        if self.keep_articles {
            error.record_type = None;
            self.errors.push(error);
        }
        Ok(())
    }

    /// The summary, as one scan of every input's files would have it.
    pub fn finish(self) -> anyhow::Result<Merged> {
        if self.rules.is_empty() {
            bail!("no summary line in the inputs, so no rules_version: expected the output of `libya-news scan --format jsonl`");
        }
        // One version, or with --allow-mixed-rules all of them, sorted: deterministic either way.
        let rules_version = self.rules.keys().cloned().collect::<Vec<_>>().join("+");
        let mut summary = self.builder.finish(&rules_version);
        for a in &mut summary.actors {
            if let Some((_, first)) = self.first_actors.get(&a.id) {
                (a.name, a.name_ar, a.actor_type, a.known, a.code) = (first.name.clone(), first.name_ar.clone(), first.actor_type, first.known, first.code.clone());
            }
        }
        for p in &mut summary.places {
            if let Some((_, first)) = self.first_places.get(&p.id) {
                (p.name, p.name_ar, p.kind, p.country, p.lat, p.lon) = (first.name.clone(), first.name_ar.clone(), first.kind, first.country.clone(), first.lat, first.lon);
            }
        }
        let mut articles = self.articles;
        articles.sort_by(|a, b| a.path.as_bytes().cmp(b.path.as_bytes()));
        let mut errors = self.errors;
        errors.sort_by(|a, b| a.path.as_bytes().cmp(b.path.as_bytes()));
        Ok(Merged { summary, articles, errors, duplicates: self.duplicates })
    }
}

/// Keeps, per id, the entity as the article with the smallest path has it.
fn keep_first<T>(map: &mut HashMap<String, (String, T)>, id: &str, path: &str, entity: impl FnOnce() -> T) {
    match map.get_mut(id) {
        Some((first, _)) if first.as_bytes() <= path.as_bytes() => {}
        Some(slot) => *slot = (path.to_string(), entity()),
        None => {
            map.insert(id.to_string(), (path.to_string(), entity()));
        }
    }
}

fn not_jsonl(name: &str, number: usize, text: &[u8], e: serde_json::Error) -> anyhow::Error {
    if number == 1 && text.starts_with(b"{\"schema_version\"") {
        anyhow::anyhow!("{name} is a JSON document: summarize reads the JSONL stream (scan --format jsonl)")
    } else {
        anyhow::anyhow!("{name} line {number}: not a JSON record ({e}): expected the output of `libya-news scan --format jsonl`")
    }
}

/// Writes what `scan --format FORMAT` would print, without the articles for json and jsonl:
/// `json` is the summary object (scan's `.summary`), `jsonl` its `{"type":"summary",…}` line.
pub fn write(merged: &mut Merged, format: Format, out: &mut dyn Write) -> io::Result<()> {
    let mut writer = writer_for(format);
    match format {
        Format::Json => {
            merged.summary.record_type = None;
            // Keep the I/O error's kind, so a closed pipe stays a quiet BrokenPipe.
            serde_json::to_writer(&mut *out, &merged.summary).map_err(|e| e.io_error_kind().map_or_else(|| io::Error::other(e), io::Error::from))?;
            out.write_all(b"\n")?;
        }
        Format::Jsonl => {
            merged.summary.record_type = Some("summary");
            writer.finish(out, &merged.summary)?;
        }
        _ => {
            merged.summary.record_type = None;
            writer.begin(out, &Header { reference_date: None })?;
            for a in &merged.articles {
                writer.article(out, &a.to_article())?;
            }
            for e in &merged.errors {
                writer.error(out, e)?;
            }
            writer.finish(out, &merged.summary)?;
        }
    }
    out.flush()
}

/// Whether `format` lists articles, so the summarizer must keep them.
pub fn lists_articles(format: Format) -> bool {
    !matches!(format, Format::Json | Format::Jsonl | Format::Dot)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(kind: &str, path: &str, sha: &str) -> String {
        match kind {
            "article" => format!(
                r#"{{"type":"article","path":"{path}","id":"x","sha256":"{sha}","encoding":"utf-8","chars":3,"title":null,"published":null,"actors":[{{"id":"new:a","name":"{sha}","name_ar":"{sha}","type":"person","known":false,"code":null,"mentions":[{{"text":"a","start":0,"end":1}}]}}],"places":[],"dates":[],"events":[],"warnings":[]}}"#
            ),
            _ => format!(r#"{{"type":"error","path":"{path}","kind":"decode","message":"m"}}"#),
        }
    }

    fn summary(articles: u64, errors: u64, rules: &str) -> String {
        format!(r#"{{"type":"summary","articles":{articles},"errors":{errors},"actors":[],"places":[],"events":{{}},"dates":{{}},"rules_version":"{rules}"}}"#)
    }

    fn run(inputs: &[String], mixed: bool) -> anyhow::Result<Merged> {
        let mut s = Summarizer::new(true, mixed);
        for (i, text) in inputs.iter().enumerate() {
            s.read(&format!("in{i}"), text.as_bytes())?;
        }
        s.finish()
    }

    #[test]
    fn names_come_from_the_smallest_path_whatever_the_order() {
        let a = format!("{}\n{}\n", line("article", "b.txt", "bb"), summary(1, 0, "r"));
        let b = format!("{}\n{}\n", line("article", "a.txt", "aa"), summary(1, 0, "r"));
        for order in [[a.clone(), b.clone()], [b, a]] {
            let m = run(&order, false).unwrap();
            assert_eq!(m.summary.actors[0].name, "aa");
            assert_eq!(m.summary.actors[0].articles, 2);
            assert_eq!(m.articles.iter().map(|a| a.path.as_str()).collect::<Vec<_>>(), ["a.txt", "b.txt"]);
        }
    }

    #[test]
    fn the_same_record_twice_counts_once_and_different_content_is_refused() {
        let a = format!("{}\n{}\n{}\n", line("article", "a.txt", "aa"), line("error", "e.txt", ""), summary(1, 1, "r"));
        let m = run(&[a.clone(), a.clone()], false).unwrap();
        assert_eq!((m.summary.articles, m.summary.errors, m.duplicates), (1, 1, 2));
        let changed = format!("{}\n{}\n", line("article", "a.txt", "ab"), summary(1, 0, "r"));
        assert!(run(&[a.clone(), changed], false).unwrap_err().to_string().contains("a.txt was seen before"));
        let now_error = format!("{}\n{}\n", line("error", "a.txt", ""), summary(0, 1, "r"));
        assert!(run(&[a, now_error], false).is_err());
    }

    #[test]
    fn mixed_rules_are_refused_unless_allowed() {
        let a = format!("{}\n{}\n", line("article", "a.txt", "aa"), summary(1, 0, "r1"));
        let b = format!("{}\n{}\n", line("article", "b.txt", "bb"), summary(1, 0, "r2"));
        let err = run(&[a.clone(), b.clone()], false).unwrap_err().to_string();
        assert!(err.contains("mixed rule tables") && err.contains("r1") && err.contains("r2"), "{err}");
        assert_eq!(run(&[b, a], true).unwrap().summary.rules_version, "r1+r2");
    }

    #[test]
    fn cut_or_foreign_inputs_are_refused() {
        let whole = format!("{}\n{}\n", line("article", "a.txt", "aa"), summary(1, 0, "r"));
        let cut = format!("{}\n", line("article", "a.txt", "aa"));
        let miscounted = format!("{}\n{}\n", line("article", "a.txt", "aa"), summary(2, 0, "r"));
        for bad in [cut, miscounted, String::new(), "{\"schema_version\":1,\"articles\":[\n".into(), "not json\n".into(), "{\"type\":\"x\"}\n".into(), "[1]\n".into()] {
            assert!(run(&[whole.clone(), bad.clone()], false).is_err(), "{bad:?}");
        }
        // Two scans concatenated on stdin are two whole segments.
        assert_eq!(run(&[format!("{whole}{}\n{}\n", line("article", "b.txt", "bb"), summary(1, 0, "r"))], false).unwrap().summary.articles, 2);
    }
}
