//! A direct writer for the article record: the bytes `serde_json::to_writer` gives for
//! [`Article`] (compact, fields in declaration order, the same string escapes), without going
//! through serde's field-by-field machinery. Articles are most of a scan's output; every other
//! record still goes through serde. `tests::matches_serde_json` holds the two together, and any
//! field added to the schema types must be added here too.

use super::schema::{Actor, Article, Date, Event, Mention, Place, Published};

/// Bytes that need an escape in a JSON string: 0 for none, else the letter after `\`
/// (`u` for the `\u00XX` form), as serde_json writes them.
static ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b'u';
        b += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0A] = b'n';
    table[0x0C] = b'f';
    table[0x0D] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// True when one of the eight bytes of `w` may need an escape (a control byte, `"` or `\`).
/// Exact as a yes/no answer (the classic has-zero-byte and has-less-than tests).
#[inline]
fn word_needs_escape(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let zero_in = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    let control = w.wrapping_sub(ONES * 0x20) & !w & HIGHS;
    (control | zero_in(w ^ (ONES * b'"' as u64)) | zero_in(w ^ (ONES * b'\\' as u64))) != 0
}

/// True when some byte of `bytes` needs an escape. Nearly every string written (ids, mention
/// texts) needs none: it is checked a word at a time, the last word overlapping the one
/// before, so no byte-by-byte tail runs for it.
#[inline]
fn needs_escape(bytes: &[u8]) -> bool {
    #[inline(always)]
    fn word_at(bytes: &[u8], i: usize) -> u64 {
        let mut word = [0u8; 8];
        word.copy_from_slice(&bytes[i..i + 8]);
        u64::from_le_bytes(word)
    }
    if bytes.len() < 8 {
        return bytes.iter().any(|&b| ESCAPE[b as usize] != 0);
    }
    let mut i = 0;
    while i + 8 < bytes.len() {
        if word_needs_escape(word_at(bytes, i)) {
            return true;
        }
        i += 8;
    }
    word_needs_escape(word_at(bytes, bytes.len() - 8))
}

pub fn write_str(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    if !needs_escape(bytes) {
        out.extend_from_slice(bytes);
        out.push(b'"');
        return;
    }
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let w = u64::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7]]);
            if !word_needs_escape(w) {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        let escape = ESCAPE[b as usize];
        if escape != 0 {
            out.extend_from_slice(&bytes[start..i]);
            if escape == b'u' {
                out.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[(b >> 4) as usize], HEX[(b & 0xF) as usize]]);
            } else {
                out.extend_from_slice(&[b'\\', escape]);
            }
            start = i + 1;
        }
        i += 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// "00" to "99": offsets are written two digits per division.
static DIGIT_PAIRS: [u8; 200] = {
    let mut table = [0u8; 200];
    let mut i = 0;
    while i < 100 {
        table[2 * i] = b'0' + (i / 10) as u8;
        table[2 * i + 1] = b'0' + (i % 10) as u8;
        i += 1;
    }
    table
};

fn write_usize(out: &mut Vec<u8>, mut n: usize) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    while n >= 100 {
        let pair = n % 100 * 2;
        n /= 100;
        i -= 2;
        buf[i..i + 2].copy_from_slice(&DIGIT_PAIRS[pair..pair + 2]);
    }
    if n >= 10 {
        i -= 2;
        buf[i..i + 2].copy_from_slice(&DIGIT_PAIRS[n * 2..n * 2 + 2]);
    } else {
        i -= 1;
        buf[i] = b'0' + n as u8;
    }
    out.extend_from_slice(&buf[i..]);
}

fn write_bool(out: &mut Vec<u8>, b: bool) {
    out.extend_from_slice(if b { b"true" } else { b"false" });
}

fn write_opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => write_str(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

fn write_opt_usize(out: &mut Vec<u8>, n: Option<usize>) {
    match n {
        Some(n) => write_usize(out, n),
        None => out.extend_from_slice(b"null"),
    }
}

/// Floats are rare (coordinates): serde_json writes them, so the digits stay its own.
fn write_opt_f64(out: &mut Vec<u8>, x: Option<f64>) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, &x).map_err(std::io::Error::other)
}

