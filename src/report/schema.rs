//! Wire types: the only structs serialized to output (spec/output-v1.md). Internal types never
//! serialize directly, so the contract cannot change shape by accident. Fields may be added,
//! never renamed or removed.

use serde::Serialize;
use std::collections::BTreeMap;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

pub const TOOL: Tool = Tool { name: "libya-news", version: env!("CARGO_PKG_VERSION") };

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Mention {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Published {
    pub value: String,
    pub text: Option<String>,
    pub start: Option<usize>,
    pub end: Option<usize>,
    pub source: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub name_ar: String,
    #[serde(rename = "type")]
    pub actor_type: &'static str,
    pub known: bool,
    pub code: Option<String>,
    pub mentions: Vec<Mention>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Place {
    pub id: String,
    pub name: String,
    pub name_ar: String,
    pub kind: &'static str,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub mentions: Vec<Mention>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Date {
    pub text: String,
    pub start: usize,
    pub end: usize,
    #[serde(rename = "type")]
    pub date_type: &'static str,
    pub value: String,
    #[serde(rename = "mod")]
    pub modifier: Option<&'static str>,
    pub anchored: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct SentenceSpan {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Serialize)]
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

#[derive(Debug, Clone, Serialize)]
pub struct Article {
    /// `"article"` in the JSONL stream; absent inside the JSON document.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub record_type: Option<&'static str>,
    pub path: String,
    pub id: String,
    pub sha256: String,
    pub encoding: &'static str,
    pub chars: usize,
    pub title: Option<String>,
    pub published: Option<Published>,
    pub actors: Vec<Actor>,
    pub places: Vec<Place>,
    pub dates: Vec<Date>,
    pub events: Vec<Event>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FileError {
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub record_type: Option<&'static str>,
    pub path: String,
    pub kind: &'static str,
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
