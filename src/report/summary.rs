//! The summary: counts per distinct actor, place, event code, actor pair and month. Memory is
//! bounded by the number of distinct entities, never by the number of articles.

use super::schema::{self, Article, DateSummary, EventSummary, NetworkEdge, Summary, SummaryActor, SummaryPlace};
use std::collections::BTreeMap;

#[derive(Default)]
pub struct SummaryBuilder {
    articles: u64,
    errors: u64,
    actors: BTreeMap<String, SummaryActor>,
    places: BTreeMap<String, SummaryPlace>,
    events: EventSummary,
    network: BTreeMap<(String, String), u64>,
    dates: DateSummary,
}

impl SummaryBuilder {
    pub fn add_error(&mut self) {
        self.errors += 1;
    }

    pub fn add_article(&mut self, a: &Article) {
        self.articles += 1;
        for actor in &a.actors {
            let entry = self.actors.entry(actor.id.clone()).or_insert_with(|| SummaryActor {
                id: actor.id.clone(),
                name: actor.name.clone(),
                name_ar: actor.name_ar.clone(),
                actor_type: actor.actor_type,
                known: actor.known,
                code: actor.code.clone(),
                articles: 0,
                mentions: 0,
            });
            entry.articles += 1;
            entry.mentions += actor.mentions.len() as u64;
        }
        for place in &a.places {
            let entry = self.places.entry(place.id.clone()).or_insert_with(|| SummaryPlace {
                id: place.id.clone(),
                name: place.name.clone(),
                name_ar: place.name_ar.clone(),
                kind: place.kind,
                country: place.country.clone(),
                lat: place.lat,
                lon: place.lon,
                articles: 0,
                mentions: 0,
            });
            entry.articles += 1;
            entry.mentions += place.mentions.len() as u64;
        }
        for e in a.events.iter().filter(|e| !e.negated) {
            self.events.total += 1;
            *self.events.by_root.entry(e.root.clone()).or_default() += 1;
            *self.events.by_code.entry(e.code.clone()).or_default() += 1;
            for s in &e.source {
                for t in &e.target {
                    *self.network.entry((s.clone(), t.clone())).or_default() += 1;
                }
            }
        }
        for d in a.dates.iter().filter(|d| d.anchored && d.date_type != "duration") {
            self.dates.total += 1;
            if d.value.len() >= 7 && d.value.as_bytes()[4] == b'-' && d.value[..7].bytes().all(|b| b.is_ascii_digit() || b == b'-') {
                *self.dates.by_month.entry(d.value[..7].to_string()).or_default() += 1;
            }
        }
    }

    pub fn finish(mut self, rules_version: &str) -> Summary {
        let mut actors: Vec<SummaryActor> = std::mem::take(&mut self.actors).into_values().collect();
        actors.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.id.cmp(&b.id)));
        let mut places: Vec<SummaryPlace> = std::mem::take(&mut self.places).into_values().collect();
        places.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.id.cmp(&b.id)));
        let mut network: Vec<NetworkEdge> =
            self.network.into_iter().map(|((source, target), events)| NetworkEdge { source, target, events }).collect();
        network.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| (&a.source, &a.target).cmp(&(&b.source, &b.target))));
        self.events.network = network;
        schema::Summary {
            record_type: None,
            articles: self.articles,
            errors: self.errors,
            actors,
            places,
            events: self.events,
            dates: self.dates,
            rules_version: rules_version.to_string(),
        }
    }
}
