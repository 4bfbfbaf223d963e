//! Actors: who is in the news.
//!
//! Reads the resolved entity hits in text order and applies the guidelines' rules:
//! - a full alias is a mention; a short form that is also a common word or another name
//!   (`context_aliases`) counts only after a full alias of that actor or right after a title;
//! - a generic agent noun followed by a state adjective ("القوات التركية") is that state;
//! - a capital that is the subject of a verb ("واشنطن تتمسك") stands for its government;
//! - a country named as an acting state (not after a locative preposition) is an actor too;
//! - a role phrase ("المبعوث الأممي") is whoever holds it: a holder already named in the article,
//!   else the holder on the article's date;
//! - a title followed by a name not in the tables is a new actor (`new:` id), conservatively;
//!   so is a given name ("محمد", "ستيفاني") followed by name words, and that person's family
//!   name alone later on ("وأضاف الخراز") is a mention of them.

use super::matcher::{Hit, Payload};
use super::{ActorRef, Document, FoundActor, Mention, Span};
use crate::rules::{ActorType, Engine, PlaceKind};
use chrono::NaiveDate;
use rustc_hash::FxHashMap as HashMap;

/// Besides prepositions, words after which a country or capital names a location (or a venue
/// inside an event's name, "مؤتمر برلين"), not an acting state. Normalized spelling.
const LOCATIVE_WORDS: &[&str] = &[
    "داخل", "خارج", "قرب", "شرق", "غرب", "جنوب", "شمال", "وسط", "مدينه", "العاصمه", "حدود", "اراضي",
    "سفاره", "سفير", "زياره", "توقيت", "موتمر", "قمه", "مسار", "اتفاق", "اعلان", "مطار", "ميناء", "جامعه",
    "اجتماع", "محادثات", "مقر", "مقره", "مقرها", "مقرهم", "مقرات",
];

/// A proclitic glued to the article: a prepositional phrase, never part of a person's name.
const CLITIC_ARTICLES: &[&str] = &["بال", "وال", "فال", "كال", "لل"];

/// Longest run of unknown words taken as a new person's name after a title.
const MAX_NEW_NAME_WORDS: usize = 3;

/// Longest run of name words taken after a given name ("عبد الله محمد عبد المولى السعيطي").
const MAX_WORDS_AFTER_GIVEN_NAME: usize = 4;

/// Words inside a name that bind the next one to it, with its article or not: "عبد المولى",
/// "بن زايد", "أبو القاسم". Normalized.
const NAME_LINKS: &[&str] = &["عبد", "ابو", "بن", "ابن", "بنت", "ولد"];

/// The rule of a person found by a given name: their family name alone is looked for after it.
const GIVEN_NAME_RULE: &str = "given name + name words";

/// One mention before grouping: which actor, where.
struct Candidate {
    actor: ActorRef,
    start: usize,
    end: usize,
    new_name: Option<String>,
    rule: &'static str,
}