fn write_list<T>(out: &mut Vec<u8>, items: &[T], each: impl FnMut(&mut Vec<u8>, &T) -> std::io::Result<()>) -> std::io::Result<()> {
    write_array(out, items, each)
}

/// `[a,b,…]`, each item written by `each`; `E` is `Infallible` for the writers that cannot fail.
fn write_array<T, E>(out: &mut Vec<u8>, items: &[T], mut each: impl FnMut(&mut Vec<u8>, &T) -> Result<(), E>) -> Result<(), E> {
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        each(out, item)?;
    }
    out.push(b']');
    Ok(())
}

fn write_strs(out: &mut Vec<u8>, items: &[String]) {
    let Ok(()) = write_array(out, items, |out, s| -> Result<(), std::convert::Infallible> {
        write_str(out, s);
        Ok(())
    });
}

fn write_mention(out: &mut Vec<u8>, m: &Mention) {
    out.extend_from_slice(b"{\"text\":");
    write_str(out, &m.text);
    out.extend_from_slice(b",\"start\":");
    write_usize(out, m.start);
    out.extend_from_slice(b",\"end\":");
    write_usize(out, m.end);
    out.push(b'}');
}

fn write_mentions(out: &mut Vec<u8>, mentions: &[Mention]) {
    let Ok(()) = write_array(out, mentions, |out, m| -> Result<(), std::convert::Infallible> {
        write_mention(out, m);
        Ok(())
    });
}

fn write_published(out: &mut Vec<u8>, p: &Published) {
    out.extend_from_slice(b"{\"value\":");
    write_str(out, &p.value);
    out.extend_from_slice(b",\"text\":");
    write_opt_str(out, p.text.as_deref());
    out.extend_from_slice(b",\"start\":");
    write_opt_usize(out, p.start);
    out.extend_from_slice(b",\"end\":");
    write_opt_usize(out, p.end);
    out.extend_from_slice(b",\"source\":");
    write_str(out, p.source);
    out.push(b'}');
}

fn write_actor(out: &mut Vec<u8>, a: &Actor) {
    out.extend_from_slice(b"{\"id\":");
    write_str(out, &a.id);
    out.extend_from_slice(b",\"name\":");
    write_str(out, &a.name);
    out.extend_from_slice(b",\"name_ar\":");
    write_str(out, &a.name_ar);
    out.extend_from_slice(b",\"type\":");
    write_str(out, a.actor_type);
    out.extend_from_slice(b",\"known\":");
    write_bool(out, a.known);
    out.extend_from_slice(b",\"code\":");
    write_opt_str(out, a.code.as_deref());
    out.extend_from_slice(b",\"mentions\":");
    write_mentions(out, &a.mentions);
    out.push(b'}');
}

fn write_place(out: &mut Vec<u8>, p: &Place) -> std::io::Result<()> {
    out.extend_from_slice(b"{\"id\":");
    write_str(out, &p.id);
    out.extend_from_slice(b",\"name\":");
    write_str(out, &p.name);
    out.extend_from_slice(b",\"name_ar\":");
    write_str(out, &p.name_ar);
    out.extend_from_slice(b",\"kind\":");
    write_str(out, p.kind);
    out.extend_from_slice(b",\"country\":");
    write_opt_str(out, p.country.as_deref());
    out.extend_from_slice(b",\"lat\":");
    write_opt_f64(out, p.lat)?;
    out.extend_from_slice(b",\"lon\":");
    write_opt_f64(out, p.lon)?;
    out.extend_from_slice(b",\"mentions\":");
    write_mentions(out, &p.mentions);
    out.push(b'}');
    Ok(())
}

fn write_date(out: &mut Vec<u8>, d: &Date) {
    out.extend_from_slice(b"{\"text\":");
    write_str(out, &d.text);
    out.extend_from_slice(b",\"start\":");
    write_usize(out, d.start);
    out.extend_from_slice(b",\"end\":");
    write_usize(out, d.end);
    out.extend_from_slice(b",\"type\":");
    write_str(out, d.date_type);
    out.extend_from_slice(b",\"value\":");
    write_str(out, &d.value);
    out.extend_from_slice(b",\"mod\":");
    write_opt_str(out, d.modifier);
    out.extend_from_slice(b",\"anchored\":");
    write_bool(out, d.anchored);
    out.push(b'}');
}

