//! Decode arbitrary bytes, normalize the text, and check the offset map: every normalized
//! character maps to a non-empty, in-bounds, monotone range of original code points.
#![no_main]

use libfuzzer_sys::fuzz_target;
use libya_news::corpus::decode;
use libya_news::normalize::{normalize, normalize_alias};

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = decode(data) else { return };
    let text = decoded.text.as_str();
    let chars = text.chars().count();
    let norm = normalize(text);
    let n = &norm.text;
    let mut prev_start = 0usize;
    for (pos, c) in n.char_indices() {
        let end = pos + c.len_utf8();
        let (s, e) = norm.original_span(pos, end);
        assert!(s < e && e <= chars, "char {c:?} at {pos}: span {s}..{e} of {chars}");
        assert!(s >= prev_start, "origin starts go backwards at {pos}: {s} < {prev_start}");
        assert_eq!(norm.original_offset(pos), s);
        prev_start = s;
    }
    // Whole-text span and sentence-style offsets stay in bounds.
    if !n.is_empty() {
        let (s, e) = norm.original_span(0, n.len());
        assert!(s <= e && e <= chars);
    }
    assert!(norm.original_offset(n.len()) <= chars);
    // Normalization is idempotent on its own output for the folds that do not map twice.
    let again = normalize_alias(&normalize_alias(text));
    assert_eq!(again, normalize_alias(text), "normalize_alias is not idempotent");
});