pub fn extract(doc: &Document, engine: &Engine, reference: Option<NaiveDate>) -> (Vec<FoundActor>, Vec<Span>) {
    let hits = &doc.entity_hits;
    let lex = &engine.lexicon;
    // First full-alias position of each known actor: context aliases and roles look it up.
    let mut first_full: HashMap<u32, usize> = HashMap::default();
    for hit in hits {
        for p in lex.payloads(hit.pattern) {
            if let Payload::Actor { actor, context_only: false } = *p {
                first_full.entry(actor).or_insert(hit.start);
            }
        }
    }
    // About one candidate per hit: sized once, not grown push by push.
    let mut candidates: Vec<Candidate> = Vec::with_capacity(hits.len());
    // Hits before this index were read as part of a new person's name ("سالم بن عمران").
    let mut read_into_name = 0;
    let mut i = 0;
    while i < hits.len() {
        let hit = hits[i];
        if i < read_into_name {
            i += 1;
            continue;
        }
        let payloads = lex.payloads(hit.pattern);
        let next = hits.get(i + 1).copied().filter(|n| adjacent(doc, &hit, n));
        let mut consumed_next = false;
        let has = |f: &dyn Fn(&Payload) -> bool| payloads.iter().any(f);

        if has(&|p| matches!(p, Payload::Title)) {
            match next.map(|n| (n, lex.payloads(n.pattern))) {
                Some((n, next_payloads)) if next_payloads.iter().any(|p| matches!(p, Payload::Actor { .. } | Payload::Role { .. })) => {
                    // Title + known name: the name counts even when it is a context alias.
                    if let Some(actor) = next_payloads.iter().find_map(|p| match *p {
                        Payload::Actor { actor, .. } => Some(actor),
                        _ => None,
                    }) {
                        candidates.push(Candidate { actor: ActorRef::Known(actor), start: n.start, end: n.end, new_name: None, rule: "title + name" });
                        first_full.entry(actor).or_insert(n.start);
                        consumed_next = true;
                    }
                }
                // "الإعلامي الليبي نبيل السوكلي": a nationality between title and name.
                Some((n, next_payloads)) if next_payloads.iter().any(|p| matches!(p, Payload::Adjective { .. })) => {
                    let (person, names_inside) = new_person_after(doc, engine, n.end, hits.get(i + 2..).unwrap_or_default());
                    candidates.extend(person);
                    read_into_name = i + 2 + names_inside;
                }
                Some(_) => {}
                None => {
                    let (person, names_inside) = new_person_after(doc, engine, hit.end, &hits[i + 1..]);
                    candidates.extend(person);
                    read_into_name = i + 1 + names_inside;
                }
            }
        }
        if is_given_name(engine, &hit) {
            let (person, names_inside) = new_person_from_given(doc, engine, &hit, &hits[i + 1..]);
            candidates.extend(person);
            // The hits inside the name ("محمد أحمد …") are read as part of it.
            i += 1 + names_inside;
            continue;
        }
        if !consumed_next {
            for p in payloads {
                match *p {
                    Payload::Actor { actor, context_only } => {
                        let is_state = engine.actors[actor as usize].actor_type == ActorType::State;
                        let allowed = if context_only {
                            first_full.get(&actor).is_some_and(|&f| f < hit.start)
                                || coordinated_with_kind(doc, engine, hits, i, engine.actors[actor as usize].actor_type)
                        } else if is_state && payloads.iter().any(|p| matches!(p, Payload::Place { .. })) {
                            state_acts(doc, engine, &hit, payloads)
                        } else {
                            true
                        };
                        if allowed && !is_state && engine.actors[actor as usize].actor_type != ActorType::Person {
                            // One look inside the name serves both questions.
                            let inner = inner_hits(doc, engine, &hit);
                            if let Some(c) = nested_person(engine, &hit, &inner) {
                                candidates.push(c);
                            }
                            if let Some(c) = parent_institution(doc, engine, &hit, &inner) {
                                candidates.push(c);
                            }
                        }
                        if allowed {
                            let rule = if context_only { "short form after the full name" } else if is_state { "state named as actor" } else { "alias" };
                            candidates.push(Candidate { actor: ActorRef::Known(actor), start: hit.start, end: hit.end, new_name: None, rule });
                        }
                        break;
                    }
                    Payload::Agent { .. } => {
                        if let Some(state) = next.and_then(|n| adjective_state(engine, n)) {
                            let n = next.unwrap();
                            candidates.push(Candidate { actor: ActorRef::Known(state), start: hit.start, end: n.end, new_name: None, rule: "agent + state adjective" });
                            consumed_next = true;
                            break;
                        }
                    }
                    Payload::Capital { state }
                        if state_acts(doc, engine, &hit, payloads) => {
                            candidates.push(Candidate { actor: ActorRef::Known(state), start: hit.start, end: hit.end, new_name: None, rule: "capital as government" });
                            break;
                        }
                    Payload::Place { place } if engine.places[place as usize].kind == PlaceKind::Facility => {
                        // "مقر المؤسسة الوطنية للنفط": the facility is a place, its owner an actor.
                        let owners = [ActorType::Organization, ActorType::ArmedGroup];
                        if let Some(c) = nested_actor(engine, &hit, &inner_hits(doc, engine, &hit), &owners, "institution named inside a facility") {
                            candidates.push(c);
                        }
                    }
                    Payload::Role { role } => {
                        let inside = [ActorType::Organization, ActorType::ArmedGroup, ActorType::Person];
                        if let Some(c) = nested_actor(engine, &hit, &inner_hits(doc, engine, &hit), &inside, "institution named inside a role") {
                            candidates.push(c);
                        }
                        let role = &engine.roles[role as usize];
                        let named = role.holders.iter().map(|h| h.actor).filter(|a| first_full.contains_key(a)).min_by_key(|a| first_full[a]);
                        if let Some(actor) = named.or_else(|| reference.and_then(|d| role.holder_on(d))) {
                            candidates.push(Candidate { actor: ActorRef::Known(actor), start: hit.start, end: hit.end, new_name: None, rule: "role holder" });
                        }
                        break;
                    }
                    _ => {}
                }
            }
        }
        i += if consumed_next { 2 } else { 1 };
    }
    let family_names = family_name_mentions(doc, &candidates);
    candidates.extend(family_names);
    group(doc, engine, candidates)
}

