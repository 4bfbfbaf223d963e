//! Places: every named location, resolved to one gazetteer entry.
//!
//! A name several places share (طرابلس: Libya, Lebanon) is resolved by context: the candidate
//! whose country is named in the same sentence wins; otherwise Libya's, then the most populous.
//! A capital that acts as a government ("واشنطن تتمسك") is left to the actor extractor.

use super::matcher::{Hit, Payload};
use super::{Document, FoundPlace, Span};
use crate::rules::{Engine, PlaceKind};
use rustc_hash::FxHashMap as HashMap;

pub fn extract(doc: &Document, engine: &Engine) -> (Vec<FoundPlace>, Vec<Span>) {
    let lex = &engine.lexicon;
    let mut found: Vec<FoundPlace> = Vec::new();
    let mut index: HashMap<u32, usize> = HashMap::default();
    let mut spans = Vec::new();
    // A place inside a longer name comes right after the name, so spans stay in text order.
    // (A plain loop into a list sized for the hits: collected from a flat_map, the list grew
    // push by push with no size known.)
    let mut hits: Vec<Hit> = Vec::with_capacity(doc.entity_hits.len());
    for h in &doc.entity_hits {
        hits.push(*h);
        hits.extend(locative_places_inside(doc, engine, h));
    }
    // Which countries the article names, worked out on the first place that asks.
    let countries = std::cell::OnceCell::new();
    for hit in &hits {
        let payloads = lex.payloads(hit.pattern);
        // Most entity hits are actors with no place at all: skip them before gathering lists.
        if !payloads.iter().any(|p| matches!(p, Payload::Place { .. } | Payload::PlaceInContext { .. })) {
            continue;
        }
        let candidates: Vec<u32> = payloads
            .iter()
            .filter_map(|p| match *p {
                Payload::Place { place } => Some(place),
                _ => None,
            })
            .collect();
        let in_context: Vec<u32> = payloads
            .iter()
            .filter_map(|p| match *p {
                Payload::PlaceInContext { place } => Some(place),
                _ => None,
            })
            .collect();
        let coordinated = hit.prefix > 0
            && &doc.norm.text[hit.start - hit.prefix..hit.start] == "و"
            && spans.last().is_some_and(|s: &Span| doc.norm.text[s.end..hit.start - hit.prefix].trim().is_empty());
        let candidates = if candidates.is_empty() && !in_context.is_empty() && (coordinated || super::actors::is_locative(doc, engine, hit)) {
            let named = countries.get_or_init(|| countries_named(doc, engine));
            in_context.into_iter().filter(|&p| country_named_elsewhere(named, engine, p, hit)).collect()
        } else {
            candidates
        };
        if candidates.is_empty() || payloads.iter().any(|p| matches!(p, Payload::PlaceStop)) {
            continue;
        }
        // A capital or country that acts ("واشنطن تتمسك", "سياسة الولايات المتحدة") is an actor
        // there, not a place; the scene country (Libya) stays a place.
        if acts_as_state(engine, payloads) && super::actors::state_acts(doc, engine, hit, payloads) && !in_scene(engine, &candidates) {
            continue;
        }
        let place = choose(doc, engine, hit, &candidates);
        let slot = *index.entry(place).or_insert_with(|| {
            found.push(FoundPlace { place, mentions: Vec::new() });
            found.len() - 1
        });
        found[slot].mentions.push(doc.mention(hit.start, hit.end));
        spans.push(Span { start: hit.start, end: hit.end, prefix: hit.prefix, id: engine.places[place as usize].id.clone(), media: false, generic: false, rule: if candidates.len() > 1 { "gazetteer alias (disambiguated)" } else { "gazetteer alias" } });
    }
    (found, spans)
}

