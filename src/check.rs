//! `libya-news check`: scan, then hold every article to a policy (docs/POLICY.md).
//!
//! Per-article rules are decided as each article arrives (in path order). Duplicates need the
//! whole drop: exact copies are found by sha256; near-duplicates only among articles with the
//! same normalized title, whose bodies are re-read at the end and compared as sets of hashed
//! word 3-shingles (Jaccard). While scanning, each article leaves one small fingerprint (its
//! sha256 prefix and title hash), so memory does not grow with article length.

use crate::corpus::{self, WalkEntry};
use crate::report::{schema, Header, Writer};
use crate::scan::Observer;
use anyhow::Context;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Version of the check report's JSON shape (fields may be added, never renamed or removed).
pub const CHECK_VERSION: u32 = 1;

/// How much a rule matters: `error` fails the check, `warn` is reported, `off` is not checked.
/// `require` and `ignore` are accepted as `error` and `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    #[serde(alias = "require")]
    Error,
    Warn,
    #[serde(alias = "ignore")]
    Off,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warn => "warn",
            Level::Off => "off",
        }
    }
}

/// A check policy: one level per rule, and the rules' parameters. Every field has a default, so
/// a policy file only lists what it changes; unknown keys are an error.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Policy {
    /// Every walked file can be read and decoded.
    pub decode: Level,
    /// Every article has a title.
    pub title: Level,
    /// Every article has a publication date from its dateline or sidecar (not --reference-date).
    pub published: Level,
    /// Every article has at least `min_known_actors` actors from the rule tables.
    pub known_actors: Level,
    pub min_known_actors: u32,
    /// Actors found by pattern (`new:` ids) are listed for review.
    pub new_actors: Level,
    /// No article repeats another: same sha256, or same normalized title and a body similarity
    /// (Jaccard over word 3-shingles) of at least `duplicate_similarity`.
    pub duplicates: Level,
    pub duplicate_similarity: f64,
    /// Every article mentions a Libyan place (country "LY") or a Libyan actor (CAMEO "LBY…").
    pub off_topic: Level,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            decode: Level::Error,
            title: Level::Error,
            published: Level::Warn,
            known_actors: Level::Warn,
            min_known_actors: 1,
            new_actors: Level::Warn,
            duplicates: Level::Error,
            duplicate_similarity: 0.9,
            off_topic: Level::Warn,
        }
    }
}

impl Policy {
    /// Reads a policy file (TOML).
    pub fn load(path: &Path) -> anyhow::Result<Policy> {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read policy {}", path.display()))?;
        Policy::parse(&text).with_context(|| format!("policy {}", path.display()))
    }

    pub fn parse(text: &str) -> anyhow::Result<Policy> {
        let policy: Policy = toml::from_str(text)?;
        if !(0.0..=1.0).contains(&policy.duplicate_similarity) || policy.duplicate_similarity.is_nan() {
            anyhow::bail!("duplicate_similarity must be between 0 and 1, not {}", policy.duplicate_similarity);
        }
        Ok(policy)
    }
}

/// One rule an article broke.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub level: Level,
    pub message: String,
    /// For `duplicates`: the earlier article (path order) this one repeats.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<String>,
    /// For near-duplicates: the body similarity (Jaccard, 0–1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f64>,
    /// For `new_actors`: the ids to review.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<String>,
}

impl Finding {
    fn new(rule: &'static str, level: Level, message: String) -> Self {
        Finding { rule, level, message, duplicate_of: None, similarity: None, actors: Vec::new() }
    }
}

