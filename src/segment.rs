//! Segmentation of normalized text: paragraphs, sentences, tokens and proclitics.
//!
//! Works on [`crate::normalize`] output, so only ASCII punctuation and folded letters need to be
//! recognized. All positions are byte offsets into the normalized text.

/// Letters and digits make words; everything else separates them. ASCII and the Arabic block
/// are decided inline: this runs for nearly every character of every article.
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        ASCII_WORD >> c as u32 & 1 == 1
    } else if ('\u{0600}'..='\u{06FF}').contains(&c) {
        let k = c as usize - 0x600;
        ARABIC_WORD[k >> 6] >> (k & 63) & 1 == 1
    } else {
        c.is_alphanumeric()
    }
}

/// Whether the character at byte `i` of `text` (a char boundary) is a word character, and its
/// width in bytes. The same answer as [`is_word_char`], read from the UTF-8 bytes for ASCII and
/// the Arabic block.
#[inline(always)]
pub fn word_char_at(text: &str, i: usize) -> (bool, usize) {
    let bytes = text.as_bytes();
    let b = bytes[i];
    if b < 0x80 {
        return (ASCII_WORD >> b & 1 == 1, 1);
    }
    if (0xD8..=0xDB).contains(&b) && i + 1 < bytes.len() {
        // U+0600 + k, k = the lead byte's low two bits and the continuation's low six.
        let k = ((b as usize & 3) << 6) | (bytes[i + 1] as usize & 0x3F);
        return (ARABIC_WORD[k >> 6] >> (k & 63) & 1 == 1, 2);
    }
    word_char_at_slow(text, i)
}

/// Which ASCII characters are word characters (letters and digits), as bits.
const ASCII_WORD: u128 = {
    let mut bits = 0u128;
    let mut b = 0;
    while b < 128 {
        if (b as u8).is_ascii_alphanumeric() {
            bits |= 1 << b;
        }
        b += 1;
    }
    bits
};

/// Which characters of U+0600..U+06FF are word characters (Arabic letters and digits), as bits.
const ARABIC_WORD: [u64; 4] = {
    let mut bits = [0u64; 4];
    let mut k = 0;
    while k < 256 {
        if matches!(0x600 + k, 0x0620..=0x064A | 0x0660..=0x0669 | 0x066E..=0x06D3 | 0x06D5 | 0x06EE..=0x06FF) {
            bits[k >> 6] |= 1 << (k & 63);
        }
        k += 1;
    }
    bits
};

#[cold]
#[inline(never)]
fn word_char_at_slow(text: &str, i: usize) -> (bool, usize) {
    let c = text[i..].chars().next().unwrap_or(' ');
    (is_word_char(c), c.len_utf8())
}

/// A sentence as a normalized byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
}