/// "محكمة الاستئناف في باريس", "القنصلية التونسية بطرابلس": a place named after في or ب
/// inside a longer name that is no place itself is where that body sits, a place of the
/// article all the same.
fn locative_places_inside(doc: &Document, engine: &Engine, hit: &Hit) -> Vec<Hit> {
    let lex = &engine.lexicon;
    let text = &doc.norm.text[hit.start..hit.end];
    let is_place = |h: &Hit| lex.payloads(h.pattern).iter().any(|p| matches!(p, Payload::Place { .. }));
    // One scan over the spaces (most hits have none) instead of a find and two substring searches.
    let Some(first_space) = memchr::memchr(b' ', text.as_bytes()) else { return Vec::new() };
    // A place's own name is not searched for a locative.
    if is_place(hit) {
        return Vec::new();
    }
    let locative = memchr::memchr_iter(b' ', text.as_bytes()).any(|i| text[i + 1..].starts_with("في ") || text[i + 1..].starts_with('ب'));
    if !locative {
        return Vec::new();
    }
    let mut inner = lex.entities_within(&doc.norm.text, &doc.tokens, hit.start + first_space + 1, hit.end);
    inner.retain(|h| {
        let word_start = h.start - h.prefix;
        is_place(h) && (&doc.norm.text[word_start..h.start] == "ب" || doc.norm.text[..word_start].ends_with(" في "))
    });
    inner
}

fn in_scene(engine: &Engine, candidates: &[u32]) -> bool {
    candidates.iter().any(|&p| engine.places[p as usize].country.as_ref().is_some_and(|c| engine.scene_countries.contains(c)))
}

/// The name is also a state's (its country name or capital).
fn acts_as_state(engine: &Engine, payloads: &[Payload]) -> bool {
    payloads.iter().any(|p| match *p {
        Payload::Capital { .. } => true,
        Payload::Actor { actor, .. } => engine.actors[actor as usize].actor_type == crate::rules::ActorType::State,
        _ => false,
    })
}

/// Per country, how many of the article's names (entity hits) name a place in it, and where
/// the first of them starts: built once per article, where a place needs its country named.
type CountriesNamed<'e> = HashMap<&'e str, (usize, usize)>;

fn countries_named<'e>(doc: &Document, engine: &'e Engine) -> CountriesNamed<'e> {
    let mut named: CountriesNamed = HashMap::default();
    let mut of_hit: Vec<&str> = Vec::new();
    for h in &doc.entity_hits {
        of_hit.clear();
        for p in engine.lexicon.payloads(h.pattern) {
            if let Payload::Place { place } = *p {
                if let Some(country) = engine.places[place as usize].country.as_deref() {
                    if !of_hit.contains(&country) {
                        of_hit.push(country);
                    }
                }
            }
        }
        for &country in &of_hit {
            named.entry(country).or_insert((0, h.start)).0 += 1;
        }
    }
    named
}

/// Another place of the same country is named in the article: "الشرق" then means that
/// country's east. (The hits do not overlap, so no two start at one place: another hit is one
/// more than this one, or one that starts elsewhere.)
fn country_named_elsewhere(named: &CountriesNamed, engine: &Engine, place: u32, hit: &Hit) -> bool {
    let Some(country) = engine.places[place as usize].country.as_deref() else { return false };
    named.get(country).is_some_and(|&(count, first)| count >= 2 || first != hit.start)
}

fn choose(doc: &Document, engine: &Engine, hit: &Hit, candidates: &[u32]) -> u32 {
    if candidates.len() == 1 {
        return candidates[0];
    }
    let (from, to) = doc.sentence_of(hit.start).map_or((0, 0), |s| (s.start, s.end));
    // A country named in the sentence decides ("طرابلس ... لبنان").
    // (The hits are in text order: the sentence's are found by binary search.)
    let first = doc.entity_hits.partition_point(|h| h.start < from);
    let named_countries: Vec<&str> = doc.entity_hits[first..]
        .iter()
        .take_while(|h| h.start < to)
        .filter(|h| h.end <= to)
        .flat_map(|h| engine.lexicon.payloads(h.pattern))
        .filter_map(|p| match *p {
            Payload::Place { place } if engine.places[place as usize].kind == PlaceKind::Country => engine.places[place as usize].country.as_deref(),
            _ => None,
        })
        .collect();
    let score = |&p: &u32| {
        let place = &engine.places[p as usize];
        let country = place.country.as_deref().unwrap_or("");
        let named = place.kind != PlaceKind::Country && named_countries.contains(&country);
        (named, country == "LY", place.kind == PlaceKind::Country, place.population, std::cmp::Reverse(p))
    };
    *candidates.iter().max_by_key(|p| score(p)).unwrap()
}