/// The findings of one article or unreadable file.
#[derive(Debug, Clone, Serialize)]
pub struct FileFindings {
    pub path: String,
    /// The article id; null for a file that could not be read.
    pub id: Option<String>,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewActor {
    pub id: String,
    pub name: String,
    pub articles: u64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    pub files: u64,
    pub articles: u64,
    pub unreadable: u64,
    pub errors: u64,
    pub warnings: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    pub check_version: u32,
    pub passed: bool,
    /// 0 the policy holds, 1 it fails, 2 files could not be read (and `decode` is `error`).
    pub exit_code: i32,
    pub strict: bool,
    pub counts: Counts,
    pub policy: Policy,
    /// Only the files with findings, in path order.
    pub articles: Vec<FileFindings>,
    /// Every `new:` actor of the drop, most articles first (listed whatever `new_actors`' level).
    pub new_actors: Vec<NewActor>,
}

/// A writer that writes nothing: `check` needs the records, not the scan output.
pub struct NullWriter;

impl Writer for NullWriter {
    fn begin(&mut self, _out: &mut dyn Write, _header: &Header) -> io::Result<()> {
        Ok(())
    }
    fn article(&mut self, _out: &mut dyn Write, _article: &schema::Article) -> io::Result<()> {
        Ok(())
    }
    fn error(&mut self, _out: &mut dyn Write, _error: &schema::FileError) -> io::Result<()> {
        Ok(())
    }
    fn finish(&mut self, _out: &mut dyn Write, _summary: &schema::Summary) -> io::Result<()> {
        Ok(())
    }
}

/// What duplicate detection keeps per article.
struct Titled {
    shown: String,
    file: PathBuf,
    sha: u128,
}

/// Applies the policy to a scan as it runs ([`Observer`]); [`Checker::finish_report`] does the
/// drop-wide rules and returns the report.
pub struct Checker {
    policy: Policy,
    strict: bool,
    counts: Counts,
    findings: BTreeMap<String, FileFindings>,
    by_sha: HashMap<u128, String>,
    by_title: HashMap<u64, Vec<Titled>>,
    new_actors: BTreeMap<String, (String, u64)>,
}

fn sha_prefix(hex: &str) -> u128 {
    u128::from_str_radix(hex.get(..32).unwrap_or(hex), 16).unwrap_or_else(|_| hash_str(hex) as u128)
}

fn hash_str(s: &str) -> u64 {
    let mut h = DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

/// A title as compared for duplicates: normalized Arabic, letters and digits only, single spaces.
pub fn normalized_title(title: &str) -> String {
    let text = crate::normalize::normalize(title).text;
    let cleaned: String = text.chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Hashed word 3-shingles of a text (normalized as the rules see it).
pub fn shingles(text: &str) -> HashSet<u64> {
    let title = normalized_title(text);
    let words: Vec<&str> = title.split(' ').filter(|w| !w.is_empty()).collect();
    if words.len() < 3 {
        return std::iter::once(hash_str(&words.join(" "))).collect();
    }
    words.windows(3).map(|w| hash_str(&w.join(" "))).collect()
}

/// |A ∩ B| / |A ∪ B|.
pub fn jaccard(a: &HashSet<u64>, b: &HashSet<u64>) -> f64 {
    let inter = a.intersection(b).count();
    let union = a.len() + b.len() - inter;
    if union == 0 {
        1.0
    } else {
        inter as f64 / union as f64
    }
}

fn is_libyan_place(p: &schema::Place) -> bool {
    p.country.as_deref() == Some("LY")
}

fn is_libyan_actor(a: &schema::Actor) -> bool {
    a.code.as_deref().is_some_and(|c| c.starts_with("LBY"))
}

impl Checker {
    pub fn new(policy: Policy, strict: bool) -> Self {
        Checker {
            policy,
            strict,
            counts: Counts::default(),
            findings: BTreeMap::new(),
            by_sha: HashMap::new(),
            by_title: HashMap::new(),
            new_actors: BTreeMap::new(),
        }
    }

    fn add(&mut self, path: &str, id: Option<&str>, finding: Finding) {
        if finding.level == Level::Off {
            return;
        }
        self.findings
            .entry(path.to_string())
            .or_insert_with(|| FileFindings { path: path.to_string(), id: id.map(str::to_string), findings: Vec::new() })
            .findings
            .push(finding);
    }

    fn check_article(&mut self, entry: &WalkEntry, a: &schema::Article) {
        let p = self.policy.clone();
        let id = Some(a.id.as_str());
        if a.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
            self.add(&a.path, id, Finding::new("title", p.title, "no title".into()));
        }
        match &a.published {
            None => self.add(&a.path, id, Finding::new("published", p.published, "no publication date (no dateline or sidecar date)".into())),
            Some(d) if d.source == "reference" => self.add(
                &a.path,
                id,
                Finding::new("published", p.published, format!("publication date {} comes only from --reference-date", d.value)),
            ),
            Some(_) => {}
        }
        let known = a.actors.iter().filter(|x| x.known).count();
        if p.min_known_actors > 0 && (known as u32) < p.min_known_actors {
            let msg = format!("{known} known actor{}, the policy wants at least {}", if known == 1 { "" } else { "s" }, p.min_known_actors);
            self.add(&a.path, id, Finding::new("known_actors", p.known_actors, msg));
        }
        let new: Vec<&schema::Actor> = a.actors.iter().filter(|x| !x.known).collect();
        for x in &new {
            let e = self.new_actors.entry(x.id.clone()).or_insert_with(|| (x.name.clone(), 0));
            e.1 += 1;
        }
        if !new.is_empty() {
            let names: Vec<String> = new.iter().map(|x| format!("{} ({})", x.id, x.name)).collect();
            let mut f = Finding::new("new_actors", p.new_actors, format!("not in the rule tables, review: {}", names.join(", ")));
            f.actors = new.iter().map(|x| x.id.clone()).collect();
            self.add(&a.path, id, f);
        }
        if !a.places.iter().any(is_libyan_place) && !a.actors.iter().any(is_libyan_actor) {
            self.add(&a.path, id, Finding::new("off_topic", p.off_topic, "no Libyan place (country LY) or Libyan actor (CAMEO LBY…)".into()));
        }
        if p.duplicates != Level::Off {
            let sha = sha_prefix(&a.sha256);
            if let Some(first) = self.by_sha.get(&sha).cloned() {
                let mut f = Finding::new("duplicates", p.duplicates, format!("same bytes (sha256) as {first}"));
                f.duplicate_of = Some(first);
                self.add(&a.path, id, f);
                return;
            }
            self.by_sha.insert(sha, a.path.clone());
            if let (Some(title), WalkEntry::File(file, _)) = (a.title.as_deref(), entry) {
                let key = normalized_title(title);
                if !key.is_empty() {
                    self.by_title.entry(hash_str(&key)).or_default().push(Titled { shown: a.path.clone(), file: file.clone(), sha });
                }
            }
        }
    }

    /// Near-duplicates among articles with the same normalized title: each article is compared
    /// with the earlier ones of its group that are not duplicates themselves.
    fn near_duplicates(&mut self) {
        let level = self.policy.duplicates;
        let threshold = self.policy.duplicate_similarity;
        let mut groups: Vec<Vec<Titled>> = std::mem::take(&mut self.by_title).into_values().filter(|g| g.len() > 1).collect();
        groups.sort_by(|a, b| a[0].shown.cmp(&b[0].shown));
        for group in groups {
            let mut kept: Vec<(&Titled, HashSet<u64>)> = Vec::new();
            for member in &group {
                let Some(set) = read_shingles(&member.file) else { continue };
                let best = kept
                    .iter()
                    .filter(|(k, _)| k.sha != member.sha)
                    .map(|(k, s)| (k, jaccard(s, &set)))
                    .fold(None::<(&&Titled, f64)>, |best, (k, sim)| if best.is_none_or(|(_, b)| sim > b) { Some((k, sim)) } else { best });
                match best {
                    Some((first, sim)) if sim >= threshold => {
                        let mut f = Finding::new(
                            "duplicates",
                            level,
                            format!("same title as {} and {:.0}% of the same word 3-shingles", first.shown, (sim * 100.0).floor()),
                        );
                        f.duplicate_of = Some(first.shown.clone());
                        f.similarity = Some((sim * 1000.0).round() / 1000.0);
                        let path = member.shown.clone();
                        let id = corpus::article_id(&member.file);
                        self.add(&path, Some(&id), f);
                    }
                    _ => kept.push((member, set)),
                }
            }
        }
    }

    /// Runs the drop-wide rules and returns the report.
    pub fn finish_report(mut self) -> CheckReport {
        if self.policy.duplicates != Level::Off {
            self.near_duplicates();
        }
        let mut counts = std::mem::take(&mut self.counts);
        let mut articles: Vec<FileFindings> = std::mem::take(&mut self.findings).into_values().collect();
        for a in &mut articles {
            // Rules in a fixed order, whatever order they were found in.
            a.findings.sort_by_key(|f| RULES.iter().position(|r| *r == f.rule));
            for f in &a.findings {
                match f.level {
                    Level::Error => counts.errors += 1,
                    Level::Warn => counts.warnings += 1,
                    Level::Off => {}
                }
            }
        }
        let unreadable_fails = counts.unreadable > 0 && self.policy.decode == Level::Error;
        let fails = counts.errors > 0 || (self.strict && counts.warnings > 0);
        let exit_code = if unreadable_fails {
            2
        } else if fails {
            1
        } else {
            0
        };
        let mut new_actors: Vec<NewActor> = self.new_actors.into_iter().map(|(id, (name, articles))| NewActor { id, name, articles }).collect();
        new_actors.sort_by(|a, b| b.articles.cmp(&a.articles).then_with(|| a.id.cmp(&b.id)));
        CheckReport { check_version: CHECK_VERSION, passed: exit_code == 0, exit_code, strict: self.strict, counts, policy: self.policy, articles, new_actors }
    }
}

/// Every rule, in report order.
pub const RULES: [&str; 7] = ["decode", "title", "published", "known_actors", "new_actors", "duplicates", "off_topic"];

fn read_shingles(file: &Path) -> Option<HashSet<u64>> {
    let bytes = std::fs::read(file).ok()?;
    let decoded = corpus::decode(&bytes).ok()?;
    Some(shingles(&decoded.text))
}

impl Observer for Checker {
    fn article(&mut self, entry: &WalkEntry, article: &schema::Article) {
        self.counts.files += 1;
        self.counts.articles += 1;
        self.check_article(entry, article);
    }

    fn error(&mut self, _entry: &WalkEntry, error: &schema::FileError) {
        self.counts.files += 1;
        self.counts.unreadable += 1;
        let level = self.policy.decode;
        self.add(&error.path, None, Finding::new("decode", level, format!("{}: {}", error.kind, error.message)));
    }
}

/// The report as JSON (pretty, newline-terminated).
pub fn write_json(report: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report).map_err(io::Error::other)?;
    out.write_all(b"\n")
}

fn paint(text: &str, code: &str, color: bool) -> String {
    if color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// The report as a table: one line per finding, grouped by article. `color` adds ANSI colors
/// to levels and the verdict (the CLI passes true only on a terminal without `NO_COLOR`).
pub fn write_table(report: &CheckReport, out: &mut dyn Write, color: bool) -> io::Result<()> {
    let path_w = report.articles.iter().map(|a| a.path.chars().count()).max().unwrap_or(4).max(4);
    if !report.articles.is_empty() {
        writeln!(out, "{:<path_w$}  {:<5}  {:<12}  WHY", "FILE", "LEVEL", "RULE")?;
    }
    for a in &report.articles {
        for (i, f) in a.findings.iter().enumerate() {
            let shown = if i == 0 { a.path.as_str() } else { "" };
            let level = format!("{:<5}", f.level.as_str());
            let level = paint(&level, if f.level == Level::Error { "31;1" } else { "33" }, color);
            writeln!(out, "{shown:<path_w$}  {level}  {:<12}  {}", f.rule, f.message)?;
        }
    }
    if !report.new_actors.is_empty() {
        writeln!(out, "\nActors to review (not in the rule tables): {}", report.new_actors.len())?;
        for n in &report.new_actors {
            writeln!(out, "  {}  {}  ({} article{})", n.id, n.name, n.articles, if n.articles == 1 { "" } else { "s" })?;
        }
    }
    let c = &report.counts;
    let verdict = match report.exit_code {
        0 => paint("check passed", "32;1", color),
        1 => paint("check failed", "31;1", color),
        _ => paint("check failed: files could not be read", "31;1", color),
    };
    if !report.articles.is_empty() || !report.new_actors.is_empty() {
        writeln!(out)?;
    }
    writeln!(
        out,
        "{verdict}: {} error{}, {} warning{}{} in {} files ({} articles, {} unreadable)",
        c.errors,
        if c.errors == 1 { "" } else { "s" },
        c.warnings,
        if c.warnings == 1 { "" } else { "s" },
        if report.strict { " (--strict: warnings fail)" } else { "" },
        c.files,
        c.articles,
        c.unreadable
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_defaults_aliases_and_unknown_keys() {
        assert_eq!(Policy::parse("").unwrap(), Policy::default());
        let p = Policy::parse("published = \"require\"\noff_topic = \"ignore\"\nmin_known_actors = 2").unwrap();
        assert_eq!((p.published, p.off_topic, p.min_known_actors), (Level::Error, Level::Off, 2));
        let err = format!("{:#}", Policy::parse("titel = \"error\"").unwrap_err());
        assert!(err.contains("titel"), "{err}");
        assert!(Policy::parse("duplicate_similarity = 1.5").is_err());
        assert!(Policy::parse("title = \"maybe\"").is_err());
    }

    #[test]
    fn shingles_and_jaccard() {
        let a = shingles("واحد اثنان ثلاثة أربعة خمسة");
        let b = shingles("واحد اثنان ثلاثة أربعة خمسة");
        assert_eq!(jaccard(&a, &b), 1.0);
        let c = shingles("واحد اثنان ثلاثة أربعة ستة");
        assert!(jaccard(&a, &c) < 0.9);
        assert_eq!(normalized_title("  «أحمد» — قال! "), "احمد قال");
    }
}