/// Splits at . ! ? and line breaks. A full stop or colon between digits (3.5, 16:00) and the
/// "+" of "5+5" do not end a sentence; an ellipsis ends it once, and a quoted question that a
/// comma follows not at all. Leading and trailing spaces are trimmed, and empty sentences are
/// skipped.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    // The next \n ! ? and the next full stop, each found by memchr and kept until passed (two
    // searches, not one search for all four: a full stop may be far off while lines are short).
    let mut next_mark = memchr::memchr3(b'\n', b'!', b'?', bytes);
    let mut next_dot = memchr::memchr(b'.', bytes);
    while i < bytes.len() {
        // Most bytes end nothing: skip to the next \n ! ? or full stop.
        if next_mark.is_some_and(|p| p < i) {
            next_mark = memchr::memchr3(b'\n', b'!', b'?', &bytes[i..]).map(|k| i + k);
        }
        if next_dot.is_some_and(|p| p < i) {
            next_dot = memchr::memchr(b'.', &bytes[i..]).map(|k| i + k);
        }
        match (next_mark, next_dot) {
            (Some(a), Some(b)) => i = a.min(b),
            (Some(p), None) | (None, Some(p)) => i = p,
            (None, None) => break,
        }
        let b = bytes[i];
        let is_end = match b {
            b'\n' | b'!' | b'?' => true,
            b'.' => {
                let digit_before = i > 0 && bytes[i - 1].is_ascii_digit();
                let digit_after = i + 1 < bytes.len() && bytes[i + 1].is_ascii_digit();
                !(digit_before && digit_after)
            }
            _ => false,
        };
        if is_end {
            let mut end = i + 1;
            // Keep runs of terminators ("..." "?!") and closing quotes with the sentence.
            loop {
                if end < bytes.len() && matches!(bytes[end], b'.' | b'!' | b'?' | b'"' | b')') {
                    end += 1;
                } else if let Some(quote) = CLOSING_QUOTES.iter().find(|q| bytes[end..].starts_with(q.as_bytes())) {
                    end += quote.len();
                } else {
                    break;
                }
            }
            // A quoted question or exclamation that a comma follows is part of its sentence:
            // «هل تكفي هذه الأموال؟»، كما اتهم ...
            let comma_follows = matches!(text[end..].trim_start_matches(' ').as_bytes().first(), Some(b',' | b';'));
            if b != b'\n' && comma_follows {
                i = end;
                continue;
            }
            push_trimmed(text, start, end, &mut out);
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    push_trimmed(text, start, bytes.len(), &mut out);
    out
}

/// Closing quotation marks beyond ASCII that stay with the sentence they close.
const CLOSING_QUOTES: [&str; 2] = ["\u{bb}", "\u{201d}"];

/// Longest sentence in bytes. Real sentences are far shorter; a text with no terminators at
/// all (a scraped blob, a 5 MiB line) is cut at spaces so per-sentence work stays bounded.
pub const MAX_SENTENCE_BYTES: usize = 4096;

fn push_trimmed(text: &str, mut start: usize, end: usize, out: &mut Vec<Sentence>) {
    while end - start > MAX_SENTENCE_BYTES {
        let mut cut = start + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let cut = text[start..cut].rfind(' ').map_or(cut, |i| start + i + 1).max(start + 1);
        let cut = (cut..=end).find(|&c| text.is_char_boundary(c)).unwrap_or(end);
        push_piece(text, start, cut, out);
        start = cut;
    }
    push_piece(text, start, end, out);
}

fn push_piece(text: &str, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        out.push(Sentence { start: start + lead, end: end - trail });
    }
}

/// Paragraphs: runs of lines separated by blank lines, as normalized byte ranges.
pub fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut para_start: Option<usize> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        match (blank, para_start) {
            (false, None) => para_start = Some(pos),
            (true, Some(s)) => {
                out.push((s, pos));
                para_start = None;
            }
            _ => {}
        }
        pos += line.len();
    }
    if let Some(s) = para_start {
        out.push((s, text.len()));
    }
    out
}

/// A token: a maximal run of word characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

/// Every token of `text`, in order.
pub fn tokens(text: &str) -> Vec<Token> {
    tokens_marked(text).0
}

/// What a character is to the tokenizer.
const NOT_WORD: u8 = 0;
const LETTER: u8 = 1;
/// A word character that is no letter: a digit (ASCII or Arabic-Indic), or elsewhere in
/// Unicode a numeric character.
const NOT_LETTER: u8 = 2;

/// [`NOT_WORD`], [`LETTER`] or [`NOT_LETTER`] for each ASCII character.
const ASCII_CLASS: [u8; 128] = {
    let mut class = [NOT_WORD; 128];
    let mut b = 0;
    while b < 128 {
        if (b as u8).is_ascii_alphabetic() {
            class[b] = LETTER;
        } else if (b as u8).is_ascii_digit() {
            class[b] = NOT_LETTER;
        }
        b += 1;
    }
    class
};

