//! The extract stage: one article's text in, its actors, places, dates and events out.
//!
//! One normalization pass, one automaton pass over all aliases, then the extractors read the
//! resolved hits. Internal types here are not the wire format: `report::schema` is.

pub mod actors;
pub mod dates;
pub mod events;
pub mod matcher;
pub mod places;

use crate::normalize::{normalize, NormalizedText};
use crate::rules::Engine;
use crate::segment::{self, Sentence, Token};
use chrono::NaiveDate;
use matcher::Hit;

/// A span of the original text, in code points, with the text it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// Which actor: one from the tables, or a name found by pattern.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActorRef {
    Known(u32),
    New(String),
}

#[derive(Debug, Clone)]
pub struct FoundActor {
    pub actor: ActorRef,
    /// For unknown actors: the name as first written.
    pub new_name: Option<String>,
    pub mentions: Vec<Mention>,
}

#[derive(Debug, Clone)]
pub struct FoundPlace {
    pub place: u32,
    pub mentions: Vec<Mention>,
}

#[derive(Debug, Clone)]
pub struct FoundDate {
    pub mention: Mention,
    pub kind: &'static str,
    pub value: String,
    pub modifier: Option<&'static str>,
    pub anchored: bool,
}

#[derive(Debug, Clone)]
pub struct FoundEvent {
    pub trigger: u32,
    pub mention: Mention,
    /// Every other mention of the same event in the article.
    pub also: Vec<Mention>,
    pub source: Vec<String>,
    pub target: Vec<String>,
    pub places: Vec<String>,
    pub date: Option<String>,
    pub negated: bool,
    pub sentence: (usize, usize),
    /// Which part of the role frame gave the source and target: for `explain`.
    pub rule: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublishedSource {
    Dateline,
    Metadata,
    Reference,
}

impl PublishedSource {
    pub fn as_str(&self) -> &'static str {
        match self {
            PublishedSource::Dateline => "dateline",
            PublishedSource::Metadata => "metadata",
            PublishedSource::Reference => "reference",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Published {
    pub date: NaiveDate,
    pub mention: Option<Mention>,
    pub source: PublishedSource,
}

/// What one article yields.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub title: Option<String>,
    pub published: Option<Published>,
    pub actors: Vec<FoundActor>,
    pub places: Vec<FoundPlace>,
    pub dates: Vec<FoundDate>,
    pub events: Vec<FoundEvent>,
    pub warnings: Vec<String>,
    /// Normalized spans of actor and place mentions with their ids, for the event coder.
    pub actor_spans: Vec<Span>,
    pub place_spans: Vec<Span>,
}

/// A normalized byte span that names an entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    /// Proclitic bytes before `start` ("ب", "مع" is a word, not a proclitic).
    pub prefix: usize,
    pub id: String,
    /// Which rule produced it, for `explain`.
    pub rule: &'static str,
    /// A media outlet: cited as a source of news, never an actor of events.
    pub media: bool,
    /// An unnamed group ("الميليشيات"): a source only where the grammar names it one.
    pub generic: bool,
}

/// The spans of `spans`, which are in text order, that lie inside `sentence`: a run found by
/// binary search, not by reading every span of the article.
pub fn spans_in(spans: &[Span], sentence: Sentence) -> impl Iterator<Item = &Span> {
    let first = spans.partition_point(|s| s.start < sentence.start);
    spans[first..].iter().take_while(move |s| s.start < sentence.end).filter(move |s| s.end <= sentence.end)
}

/// The dates of `dates`, which are in text order, that lie inside the original code-point
/// range `start..end` (a sentence's), found by binary search.
pub fn dates_in(dates: &[FoundDate], start: usize, end: usize) -> impl Iterator<Item = &FoundDate> {
    let first = dates.partition_point(|d| d.mention.start < start);
    dates[first..].iter().take_while(move |d| d.mention.start < end).filter(move |d| d.mention.end <= end)
}

/// Dates known from outside the text.
#[derive(Debug, Clone, Copy, Default)]
pub struct DateContext {
    /// From the sidecar `<stem>.json`.
    pub metadata: Option<NaiveDate>,
    /// From `--reference-date`.
    pub reference: Option<NaiveDate>,
}

/// The original text with a code-point → byte index, so spans can be sliced.
pub struct Original<'a> {
    pub text: &'a str,
    char_bytes: Vec<u32>,
}

