//! TEMPORARY STUB (lead): replaced by the date tagger module.
use serde::Deserialize;
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateRules {}
impl DateRules {
    pub fn merge(&mut self, _other: DateRules) {}
    pub fn validate(&self) -> Result<(), String> { Ok(()) }
}
pub struct DateTagger;
impl DateTagger {
    pub fn new(_rules: &DateRules) -> Result<DateTagger, String> { Ok(DateTagger) }
    pub fn find(&self, _text: &str, _reference: Option<chrono::NaiveDate>) -> Vec<DateMatch> { Vec::new() }
    pub fn find_dateline(&self, _text: &str) -> Option<(usize, usize, chrono::NaiveDate)> { None }
}
#[derive(Debug, Clone, PartialEq)]
pub struct DateMatch { pub start: usize, pub end: usize, pub kind: &'static str, pub value: String, pub modifier: Option<&'static str>, pub anchored: bool }
