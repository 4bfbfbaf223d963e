//! Wire types: the only structs serialized to output (spec/output-v1.md). Internal types never
//! serialize directly, so the contract cannot change shape by accident. Fields may be added,
//! never renamed or removed. Articles and errors also deserialize (the scan cache and
//! `summarize` read them back), into the same bytes when serialized again.

use serde::{Deserialize, Deserializer, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::sync::{Mutex, OnceLock};

pub const SCHEMA_VERSION: u32 = 1;

/// A `&'static str` field that deserializes through [`intern`]. Spelled as an alias because
/// serde's derive would otherwise borrow a `&str` field from the input.
pub type Label = &'static str;

#[derive(Debug, Clone, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

pub const TOOL: Tool = Tool { name: "libya-news", version: env!("CARGO_PKG_VERSION") };

#[derive(Debug, Clone, Serialize, PartialEq, Eq, Deserialize)]
pub struct Mention {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Published {
    pub value: String,
    pub text: Option<String>,
    pub start: Option<usize>,
    pub end: Option<usize>,
    #[serde(deserialize_with = "static_str")]
    pub source: Label,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub name_ar: String,
    #[serde(rename = "type", deserialize_with = "static_str")]
    pub actor_type: Label,
    pub known: bool,
    pub code: Option<String>,
    pub mentions: Vec<Mention>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Place {
    pub id: String,
    pub name: String,
    pub name_ar: String,
    #[serde(deserialize_with = "static_str")]
    pub kind: Label,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub mentions: Vec<Mention>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Date {
    pub text: String,
    pub start: usize,
    pub end: usize,
    #[serde(rename = "type", deserialize_with = "static_str")]
    pub date_type: Label,
    pub value: String,
    #[serde(rename = "mod", default, deserialize_with = "static_str_opt")]
    pub modifier: Option<Label>,
    pub anchored: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SentenceSpan {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Event {
    pub code: String,
    pub root: String,
    pub label: String,
    pub plover: Option<String>,
    pub trigger: Mention,
    pub source: Vec<String>,
    pub target: Vec<String>,
    pub places: Vec<String>,
    pub date: Option<String>,
    pub negated: bool,
    pub sentence: SentenceSpan,
    /// Added in 0.1: every further mention of the same event in the article.
    pub mentions: Vec<Mention>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Article {
    /// `"article"` in the JSONL stream; absent inside the JSON document.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none", default, deserialize_with = "static_str_opt")]
    pub record_type: Option<Label>,
    pub path: String,
    pub id: String,
    pub sha256: String,
    #[serde(deserialize_with = "static_str")]
    pub encoding: Label,
    pub chars: usize,
    pub title: Option<String>,
    pub published: Option<Published>,
    pub actors: Vec<Actor>,
    pub places: Vec<Place>,
    pub dates: Vec<Date>,
    pub events: Vec<Event>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileError {
    #[serde(rename = "type", skip_serializing_if = "Option::is_none", default, deserialize_with = "static_str_opt")]
    pub record_type: Option<Label>,
    pub path: String,
    #[serde(deserialize_with = "static_str")]
    pub kind: Label,
    pub message: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SummaryActor {
    pub id: String,
    pub name: String,
    pub name_ar: String,
    #[serde(rename = "type")]
    pub actor_type: &'static str,
    pub known: bool,
    pub code: Option<String>,
    pub articles: u64,
    pub mentions: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct SummaryPlace {
    pub id: String,
    pub name: String,
    pub name_ar: String,
    pub kind: &'static str,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub articles: u64,
    pub mentions: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct NetworkEdge {
    pub source: String,
    pub target: String,
    pub events: u64,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct EventSummary {
    pub total: u64,
    pub by_root: BTreeMap<String, u64>,
    pub by_code: BTreeMap<String, u64>,
    pub network: Vec<NetworkEdge>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct DateSummary {
    pub total: u64,
    pub by_month: BTreeMap<String, u64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub record_type: Option<&'static str>,
    pub articles: u64,
    pub errors: u64,
    pub actors: Vec<SummaryActor>,
    pub places: Vec<SummaryPlace>,
    pub events: EventSummary,
    pub dates: DateSummary,
    /// Added in 0.1: hash of the rule tables the scan used.
    pub rules_version: String,
}

/// The few distinct strings that are `&'static str` in memory (types, kinds, encodings), read
/// back from JSON: each distinct value is leaked once. Only short values and a bounded number of
/// them are accepted, so hostile input cannot grow memory.
fn intern(value: &str) -> Option<&'static str> {
    const MAX_DISTINCT: usize = 512;
    const MAX_LEN: usize = 64;
    static SEEN: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut seen = SEEN.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    if let Some(&known) = seen.get(value) {
        return Some(known);
    }
    if value.len() > MAX_LEN || seen.len() >= MAX_DISTINCT {
        return None;
    }
    let leaked: &'static str = Box::leak(value.to_owned().into_boxed_str());
    seen.insert(leaked);
    Some(leaked)
}

fn static_str<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    let value = std::borrow::Cow::<str>::deserialize(d)?;
    intern(&value).ok_or_else(|| serde::de::Error::custom(format!("unexpected value {:?}", value.chars().take(64).collect::<String>())))
}

fn static_str_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<&'static str>, D::Error> {
    match Option::<std::borrow::Cow<str>>::deserialize(d)? {
        None => Ok(None),
        Some(value) => intern(&value).map(Some).ok_or_else(|| serde::de::Error::custom(format!("unexpected value {:?}", value.chars().take(64).collect::<String>()))),
    }
}
