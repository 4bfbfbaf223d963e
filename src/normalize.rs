//! Normalization for matching, with an exact map back to the original text.
//!
//! Every rule table alias and every article goes through [`normalize`], so the two meet on the
//! same spelling. The normalized text is only ever used to *find* things: each normalized
//! character remembers the range of original code points it came from, so a match anywhere in
//! the normalized text maps back to offsets where `original[start..end]` is what was written
//! (the contract's offsets are code points into the decoded original).
//!
//! Folds, in the order a character meets them:
//! - NFKC for compatibility characters (Arabic presentation forms, ligatures, full-width forms);
//! - drop harakat, tanwin, shadda, sukun, superscript alef, Quranic marks and tatweel;
//! - أ إ آ ٱ → ا, ى → ي, ة → ه, ؤ → و, ئ → ي (and Persian ی ک → ي ك);
//! - Arabic-Indic and Persian digits → ASCII; ، ؛ ؟ → , ; ?;
//! - zero-width, bidi controls and soft hyphens dropped; NBSP, tabs and other spaces → space;
//!   carriage returns dropped so CRLF text reads like LF text;
//! - ASCII letters lowercased, so Latin aliases match whatever the case.

use unicode_normalization::UnicodeNormalization;

/// Normalized text plus, for each normalized byte, the original code-point range of the
/// character that byte belongs to.
#[derive(Debug, Clone, Default)]
pub struct NormalizedText {
    pub text: String,
    /// Per normalized byte: the original code point its character comes from.
    origin_start: Vec<u32>,
    /// Normalized bytes whose character's original span ends past `origin_start + 1` (a letter
    /// and the marks after it), with that end, by byte. Every other byte's span ends at
    /// `origin_start + 1`, so no end is stored for it.
    wide: Vec<(u32, u32)>,
    /// The byte offset in the original of each original code point, then the original's
    /// length: the same pass that reads the characters builds it (see [`Self::take_char_bytes`]).
    char_bytes: Vec<u32>,
}

/// What happens to one original character.
enum Fold {
    Keep(char),
    Drop,
    /// A compatibility character whose NFKC form must be folded again.
    Decompose,
}

/// True for the marks that carry no letter of their own: they vanish in matching.
pub fn is_arabic_mark(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}')
}

fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}'
        | '\u{061C}' | '\u{00AD}' | '\r')
}

fn fold_char(c: char) -> Fold {
    if c.is_ascii() {
        return match c {
            '\t' => Fold::Keep(' '),
            '\r' => Fold::Drop,
            _ => Fold::Keep(c.to_ascii_lowercase()),
        };
    }
    if is_arabic_mark(c) || is_invisible(c) {
        return Fold::Drop;
    }
    Fold::Keep(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ی' | 'ئ' => 'ي',
        'ة' => 'ه',
        'ؤ' => 'و',
        'ک' => 'ك',
        '،' => ',',
        '؛' => ';',
        '؟' => '?',
        '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
        '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\u{1680}' => ' ',
        '\u{0600}'..='\u{06FF}' => c,
        _ if needs_nfkc(c) => return Fold::Decompose,
        _ => c,
    })
}

/// Compatibility blocks whose characters NFKC rewrites: presentation forms, ligatures,
/// full-width and other compatibility characters. Checked per character so ordinary text
/// never pays for normalization.
fn needs_nfkc(c: char) -> bool {
    matches!(c,
        '\u{FB00}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' | '\u{FF00}'..='\u{FFEF}'
        | '\u{2100}'..='\u{218F}' | '\u{2460}'..='\u{24FF}' | '\u{3300}'..='\u{33FF}'
        | '\u{1D400}'..='\u{1D7FF}' | '\u{00B2}' | '\u{00B3}' | '\u{00B9}' | '\u{00BC}'..='\u{00BE}')
}

impl NormalizedText {
    /// The original's code point → byte index (one entry per code point, then its length),
    /// left empty here: `extract::Original` takes it instead of reading the text again.
    pub fn take_char_bytes(&mut self) -> Vec<u32> {
        std::mem::take(&mut self.char_bytes)
    }