/// The same for U+0600..U+06FF: [`ARABIC_WORD`] split into letters and the two digit rows.
const ARABIC_CLASS: [u8; 256] = {
    let mut class = [NOT_WORD; 256];
    let mut k = 0;
    while k < 256 {
        if ARABIC_WORD[k >> 6] >> (k & 63) & 1 == 1 {
            class[k] = if matches!(0x600 + k, 0x0660..=0x0669 | 0x06F0..=0x06F9) { NOT_LETTER } else { LETTER };
        }
        k += 1;
    }
    class
};

/// The class of the character at byte `i` of `text` (a char boundary) and its width: a table
/// read for ASCII and the Arabic block.
#[inline(always)]
fn class_at(text: &str, i: usize) -> (u8, usize) {
    let bytes = text.as_bytes();
    let b = bytes[i];
    if b < 0x80 {
        return (ASCII_CLASS[b as usize], 1);
    }
    if (0xD8..=0xDB).contains(&b) && i + 1 < bytes.len() {
        let k = ((b as usize & 3) << 6) | (bytes[i + 1] as usize & 0x3F);
        return (ARABIC_CLASS[k], 2);
    }
    class_at_slow(text, i)
}

#[cold]
#[inline(never)]
fn class_at_slow(text: &str, i: usize) -> (u8, usize) {
    let c = text[i..].chars().next().unwrap_or(' ');
    let class = if !is_word_char(c) {
        NOT_WORD
    } else if c.is_alphabetic() {
        LETTER
    } else {
        NOT_LETTER
    };
    (class, c.len_utf8())
}

/// Every token of `text`, in order, and the indices of those holding a word character that is
/// no letter (a digit, mostly): every other token is letters only, which the date tagger
/// reads as one word without looking at its characters again.
pub fn tokens_marked(text: &str) -> (Vec<Token>, Vec<u32>) {
    let bytes = text.as_bytes();
    // About one token per eight bytes of Arabic text.
    let mut out = Vec::with_capacity(bytes.len() / 8);
    let mut marked = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        let (class, width) = class_at(text, pos);
        pos += width;
        if class == NOT_WORD {
            continue;
        }
        let start = pos - width;
        let mut classes = class;
        while pos < bytes.len() {
            let (class, width) = class_at(text, pos);
            if class == NOT_WORD {
                break;
            }
            classes |= class;
            pos += width;
        }
        if classes & NOT_LETTER != 0 {
            marked.push(out.len() as u32);
        }
        out.push(Token { start, end: pos });
    }
    (out, marked)
}

/// The index range of the `tokens` that overlap `from..to`.
fn tokens_overlapping(tokens: &[Token], from: usize, to: usize) -> std::ops::Range<usize> {
    if to <= from {
        return 0..0;
    }
    let first = tokens.partition_point(|t| t.end <= from);
    let end = tokens.partition_point(|t| t.start < to);
    first..end.max(first)
}

/// The words of `text[from..to]` read from `tokens`, the [`tokens`] of `text`: the same as
/// splitting that slice at non-word characters and dropping the empty pieces (a word cut by
/// `from` or `to` is cut there too), found by binary search instead of reading the slice.
pub fn words_in_range<'t>(text: &'t str, tokens: &'t [Token], from: usize, to: usize) -> impl DoubleEndedIterator<Item = &'t str> + ExactSizeIterator + 't {
    tokens[tokens_overlapping(tokens, from, to)].iter().map(move |t| &text[t.start.max(from)..t.end.min(to)])
}

/// How many words [`words_in_range`] finds, in two binary searches.
pub fn word_count_in_range(tokens: &[Token], from: usize, to: usize) -> usize {
    tokens_overlapping(tokens, from, to).len()
}

/// How many `tokens` start before the first byte of each 8-byte block of a text
/// (`0..=len / 8`). The extractors ask for the word before a position and the words between
/// two positions over a million times per thousand articles; with this table each answer is a
/// read and a step or two instead of binary searches over all the tokens.
pub fn token_blocks(tokens: &[Token], len: usize) -> Vec<u32> {
    let blocks = len / 8 + 1;
    let mut out = Vec::with_capacity(blocks);
    let mut k = 0;
    for block in 0..blocks {
        while k < tokens.len() && tokens[k].start < block * 8 {
            k += 1;
        }
        out.push(k as u32);
    }
    out
}

