//! `libya-news diff OLD NEW` and `scan --baseline OLD`: what did this drop bring?
//!
//! Both sides are reduced to a [`Digest`]: per article its path, sha256 and title; per actor and
//! place the number of articles and mentions; per event root the number of (non-negated)
//! events — the same counts as the scan's summary. Scan outputs are read as a stream (JSON
//! document or JSONL, detected from the first line), so memory grows with the number of
//! articles and distinct entities, never with the size of the file.
//!
//! Articles are matched by path as walked: scan both sides from the same working directory
//! (`scan drops/` in each checkout). An article whose bytes moved to a new path is reported as
//! `moved`, not as removed + added.

use crate::corpus::WalkEntry;
use crate::report::schema;
use crate::scan::Observer;
use anyhow::Context;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::{self, BufRead, Read, Write};
use std::path::Path;

/// Version of the diff report's JSON shape (fields may be added, never renamed or removed).
pub const DIFF_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleKey {
    pub sha256: String,
    pub title: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntityCount {
    pub name: String,
    pub name_ar: String,
    pub articles: u64,
    pub mentions: u64,
}

/// One scan, reduced to what a diff compares.
#[derive(Debug, Clone, Default)]
pub struct Digest {
    pub articles: BTreeMap<String, ArticleKey>,
    pub errors: BTreeMap<String, (String, String)>,
    pub actors: BTreeMap<String, EntityCount>,
    pub places: BTreeMap<String, EntityCount>,
    pub event_roots: BTreeMap<String, u64>,
}

fn count_entity(map: &mut BTreeMap<String, EntityCount>, id: &str, name: &str, name_ar: &str, mentions: usize) {
    let e = map.entry(id.to_string()).or_insert_with(|| EntityCount { name: name.to_string(), name_ar: name_ar.to_string(), ..Default::default() });
    e.articles += 1;
    e.mentions += mentions as u64;
}

impl Digest {
    /// Adds one article of a scan in progress.
    pub fn add_article(&mut self, a: &schema::Article) {
        self.articles.insert(a.path.clone(), ArticleKey { sha256: a.sha256.clone(), title: a.title.clone() });
        for x in &a.actors {
            count_entity(&mut self.actors, &x.id, &x.name, &x.name_ar, x.mentions.len());
        }
        for x in &a.places {
            count_entity(&mut self.places, &x.id, &x.name, &x.name_ar, x.mentions.len());
        }
        for e in a.events.iter().filter(|e| !e.negated) {
            *self.event_roots.entry(e.root.clone()).or_default() += 1;
        }
    }

    pub fn add_error(&mut self, e: &schema::FileError) {
        self.errors.insert(e.path.clone(), (e.kind.to_string(), e.message.clone()));
    }

    fn add_input(&mut self, a: InArticle) {
        for x in &a.actors {
            count_entity(&mut self.actors, &x.id, &x.name, &x.name_ar, x.mentions.len());
        }
        for x in &a.places {
            count_entity(&mut self.places, &x.id, &x.name, &x.name_ar, x.mentions.len());
        }
        for e in a.events.iter().filter(|e| !e.negated) {
            *self.event_roots.entry(e.root.clone()).or_default() += 1;
        }
        self.articles.insert(a.path, ArticleKey { sha256: a.sha256, title: a.title });
    }

    /// Reads a scan output: the JSON document or the JSONL stream. `-` is stdin.
    pub fn read(path: &Path) -> anyhow::Result<Digest> {
        let shown = path.display();
        if path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            io::stdin().lock().read_to_end(&mut bytes).context("reading a scan from stdin")?;
            return Digest::from_reader(io::Cursor::new(bytes)).context("stdin is not a libya-news scan output (json or jsonl)");
        }
        let file = std::fs::File::open(path).with_context(|| format!("cannot open {shown}"))?;
        Digest::from_reader(io::BufReader::new(file)).with_context(|| format!("{shown} is not a libya-news scan output (json or jsonl)"))
    }

    /// Reads a scan output from any reader (format detected from the first line).
    pub fn from_reader<R: BufRead>(mut reader: R) -> anyhow::Result<Digest> {
        let mut first = String::new();
        while first.trim().is_empty() {
            first.clear();
            if reader.read_line(&mut first)? == 0 {
                anyhow::bail!("empty input");
            }
        }
        // JSONL: every line is a complete object with a "type". The JSON document's first line
        // is either incomplete (as `scan` writes it) or a whole object without "type".
        let is_jsonl = serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(first.trim())
            .is_ok_and(|m| m.get("type").is_some_and(|t| t.is_string()));
        let mut digest = Digest::default();
        if is_jsonl {
            digest.add_line(first.trim(), 1)?;
            for (i, line) in reader.lines().enumerate() {
                let line = line?;
                if !line.trim().is_empty() {
                    digest.add_line(line.trim(), i + 2)?;
                }
            }
        } else {
            let chained = io::Cursor::new(first.into_bytes()).chain(reader);
            let mut de = serde_json::Deserializer::from_reader(chained);
            DocumentSeed(&mut digest).deserialize(&mut de)?;
            de.end()?;
        }
        Ok(digest)
    }

    fn add_line(&mut self, line: &str, number: usize) -> anyhow::Result<()> {
        match serde_json::from_str::<InLine>(line).with_context(|| format!("line {number}"))? {
            InLine::Article(a) => self.add_input(a),
            InLine::Error(e) => {
                self.errors.insert(e.path, (e.kind, e.message));
            }
            InLine::Other => {}
        }
        Ok(())
    }
}

