//! Events: who did what to whom, where and when, coded in CAMEO.
//!
//! Per trigger (a verb, verbal noun or phrase from the trigger table) in a sentence:
//! - source: for a verb, the actor right after it (VSO), else the nearest actor before it in the
//!   sentence (SVO); for a noun, its possessor ("زيارة أردوغان", "قصف قوات حفتر"), else the
//!   nearest actor before it; "من قبل X" (passive) always names the source;
//! - target: the actor introduced by one of the trigger's prepositions, or for `object`
//!   triggers the first other actor after it;
//! - places: places in the sentence; date: a date in the sentence, else the article's
//!   reference date for a past-tense verb;
//! - negation (لم لن لا ما ليس عدم نفي) sets `negated`;
//! - reporting verbs (code 01x) give an event only when the sentence has no other one, so
//!   plain statements do not crowd out what was said; an event with no source of its own
//!   takes the speaker of a reporting verb in its sentence;
//! - force is used by forces: for shows of force, coercion, assaults and fighting (CAMEO 15,
//!   17, 18, 19, 20) a commander named as source stands for the armed group he belongs to
//!   ("قصف حفتر" → the LNA), as the guidelines code "قوات حفتر";
//! - media outlets cited as sources ("لـ رويترز") never act;
//! - an event needs a source: an action nobody is said to take is background, not an event;
//! - the same root by the same source again in the article is one event with more mentions
//!   (a new target makes a new event: two calls to two people are two events).

use super::matcher::{Hit, Payload, TriggerForm};
use super::{Analysis, Document, FoundEvent, Span};
use crate::rules::Engine;
use crate::segment::Sentence;
use chrono::NaiveDate;

/// CAMEO roots whose actions armed forces carry out.
const FORCE_ROOTS: &[&str] = &["15", "17", "18", "19", "20"];

/// The armed group a person belongs to (the table's `affiliation`), if any.
fn commanded_group(engine: &Engine, id: &str) -> Option<String> {
    let actor = &engine.actors[*engine.actor_index.get(id)? as usize];
    if actor.actor_type != crate::rules::ActorType::Person {
        return None;
    }
    let group = &engine.actors[*engine.actor_index.get(actor.affiliation.as_deref()?)? as usize];
    (group.actor_type == crate::rules::ActorType::ArmedGroup).then(|| group.id.clone())
}

/// Words that deny the verb they stand before.
const NEGATIONS: &[&str] = &["لم", "لن", "لا", "ما", "ليس", "عدم", "دون", "بدون", "غير", "نفي", "نفت", "ينفي", "تنفي"];
/// How many words may stand between a verb and its VSO subject, or a noun and its possessor.
const MAX_GAP_WORDS: usize = 2;

struct Candidate {
    event: FoundEvent,
    reporting: bool,
}