impl<'a> Original<'a> {
    pub fn new(text: &'a str) -> Self {
        // A char starts at every byte that is not a UTF-8 continuation byte (0b10xx_xxxx).
        // Branch-free: every index is written, and the slot advances only past a char start.
        let mut char_bytes: Vec<u32> = vec![0; text.len() + 1];
        let mut n = 0;
        for (i, &b) in text.as_bytes().iter().enumerate() {
            char_bytes[n] = i as u32;
            n += usize::from((b as i8) >= -0x40);
        }
        char_bytes[n] = text.len() as u32;
        char_bytes.truncate(n + 1);
        Original { text, char_bytes }
    }

    pub fn chars(&self) -> usize {
        self.char_bytes.len() - 1
    }

    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        &self.text[self.char_bytes[start] as usize..self.char_bytes[end] as usize]
    }
}

/// Everything the extractors share about one article.
pub struct Document<'a> {
    pub original: Original<'a>,
    pub norm: NormalizedText,
    pub sentences: Vec<Sentence>,
    /// How many sentences end at or before the first byte of each 64-byte block of the
    /// normalized text ([`sentence_blocks`]): the sentence holding a position is a table read
    /// and a step or two away, not a binary search.
    sentence_blocks: Vec<u32>,
    /// Every token of the normalized text, in order: the matcher walks them, and with
    /// `token_blocks` the word before a position is a table read and a step or two away.
    pub tokens: Vec<Token>,
    /// How many tokens start before each 8-byte block ([`segment::token_blocks`]).
    token_blocks: Vec<u32>,
    /// The tokens holding a character that is no letter ([`segment::tokens_marked`]).
    marked_tokens: Vec<u32>,
    pub entity_hits: Vec<Hit>,
    pub trigger_hits: Vec<Hit>,
}

impl<'a> Document<'a> {
    pub fn new(text: &'a str, engine: &Engine) -> Self {
        let mut norm = normalize(text);
        let char_bytes = norm.take_char_bytes();
        blank_repeated_title(&mut norm.text);
        let sentences = segment::sentences(&norm.text);
        let sentence_blocks = sentence_blocks(&sentences, norm.text.len());
        let (tokens, marked_tokens) = segment::tokens_marked(&norm.text);
        let token_blocks = segment::token_blocks(&tokens, norm.text.len());
        let [entity_hits, trigger_hits] = engine.lexicon.find_layers(&norm.text, &tokens);
        // Every extractor starts from the hits' payloads: fetched now, they are read from cache.
        engine.lexicon.prefetch_payloads(&entity_hits);
        engine.lexicon.prefetch_payloads(&trigger_hits);
        Document { original: Original { text, char_bytes }, norm, sentences, sentence_blocks, tokens, token_blocks, marked_tokens, entity_hits, trigger_hits }
    }