    /// The original code-point span of the normalized byte range `start..end`.
    /// `start..end` must lie on char boundaries of `self.text` and be non-empty.
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        debug_assert!(start < end && end <= self.text.len());
        (self.origin_start[start] as usize, self.origin_end(end - 1) as usize)
    }

    /// The original code-point offset of a normalized byte position, for sentence bounds.
    pub fn original_offset(&self, pos: usize) -> usize {
        if pos < self.origin_start.len() {
            self.origin_start[pos] as usize
        } else if self.origin_start.is_empty() {
            0
        } else {
            self.origin_end(self.origin_start.len() - 1) as usize
        }
    }

    /// Where the original span of normalized byte `pos`'s character ends.
    fn origin_end(&self, pos: usize) -> u32 {
        match self.wide.binary_search_by_key(&(pos as u32), |&(p, _)| p) {
            Ok(k) => self.wide[k].1,
            Err(_) => self.origin_start[pos] + 1,
        }
    }
}

/// What [`fold_char`] does to each character of the Arabic block U+0600..U+06FF, precomputed:
/// [`KEEP`], [`DROP`], [`DROP_MARK`] (a mark that joins the letter before it) or the code point
/// of the replacement. Nearly every character of an article is ASCII or in this block.
const KEEP: u32 = 0;
const DROP: u32 = 1;
const DROP_MARK: u32 = 2;

static ARABIC_FOLD: [u32; 256] = {
    let mut table = [KEEP; 256];
    let mut i = 0;
    while i < 256 {
        let cp = 0x600 + i as u32;
        table[i] = match cp {
            // Marks (is_arabic_mark); tatweel is dropped without joining the letter before it.
            0x0640 => DROP,
            0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED => DROP_MARK,
            0x061C => DROP,
            0x0623 | 0x0625 | 0x0622 | 0x0671 => 0x0627,
            0x0649 | 0x06CC | 0x0626 => 0x064A,
            0x0629 => 0x0647,
            0x0624 => 0x0648,
            0x06A9 => 0x0643,
            0x060C => ',' as u32,
            0x061B => ';' as u32,
            0x061F => '?' as u32,
            0x0660..=0x0669 => '0' as u32 + (cp - 0x0660),
            0x06F0..=0x06F9 => '0' as u32 + (cp - 0x06F0),
            _ => KEEP,
        };
        i += 1;
    }
    table
};

/// The normalized text under construction. The text is kept as bytes and only ever receives
/// whole UTF-8 characters; the origin of each byte is pushed beside it.
struct Builder {
    text: Vec<u8>,
    origin_start: Vec<u32>,
    wide: Vec<(u32, u32)>,
    /// UTF-8 length of the last character pushed (0 before the first).
    last_len: usize,
}

impl Builder {
    fn with_capacity(n: usize) -> Self {
        Builder { text: Vec::with_capacity(n), origin_start: Vec::with_capacity(n + 1), wide: Vec::new(), last_len: 0 }
    }

    /// Pushes a character from original code point `index` (its span ends at `index + 1`).
    fn push(&mut self, c: char, index: u32) {
        let mut buf = [0; 4];
        let utf8 = c.encode_utf8(&mut buf).as_bytes();
        self.text.extend_from_slice(utf8);
        self.origin_start.extend(std::iter::repeat_n(index, utf8.len()));
        self.last_len = utf8.len();
    }

    /// Widens the original span of the last character pushed, whose bytes end at normalized
    /// byte `text_len`, to `end`: marks that follow a letter belong to it, so a mention's span
    /// never cuts a letter from its harakat.
    fn extend_last(&mut self, text_len: usize, end: u32) {
        let from = (text_len - self.last_len) as u32;
        while self.wide.last().is_some_and(|&(p, _)| p >= from) {
            self.wide.pop();
        }
        self.wide.extend((from..text_len as u32).map(|p| (p, end)));
    }

