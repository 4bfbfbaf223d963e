//! Property tests: generated text that mixes Arabic letters, harakat, tatweel, both digit sets,
//! Latin, spaces, punctuation, bidi controls, emoji and other astral characters, presentation
//! forms, and names from the rule tables. Every reported offset must slice the original text (in
//! code points) to exactly the reported text; the normalization map must stay monotone and in
//! bounds; the binary's JSON must parse; thread count must not change a byte of output.

use assert_cmd::Command;
use libya_news::extract::{analyze, DateContext, Mention};
use libya_news::normalize::normalize;
use libya_news::rules::Engine;
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};
use serde_json::Value;
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::load(&[]).expect("built-in rules load"))
}

/// Cases that stay fast and never write a persistence file into the repo.
fn config(cases: u32) -> Config {
    Config { cases, failure_persistence: Some(Box::new(FileFailurePersistence::Off)), ..Config::default() }
}

/// Names, dates and triggers from the tables, so the generated text actually produces mentions.
const NAMES: &[&str] = &[
    "خليفة حفتر",
    "المشير خليفة حفتر",
    "فايز السراج",
    "طرابلس",
    "بنغازي",
    "مصراتة",
    "سرت",
    "ليبيا",
    "تركيا",
    "حكومة الوفاق",
    "حكومة الوفاق الوطني",
    "الجيش الوطني الليبي",
    "الأمم المتحدة",
    "غسان سلامة",
    "21 فبراير 2020",
    "٢١ فبراير ٢٠٢٠",
    "أمس",
    "يوم الأحد الماضي",
    "منتصف مارس",
    "عام 2011",
    "اجتمع",
    "يجتمع",
    "قصف",
    "قصفت",
    "القصف",
    "هاجم",
    "أدان",
    "لم يجتمع",
    "وطرابلس",
    "بطرابلس",
    "لحفتر",
    "طرابلس (رويترز) -",
    "UNSMIL",
];

const HARAKAT: &[char] = &['\u{064B}', '\u{064C}', '\u{064D}', '\u{064E}', '\u{064F}', '\u{0650}', '\u{0651}', '\u{0652}', '\u{0670}'];
const BIDI: &[char] = &[
    '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
    '\u{061C}', '\u{200B}', '\u{200D}', '\u{FEFF}', '\u{00AD}',
];
const SPACES: &[&str] = &[" ", " ", " ", "\n", "\n\n", "\r\n", "\t", "\u{00A0}", "\u{2009}", "\u{3000}"];
const PUNCT: &[&str] = &[".", "،", "؛", "؟", "!", ":", "\"", "«", "»", "(", ")", "-", "/", "…"];
/// Emoji (with ZWJ sequences and flags), astral letters and digits that NFKC folds, and
/// presentation forms / ligatures: one original code point, several normalized characters.
const ODD: &[&str] = &[
    "😀", "🇱🇾", "👩\u{200D}👩\u{200D}👧", "𝐀𝐁", "𝟐𝟎𝟐𝟎", "𐎀", "\u{FEFB}", "\u{FDF2}", "\u{FDFA}", "ﻃﺮﺍﺑﻠﺲ", "①", "ﬁ", "Ａ", "²",
    "\u{0301}", "\u{0640}\u{0640}",
];

/// A name with optional harakat after each letter and optional tatweel inside.
fn decorated(name: &'static str) -> impl Strategy<Value = String> {
    let n = name.chars().count();
    proptest::collection::vec((0usize..12, any::<bool>()), n).prop_map(move |marks| {
        let mut out = String::new();
        for (c, (m, tatweel)) in name.chars().zip(marks) {
            out.push(c);
            if ('\u{0621}'..='\u{064A}').contains(&c) {
                if tatweel && m % 3 == 0 {
                    out.push('\u{0640}');
                }
                if m < HARAKAT.len() {
                    out.push(HARAKAT[m]);
                }
            }
        }
        out
    })
}

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(NAMES).prop_flat_map(decorated),
        3 => proptest::collection::vec(proptest::char::range('\u{0621}', '\u{064A}'), 1..7).prop_map(|v| v.into_iter().collect()),
        1 => proptest::collection::vec(proptest::sample::select(HARAKAT), 1..4).prop_map(|v| v.into_iter().collect()),
        1 => (1usize..4).prop_map(|n| "\u{0640}".repeat(n)),
        1 => proptest::collection::vec(proptest::char::range('0', '9'), 1..5).prop_map(|v| v.into_iter().collect()),
        1 => proptest::collection::vec(proptest::char::range('٠', '٩'), 1..5).prop_map(|v| v.into_iter().collect()),
        1 => "[A-Za-z]{1,8}",
        2 => proptest::sample::select(SPACES).prop_map(str::to_string),
        2 => proptest::sample::select(PUNCT).prop_map(str::to_string),
        1 => proptest::collection::vec(proptest::sample::select(BIDI), 1..3).prop_map(|v| v.into_iter().collect()),
        1 => proptest::sample::select(ODD).prop_map(str::to_string),
    ]
}