    /// The normalized text's words, for the date tagger.
    pub fn words(&self) -> dates::Words<'_> {
        dates::Words { tokens: &self.tokens, marked: &self.marked_tokens }
    }

    /// The original mention for a normalized byte span.
    pub fn mention(&self, start: usize, end: usize) -> Mention {
        let (s, e) = self.norm.original_span(start, end);
        Mention { text: self.original.slice(s, e).to_string(), start: s, end: e }
    }

    /// The original text of a normalized byte span, without copying it.
    pub fn original_text(&self, start: usize, end: usize) -> &str {
        let (s, e) = self.norm.original_span(start, end);
        self.original.slice(s, e)
    }

    /// The sentence holding normalized byte `pos`.
    pub fn sentence_of(&self, pos: usize) -> Option<Sentence> {
        // The first sentence ending after `pos`: the one the block's count reaches, or a later one.
        let mut i = self.sentence_blocks[(pos / SENTENCE_BLOCK).min(self.sentence_blocks.len() - 1)] as usize;
        while self.sentences.get(i).is_some_and(|s| s.end <= pos) {
            i += 1;
        }
        self.sentences.get(i).copied().filter(|s| s.start <= pos)
    }

    /// Original code-point bounds of a sentence.
    pub fn sentence_span(&self, s: Sentence) -> (usize, usize) {
        let (start, end) = self.norm.original_span(s.start, s.end);
        (start, end)
    }

    /// The word just before normalized byte `pos` (skipping spaces and punctuation), if any.
    pub fn previous_word(&self, pos: usize) -> Option<&str> {
        segment::word_before_indexed(&self.norm.text, &self.tokens, &self.token_blocks, pos).map(|(start, end)| &self.norm.text[start..end])
    }

    /// The normalized byte offset of `word`, a slice of `norm.text` (as [`Self::previous_word`]
    /// and [`Self::words_in`] return).
    pub fn offset_of(&self, word: &str) -> usize {
        word.as_ptr() as usize - self.norm.text.as_ptr() as usize
    }

    /// The words between normalized positions `from` and `to` (cut at them), in order: the
    /// pieces of `norm.text[from..to]` split at non-word characters, read from the
    /// document's token index. Reversed, the last words before a position.
    pub fn words_in(&self, from: usize, to: usize) -> impl DoubleEndedIterator<Item = &str> + ExactSizeIterator + '_ {
        segment::words_in_range_indexed(&self.norm.text, &self.tokens, &self.token_blocks, from, to)
    }

    /// How many words [`Self::words_in`] has, without reading the text between.
    pub fn word_count(&self, from: usize, to: usize) -> usize {
        segment::word_count_in_range_indexed(&self.tokens, &self.token_blocks, from, to)
    }

    /// The word right after normalized byte `pos`, if on the same line.
    pub fn next_word(&self, pos: usize) -> Option<&str> {
        // Read from the UTF-8 bytes as the tokenizer reads them ([`segment::word_char_at`] is
        // [`segment::is_word_char`]), not through two char searches with a closure.
        let text = &self.norm.text;
        let mut start = pos;
        while start < text.len() {
            let (word, width) = segment::word_char_at(text, start);
            if word || text.as_bytes()[start] == b'\n' {
                break;
            }
            start += width;
        }
        let mut end = start;
        while end < text.len() {
            let (word, width) = segment::word_char_at(text, end);
            if !word {
                break;
            }
            end += width;
        }
        (end > start).then(|| &text[start..end])
    }
}

/// Bytes per block of [`Document`]'s sentence index: sentences are most often longer.
const SENTENCE_BLOCK: usize = 64;

/// How many of `sentences` (in text order) end at or before the first byte of each
/// [`SENTENCE_BLOCK`]-byte block of a text of `len` bytes (`0..=len / SENTENCE_BLOCK`).
fn sentence_blocks(sentences: &[Sentence], len: usize) -> Vec<u32> {
    let blocks = len / SENTENCE_BLOCK + 1;
    let mut out = Vec::with_capacity(blocks);
    let mut k = 0;
    for block in 0..blocks {
        while k < sentences.len() && sentences[k].end <= block * SENTENCE_BLOCK {
            k += 1;
        }
        out.push(k as u32);
    }
    out
}

/// Scraped articles often print the headline twice; the second copy is blanked (same byte
/// length, so offsets hold) so its names are not counted twice.
fn blank_repeated_title(text: &mut String) {
    let mut lines = text.split('\n').scan(0usize, |pos, line| {
        let start = *pos;
        *pos += line.len() + 1;
        Some((start, line))
    });
    let Some((_, first)) = lines.by_ref().find(|(_, l)| !l.trim().is_empty()) else { return };
    let Some((start, second)) = lines.find(|(_, l)| !l.trim().is_empty()) else { return };
    if second.trim() == first.trim() {
        let len = second.len();
        text.replace_range(start..start + len, &" ".repeat(len));
    }
}