/// Only spaces between two hits on the same line, and the second has no proclitic.
fn adjacent(doc: &Document, a: &Hit, b: &Hit) -> bool {
    b.prefix == 0 && b.start >= a.end && doc.norm.text[a.end..b.start].chars().all(|c| c == ' ')
}

/// "القاعدة وداعش والنصرة": a short form in a list with a group or body of its own kind,
/// named in full, is that kind's name too. (Not for persons: "وصالح", "وسلامة" stay ambiguous.)
fn coordinated_with_kind(doc: &Document, engine: &Engine, hits: &[Hit], i: usize, kind: ActorType) -> bool {
    let same_kind = |h: &Hit| {
        engine.lexicon.payloads(h.pattern).iter().any(|p| matches!(*p, Payload::Actor { actor, context_only: false } if engine.actors[actor as usize].actor_type == kind))
    };
    let joined = |a: &Hit, b: &Hit| {
        b.start - b.prefix >= a.end
            && &doc.norm.text[b.start - b.prefix..b.start] == "و"
            && doc.norm.text[a.end..b.start - b.prefix].chars().all(|c| c == ' ' || c == ',')
    };
    let hit = &hits[i];
    kind != ActorType::Person
        && (i.checked_sub(1).is_some_and(|j| joined(&hits[j], hit) && same_kind(&hits[j]))
            || hits.get(i + 1).is_some_and(|next| joined(hit, next) && same_kind(next)))
}

fn adjective_state(engine: &Engine, hit: Hit) -> Option<u32> {
    engine.lexicon.payloads(hit.pattern).iter().find_map(|p| match *p {
        Payload::Adjective { state } => Some(state),
        _ => None,
    })
}

/// A state's name or capital names the acting state unless it stands in a locative phrase
/// ("في تركيا"); in the scene country's own news (Libya) it must also be a verb's subject.
pub fn state_acts(doc: &Document, engine: &Engine, hit: &Hit, payloads: &[Payload]) -> bool {
    if is_locative(doc, engine, hit) {
        return false;
    }
    let in_scene = payloads.iter().any(|p| match *p {
        Payload::Place { place } => engine.places[place as usize].country.as_ref().is_some_and(|c| engine.scene_countries.contains(c)),
        _ => false,
    });
    !in_scene || is_subject(doc, hit)
}