    fn finish(self, char_bytes: Vec<u32>) -> NormalizedText {
        // SAFETY: `text` only ever receives whole characters: ASCII bytes, two-byte sequences
        // copied from the (valid UTF-8) original, the encoding of a table letter (ASCII or
        // U+0600..U+06FF), or `char::encode_utf8` output. No validation pass is needed.
        let text = unsafe { String::from_utf8_unchecked(self.text) };
        NormalizedText { text, origin_start: self.origin_start, wide: self.wide, char_bytes }
    }
}

/// Characters per block of the fast path.
const BLOCK: usize = 64;

/// Normalizes `original` for matching, keeping the offset map.
///
/// Same folds as [`fold_char`] character by character; ASCII and the Arabic block are decided
/// from the UTF-8 bytes and a table, everything else goes through [`fold_char`]. Those common
/// characters are gathered in small fixed arrays and appended a block at a time, so the loop
/// does no capacity check per byte.
pub fn normalize(original: &str) -> NormalizedText {
    normalize_mapped::<true>(original)
}

/// [`normalize`]; with `MAP` false the fast path keeps no offset map (an alias needs only its
/// text: tens of thousands of them are normalized at every start).
fn normalize_mapped<const MAP: bool>(original: &str) -> NormalizedText {
    let bytes = original.as_bytes();
    let mut out = if MAP { Builder::with_capacity(original.len()) } else { Builder { text: Vec::with_capacity(original.len()), origin_start: Vec::new(), wide: Vec::new(), last_len: 0 } };
    let mut char_bytes: Vec<u32> = if MAP { Vec::with_capacity(original.len() + 1) } else { Vec::new() };
    let mut last_was_letter = false;
    // Code-point index of the current character in `original`.
    let mut index: u32 = 0;
    let mut i = 0;
    let mut text_block = [0u8; 2 * BLOCK];
    let mut start_block = [0u32; 2 * BLOCK];
    let mut char_block = [0u32; BLOCK];
    while i < bytes.len() {
        // `t` bytes of text and `c` characters gathered in this block.
        let (mut t, mut c) = (0, 0);
        while c < BLOCK && i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                char_block[c] = i as u32;
                if b != b'\r' {
                    text_block[t] = if b == b'\t' { b' ' } else { b.to_ascii_lowercase() };
                    start_block[t] = index;
                    t += 1;
                    out.last_len = 1;
                    last_was_letter = true;
                }
                i += 1;
            } else if (0xD8..=0xDB).contains(&b) && i + 1 < bytes.len() {
                // Two-byte UTF-8 of U+0600..U+06FF (the text is valid UTF-8).
                char_block[c] = i as u32;
                let b2 = bytes[i + 1];
                let cp = ((b as u32 & 0x1F) << 6) | (b2 as u32 & 0x3F);
                match ARABIC_FOLD[(cp - 0x600) as usize] {
                    KEEP => {
                        text_block[t..t + 2].copy_from_slice(&[b, b2]);
                        start_block[t..t + 2].copy_from_slice(&[index, index]);
                        t += 2;
                        out.last_len = 2;
                        last_was_letter = true;
                    }
                    DROP => {}
                    DROP_MARK => {
                        if MAP && last_was_letter {
                            out.extend_last(out.text.len() + t, index + 1);
                        }
                    }
                    // Replacements are ASCII or letters of the same block.
                    folded if folded < 0x80 => {
                        text_block[t] = folded as u8;
                        start_block[t] = index;
                        t += 1;
                        out.last_len = 1;
                        last_was_letter = true;
                    }
                    folded => {
                        text_block[t..t + 2].copy_from_slice(&[0xC0 | (folded >> 6) as u8, 0x80 | (folded & 0x3F) as u8]);
                        start_block[t..t + 2].copy_from_slice(&[index, index]);
                        t += 2;
                        out.last_len = 2;
                        last_was_letter = true;
                    }
                }
                i += 2;
            } else {
                break;
            }
            c += 1;
            index += 1;
        }
        out.text.extend_from_slice(&text_block[..t]);
        if MAP {
            out.origin_start.extend_from_slice(&start_block[..t]);
            char_bytes.extend_from_slice(&char_block[..c]);
        }
        if c < BLOCK && i < bytes.len() {
            // The block stopped at a character of the general path (which still maps it: rare).
            if MAP {
                char_bytes.push(i as u32);
            }
            let ch = original[i..].chars().next().unwrap_or('\u{FFFD}');
            fold_into(&mut out, ch, index, &mut last_was_letter);
            i += ch.len_utf8();
            index += 1;
        }
    }
    if MAP {
        char_bytes.push(bytes.len() as u32);
    }
    out.finish(char_bytes)
}