/// Collects a [`Digest`] while `scan --baseline` runs.
#[derive(Default)]
pub struct DigestObserver(pub Digest);

impl Observer for DigestObserver {
    fn article(&mut self, _entry: &WalkEntry, article: &schema::Article) {
        self.0.add_article(article);
    }
    fn error(&mut self, _entry: &WalkEntry, error: &schema::FileError) {
        self.0.add_error(error);
    }
}

// ---- reading scan outputs: only the fields a diff needs ----

#[derive(Deserialize)]
struct InEntity {
    id: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    name_ar: String,
    #[serde(default)]
    mentions: Vec<IgnoredAny>,
}

#[derive(Deserialize)]
struct InEvent {
    root: String,
    #[serde(default)]
    negated: bool,
}

#[derive(Deserialize)]
struct InArticle {
    path: String,
    sha256: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    actors: Vec<InEntity>,
    #[serde(default)]
    places: Vec<InEntity>,
    #[serde(default)]
    events: Vec<InEvent>,
}

#[derive(Deserialize)]
struct InError {
    path: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    message: String,
}

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum InLine {
    Article(InArticle),
    Error(InError),
    #[serde(other)]
    Other,
}

/// The JSON document, folded into a digest one article at a time.
struct DocumentSeed<'a>(&'a mut Digest);

impl<'de> DeserializeSeed<'de> for DocumentSeed<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for DocumentSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a libya-news scan document")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut saw_articles = false;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "articles" => {
                    saw_articles = true;
                    map.next_value_seed(ArticlesSeed(self.0))?;
                }
                "errors" => {
                    for e in map.next_value::<Vec<InError>>()? {
                        self.0.errors.insert(e.path, (e.kind, e.message));
                    }
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if !saw_articles {
            return Err(de::Error::missing_field("articles"));
        }
        Ok(())
    }
}

struct ArticlesSeed<'a>(&'a mut Digest);

impl<'de> DeserializeSeed<'de> for ArticlesSeed<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ArticlesSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of articles")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(a) = seq.next_element::<InArticle>()? {
            self.0.add_input(a);
        }
        Ok(())
    }
}

// ---- the report ----