fn write_event(out: &mut Vec<u8>, e: &Event) {
    out.extend_from_slice(b"{\"code\":");
    write_str(out, &e.code);
    out.extend_from_slice(b",\"root\":");
    write_str(out, &e.root);
    out.extend_from_slice(b",\"label\":");
    write_str(out, &e.label);
    out.extend_from_slice(b",\"plover\":");
    write_opt_str(out, e.plover.as_deref());
    out.extend_from_slice(b",\"trigger\":");
    write_mention(out, &e.trigger);
    out.extend_from_slice(b",\"source\":");
    write_strs(out, &e.source);
    out.extend_from_slice(b",\"target\":");
    write_strs(out, &e.target);
    out.extend_from_slice(b",\"places\":");
    write_strs(out, &e.places);
    out.extend_from_slice(b",\"date\":");
    write_opt_str(out, e.date.as_deref());
    out.extend_from_slice(b",\"negated\":");
    write_bool(out, e.negated);
    out.extend_from_slice(b",\"sentence\":{\"start\":");
    write_usize(out, e.sentence.start);
    out.extend_from_slice(b",\"end\":");
    write_usize(out, e.sentence.end);
    out.extend_from_slice(b"},\"mentions\":");
    write_mentions(out, &e.mentions);
    out.push(b'}');
}

/// About the length of the article's JSON (a little more, rarely less), so the buffer is
/// allocated once instead of doubled and copied as it grows.
pub fn size_hint(a: &Article) -> usize {
    let mentions = |ms: &[Mention]| ms.iter().map(|m| m.text.len() + 40).sum::<usize>();
    let actors: usize = a.actors.iter().map(|x| 110 + x.id.len() + x.name.len() + x.name_ar.len() + mentions(&x.mentions)).sum();
    let places: usize = a.places.iter().map(|x| 150 + x.id.len() + x.name.len() + x.name_ar.len() + mentions(&x.mentions)).sum();
    let dates: usize = a.dates.iter().map(|x| 100 + x.text.len() + x.value.len()).sum();
    let events: usize = a.events.iter().map(|x| 260 + x.label.len() + x.trigger.text.len() + 24 * (x.source.len() + x.target.len() + x.places.len()) + mentions(&x.mentions)).sum();
    let warnings: usize = a.warnings.iter().map(|w| w.len() + 3).sum();
    400 + a.path.len() + a.title.as_ref().map_or(0, |t| t.len()) + actors + places + dates + events + warnings
}

