//! The full per-article analysis on arbitrary bytes: decode, then `extract::analyze`, and every
//! reported offset must slice the decoded original to exactly the reported text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use libya_news::corpus::decode;
use libya_news::extract::{analyze, DateContext, Mention};
use libya_news::rules::Engine;
use std::sync::OnceLock;

static ENGINE: OnceLock<Engine> = OnceLock::new();

fn check(chars: &[char], m: &Mention, what: &str) {
    assert!(m.start < m.end, "{what}: empty span {}..{} {:?}", m.start, m.end, m.text);
    assert!(m.end <= chars.len(), "{what}: {}..{} past the end ({})", m.start, m.end, chars.len());
    let got: String = chars[m.start..m.end].iter().collect();
    assert_eq!(got, m.text, "{what}: offsets {}..{} do not slice to the text", m.start, m.end);
}

fn engine() -> &'static Engine {
    ENGINE.get_or_init(|| Engine::load(&[]).expect("built-in rules load"))
}

// The engine (one automaton over the whole gazetteer) is built before fuzzing starts, so its
// build time is not counted against the first input's -timeout.
fuzz_target!(init: { engine(); }, |data: &[u8]| {
    let engine = engine();
    let Ok(decoded) = decode(data) else { return };
    let text = decoded.text.as_str();
    let chars: Vec<char> = text.chars().collect();
    let reference = chrono_date();
    for context in [DateContext::default(), DateContext { metadata: None, reference }] {
        let a = analyze(text, engine, context);
        if let Some(p) = &a.published {
            if let Some(m) = &p.mention {
                check(&chars, m, "published");
            }
        }
        for actor in &a.actors {
            assert!(!actor.mentions.is_empty());
            for m in &actor.mentions {
                check(&chars, m, "actor");
            }
        }
        for place in &a.places {
            assert!(!place.mentions.is_empty());
            for m in &place.mentions {
                check(&chars, m, "place");
            }
        }
        for d in &a.dates {
            check(&chars, &d.mention, "date");
        }
        for e in &a.events {
            check(&chars, &e.mention, "trigger");
            for m in &e.also {
                check(&chars, m, "event repeat");
            }
            let (s, end) = e.sentence;
            assert!(s <= e.mention.start && e.mention.end <= end && end <= chars.len(), "sentence {s}..{end} does not hold trigger {}..{}", e.mention.start, e.mention.end);
        }
    }
});

fn chrono_date() -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(2020, 2, 21)
}