/// After ب or a locative preposition, a name is where something happens.
pub fn is_locative(doc: &Document, engine: &Engine, hit: &Hit) -> bool {
    let mut hit = *hit;
    loop {
        let prefix = &doc.norm.text[hit.start - hit.prefix..hit.start];
        // بـ (in, at) and لـ (to) before a place name.
        if prefix.ends_with('ب') || prefix.ends_with('ل') {
            return true;
        }
        let after_locative_word = doc.previous_word(hit.start - hit.prefix).is_some_and(|w| {
            let stem = crate::segment::split_proclitics(w).1;
            // "مع تركيا", "هجوم على قطر": with or against a state is a party to something, not a
            // location.
            (crate::segment::PREPOSITIONS.contains(&stem) && !matches!(stem, "مع" | "علي")) || LOCATIVE_WORDS.contains(&stem)
        });
        if after_locative_word {
            return true;
        }
        // "في مصر وتونس": a place coordinated with a locative place is locative too.
        match coordinated_place_before(doc, engine, &hit) {
            Some(previous) if prefix == "و" => hit = previous,
            _ => return false,
        }
    }
}

/// The place name right before `hit`, with only spaces between.
fn coordinated_place_before(doc: &Document, engine: &Engine, hit: &Hit) -> Option<Hit> {
    let word_start = hit.start - hit.prefix;
    let i = doc.entity_hits.partition_point(|h| h.end <= word_start);
    let previous = *doc.entity_hits[..i].last()?;
    let gap = &doc.norm.text[previous.end..word_start];
    let is_place = |p: &Payload| matches!(p, Payload::Place { .. } | Payload::Capital { .. });
    let named_place = engine.lexicon.payloads(previous.pattern).iter().any(is_place);
    (!gap.is_empty() && gap.chars().all(|c| c == ' ') && named_place).then_some(previous)
}

/// A state's name or capital stands for its government when it is a verb's subject: right
/// before a present-tense verb ("واشنطن تتمسك"), right after a feminine past verb
/// ("وطالبت واشنطن"), or coordinated with such a subject ("واشنطن وباريس تعارضان").
pub fn is_subject(doc: &Document, hit: &Hit) -> bool {
    let prefix = &doc.norm.text[hit.start - hit.prefix..hit.start];
    if !(prefix.is_empty() || prefix == "و") {
        return false;
    }
    let is_present_verb = |w: &str| (w.starts_with('ت') || w.starts_with('ي')) && w.chars().count() >= 4;
    // "وطالبت": only و or ف may stand before a verb.
    let is_past_feminine = |w: &str| {
        let (clitic, stem) = crate::segment::split_proclitics(w);
        matches!(clitic, "" | "و" | "ف") && stem.ends_with('ت') && (4..=7).contains(&stem.chars().count())
    };
    if doc.previous_word(hit.start - hit.prefix).is_some_and(is_past_feminine) {
        return true;
    }
    // Walk over coordinated names ("واشنطن وباريس") to the word after them. (The hits are in
    // text order: those after this one are found by binary search, not by reading the article's
    // every name for each, which a long file would pay for quadratically.)
    let mut end = hit.end;
    let after = doc.entity_hits.partition_point(|h| h.start < hit.end);
    for next in &doc.entity_hits[after..] {
        let gap = &doc.norm.text[end..next.start - next.prefix];
        if gap.trim().is_empty() && &doc.norm.text[next.start - next.prefix..next.start] == "و" {
            end = next.end;
        } else {
            break;
        }
    }
    doc.next_word(end).is_some_and(is_present_verb)
}