/// Folds one character at code-point `index` into `out`: the general path, for characters the
/// byte tables above do not cover.
fn fold_into(out: &mut Builder, c: char, index: u32, last_was_letter: &mut bool) {
    match fold_char(c) {
        Fold::Keep(k) => {
            out.push(k, index);
            *last_was_letter = true;
        }
        Fold::Drop => {
            if *last_was_letter && is_arabic_mark(c) && c != '\u{0640}' {
                out.extend_last(out.text.len(), index + 1);
            }
        }
        Fold::Decompose => {
            let mut produced = false;
            for d in std::iter::once(c).nfkc() {
                if let Fold::Keep(k) = fold_char(d) {
                    out.push(k, index);
                    produced = true;
                }
            }
            *last_was_letter = produced;
        }
    }
}

/// The original per-character implementation, kept to check [`normalize`] against.
#[cfg(test)]
fn normalize_reference(original: &str) -> NormalizedText {
    let mut out = Builder::with_capacity(original.len());
    let mut last_was_letter = false;
    let mut char_bytes = Vec::new();
    for (index, (i, c)) in original.char_indices().enumerate() {
        char_bytes.push(i as u32);
        fold_into(&mut out, c, index as u32, &mut last_was_letter);
    }
    char_bytes.push(original.len() as u32);
    out.finish(char_bytes)
}