#[derive(Debug, Clone, Serialize)]
pub struct Side {
    pub source: String,
    pub articles: usize,
    pub errors: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArticleChange {
    pub path: String,
    pub sha256: String,
    pub title: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArticleEdit {
    pub path: String,
    pub old_sha256: String,
    pub new_sha256: String,
    pub title: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArticleMove {
    pub old_path: String,
    pub path: String,
    pub sha256: String,
    pub title: Option<String>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct ArticleDiff {
    pub added: Vec<ArticleChange>,
    pub removed: Vec<ArticleChange>,
    pub changed: Vec<ArticleEdit>,
    pub moved: Vec<ArticleMove>,
    pub unchanged: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ErrorChange {
    pub path: String,
    pub kind: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct ErrorDiff {
    pub added: Vec<ErrorChange>,
    pub removed: Vec<ErrorChange>,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Counts {
    pub articles: u64,
    pub mentions: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct EntityChange {
    pub id: String,
    pub name: String,
    pub name_ar: String,
    /// `new` (not in OLD), `changed` (counts differ) or `gone` (not in NEW).
    pub status: &'static str,
    pub old: Option<Counts>,
    pub new: Option<Counts>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RootChange {
    pub root: String,
    pub old: u64,
    pub new: u64,
    pub delta: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct DiffReport {
    pub diff_version: u32,
    pub old: Side,
    pub new: Side,
    pub articles: ArticleDiff,
    pub errors: ErrorDiff,
    pub actors: Vec<EntityChange>,
    pub places: Vec<EntityChange>,
    pub event_roots: Vec<RootChange>,
}

impl DiffReport {
    /// True when the two scans agree on every article, error and count.
    pub fn is_empty(&self) -> bool {
        let a = &self.articles;
        a.added.is_empty()
            && a.removed.is_empty()
            && a.changed.is_empty()
            && a.moved.is_empty()
            && self.errors.added.is_empty()
            && self.errors.removed.is_empty()
            && self.actors.is_empty()
            && self.places.is_empty()
            && self.event_roots.is_empty()
    }
}

fn entity_changes(old: &BTreeMap<String, EntityCount>, new: &BTreeMap<String, EntityCount>) -> Vec<EntityChange> {
    let counts = |e: &EntityCount| Counts { articles: e.articles, mentions: e.mentions };
    let mut out = Vec::new();
    for (id, n) in new {
        match old.get(id) {
            None => out.push(EntityChange { id: id.clone(), name: n.name.clone(), name_ar: n.name_ar.clone(), status: "new", old: None, new: Some(counts(n)) }),
            Some(o) if (o.articles, o.mentions) != (n.articles, n.mentions) => out.push(EntityChange {
                id: id.clone(),
                name: n.name.clone(),
                name_ar: n.name_ar.clone(),
                status: "changed",
                old: Some(counts(o)),
                new: Some(counts(n)),
            }),
            Some(_) => {}
        }
    }
    for (id, o) in old.iter().filter(|(id, _)| !new.contains_key(*id)) {
        out.push(EntityChange { id: id.clone(), name: o.name.clone(), name_ar: o.name_ar.clone(), status: "gone", old: Some(counts(o)), new: None });
    }
    let rank = |c: &EntityChange| match c.status {
        "new" => 0,
        "changed" => 1,
        _ => 2,
    };
    let weight = |c: &EntityChange| {
        let m = |x: Option<Counts>| x.map_or(0, |c| c.mentions as i64);
        (m(c.new) - m(c.old)).abs()
    };
    out.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| weight(b).cmp(&weight(a))).then_with(|| a.id.cmp(&b.id)));
    out
}

/// Compares two digests. `old_source` and `new_source` name them in the report.
pub fn diff(old: &Digest, new: &Digest, old_source: &str, new_source: &str) -> DiffReport {
    let mut articles = ArticleDiff::default();
    let mut added = Vec::new();
    let mut removed = Vec::new();
    for (path, n) in &new.articles {
        match old.articles.get(path) {
            None => added.push((path, n)),
            Some(o) if o.sha256 != n.sha256 => articles.changed.push(ArticleEdit {
                path: path.clone(),
                old_sha256: o.sha256.clone(),
                new_sha256: n.sha256.clone(),
                title: n.title.clone(),
            }),
            Some(_) => articles.unchanged += 1,
        }
    }
    for (path, o) in &old.articles {
        if !new.articles.contains_key(path) {
            removed.push((path, o));
        }
    }
    // Same bytes at a new path: a move, not a removal and an addition.
    let mut removed_by_sha: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, (_, o)) in removed.iter().enumerate() {
        removed_by_sha.entry(o.sha256.as_str()).or_default().push(i);
    }
    let mut moved_from = vec![false; removed.len()];
    for (path, n) in added {
        let from = removed_by_sha.get_mut(n.sha256.as_str()).and_then(|v| (!v.is_empty()).then(|| v.remove(0)));
        match from {
            Some(i) => {
                moved_from[i] = true;
                articles.moved.push(ArticleMove { old_path: removed[i].0.clone(), path: path.clone(), sha256: n.sha256.clone(), title: n.title.clone() });
            }
            None => articles.added.push(ArticleChange { path: path.clone(), sha256: n.sha256.clone(), title: n.title.clone() }),
        }
    }
    for (i, (path, o)) in removed.into_iter().enumerate() {
        if !moved_from[i] {
            articles.removed.push(ArticleChange { path: path.clone(), sha256: o.sha256.clone(), title: o.title.clone() });
        }
    }
    let mut errors = ErrorDiff::default();
    let change = |path: &String, (kind, message): &(String, String)| ErrorChange { path: path.clone(), kind: kind.clone(), message: message.clone() };
    for (path, e) in &new.errors {
        if !old.errors.contains_key(path) {
            errors.added.push(change(path, e));
        }
    }
    for (path, e) in &old.errors {
        if !new.errors.contains_key(path) {
            errors.removed.push(change(path, e));
        }
    }
    let mut event_roots = Vec::new();
    let roots: std::collections::BTreeSet<&String> = old.event_roots.keys().chain(new.event_roots.keys()).collect();
    for root in roots {
        let (o, n) = (old.event_roots.get(root).copied().unwrap_or(0), new.event_roots.get(root).copied().unwrap_or(0));
        if o != n {
            event_roots.push(RootChange { root: root.clone(), old: o, new: n, delta: n as i64 - o as i64 });
        }
    }
    DiffReport {
        diff_version: DIFF_VERSION,
        old: Side { source: old_source.to_string(), articles: old.articles.len(), errors: old.errors.len() },
        new: Side { source: new_source.to_string(), articles: new.articles.len(), errors: new.errors.len() },
        articles,
        errors,
        actors: entity_changes(&old.actors, &new.actors),
        places: entity_changes(&old.places, &new.places),
        event_roots,
    }
}

/// The report as one JSON document (pretty, newline-terminated).
pub fn write_json(report: &DiffReport, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report).map_err(io::Error::other)?;
    out.write_all(b"\n")
}

fn title(t: &Option<String>) -> &str {
    t.as_deref().unwrap_or("(no title)")
}

fn counts(c: Option<Counts>) -> (String, String) {
    c.map_or(("-".into(), "-".into()), |c| (c.articles.to_string(), c.mentions.to_string()))
}

fn entity_table(out: &mut dyn Write, heading: &str, changes: &[EntityChange]) -> io::Result<()> {
    let n = |s: &str| changes.iter().filter(|c| c.status == s).count();
    writeln!(out, "{heading}: {} new, {} changed, {} gone", n("new"), n("changed"), n("gone"))?;
    if changes.is_empty() {
        return Ok(());
    }
    let id_w = changes.iter().map(|c| c.id.chars().count()).max().unwrap_or(2).max(2);
    writeln!(out, "  {:<7}  {:<id_w$}  {:>15}  {:>15}  NAME", "STATUS", "ID", "ARTICLES", "MENTIONS")?;
    for c in changes {
        let (oa, om) = counts(c.old);
        let (na, nm) = counts(c.new);
        let name = if c.name == c.name_ar { c.name.clone() } else { format!("{} ({})", c.name, c.name_ar) };
        writeln!(out, "  {:<7}  {:<id_w$}  {:>15}  {:>15}  {}", c.status, c.id, format!("{oa} → {na}"), format!("{om} → {nm}"), name)?;
    }
    Ok(())
}

/// The report as a table for people (CI logs): no colors.
pub fn write_table(r: &DiffReport, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "diff: {} ({} articles, {} errors) → {} ({} articles, {} errors)",
        r.old.source, r.old.articles, r.old.errors, r.new.source, r.new.articles, r.new.errors
    )?;
    if r.is_empty() {
        writeln!(out, "no differences")?;
        return Ok(());
    }
    let a = &r.articles;
    writeln!(
        out,
        "\nArticles: {} added, {} removed, {} changed, {} moved, {} unchanged",
        a.added.len(),
        a.removed.len(),
        a.changed.len(),
        a.moved.len(),
        a.unchanged
    )?;
    for x in &a.added {
        writeln!(out, "  + {}  {}", x.path, title(&x.title))?;
    }
    for x in &a.removed {
        writeln!(out, "  - {}  {}", x.path, title(&x.title))?;
    }
    for x in &a.changed {
        writeln!(out, "  ~ {}  {}", x.path, title(&x.title))?;
    }
    for x in &a.moved {
        writeln!(out, "  > {} → {}", x.old_path, x.path)?;
    }
    if !r.errors.added.is_empty() || !r.errors.removed.is_empty() {
        writeln!(out, "\nUnreadable files: {} new, {} fixed", r.errors.added.len(), r.errors.removed.len())?;
        for e in &r.errors.added {
            writeln!(out, "  ! {}: {} ({})", e.path, e.message, e.kind)?;
        }
        for e in &r.errors.removed {
            writeln!(out, "  ✓ {}", e.path)?;
        }
    }
    writeln!(out)?;
    entity_table(out, "Actors", &r.actors)?;
    writeln!(out)?;
    entity_table(out, "Places", &r.places)?;
    writeln!(out, "\nEvent roots: {} changed", r.event_roots.len())?;
    if !r.event_roots.is_empty() {
        writeln!(out, "  ROOT  {:>6}  {:>6}  {:>6}", "OLD", "NEW", "DELTA")?;
        for e in &r.event_roots {
            writeln!(out, "  {:<4}  {:>6}  {:>6}  {:>+6}", e.root, e.old, e.new, e.delta)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"{"schema_version":1,"tool":{"name":"libya-news","version":"0.1.0"},"reference_date":null,"articles":[
{"path":"a.txt","id":"a","sha256":"aa","title":"A","actors":[{"id":"x","name":"X","name_ar":"س","mentions":[{},{}]}],"places":[],"events":[{"root":"04","negated":false},{"root":"19","negated":true}]}],
"errors":[{"path":"bad.txt","kind":"decode","message":"no"}],"summary":{"articles":1}}"#;

    #[test]
    fn reads_the_document_and_jsonl_alike() {
        let doc = Digest::from_reader(io::Cursor::new(DOC)).unwrap();
        let jsonl = concat!(
            r#"{"type":"article","path":"a.txt","id":"a","sha256":"aa","title":"A","actors":[{"id":"x","name":"X","name_ar":"س","mentions":[{},{}]}],"places":[],"events":[{"root":"04","negated":false},{"root":"19","negated":true}]}"#,
            "\n",
            r#"{"type":"error","path":"bad.txt","kind":"decode","message":"no"}"#,
            "\n",
            r#"{"type":"summary","articles":1}"#,
            "\n"
        );
        let lines = Digest::from_reader(io::Cursor::new(jsonl)).unwrap();
        for d in [&doc, &lines] {
            assert_eq!(d.articles["a.txt"].sha256, "aa");
            assert_eq!(d.actors["x"].mentions, 2);
            assert_eq!(d.event_roots.get("04"), Some(&1));
            assert_eq!(d.event_roots.get("19"), None, "negated events are not counted");
            assert_eq!(d.errors["bad.txt"].0, "decode");
        }
        assert!(diff(&doc, &lines, "a", "b").is_empty());
    }

    #[test]
    fn rejects_what_is_not_a_scan() {
        assert!(Digest::from_reader(io::Cursor::new("{\"hello\": 1}\n")).is_err());
        assert!(Digest::from_reader(io::Cursor::new("")).is_err());
    }
}
