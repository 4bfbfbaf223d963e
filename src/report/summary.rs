//! The summary: counts per distinct actor, place, event code, actor pair and month. Memory is
//! bounded by the number of distinct entities, never by the number of articles.

use super::schema::{self, Article, DateSummary, EventSummary, NetworkEdge, Summary, SummaryActor, SummaryPlace};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

#[derive(Default)]
pub struct SummaryBuilder {
    articles: u64,
    errors: u64,
    /// By id. Hashed, not ordered: every article looks up each of its entities, and `finish`
    /// sorts them by count and id anyway.
    actors: FxHashMap<String, SummaryActor>,
    places: FxHashMap<String, SummaryPlace>,
    /// The counts by key are hashed too (every event bumps two or more), and ordered by key
    /// in `finish`, as the summary prints them.
    events: u64,
    by_root: FxHashMap<String, u64>,
    by_code: FxHashMap<String, u64>,
    /// Source → target → events (ordered in `finish`).
    network: FxHashMap<String, FxHashMap<String, u64>>,
    dates: u64,
    by_month: FxHashMap<String, u64>,
}

/// Counts one more `key`, copying it only the first time.
fn bump(map: &mut FxHashMap<String, u64>, key: &str) {
    match map.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            map.insert(key.to_string(), 1);
        }
    }
}

/// The maps a summary folds batch into batch.
trait KeyedMap<T>: IntoIterator<Item = (String, T)> {
    fn value_mut(&mut self, key: &str) -> Option<&mut T>;
    fn put(&mut self, key: String, value: T);
}

impl<T> KeyedMap<T> for FxHashMap<String, T> {
    fn value_mut(&mut self, key: &str) -> Option<&mut T> {
        self.get_mut(key)
    }
    fn put(&mut self, key: String, value: T) {
        self.insert(key, value);
    }
}

/// Folds every entry of `more` into `into`: a key both hold is combined by `add`, a key new to
/// `into` keeps the value `more` had.
fn merge_by_key<T, M: KeyedMap<T>>(into: &mut M, more: M, add: impl Fn(&mut T, T)) {
    for (key, value) in more {
        match into.value_mut(&key) {
            Some(existing) => add(existing, value),
            None => into.put(key, value),
        }
    }
}

/// Adds every count of `more` to `counts`.
fn add_counts(counts: &mut FxHashMap<String, u64>, more: FxHashMap<String, u64>) {
    merge_by_key(counts, more, |count, n| *count += n);
}

impl SummaryBuilder {
    pub fn add_error(&mut self) {
        self.errors += 1;
    }

    pub fn add_article(&mut self, a: &Article) {
        self.articles += 1;
        // Keys are looked up by reference and copied only when new: nearly every entity has
        // been seen in an earlier article.
        for actor in &a.actors {
            if let Some(entry) = self.actors.get_mut(&actor.id) {
                entry.articles += 1;
                entry.mentions += actor.mentions.len() as u64;
                continue;
            }
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
            if let Some(entry) = self.places.get_mut(&place.id) {
                entry.articles += 1;
                entry.mentions += place.mentions.len() as u64;
                continue;
            }
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
            self.events += 1;
            bump(&mut self.by_root, &e.root);
            bump(&mut self.by_code, &e.code);
            for s in &e.source {
                if e.target.is_empty() {
                    break;
                }
                if !self.network.contains_key(s) {
                    self.network.insert(s.clone(), FxHashMap::default());
                }
                let Some(targets) = self.network.get_mut(s) else { continue };
                for t in &e.target {
                    bump(targets, t);
                }
            }
        }
        for d in a.dates.iter().filter(|d| d.anchored && d.date_type != "duration") {
            self.dates += 1;
            if d.value.len() >= 7 && d.value.as_bytes()[4] == b'-' && d.value[..7].bytes().all(|b| b.is_ascii_digit() || b == b'-') {
                bump(&mut self.by_month, &d.value[..7]);
            }
        }
    }

    /// Adds the counts of `later`, built from the articles after this one's: entities new to
    /// this builder keep what `later` first saw of them, as if its articles had been added here.
    pub fn merge(&mut self, later: SummaryBuilder) {
        self.articles += later.articles;
        self.errors += later.errors;
        merge_by_key(&mut self.actors, later.actors, |entry, actor| {
            entry.articles += actor.articles;
            entry.mentions += actor.mentions;
        });
        merge_by_key(&mut self.places, later.places, |entry, place| {
            entry.articles += place.articles;
            entry.mentions += place.mentions;
        });
        self.events += later.events;
        add_counts(&mut self.by_root, later.by_root);
        add_counts(&mut self.by_code, later.by_code);
        merge_by_key(&mut self.network, later.network, add_counts);
        self.dates += later.dates;
        add_counts(&mut self.by_month, later.by_month);
    }

    pub fn finish(mut self, rules_version: &str) -> Summary {
        let mut actors: Vec<SummaryActor> = std::mem::take(&mut self.actors).into_values().collect();
        actors.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.id.cmp(&b.id)));
        let mut places: Vec<SummaryPlace> = std::mem::take(&mut self.places).into_values().collect();
        places.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.id.cmp(&b.id)));
        let mut network: Vec<NetworkEdge> = self
            .network
            .into_iter()
            .flat_map(|(source, targets)| targets.into_iter().map(move |(target, events)| NetworkEdge { source: source.clone(), target, events }))
            .collect();
        network.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| (&a.source, &a.target).cmp(&(&b.source, &b.target))));
        let ordered = |counts: FxHashMap<String, u64>| -> BTreeMap<String, u64> { counts.into_iter().collect() };
        let events = EventSummary { total: self.events, by_root: ordered(self.by_root), by_code: ordered(self.by_code), network };
        let dates = DateSummary { total: self.dates, by_month: ordered(self.by_month) };
        schema::Summary {
            record_type: None,
            articles: self.articles,
            errors: self.errors,
            actors,
            places,
            events,
            dates,
            rules_version: rules_version.to_string(),
        }
    }
}