/// Normalizes a rule-table alias: the same folds as the text, with runs of spaces squeezed,
/// so a table entry and an article meet on one spelling.
pub fn normalize_alias(alias: &str) -> String {
    let text = normalize_mapped::<false>(alias).text;
    // Nearly every alias is single-spaced already: then squeezing would give it back as it is,
    // and the tens of thousands of table entries need no split and join at every start.
    if single_spaced(&text) {
        return text;
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `text` is words joined by single spaces: no space at either end, none doubled, and
/// no other whitespace. Other whitespace is ASCII, or starts with one of the UTF-8 lead bytes
/// C2 (U+0085, U+00A0), E1 (U+1680), E2 (U+2000..U+205F) or E3 (U+3000): text with such a
/// byte is left to the general path.
fn single_spaced(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ')
        && !bytes.windows(2).any(|pair| pair == b"  ")
        && !bytes.iter().any(|b| matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | 0xC2 | 0xE1 | 0xE2 | 0xE3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_spaced_aliases_are_what_squeezing_gives() {
        for text in ["", "a", "حفتر", "خليفة حفتر", " a", "a ", "a  b", "a\tb", "a\u{a0}b", "a\u{2009}b", "a\u{3000}b", "a\u{1680}b", "a\u{85}b", "é b"] {
            let squeezed = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if single_spaced(text) {
                assert_eq!(text, squeezed, "{text:?}");
            }
        }
        assert!(single_spaced("خليفه حفتر"));
    }

    fn n(s: &str) -> String {
        normalize(s).text
    }

    #[test]
    fn folds_each_letter_variant() {
        for (input, expected) in [
            ("أحمد", "احمد"),
            ("إبراهيم", "ابراهيم"),
            ("آمال", "امال"),
            ("ٱلله", "الله"),
            ("مستشفى", "مستشفي"),
            ("حكومة", "حكومه"),
            ("مؤتمر", "موتمر"),
            ("رئيس", "رييس"),
            ("کرمانی", "كرماني"),
        ] {
            assert_eq!(n(input), expected, "{input}");
        }
    }

    #[test]
    fn drops_marks_and_tatweel() {
        assert_eq!(n("مُحَمَّدٌ"), "محمد");
        assert_eq!(n("لـ\"رويترز\""), "ل\"رويترز\"");
        assert_eq!(n("هٰذا"), "هذا");
        assert_eq!(n("نهائياً"), "نهاييا");
    }

    #[test]
    fn folds_digits_and_punctuation() {
        assert_eq!(n("٢٠٢٠"), "2020");
        assert_eq!(n("۱۷"), "17");
        assert_eq!(n("نعم، لا؛ لماذا؟"), "نعم, لا; لماذا?");
    }

    #[test]
    fn removes_invisible_and_folds_spaces() {
        assert_eq!(n("حفتر\u{200F}\u{202B}x\u{202C}"), "حفترx");
        assert_eq!(n("خليفة\u{00A0}حفتر"), "خليفه حفتر");
        assert_eq!(n("a\r\nb\tc"), "a\nb c");
        assert_eq!(n("UNSMIL"), "unsmil");
    }

    #[test]
    fn nfkc_expands_presentation_forms() {
        // U+FEFB is the lam-alef ligature: one original code point, two normalized letters.
        let t = normalize("\u{FEFB}بد");
        assert_eq!(t.text, "لابد");
        assert_eq!(t.original_span(0, 2), (0, 1));
        assert_eq!(t.original_span(2, 4), (0, 1));
        assert_eq!(n("ﻃﺮﺍﺑﻠﺲ"), "طرابلس");
    }

    #[test]
    fn spans_map_back_to_original() {
        let original = "قال المشيرُ خليفة حفتر";
        let t = normalize(original);
        let start = t.text.find("خليفه").unwrap();
        let end = start + "خليفه حفتر".len();
        let (s, e) = t.original_span(start, end);
        let chars: Vec<char> = original.chars().collect();
        assert_eq!(chars[s..e].iter().collect::<String>(), "خليفة حفتر");
        // A mark after the last letter of a match belongs to it.
        let start = t.text.find("المشير").unwrap();
        let (s, e) = t.original_span(start, start + "المشير".len());
        assert_eq!(chars[s..e].iter().collect::<String>(), "المشيرُ");
    }

    #[test]
    fn table_path_agrees_with_reference() {
        let mut text = String::new();
        for cp in (0..0x800u32).chain(0x2000..0x2100).chain(0xFB00..0xFF00) {
            if let Some(c) = char::from_u32(cp) {
                text.push(c);
                text.push('ب');
                text.push(c);
            }
        }
        text.push_str("\u{064E}\u{0640}\u{064E}ﻻ\u{064E}\r\n\tA");
        // Marks right after a block boundary of the fast path, and a general character there.
        let at_boundary: Vec<String> = (60..70)
            .flat_map(|n| ["\u{064E}\u{064F}", "\u{00E9}\u{064E}", "\r\u{064E}"].map(|tail| format!("{}{tail}ب", "ب".repeat(n))))
            .collect();
        let cases = [text.as_str(), "\u{064E}ب", "قال المشيرُ خليفة حفتر ٢٠٢٠، «نعم»"].into_iter().chain(at_boundary.iter().map(String::as_str));
        for t in cases {
            let (a, b) = (normalize(t), normalize_reference(t));
            assert_eq!(a.text, b.text);
            assert_eq!(a.origin_start, b.origin_start);
            assert_eq!(a.wide, b.wide);
            assert_eq!(a.char_bytes, b.char_bytes);
        }
    }

    #[test]
    fn unmapped_text_is_the_mapped_text() {
        let mut text: String = (0..0x800u32).chain(0xFB00..0xFF00).filter_map(char::from_u32).collect();
        text.push_str("\u{064E}\u{0640}\u{064E}ﻻ\u{064E}\r\n\tA قال المشيرُ خليفة حفتر ٢٠٢٠");
        for t in [text.as_str(), "", "\u{064E}ب", "  الأمم   المتحدة "] {
            assert_eq!(normalize_mapped::<false>(t).text, normalize(t).text);
        }
    }

    #[test]
    fn alias_normalization_squeezes_spaces() {
        assert_eq!(normalize_alias("  الأمم   المتحدة "), "الامم المتحده");
    }
}