pub fn extract(doc: &Document, engine: &Engine, analysis: &Analysis, reference: Option<NaiveDate>) -> Vec<FoundEvent> {
    let mut candidates: Vec<Candidate> = Vec::new();
    for hit in &doc.trigger_hits {
        let Some((trigger, form)) = engine.lexicon.payloads(hit.pattern).iter().find_map(|p| match *p {
            Payload::Trigger { trigger, form } => Some((trigger, form)),
            _ => None,
        }) else {
            continue;
        };
        let Some(sentence) = doc.sentence_of(hit.start) else { continue };
        let rule = &engine.triggers[trigger as usize];
        let actors: Vec<&Span> = analysis
            .actor_spans
            .iter()
            .filter(|s| s.start >= sentence.start && s.end <= sentence.end && !s.media)
            .collect();
        // A trigger inside a name ("حكومة الوفاق" holds no event) is not a trigger.
        if actors.iter().any(|a| a.start - a.prefix <= hit.start && hit.end <= a.end) {
            continue;
        }
        let (mut source, mut target, mut how) = roles(doc, hit, form, rule, &actors);
        if FORCE_ROOTS.contains(&&rule.code[..2]) {
            for id in &mut source {
                if let Some(group) = commanded_group(engine, id) {
                    *id = group;
                    how.push_str(", source: the commander's forces");
                }
            }
            target.retain(|t| !source.contains(t));
        }
        let places: Vec<String> = dedup(
            analysis.place_spans.iter().filter(|s| s.start >= sentence.start && s.end <= sentence.end).map(|s| s.id.clone()),
        );
        let date = date_in(doc, analysis, sentence).or_else(|| match (form, reference) {
            (TriggerForm::Past, Some(d)) => Some(d.format("%Y-%m-%d").to_string()),
            _ => None,
        });
        let (s_start, s_end) = doc.sentence_span(sentence);
        candidates.push(Candidate {
            reporting: rule.code.starts_with("01"),
            event: FoundEvent {
                trigger,
                mention: doc.mention(hit.start, hit.end),
                also: Vec::new(),
                source,
                target,
                places,
                date,
                negated: negated(doc, hit, sentence),
                sentence: (s_start, s_end),
                rule: format!("trigger {} ({}), {how}", rule.id, form_name(form)),
            },
        });
    }
    // The speaker of a reporting verb is the source of a sourceless event in its sentence.
    let speakers: std::collections::HashMap<(usize, usize), Vec<String>> = candidates
        .iter()
        .filter(|c| c.reporting && !c.event.source.is_empty())
        .map(|c| (c.event.sentence, c.event.source.clone()))
        .collect();
    for c in candidates.iter_mut().filter(|c| !c.reporting && c.event.source.is_empty()) {
        if let Some(speaker) = speakers.get(&c.event.sentence) {
            c.event.source = speaker.clone();
            c.event.target.retain(|t| !speaker.contains(t));
            c.event.rule.push_str(", source: speaker of the reporting verb");
        }
    }
    // Reporting verbs yield only where their sentence has nothing else.
    let substantive: std::collections::HashSet<(usize, usize)> =
        candidates.iter().filter(|c| !c.reporting).map(|c| c.event.sentence).collect();
    let mut events: Vec<FoundEvent> = Vec::new();
    for c in candidates {
        if c.event.source.is_empty() || (c.reporting && substantive.contains(&c.event.sentence)) {
            continue;
        }
        let root = &engine.triggers[c.event.trigger as usize].code[..2];
        let same = events.iter_mut().find(|e| {
            &engine.triggers[e.trigger as usize].code[..2] == root
                && e.source == c.event.source
                && e.negated == c.event.negated
                && (e.target == c.event.target || e.target.is_empty() || c.event.target.is_empty())
        });
        match same {
            Some(e) => {
                if e.target.is_empty() && !c.event.target.is_empty() {
                    e.target = c.event.target;
                }
                e.also.push(c.event.mention);
            }
            None => events.push(c.event),
        }
    }
    events
}



fn form_name(form: TriggerForm) -> &'static str {
    match form {
        TriggerForm::Past => "past verb",
        TriggerForm::Present => "present verb",
        TriggerForm::Noun => "noun",
        TriggerForm::Phrase => "phrase",
    }
}