/// A name after a title that no table knows: two or three words, none of them a function
/// word or a known name, ending at punctuation or a function word.
/// `following` are the entity hits after `pos`: a given name among them is a name word ("سالم
/// بن عمران"); the count of those read into the name is returned with it.
fn new_person_after(doc: &Document, engine: &Engine, pos: usize, following: &[Hit]) -> (Option<Candidate>, usize) {
    let text = &doc.norm.text;
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut names_inside = 0;
    let mut cursor = pos;
    while let Some((start, end)) = word_after(text, cursor) {
        let len = end - start;
        if let Some(next) = following.get(names_inside).filter(|h| h.start < start + len) {
            let given = is_given_name(engine, next) && next.start == start && next.prefix == 0;
            if given && !words.is_empty() {
                words.push((start, next.end));
                names_inside += 1;
                cursor = next.end;
                if words.len() > MAX_NEW_NAME_WORDS {
                    return (None, 0);
                }
                continue;
            }
            // A name running straight into a known name is a construct chain
            // ("جهاز قيادة القوات"), not a person.
            if words.is_empty() {
                break;
            }
            return (None, 0);
        }
        let word = &text[start..end];
        if !may_continue_name(doc, engine, start, word) {
            break;
        }
        // A definite noun ("الجماعه", "بالجماعه", "للنفط") or a word with a preposition glued
        // on starts a phrase, not a name; further in, a preposition + article ends the name
        // ("مدينة الملك فهد الرياضية بالحوية").
        let clitic_article = CLITIC_ARTICLES.iter().any(|p| word.starts_with(p));
        if words.is_empty() && (clitic_article || word.starts_with("ال") || word.starts_with("لت")) {
            return (None, 0);
        }
        if clitic_article {
            break;
        }
        words.push((start, start + len));
        cursor = start + len;
        if words.len() > MAX_NEW_NAME_WORDS {
            return (None, 0);
        }
    }
    if words.len() < 2 {
        return (None, 0);
    }
    let (start, end) = (words[0].0, words[words.len() - 1].1);
    let key = text[start..end].replace(' ', "_");
    (Some(Candidate { actor: ActorRef::New(format!("new:{key}")), start, end, new_name: Some(doc.mention(start, end).text), rule: "title + unknown name" }), names_inside)
}

/// A person no table knows, named by a given name (`hit`) and one to four name words after it:
/// a father's name, a family name ("وليد الكسيكسي"), compounds joined by عبد or بن. A family
/// name with the article ends the name. `following` are the entity hits after `hit`: a given
/// name among them is a name word, and so is a known person's family name after another given
/// name ("أحمد الفرجاني" beside "عون الفرجاني"); any other hit ends the name. Returns the person,
/// if any, and how many of `following` the run took in.
fn new_person_from_given(doc: &Document, engine: &Engine, hit: &Hit, following: &[Hit]) -> (Option<Candidate>, usize) {
    let text = &doc.norm.text;
    // Only at a word's start or after و: "كريم" is no ريم, "فلدينا" no دينا.
    if !matches!(&text[hit.start - hit.prefix..hit.start], "" | "و") {
        return (None, 0);
    }
    // "جامعة عمر المختار", "شارع جمال عبد الناصر": a place or a body named after a person.
    if doc.previous_word(hit.start - hit.prefix).is_some_and(|w| engine.named_after_heads.contains(crate::segment::split_proclitics(w).1)) {
        return (None, 0);
    }
    let (mut end, mut words, mut names_inside, mut linked) = (hit.end, 0, 0, false);
    while let Some((start, word_end)) = word_after(text, end) {
        let word = &text[start..word_end];
        if let Some(next) = following.get(names_inside).filter(|h| h.start < word_end) {
            let whole_word = next.start == start && next.prefix == 0;
            let payloads = engine.lexicon.payloads(next.pattern);
            let given = is_given_name(engine, next);
            let known_person = payloads.iter().find_map(|p| match *p {
                Payload::Actor { actor, .. } if engine.actors[actor as usize].actor_type == ActorType::Person => Some(actor),
                _ => None,
            });
            if let Some(actor) = known_person.filter(|_| whole_word && !linked) {
                names_inside += 1;
                // "عبد الله عبد الرحمن الثني": a known person's name with a father's name
                // inside is theirs, not a new person's (their family name is read on its own).
                let first_name = &text[hit.start..hit.end];
                let same_first_name = crate::normalize::normalize_alias(&engine.actors[actor as usize].name_ar).strip_prefix(first_name).is_some_and(|rest| rest.starts_with(' '));
                if same_first_name {
                    return (None, names_inside - 1);
                }
                words += 1;
                end = next.end;
                break;
            }
            // A given name covering whole words continues the name; any other known name or
            // phrase ends it.
            if !(given && whole_word) {
                break;
            }
            names_inside += 1;
            words += 1;
            end = next.end;
            linked = false;
            continue;
        }
        // "محمد يرأس": a present-tense verb after the name.
        let present_verb = (word.starts_with('ي') || word.starts_with('ت')) && word.chars().count() >= 4;
        if !may_continue_name(doc, engine, start, word) || (present_verb && !linked) {
            break;
        }
        // "محمد والسراج", "محمد بالمدينة": a conjunction or a preposition with the article starts
        // another phrase (except where a link binds the word: "عبد الواحد").
        if !linked && (word.starts_with('و') || CLITIC_ARTICLES.iter().any(|p| word.starts_with(p))) {
            break;
        }
        words += 1;
        end = word_end;
        if words > MAX_WORDS_AFTER_GIVEN_NAME {
            return (None, names_inside);
        }
        // A family name ends the name, with the article or not ("أحمد الخراز", "خالد مشعل"); a
        // father's name is a given name (above), a compound is joined by a link ("عبد المولى").
        if !linked && !NAME_LINKS.contains(&word) {
            break;
        }
        linked = NAME_LINKS.contains(&word);
    }
    if words == 0 || linked || words > MAX_WORDS_AFTER_GIVEN_NAME {
        return (None, names_inside);
    }
    if let Some(actor) = known_person_cut_short(engine, &text[hit.start..end]) {
        let candidate = Candidate { actor: ActorRef::Known(actor), start: hit.start, end, new_name: None, rule: "a known person's name cut short" };
        return (Some(candidate), names_inside);
    }
    let key = text[hit.start..end].replace(' ', "_");
    let candidate = Candidate { actor: ActorRef::New(format!("new:{key}")), start: hit.start, end, new_name: Some(doc.mention(hit.start, end).text), rule: GIVEN_NAME_RULE };
    (Some(candidate), names_inside)
}

