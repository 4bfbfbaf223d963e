//! The report stage: analyses become wire records (`schema`), a bounded summary accumulates
//! per distinct entity, and one writer per format streams them out in path order.

mod json;
pub mod schema;
mod summary;
mod writers;

pub use summary::SummaryBuilder;
pub use writers::{serialize_article, serialize_article_into, writer_for, Format, Header, Writer};

/// The document header for a run.
pub fn writers_header(reference_date: Option<chrono::NaiveDate>) -> Header {
    Header { reference_date: reference_date.map(|d| d.format("%Y-%m-%d").to_string()) }
}

use crate::extract::{ActorRef, Analysis, Mention};
use crate::rules::Engine;

fn mention(m: Mention) -> schema::Mention {
    schema::Mention { text: m.text, start: m.start, end: m.end }
}

/// What the corpus stage knows about one file, beside its analysis.
pub struct FileFacts {
    pub path: String,
    pub id: String,
    pub sha256: String,
    pub encoding: &'static str,
    pub chars: usize,
    /// Taken apart into the record: its strings move into the article, uncopied.
    pub analysis: Analysis,
}

pub fn to_article(facts: FileFacts, engine: &Engine) -> schema::Article {
    let a = facts.analysis;
    let actors = a
        .actors
        .into_iter()
        .map(|found| match found.actor {
            ActorRef::Known(i) => {
                let actor = &engine.actors[i as usize];
                schema::Actor {
                    id: actor.id.clone(),
                    name: actor.name.clone(),
                    name_ar: actor.name_ar.clone(),
                    actor_type: actor.actor_type.as_str(),
                    known: true,
                    code: actor.code.clone(),
                    mentions: found.mentions.into_iter().map(mention).collect(),
                }
            }
            ActorRef::New(id) => {
                let name = found.new_name.unwrap_or_default();
                schema::Actor {
                    id,
                    name: name.clone(),
                    name_ar: name,
                    actor_type: "person",
                    known: false,
                    code: None,
                    mentions: found.mentions.into_iter().map(mention).collect(),
                }
            }
        })
        .collect();
    let places = a
        .places
        .into_iter()
        .map(|found| {
            let p = &engine.places[found.place as usize];
            schema::Place {
                id: p.id.clone(),
                name: p.name.clone(),
                name_ar: p.name_ar.clone(),
                kind: p.kind.as_str(),
                country: p.country.clone(),
                lat: p.lat,
                lon: p.lon,
                mentions: found.mentions.into_iter().map(mention).collect(),
            }
        })
        .collect();
    let dates = a
        .dates
        .into_iter()
        .map(|d| schema::Date {
            text: d.mention.text,
            start: d.mention.start,
            end: d.mention.end,
            date_type: d.kind,
            value: d.value,
            modifier: d.modifier,
            anchored: d.anchored,
        })
        .collect();
    let events = a
        .events
        .into_iter()
        .map(|e| {
            let t = &engine.triggers[e.trigger as usize];
            schema::Event {
                code: t.code.clone(),
                root: t.code[..2].to_string(),
                label: t.label.clone(),
                plover: t.plover.clone(),
                trigger: mention(e.mention),
                source: e.source,
                target: e.target,
                places: e.places,
                date: e.date,
                negated: e.negated,
                sentence: schema::SentenceSpan { start: e.sentence.0, end: e.sentence.1 },
                mentions: e.also.into_iter().map(mention).collect(),
            }
        })
        .collect();
    let published = a.published.map(|p| {
        let (text, start, end) = match p.mention {
            Some(m) => (Some(m.text), Some(m.start), Some(m.end)),
            None => (None, None, None),
        };
        schema::Published { value: p.date.format("%Y-%m-%d").to_string(), text, start, end, source: p.source.as_str() }
    });
    schema::Article {
        record_type: None,
        path: facts.path,
        id: facts.id,
        sha256: facts.sha256,
        encoding: facts.encoding,
        chars: facts.chars,
        title: a.title,
        published,
        actors,
        places,
        dates,
        events,
        warnings: a.warnings,
    }
}
