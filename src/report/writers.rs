//! One writer per output format. Every writer streams: articles are written (or reduced to a
//! row) as they arrive in path order; only errors, table rows and per-place article lists are
//! held until the end.

use super::schema::{Article, FileError, Summary, SCHEMA_VERSION, TOOL};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned human summary (default on a terminal).
    Table,
    /// One JSON document (default when piped).
    Json,
    /// One JSON object per line: articles, errors, then the summary.
    Jsonl,
    /// RFC 7946 FeatureCollection of the places found, with coordinates.
    Geojson,
    /// The actor network (source → target, weighted by events) for Graphviz.
    Dot,
}

/// Facts about the run that go in the document header.
pub struct Header {
    pub reference_date: Option<String>,
}

pub trait Writer {
    fn begin(&mut self, out: &mut dyn Write, header: &Header) -> io::Result<()>;
    fn article(&mut self, out: &mut dyn Write, article: &Article) -> io::Result<()>;
    fn error(&mut self, out: &mut dyn Write, error: &FileError) -> io::Result<()>;
    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()>;
    /// Records carry `"type"` (the JSONL stream) or not (inside the JSON document).
    fn wants_record_types(&self) -> bool {
        false
    }
    /// True when the writer prints each article as its compact JSON: the scan then serializes
    /// articles on the worker threads and hands over the bytes ([`Writer::article_json`]).
    fn writes_article_json(&self) -> bool {
        false
    }
    /// Writes an article already serialized by [`serialize_article`]; called only when
    /// [`Writer::writes_article_json`].
    fn article_json(&mut self, _out: &mut dyn Write, _json: &[u8]) -> io::Result<()> {
        Err(io::Error::other("this writer does not print article JSON"))
    }
}

/// An article as the JSON and JSONL writers print it, without the line break.
pub fn serialize_article(article: &Article) -> io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    serialize_article_into(&mut buf, article)?;
    Ok(buf)
}

/// [`serialize_article`] into `buf` (cleared first), reusing its capacity.
pub fn serialize_article_into(buf: &mut Vec<u8>, article: &Article) -> io::Result<()> {
    buf.clear();
    buf.reserve(super::json::size_hint(article));
    super::json::write_article(buf, article)
}

pub fn writer_for(format: Format) -> Box<dyn Writer + Send> {
    match format {
        Format::Table => Box::new(TableWriter::default()),
        Format::Json => Box::new(JsonWriter::default()),
        Format::Jsonl => Box::new(JsonlWriter),
        Format::Geojson => Box::new(GeojsonWriter::default()),
        Format::Dot => Box::new(DotWriter),
    }
}

/// A serialization error as an I/O error that keeps its kind, so a closed pipe stays a
/// `BrokenPipe` (a quiet success for `scan … | head`).
fn json_error(e: serde_json::Error) -> io::Error {
    match e.io_error_kind() {
        Some(kind) => io::Error::new(kind, e),
        None => io::Error::other(e),
    }
}

fn json_line<T: Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(json_error)?;
    out.write_all(b"\n")
}

/// The JSON document, streamed: header, then articles one per line, then errors and summary.
#[derive(Default)]
struct JsonWriter {
    articles: usize,
    errors: Vec<FileError>,
}

impl Writer for JsonWriter {
    fn begin(&mut self, out: &mut dyn Write, header: &Header) -> io::Result<()> {
        write!(out, "{{\"schema_version\":{SCHEMA_VERSION},\"tool\":")?;
        serde_json::to_writer(&mut *out, &TOOL).map_err(json_error)?;
        out.write_all(b",\"reference_date\":")?;
        serde_json::to_writer(&mut *out, &header.reference_date).map_err(json_error)?;
        out.write_all(b",\"articles\":[")
    }

    fn article(&mut self, out: &mut dyn Write, article: &Article) -> io::Result<()> {
        self.article_json(out, &serialize_article(article)?)
    }

    fn writes_article_json(&self) -> bool {
        true
    }

    fn article_json(&mut self, out: &mut dyn Write, json: &[u8]) -> io::Result<()> {
        out.write_all(if self.articles == 0 { b"\n" } else { b",\n" })?;
        self.articles += 1;
        out.write_all(json)
    }

    fn error(&mut self, _out: &mut dyn Write, error: &FileError) -> io::Result<()> {
        self.errors.push(error.clone());
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        out.write_all(b"\n],\"errors\":")?;
        serde_json::to_writer(&mut *out, &self.errors).map_err(json_error)?;
        out.write_all(b",\"summary\":")?;
        serde_json::to_writer(&mut *out, summary).map_err(json_error)?;
        out.write_all(b"}\n")
    }
}

struct JsonlWriter;

impl Writer for JsonlWriter {
    fn wants_record_types(&self) -> bool {
        true
    }

    fn begin(&mut self, _: &mut dyn Write, _: &Header) -> io::Result<()> {
        Ok(())
    }

    fn article(&mut self, out: &mut dyn Write, article: &Article) -> io::Result<()> {
        json_line(out, article)
    }

    fn writes_article_json(&self) -> bool {
        true
    }

    fn article_json(&mut self, out: &mut dyn Write, json: &[u8]) -> io::Result<()> {
        out.write_all(json)?;
        out.write_all(b"\n")
    }

    fn error(&mut self, out: &mut dyn Write, error: &FileError) -> io::Result<()> {
        json_line(out, error)
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        json_line(out, summary)
    }
}

/// A few characters of a long string, for table cells.
fn clip(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n <= width {
        s.to_string()
    } else {
        s.chars().take(width.saturating_sub(1)).chain(std::iter::once('…')).collect()
    }
}

fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    format!("{s}{}", " ".repeat(width.saturating_sub(n)))
}

struct Row {
    path: String,
    cells: [usize; 5],
    title: String,
}

#[derive(Default)]
struct TableWriter {
    rows: Vec<Row>,
    errors: Vec<FileError>,
}

impl Writer for TableWriter {
    fn begin(&mut self, _: &mut dyn Write, _: &Header) -> io::Result<()> {
        Ok(())
    }

    fn article(&mut self, _: &mut dyn Write, a: &Article) -> io::Result<()> {
        self.rows.push(Row {
            path: a.path.clone(),
            cells: [a.chars, a.actors.len(), a.places.len(), a.dates.len(), a.events.iter().filter(|e| !e.negated).count()],
            title: a.title.clone().unwrap_or_default(),
        });
        Ok(())
    }

    fn error(&mut self, _: &mut dyn Write, e: &FileError) -> io::Result<()> {
        self.errors.push(e.clone());
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, s: &Summary) -> io::Result<()> {
        let path_width = self.rows.iter().map(|r| r.path.chars().count()).max().unwrap_or(4).clamp(4, 48);
        writeln!(out, "{}  {:>7} {:>6} {:>6} {:>5} {:>6}  title", pad("path", path_width), "chars", "actors", "places", "dates", "events")?;
        for r in &self.rows {
            let [chars, actors, places, dates, events] = r.cells;
            writeln!(out, "{}  {chars:>7} {actors:>6} {places:>6} {dates:>5} {events:>6}  {}", pad(&clip(&r.path, path_width), path_width), clip(&r.title, 60))?;
        }
        for e in &self.errors {
            writeln!(out, "{}  error ({}): {}", pad(&clip(&e.path, path_width), path_width), e.kind, e.message)?;
        }
        writeln!(out, "\n{} articles, {} errors", s.articles, s.errors)?;
        writeln!(out, "\nTop actors{}", if s.actors.is_empty() { ": none" } else { "" })?;
        for a in s.actors.iter().take(15) {
            writeln!(out, "  {:>5}  {:>4} art.  {}  ({}, {})", a.mentions, a.articles, a.name_ar, a.name, a.actor_type)?;
        }
        writeln!(out, "\nTop places{}", if s.places.is_empty() { ": none" } else { "" })?;
        for p in s.places.iter().take(10) {
            writeln!(out, "  {:>5}  {:>4} art.  {}  ({}, {})", p.mentions, p.articles, p.name_ar, p.name, p.country.as_deref().unwrap_or("-"))?;
        }
        if !s.events.by_root.is_empty() {
            let roots: Vec<String> = s.events.by_root.iter().map(|(k, v)| format!("{k}:{v}")).collect();
            writeln!(out, "\nEvents by CAMEO root: {}", roots.join("  "))?;
        }
        Ok(())
    }
}

/// GeoJSON: one Point per place with coordinates, with the ids of the articles naming it.
#[derive(Default)]
struct GeojsonWriter {
    articles_by_place: BTreeMap<String, Vec<String>>,
}

impl Writer for GeojsonWriter {
    fn begin(&mut self, _: &mut dyn Write, _: &Header) -> io::Result<()> {
        Ok(())
    }

    fn article(&mut self, _: &mut dyn Write, a: &Article) -> io::Result<()> {
        for p in &a.places {
            self.articles_by_place.entry(p.id.clone()).or_default().push(a.id.clone());
        }
        Ok(())
    }

    fn error(&mut self, _: &mut dyn Write, _: &FileError) -> io::Result<()> {
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, s: &Summary) -> io::Result<()> {
        let features: Vec<serde_json::Value> = s
            .places
            .iter()
            .filter_map(|p| {
                let (lat, lon) = (p.lat?, p.lon?);
                Some(serde_json::json!({
                    "type": "Feature",
                    "id": p.id,
                    "geometry": {"type": "Point", "coordinates": [lon, lat]},
                    "properties": {
                        "id": p.id, "name": p.name, "name_ar": p.name_ar, "kind": p.kind, "country": p.country,
                        "mentions": p.mentions, "articles": self.articles_by_place.get(&p.id).cloned().unwrap_or_default(),
                    }
                }))
            })
            .collect();
        json_line(out, &serde_json::json!({"type": "FeatureCollection", "features": features}))
    }
}

/// Graphviz DOT of the actor network.
struct DotWriter;

fn dot_quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

impl Writer for DotWriter {
    fn begin(&mut self, _: &mut dyn Write, _: &Header) -> io::Result<()> {
        Ok(())
    }

    fn article(&mut self, _: &mut dyn Write, _: &Article) -> io::Result<()> {
        Ok(())
    }

    fn error(&mut self, _: &mut dyn Write, _: &FileError) -> io::Result<()> {
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, s: &Summary) -> io::Result<()> {
        writeln!(out, "digraph actors {{")?;
        writeln!(out, "  rankdir=LR;\n  node [shape=box];")?;
        let names: BTreeMap<&str, &str> = s.actors.iter().map(|a| (a.id.as_str(), a.name.as_str())).collect();
        let mut nodes: Vec<&str> = s.events.network.iter().flat_map(|e| [e.source.as_str(), e.target.as_str()]).collect();
        nodes.sort();
        nodes.dedup();
        for n in nodes {
            writeln!(out, "  {} [label={}];", dot_quote(n), dot_quote(names.get(n).copied().unwrap_or(n)))?;
        }
        for e in &s.events.network {
            writeln!(out, "  {} -> {} [label={}, weight={}];", dot_quote(&e.source), dot_quote(&e.target), e.events, e.events)?;
        }
        writeln!(out, "}}")
    }
}