/// The headline: the first non-empty line.
pub fn title(text: &str) -> Option<String> {
    text.lines().map(str::trim).find(|l| !l.is_empty()).map(|l| l.trim_start_matches('\u{FEFF}').to_string())
}

/// Runs every extractor over one article.
pub fn analyze(text: &str, engine: &Engine, context: DateContext) -> Analysis {
    analyze_document(&Document::new(text, engine), engine, context)
}

/// Runs every extractor over an article already normalized and matched (`explain` shows both).
pub fn analyze_document(doc: &Document, engine: &Engine, context: DateContext) -> Analysis {
    analyze_document_traced(doc, engine, context, None)
}

/// [`analyze_document`], also telling `uncoded` of the triggers that gave no event.
pub fn analyze_document_traced(doc: &Document, engine: &Engine, context: DateContext, uncoded: Option<&mut Vec<events::Uncoded>>) -> Analysis {
    let text = doc.original.text;
    let mut analysis = Analysis { title: title(text), ..Default::default() };
    analysis.published = published(doc, engine, context);
    let reference = analysis.published.as_ref().map(|p| p.date);
    if reference.is_none() {
        analysis.warnings.push("no publication date (no dateline, sidecar or --reference-date): relative dates are unanchored".into());
    }
    analysis.dates = dates_of(doc, engine, reference);
    (analysis.actors, analysis.actor_spans) = actors::extract(doc, engine, reference);
    (analysis.places, analysis.place_spans) = places::extract(doc, engine);
    analysis.events = events::extract_traced(doc, engine, &analysis, reference, uncoded);
    keep_generic_participants(&mut analysis, engine);
    analysis
}

/// An unnamed group ("الميليشيات", "مصادر دبلوماسية") is worth reporting where it acts or is
/// acted upon; elsewhere it is background the guidelines leave optional, so it is dropped.
fn keep_generic_participants(analysis: &mut Analysis, engine: &Engine) {
    let is_generic = |a: &FoundActor| matches!(a.actor, ActorRef::Known(i) if engine.actors[i as usize].generic);
    if !analysis.actors.iter().any(is_generic) {
        return; // most articles: nothing to decide, no set to build
    }
    // Fx, not SipHash: ids are ours, and the set is only asked whether it holds one.
    let participants: rustc_hash::FxHashSet<&str> =
        analysis.events.iter().flat_map(|e| e.source.iter().chain(&e.target)).map(String::as_str).collect();
    let dropped = |i: u32| engine.actors[i as usize].generic && !participants.contains(engine.actors[i as usize].id.as_str());
    let dropped_ids: Vec<String> = analysis
        .actors
        .iter()
        .filter_map(|a| match a.actor {
            ActorRef::Known(i) if dropped(i) => Some(engine.actors[i as usize].id.clone()),
            _ => None,
        })
        .collect();
    if dropped_ids.is_empty() {
        return;
    }
    analysis.actors.retain(|a| !matches!(a.actor, ActorRef::Known(i) if dropped_ids.contains(&engine.actors[i as usize].id)));
    analysis.actor_spans.retain(|s| !dropped_ids.contains(&s.id));
}

fn published(doc: &Document, engine: &Engine, context: DateContext) -> Option<Published> {
    if let Some((start, end, date)) = engine.dates.find_dateline_in(&doc.norm.text, doc.words()) {
        return Some(Published { date, mention: Some(doc.mention(start, end)), source: PublishedSource::Dateline });
    }
    if let Some(date) = context.metadata {
        return Some(Published { date, mention: None, source: PublishedSource::Metadata });
    }
    context.reference.map(|date| Published { date, mention: None, source: PublishedSource::Reference })
}

fn dates_of(doc: &Document, engine: &Engine, reference: Option<NaiveDate>) -> Vec<FoundDate> {
    engine
        .dates
        .find_in(&doc.norm.text, doc.words(), reference)
        .into_iter()
        .filter(|m| m.start < m.end)
        .map(|m| FoundDate {
            mention: doc.mention(m.start, m.end),
            kind: m.kind,
            value: m.value,
            modifier: m.modifier,
            anchored: m.anchored,
        })
        .collect()
}