/// How many `tokens` start before `pos`, from their [`token_blocks`]: a token starts at most
/// every other byte, so a few steps from the block's count.
#[inline]
fn starts_before(tokens: &[Token], blocks: &[u32], pos: usize) -> usize {
    let mut k = blocks[(pos / 8).min(blocks.len() - 1)] as usize;
    while k < tokens.len() && tokens[k].start < pos {
        k += 1;
    }
    k
}

/// The index range of the `tokens` that overlap `from..to`, read from their [`token_blocks`]:
/// the same as [`tokens_overlapping`].
fn tokens_overlapping_indexed(tokens: &[Token], blocks: &[u32], from: usize, to: usize) -> std::ops::Range<usize> {
    if to <= from {
        return 0..0;
    }
    // Of the tokens starting before `from`, all but the last end at or before it.
    let k = starts_before(tokens, blocks, from);
    let first = k - usize::from(k > 0 && tokens[k - 1].end > from);
    let end = starts_before(tokens, blocks, to);
    first..end.max(first)
}

/// [`words_in_range`] with the [`token_blocks`] table.
pub fn words_in_range_indexed<'t>(
    text: &'t str,
    tokens: &'t [Token],
    blocks: &[u32],
    from: usize,
    to: usize,
) -> impl DoubleEndedIterator<Item = &'t str> + ExactSizeIterator + 't {
    tokens[tokens_overlapping_indexed(tokens, blocks, from, to)].iter().map(move |t| &text[t.start.max(from)..t.end.min(to)])
}

/// [`word_count_in_range`] with the [`token_blocks`] table.
pub fn word_count_in_range_indexed(tokens: &[Token], blocks: &[u32], from: usize, to: usize) -> usize {
    tokens_overlapping_indexed(tokens, blocks, from, to).len()
}

/// [`word_before_in`] with the [`token_blocks`] table.
pub fn word_before_indexed(text: &str, tokens: &[Token], blocks: &[u32], pos: usize) -> Option<(usize, usize)> {
    let token = tokens[..starts_before(tokens, blocks, pos)].last()?;
    let end = token.end.min(pos);
    // The gap is a space or two: a plain loop, not the call `contains` makes to memchr (this
    // is asked a few hundred times per article).
    (!text.as_bytes()[end..pos].contains(&b'\n')).then_some((token.start, end))
}

/// The `tokens` lying wholly inside `from..to`.
pub fn tokens_within(tokens: &[Token], from: usize, to: usize) -> &[Token] {
    let first = tokens.partition_point(|t| t.start < from);
    let end = tokens.partition_point(|t| t.end <= to);
    &tokens[first..end.max(first)]
}

/// [`word_before`] read from `tokens`, the [`tokens`] of `text`: a binary search instead of a
/// walk back over characters.
pub fn word_before_in(text: &str, tokens: &[Token], pos: usize) -> Option<(usize, usize)> {
    // The last token starting before `pos`; `pos` may be inside it (the word is cut there).
    let token = tokens[..tokens.partition_point(|t| t.start < pos)].last()?;
    let end = token.end.min(pos);
    // Not across a line break.
    (!text.as_bytes()[end..pos].contains(&b'\n')).then_some((token.start, end))
}

/// Free-standing prepositions (normalized spelling). After one, a name is the object of the
/// preposition: a location, a target, never a verb's subject.
pub const PREPOSITIONS: &[&str] = &["في", "من", "الي", "علي", "عن", "مع", "بين", "لدي", "عبر", "حول", "نحو"];