fn dedup(ids: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in ids {
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// Number of words between normalized positions `from` and `to`.
fn words_between(doc: &Document, from: usize, to: usize) -> usize {
    if to <= from {
        return 0;
    }
    // Runs of word characters, counted at their first character.
    let text = &doc.norm.text[from..to];
    let (mut count, mut in_word, mut i) = (0, false, 0);
    while i < text.len() {
        let (word, width) = crate::segment::word_char_at(text, i);
        count += usize::from(word && !in_word);
        in_word = word;
        i += width;
    }
    count
}

/// Besides prepositions, words that keep the actor after them out of subject position.
const NOT_SUBJECT_AFTER: &[&str] = &["ضد", "دون", "قبل", "بعد", "خلال", "باسم", "برعايه"];

fn after_preposition(doc: &Document, span: &Span) -> bool {
    let (prefix, prev) = introduced_by(doc, span);
    prefix.ends_with('ب') || prefix.ends_with('ل') || prefix.ends_with('ك') || prev.is_some_and(|w| crate::segment::PREPOSITIONS.contains(&w) || NOT_SUBJECT_AFTER.contains(&w))
}

/// Where the clause holding `pos` starts: after the last comma, quote or conjunction-led
/// reporting word ("إن", "أن") before it, within its sentence.
fn clause_start(doc: &Document, pos: usize) -> usize {
    let sentence_start = doc.sentence_of(pos).map_or(0, |s| s.start);
    let text = &doc.norm.text[sentence_start..pos];
    // After the last , ; : " « » (« and » are C2 AB and C2 BB in UTF-8), read from the end.
    let bytes = text.as_bytes();
    let last = (0..bytes.len()).rev().find(|&i| match bytes[i] {
        b',' | b';' | b':' | b'"' => true,
        0xAB | 0xBB => i > 0 && bytes[i - 1] == 0xC2,
        _ => false,
    });
    let mut start = last.map_or(sentence_start, |i| sentence_start + i + 1);
    // Searchers built once: a fresh `str::rfind` searcher per call was most of this function.
    static WORDS: std::sync::LazyLock<[memchr::memmem::FinderRev<'static>; 3]> =
        std::sync::LazyLock::new(|| [" ان ", " انه ", " انها "].map(memchr::memmem::FinderRev::new));
    for word in WORDS.iter() {
        if let Some(i) = word.rfind(&doc.norm.text.as_bytes()[start..pos]) {
            start = start + i + word.needle().len();
        }
    }
    start
}

/// The word before an actor span, or its proclitic: what introduces it.
fn introduced_by<'d>(doc: &'d Document, span: &Span) -> (&'d str, Option<&'d str>) {
    let word_start = span.start - span.prefix;
    let prefix = &doc.norm.text[word_start..span.start];
    (prefix, doc.previous_word(word_start))
}

fn roles(doc: &Document, hit: &Hit, form: TriggerForm, rule: &crate::rules::Trigger, actors: &[&Span]) -> (Vec<String>, Vec<String>, String) {
    let before: Vec<&&Span> = actors.iter().filter(|a| a.end <= hit.start - hit.prefix).collect();
    let after: Vec<&&Span> = actors.iter().filter(|a| a.start >= hit.end).collect();
    let mut how = Vec::new();

    // Passive: "من قبل X" anywhere after the trigger names the source.
    let passive = after.iter().find(|a| {
        let (_, prev) = introduced_by(doc, a);
        prev == Some("قبل") && doc.previous_word(doc.norm.text[..a.start - a.prefix].rfind("قبل").unwrap_or(0)) == Some("من")
    });
    let is_target = |a: &Span| {
        let (prefix, prev) = introduced_by(doc, a);
        rule.target_preps.iter().any(|p| prev == Some(p.as_str()) || (p.chars().count() == 1 && prefix.ends_with(p.as_str())))
    };
    let mut source: Option<&Span> = None;
    if let Some(p) = passive {
        source = Some(p);
        how.push("source: من قبل");
    }
    let is_verb = matches!(form, TriggerForm::Past | TriggerForm::Present);
    if source.is_none() && is_verb {
        // SVO: a subject standing right before its verb ("حفتر يهدد", "الولايات المتحدة تدعم").
        if let Some(last) = before.last() {
            if words_between(doc, last.end, hit.start - hit.prefix) == 0 && !after_preposition(doc, last) {
                source = Some(last);
                how.push("source: SVO subject");
            }
        }
    }
    if source.is_none() {
        // VSO: the actor right after the verb; a noun's possessor right after the noun.
        if let Some(first) = after.first() {
            let (prefix, _) = introduced_by(doc, first);
            // A possessor follows its noun directly; a verb's subject may stand after an adverb.
            let gap = if is_verb { MAX_GAP_WORDS } else { 0 };
            if prefix.is_empty() && words_between(doc, hit.end, first.start) <= gap && !is_target(first) {
                source = Some(first);
                how.push(if is_verb { "source: VSO subject" } else { "source: possessor" });
            }
        }
    }
    if source.is_none() {
        // A subject is never introduced by a preposition ("مع حفتر", "لـ رويترز").
        let mut subjects = before.iter().filter(|a| !after_preposition(doc, a));
        let chosen = if matches!(form, TriggerForm::Noun | TriggerForm::Phrase) {
            // A verbal noun without a possessor belongs to its clause's subject.
            let clause_start = clause_start(doc, hit.start - hit.prefix);
            subjects.clone().find(|a| a.start >= clause_start).or_else(|| subjects.next_back())
        } else {
            subjects.next_back()
        };
        if let Some(s) = chosen {
            source = Some(s);
            how.push("source: SVO subject");
        }
    }
    let source_id = source.map(|s| s.id.clone());
    let mut target: Option<&Span> = after.iter().find(|a| Some(&a.id) != source_id.as_ref() && is_target(a)).map(|a| &***a);
    if target.is_some() {
        how.push("target: preposition");
    } else if rule.target_object {
        target = after.iter().find(|a| Some(&a.id) != source_id.as_ref() && introduced_by(doc, a).0.is_empty()).map(|a| &***a);
        if target.is_some() {
            how.push("target: object");
        }
    }
    let source: Vec<String> = source_id.into_iter().collect();
    let target: Vec<String> = target.map(|t| t.id.clone()).into_iter().filter(|t| !source.contains(t)).collect();
    (source, target, if how.is_empty() { "no roles".into() } else { how.join(", ") })
}

fn negated(doc: &Document, hit: &Hit, sentence: Sentence) -> bool {
    let text = &doc.norm.text[sentence.start..hit.start - hit.prefix];
    // From the end, lazily: splitting the whole sentence prefix per trigger is quadratic.
    text.rsplit(|c: char| !crate::segment::is_word_char(c)).filter(|w| !w.is_empty()).take(2).any(|w| NEGATIONS.contains(&w))
}

fn date_in(doc: &Document, analysis: &Analysis, sentence: Sentence) -> Option<String> {
    let (start, end) = doc.sentence_span(sentence);
    analysis
        .dates
        .iter()
        .find(|d| d.mention.start >= start && d.mention.end <= end && d.anchored && d.kind != "duration")
        .map(|d| d.value.clone())
}