/// Tokens joined by a space most of the time, so names stay whole words.
fn article() -> impl Strategy<Value = String> {
    proptest::collection::vec((token(), proptest::sample::select(&[" ", " ", " ", "", "\n"][..])), 1..40).prop_map(|parts| {
        let mut out = String::new();
        for (t, sep) in parts {
            out.push_str(&t);
            out.push_str(sep);
        }
        out
    })
}

fn check(chars: &[char], m: &Mention, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(m.start < m.end, "{}: empty span {}..{} {:?}", what, m.start, m.end, m.text);
    prop_assert!(m.end <= chars.len(), "{}: {}..{} past the end {}", what, m.start, m.end, chars.len());
    let got: String = chars[m.start..m.end].iter().collect();
    prop_assert_eq!(&got, &m.text, "{}: offsets {}..{}", what, m.start, m.end);
    Ok(())
}

/// Checks every span of one analysis; returns how many mentions it checked.
fn check_analysis(text: &str, context: DateContext) -> Result<usize, TestCaseError> {
    let chars: Vec<char> = text.chars().collect();
    let a = analyze(text, engine(), context);
    let mut n = 0;
    if let Some(m) = a.published.as_ref().and_then(|p| p.mention.as_ref()) {
        check(&chars, m, "published")?;
        n += 1;
    }
    for actor in &a.actors {
        prop_assert!(!actor.mentions.is_empty());
        for m in &actor.mentions {
            check(&chars, m, "actor")?;
            n += 1;
        }
    }
    for place in &a.places {
        prop_assert!(!place.mentions.is_empty());
        for m in &place.mentions {
            check(&chars, m, "place")?;
            n += 1;
        }
    }
    for d in &a.dates {
        check(&chars, &d.mention, "date")?;
        n += 1;
    }
    // The event coder finds a sentence's dates, places and actors by binary search: each list
    // must be in text order (an actor's by the start of its word, proclitics included).
    prop_assert!(a.dates.windows(2).all(|w| w[0].mention.start <= w[1].mention.start), "dates out of order");
    prop_assert!(a.place_spans.windows(2).all(|w| w[0].start <= w[1].start), "place spans out of order");
    prop_assert!(a.actor_spans.windows(2).all(|w| w[0].start - w[0].prefix <= w[1].start - w[1].prefix), "actor spans out of order");
    for e in &a.events {
        check(&chars, &e.mention, "trigger")?;
        n += 1;
        for m in &e.also {
            check(&chars, m, "event repeat")?;
        }
        let (s, end) = e.sentence;
        prop_assert!(s < end && end <= chars.len(), "sentence {}..{} out of bounds", s, end);
    }
    Ok(n)
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn every_mention_maps_back_to_its_original_text(text in article()) {
        check_analysis(&text, DateContext::default())?;
        let reference = chrono::NaiveDate::from_ymd_opt(2020, 2, 21);
        check_analysis(&text, DateContext { metadata: None, reference })?;
    }

    #[test]
    fn the_normalization_map_is_monotone_and_in_bounds(text in article()) {
        let chars = text.chars().count();
        let norm = normalize(&text);
        let mut last = 0;
        for (pos, c) in norm.text.char_indices() {
            let (s, e) = norm.original_span(pos, pos + c.len_utf8());
            prop_assert!(s < e && e <= chars, "{:?} at {}: {}..{} of {}", c, pos, s, e, chars);
            prop_assert!(s >= last, "starts go backwards at {}", pos);
            last = s;
        }
        prop_assert!(norm.original_offset(norm.text.len()) <= chars);
    }
}

/// Not every generated text has mentions; make sure the generator really exercises the
/// extractors, or the property above would pass vacuously.
#[test]
fn the_generator_produces_mentions() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut total = 0;
    for _ in 0..32 {
        let text = article().new_tree(&mut runner).unwrap().current();
        total += check_analysis(&text, DateContext::default()).unwrap();
    }
    assert!(total >= 20, "only {total} mentions in 32 generated articles");
}

