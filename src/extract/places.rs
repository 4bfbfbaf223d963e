//! Places: every named location, resolved to one gazetteer entry.
//!
//! A name several places share (طرابلس: Libya, Lebanon) is resolved by context: the candidate
//! whose country is named in the same sentence wins; otherwise Libya's, then the most populous.
//! A capital that acts as a government ("واشنطن تتمسك") is left to the actor extractor.

use super::matcher::{Hit, Payload};
use super::{Document, FoundPlace, Span};
use crate::rules::{Engine, PlaceKind};
use std::collections::HashMap;

pub fn extract(doc: &Document, engine: &Engine) -> (Vec<FoundPlace>, Vec<Span>) {
    let lex = &engine.lexicon;
    let mut found: Vec<FoundPlace> = Vec::new();
    let mut index: HashMap<u32, usize> = HashMap::new();
    let mut spans = Vec::new();
    for hit in &doc.entity_hits {
        let payloads = lex.payloads(hit.pattern);
        let candidates: Vec<u32> = payloads
            .iter()
            .filter_map(|p| match *p {
                Payload::Place { place } => Some(place),
                _ => None,
            })
            .collect();
        if candidates.is_empty() || payloads.iter().any(|p| matches!(p, Payload::PlaceStop)) {
            continue;
        }
        if is_acting_capital(doc, engine, hit) {
            continue;
        }
        let place = choose(doc, engine, hit, &candidates);
        let slot = *index.entry(place).or_insert_with(|| {
            found.push(FoundPlace { place, mentions: Vec::new() });
            found.len() - 1
        });
        found[slot].mentions.push(doc.mention(hit.start, hit.end));
        spans.push(Span { start: hit.start, end: hit.end, prefix: hit.prefix, id: engine.places[place as usize].id.clone(), rule: if candidates.len() > 1 { "gazetteer alias (disambiguated)" } else { "gazetteer alias" } });
    }
    (found, spans)
}

/// The actor extractor's reading of a capital, so one name is not both.
fn is_acting_capital(doc: &Document, engine: &Engine, hit: &Hit) -> bool {
    let payloads = engine.lexicon.payloads(hit.pattern);
    payloads.iter().any(|p| matches!(p, Payload::Capital { .. })) && super::actors::capital_is_actor(doc, hit)
}

fn choose(doc: &Document, engine: &Engine, hit: &Hit, candidates: &[u32]) -> u32 {
    if candidates.len() == 1 {
        return candidates[0];
    }
    let (from, to) = doc.sentence_of(hit.start).map_or((0, 0), |s| (s.start, s.end));
    // A country named in the sentence decides ("طرابلس ... لبنان").
    let named_countries: Vec<&str> = doc
        .entity_hits
        .iter()
        .filter(|h| h.start >= from && h.end <= to)
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
