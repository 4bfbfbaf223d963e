//! `libya-news report`: one self-contained HTML page (map, timeline, actor network, tables and
//! every article with its findings highlighted) that opens from disk with no network.
//!
//! The page is built from a scan output, never from internal types: either a scan run here into
//! an in-memory JSONL buffer, or a saved scan (`--from`, JSON or JSONL). Both go through the
//! same reader, so the two give the same page data. Article texts are read back from each
//! article's `path` and kept only when the bytes still hash to the scanned `sha256` (otherwise
//! the offsets could point anywhere).
//!
//! The page data is embedded once, compactly: actors and places are dictionaries referenced by
//! index, mentions are flat offset lists. Texts sit in a second JSON block that the page parses
//! only when an article is opened. Scripts (Vega, Vega-Lite, vega-embed, the page's own) and the
//! map outline are compiled into the binary from `assets/`.

use crate::cli::{Exit, InputArgs};
use crate::report::{writer_for, Format};
use crate::rules::Engine;
use crate::scan;
use anyhow::Context;
use clap::Args;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

const TEMPLATE: &str = include_str!("../templates/report.html");
const APP_JS: &str = include_str!("../assets/report.js");
const APP_CSS: &str = include_str!("../assets/report.css");
const VEGA_JS: &str = include_str!("../assets/vendor/vega.min.js");
const VEGA_LITE_JS: &str = include_str!("../assets/vendor/vega-lite.min.js");
const VEGA_EMBED_JS: &str = include_str!("../assets/vendor/vega-embed.min.js");
const MAP_TOPOJSON: &str = include_str!("../assets/vendor/libya-neighbours.topo.json");

#[derive(Args, Debug)]
#[command(mut_arg("paths", |a| a.required_unless_present("from")))]
pub struct ReportArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Build the page from a saved scan (JSON or JSONL) instead of scanning PATHs; article texts
    /// are read from each article's path when the file is still there, unchanged.
    /// Example: --from scan.jsonl
    #[arg(long, value_name = "FILE", conflicts_with_all = ["paths", "files_from"])]
    pub from: Option<PathBuf>,
    /// Where to write the page. Example: -o report.html
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: PathBuf,
    /// Leave the article texts out (a smaller page; findings are listed without their text).
    #[arg(long)]
    pub no_text: bool,
    /// The page's title. Example: --title "Drop of 2020-02-21"
    #[arg(long, value_name = "TEXT", default_value = "Libya news report")]
    pub title: String,
}

pub fn run(args: ReportArgs) -> anyhow::Result<Exit> {
    let engine = Engine::load(&args.input.rules.dirs)?;
    let (scan_output, source, exit) = match &args.from {
        Some(path) => {
            let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
            (text, format!("saved scan {}", path.display()), Exit::Success)
        }
        None => {
            let shown = args.input.paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(" ");
            let (buffer, exit) = scan_to_jsonl(args.input, &engine)?;
            (buffer, format!("scan of {shown}"), exit)
        }
    };
    let scan = ScanInput::parse(&scan_output)?;
    drop(scan_output);
    let texts = if args.no_text { vec![TextStatus::Omitted; scan.articles.len()] } else { read_texts(&scan.articles) };
    // The rule behind each item, as `explain` gives it: only when these tables made the scan.
    let same_rules = scan.summary.rules_version.as_deref() == Some(engine.version.as_str());
    let rules = if same_rules { item_rules(&scan.articles, &texts, &engine) } else { vec![Vec::new(); scan.articles.len()] };
    let html = render(&scan, &texts, &rules, &args.title, &source)?;
    let mut file = std::fs::File::create(&args.output).with_context(|| format!("cannot create {}", args.output.display()))?;
    file.write_all(html.as_bytes()).with_context(|| format!("cannot write {}", args.output.display()))?;
    Ok(exit)
}