/// The one known person whose full names all the names that begin with `name` (two words or
/// more) belong to: "محمد المنصف" before a misspelt "المررزقي" is Moncef Marzouki.
fn known_person_cut_short(engine: &Engine, name: &str) -> Option<u32> {
    /// More names than this beginning alike are no clue.
    const MAX_COMPLETIONS: usize = 8;
    if !name.contains(' ') {
        return None;
    }
    let patterns = engine.lexicon.patterns_extending(&format!("{name} "), MAX_COMPLETIONS)?;
    let mut owners = patterns.iter().flat_map(|&p| engine.lexicon.payloads(p)).map(|p| match *p {
        Payload::Actor { actor, .. } if engine.actors[actor as usize].actor_type == ActorType::Person => Some(actor),
        _ => None,
    });
    let first = owners.next()??;
    owners.all(|owner| owner == Some(first)).then_some(first)
}

/// Whether `hit` is a given name and nothing else (not also a place or a known name).
fn is_given_name(engine: &Engine, hit: &Hit) -> bool {
    let payloads = engine.lexicon.payloads(hit.pattern);
    !payloads.is_empty() && payloads.iter().all(|p| matches!(p, Payload::GivenName))
}

/// The span of the word after `cursor` when only spaces stand between (punctuation or a line
/// break ends a name).
fn word_after(text: &str, cursor: usize) -> Option<(usize, usize)> {
    let rest = &text[cursor..];
    let spaces = rest.len() - rest.trim_start_matches(' ').len();
    if spaces == 0 {
        return None;
    }
    let start = cursor + spaces;
    let len = text[start..].find(|c: char| !crate::segment::is_word_char(c)).unwrap_or(text.len() - start);
    (len > 0).then_some((start, start + len))
}

/// A word that may be part of a name: Arabic letters only, neither a function word nor an
/// event trigger ("يستقبل" is a verb, not a name).
fn may_continue_name(doc: &Document, engine: &Engine, start: usize, word: &str) -> bool {
    // Trigger hits are sorted and do not overlap: the first that ends after `start` is the one.
    let next_trigger = doc.trigger_hits.partition_point(|t| t.end <= start);
    let is_trigger = doc.trigger_hits.get(next_trigger).is_some_and(|t| t.start - t.prefix < start + word.len());
    !is_trigger && !engine.function_words.contains(word) && word.chars().all(|c| ('\u{0621}'..='\u{064A}').contains(&c))
}