/// A fixed, hand-written case of everything at once, so a regression shows up even if the
/// generator drifts.
#[test]
fn decorated_names_with_bidi_and_emoji_map_back() {
    let text = "طرابلس (رويترز) - 😀 قَصَفَتْ قوات \u{202B}المُشِيرُ خَلِيفَةُ حَفْتَر\u{202C} مواقعَ 🇱🇾 حكومة الوفـــاق في \u{FDF2} طرابلس يوم ٢١ فبراير ٢٠٢٠.\n𝐀 اجتمع غسان سلامة مع فايز السراج.";
    let n = check_analysis(text, DateContext::default()).unwrap();
    assert!(n >= 5, "{n} mentions");
    let a = analyze(text, engine(), DateContext::default());
    let chars: Vec<char> = text.chars().collect();
    let haftar = a.actors.iter().flat_map(|x| &x.mentions).find(|m| m.text.contains("حَفْتَر")).expect("Haftar found");
    // Offsets are code points: the astral emoji before it count once, not as two UTF-16 units.
    let byte = text.find(&haftar.text).unwrap();
    assert_eq!(haftar.start, text[..byte].chars().count());
    assert_ne!(haftar.start, text[..byte].encode_utf16().count(), "the test needs astral characters before the name");
    assert_eq!(chars[haftar.start..haftar.end].iter().collect::<String>(), haftar.text);
}

fn bin() -> Command {
    Command::cargo_bin("libya-news").unwrap()
}

proptest! {
    #![proptest_config(config(6))]

    #[test]
    fn json_output_always_parses(text in article()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, &text).unwrap();
        let out = bin().arg("scan").arg(&path).args(["--format", "json"]).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        prop_assert!(!stderr.contains("panicked"), "{}", stderr);
        let doc: Value = serde_json::from_slice(&out.stdout).map_err(|e| TestCaseError::fail(format!("invalid JSON: {e}")))?;
        // An empty generated text is a decode error; anything else is an article.
        let articles = doc["articles"].as_array().unwrap().len();
        let errors = doc["errors"].as_array().unwrap().len();
        prop_assert_eq!(articles + errors, 1);
        prop_assert_eq!(out.status.code(), Some(if errors == 0 { 0 } else { 2 }));
        if let Some(a) = doc["articles"].as_array().unwrap().first() {
            // The decoded text, whose code points offsets count, has its byte-order mark removed.
            let decoded = text.strip_prefix('\u{feff}').unwrap_or(&text);
            prop_assert_eq!(a["chars"].as_u64().unwrap() as usize, decoded.chars().count());
            let chars: Vec<char> = decoded.chars().collect();
            for kind in ["actors", "places"] {
                for e in a[kind].as_array().unwrap() {
                    for m in e["mentions"].as_array().unwrap() {
                        let (s, end) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
                        prop_assert_eq!(chars[s..end].iter().collect::<String>(), m["text"].as_str().unwrap());
                    }
                }
            }
        }
    }

    #[test]
    fn output_is_identical_for_one_and_two_threads(texts in proptest::collection::vec(article(), 1..24)) {
        let dir = tempfile::tempdir().unwrap();
        for (i, text) in texts.iter().enumerate() {
            let sub = dir.path().join(format!("d{}", i % 3));
            std::fs::create_dir_all(&sub).unwrap();
            std::fs::write(sub.join(format!("{i:02}.txt")), text).unwrap();
        }
        // A binary too, so errors are interleaved with articles.
        std::fs::create_dir_all(dir.path().join("d1")).unwrap();
        std::fs::write(dir.path().join("d1/zz.txt"), b"\x89PNG\r\n\x1a\n\0\0").unwrap();
        let run = |threads: &str| bin().arg("scan").arg(dir.path()).args(["--format", "json", "--threads", threads]).output().unwrap();
        let one = run("1");
        let two = run("2");
        prop_assert_eq!(one.status.code(), Some(2));
        prop_assert!(!one.stdout.is_empty());
        prop_assert!(one.stdout == two.stdout, "--threads 1 and --threads 2 differ");
        let doc: Value = serde_json::from_slice(&one.stdout).unwrap();
        prop_assert_eq!(doc["articles"].as_array().unwrap().len() + doc["errors"].as_array().unwrap().len(), texts.len() + 1);
    }
}