/// The proclitic combinations that may stand before a word: conjunction (و ف), then
/// preposition (ب ل ك). The article ال belongs to names and stays in the aliases.
pub const PROCLITICS: &[&str] = &["", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"];

/// The byte lengths of the [`PROCLITICS`] that `word` starts with, in the list's order: 0,
/// then 2 after one of و ف ب ل ك, then 4 after و/ف + ب/ل/ك. The same as trying each entry
/// with `strip_prefix`, read from the UTF-8 bytes instead of comparing twelve strings.
pub fn proclitic_lengths(word: &str) -> impl Iterator<Item = usize> {
    let bytes = word.as_bytes();
    let one = conjunction_at(bytes, 0) || preposition_at(bytes, 0);
    let two = conjunction_at(bytes, 0) && preposition_at(bytes, 2);
    [Some(0), one.then_some(2), two.then_some(4)].into_iter().flatten()
}

/// Whether `bytes[i..]` opens with the conjunction و or ف (UTF-8 D9 88, D9 81).
#[inline(always)]
fn conjunction_at(bytes: &[u8], i: usize) -> bool {
    matches!(bytes.get(i..i + 2), Some([0xD9, 0x88 | 0x81]))
}

/// Whether `bytes[i..]` opens with the preposition ب, ل or ك (UTF-8 D8 A8, D9 84, D9 83).
#[inline(always)]
fn preposition_at(bytes: &[u8], i: usize) -> bool {
    matches!(bytes.get(i..i + 2), Some([0xD8, 0xA8] | [0xD9, 0x84 | 0x83]))
}

pub fn is_proclitic(prefix: &str) -> bool {
    // Read from the UTF-8 bytes (the matcher asks this of every candidate match): one of
    // و ف ب ل ك, or a pair و/ف then ب/ل/ك.
    let bytes = prefix.as_bytes();
    match bytes.len() {
        0 => true,
        2 => conjunction_at(bytes, 0) || preposition_at(bytes, 0),
        4 => conjunction_at(bytes, 0) && preposition_at(bytes, 2),
        _ => false,
    }
}

/// Whether the character ending at byte `i` of `text` (a char boundary, `i > 0`) is a word
/// character, and its width: ASCII and two-byte Arabic (a D8..DB lead byte two back) are read
/// from the bytes.
#[inline(always)]
fn word_char_before(text: &str, i: usize) -> (bool, usize) {
    let bytes = text.as_bytes();
    let last = bytes[i - 1];
    if last < 0x80 {
        (ASCII_WORD >> last & 1 == 1, 1)
    } else if i >= 2 && (0xD8..=0xDB).contains(&bytes[i - 2]) {
        word_char_at(text, i - 2)
    } else {
        let c = text[..i].chars().next_back().unwrap_or(' ');
        (is_word_char(c), c.len_utf8())
    }
}

/// Where the token containing byte `pos` starts (the first word character of the run).
pub fn token_start(text: &str, pos: usize) -> usize {
    let mut i = pos;
    while i > 0 {
        let (word, width) = word_char_before(text, i);
        if !word {
            break;
        }
        i -= width;
    }
    i
}

/// The word before byte `pos` on the same line, as a byte range: back over characters that
/// are neither word characters nor a line break, then over the word itself.
pub fn word_before(text: &str, pos: usize) -> Option<(usize, usize)> {
    let mut end = pos;
    while end > 0 {
        if text.as_bytes()[end - 1] == b'\n' {
            return None;
        }
        let (word, width) = word_char_before(text, end);
        if word {
            break;
        }
        end -= width;
    }
    let start = token_start(text, end);
    (start < end).then_some((start, end))
}

/// True when `pos` is not followed by a word character.
pub fn ends_word(text: &str, pos: usize) -> bool {
    pos >= text.len() || !word_char_at(text, pos).0
}

/// Splits a token into (proclitics, stem) the way the matcher reads it: the longest proclitic
/// prefix that leaves a stem of at least two letters. "بحفتر" → ("ب", "حفتر"),
/// "وللحكومه" → ("ول", "لحكومه"): لل stays as ل + ال with the alif dropped.
pub fn split_proclitics(token: &str) -> (&str, &str) {
    // The longest of [`PROCLITICS`] first, read from the UTF-8 bytes as [`is_proclitic`] does
    // (the event coder asks this of most words before a trigger): a token starts with at most
    // one pair and one single letter of the list.
    let bytes = token.as_bytes();
    let conjunction = conjunction_at(bytes, 0);
    let stem_of_two = |len: usize| token[len..].chars().nth(1).is_some();
    if conjunction && preposition_at(bytes, 2) && stem_of_two(4) {
        return token.split_at(4);
    }
    if (conjunction || preposition_at(bytes, 0)) && stem_of_two(2) {
        return token.split_at(2);
    }
    ("", token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proclitic_lengths_are_the_prefixes_from_the_list() {
        for word in ["", "و", "وب", "وبممثلي", "فلممثلي", "ممثلي", "بممثلي", "كما", "ولل", "فوب", "بو", "x", "وx"] {
            let listed: Vec<usize> = PROCLITICS.iter().filter(|p| word.starts_with(**p)).map(|p| p.len()).collect();
            assert_eq!(proclitic_lengths(word).collect::<Vec<_>>(), listed, "{word}");
        }
    }

    fn sentence_texts(text: &str) -> Vec<&str> {
        sentences(text).iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn splits_sentences_but_not_numbers() {
        assert_eq!(
            sentence_texts("اجتمعت لجنه 5+5 الساعه 16:00. ثم انتهت! هل? نعم\nسطر 3.5 اخر"),
            vec!["اجتمعت لجنه 5+5 الساعه 16:00.", "ثم انتهت!", "هل?", "نعم", "سطر 3.5 اخر"]
        );
        assert_eq!(sentence_texts("قال... ثم"), vec!["قال...", "ثم"]);
        // Closing quotes stay with their sentence; a quoted question followed by a comma does
        // not end it.
        assert_eq!(sentence_texts("قال: «انتهى». ثم"), vec!["قال: «انتهى».", "ثم"]);
        // (Normalized text: ؟ and ، are ? and , here.)
        assert_eq!(sentence_texts("وتساءل: «هل تكفي?», كما اتهم جهات. ثم"), vec!["وتساءل: «هل تكفي?», كما اتهم جهات.", "ثم"]);
        assert_eq!(sentence_texts("هل تكفي? , نعم"), vec!["هل تكفي? , نعم"]);
        assert!(sentences("  \n\n ").is_empty());
    }

    #[test]
    fn word_char_tables_hold_letters_and_digits() {
        for c in (0..0x800).filter_map(char::from_u32) {
            let expected = c.is_ascii_alphanumeric()
                || matches!(c, '\u{0620}'..='\u{064A}' | '\u{0660}'..='\u{0669}' | '\u{066E}'..='\u{06D3}' | '\u{06D5}' | '\u{06EE}'..='\u{06FF}')
                || (!c.is_ascii() && !('\u{0600}'..='\u{06FF}').contains(&c) && c.is_alphanumeric());
            assert_eq!(is_word_char(c), expected, "{c:?}");
        }
    }

    #[test]
    fn word_before_in_tokens_agrees_with_the_walk_back() {
        for text in ["", "قال حفتر، ثم\nغادر  x", "  وبحفتر.. 12ab\n\nكلمه", "ü éa € ب"] {
            let tokens = tokens(text);
            for pos in (0..=text.len()).filter(|&p| text.is_char_boundary(p)) {
                assert_eq!(word_before_in(text, &tokens, pos), word_before(text, pos), "{text:?} at {pos}");
            }
        }
    }

    #[test]
    fn words_in_range_agree_with_splitting_the_slice() {
        for text in ["", "قال حفتر، ثم\nغادر  x", "  وبحفتر.. 12ab\n\nكلمه", "ü éa € ب", "abc"] {
            let tokens = tokens(text);
            let bounds: Vec<usize> = (0..=text.len()).filter(|&p| text.is_char_boundary(p)).collect();
            for &from in &bounds {
                for &to in &bounds {
                    let naive: Vec<&str> = text[from..to.max(from)].split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()).collect();
                    assert_eq!(words_in_range(text, &tokens, from, to).collect::<Vec<_>>(), naive, "{text:?} {from}..{to}");
                    assert_eq!(word_count_in_range(&tokens, from, to), naive.len(), "{text:?} {from}..{to}");
                }
            }
        }
    }

    #[test]
    fn indexed_lookups_agree_with_the_binary_searches() {
        for text in ["", "قال حفتر، ثم\nغادر  x", "  وبحفتر.. 12ab\n\nكلمه", "ü éa € ب", "abc", "a", "a b c d e f g h i j k l m n o p q", "ابc de, فغ\nقق hh ii jj"] {
            let tokens = tokens(text);
            let starts = token_blocks(&tokens, text.len());
            assert_eq!(starts.len(), text.len() / 8 + 1);
            let bounds: Vec<usize> = (0..=text.len()).filter(|&p| text.is_char_boundary(p)).collect();
            for &from in &bounds {
                assert_eq!(word_before_indexed(text, &tokens, &starts, from), word_before_in(text, &tokens, from), "{text:?} at {from}");
                for &to in &bounds {
                    assert_eq!(
                        words_in_range_indexed(text, &tokens, &starts, from, to).collect::<Vec<_>>(),
                        words_in_range(text, &tokens, from, to).collect::<Vec<_>>(),
                        "{text:?} {from}..{to}"
                    );
                    assert_eq!(word_count_in_range_indexed(&tokens, &starts, from, to), word_count_in_range(&tokens, from, to));
                }
            }
        }
    }

    #[test]
    fn tokens_within_are_the_tokens_inside_the_range() {
        for text in ["", "قال حفتر، ثم\nغادر  x", "  وبحفتر.. 12ab\n\nكلمه", "ü éa € ب", "abc"] {
            let tokens = tokens(text);
            for from in 0..=text.len() + 1 {
                for to in 0..=text.len() + 1 {
                    let naive: Vec<Token> = tokens.iter().copied().filter(|t| t.start >= from && t.end <= to).collect();
                    assert_eq!(tokens_within(&tokens, from, to), naive.as_slice(), "{text:?} {from}..{to}");
                }
            }
        }
    }

    #[test]
    fn cuts_endless_sentences_at_spaces() {
        let text = "كلمه ".repeat(3000);
        let parts = sentences(&text);
        assert!(parts.len() > 1);
        for s in &parts {
            assert!(s.end - s.start <= MAX_SENTENCE_BYTES);
            assert!(!text[s.start..s.end].starts_with(' ') && !text[s.start..s.end].ends_with(' '));
        }
        let total: usize = parts.iter().map(|s| text[s.start..s.end].split(' ').count()).sum();
        assert_eq!(total, 3000, "no word lost or split");
    }

    #[test]
    fn splits_paragraphs_on_blank_lines() {
        let text = "عنوان\n\nفقره اولي\nتكملة\n\n\nفقره ثانيه";
        let paras: Vec<&str> = paragraphs(text).iter().map(|&(s, e)| text[s..e].trim()).collect();
        assert_eq!(paras, vec!["عنوان", "فقره اولي\nتكملة", "فقره ثانيه"]);
    }

    #[test]
    fn tokens_are_word_runs() {
        let text = "قال: \"حفتر\" 5+5";
        let toks: Vec<&str> = tokens(text).iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(toks, vec!["قال", "حفتر", "5", "5"]);
    }

    #[test]
    fn marked_tokens_hold_a_word_character_that_is_no_letter() {
        let text = "قال 2011م ٣ x\u{00e9}y \u{0966}\u{0967} \u{00b2}a وبالحكومة 5";
        let (toks, marked) = tokens_marked(text);
        assert_eq!(toks, tokens(text));
        let marked: Vec<&str> = marked.iter().map(|&k| &text[toks[k as usize].start..toks[k as usize].end]).collect();
        assert_eq!(marked, vec!["2011م", "٣", "\u{0966}\u{0967}", "\u{00b2}a", "5"]);
        // The classes agree with the word characters and with letters (`char::is_alphabetic`
        // outside the Arabic block; the Arabic block's letters are its word characters but digits).
        let all: String = (0..0x3000u32).chain(0xFB00..0x10000).filter_map(char::from_u32).collect();
        for (i, c) in all.char_indices() {
            let (class, width) = class_at(&all, i);
            assert_eq!(width, c.len_utf8());
            assert_eq!(class != NOT_WORD, is_word_char(c), "{:X}", c as u32);
            if class != NOT_WORD && !('\u{0600}'..='\u{06FF}').contains(&c) {
                assert_eq!(class == LETTER, c.is_alphabetic(), "{:X}", c as u32);
            }
        }
    }

    #[test]
    fn word_chars_are_letters_and_digits() {
        let text: String = (0..0x3000u32).chain(0xFB00..0x10000).filter_map(char::from_u32).collect();
        for (i, c) in text.char_indices() {
            assert_eq!(word_char_at(&text, i), (is_word_char(c), c.len_utf8()), "{:X}", c as u32);
        }
    }

    #[test]
    fn token_start_and_ends_word_agree_with_chars() {
        let text: String = "قال: \"حفتر\" 5+5 وبالحكومة x\u{00e9}y \u{4e2d}\u{6587} ٣ \u{0660}\u{06F0}".into();
        for (pos, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            let expected = text[..pos].char_indices().rev().take_while(|&(_, c)| is_word_char(c)).last().map_or(pos, |(i, _)| i);
            assert_eq!(token_start(&text, pos), expected, "{pos}");
            assert_eq!(ends_word(&text, pos), text[pos..].chars().next().is_none_or(|c| !is_word_char(c)), "{pos}");
        }
    }

    #[test]
    fn is_proclitic_agrees_with_the_list() {
        let letters = ["", "و", "ف", "ب", "ل", "ك", "ا", "ي", "x", "\u{0648}\u{064E}"];
        for a in letters {
            for b in letters {
                let p = format!("{a}{b}");
                assert_eq!(is_proclitic(&p), PROCLITICS.contains(&p.as_str()), "{p}");
            }
        }
    }

    #[test]
    fn splits_proclitics() {
        assert_eq!(split_proclitics("بحفتر"), ("ب", "حفتر"));
        assert_eq!(split_proclitics("وبالحكومه"), ("وب", "الحكومه"));
        assert_eq!(split_proclitics("للحكومه"), ("ل", "لحكومه"));
        assert_eq!(split_proclitics("ولد"), ("و", "لد"));
        assert_eq!(split_proclitics("في"), ("", "في"));
    }

    #[test]
    fn split_proclitics_agrees_with_the_list() {
        // The longest listed prefix that leaves a stem of two letters, tried the slow way.
        let by_list = |token: &str| -> (String, String) {
            for prefix in PROCLITICS.iter().rev().filter(|p| !p.is_empty()) {
                if let Some(rest) = token.strip_prefix(prefix) {
                    if rest.chars().count() >= 2 {
                        return (prefix.to_string(), rest.to_string());
                    }
                }
            }
            (String::new(), token.to_string())
        };
        let letters = ["", "و", "ف", "ب", "ل", "ك", "ا", "x", "\u{0648}\u{064E}"];
        for a in letters {
            for b in letters {
                for c in letters {
                    for d in letters {
                        let token = format!("{a}{b}{c}{d}");
                        let (clitics, stem) = split_proclitics(&token);
                        assert_eq!((clitics.to_string(), stem.to_string()), by_list(&token), "{token}");
                    }
                }
            }
        }
    }

    #[test]
    fn finds_token_start_and_end() {
        let text = "قال بحفتر امس";
        let p = text.find("حفتر").unwrap();
        assert_eq!(token_start(text, p), text.find("بحفتر").unwrap());
        assert!(ends_word(text, p + "حفتر".len()));
        assert!(!ends_word(text, p + "حف".len()));
    }
}