/// "أحمد الخراز … وأضاف الخراز": after a person found by a given name, their family name alone
/// (a word with the article, as a word of its own or after و or ف) is a mention of them, where
/// no table names anything.
fn family_name_mentions(doc: &Document, candidates: &[Candidate]) -> Vec<Candidate> {
    let text = &doc.norm.text;
    let family_of = |c: &Candidate| text[c.start..c.end].rsplit(' ').next().filter(|w| w.starts_with("ال") && w.chars().count() >= 5);
    // Each person once, from where they are first named in full: a later full mention would
    // find the same family names again, after it, and repeat them (a person named a thousand
    // times in a long file would give each family name up to a thousand times over).
    let mut first_named: HashMap<(&ActorRef, &str), usize> = HashMap::default();
    for c in candidates.iter().filter(|c| c.rule == GIVEN_NAME_RULE) {
        if let Some(family) = family_of(c) {
            let end = first_named.entry((&c.actor, family)).or_insert(c.end);
            *end = c.end.min(*end);
        }
    }
    let people: Vec<(&Candidate, &str)> = candidates
        .iter()
        .filter(|c| c.rule == GIVEN_NAME_RULE)
        .filter_map(|c| Some((c, family_of(c)?)))
        .filter(|&(c, family)| {
            // (The first candidate that ends there, once: the entry goes when it is taken.)
            let key = (&c.actor, family);
            let first = first_named.get(&key) == Some(&c.end);
            if first {
                first_named.remove(&key);
            }
            first
        })
        .collect();
    if people.is_empty() {
        return Vec::new();
    }
    // Where each family name stands alone (as a word, or after و or ف), with the bytes of that
    // proclitic, in text order: one reading of the article's words for all the people, not
    // one per person (which a long file of many articles would pay for quadratically).
    let mut written: HashMap<&str, Vec<(usize, usize)>> = people.iter().map(|&(_, family)| (family, Vec::new())).collect();
    for (i, token) in doc.tokens.iter().enumerate() {
        // (Every family name here opens with the article: other words are not looked up.)
        let word = &text[token.start..token.end];
        if word.starts_with("ال") {
            if let Some(at) = written.get_mut(word) {
                at.push((i, 0));
            }
        }
        if let Some(rest) = word.strip_prefix(['و', 'ف']).filter(|rest| rest.starts_with("ال")) {
            if let Some(at) = written.get_mut(rest) {
                at.push((i, word.len() - rest.len()));
            }
        }
    }
    let mut out = Vec::new();
    for (c, family) in people {
        let at = &written[family];
        let after = at.partition_point(|&(i, _)| doc.tokens[i].start < c.end);
        for &(i, clitic) in &at[after..] {
            let token = doc.tokens[i];
            let named = doc.entity_hits.partition_point(|h| h.end <= token.start);
            if doc.entity_hits.get(named).is_some_and(|h| h.start - h.prefix < token.end) {
                continue;
            }
            out.push(Candidate { actor: c.actor.clone(), start: token.start + clitic, end: token.end, new_name: c.new_name.clone(), rule: "family name after the full name" });
        }
    }
    out
}

/// A person named inside an organization's alias ("حكومة عبد الله الثني") is mentioned too.
fn nested_person(engine: &Engine, hit: &Hit, inner: &[Hit]) -> Option<Candidate> {
    nested_actor(engine, hit, inner, &[ActorType::Person], "person named inside an organization's name")
}

/// The institution an organization's name places it in: the government in "وزارة الخارجية في
/// حكومة الوفاق" or "وزارة الصحة بحكومة الوفاق" is mentioned too. Only after في or a ب/ل
/// proclitic, so "بعثة الأمم المتحدة" (a mission, not a part of the UN's name) stays one actor.
fn parent_institution(doc: &Document, engine: &Engine, hit: &Hit, inner: &[Hit]) -> Option<Candidate> {
    const OWNERS: &[ActorType] = &[ActorType::Organization, ActorType::ArmedGroup];
    inner_actors(engine, inner, OWNERS).find_map(|(h, actor)| {
        let word_start = h.start - h.prefix;
        let after_fi = doc.norm.text[hit.start..word_start].ends_with(" في ");
        let proclitic = matches!(&doc.norm.text[word_start..h.start], "ب" | "ل");
        (after_fi || proclitic).then_some(Candidate { actor: ActorRef::Known(actor), start: h.start, end: h.end, new_name: None, rule: "institution an organization belongs to" })
    })
}