/// Runs the scan pipeline exactly as `scan --format jsonl` does, into memory.
fn scan_to_jsonl(input: InputArgs, engine: &Engine) -> anyhow::Result<(String, Exit)> {
    let quiet = input.quiet;
    let (config, _) = input.into_config()?;
    let entries = crate::corpus::walk(&config.paths, &config.walk).map_err(anyhow::Error::msg)?;
    let mut progress = crate::progress::Progress::new(quiet);
    let mut diagnostics = progress.diagnostics();
    let mut writer = writer_for(Format::Jsonl);
    let mut buffer = Vec::new();
    let outcome = scan::scan_entries_observed(&entries, engine, &config, writer.as_mut(), &mut buffer, &mut diagnostics, &mut progress)?;
    let text = String::from_utf8(buffer).context("the scan wrote invalid UTF-8")?;
    Ok((text, if outcome.errors > 0 { Exit::SomeFilesFailed } else { Exit::Success }))
}

// ---- reading a scan output: the fields the page shows ----

#[derive(Deserialize, Default)]
#[serde(default)]
struct InSpan {
    start: usize,
    end: usize,
    text: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct InActor {
    id: String,
    name: String,
    name_ar: String,
    #[serde(rename = "type")]
    actor_type: String,
    known: bool,
    code: Option<String>,
    mentions: Vec<InSpan>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct InPlace {
    id: String,
    name: String,
    name_ar: String,
    kind: String,
    country: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
    mentions: Vec<InSpan>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct InDate {
    text: String,
    start: usize,
    end: usize,
    #[serde(rename = "type")]
    date_type: String,
    value: String,
    #[serde(rename = "mod")]
    modifier: Option<String>,
    anchored: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct InEvent {
    code: String,
    label: String,
    plover: Option<String>,
    trigger: InSpan,
    source: Vec<String>,
    target: Vec<String>,
    places: Vec<String>,
    date: Option<String>,
    negated: bool,
    mentions: Vec<InSpan>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct InPublished {
    value: String,
    source: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct InArticle {
    path: String,
    id: String,
    sha256: String,
    encoding: String,
    chars: usize,
    title: Option<String>,
    published: Option<InPublished>,
    actors: Vec<InActor>,
    places: Vec<InPlace>,
    dates: Vec<InDate>,
    events: Vec<InEvent>,
    warnings: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct InError {
    path: String,
    kind: String,
    message: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ScanInput {
    articles: Vec<InArticle>,
    errors: Vec<InError>,
    summary: InSummary,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct InSummary {
    rules_version: Option<String>,
}

#[derive(Deserialize)]
struct LineType {
    #[serde(rename = "type")]
    record_type: Option<String>,
}

impl ScanInput {
    /// The JSON document or the JSONL stream (told apart like `diff` does: JSONL's first line
    /// is a whole object with a "type").
    fn parse(text: &str) -> anyhow::Result<ScanInput> {
        let first = text.lines().find(|l| !l.trim().is_empty()).ok_or_else(|| anyhow::anyhow!("empty scan output"))?;
        let is_jsonl = serde_json::from_str::<LineType>(first.trim()).is_ok_and(|t| t.record_type.is_some());
        if !is_jsonl {
            return serde_json::from_str(text).context("not a libya-news scan output (json or jsonl)");
        }
        let mut scan = ScanInput::default();
        for (number, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let record: serde_json::Value = serde_json::from_str(line).with_context(|| format!("scan output line {}", number + 1))?;
            match record.get("type").and_then(|t| t.as_str()) {
                Some("article") => scan.articles.push(serde_json::from_value(record).with_context(|| format!("scan output line {}", number + 1))?),
                Some("error") => scan.errors.push(serde_json::from_value(record).with_context(|| format!("scan output line {}", number + 1))?),
                Some("summary") => scan.summary = serde_json::from_value(record).with_context(|| format!("scan output line {}", number + 1))?,
                _ => {}
            }
        }
        Ok(scan)
    }
}

// ---- article texts ----

#[derive(Clone)]
enum TextStatus {
    Found(String),
    Omitted,
    Missing(String),
}

/// Each article's text from its path, when the file still holds the bytes that were scanned.
fn read_texts(articles: &[InArticle]) -> Vec<TextStatus> {
    use rayon::prelude::*;
    articles.par_iter().map(read_text).collect()
}

/// Larger files are not read back (scan's default --max-size): the saved scan may name anything.
const MAX_TEXT_BYTES: u64 = 64 * 1024 * 1024;

fn read_text(article: &InArticle) -> TextStatus {
    let path = Path::new(&article.path);
    if std::fs::metadata(path).is_ok_and(|m| m.len() > MAX_TEXT_BYTES) {
        return TextStatus::Missing(format!("text not shown: {} is over {MAX_TEXT_BYTES} bytes", article.path));
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return TextStatus::Missing(format!("text not shown: cannot read {} ({e})", article.path)),
    };
    let sha256: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    if sha256 != article.sha256 {
        return TextStatus::Missing(format!("text not shown: {} changed since the scan", article.path));
    }
    match crate::corpus::decode(&bytes) {
        Ok(d) if d.text.chars().count() == article.chars => TextStatus::Found(d.text),
        Ok(_) => TextStatus::Missing("text not shown: decoded length differs from the scan".into()),
        Err(e) => TextStatus::Missing(format!("text not shown: {}", e.0)),
    }
}

/// `[start, end, what and which rule]` in code points: every actor, place and trigger mention
/// of an article whose text is here, from the same analysis `explain` prints.
type ItemRules = Vec<(usize, usize, String)>;

fn item_rules(articles: &[InArticle], texts: &[TextStatus], engine: &Engine) -> Vec<ItemRules> {
    use rayon::prelude::*;
    articles
        .par_iter()
        .zip(texts)
        .map(|(article, text)| {
            let TextStatus::Found(text) = text else { return Vec::new() };
            let doc = crate::extract::Document::new(text, engine);
            let published = article.published.as_ref().and_then(|p| chrono::NaiveDate::parse_from_str(&p.value, "%Y-%m-%d").ok());
            let context = crate::extract::DateContext { metadata: published, reference: None };
            let analysis = crate::extract::analyze_document(&doc, engine, context);
            let span = |start: usize, end: usize| doc.norm.original_span(start, end);
            let mut rules: ItemRules = Vec::new();
            for s in &analysis.actor_spans {
                let (start, end) = span(s.start, s.end);
                rules.push((start, end, format!("actor {} by {}", s.id, s.rule)));
            }
            for s in &analysis.place_spans {
                let (start, end) = span(s.start, s.end);
                rules.push((start, end, format!("place {} by {}", s.id, s.rule)));
            }
            for e in &analysis.events {
                rules.push((e.mention.start, e.mention.end, format!("event {} by {}", engine.triggers[e.trigger as usize].code, e.rule)));
            }
            rules.sort();
            rules
        })
        .collect()
}

// ---- the page data: compact, deterministic ----

/// `[id, name, name_ar, type, code, known]`
#[derive(Serialize)]
struct PageActor<'a>(&'a str, &'a str, &'a str, &'a str, Option<&'a str>, bool);

/// `[id, name, name_ar, kind, country, lat, lon]`
#[derive(Serialize)]
struct PagePlace<'a>(&'a str, &'a str, &'a str, &'a str, Option<&'a str>, Option<f64>, Option<f64>);

/// `[label, plover]`
#[derive(Serialize)]
struct PageCode<'a>(&'a str, Option<&'a str>);

/// `[start, end, text, value, type, mod, anchored]`
#[derive(Serialize)]
struct PageDate<'a>(usize, usize, &'a str, &'a str, &'a str, Option<&'a str>, bool);

/// `[code, start, end, trigger text, [source], [target], [places], date, negated, [start, end, …]]`
#[derive(Serialize)]
struct PageEvent<'a>(&'a str, usize, usize, &'a str, Vec<usize>, Vec<usize>, Vec<usize>, Option<&'a str>, bool, Vec<usize>);

#[derive(Serialize)]
struct PageArticle<'a> {
    id: &'a str,
    path: &'a str,
    title: Option<&'a str>,
    /// The publication date value, and where it came from.
    published: Option<(&'a str, &'a str)>,
    encoding: &'a str,
    chars: usize,
    /// Why there is no text, when there is none.
    note: Option<&'a str>,
    /// `[actor index, start, end, start, end, …]` per actor, in order of first mention.
    actors: Vec<Vec<usize>>,
    places: Vec<Vec<usize>>,
    dates: Vec<PageDate<'a>>,
    events: Vec<PageEvent<'a>>,
    warnings: &'a [String],
    /// `[start, end, rule]` per item, when the report's tables made the scan.
    rules: &'a ItemRules,
}

#[derive(Serialize)]
struct PageData<'a> {
    version: u32,
    actors: Vec<PageActor<'a>>,
    places: Vec<PagePlace<'a>>,
    codes: BTreeMap<&'a str, PageCode<'a>>,
    articles: Vec<PageArticle<'a>>,
    /// `[path, kind, message]`
    errors: Vec<(&'a str, &'a str, &'a str)>,
}

/// Index of each id in a dictionary sorted by id, so the numbering depends only on the data.
fn index_by_id<T>(entries: &BTreeMap<&str, T>) -> BTreeMap<String, usize> {
    entries.keys().enumerate().map(|(i, id)| (id.to_string(), i)).collect()
}

fn flat_offsets(index: usize, mentions: &[InSpan]) -> Vec<usize> {
    let mut row = Vec::with_capacity(1 + 2 * mentions.len());
    row.push(index);
    for m in mentions {
        row.extend([m.start, m.end]);
    }
    row
}

fn page_data<'a>(scan: &'a ScanInput, texts: &'a [TextStatus], rules: &'a [ItemRules]) -> PageData<'a> {
    // First definition of an id wins; the same id always carries the same names in one scan.
    let mut actors: BTreeMap<&str, PageActor> = BTreeMap::new();
    let mut places: BTreeMap<&str, PagePlace> = BTreeMap::new();
    let mut codes: BTreeMap<&str, PageCode> = BTreeMap::new();
    for a in &scan.articles {
        for x in &a.actors {
            actors.entry(&x.id).or_insert(PageActor(&x.id, &x.name, &x.name_ar, &x.actor_type, x.code.as_deref(), x.known));
        }
        for x in &a.places {
            places.entry(&x.id).or_insert(PagePlace(&x.id, &x.name, &x.name_ar, &x.kind, x.country.as_deref(), x.lat, x.lon));
        }
        for e in &a.events {
            codes.entry(&e.code).or_insert(PageCode(&e.label, e.plover.as_deref()));
            // An event may name an actor or place the article's lists lack: show it by its id.
            for id in e.source.iter().chain(&e.target) {
                actors.entry(id).or_insert(PageActor(id, id, id, "other", None, false));
            }
            for id in &e.places {
                places.entry(id).or_insert(PagePlace(id, id, id, "other", None, None, None));
            }
        }
    }
    let actor_index = index_by_id(&actors);
    let place_index = index_by_id(&places);
    let lookup = |index: &BTreeMap<String, usize>, ids: &[String]| ids.iter().filter_map(|id| index.get(id).copied()).collect::<Vec<_>>();
    let articles = scan
        .articles
        .iter()
        .zip(texts)
        .zip(rules)
        .map(|((a, text), rules)| PageArticle {
            id: &a.id,
            path: &a.path,
            title: a.title.as_deref(),
            published: a.published.as_ref().map(|p| (p.value.as_str(), p.source.as_str())),
            encoding: &a.encoding,
            chars: a.chars,
            note: match text {
                TextStatus::Found(_) => None,
                TextStatus::Omitted => Some("text left out (--no-text)"),
                TextStatus::Missing(why) => Some(why.as_str()),
            },
            actors: a.actors.iter().filter_map(|x| actor_index.get(&x.id).map(|&i| flat_offsets(i, &x.mentions))).collect(),
            places: a.places.iter().filter_map(|x| place_index.get(&x.id).map(|&i| flat_offsets(i, &x.mentions))).collect(),
            dates: a
                .dates
                .iter()
                .map(|d| PageDate(d.start, d.end, &d.text, &d.value, &d.date_type, d.modifier.as_deref(), d.anchored))
                .collect(),
            events: a
                .events
                .iter()
                .map(|e| {
                    PageEvent(
                        &e.code,
                        e.trigger.start,
                        e.trigger.end,
                        &e.trigger.text,
                        lookup(&actor_index, &e.source),
                        lookup(&actor_index, &e.target),
                        lookup(&place_index, &e.places),
                        e.date.as_deref(),
                        e.negated,
                        e.mentions.iter().flat_map(|m| [m.start, m.end]).collect(),
                    )
                })
                .collect(),
            warnings: &a.warnings,
            rules,
        })
        .collect();
    PageData {
        version: 1,
        actors: actors.into_values().collect(),
        places: places.into_values().collect(),
        codes,
        articles,
        errors: scan.errors.iter().map(|e| (e.path.as_str(), e.kind.as_str(), e.message.as_str())).collect(),
    }
}

/// JSON that is safe inside `<script type="application/json">`: no `<` can start `</script>` or
/// `<!--`, since every `<` (only ever inside strings) becomes `\u003c`. U+2028/2029 are
/// escaped too, for any reader that treats the block as script.
pub fn script_json<T: Serialize>(value: &T) -> anyhow::Result<String> {
    let json = serde_json::to_string(value)?;
    Ok(json.replace('<', "\\u003c").replace('\u{2028}', "\\u2028").replace('\u{2029}', "\\u2029"))
}

fn render(scan: &ScanInput, texts: &[TextStatus], rules: &[ItemRules], title: &str, source: &str) -> anyhow::Result<String> {
    let data = page_data(scan, texts, rules);
    let data_json = script_json(&data)?;
    let mut texts_html = String::new();
    for (i, text) in texts.iter().enumerate() {
        if let TextStatus::Found(s) = text {
            texts_html.push_str(&format!("<script type=\"application/json\" id=\"text-{i}\">{}</script>\n", script_json(s)?));
        }
    }
    let map_json = script_json(&serde_json::from_str::<serde_json::Value>(MAP_TOPOJSON)?)?;
    let mut env = minijinja::Environment::new();
    env.add_template("report.html", TEMPLATE)?;
    let template = env.get_template("report.html")?;
    let html = template.render(minijinja::context! {
        title => title,
        source => source,
        tool_version => env!("CARGO_PKG_VERSION"),
        articles => scan.articles.len(),
        errors => scan.errors.len(),
        data_json => minijinja::Value::from_safe_string(data_json),
        texts_html => minijinja::Value::from_safe_string(texts_html),
        map_json => minijinja::Value::from_safe_string(map_json),
        app_css => minijinja::Value::from_safe_string(APP_CSS.to_string()),
        app_js => minijinja::Value::from_safe_string(APP_JS.to_string()),
        vega_js => minijinja::Value::from_safe_string(VEGA_JS.to_string()),
        vega_lite_js => minijinja::Value::from_safe_string(VEGA_LITE_JS.to_string()),
        vega_embed_js => minijinja::Value::from_safe_string(VEGA_EMBED_JS.to_string()),
    })?;
    Ok(html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_script() {
        let json = script_json(&vec!["</script><!-- x"]).unwrap();
        assert!(!json.contains('<'));
        assert_eq!(serde_json::from_str::<Vec<String>>(&json).unwrap(), vec!["</script><!-- x"]);
    }

    #[test]
    fn both_scan_formats_parse() {
        let jsonl = "{\"type\":\"article\",\"path\":\"a.txt\",\"id\":\"a\",\"sha256\":\"x\",\"chars\":3}\n{\"type\":\"error\",\"path\":\"b.txt\",\"kind\":\"io\",\"message\":\"m\"}\n{\"type\":\"summary\"}\n";
        let s = ScanInput::parse(jsonl).unwrap();
        assert_eq!((s.articles.len(), s.errors.len()), (1, 1));
        let doc = "{\"schema_version\":1,\n\"articles\":[{\"path\":\"a.txt\",\"id\":\"a\",\"sha256\":\"x\",\"chars\":3}],\"errors\":[],\"summary\":{}}";
        let s = ScanInput::parse(doc).unwrap();
        assert_eq!((s.articles.len(), s.errors.len()), (1, 0));
        assert!(ScanInput::parse("").is_err());
        assert!(ScanInput::parse("not json").is_err());
    }
}