/// Appends `article` as compact JSON, exactly as `serde_json::to_writer` would.
pub fn write_article(out: &mut Vec<u8>, a: &Article) -> std::io::Result<()> {
    out.push(b'{');
    if let Some(record_type) = a.record_type {
        out.extend_from_slice(b"\"type\":");
        write_str(out, record_type);
        out.push(b',');
    }
    out.extend_from_slice(b"\"path\":");
    write_str(out, &a.path);
    out.extend_from_slice(b",\"id\":");
    write_str(out, &a.id);
    out.extend_from_slice(b",\"sha256\":");
    write_str(out, &a.sha256);
    out.extend_from_slice(b",\"encoding\":");
    write_str(out, a.encoding);
    out.extend_from_slice(b",\"chars\":");
    write_usize(out, a.chars);
    out.extend_from_slice(b",\"title\":");
    write_opt_str(out, a.title.as_deref());
    out.extend_from_slice(b",\"published\":");
    match &a.published {
        Some(p) => write_published(out, p),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"actors\":");
    write_list(out, &a.actors, |out, x| {
        write_actor(out, x);
        Ok(())
    })?;
    out.extend_from_slice(b",\"places\":");
    write_list(out, &a.places, write_place)?;
    out.extend_from_slice(b",\"dates\":");
    write_list(out, &a.dates, |out, x| {
        write_date(out, x);
        Ok(())
    })?;
    out.extend_from_slice(b",\"events\":");
    write_list(out, &a.events, |out, x| {
        write_event(out, x);
        Ok(())
    })?;
    out.extend_from_slice(b",\"warnings\":");
    write_strs(out, &a.warnings);
    out.push(b'}');
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::schema::SentenceSpan;

    fn mention(text: &str) -> Mention {
        Mention { text: text.into(), start: 0, end: usize::MAX }
    }

    #[test]
    fn strings_escape_like_serde_json() {
        let mut all: String = (0u32..0x100).filter_map(char::from_u32).collect();
        all.push_str("\"\\\u{7f}\u{2028}حفتر\u{FEFF}😀");
        for s in [all.as_str(), "", "a", "12345678\"", "1234567\n", "\u{1f}\u{0}", "خليفة حفتر \"قال\" \\ ok"] {
            let mut ours = Vec::new();
            write_str(&mut ours, s);
            assert_eq!(String::from_utf8(ours).unwrap(), serde_json::to_string(s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn write_usize_is_display() {
        for n in (0..100_000).chain([usize::MAX, usize::MAX / 7, 1 << 40, 999_999_999, 1_000_000_000]) {
            let mut out = Vec::new();
            write_usize(&mut out, n);
            assert_eq!(out, n.to_string().into_bytes());
        }
    }

    #[test]
    fn needs_escape_reads_every_byte() {
        // An escaped byte at each place of strings around the word size.
        for len in 0..26 {
            assert!(!needs_escape(&vec![b'a'; len]), "{len}");
            for at in 0..len {
                for b in [0u8, 0x1F, b'"', b'\\'] {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = b;
                    assert!(needs_escape(&bytes), "{len} {at} {b}");
                }
            }
        }
    }

    #[test]
    fn matches_serde_json() {
        let tricky = "قال \"حفتر\"\n\t\\ \u{1}";
        let mut article = Article {
            record_type: Some("article"),
            path: "dir/\"x\".txt".into(),
            id: "x".into(),
            sha256: "00ff".into(),
            encoding: "utf-8",
            chars: 12345,
            title: Some(tricky.into()),
            published: Some(Published { value: "2020-01-02".into(), text: Some(tricky.into()), start: Some(3), end: None, source: "dateline" }),
            actors: vec![Actor {
                id: "a".into(),
                name: "A".into(),
                name_ar: tricky.into(),
                actor_type: "person",
                known: false,
                code: None,
                mentions: vec![mention(tricky), mention("x")],
            }],
            places: vec![
                Place { id: "p".into(), name: "P".into(), name_ar: "ب".into(), kind: "city", country: Some("LY".into()), lat: Some(32.8872), lon: Some(-13.191), mentions: vec![mention("y")] },
                Place { id: "q".into(), name: "Q".into(), name_ar: "ق".into(), kind: "region", country: None, lat: Some(12.0), lon: None, mentions: vec![] },
            ],
            dates: vec![Date { text: tricky.into(), start: 1, end: 2, date_type: "date", value: "2020".into(), modifier: Some("MID"), anchored: true }, Date {
                text: "t".into(),
                start: 0,
                end: 0,
                date_type: "duration",
                value: "P3M".into(),
                modifier: None,
                anchored: false,
            }],
            events: vec![Event {
                code: "042".into(),
                root: "04".into(),
                label: tricky.into(),
                plover: None,
                trigger: mention("زار"),
                source: vec!["a".into()],
                target: vec![],
                places: vec!["p".into(), "q".into()],
                date: Some("2020-01-02".into()),
                negated: true,
                sentence: SentenceSpan { start: 7, end: 99 },
                mentions: vec![mention("z")],
            }],
            warnings: vec![tricky.into(), "w".into()],
        };
        for record_type in [Some("article"), None] {
            article.record_type = record_type;
            let mut ours = Vec::new();
            write_article(&mut ours, &article).unwrap();
            assert_eq!(String::from_utf8(ours).unwrap(), serde_json::to_string(&article).unwrap());
        }
        let empty = Article { published: None, title: None, actors: vec![], places: vec![], dates: vec![], events: vec![], warnings: vec![], ..article };
        let mut ours = Vec::new();
        write_article(&mut ours, &empty).unwrap();
        assert_eq!(String::from_utf8(ours).unwrap(), serde_json::to_string(&empty).unwrap());
    }
}
