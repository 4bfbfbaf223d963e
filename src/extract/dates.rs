//! The date tagger: temporal expressions in normalized Arabic text → TIMEX3-style values.
//!
//! The words come from `rules/dates.toml` (`[dates]` tables, see the comments at the top of that
//! file); the grammar that strings them together is here. One pass over the words finds those
//! an expression can start with (a 64K-bit signature filter, then a hash lookup; and digits);
//! only there a lazy tokenizer and a hand-written grammar run.
//!
//! Reads: absolute dates in the Egyptian/Gulf, Levantine, Maghrebi and Libyan (1977-2011) month
//! names, dual forms ("فبراير/شباط", "أكتوبر (تشرين الأول)"), day numbers in digits or words,
//! numeric dates, years ("عام 2011", "2011م", Libyan "1379 و.ر"), Hijri dates (tabular
//! calendar), days relative to the article (أمس, اليوم الجمعة, مساء الإثنين, الخميس المقبل),
//! relative periods (الشهر الماضي, هذا الأسبوع), seasons with a year or a relative word (صيف
//! 2014 → 2014-SU, الخريف الماضي), parts of periods (منتصف يناير → mod MID),
//! clock times (الساعة 16:00 بتوقيت ليبيا), durations of a day and more (منذ ثلاثة أشهر → P3M; hours
//! are read and left out) and a few sets
//! and vague references.
//!
//! Resolution against the reference date (the article's date): a bare weekday is the nearest
//! such day on or before it, unless a future cue (a سيـ/ستـ verb, المقرر …) stands in the six
//! words before; a weekday with الماضي is strictly before, with المقبل strictly after. A month
//! with الماضي is its last occurrence before the reference month, with المقبل the next after it,
//! with الجاري the reference year; a bare month is its nearest occurrence on or before the
//! reference month (after it with a future cue); a day and month take the reference year.
//! Without a reference the unknown parts stay X ("XXXX-WXX-3", "XXXX-01") and `anchored` is
//! false. A clock time takes the day of the last day-precise date before it in the article (or
//! the reference date).

use crate::segment::{self, Token};
use chrono::{Datelike, Duration, NaiveDate};
use serde::Deserialize;
use std::cell::{Cell, RefCell};
use rustc_hash::FxHashMap;
use std::collections::HashSet;

/// Longest line, in characters, that can be a dateline.
const DATELINE_MAX_CHARS: usize = 80;

// ------------------------------------------------------------------------------------------
// Rule tables
// ------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateRules {
    #[serde(default)]
    pub month: Vec<MonthRule>,
    #[serde(default)]
    pub hijri_month: Vec<NumberedRule>,
    #[serde(default)]
    pub weekday: Vec<NumberedRule>,
    #[serde(default)]
    pub relative_day: Vec<OffsetRule>,
    #[serde(default)]
    pub relative: Vec<RelativeRule>,
    #[serde(default)]
    pub period: Vec<PeriodRule>,
    #[serde(default)]
    pub season: Vec<SeasonRule>,
    #[serde(default)]
    pub part: Vec<PartRule>,
    #[serde(default)]
    pub day_part: Vec<DayPartRule>,
    #[serde(default)]
    pub number: Vec<NumberRule>,
    #[serde(default)]
    pub unit: Vec<UnitRule>,
    #[serde(default)]
    pub clock_fraction: Vec<FractionRule>,
    #[serde(default)]
    pub vague: Vec<ValueRule>,
    #[serde(default)]
    pub set: Vec<ValueRule>,
    #[serde(default)]
    pub word: Vec<WordRule>,
    #[serde(default)]
    pub named: Vec<NamedDateRule>,
}