/// The actor a name or role phrase ends with, after its first word: the organization in
/// "رئيس المؤسسة الوطنية للنفط", the person in "حكومة عبد الله الثني".
fn nested_actor(engine: &Engine, hit: &Hit, inner: &[Hit], types: &[ActorType], rule: &'static str) -> Option<Candidate> {
    inner_actors(engine, inner, types)
        .find(|(h, _)| h.end == hit.end && h.prefix == 0)
        .map(|(h, actor)| Candidate { actor: ActorRef::Known(actor), start: h.start, end: h.end, new_name: None, rule })
}

/// Every name matched inside `hit` after its first word, as hits on the document's text.
/// (Only entity hits: trigger patterns name no actor.)
fn inner_hits(doc: &Document, engine: &Engine, hit: &Hit) -> Vec<Hit> {
    let Some(first_space) = memchr::memchr(b' ', &doc.norm.text.as_bytes()[hit.start..hit.end]) else { return Vec::new() };
    let inner_start = hit.start + first_space + 1;
    // After a space a word starts, and a hit ends a word.
    engine.lexicon.entities_within(&doc.norm.text, &doc.tokens, inner_start, hit.end)
}

/// Known actors of `types` among `inner` ([`inner_hits`]).
fn inner_actors<'a>(engine: &'a Engine, inner: &'a [Hit], types: &'a [ActorType]) -> impl Iterator<Item = (Hit, u32)> + 'a {
    inner.iter().filter_map(move |h| {
        let actor = engine.lexicon.payloads(h.pattern).iter().find_map(|p| match *p {
            Payload::Actor { actor, context_only: false } if types.contains(&engine.actors[actor as usize].actor_type) => Some(actor),
            _ => None,
        })?;
        Some((*h, actor))
    })
}

/// Groups candidate mentions by actor, in order of first mention.
fn group(doc: &Document, engine: &Engine, mut candidates: Vec<Candidate>) -> (Vec<FoundActor>, Vec<Span>) {
    candidates.sort_by_key(|c| (c.start, c.end));
    let spans = candidates
        .iter()
        .map(|c| Span {
            start: c.start,
            end: c.end,
            prefix: prefix_len(doc, c.start),
            id: actor_id(engine, &c.actor),
            rule: c.rule,
            media: matches!(c.actor, ActorRef::Known(i) if engine.actors[i as usize].actor_type == ActorType::Media),
            generic: matches!(c.actor, ActorRef::Known(i) if engine.actors[i as usize].generic),
        })
        .collect();
    let mut order: Vec<FoundActor> = Vec::new();
    // Sized for the candidates, so the map never grows on the way.
    let mut index: HashMap<ActorRef, usize> = HashMap::with_capacity_and_hasher(candidates.len(), Default::default());
    for c in candidates {
        let mention: Mention = doc.mention(c.start, c.end);
        let slot = *index.entry(c.actor.clone()).or_insert_with(|| {
            order.push(FoundActor { actor: c.actor.clone(), new_name: c.new_name.clone(), mentions: Vec::new() });
            order.len() - 1
        });
        let mentions = &mut order[slot].mentions;
        if mentions.last().is_none_or(|m| m.start != mention.start) {
            mentions.push(mention);
        }
    }
    (order, spans)
}

pub fn actor_id(engine: &Engine, actor: &ActorRef) -> String {
    match actor {
        ActorRef::Known(i) => engine.actors[*i as usize].id.clone(),
        ActorRef::New(id) => id.clone(),
    }
}

/// Bytes of word characters between the start of the word and `pos` (a proclitic).
fn prefix_len(doc: &Document, pos: usize) -> usize {
    pos - crate::segment::token_start(&doc.norm.text, pos)
}
