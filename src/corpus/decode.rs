//! Bytes → text: UTF-8 (with or without BOM), UTF-16 with a BOM, and legacy Arabic code pages
//! (Windows-1256, ISO-8859-6) when they decode into mostly Arabic letters. Anything else is
//! refused with a message that says why, so a bad file becomes one FileError, never a panic.

use encoding_rs::{Encoding, ISO_8859_6, UTF_16BE, UTF_16LE, WINDOWS_1256};

/// A decoded article text and the encoding it was read with (the contract's `encoding`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Why a file's bytes are not an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError(pub String);

/// Share of non-ASCII letters that must be Arabic before a legacy code page is trusted.
const MIN_ARABIC_SHARE: f64 = 0.8;
/// Fewest Arabic letters a legacy-code-page text must decode into.
const MIN_ARABIC_LETTERS: usize = 4;

pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest).ok_or_else(|| invalid_utf8(rest, 3));
    }
    for (bom, encoding, name) in [(b"\xFF\xFE", UTF_16LE, "utf-16le"), (b"\xFE\xFF", UTF_16BE, "utf-16be")] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, had_errors) = encoding.decode_without_bom_handling(rest);
            if had_errors {
                return Err(DecodeError(format!("invalid {name} after its byte-order mark")));
            }
            return Ok(Decoded { text: text.into_owned(), encoding: name });
        }
    }
    if let Some(pos) = memchr_nul(bytes) {
        return Err(DecodeError(format!("binary file: NUL byte at offset {pos}")));
    }
    if let Some(decoded) = utf8(bytes) {
        return Ok(decoded);
    }
    // UTF-8 text with a few bad bytes (a truncated or corrupted file) would also "decode" as a
    // code page, into garbage: refuse it instead.
    if mostly_utf8(bytes) {
        return Err(invalid_utf8(bytes, 0));
    }
    let best = [(WINDOWS_1256, "windows-1256"), (ISO_8859_6, "iso-8859-6")]
        .into_iter()
        .filter_map(|(encoding, name)| legacy_arabic(bytes, encoding).map(|(text, share)| (share, name, text)))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((share, name, text)) if share >= MIN_ARABIC_SHARE => Ok(Decoded { text, encoding: name }),
        _ => Err(invalid_utf8(bytes, 0)),
    }
}

/// [`decode`], taking the bytes: plain UTF-8 (no byte-order mark, no NUL) becomes the text
/// without a copy; anything else goes through [`decode`].
pub fn decode_owned(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    let bom = [&b"\xEF\xBB\xBF"[..], b"\xFF\xFE", b"\xFE\xFF"].iter().any(|bom| bytes.starts_with(bom));
    if bom || memchr_nul(&bytes).is_some() {
        return decode(&bytes);
    }
    // simdutf8 validates Arabic text many times faster than `String::from_utf8`, whose fast
    // path is for ASCII only.
    if simdutf8::basic::from_utf8(&bytes).is_err() {
        return decode(&bytes);
    }
    // SAFETY: `bytes` was validated as UTF-8 just above.
    let text = unsafe { String::from_utf8_unchecked(bytes) };
    Ok(Decoded { text, encoding: "utf-8" })
}

fn utf8(bytes: &[u8]) -> Option<Decoded> {
    std::str::from_utf8(bytes).ok().map(|s| Decoded { text: s.to_owned(), encoding: "utf-8" })
}

fn invalid_utf8(bytes: &[u8], offset: usize) -> DecodeError {
    let at = std::str::from_utf8(bytes).err().map_or(0, |e| e.valid_up_to());
    DecodeError(format!(
        "not valid UTF-8 (byte 0x{:02X} at offset {}) and not Arabic in windows-1256 or iso-8859-6",
        bytes.get(at).copied().unwrap_or(0),
        at + offset
    ))
}

/// True when most bytes above ASCII form valid UTF-8 sequences.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let high = bytes.iter().filter(|&&b| b >= 0x80).count();
    let valid_multibyte: usize = bytes.utf8_chunks().map(|c| c.valid().len() - c.valid().chars().filter(char::is_ascii).count()).sum();
    high > 0 && valid_multibyte * 2 > high
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(0, bytes)
}

/// Decodes with a legacy code page and measures how Arabic the non-ASCII letters are.
fn legacy_arabic(bytes: &[u8], encoding: &'static Encoding) -> Option<(String, f64)> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        return None;
    }
    let (mut arabic, mut other) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        if ('\u{0600}'..='\u{06FF}').contains(&c) {
            arabic += 1;
        } else if c.is_alphabetic() || c == '\u{FFFD}' || c.is_control() {
            other += 1;
        }
    }
    // A stray accented letter ("caf\xE9") is not Arabic text.
    if arabic < MIN_ARABIC_LETTERS {
        return None;
    }
    Some((text.into_owned(), arabic as f64 / (arabic + other) as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_utf8_with_and_without_bom() {
        assert_eq!(decode("ليبيا".as_bytes()).unwrap(), Decoded { text: "ليبيا".into(), encoding: "utf-8" });
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice("ليبيا\r\n".as_bytes());
        assert_eq!(decode(&with_bom).unwrap().text, "ليبيا\r\n");
    }

    #[test]
    fn reads_windows_1256_arabic() {
        let (bytes, _, _) = WINDOWS_1256.encode("قال المبعوث الأممي إن المحادثات في جنيف مستمرة.");
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.encoding, "windows-1256");
        assert_eq!(decoded.text, "قال المبعوث الأممي إن المحادثات في جنيف مستمرة.");
    }

    #[test]
    fn reads_iso_8859_6_arabic() {
        let (bytes, _, _) = ISO_8859_6.encode("طرابلس وبنغازي ومصراتة");
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.text, "طرابلس وبنغازي ومصراتة");
    }

    #[test]
    fn reads_utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "سرت".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes).unwrap(), Decoded { text: "سرت".into(), encoding: "utf-16le" });
    }

    #[test]
    fn refuses_corrupted_utf8_rather_than_misreading_it() {
        let mut bytes = "قال المبعوث الأممي إن المحادثات مستمرة".as_bytes().to_vec();
        bytes.truncate(bytes.len() - 1);
        let err = decode(&bytes).unwrap_err();
        assert!(err.0.contains("not valid UTF-8"), "{}", err.0);
        assert!(decode(b"caf\xE9").is_err());
    }

    #[test]
    fn refuses_binary_and_latin1() {
        assert!(decode(b"\x89PNG\r\n\x1a\n\0\0").unwrap_err().0.contains("NUL byte at offset 8"));
        let err = decode(b"caf\xE9 cr\xE8me br\xFBl\xE9e").unwrap_err();
        assert!(err.0.contains("offset 3"), "{}", err.0);
    }
}