/// A month: `names` always, `guarded` with context, `strict` only with a day or a year.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonthRule {
    pub number: u32,
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    pub guarded: Vec<String>,
    #[serde(default)]
    pub strict: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberedRule {
    pub number: u32,
    #[serde(default)]
    pub names: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OffsetRule {
    pub offset: i32,
    #[serde(default)]
    pub names: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelativeRule {
    /// "past" | "current" | "next"
    pub direction: String,
    /// Written before the period ("هذا الشهر") rather than after it ("الشهر الماضي").
    #[serde(default)]
    pub before: bool,
    #[serde(default)]
    pub names: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodRule {
    /// "week" | "month" | "year"
    pub unit: String,
    #[serde(default)]
    pub names: Vec<String>,
}

/// A season, by its TIMEX3 code: "SP", "SU", "FA" or "WI".
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeasonRule {
    pub season: String,
    #[serde(default)]
    pub names: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartRule {
    /// "START" | "MID" | "END"
    pub modifier: String,
    #[serde(default)]
    pub names: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DayPartRule {
    /// "am" | "pm" | "none": which half of the day a clock hour after it is in.
    #[serde(default)]
    pub clock: String,
    #[serde(default)]
    pub names: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberRule {
    pub value: u32,
    #[serde(default)]
    pub ordinal: Vec<String>,
    #[serde(default)]
    pub cardinal: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitRule {
    /// "H" | "D" | "W" | "M" | "Y" | "DE"
    pub unit: String,
    #[serde(default)]
    pub singular: Vec<String>,
    #[serde(default)]
    pub dual: Vec<String>,
    #[serde(default)]
    pub plural: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FractionRule {
    pub minutes: i32,
    #[serde(default)]
    pub names: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValueRule {
    pub value: String,
    #[serde(default)]
    pub names: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordRule {
    pub role: String,
    #[serde(default)]
    pub names: Vec<String>,
}

/// A day that names an event: after a `month_blocker` word ("ثورة 17 فبراير") its day and
/// month, written with no year, are that event's date.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamedDateRule {
    /// YYYY-MM-DD
    pub date: String,
    #[serde(default)]
    pub note: String,
}

impl NamedDateRule {
    fn day(&self) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(&self.date, "%Y-%m-%d").ok()
    }
}

const ROLES: &[&str] = &[
    "year_word", "month_word", "day_word", "of", "ago", "month_cue", "clock", "timezone", "utc", "era_gregorian",
    "era_hijri", "era_libyan", "duration_cue", "approx_cue", "future_cue", "future_prefix", "future_exclude",
    "year_blocker", "count_noun", "today_blocker", "month_blocker", "same",
];

/// Removes from `base` the names that `over` gives again (folded), drops emptied entries, appends `over`.
fn merge_named<T>(base: &mut Vec<T>, over: Vec<T>, names: fn(&mut T) -> Vec<&mut Vec<String>>, scope: fn(&T) -> String) {
    let mut taken: HashSet<(String, String)> = HashSet::new();
    let mut over = over;
    for item in over.iter_mut() {
        let sc = scope(item);
        for list in names(item) {
            for n in list.iter() {
                taken.insert((sc.clone(), fold(n)));
            }
        }
    }
    for item in base.iter_mut() {
        let sc = scope(item);
        for list in names(item) {
            list.retain(|n| !taken.contains(&(sc.clone(), fold(n))));
        }
    }
    base.retain_mut(|item| names(item).iter().any(|l| !l.is_empty()));
    base.extend(over);
}

impl DateRules {
    /// Adds a user table: a name given again moves to the new entry (for `word`, within its role).
    pub fn merge(&mut self, other: DateRules) {
        fn none<T>(_: &T) -> String {
            String::new()
        }
        merge_named(&mut self.month, other.month, |m| vec![&mut m.names, &mut m.guarded, &mut m.strict], none);
        merge_named(&mut self.hijri_month, other.hijri_month, |m| vec![&mut m.names], none);
        merge_named(&mut self.weekday, other.weekday, |m| vec![&mut m.names], none);
        merge_named(&mut self.relative_day, other.relative_day, |m| vec![&mut m.names], none);
        merge_named(&mut self.relative, other.relative, |m| vec![&mut m.names], none);
        merge_named(&mut self.period, other.period, |m| vec![&mut m.names], none);
        merge_named(&mut self.season, other.season, |m| vec![&mut m.names], none);
        merge_named(&mut self.part, other.part, |m| vec![&mut m.names], none);
        merge_named(&mut self.day_part, other.day_part, |m| vec![&mut m.names], none);
        merge_named(&mut self.number, other.number, |m| vec![&mut m.ordinal, &mut m.cardinal], none);
        merge_named(&mut self.unit, other.unit, |m| vec![&mut m.singular, &mut m.dual, &mut m.plural], none);
        merge_named(&mut self.clock_fraction, other.clock_fraction, |m| vec![&mut m.names], none);
        merge_named(&mut self.vague, other.vague, |m| vec![&mut m.names], none);
        merge_named(&mut self.set, other.set, |m| vec![&mut m.names], none);
        merge_named(&mut self.word, other.word, |m| vec![&mut m.names], |w| w.role.clone());
        // A user's day and month replace the built-in event of that day.
        let month_day = |r: &NamedDateRule| r.day().map(|d| (d.month(), d.day()));
        self.named.retain(|r| !other.named.iter().any(|o| month_day(o) == month_day(r)));
        self.named.extend(other.named);
    }

    /// Checks numbers, enumerations and that no name is empty.
    pub fn validate(&self) -> Result<(), String> {
        fn names_ok(table: &str, what: String, lists: &[&Vec<String>]) -> Result<(), String> {
            if lists.iter().all(|l| l.is_empty()) {
                return Err(format!("[[dates.{table}]] {what}: no names"));
            }
            for l in lists {
                for n in l.iter() {
                    if fold(n).is_empty() {
                        return Err(format!("[[dates.{table}]] {what}: empty name {n:?}"));
                    }
                }
            }
            Ok(())
        }
        for m in &self.month {
            if !(1..=12).contains(&m.number) {
                return Err(format!("[[dates.month]] number {} is not 1..12", m.number));
            }
            names_ok("month", format!("number {}", m.number), &[&m.names, &m.guarded, &m.strict])?;
        }
        for m in &self.hijri_month {
            if !(1..=12).contains(&m.number) {
                return Err(format!("[[dates.hijri_month]] number {} is not 1..12", m.number));
            }
            names_ok("hijri_month", format!("number {}", m.number), &[&m.names])?;
        }
        for m in &self.weekday {
            if !(1..=7).contains(&m.number) {
                return Err(format!("[[dates.weekday]] number {} is not 1..7 (ISO, 1 = Monday)", m.number));
            }
            names_ok("weekday", format!("number {}", m.number), &[&m.names])?;
        }
        for r in &self.relative_day {
            if r.offset.abs() > 7 {
                return Err(format!("[[dates.relative_day]] offset {} is more than a week", r.offset));
            }
            names_ok("relative_day", format!("offset {}", r.offset), &[&r.names])?;
        }
        for r in &self.relative {
            if direction(&r.direction).is_none() {
                return Err(format!("[[dates.relative]] direction {:?} is not before_past, past, current or next", r.direction));
            }
            names_ok("relative", r.direction.clone(), &[&r.names])?;
        }
        for r in &self.period {
            if period_unit(&r.unit).is_none() {
                return Err(format!("[[dates.period]] unit {:?} is not week, month or year", r.unit));
            }
            names_ok("period", r.unit.clone(), &[&r.names])?;
        }
        for r in &self.season {
            if season_index(&r.season).is_none() {
                return Err(format!("[[dates.season]] season {:?} is not SP, SU, FA or WI", r.season));
            }
            names_ok("season", r.season.clone(), &[&r.names])?;
        }
        for r in &self.part {
            if modifier(&r.modifier).is_none() {
                return Err(format!("[[dates.part]] modifier {:?} is not START, MID or END", r.modifier));
            }
            names_ok("part", r.modifier.clone(), &[&r.names])?;
        }
        for r in &self.day_part {
            if !matches!(r.clock.as_str(), "am" | "pm" | "none" | "") {
                return Err(format!("[[dates.day_part]] clock {:?} is not am, pm or none", r.clock));
            }
            names_ok("day_part", r.clock.clone(), &[&r.names])?;
        }
        for r in &self.number {
            if r.value == 0 || r.value > 1000 {
                return Err(format!("[[dates.number]] value {} is not 1..1000", r.value));
            }
            names_ok("number", format!("value {}", r.value), &[&r.ordinal, &r.cardinal])?;
        }
        for r in &self.unit {
            if dur_unit(&r.unit).is_none() {
                return Err(format!("[[dates.unit]] unit {:?} is not H, D, W, M, Y or DE", r.unit));
            }
            names_ok("unit", r.unit.clone(), &[&r.singular, &r.dual, &r.plural])?;
        }
        for r in &self.clock_fraction {
            if r.minutes == 0 || r.minutes.abs() >= 60 {
                return Err(format!("[[dates.clock_fraction]] minutes {} is not -59..59 and not 0", r.minutes));
            }
            names_ok("clock_fraction", format!("minutes {}", r.minutes), &[&r.names])?;
        }
        for (table, list) in [("vague", &self.vague), ("set", &self.set)] {
            for r in list {
                if r.value.is_empty() || !r.value.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
                    return Err(format!("[[dates.{table}]] value {:?} is not a TIMEX3 value", r.value));
                }
                names_ok(table, r.value.clone(), &[&r.names])?;
            }
        }
        for r in &self.word {
            if !ROLES.contains(&r.role.as_str()) {
                return Err(format!("[[dates.word]] role {:?} is not one of {}", r.role, ROLES.join(", ")));
            }
            names_ok("word", r.role.clone(), &[&r.names])?;
        }
        let mut month_days = HashSet::new();
        for r in &self.named {
            let Some(day) = r.day() else {
                return Err(format!("[[dates.named]] date {:?} is not a YYYY-MM-DD date", r.date));
            };
            if !month_days.insert((day.month(), day.day())) {
                return Err(format!("[[dates.named]] date {:?}: another entry names the same day and month", r.date));
            }
        }
        Ok(())
    }
}

fn direction(s: &str) -> Option<i8> {
    match s {
        "before_past" => Some(-2),
        "past" => Some(-1),
        "current" => Some(0),
        "next" => Some(1),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PUnit {
    Week,
    Month,
    Year,
}

fn period_unit(s: &str) -> Option<PUnit> {
    match s {
        "week" => Some(PUnit::Week),
        "month" => Some(PUnit::Month),
        "year" => Some(PUnit::Year),
        _ => None,
    }
}

/// Seasons in the order they follow each other within a year; winter is the one that starts in
/// its December (2017-WI runs from December 2017 to February 2018).
const SEASONS: [&str; 4] = ["SP", "SU", "FA", "WI"];

fn season_index(s: &str) -> Option<u8> {
    SEASONS.iter().position(|x| *x == s).map(|i| i as u8)
}

fn modifier(s: &str) -> Option<&'static str> {
    match s {
        "START" => Some("START"),
        "MID" => Some("MID"),
        "END" => Some("END"),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DUnit {
    H,
    D,
    W,
    M,
    Y,
    De,
}

fn dur_unit(s: &str) -> Option<DUnit> {
    match s {
        "H" => Some(DUnit::H),
        "D" => Some(DUnit::D),
        "W" => Some(DUnit::W),
        "M" => Some(DUnit::M),
        "Y" => Some(DUnit::Y),
        "DE" => Some(DUnit::De),
        _ => None,
    }
}

/// Table words meet the text on the normalizer's spelling (runs of spaces squeezed, line
/// breaks kept).
fn fold(s: &str) -> String {
    let text = crate::normalize::normalize(s).text;
    text.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

// ------------------------------------------------------------------------------------------
// Tokens
// ------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TK {
    Word,
    Num,
    Punct(char),
    Nl,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    s: usize,
    e: usize,
    k: TK,
    /// Proclitic bytes at the start of a word that belong to no lexicon entry.
    pre: usize,
    /// "لل…" read as "ال…" (the key gets an alef; the span keeps the whole word).
    al: bool,
    num: u32,
}

impl Tok {
    fn span_start(&self) -> usize {
        self.s + self.pre
    }
}

/// Letters: ASCII, the Arabic block (fast path), anything else alphabetic.
fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if ('\u{0600}'..='\u{06FF}').contains(&c) {
        matches!(c, '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06D5}' | '\u{06EE}'..='\u{06EF}' | '\u{06FA}'..='\u{06FF}')
    } else {
        c.is_alphabetic()
    }
}

/// The char at byte `i` (a char boundary) and its length; two-byte letters decoded inline.
#[inline]
fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes();
    let b0 = b[i];
    if b0 < 0x80 {
        return (b0 as char, 1);
    }
    if (0xC0..0xE0).contains(&b0) && i + 1 < b.len() {
        let c = ((b0 as u32 & 0x1F) << 6) | (b[i + 1] as u32 & 0x3F);
        return (char::from_u32(c).unwrap_or(' '), 2);
    }
    let c = s[i..].chars().next().unwrap_or(' ');
    (c, c.len_utf8())
}

/// [`is_letter`] of the char at byte `i` (a char boundary), and its length: ASCII and the
/// Arabic block are read from the bytes, anything else through [`char_at`].
#[inline(always)]
fn letter_at(s: &str, i: usize) -> (bool, usize) {
    let b = s.as_bytes();
    let b0 = b[i];
    if b0 < 0x80 {
        return (b0.is_ascii_alphabetic(), 1);
    }
    if (0xD8..=0xDB).contains(&b0) && i + 1 < b.len() {
        let cp = ((b0 as u32 & 0x1F) << 6) | (b[i + 1] as u32 & 0x3F);
        return (matches!(cp, 0x0620..=0x064A | 0x066E..=0x06D3 | 0x06D5 | 0x06EE..=0x06EF | 0x06FA..=0x06FF), 2);
    }
    let (c, len) = char_at(s, i);
    (is_letter(c), len)
}

/// Tokens from byte `from` on: at most `max` tokens, stopping after the first newline.
fn tokenize(text: &str, from: usize, max: usize) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(max.min(32));
    let mut i = from;
    while toks.len() < max {
        let Some((t, next)) = next_token(text, i) else { break };
        toks.push(t);
        if t.k == TK::Nl {
            break;
        }
        i = next;
    }
    toks
}

/// The token at or after byte `i`, and the byte after it.
fn next_token(text: &str, mut i: usize) -> Option<(Tok, usize)> {
    let bytes = text.as_bytes();
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            return Some((Tok { s: i, e: i + 1, k: TK::Nl, pre: 0, al: false, num: 0 }, i + 1));
        }
        if b == b' ' || b == b'\t' || b == b'\r' {
            i += 1;
            continue;
        }
        if b.is_ascii_digit() {
            let s = i;
            let mut v: u64 = 0;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                v = (v * 10 + (bytes[i] - b'0') as u64).min(u32::MAX as u64);
                i += 1;
            }
            return Some((Tok { s, e: i, k: TK::Num, pre: 0, al: false, num: v as u32 }, i));
        }
        let c = text[i..].chars().next().unwrap();
        if is_letter(c) {
            let s = i;
            for (off, c2) in text[i..].char_indices() {
                if !is_letter(c2) {
                    i = s + off;
                    break;
                }
                i = s + off + c2.len_utf8();
            }
            return Some((Tok { s, e: i, k: TK::Word, pre: 0, al: false, num: 0 }, i));
        }
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        return Some((Tok { s: i, e: i + c.len_utf8(), k: TK::Punct(c), pre: 0, al: false, num: 0 }, i + c.len_utf8()));
    }
    None
}

/// Up to `n` words before byte `pos`, nearest first, not crossing a newline or . ! ? ;
fn words_before(text: &str, pos: usize, n: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let head = &text[..pos];
    let mut end: Option<usize> = None;
    for (i, c) in head.char_indices().rev() {
        if is_letter(c) {
            if end.is_none() {
                end = Some(i + c.len_utf8());
            }
            continue;
        }
        if let Some(e) = end.take() {
            out.push(&head[i + c.len_utf8()..e]);
            if out.len() >= n {
                return out;
            }
        }
        if matches!(c, '\n' | '.' | '!' | '?' | ';') {
            return out;
        }
    }
    if let Some(e) = end {
        out.push(&head[..e]);
    }
    out
}

// ------------------------------------------------------------------------------------------
// Compiled lexicon
// ------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Role {
    YearWord,
    MonthWord,
    DayWord,
    Of,
    Ago,
    MonthCue,
    Clock,
    Timezone,
    Utc,
    EraG,
    EraH,
    EraL,
    DurCue,
    ApproxCue,
    FutureCue,
    YearBlocker,
    CountNoun,
    TodayBlocker,
    MonthBlocker,
    Same,
}

fn role(s: &str) -> Option<Role> {
    Some(match s {
        "year_word" => Role::YearWord,
        "month_word" => Role::MonthWord,
        "day_word" => Role::DayWord,
        "of" => Role::Of,
        "ago" => Role::Ago,
        "month_cue" => Role::MonthCue,
        "clock" => Role::Clock,
        "timezone" => Role::Timezone,
        "utc" => Role::Utc,
        "era_gregorian" => Role::EraG,
        "era_hijri" => Role::EraH,
        "era_libyan" => Role::EraL,
        "duration_cue" => Role::DurCue,
        "approx_cue" => Role::ApproxCue,
        "future_cue" => Role::FutureCue,
        "year_blocker" => Role::YearBlocker,
        "count_noun" => Role::CountNoun,
        "today_blocker" => Role::TodayBlocker,
        "month_blocker" => Role::MonthBlocker,
        "same" => Role::Same,
        _ => return None,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lex {
    /// number, strength: 0 always, 1 guarded, 2 strict
    Month(u8, u8),
    Hijri(u8),
    Weekday(u8),
    RelDay(i8),
    Rel(i8),
    RelBefore(i8),
    Period(PUnit),
    /// index in [`SEASONS`]
    Season(u8),
    Part(&'static str),
    /// 0 none, 1 am, 2 pm
    DayPart(u8),
    Ord(u16),
    Card(u16),
    /// unit, count: 1 singular, 2 dual, 0 plural
    Unit(DUnit, u8),
    Fraction(i8),
    Vague(u16),
    Set(u16),
    Word(Role),
}

impl Lex {
    /// Can an expression start with this word?
    fn starts(&self) -> bool {
        match self {
            Lex::Rel(_) | Lex::Fraction(_) => false,
            // a count of units needs a cue before it ("منذ عقد"), except "الأيام الماضية"
            Lex::Unit(_, c) => *c == 0,
            // counts follow a cue or a clock word ("منذ ثلاثة أشهر", "الساعة الثالثة")
            Lex::Card(_) => false,
            Lex::Word(r) => matches!(
                r,
                Role::YearWord | Role::MonthWord | Role::DayWord | Role::Ago | Role::Clock | Role::DurCue | Role::ApproxCue
            ),
            _ => true,
        }
    }
}

/// Proclitics a word may carry before a date word; they stay out of the span.
const STRIP: &[&str] = &["و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك"];

/// A 16-bit signature of a word from all its bytes: words that share their first letters,
/// last letter and length (every "ال…" word of a length ending in the same letter) must not
/// share it, or most of them pass the anchor filter. Read as two overlapping 8-byte (or 4-byte)
/// loads and two multiplications: this runs for nearly every word of every article. (A word
/// over 16 bytes is signed by its first and last 8: the filter only turns words away, the
/// map behind it decides.)
fn sig(w: &str) -> usize {
    (sig_hash(w.as_bytes()) >> 48) as usize
}

/// A 17-bit signature of a word, from the same hash as [`sig`], for the larger
/// [`DateTagger`] filter of anchors with their proclitics.
fn wide_sig(w: &[u8]) -> usize {
    (sig_hash(w) >> 47) as usize
}

/// The hash [`sig`] and [`wide_sig`] take their top bits of.
fn sig_hash(b: &[u8]) -> u64 {
    let n = b.len();
    let word = |at: usize| u64::from_le_bytes(b[at..at + 8].try_into().unwrap_or_default());
    let half = |at: usize| u64::from(u32::from_le_bytes(b[at..at + 4].try_into().unwrap_or_default()));
    let (head, tail) = match n {
        8.. => (word(0), word(n - 8)),
        4..=7 => (half(0), half(n - 4)),
        1..=3 => (u64::from(b[0]) | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]) << 16, 0),
        0 => (0, 0),
    };
    ((head ^ n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ tail).wrapping_mul(0xD6E8_FEB8_6659_FD93)
}

/// One match of the date tagger. Byte offsets into the normalized text.
#[derive(Debug, Clone, PartialEq)]
pub struct DateMatch {
    pub start: usize,
    pub end: usize,
    /// "date" | "time" | "duration" | "set"
    pub kind: &'static str,
    pub value: String,
    pub modifier: Option<&'static str>,
    pub anchored: bool,
}

/// The tokens of a text and which of them hold a character that is no letter, as
/// [`segment::tokens_marked`] gives them.
#[derive(Clone, Copy)]
pub struct Words<'a> {
    pub tokens: &'a [Token],
    pub marked: &'a [u32],
}

/// What a key (one or more words) is in the date tables.
#[derive(Debug, Default)]
struct Name {
    /// The entries named by exactly these words.
    lex: Vec<Lex>,
    /// These words begin a longer name ("مطلع", "مطلع العام" for "مطلع العام الجاري"): a name
    /// lookup stops at the first run of words that begins no longer name.
    longer: bool,
}

pub struct DateTagger {
    /// Every name and every name's leading words short of the whole name, in one map, so that
    /// one lookup per run of words answers both questions.
    lex: FxHashMap<String, Name>,
    max_words: usize,
    /// The first words of the entries an expression can start with, and the "لل…" forms of
    /// the "ال…" ones (→ true). Only words found here start the grammar.
    anchors: FxHashMap<String, bool>,
    /// A 64K-bit filter over the anchors' [`sig`]: most words are turned away without hashing.
    anchor_bits: Vec<u64>,
    /// A 128K-bit filter over the [`wide_sig`] of every anchor and of every anchor with the
    /// proclitics [`Self::anchor_in`] strips ([`segment::PROCLITICS`]): a word that misses it
    /// is no anchor with or without them, turned away with one hash instead of one per reading.
    word_bits: Vec<u64>,
    values: Vec<String>,
    future_prefix: Vec<String>,
    future_exclude: Vec<String>,
    /// `[[dates.named]]`: (month, day) → the year of the event that day names.
    named: FxHashMap<(u32, u32), i32>,
}

/// The key of a table name: its folded words joined by single spaces, punctuation as its own word.
fn name_key(name: &str) -> String {
    let f = fold(name);
    let toks = tokenize(&f, 0, 64);
    let mut key = String::new();
    for t in toks {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&f[t.s..t.e]);
    }
    key
}

impl DateTagger {
    pub fn new(rules: &DateRules) -> Result<DateTagger, String> {
        rules.validate()?;
        let mut lex: FxHashMap<String, Vec<Lex>> = FxHashMap::default();
        let mut values: Vec<String> = Vec::new();
        let mut future_prefix = Vec::new();
        let mut future_exclude = Vec::new();
        {
            let mut add = |name: &str, l: Lex| {
                let k = name_key(name);
                if k.is_empty() {
                    return;
                }
                let e = lex.entry(k).or_default();
                if !e.contains(&l) {
                    e.push(l);
                }
            };
            for m in &rules.month {
                for (list, st) in [(&m.names, 0u8), (&m.guarded, 1), (&m.strict, 2)] {
                    for n in list {
                        add(n, Lex::Month(m.number as u8, st));
                    }
                }
            }
            for m in &rules.hijri_month {
                m.names.iter().for_each(|n| add(n, Lex::Hijri(m.number as u8)));
            }
            for m in &rules.weekday {
                m.names.iter().for_each(|n| add(n, Lex::Weekday(m.number as u8)));
            }
            for r in &rules.relative_day {
                r.names.iter().for_each(|n| add(n, Lex::RelDay(r.offset as i8)));
            }
            for r in &rules.relative {
                let d = direction(&r.direction).unwrap_or(0);
                r.names.iter().for_each(|n| add(n, if r.before { Lex::RelBefore(d) } else { Lex::Rel(d) }));
            }
            for r in &rules.period {
                let u = period_unit(&r.unit).unwrap_or(PUnit::Year);
                r.names.iter().for_each(|n| add(n, Lex::Period(u)));
            }
            for r in &rules.season {
                let x = season_index(&r.season).unwrap_or(0);
                r.names.iter().for_each(|n| add(n, Lex::Season(x)));
            }
            for r in &rules.part {
                let m = modifier(&r.modifier).unwrap_or("MID");
                r.names.iter().for_each(|n| add(n, Lex::Part(m)));
            }
            for r in &rules.day_part {
                let c = match r.clock.as_str() {
                    "am" => 1,
                    "pm" => 2,
                    _ => 0,
                };
                r.names.iter().for_each(|n| add(n, Lex::DayPart(c)));
            }
            for r in &rules.number {
                r.ordinal.iter().for_each(|n| add(n, Lex::Ord(r.value as u16)));
                r.cardinal.iter().for_each(|n| add(n, Lex::Card(r.value as u16)));
            }
            for r in &rules.unit {
                let u = dur_unit(&r.unit).unwrap_or(DUnit::D);
                r.singular.iter().for_each(|n| add(n, Lex::Unit(u, 1)));
                r.dual.iter().for_each(|n| add(n, Lex::Unit(u, 2)));
                r.plural.iter().for_each(|n| add(n, Lex::Unit(u, 0)));
            }
            for r in &rules.clock_fraction {
                r.names.iter().for_each(|n| add(n, Lex::Fraction(r.minutes as i8)));
            }
            for r in &rules.vague {
                values.push(r.value.clone());
                let idx = (values.len() - 1) as u16;
                r.names.iter().for_each(|n| add(n, Lex::Vague(idx)));
            }
            for r in &rules.set {
                values.push(r.value.clone());
                let idx = (values.len() - 1) as u16;
                r.names.iter().for_each(|n| add(n, Lex::Set(idx)));
            }
            for r in &rules.word {
                match r.role.as_str() {
                    "future_prefix" => future_prefix.extend(r.names.iter().map(|n| fold(n))),
                    "future_exclude" => future_exclude.extend(r.names.iter().map(|n| fold(n))),
                    other => {
                        if let Some(ro) = role(other) {
                            r.names.iter().for_each(|n| add(n, Lex::Word(ro)));
                        }
                    }
                }
            }
        }
        let max_words = lex.keys().map(|k| k.split(' ').count()).max().unwrap_or(1);
        // Anchors: first words of every entry an expression can start with, their "لل" forms, digits.
        let mut firsts: HashSet<String> = HashSet::new();
        for (k, ls) in &lex {
            if ls.iter().any(|l| l.starts()) {
                let first = k.split(' ').next().unwrap_or("");
                if first.chars().next().is_some_and(is_letter) {
                    firsts.insert(first.to_string());
                }
            }
        }
        let mut anchors: FxHashMap<String, bool> = FxHashMap::default();
        for w in firsts {
            if let Some(rest) = w.strip_prefix("ال") {
                if !rest.is_empty() {
                    anchors.insert(format!("لل{rest}"), true);
                }
            }
            anchors.insert(w, false);
        }
        let mut anchor_bits = vec![0u64; 1024];
        let mut word_bits = vec![0u64; 2048];
        let mut form = String::new();
        for w in anchors.keys() {
            let x = sig(w);
            anchor_bits[x >> 6] |= 1 << (x & 63);
            for proclitics in segment::PROCLITICS {
                form.clear();
                form.push_str(proclitics);
                form.push_str(w);
                let x = wide_sig(form.as_bytes());
                word_bits[x >> 6] |= 1 << (x & 63);
            }
        }
        // The first 1..k-1 words of every k-word name: a lookup reads another token only after these.
        let mut prefixes: Vec<String> = Vec::new();
        for k in lex.keys() {
            for (i, _) in k.match_indices(' ') {
                prefixes.push(k[..i].to_string());
            }
        }
        let mut lex: FxHashMap<String, Name> = lex.into_iter().map(|(k, lex)| (k, Name { lex, longer: false })).collect();
        for p in prefixes {
            lex.entry(p).or_default().longer = true;
        }
        let named = rules.named.iter().filter_map(NamedDateRule::day).map(|d| ((d.month(), d.day()), d.year())).collect();
        Ok(DateTagger { lex, max_words, anchors, anchor_bits, word_bits, values, future_prefix, future_exclude, named })
    }

    /// Every temporal expression of `text` (normalized), in text order, not overlapping.
    pub fn find(&self, text: &str, reference: Option<NaiveDate>) -> Vec<DateMatch> {
        let (tokens, marked) = segment::tokens_marked(text);
        self.find_in(text, Words { tokens: &tokens, marked: &marked }, reference)
    }

    /// [`Self::find`] over the words of `text` as [`segment::tokens_marked`] gave them.
    pub fn find_in(&self, text: &str, words: Words, reference: Option<NaiveDate>) -> Vec<DateMatch> {
        let mut out = Vec::new();
        let mut ctx = Ctx { reference, last_day: None, last_year: None };
        self.scan(text, 0, text.len(), Some(words), &mut ctx, &mut |_, m| out.push(m));
        out
    }

    /// A dateline: a full date alone (but for a weekday, place or time) on one of the first lines.
    pub fn find_dateline(&self, text: &str) -> Option<(usize, usize, NaiveDate)> {
        let (tokens, marked) = segment::tokens_marked(text);
        self.find_dateline_in(text, Words { tokens: &tokens, marked: &marked })
    }

    /// [`Self::find_dateline`] over the words of `text` as [`segment::tokens_marked`] gave them.
    pub fn find_dateline_in(&self, text: &str, words: Words) -> Option<(usize, usize, NaiveDate)> {
        let mut line_start = 0;
        let mut seen = 0;
        while line_start < text.len() && seen < 6 {
            let line_end = memchr::memchr(b'\n', &text.as_bytes()[line_start..]).map(|i| line_start + i).unwrap_or(text.len());
            let line = &text[line_start..line_end];
            let blank = line.trim().is_empty();
            seen += usize::from(!blank);
            // A dateline is a short line: longer ones (paragraphs) are not worth a date scan.
            // (A character is one to four bytes: only a line between the two bounds is counted.)
            let short = line.len() <= DATELINE_MAX_CHARS || (line.len() <= 4 * DATELINE_MAX_CHARS && line.chars().count() <= DATELINE_MAX_CHARS);
            if !blank && short {
                let mut ctx = Ctx { reference: None, last_day: None, last_year: None };
                let mut found: Vec<(usize, usize, NaiveDate)> = Vec::new();
                self.scan(text, line_start, line_end, Some(words), &mut ctx, &mut |sem, m| {
                    if let Some(d) = absolute_day(sem) {
                        found.push((m.start, m.end, d));
                    }
                });
                if let Some(&(s, e, d)) = found.first() {
                    // The rest of the line: a few words at most (weekday, place, time, "تحديث").
                    let rest_words = tokenize(text, line_start, 64)
                        .iter()
                        .filter(|t| t.e <= line_end && (t.e <= s || t.s >= e))
                        .filter(|t| t.k == TK::Word)
                        .filter(|t| {
                            let w = &text[t.s..t.e];
                            !self.lex.get(w).is_some_and(|name| {
                                name.lex.iter().any(|l| matches!(l, Lex::Weekday(_) | Lex::RelDay(_) | Lex::DayPart(_) | Lex::Word(Role::Clock)))
                            })
                        })
                        .count();
                    if rest_words <= 3 {
                        return Some((s, e, d));
                    }
                }
            }
            line_start = line_end + 1;
        }
        None
    }

    /// Finds the expressions in `text[from..to]`. With `words` (the tokens of `text`) it reads
    /// the text word by word: a token of letters only is one word, looked up whole, and only
    /// the few tokens holding digits are read character by character. Without, every
    /// character is read (the same matches: the tests compare both).
    fn scan(&self, text: &str, from: usize, to: usize, words: Option<Words>, ctx: &mut Ctx, emit: &mut dyn FnMut(&Sem, DateMatch)) {
        let hay = &text[..to];
        let p = Parser::new(self, hay);
        let mut pos = from;
        // The token at or after `pos`, and the first marked token at or after it.
        let mut k = words.map_or(0, |w| w.tokens.partition_point(|t| t.end <= from));
        let mut next_marked = 0;
        while pos < to {
            let found = match words {
                None => self.anchor_at(hay, pos, to),
                Some(Words { tokens, marked }) => {
                    while k < tokens.len() && tokens[k].end <= pos {
                        k += 1;
                    }
                    let Some(t) = tokens.get(k).filter(|t| t.start < to) else { break };
                    // Between tokens there are no letters and no digits: nothing to read.
                    pos = pos.max(t.start);
                    while next_marked < marked.len() && (marked[next_marked] as usize) < k {
                        next_marked += 1;
                    }
                    let letters_only = marked.get(next_marked) != Some(&(k as u32));
                    if pos == t.start && letters_only && t.end <= to {
                        // (Most words are turned away from their bytes, before a str is cut.)
                        if !self.may_hold_anchor(&hay.as_bytes()[t.start..t.end]) {
                            Err(t.end)
                        } else {
                            match self.anchor_in(&hay[t.start..t.end]) {
                                Some((plen, ll)) => Ok((t.start + plen, ll, t.end)),
                                None => Err(t.end),
                            }
                        }
                    } else {
                        self.anchor_at(hay, pos, to)
                    }
                }
            };
            let (ms, ll, we) = match found {
                Ok(anchor) => anchor,
                Err(next) => {
                    pos = next;
                    continue;
                }
            };
            let Some((mut first, next)) = next_token(hay, ms) else {
                pos = we;
                continue;
            };
            first.al = ll;
            p.reset(first, next);
            if let Some(x) = p.parse() {
                let start = p.tok(x.start).span_start();
                let end = p.tok(x.end - 1).e;
                let (value, anchored) = resolve(&x, ctx);
                // Remember days and years for the clock times and "العام نفسه" that follow.
                if let Some(d) = resolved_day(&x, ctx.reference) {
                    ctx.last_day = Some(d);
                }
                if let Some(y) = explicit_year(&x.sem) {
                    ctx.last_year = Some(y);
                }
                // A span of hours ("بعد ساعات", "نحو ساعة") points at no calendar time: it is
                // read, so that its words serve nothing else, and left out. (A day and more
                // stays: "لمدة 48 ساعة" = P2D, "26 ساعة" = PT26H.)
                if !(x.kind == "duration" && under_a_day(&value)) {
                    emit(&x.sem, DateMatch { start, end, kind: x.kind, value, modifier: x.modifier, anchored });
                }
                pos = end.max(pos + 1);
                while !hay.is_char_boundary(pos) {
                    pos += 1;
                }
                continue;
            }
            pos = we;
        }
    }

    /// The word (a run of letters, or of digits) at byte `pos` of `hay`, read character by
    /// character up to `to`: where the grammar is to start in it, whether its "لل" reads as
    /// "ال", and its end; or, if nothing can start there, where to read on.
    fn anchor_at(&self, hay: &str, pos: usize, to: usize) -> Result<(usize, bool, usize), usize> {
        let bytes = hay.as_bytes();
        if bytes[pos].is_ascii_digit() {
            let mut we = pos + 1;
            while we < to && bytes[we].is_ascii_digit() {
                we += 1;
            }
            // not the decimals of 3.5
            if pos > 1 && bytes[pos - 1] == b'.' && bytes[pos - 2].is_ascii_digit() {
                return Err(we);
            }
            return Ok((pos, false, we));
        }
        let (letter, len) = letter_at(hay, pos);
        if !letter {
            return Err(pos + len);
        }
        let mut we = pos + len;
        while we < to {
            let (letter, l2) = letter_at(hay, we);
            if !letter {
                break;
            }
            we += l2;
        }
        let word = &hay[pos..we];
        // "و20 فيفري": a proclitic before digits
        if we < to && bytes[we].is_ascii_digit() && STRIP.contains(&word) {
            return Ok((we, false, we));
        }
        match self.anchor_in(word) {
            Some((plen, ll)) => Ok((pos + plen, ll, we)),
            None => Err(we),
        }
    }

    /// Whether `word` may be an anchor or one with proclitics ([`Self::word_bits`]): false for
    /// most words, which [`Self::anchor_in`] then need not read.
    fn may_hold_anchor(&self, word: &[u8]) -> bool {
        let x = wide_sig(word);
        self.word_bits[x >> 6] & (1 << (x & 63)) != 0
    }

    /// Is `word`, or `word` without a proclitic, an anchor? → (proclitic bytes, "لل" form)
    fn anchor_in(&self, word: &str) -> Option<(usize, bool)> {
        if !self.may_hold_anchor(word.as_bytes()) {
            return None;
        }
        let anchor = |plen: usize| -> Option<(usize, bool)> {
            let w = word.get(plen..).filter(|w| !w.is_empty())?;
            let x = sig(w);
            if self.anchor_bits[x >> 6] & (1 << (x & 63)) == 0 {
                return None;
            }
            self.anchors.get(w).map(|&ll| (plen, ll))
        };
        if let Some(found) = anchor(0) {
            return Some(found);
        }
        // proclitics: one of و ف ب ل ك, or و/ف then ب/ل/ك (each 2 bytes in UTF-8, read as such)
        let b = word.as_bytes();
        let letter = |i: usize| b.get(i..i + 2).map_or(' ', |p| match p {
            [0xD9, 0x88] => 'و',
            [0xD9, 0x81] => 'ف',
            [0xD8, 0xA8] => 'ب',
            [0xD9, 0x84] => 'ل',
            [0xD9, 0x83] => 'ك',
            _ => ' ',
        });
        let (c1, c2) = (letter(0), letter(2));
        let one = c1 != ' ';
        let two = matches!(c1, 'و' | 'ف') && matches!(c2, 'ب' | 'ل' | 'ك');
        if one {
            if let Some(found) = anchor(2) {
                return Some(found);
            }
        }
        if two {
            return anchor(4);
        }
        None
    }

    fn lookup(&self, key: &str) -> &[Lex] {
        self.lex.get(key).map(|name| name.lex.as_slice()).unwrap_or(&[])
    }
}

// ------------------------------------------------------------------------------------------
// Grammar
// ------------------------------------------------------------------------------------------

struct Ctx {
    reference: Option<NaiveDate>,
    last_day: Option<NaiveDate>,
    last_year: Option<i32>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum YSpec {
    Abs(i32),
    /// past / current / next relative to the reference
    Rel(i8),
    /// A calendar year counted from the reference's: "من العام الماضي" is the year before,
    /// whichever month it names.
    YearOffset(i8),
    /// no year written; `future` from a tense cue
    Bare { future: bool },
}

#[derive(Debug, Clone, PartialEq)]
enum Sem {
    Day { y: YSpec, m: u32, d: u32 },
    Month { y: YSpec, m: u32 },
    Year(i32),
    /// The last year named in the article ("العام نفسه").
    SameYear,
    PeriodRel(PUnit, i32),
    RelDay { off: i32, wd: Option<u32> },
    /// dir: -3 in the week before the last, -2 on or before, -1 strictly before, 1 strictly after,
    /// 2 on or after the reference
    Weekday { wd: u32, dir: i8 },
    AbsDay(NaiveDate),
    AbsMonth(i32, u32),
    /// A season (index in [`SEASONS`]) of a year written or relative to the reference.
    Season { y: YSpec, s: u8 },
    /// Day `d` of the month `off` months from the reference's ("العاشر من الشهر الجاري").
    DayOfMonthRel { off: i32, d: u32 },
    Time { h: u32, mi: u32, base: Option<Box<Sem>> },
    Fixed(String),
}

#[derive(Debug, Clone)]
struct Expr {
    start: usize,
    end: usize,
    sem: Sem,
    kind: &'static str,
    modifier: Option<&'static str>,
}

/// The grammar over the tokens from one anchor on: tokens are read, and looked up, lazily.
struct Parser<'a> {
    t: &'a DateTagger,
    text: &'a str,
    toks: RefCell<Vec<Tok>>,
    /// Byte after the last token read; usize::MAX once the line or the window has ended.
    next: Cell<usize>,
    /// Per token: the range of its lookups in `arena` (u32::MAX = not looked up yet).
    memo: RefCell<Vec<(u32, u32)>>,
    arena: RefCell<Vec<(usize, Lex)>>,
    key: RefCell<String>,
}

const WINDOW: usize = 24;

struct MonthGroup {
    end: usize,
    m: u32,
    strength: u8,
    hijri: bool,
}

impl<'a> Parser<'a> {
    fn new(t: &'a DateTagger, text: &'a str) -> Self {
        Parser {
            t,
            text,
            toks: RefCell::new(Vec::with_capacity(WINDOW)),
            next: Cell::new(usize::MAX),
            memo: RefCell::new(Vec::with_capacity(WINDOW)),
            arena: RefCell::new(Vec::with_capacity(64)),
            key: RefCell::new(String::with_capacity(64)),
        }
    }

    /// Starts over at another anchor (the buffers are kept).
    fn reset(&self, first: Tok, next: usize) {
        let mut toks = self.toks.borrow_mut();
        toks.clear();
        toks.push(first);
        self.next.set(if first.k == TK::Nl { usize::MAX } else { next });
        self.memo.borrow_mut().clear();
        self.arena.borrow_mut().clear();
    }

    /// Token `i`, read on demand (`None` past the line end or the window).
    fn get(&self, i: usize) -> Option<Tok> {
        let mut toks = self.toks.borrow_mut();
        while toks.len() <= i {
            let from = self.next.get();
            if from == usize::MAX || toks.len() >= WINDOW {
                return None;
            }
            match next_token(self.text, from) {
                Some((t, next)) => {
                    toks.push(t);
                    self.next.set(if t.k == TK::Nl { usize::MAX } else { next });
                }
                None => {
                    self.next.set(usize::MAX);
                    return None;
                }
            }
        }
        Some(toks[i])
    }

    /// Token `i`, which the grammar has already read.
    fn tok(&self, i: usize) -> Tok {
        self.toks.borrow()[i]
    }

    fn word(&self, i: usize) -> Option<&'a str> {
        let t = self.get(i)?;
        (t.k == TK::Word).then(|| &self.text[t.s + t.pre..t.e])
    }

    fn punct(&self, i: usize, c: char) -> bool {
        self.get(i).is_some_and(|t| t.k == TK::Punct(c))
    }

    fn num(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.get(i)?;
        (t.k == TK::Num).then_some((t.num, t.e - t.s))
    }

    fn adjacent(&self, i: usize) -> bool {
        match (self.get(i), self.get(i + 1)) {
            (Some(a), Some(b)) => a.e == b.s,
            _ => false,
        }
    }

    /// Every lexicon entry whose name starts at token `i`, longest first: (next token, entry).
    fn lx(&self, i: usize) -> (usize, usize) {
        if let Some(&(a, n)) = self.memo.borrow().get(i) {
            if a != u32::MAX {
                return (a as usize, n as usize);
            }
        }
        let mut key = self.key.borrow_mut();
        key.clear();
        // Per run of n + 1 words, the entries it names.
        let mut found: [&[Lex]; 8] = [&[]; 8];
        let mut words = 0;
        for (n, entries) in found.iter_mut().enumerate().take(self.t.max_words) {
            let Some(t) = self.get(i + n) else { break };
            match t.k {
                TK::Word | TK::Punct(_) => {}
                _ => break,
            }
            if n > 0 {
                key.push(' ');
            }
            if n == 0 && t.al && i == 0 {
                key.push('ا');
                key.push_str(&self.text[t.s + 'ل'.len_utf8()..t.e]);
            } else {
                key.push_str(&self.text[t.s + t.pre..t.e]);
            }
            words = n + 1;
            let name = self.t.lex.get(key.as_str());
            *entries = name.map_or(&[], |name| name.lex.as_slice());
            // No longer name starts with these words: more tokens would find nothing.
            if !name.is_some_and(|name| name.longer) {
                break;
            }
        }
        let mut arena = self.arena.borrow_mut();
        let start = arena.len();
        for n in (0..words).rev() {
            for l in found[n] {
                arena.push((i + n + 1, *l));
            }
        }
        let range = (start as u32, (arena.len() - start) as u32);
        let mut memo = self.memo.borrow_mut();
        if memo.len() <= i {
            memo.resize(i + 1, (u32::MAX, 0));
        }
        memo[i] = range;
        (start, arena.len() - start)
    }

    fn find<F: Fn(&Lex) -> bool>(&self, i: usize, f: F) -> Option<(usize, Lex)> {
        let (a, n) = self.lx(i);
        self.arena.borrow()[a..a + n].iter().copied().find(|(_, l)| f(l))
    }

    fn role(&self, i: usize, r: Role) -> Option<usize> {
        self.find(i, |l| *l == Lex::Word(r)).map(|x| x.0)
    }

    /// A future cue in the six words before token `i`.
    fn future_before(&self, i: usize) -> bool {
        let pos = self.tok(i).span_start();
        for w in words_before(self.text, pos, 6) {
            let w = w.trim_start_matches('و');
            if self.t.lookup(w).contains(&Lex::Word(Role::FutureCue)) {
                return true;
            }
            if w.chars().count() >= 5
                && self.t.future_prefix.iter().any(|p| w.starts_with(p.as_str()))
                && !self.t.future_exclude.iter().any(|x| w.starts_with(x.as_str()))
            {
                return true;
            }
        }
        false
    }

    fn prev_word_is(&self, i: usize, r: Role) -> bool {
        self.prev_word_has(i, |l| *l == Lex::Word(r))
    }

    /// Whether the word before token `i` (or it without و) is a table word such that `is`.
    fn prev_word_has(&self, i: usize, is: impl Fn(&Lex) -> bool) -> bool {
        let pos = self.tok(i).span_start();
        words_before(self.text, pos, 1).first().is_some_and(|w| {
            self.t.lookup(w).iter().any(&is) || w.strip_prefix('و').is_some_and(|rest| !rest.is_empty() && self.t.lookup(rest).iter().any(&is))
        })
    }

    fn parse(&self) -> Option<Expr> {
        let cands = [
            self.daypart_expr(0),
            self.day_word_expr(0),
            self.core_day(0),
            self.part_expr(0),
            self.month_expr(0, false),
            self.hijri_expr(0),
            self.year_expr(0),
            self.period_expr_inner(0, false),
            self.season_expr(0),
            self.numeric_date(0),
            self.time_expr(0),
            self.ago_expr(0),
            self.duration_expr(0),
            self.fixed_expr(0),
        ];
        cands.into_iter().flatten().max_by_key(|x| x.end)
    }

    // --- days ------------------------------------------------------------------------------

    /// "مساء أمس الخميس", "صباح اليوم، الإثنين", "مساء يوم الأحد", "عشية الجمعة"
    fn daypart_expr(&self, i: usize) -> Option<Expr> {
        let (j, _) = self.find(i, |l| matches!(l, Lex::DayPart(_)))?;
        let j = self.role(j, Role::DayWord).unwrap_or(j);
        let x = self.core_day(j)?;
        Some(Expr { start: i, ..x })
    }

    /// "يوم الأحد", "يوم أمس", "يومي 19 و20 فبراير" (not "يوم 9 مارس": the span is the date)
    fn day_word_expr(&self, i: usize) -> Option<Expr> {
        let j = self.role(i, Role::DayWord)?;
        let x = [self.relday_expr(j), self.weekday_expr(j), self.first_of_pair(j)].into_iter().flatten().max_by_key(|x| x.end)?;
        Some(Expr { start: i, ..x })
    }

    fn core_day(&self, i: usize) -> Option<Expr> {
        [self.relday_expr(i), self.weekday_expr(i), self.date_dm(i), self.first_of_pair(i)].into_iter().flatten().max_by_key(|x| x.end)
    }

    /// "19 و20 فبراير 2017", "25 و26 مايو الماضي": the first day of a pair, in the month and
    /// year written after the second (which is read as a date of its own next).
    fn first_of_pair(&self, i: usize) -> Option<Expr> {
        let (d, len) = self.num(i)?;
        if len > 2 || self.word(i + 1) != Some("و") {
            return None;
        }
        let second = self.date_dm(i + 2)?;
        let Sem::Day { y, m, d: d2 } = second.sem else { return None };
        // A pair runs forward within its month.
        if !(1..d2).contains(&d) {
            return None;
        }
        Some(Expr { start: i, end: i + 1, sem: Sem::Day { y, m, d }, kind: "date", modifier: None })
    }

    fn relday_expr(&self, i: usize) -> Option<Expr> {
        let (mut j, l) = self.find(i, |l| matches!(l, Lex::RelDay(_)))?;
        let Lex::RelDay(off) = l else { return None };
        let mut wd = None;
        // optional "," or "(" before a weekday
        let mut k = j;
        let mut paren = false;
        if self.punct(k, ',') {
            k += 1;
        } else if self.punct(k, '(') {
            k += 1;
            paren = true;
        }
        if let Some((k2, Lex::Weekday(w))) = self.find(k, |l| matches!(l, Lex::Weekday(_))) {
            wd = Some(w as u32);
            j = k2;
            if paren && self.punct(j, ')') {
                j += 1;
            }
            // "اليوم الاثنين 20 فيفري 2017", "غدا الأحد 6 ديسمبر"
            let k3 = if self.punct(j, ',') { j + 1 } else { j };
            if let Some(x) = self.date_dm(k3) {
                return Some(Expr { start: i, ..x });
            }
        } else if off == 0 {
            // "اليوم العالمي …" is no date
            if self.find(j, |l| *l == Lex::Word(Role::TodayBlocker)).is_some() {
                return None;
            }
            if let Some(x) = self.date_dm(j) {
                return Some(Expr { start: i, ..x });
            }
        }
        Some(Expr { start: i, end: j, sem: Sem::RelDay { off: off as i32, wd }, kind: "date", modifier: None })
    }

    fn weekday_expr(&self, i: usize) -> Option<Expr> {
        let (mut j, l) = self.find(i, |l| matches!(l, Lex::Weekday(_)))?;
        let Lex::Weekday(wd) = l else { return None };
        let mut dir = if self.future_before(i) { 2 } else { -2 };
        if let Some((k, Lex::Rel(r))) = self.find(j, |l| matches!(l, Lex::Rel(_))) {
            j = k;
            dir = match r {
                -2 => -3,
                -1 => -1,
                1 => 1,
                _ => dir,
            };
        } else if let Some(x) = self.date_dm(if self.punct(j, ',') { j + 1 } else { j }) {
            // "السبت 12 يوليو"
            return Some(Expr { start: i, ..x });
        }
        Some(Expr { start: i, end: j, sem: Sem::Weekday { wd: wd as u32, dir }, kind: "date", modifier: None })
    }

    /// Day number (digits or ordinal word), optional من / شهر, month group, optional year.
    fn date_dm(&self, i: usize) -> Option<Expr> {
        let (d, mut j) = if let Some((v, len)) = self.num(i) {
            if len > 2 || !(1..=31).contains(&v) || self.punct(i + 1, ':') || self.punct(i + 1, '/') && self.adjacent(i) {
                return None;
            }
            (v, i + 1)
        } else {
            let (j, l) = self.find(i, |l| matches!(l, Lex::Ord(_)))?;
            let Lex::Ord(v) = l else { return None };
            // "الأسبوع الأول من يونيو": the ordinal counts weeks, not days.
            if !(1..=31).contains(&v) || self.prev_word_has(i, |l| matches!(l, Lex::Period(_))) {
                return None;
            }
            (v as u32, j)
        };
        let of = self.role(j, Role::Of);
        if let Some(k) = of {
            j = k;
        }
        if let Some(k) = self.role(j, Role::MonthWord) {
            j = k;
        }
        let Some(g) = self.month_group(j) else {
            // "العاشر من الشهر الجاري", "15 من الشهر الماضي": a day of a month named by its
            // distance from the reference's (with من: "15 الشهر" is no date).
            // (Read from after من: "الشهر" is also the month word of "الشهر يوليو".)
            let period = self.period_expr_inner(of?, false)?;
            let Sem::PeriodRel(PUnit::Month, off) = period.sem else { return None };
            return Some(Expr { start: i, end: period.end, sem: Sem::DayOfMonthRel { off, d }, kind: "date", modifier: None });
        };
        if g.hijri {
            let (end, y) = self.hijri_year(g.end)?;
            let date = hijri_to_gregorian(y, g.m, d)?;
            return Some(Expr { start: i, end, sem: Sem::AbsDay(date), kind: "date", modifier: None });
        }
        let (end, y) = self.year_spec(g.end, i);
        if let YSpec::Abs(yy) = y {
            NaiveDate::from_ymd_opt(yy, g.m, d)?;
        } else if d > days_in_month_max(g.m) {
            return None;
        }
        // "ثورة 17 فبراير": with no year written, a day after a name's head word is the day of
        // the event it names, where the tables know one.
        if let YSpec::Bare { .. } = y {
            if let Some(&year) = self.t.named.get(&(g.m, d)) {
                if self.prev_word_is(i, Role::MonthBlocker) {
                    let date = NaiveDate::from_ymd_opt(year, g.m, d)?;
                    return Some(Expr { start: i, end, sem: Sem::AbsDay(date), kind: "date", modifier: None });
                }
            }
        }
        Some(Expr { start: i, end, sem: Sem::Day { y, m: g.m, d }, kind: "date", modifier: None })
    }

    /// A month name, or two names of the same month: "فبراير/شباط", "يناير/ كانون الثاني",
    /// "أكتوبر (تشرين الأول)", "ديسمبر) كانون الأول", "كانون الثاني يناير".
    fn month_group(&self, i: usize) -> Option<MonthGroup> {
        let (j, l) = self.find(i, |l| matches!(l, Lex::Month(..) | Lex::Hijri(_)))?;
        let (m, st, hijri) = match l {
            Lex::Month(m, st) => (m, st, false),
            Lex::Hijri(m) => (m, 0, true),
            _ => return None,
        };
        if hijri {
            return Some(MonthGroup { end: j, m: m as u32, strength: 0, hijri: true });
        }
        let same = |k: usize| self.find(k, |l| matches!(l, Lex::Month(m2, _) if *m2 == m)).map(|x| x.0);
        let mut end = j;
        let mut dual = false;
        if self.punct(j, '/') || self.punct(j, '-') || self.punct(j, '\\') || self.punct(j, '|') {
            if let Some(k) = same(j + 1) {
                end = k;
                dual = true;
            }
        } else if self.punct(j, '(') {
            if let Some(k) = same(j + 1) {
                if self.punct(k, ')') {
                    end = k + 1;
                    dual = true;
                }
            }
        } else if self.punct(j, ')') {
            if let Some(k) = same(j + 1) {
                end = k;
                dual = true;
            }
        } else if let Some(k) = same(j) {
            end = k;
            dual = true;
        }
        Some(MonthGroup { end, m: m as u32, strength: if dual { 0 } else { st }, hijri: false })
    }

    /// After a month: a year (2011, 2011م, عام 2016, من العام 2018), a relative word
    /// (الماضي, من العام الجاري) or nothing. `start` is the expression's first token (for cues).
    fn year_spec(&self, i: usize, start: usize) -> (usize, YSpec) {
        let mut j = i;
        if self.punct(j, ',') && self.num(j + 1).is_some_and(|(_, l)| l == 4) {
            j += 1;
        }
        if let Some((end, y)) = self.year_number(j) {
            return (end, YSpec::Abs(y));
        }
        let k = self.role(j, Role::Of).unwrap_or(j);
        if let Some(k2) = self.role(k, Role::YearWord) {
            if let Some((end, y)) = self.year_number(k2) {
                return (end, YSpec::Abs(y));
            }
        }
        if let Some((k2, Lex::Period(PUnit::Year))) = self.find(k, |l| matches!(l, Lex::Period(PUnit::Year))) {
            if let Some((k3, Lex::Rel(r))) = self.find(k2, |l| matches!(l, Lex::Rel(_))) {
                return (k3, YSpec::YearOffset(r));
            }
        }
        if let Some((k2, Lex::Rel(r))) = self.find(j, |l| matches!(l, Lex::Rel(_))) {
            return (k2, YSpec::Rel(r));
        }
        (i, YSpec::Bare { future: self.future_before(start) })
    }

    /// A 4-digit year with an optional era: 2011, 2011م, 1379 و.ر (→ 2011).
    fn year_number(&self, i: usize) -> Option<(usize, i32)> {
        let (v, len) = self.num(i)?;
        if len != 4 || (self.punct(i + 1, '/') || self.punct(i + 1, ':')) && self.adjacent(i) {
            return None;
        }
        let j = i + 1;
        if let Some(k) = self.role(j, Role::EraL) {
            if (1300..=1500).contains(&v) {
                return Some((k, v as i32 + 632));
            }
            return None;
        }
        if !(1800..=2100).contains(&v) {
            return None;
        }
        if let Some(k) = self.role(j, Role::EraG) {
            return Some((k, v as i32));
        }
        Some((j, v as i32))
    }

    fn hijri_year(&self, i: usize) -> Option<(usize, i32)> {
        let k = self.role(i, Role::YearWord).unwrap_or(i);
        let (v, len) = self.num(k)?;
        if len != 4 || !(1300..=1500).contains(&v) {
            return None;
        }
        let end = self.role(k + 1, Role::EraH).unwrap_or(k + 1);
        Some((end, v as i32))
    }

    /// "رمضان 1436 هـ" (day-less Hijri month with a year)
    fn hijri_expr(&self, i: usize) -> Option<Expr> {
        let g = self.month_group(i)?;
        if !g.hijri {
            return None;
        }
        let (end, y) = self.hijri_year(g.end)?;
        let first = hijri_to_gregorian(y, g.m, 1)?;
        Some(Expr { start: i, end, sem: Sem::AbsMonth(first.year(), first.month()), kind: "date", modifier: None })
    }

    /// [شهر] month group [year spec], with the context a guarded or strict name needs.
    fn month_expr(&self, i: usize, after_part: bool) -> Option<Expr> {
        let mut j = i;
        let mut cue = after_part;
        if let Some(k) = self.role(j, Role::MonthWord) {
            j = k;
            cue = true;
        }
        let g = self.month_group(j)?;
        if g.hijri {
            return None;
        }
        let (end, y) = self.year_spec(g.end, i);
        let ok = match g.strength {
            0 => true,
            1 => cue || !matches!(y, YSpec::Bare { .. }) || self.prev_word_is(i, Role::MonthCue),
            _ => matches!(y, YSpec::Abs(_)),
        };
        if !ok || matches!(y, YSpec::Bare { .. }) && !cue && self.prev_word_is(i, Role::MonthBlocker) {
            return None;
        }
        let sem = match y {
            YSpec::Abs(yy) => Sem::AbsMonth(yy, g.m),
            _ => Sem::Month { y, m: g.m },
        };
        Some(Expr { start: i, end, sem, kind: "date", modifier: None })
    }

    /// "منتصف يناير", "مطلع هذا الأسبوع", "نهاية 2016", "أواخر العام الماضي", "منتصف شهر سبتمبر القادم"
    fn part_expr(&self, i: usize) -> Option<Expr> {
        let (j, l) = self.find(i, |l| matches!(l, Lex::Part(_)))?;
        let Lex::Part(m) = l else { return None };
        let j = self.role(j, Role::Of).unwrap_or(j);
        let inner = [
            self.month_expr(j, true),
            self.year_expr(j),
            self.period_expr_inner(j, true),
        ]
        .into_iter()
        .flatten()
        .max_by_key(|x| x.end)?;
        if matches!(inner.sem, Sem::Day { .. } | Sem::AbsDay(_)) {
            return None;
        }
        Some(Expr { start: i, modifier: Some(m), ..inner })
    }

    /// "صيف 2014", "شتاء العام 2005", "الخريف الماضي", "صيف العام الماضي", "هذا الصيف". A season
    /// needs its year, or a relative word: alone it is a topic ("الربيع العربي", "شتاء العواصف").
    fn season_expr(&self, i: usize) -> Option<Expr> {
        let before = match self.find(i, |l| matches!(l, Lex::RelBefore(_))) {
            Some((j, Lex::RelBefore(r))) => Some((j, r)),
            _ => None,
        };
        let j = before.map_or(i, |(j, _)| j);
        let Some((k, Lex::Season(s))) = self.find(j, |l| matches!(l, Lex::Season(_))) else { return None };
        if let Some((_, r)) = before {
            return Some(Expr { start: i, end: k, sem: Sem::Season { y: YSpec::Rel(r), s }, kind: "date", modifier: None });
        }
        let (end, y) = self.year_spec(k, i);
        match y {
            YSpec::Bare { .. } => return None,
            // "الصيف 2011", "الربيع 1999" with the article are the Libyan months (June, March).
            YSpec::Abs(_) if self.word(j).is_some_and(|w| w.starts_with("ال")) => return None,
            _ => {}
        }
        Some(Expr { start: i, end, sem: Sem::Season { y, s }, kind: "date", modifier: None })
    }

    /// "عام 2011", "العام 2011", "2011م", "2011"
    fn year_expr(&self, i: usize) -> Option<Expr> {
        if let Some(j) = self.role(i, Role::YearWord) {
            let (end, y) = self.year_number(j)?;
            return Some(Expr { start: i, end, sem: Sem::Year(y), kind: "date", modifier: None });
        }
        let (end, y) = self.year_number(i)?;
        if end == i + 1 {
            // A bare number: a year only in 1900-2099, not "القرار 1970", not "2000 شخص", not 2,011.
            if !(1900..=2099).contains(&y) || self.prev_word_is(i, Role::YearBlocker) {
                return None;
            }
            // 2011.5, 2,011, 2011% are numbers; "2011." at a sentence end is a year
            if self.get(i + 1).is_some_and(|t| t.s == self.tok(i).e && matches!(t.k, TK::Punct('%') | TK::Num))
                || (self.punct(i + 1, '.') || self.punct(i + 1, ',')) && self.adjacent(i) && self.adjacent(i + 1) && self.num(i + 2).is_some()
            {
                return None;
            }
            if self.find(i + 1, |l| *l == Lex::Word(Role::CountNoun)).is_some() {
                return None;
            }
            let s = self.tok(i).s;
            if s > 0 && matches!(self.text.as_bytes()[s - 1], b'.' | b',' | b'/' | b'-' | b':') {
                return None;
            }
        }
        Some(Expr { start: i, end, sem: Sem::Year(y), kind: "date", modifier: None })
    }

    /// "الشهر الماضي", "العام الجاري", "هذا الأسبوع", "العام الماضي 2017", "العام نفسه";
    /// after a part word also the bare period ("نهاية الأسبوع": the current one).
    fn period_expr_inner(&self, i: usize, after_part: bool) -> Option<Expr> {
        let (j, r, u) = if let Some((j, Lex::RelBefore(r))) = self.find(i, |l| matches!(l, Lex::RelBefore(_))) {
            let (k, l) = self.find(j, |l| matches!(l, Lex::Period(_)))?;
            let Lex::Period(u) = l else { return None };
            (k, r, u)
        } else {
            let (k, l) = self.find(i, |l| matches!(l, Lex::Period(_)))?;
            let Lex::Period(u) = l else { return None };
            if let Some((k2, Lex::Rel(r))) = self.find(k, |l| matches!(l, Lex::Rel(_))) {
                (k2, r, u)
            } else if let Some(k2) = self.role(k, Role::Same) {
                if u == PUnit::Year {
                    return Some(Expr { start: i, end: k2, sem: Sem::SameYear, kind: "date", modifier: None });
                }
                return None;
            } else if after_part {
                (k, 0, u)
            } else {
                return None;
            }
        };
        if u == PUnit::Year {
            // "العام الماضي 2017": the written year wins
            if let Some((end, y)) = self.year_number(j) {
                return Some(Expr { start: i, end, sem: Sem::Year(y), kind: "date", modifier: None });
            }
        }
        Some(Expr { start: i, end: j, sem: Sem::PeriodRel(u, r as i32), kind: "date", modifier: None })
    }

    /// 17/12/2015, 17-12-2015, 17.12.2015, 2015/12/17
    fn numeric_date(&self, i: usize) -> Option<Expr> {
        let (a, la) = self.num(i)?;
        let sep = match self.get(i + 1)?.k {
            TK::Punct(c @ ('/' | '-' | '.')) => c,
            _ => return None,
        };
        let (b, lb) = self.num(i + 2)?;
        if !self.punct(i + 3, sep) {
            return None;
        }
        let (c, lc) = self.num(i + 4)?;
        if !(0..4).all(|k| self.adjacent(i + k)) {
            return None;
        }
        let date = if la == 4 && lb <= 2 && lc <= 2 {
            NaiveDate::from_ymd_opt(a as i32, b, c)?
        } else if la <= 2 && lb <= 2 && lc == 4 {
            NaiveDate::from_ymd_opt(c as i32, b, a)?
        } else {
            return None;
        };
        if !(1900..=2100).contains(&date.year()) {
            return None;
        }
        // not part of a longer run (an IP address, a phone number)
        if self.get(i + 5).is_some_and(|t| t.s == self.tok(i + 4).e && matches!(t.k, TK::Punct('/' | '-' | '.')) && self.num(i + 6).is_some()) {
            return None;
        }
        Some(Expr { start: i, end: i + 5, sem: Sem::AbsDay(date), kind: "date", modifier: None })
    }

    /// "الساعة 16:00 بتوقيت ليبيا", "الساعة العاشرة صباحا", "الساعة الثانية والنصف بعد الظهر", "14:00 ت.غ"
    fn time_expr(&self, i: usize) -> Option<Expr> {
        let clock = self.role(i, Role::Clock);
        let j = clock.unwrap_or(i);
        let (mut h, mut mi, mut k, word_hour) = if let Some((hh, lh)) = self.num(j) {
            if self.punct(j + 1, ':') && self.adjacent(j) && self.adjacent(j + 1) {
                let (mm, lm) = self.num(j + 2)?;
                if lh > 2 || lm != 2 || hh > 24 || mm > 59 {
                    return None;
                }
                (hh, mm, j + 3, false)
            } else if clock.is_some() && lh <= 2 && (1..=24).contains(&hh) {
                (hh, 0, j + 1, true)
            } else {
                return None;
            }
        } else {
            clock?;
            let (k, l) = self.find(j, |l| matches!(l, Lex::Ord(_) | Lex::Card(_)))?;
            let v = match l {
                Lex::Ord(v) | Lex::Card(v) => v as u32,
                _ => return None,
            };
            if !(1..=12).contains(&v) {
                return None;
            }
            (v, 0, k, true)
        };
        if word_hour {
            if let Some((k2, Lex::Fraction(f))) = self.find(k, |l| matches!(l, Lex::Fraction(_))) {
                k = k2;
                if f < 0 {
                    h = if h == 0 { 23 } else { h - 1 };
                    mi = (60 + f as i32) as u32;
                } else {
                    mi = f as u32;
                }
            }
        }
        // "صباحا", "مساء", "بعد الظهر"
        let mut base = None;
        if let Some((k2, Lex::DayPart(c))) = self.find(k, |l| matches!(l, Lex::DayPart(_))) {
            // "… من مساء اليوم" / "مساء الإثنين": the day part may start a day expression
            if let Some(x) = self.core_day(k2).or_else(|| self.role(k2, Role::DayWord).and_then(|k3| self.core_day(k3))) {
                base = Some(Box::new(x.sem));
                k = x.end;
            } else {
                k = k2;
            }
            if c == 2 && h < 12 {
                h += 12;
            } else if c == 1 && h == 12 {
                h = 0;
            }
        } else if let Some(k2) = self.role(k, Role::Of) {
            if let Some(x) = self.daypart_expr(k2).or_else(|| self.core_day(k2)) {
                if let Some((_, Lex::DayPart(c))) = self.find(k2, |l| matches!(l, Lex::DayPart(_))) {
                    if c == 2 && h < 12 {
                        h += 12;
                    }
                }
                base = Some(Box::new(x.sem));
                k = x.end;
            }
        }
        let mut tz = false;
        if let Some(k2) = self.role(k, Role::Utc) {
            k = k2;
            tz = true;
        } else if let Some(k2) = self.role(k, Role::Timezone) {
            if self.word(k2).is_some() {
                k = k2 + 1;
                tz = true;
            }
        }
        if clock.is_none() && !tz {
            return None;
        }
        if h == 24 {
            h = 0;
        }
        Some(Expr { start: i, end: k, sem: Sem::Time { h, mi, base }, kind: "time", modifier: None })
    }

    /// "قبل يومين", "قبل ثلاثة أيام", "قبل أسبوع": a past date.
    fn ago_expr(&self, i: usize) -> Option<Expr> {
        let j = self.role(i, Role::Ago)?;
        let (end, n, u) = self.count_unit(j)?;
        let n = n? as i32;
        let sem = match u {
            DUnit::D => Sem::RelDay { off: -n, wd: None },
            DUnit::W => Sem::PeriodRel(PUnit::Week, -n),
            DUnit::M => Sem::PeriodRel(PUnit::Month, -n),
            DUnit::Y => Sem::PeriodRel(PUnit::Year, -n),
            _ => return None,
        };
        Some(Expr { start: i, end, sem, kind: "date", modifier: None })
    }

    /// A count and a unit: "3 أيام", "ثلاثة أشهر", "يومين", "أسبوع"; plural alone → None count.
    fn count_unit(&self, i: usize) -> Option<(usize, Option<u32>, DUnit)> {
        if let Some((v, _)) = self.num(i) {
            let (k, l) = self.find(i + 1, |l| matches!(l, Lex::Unit(..)))?;
            let Lex::Unit(u, _) = l else { return None };
            return Some((k, Some(v), u));
        }
        if let Some((k, Lex::Card(v))) = self.find(i, |l| matches!(l, Lex::Card(_))) {
            let (k2, l) = self.find(k, |l| matches!(l, Lex::Unit(..)))?;
            let Lex::Unit(u, _) = l else { return None };
            return Some((k2, Some(v as u32), u));
        }
        let (k, l) = self.find(i, |l| matches!(l, Lex::Unit(..)))?;
        let Lex::Unit(u, c) = l else { return None };
        // "عام 2011" is a year, "يوم الاقتراع" a day's name: no durations
        if c == 1 && (self.num(k).is_some() || self.word(k).is_some_and(|w| w.starts_with("ال")) && self.find(k, |l| matches!(l, Lex::Rel(_))).is_none()) {
            return None;
        }
        Some((k, if c == 0 { None } else { Some(c as u32) }, u))
    }

    /// Durations need a cue: "منذ ثلاثة أشهر", "خلال الأسابيع المقبلة", "نحو 9 أعوام", "بعد يومين";
    /// or a plural period with a relative word: "الأيام الماضية".
    fn duration_expr(&self, i: usize) -> Option<Expr> {
        let mut j = i;
        let mut cue = false;
        let mut approx = false;
        loop {
            if let Some((k, l)) = self.find(j, |l| matches!(l, Lex::Word(Role::DurCue) | Lex::Word(Role::ApproxCue))) {
                cue = true;
                approx |= l == Lex::Word(Role::ApproxCue);
                j = k;
                continue;
            }
            break;
        }
        let (mut end, n, u) = self.count_unit(j)?;
        let value = match n {
            Some(n) => {
                let mut half = false;
                if let Some((k, Lex::Fraction(30))) = self.find(end, |l| *l == Lex::Fraction(30)) {
                    half = true;
                    end = k;
                }
                if !(cue || half && n == 1) {
                    return None;
                }
                // "طوال اليوم", but not "بعد اليوم"
                if self.word(end - 1).is_some_and(|w| w.starts_with("ال"))
                    && !(j > i && self.word(j - 1).is_some_and(|w| w == "طوال" || w == "طيله"))
                {
                    return None;
                }
                match (u, half) {
                    (DUnit::Y, true) => format!("P{}M", n * 12 + 6),
                    (DUnit::De, _) => format!("P{}Y", n * 10),
                    (DUnit::H, _) if n % 24 == 0 => format!("P{}D", n / 24),
                    (DUnit::H, _) => format!("PT{n}H"),
                    (u, _) => format!("P{n}{}", unit_letter(u)),
                }
            }
            None => {
                // vague plural: needs a cue or a relative word after it ("الأيام الماضية");
                // a definite plural always needs the relative word ("منذ الأيام الأولى" is none)
                let definite = self.word(j).is_some_and(|w| w.starts_with("ال")) || self.word(end - 1).is_some_and(|w| w.starts_with("ال"));
                let cue = cue && !definite;
                let mut k = end;
                if self.word(k).is_some_and(|w| w == "القليله") {
                    k += 1;
                }
                if let Some((k2, Lex::Rel(_))) = self.find(k, |l| matches!(l, Lex::Rel(_))) {
                    end = k2;
                } else if !cue {
                    return None;
                }
                match u {
                    DUnit::De => "PXY".to_string(),
                    DUnit::H => "PTXH".to_string(),
                    u => format!("PX{}", unit_letter(u)),
                }
            }
        };
        Some(Expr { start: i, end, sem: Sem::Fixed(value), kind: "duration", modifier: approx.then_some("APPROX") })
    }

    fn fixed_expr(&self, i: usize) -> Option<Expr> {
        let (j, l) = self.find(i, |l| matches!(l, Lex::Vague(_) | Lex::Set(_)))?;
        let (idx, kind) = match l {
            Lex::Vague(v) => (v, "date"),
            Lex::Set(v) => (v, "set"),
            _ => return None,
        };
        // "400 ألف برميل يوميا" is a rate, not a recurring time
        if kind == "set" && (self.prev_word_is(i, Role::CountNoun) || self.text[..self.tok(i).s].trim_end().ends_with(|c: char| c.is_ascii_digit())) {
            return None;
        }
        Some(Expr { start: i, end: j, sem: Sem::Fixed(self.t.values[idx as usize].clone()), kind, modifier: None })
    }
}

fn unit_letter(u: DUnit) -> &'static str {
    match u {
        DUnit::H => "H",
        DUnit::D => "D",
        DUnit::W => "W",
        DUnit::M => "M",
        DUnit::Y | DUnit::De => "Y",
    }
}

fn days_in_month_max(m: u32) -> u32 {
    match m {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// ------------------------------------------------------------------------------------------
// Resolution
// ------------------------------------------------------------------------------------------

/// Tabular (arithmetical) Islamic calendar, epoch 16 July 622 (Julian), leap years 2, 5, 7, 10,
/// 13, 16, 18, 21, 24, 26, 29 of the 30-year cycle. It can differ by a day or two from the
/// sighted calendar that newspapers follow.
fn hijri_to_gregorian(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    if !(1..=12).contains(&m) || !(1..=30).contains(&d) || y < 1 {
        return None;
    }
    let (y, m, d) = (y as i64, m as i64, d as i64);
    let jdn = d + (295 * (m - 1) + 9) / 10 + (y - 1) * 354 + (3 + 11 * y) / 30 + 1948440 - 1;
    NaiveDate::from_num_days_from_ce_opt((jdn - 1721425) as i32)
}

fn fmt_day(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn fmt_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

fn weekday_date(r: NaiveDate, wd: u32, dir: i8) -> NaiveDate {
    let cur = r.weekday().number_from_monday() as i64;
    let wd = wd as i64;
    let back = (cur - wd).rem_euclid(7);
    let fwd = (wd - cur).rem_euclid(7);
    match dir {
        -1 => r - Duration::days(if back == 0 { 7 } else { back }),
        // "الخميس قبل الماضي": the week before.
        -3 => r - Duration::days(7 + if back == 0 { 7 } else { back }),
        1 => r + Duration::days(if fwd == 0 { 7 } else { fwd }),
        2 => r + Duration::days(fwd),
        _ => r - Duration::days(back),
    }
}

fn shift_month(y: i32, m: u32, by: i32) -> (i32, u32) {
    let total = y * 12 + (m as i32 - 1) + by;
    (total.div_euclid(12), (total.rem_euclid(12) + 1) as u32)
}

/// The year of month `m` (and day `d`) written with `y`, against the reference.
fn year_for(y: YSpec, m: u32, d: Option<u32>, r: NaiveDate) -> i32 {
    let here = (r.month(), r.day());
    let it = (m, d.unwrap_or(0));
    match y {
        YSpec::Abs(y) => y,
        YSpec::YearOffset(off) => r.year() + off as i32,
        YSpec::Rel(0) => r.year(),
        // "يونيو قبل الماضي": the one before the last past.
        YSpec::Rel(-2) => year_for(YSpec::Rel(-1), m, d, r) - 1,
        YSpec::Rel(-1) => {
            let before = if d.is_some() { it < here } else { m < r.month() };
            if before {
                r.year()
            } else {
                r.year() - 1
            }
        }
        YSpec::Rel(_) => {
            let after = if d.is_some() { it > here } else { m > r.month() };
            if after {
                r.year()
            } else {
                r.year() + 1
            }
        }
        YSpec::Bare { future } => {
            if d.is_some() {
                r.year()
            } else if future {
                if m >= r.month() {
                    r.year()
                } else {
                    r.year() + 1
                }
            } else if m <= r.month() {
                r.year()
            } else {
                r.year() - 1
            }
        }
    }
}

/// Whether a duration's value is a number of hours (or minutes) short of a day, or a few hours.
fn under_a_day(value: &str) -> bool {
    let Some(time) = value.strip_prefix("PT") else { return false };
    match time.strip_suffix('H') {
        Some(hours) => hours.parse::<u32>().map_or(true, |h| h < 24),
        None => true,
    }
}

/// The year of season `s` that `y` points at from the reference date: "الخريف الماضي" written
/// in July 2018 is the autumn of 2017, in December 2018 that of 2018.
fn season_year(y: YSpec, s: u8, r: NaiveDate) -> i32 {
    // Seasons counted from the spring of year 0: spring is March-May, winter December-February
    // (and labelled with its December's year).
    let m = r.month() as i32;
    let current = (if m < 3 { r.year() - 1 } else { r.year() }) * 4 + (m - 3).rem_euclid(12) / 3;
    let s = s as i32;
    let n = match y {
        YSpec::Abs(y) => return y,
        YSpec::YearOffset(off) => return r.year() + off as i32,
        // "الصيف الحالي": the season running, or else that of the reference's calendar year.
        YSpec::Rel(0) | YSpec::Bare { .. } => {
            if current.rem_euclid(4) == s {
                current
            } else {
                r.year() * 4 + s
            }
        }
        YSpec::Rel(d) if d < 0 => {
            let back = (current - s).rem_euclid(4);
            let last = current - if back == 0 { 4 } else { back };
            last + 4 * (d as i32 + 1)
        }
        YSpec::Rel(_) => {
            let ahead = (s - current).rem_euclid(4);
            current + if ahead == 0 { 4 } else { ahead }
        }
    };
    n.div_euclid(4)
}

/// A day-precise date this expression names, once resolved.
fn resolved_day(x: &Expr, r: Option<NaiveDate>) -> Option<NaiveDate> {
    match &x.sem {
        Sem::AbsDay(d) => Some(*d),
        Sem::Day { y: YSpec::Abs(y), m, d } => NaiveDate::from_ymd_opt(*y, *m, *d),
        Sem::Day { y, m, d } => r.and_then(|r| NaiveDate::from_ymd_opt(year_for(*y, *m, Some(*d), r), *m, *d)),
        Sem::RelDay { off, .. } => r.map(|r| r + Duration::days(*off as i64)),
        Sem::Weekday { wd, dir } => r.map(|r| weekday_date(r, *wd, *dir)),
        Sem::DayOfMonthRel { off, d } => r.and_then(|r| day_of_month_rel(r, *off, *d)),
        _ => None,
    }
}

/// Day `d` of the month `off` months from `r`'s.
fn day_of_month_rel(r: NaiveDate, off: i32, d: u32) -> Option<NaiveDate> {
    let (y, m) = shift_month(r.year(), r.month(), off);
    NaiveDate::from_ymd_opt(y, m, d)
}

fn absolute_day(s: &Sem) -> Option<NaiveDate> {
    match s {
        Sem::AbsDay(d) => Some(*d),
        Sem::Day { y: YSpec::Abs(y), m, d } => NaiveDate::from_ymd_opt(*y, *m, *d),
        _ => None,
    }
}

fn explicit_year(s: &Sem) -> Option<i32> {
    match s {
        Sem::Year(y) | Sem::AbsMonth(y, _) => Some(*y),
        Sem::Day { y: YSpec::Abs(y), .. } => Some(*y),
        Sem::AbsDay(d) => Some(d.year()),
        _ => None,
    }
}

/// (value, anchored)
fn resolve(x: &Expr, ctx: &Ctx) -> (String, bool) {
    let r = ctx.reference;
    match &x.sem {
        Sem::Fixed(v) => (v.clone(), true),
        Sem::Year(y) => (format!("{y:04}"), true),
        Sem::SameYear => match ctx.last_year {
            Some(y) => (format!("{y:04}"), true),
            None => match r {
                Some(r) => (format!("{:04}", r.year()), true),
                None => ("XXXX".into(), false),
            },
        },
        Sem::AbsDay(d) => (fmt_day(*d), true),
        Sem::AbsMonth(y, m) => (format!("{y:04}-{m:02}"), true),
        Sem::Season { y, s } => {
            let code = SEASONS[*s as usize];
            match (y, r) {
                (YSpec::Abs(yy), _) => (format!("{yy:04}-{code}"), true),
                (_, Some(r)) => (format!("{:04}-{code}", season_year(*y, *s, r)), true),
                (_, None) => (format!("XXXX-{code}"), false),
            }
        }
        Sem::Day { y, m, d } => match (y, r) {
            (YSpec::Abs(yy), _) => (format!("{yy:04}-{m:02}-{d:02}"), true),
            (_, Some(r)) => (format!("{:04}-{m:02}-{d:02}", year_for(*y, *m, Some(*d), r)), true),
            (_, None) => (format!("XXXX-{m:02}-{d:02}"), false),
        },
        Sem::Month { y, m } => match (y, r) {
            (YSpec::Abs(yy), _) => (format!("{yy:04}-{m:02}"), true),
            (_, Some(r)) => (format!("{:04}-{m:02}", year_for(*y, *m, None, r)), true),
            (_, None) => (format!("XXXX-{m:02}"), false),
        },
        Sem::PeriodRel(u, off) => match (u, r) {
            (PUnit::Week, Some(r)) => (fmt_week(r + Duration::days(7 * *off as i64)), true),
            (PUnit::Month, Some(r)) => {
                let (y, m) = shift_month(r.year(), r.month(), *off);
                (format!("{y:04}-{m:02}"), true)
            }
            (PUnit::Year, Some(r)) => (format!("{:04}", r.year() + off), true),
            (PUnit::Week, None) => ("XXXX-WXX".into(), false),
            (PUnit::Month, None) => ("XXXX-XX".into(), false),
            (PUnit::Year, None) => ("XXXX".into(), false),
        },
        Sem::DayOfMonthRel { off, d } => match r {
            Some(r) => match day_of_month_rel(r, *off, *d) {
                Some(day) => (fmt_day(day), true),
                // (A day the month does not have: the month is all that is certain.)
                None => {
                    let (y, m) = shift_month(r.year(), r.month(), *off);
                    (format!("{y:04}-{m:02}"), true)
                }
            },
            None => (format!("XXXX-XX-{d:02}"), false),
        },
        Sem::RelDay { off, wd } => match r {
            Some(r) => (fmt_day(r + Duration::days(*off as i64)), true),
            None => match wd {
                Some(w) => (format!("XXXX-WXX-{w}"), false),
                None => ("XXXX-XX-XX".into(), false),
            },
        },
        Sem::Weekday { wd, dir } => match r {
            Some(r) => (fmt_day(weekday_date(r, *wd, *dir)), true),
            None => (format!("XXXX-WXX-{wd}"), false),
        },
        Sem::Time { h, mi, base } => {
            let day = match base {
                Some(b) => resolved_day(&Expr { sem: (**b).clone(), ..x.clone() }, r),
                None => ctx.last_day.or(r),
            };
            match day {
                Some(d) => (format!("{}T{h:02}:{mi:02}", fmt_day(d)), true),
                None => (format!("XXXX-XX-XXT{h:02}:{mi:02}"), false),
            }
        }
    }
}

// ------------------------------------------------------------------------------------------
// Tests
// ------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct DateFile {
        dates: DateRules,
    }

    fn tagger() -> DateTagger {
        let f: DateFile = toml::from_str(include_str!("../../rules/dates.toml")).expect("rules/dates.toml parses");
        DateTagger::new(&f.dates).expect("date rules compile")
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn table_rows() {
        let t = tagger();
        let mut failures = Vec::new();
        let mut rows = 0;
        for (n, line) in include_str!("../../tests/data/dates.tsv").lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 6, "line {}: six tab-separated columns", n + 1);
            rows += 1;
            let text = fold(cols[0]);
            let reference = (cols[1] != "-").then(|| d(cols[1]));
            let want_span = fold(cols[2]);
            let found = t.find(&text, reference);
            let got = found.iter().find(|m| fold(&text[m.start..m.end]) == want_span || want_span == "-");
            if cols[2] == "-" {
                if !found.is_empty() {
                    failures.push(format!("line {}: {:?} wanted nothing, got {:?}", n + 1, cols[0], found));
                }
                continue;
            }
            let Some(m) = got else {
                let spans: Vec<_> = found.iter().map(|m| (&text[m.start..m.end], m.value.clone())).collect();
                failures.push(format!("line {}: {:?} no span {:?}; got {:?}", n + 1, cols[0], cols[2], spans));
                continue;
            };
            let want_mod = (cols[4] != "-").then_some(cols[4]);
            if m.value != cols[3] || m.modifier != want_mod || m.kind != cols[5] {
                failures.push(format!(
                    "line {}: {:?} → {} {:?} {}, want {} {:?} {}",
                    n + 1,
                    cols[0],
                    m.value,
                    m.modifier,
                    m.kind,
                    cols[3],
                    want_mod,
                    cols[5]
                ));
            }
            let want_anchored = reference.is_some() || !m.value.contains('X') || m.kind == "duration";
            if m.anchored != want_anchored && !m.value.starts_with('P') {
                failures.push(format!("line {}: {:?} anchored {}", n + 1, cols[0], m.anchored));
            }
        }
        assert!(rows >= 100, "only {rows} rows");
        assert!(failures.is_empty(), "{} of {rows} rows fail:\n{}", failures.len(), failures.join("\n"));
    }

    #[test]
    fn hijri_conversion() {
        // 1 Muharram 1 AH = 19 July 622 (proleptic Gregorian) in the tabular calendar
        assert_eq!(hijri_to_gregorian(1, 1, 1), Some(d("0622-07-19")));
        assert_eq!(hijri_to_gregorian(1436, 9, 1), Some(d("2015-06-18")));
        // the sighted calendar (Umm al-Qura) had 11 September; the tabular one is a day later
        assert_eq!(hijri_to_gregorian(1440, 1, 1), Some(d("2018-09-12")));
        assert_eq!(hijri_to_gregorian(1432, 3, 13), Some(d("2011-02-17")));
        assert_eq!(hijri_to_gregorian(1432, 12, 10), Some(d("2011-11-07")));
        assert_eq!(hijri_to_gregorian(1436, 13, 1), None);
    }

    #[test]
    fn weekday_resolution() {
        let fri = d("2020-02-21");
        assert_eq!(weekday_date(fri, 5, -2), fri);
        assert_eq!(weekday_date(fri, 5, -1), d("2020-02-14"));
        assert_eq!(weekday_date(fri, 3, -2), d("2020-02-19"));
        assert_eq!(weekday_date(fri, 3, 1), d("2020-02-26"));
        assert_eq!(weekday_date(fri, 5, 1), d("2020-02-28"));
        assert_eq!(weekday_date(fri, 5, 2), fri);
        assert_eq!(weekday_date(fri, 7, 2), d("2020-02-23"));
    }

    /// The built-in tables with a user's table (TOML) merged over them.
    fn tagger_with(user: &str) -> DateTagger {
        let mut base: DateFile = toml::from_str(include_str!("../../rules/dates.toml")).unwrap();
        let user: DateFile = toml::from_str(user).unwrap();
        base.dates.merge(user.dates);
        base.dates.validate().unwrap();
        DateTagger::new(&base.dates).unwrap()
    }

    #[test]
    fn merge_overrides_names() {
        let t = tagger_with("[[dates.weekday]]\nnumber = 3\nnames = [\"الخميس\"]\n");
        let m = t.find("الخميس", None);
        assert_eq!(m[0].value, "XXXX-WXX-3");
    }

    #[test]
    fn validate_rejects_bad_tables() {
        for table in [
            "[[dates.month]]\nnumber = 13\nnames = [\"x\"]\n",
            "[[dates.weekday]]\nnumber = 1\nnames = [\"ً\"]\n",
            "[[dates.word]]\nrole = \"nope\"\nnames = [\"x\"]\n",
            "[[dates.named]]\ndate = \"2011-02-30\"\n",
            "[[dates.named]]\ndate = \"2011-02-17\"\n[[dates.named]]\ndate = \"2012-02-17\"\n",
            "[[dates.season]]\nseason = \"summer\"\nnames = [\"صيف\"]\n",
        ] {
            let bad: DateFile = toml::from_str(table).unwrap();
            assert!(bad.dates.validate().is_err(), "{table}");
        }
        assert!(toml::from_str::<DateFile>("[[dates.month]]\nnumber = 1\nnames = [\"x\"]\nextra = 1\n").is_err());
    }

    #[test]
    fn a_user_season_name_is_read_like_the_built_in_ones() {
        // (Moved to summer: the built-in table has the word for spring.)
        let t = tagger_with("[[dates.season]]\nseason = \"SU\"\nnames = [\"ربيع\"]\n");
        let m = t.find(&fold("في ربيع 2014"), None);
        assert_eq!(m[0].value, "2014-SU");
    }

    #[test]
    fn a_user_named_day_replaces_the_built_in_one() {
        let t = tagger_with("[[dates.named]]\ndate = \"2012-02-17\"\n[[dates.named]]\ndate = \"2014-05-16\"\n");
        let values = |text: &str| t.find(&fold(text), Some(d("2016-03-01"))).into_iter().map(|m| m.value).collect::<Vec<_>>();
        assert_eq!(values("ثورة 17 فبراير"), ["2012-02-17"]);
        assert_eq!(values("ذكرى 16 مايو"), ["2014-05-16"]);
        assert_eq!(values("ثورة 25 يناير"), ["2011-01-25"]);
    }

    /// Every match of `text`, read character by character (the scan without tokens).
    fn find_by_chars(t: &DateTagger, text: &str, reference: Option<NaiveDate>) -> Vec<DateMatch> {
        let mut out = Vec::new();
        let mut ctx = Ctx { reference, last_day: None, last_year: None };
        t.scan(text, 0, text.len(), None, &mut ctx, &mut |_, m| out.push(m));
        out
    }

    #[test]
    fn reading_by_tokens_finds_what_reading_by_characters_finds() {
        let t = tagger();
        let mut texts: Vec<String> = [
            "و20 فيفري 2017 وفي2011م قال 3.5 و2011.5 الساعة16:00 بتوقيت ليبيا",
            "اليوم الجمعة ٢٠ فبراير ۲۰۱۷ x²2011 \u{0966}2011 aيناير 2011b",
            "منذ ثلاثة أشهر، 17/12/2015 و2015-12-17 للأسبوع المقبل لليوم",
            "مساء أمس الخميس (12 يوليو) قبل يومين في رمضان 1436 هـ",
        ]
        .iter()
        .flat_map(|s| [s.to_string(), fold(s)])
        .collect();
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        for entry in std::fs::read_dir(seeds).into_iter().flatten().flatten() {
            if let Ok(text) = std::fs::read_to_string(entry.path()) {
                texts.push(crate::normalize::normalize(&text).text);
            }
        }
        assert!(texts.len() > 8);
        for text in &texts {
            for reference in [None, Some(d("2020-02-21"))] {
                assert_eq!(t.find(text, reference), find_by_chars(&t, text, reference), "{text}");
            }
            let (tokens, marked) = segment::tokens_marked(text);
            let words = Words { tokens: &tokens, marked: &marked };
            // The dateline reads single lines: the tokens end at each line's end.
            let mut line_start = 0;
            for line in text.split('\n').take(8) {
                let line_end = line_start + line.len();
                let mut ctx = Ctx { reference: None, last_day: None, last_year: None };
                let mut a = Vec::new();
                t.scan(text, line_start, line_end, Some(words), &mut ctx, &mut |_, m| a.push(m));
                let mut ctx = Ctx { reference: None, last_day: None, last_year: None };
                let mut b = Vec::new();
                t.scan(text, line_start, line_end, None, &mut ctx, &mut |_, m| b.push(m));
                assert_eq!(a, b, "{line}");
                line_start = line_end + 1;
            }
        }
    }

    #[test]
    fn dateline_and_offsets() {
        let t = tagger();
        let text = fold("عنوان الخبر\n\n21 فبراير 2020\nنص الخبر اليوم الجمعة");
        let (s, e, date) = t.find_dateline(&text).unwrap();
        assert_eq!(&text[s..e], "21 فبراير 2020");
        assert_eq!(date, d("2020-02-21"));
        let text = fold("قال الوزير إن الاجتماع عقد في 21 فبراير 2020 بحضور الوفود كلها من الشرق والغرب");
        assert!(t.find_dateline(&text).is_none());
        // proclitics stay out of the span
        let text = fold("وفي 21 فبراير");
        let m = &t.find(&text, None)[0];
        assert_eq!(&text[m.start..m.end], "21 فبراير");
        let text = fold("ومنذ الأسبوع الماضي");
        let m = &t.find(&text, None)[0];
        assert_eq!(&text[m.start..m.end], "الاسبوع الماضي");
    }
}
