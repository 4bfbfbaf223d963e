//! The corpus stage: which files to read, their bytes as text, and their metadata sidecars.

pub mod decode;
pub mod walk;

pub use decode::{decode, decode_owned, Decoded, DecodeError};
pub use walk::{display_path, walk, Sidecar, WalkEntry, WalkOptions};

use std::path::Path;

/// The publication date of an article from its sidecar `<stem>.json` (`{"published": "YYYY-MM-DD"}`),
/// when there is one that parses.
pub fn sidecar_published(path: &Path) -> Option<chrono::NaiveDate> {
    let sidecar = path.with_extension("json");
    let bytes = std::fs::read(&sidecar).ok()?;
    let value: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    let published = value.get("published")?.as_str()?;
    chrono::NaiveDate::parse_from_str(published.get(..10)?, "%Y-%m-%d").ok()
}

/// The article id: the file stem, lossless.
pub fn article_id(path: &Path) -> String {
    path.file_stem().map(|s| display_path(Path::new(s))).unwrap_or_default()
}
