//! Hostile input: a tree of bad bytes and bad file-system shapes, built in a temp folder at test
//! time (never committed), scanned by the binary. Nothing may panic, every walked file must appear
//! exactly once (as an article or an error), and the errors must say what went wrong. Also: a file
//! that vanishes between walk and read, and broken `--rules` folders.
//!
//! `LIBYA_NEWS_HOSTILE_FILES=20000 cargo test --release --test hostile` runs the big tree by hand.

use assert_cmd::Command;
use encoding_rs::{ISO_8859_6, WINDOWS_1256};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

fn bin() -> Command {
    Command::cargo_bin("libya-news").unwrap()
}

const ARTICLE: &str = "طرابلس (رويترز) - قصفت قوات المشير خليفة حفتر مواقع لحكومة الوفاق في طرابلس يوم 21 فبراير 2020.\nواجتمع غسان سلامة مع فايز السراج.\n";
const MAX_SIZE: u64 = 6 << 20;

/// What the scan must say about one file: an article (with its encoding) or an error kind.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Expect {
    Article(&'static str),
    Error(&'static str),
    /// Only that it appears exactly once (see the comment where it is used).
    Once,
}

struct Tree {
    _dir: tempfile::TempDir,
    /// The folder the binary runs in; paths below are relative to it.
    cwd: PathBuf,
    expected: BTreeMap<String, Expect>,
}

impl Tree {
    fn file(&mut self, rel: &str, bytes: &[u8], expect: Expect) {
        let path = self.cwd.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, bytes).unwrap();
        self.expected.insert(rel.to_string(), expect);
    }
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut bytes = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() });
    }
    bytes
}

fn small_files() -> usize {
    std::env::var("LIBYA_NEWS_HOSTILE_FILES").ok().and_then(|v| v.parse().ok()).unwrap_or(2000)
}

#[cfg(unix)]
fn hostile_tree() -> Tree {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::symlink;

    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path().to_path_buf();
    let mut t = Tree { _dir: dir, cwd, expected: BTreeMap::new() };
    use Expect::*;

    t.file("tree/ok.txt", ARTICLE.as_bytes(), Article("utf-8"));
    t.file("tree/bom.txt", &[b"\xEF\xBB\xBF", ARTICLE.as_bytes()].concat(), Article("utf-8"));
    t.file("tree/invalid-utf8.txt", b"caf\xE9 cr\xE8me \xFF\xFE\xFD br\xFBl\xE9e", Error("decode"));
    // UTF-8 Arabic cut inside a character. Today this decodes as windows-1256 mojibake (UTF-8
    // Arabic bytes are Arabic letters in cp1256 too); a decode error would be better. Only
    // "exactly once" is checked here.
    t.file("tree/truncated-utf8.txt", &ARTICLE.as_bytes()[..ARTICLE.len() - 3].iter().chain(b"\xD8").copied().collect::<Vec<_>>(), Once);
    t.file("tree/cp1256.txt", &WINDOWS_1256.encode(ARTICLE).0, Article("windows-1256"));
    t.file("tree/iso-8859-6.txt", &ISO_8859_6.encode("طرابلس وبنغازي ومصراتة وسرت").0, Article("iso-8859-6"));
    t.file("tree/utf16le.txt", &utf16(ARTICLE, false), Article("utf-16le"));
    t.file("tree/utf16be.txt", &utf16(ARTICLE, true), Article("utf-16be"));
    t.file("tree/utf16-odd-length.txt", &[utf16("سرت", false), vec![0x41]].concat(), Error("decode"));
    t.file("tree/binary.txt", b"\x7FELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0", Error("decode"));
    t.file("tree/nul-in-text.txt", &[ARTICLE.as_bytes(), b"\0", ARTICLE.as_bytes()].concat(), Error("decode"));
    t.file("tree/empty.txt", b"", Error("decode"));
    t.file("tree/only-newlines.txt", b"\n\n\r\n", Article("utf-8"));
    // 100 MiB, sparse: refused by its size before a byte is read.
    {
        let rel = "tree/huge.txt";
        let f = fs::File::create(t.cwd.join(rel)).unwrap();
        f.set_len(100 << 20).unwrap();
        t.expected.insert(rel.into(), Error("too_large"));
    }
    t.file("tree/just-over.txt", &vec![b'a'; MAX_SIZE as usize + 1], Error("too_large"));
    // A few MiB on one line (no line break): names, triggers and dates all the way.
    {
        let unit = "قصفت قوات حفتر طرابلس. واجتمع السراج مع سلامة في 21 فبراير 2020. ";
        let line = unit.repeat((2 << 20) / unit.len());
        t.file("tree/long-line.txt", line.as_bytes(), Article("utf-8"));
    }
    // Two MiB of triggers in one sentence: the negation check once split the whole sentence
    // prefix for every trigger (quadratic: this file took hours).
    {
        let unit = "قصفت اجتمع هاجم لم يجتمع ";
        t.file("tree/long-sentence.txt", unit.repeat((2 << 20) / unit.len()).as_bytes(), Article("utf-8"));
    }
    t.file("tree/diacritics.txt", format!("قال حفتر{} في طرابلس", "\u{064E}\u{0651}".repeat(5000)).as_bytes(), Article("utf-8"));
    t.file("tree/lone-marks.txt", "\u{064E}\u{0301}\u{0651} \u{0670}\u{0640}\u{064B}\n\u{0652}".as_bytes(), Article("utf-8"));
    t.file(
        "tree/bidi-emoji.txt",
        "😀🇱🇾 \u{202B}قصفت قوات \u{2067}خليفة حفتر\u{2069} مدينة Tripoli طرابلس\u{202C} 👩\u{200D}👩\u{200D}👧 𝐀𝐁 \u{FDF2} ٢١ فبراير ٢٠٢٠\u{200F}.".as_bytes(),
        Article("utf-8"),
    );
    // A file name that is not UTF-8: reported with \xFF escaped.
    {
        let name = std::ffi::OsStr::from_bytes(b"bad-\xFF\xFEname.txt");
        fs::write(t.cwd.join("tree").join(name), ARTICLE).unwrap();
        t.expected.insert("tree/bad-\\xFF\\xFEname.txt".into(), Article("utf-8"));
    }
    // Links: dangling, a file that links to itself, a folder loop, and a good link.
    symlink("does-not-exist.txt", t.cwd.join("tree/dangling.txt")).unwrap();
    t.expected.insert("tree/dangling.txt".into(), Error("io"));
    symlink("self.txt", t.cwd.join("tree/self.txt")).unwrap();
    t.expected.insert("tree/self.txt".into(), Error("io"));
    fs::create_dir_all(t.cwd.join("tree/loop")).unwrap();
    t.file("tree/loop/inside.txt", ARTICLE.as_bytes(), Article("utf-8"));
    symlink("..", t.cwd.join("tree/loop/up")).unwrap();
    t.expected.insert("tree/loop/up".into(), Error("io"));
    symlink("ok.txt", t.cwd.join("tree/link-to-ok.txt")).unwrap();
    t.expected.insert("tree/link-to-ok.txt".into(), Article("utf-8"));
    // 200 folders deep.
    {
        let rel = format!("tree/{}deep.txt", "d/".repeat(200));
        t.file(&rel, ARTICLE.as_bytes(), Article("utf-8"));
    }
    // Many small files.
    for i in 0..small_files() {
        let text = format!("خبر {i}\n\nقصفت قوات حفتر طرابلس.\n");
        t.file(&format!("tree/many/{:03}/{i:05}.txt", i / 500), text.as_bytes(), Article("utf-8"));
    }
    // Not matched by the glob: never walked, never reported.
    fs::write(t.cwd.join("tree/notes.md"), "x").unwrap();
    t
}

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

/// The decoded text of a file, as the contract defines it (BOM removed).
fn decoded(path: &Path, encoding: &str) -> String {
    let bytes = fs::read(path).unwrap();
    let enc = encoding_rs::Encoding::for_label(encoding.as_bytes()).unwrap();
    let (text, _) = enc.decode_without_bom_handling(&bytes);
    let text = text.into_owned();
    text.strip_prefix('\u{FEFF}').map(str::to_string).unwrap_or(text)
}

fn check_offsets(article: &Value, text: &[char]) {
    let mut spans: Vec<&Value> = Vec::new();
    for kind in ["actors", "places"] {
        for e in article[kind].as_array().unwrap() {
            spans.extend(e["mentions"].as_array().unwrap());
        }
    }
    spans.extend(article["dates"].as_array().unwrap());
    for e in article["events"].as_array().unwrap() {
        spans.push(&e["trigger"]);
    }
    for s in spans {
        let (start, end) = (s["start"].as_u64().unwrap() as usize, s["end"].as_u64().unwrap() as usize);
        assert!(start < end && end <= text.len(), "{}: {start}..{end}", article["path"]);
        assert_eq!(text[start..end].iter().collect::<String>(), s["text"].as_str().unwrap(), "{}", article["path"]);
    }
}

#[cfg(unix)]
#[test]
fn hostile_tree_is_scanned_without_loss_or_panic() {
    let t = hostile_tree();
    let started = std::time::Instant::now();
    let out = bin()
        .current_dir(&t.cwd)
        .args(["scan", "tree", "--follow", "--format", "json", "--max-size"])
        .arg(MAX_SIZE.to_string())
        .timeout(std::time::Duration::from_secs(240))
        .output()
        .unwrap();
    let elapsed = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"), "{stderr}");
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("invalid JSON: {e}"));

    let mut seen: BTreeMap<String, Expect> = BTreeMap::new();
    let articles = doc["articles"].as_array().unwrap();
    let errors = doc["errors"].as_array().unwrap();
    for a in articles {
        let path = a["path"].as_str().unwrap().to_string();
        let encoding: &'static str = match a["encoding"].as_str().unwrap() {
            "utf-8" => "utf-8",
            "utf-16le" => "utf-16le",
            "utf-16be" => "utf-16be",
            "windows-1256" => "windows-1256",
            "iso-8859-6" => "iso-8859-6",
            other => panic!("{path}: unexpected encoding {other}"),
        };
        assert!(seen.insert(path.clone(), Expect::Article(encoding)).is_none(), "{path} reported twice");
    }
    for e in errors {
        let path = e["path"].as_str().unwrap().to_string();
        let kind: &'static str = match e["kind"].as_str().unwrap() {
            "io" => "io",
            "decode" => "decode",
            "too_large" => "too_large",
            "other" => "other",
            other => panic!("{path}: unknown error kind {other}"),
        };
        assert!(!e["message"].as_str().unwrap().is_empty(), "{path}: empty message");
        assert!(stderr.contains(&path), "stderr does not name {path}");
        assert!(seen.insert(path.clone(), Expect::Error(kind)).is_none(), "{path} reported twice");
    }
    let missing: Vec<_> = t.expected.keys().filter(|k| !seen.contains_key(*k)).collect();
    let extra: Vec<_> = seen.keys().filter(|k| !t.expected.contains_key(*k)).collect();
    assert!(missing.is_empty() && extra.is_empty(), "missing {missing:?}, unexpected {extra:?}");
    for (path, expect) in t.expected.iter().filter(|(_, e)| **e != Expect::Once) {
        assert_eq!(&seen[path], expect, "{path}");
    }
    assert_eq!(doc["summary"]["articles"].as_u64().unwrap() as usize, articles.len());
    assert_eq!(doc["summary"]["errors"].as_u64().unwrap() as usize, errors.len());

    // Sorted by path bytes, as the contract says.
    let paths: Vec<&str> = articles.iter().map(|a| a["path"].as_str().unwrap()).collect();
    assert!(paths.windows(2).all(|w| w[0] < w[1]), "articles are not in path order");

    // Messages say why.
    let message = |p: &str| errors.iter().find(|e| e["path"] == p).unwrap()["message"].as_str().unwrap().to_string();
    assert!(message("tree/binary.txt").contains("NUL"), "{}", message("tree/binary.txt"));
    assert!(message("tree/huge.txt").contains("104857600"), "{}", message("tree/huge.txt"));
    assert!(message("tree/loop/up").contains("loop"), "{}", message("tree/loop/up"));
    assert!(message("tree/empty.txt").contains("empty"), "{}", message("tree/empty.txt"));

    // Offsets are code points into the decoded text, for every article that is not tiny.
    for a in articles {
        let path = a["path"].as_str().unwrap();
        if path.contains("many/") || path.contains('\\') {
            continue;
        }
        let text = chars(&decoded(&t.cwd.join(path), a["encoding"].as_str().unwrap()));
        assert_eq!(a["chars"].as_u64().unwrap() as usize, text.len(), "{path}");
        check_offsets(a, &text);
    }
    let find = |p: &str| articles.iter().find(|a| a["path"] == p).unwrap();
    // The encodings all found the same names.
    let actor_ids = |a: &Value| a["actors"].as_array().unwrap().iter().map(|x| x["id"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    let reference = actor_ids(find("tree/ok.txt"));
    assert!(reference.contains(&"khalifa_haftar".to_string()), "{reference:?}");
    for p in ["tree/bom.txt", "tree/cp1256.txt", "tree/utf16le.txt", "tree/utf16be.txt", "tree/bad-\\xFF\\xFEname.txt"] {
        assert_eq!(actor_ids(find(p)), reference, "{p}");
    }
    // Harakat and bidi controls do not hide names; astral characters before them count once.
    assert!(actor_ids(find("tree/diacritics.txt")).contains(&"khalifa_haftar".to_string()));
    let bidi = find("tree/bidi-emoji.txt");
    assert!(actor_ids(bidi).contains(&"khalifa_haftar".to_string()), "{bidi}");
    let long = find("tree/long-line.txt");
    assert!(long["actors"].as_array().unwrap().len() >= 2);
    assert!(elapsed.as_secs() < 180, "the hostile scan took {elapsed:?}");
}

/// Without --follow, links are not walked: the dangling link and the loop are not reported,
/// and the scan still covers everything else.
#[cfg(unix)]
#[test]
fn without_follow_links_are_skipped() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("t/sub")).unwrap();
    fs::write(root.join("t/a.txt"), ARTICLE).unwrap();
    symlink("nowhere.txt", root.join("t/dangling.txt")).unwrap();
    symlink("..", root.join("t/sub/up")).unwrap();
    let out = bin().current_dir(root).args(["scan", "t", "--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["articles"].as_array().unwrap().len(), 1);
    assert!(doc["errors"].as_array().unwrap().is_empty());
}

/// A file deleted after the walk and before the read is one io error, and the rest is scanned.
#[test]
fn a_file_that_vanishes_between_walk_and_read_is_an_io_error() {
    use libya_news::corpus::{walk, WalkEntry, WalkOptions};
    use libya_news::report::{writer_for, Format};
    use libya_news::rules::Engine;
    use libya_news::scan::{scan_entries, ScanConfig};

    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for name in ["a.txt", "b.txt", "c.txt"] {
        fs::write(root.join(name), ARTICLE).unwrap();
    }
    let options = WalkOptions::default();
    let entries = walk(&[root.to_path_buf()], &options).unwrap();
    assert_eq!(entries.len(), 3);
    assert!(entries.iter().all(|e| matches!(e, WalkEntry::File(..))));
    fs::remove_file(root.join("b.txt")).unwrap();

    let engine = Engine::load(&[]).unwrap();
    let config = ScanConfig { paths: vec![root.to_path_buf()], walk: options, max_size: 1 << 20, reference_date: None, threads: 2, cache: None };
    let mut writer = writer_for(Format::Json);
    let (mut out, mut diagnostics) = (Vec::new(), Vec::new());
    let outcome = scan_entries(&entries, &engine, &config, writer.as_mut(), &mut out, &mut diagnostics).unwrap();
    assert_eq!((outcome.articles, outcome.errors), (2, 1));
    let doc: Value = serde_json::from_slice(&out).unwrap();
    let errors = doc["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1);
    assert!(errors[0]["path"].as_str().unwrap().ends_with("b.txt"));
    assert_eq!(errors[0]["kind"], "io");
    let articles: Vec<&str> = doc["articles"].as_array().unwrap().iter().map(|a| a["path"].as_str().unwrap()).collect();
    assert!(articles[0].ends_with("a.txt") && articles[1].ends_with("c.txt"), "{articles:?}");
    assert!(String::from_utf8_lossy(&diagnostics).contains("b.txt"));
}

fn rules_dir(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), ARTICLE).unwrap();
    fs::create_dir(dir.path().join("rules")).unwrap();
    for (name, content) in files {
        fs::write(dir.path().join("rules").join(name), content).unwrap();
    }
    dir
}

/// Runs `scan a.txt --rules rules` and `rules validate rules`; both must fail with exit 2, no
/// stdout, and a message naming every `needles` item.
fn assert_rules_rejected(files: &[(&str, &str)], needles: &[&str]) {
    let dir = rules_dir(files);
    let out = bin().current_dir(dir.path()).args(["scan", "a.txt", "--format", "json", "--rules", "rules"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty(), "scanned despite broken rules: {}", String::from_utf8_lossy(&out.stdout));
    assert!(!stderr.contains("panicked"), "{stderr}");
    for needle in needles {
        assert!(stderr.contains(needle), "stderr does not name {needle:?}: {stderr}");
    }
    // Nothing was scanned: no per-file diagnostics.
    assert!(!stderr.contains("a.txt"), "{stderr}");
    let out = bin().current_dir(dir.path()).args(["rules", "validate", "rules"]).output().unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    for needle in needles {
        assert!(stderr.contains(needle), "validate does not name {needle:?}: {stderr}");
    }
}

#[test]
fn malformed_toml_is_an_error_naming_file_and_line() {
    assert_rules_rejected(&[("ok.toml", "[[title]]\naliases = [\"العميد\"]\n"), ("broken.toml", "[[actor]]\nid = \"x\"\nname = \"unterminated\n")], &["broken.toml:3"]);
    assert_rules_rejected(&[("types.toml", "[[actor]]\nid = \"x\"\ntype = \"person\"\nname = \"X\"\nname_ar = 5\n")], &["types.toml:5"]);
    assert_rules_rejected(&[("binary.toml", "\u{0}\u{1}[[[")], &["binary.toml"]);
}

#[test]
fn invalid_utf8_rules_file_is_an_error_naming_the_file() {
    let dir = rules_dir(&[]);
    fs::write(dir.path().join("rules/latin1.toml"), b"[[title]]\naliases = [\"caf\xE9\"]\n").unwrap();
    let out = bin().current_dir(dir.path()).args(["scan", "a.txt", "--format", "json", "--rules", "rules"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty());
    assert!(stderr.contains("latin1.toml"), "{stderr}");
}

#[test]
fn aliases_that_normalize_to_empty_are_errors_naming_file_and_entry() {
    let actor = "[[actor]]\nid = \"zz_marks\"\ntype = \"person\"\nname = \"Marks\"\nname_ar = \"زكريا\"\naliases = [\"\u{064E}\u{0651}\u{0640}\"]\n";
    assert_rules_rejected(&[("actors.toml", actor)], &["actors.toml", "zz_marks", "empty"]);
    let place = "[[place]]\nid = \"zz_place\"\nname = \"Nowhere\"\nname_ar = \"\u{200F}\u{202B} \u{202C}\"\nkind = \"city\"\n";
    assert_rules_rejected(&[("places.toml", place)], &["places.toml", "zz_place", "empty"]);
    let role = "[[role]]\nid = \"zz_role\"\naliases = [\"  \"]\n";
    assert_rules_rejected(&[("roles.toml", role)], &["roles.toml", "zz_role", "empty"]);
    let trigger = "[[trigger]]\nid = \"zz_trigger\"\ncode = \"040\"\nlabel = \"Consult\"\nnouns = [\"\u{0640}\u{0640}\"]\n";
    assert_rules_rejected(&[("events.toml", trigger)], &["events.toml", "zz_trigger", "empty"]);
    let verb = "[[trigger]]\nid = \"zz_verb\"\ncode = \"040\"\nlabel = \"Consult\"\nverbs = [\"اجتمع/\u{064F}\"]\n";
    assert_rules_rejected(&[("verbs.toml", verb)], &["verbs.toml", "zz_verb"]);
    let title = "[[title]]\naliases = [\"العميد\", \"\u{0651}\"]\n";
    assert_rules_rejected(&[("titles.toml", title)], &["titles.toml", "empty"]);
}

#[test]
fn missing_or_empty_rules_folder_is_an_error() {
    let dir = rules_dir(&[("readme.md", "not a table")]);
    let out = bin().current_dir(dir.path()).args(["scan", "a.txt", "--rules", "rules"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no *.toml"));
    let out = bin().current_dir(dir.path()).args(["scan", "a.txt", "--rules", "no-such-folder"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-folder"));
}

/// Crash reproducers found by `cargo fuzz` (fuzz/), kept as files in tests/regressions/: each
/// goes through decode and the full analysis, and every offset must slice to its text.
#[test]
fn fuzz_regressions_do_not_panic_and_map_back() {
    use libya_news::extract::{analyze, DateContext, Mention};
    use libya_news::rules::Engine;

    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "bin")).collect();
    files.sort();
    assert!(!files.is_empty(), "no reproducers in {}", dir.display());
    let engine = Engine::load(&[]).unwrap();
    let check = |chars: &[char], m: &Mention, what: &str, file: &Path| {
        assert!(m.start < m.end && m.end <= chars.len(), "{}: {what} {}..{}", file.display(), m.start, m.end);
        assert_eq!(chars[m.start..m.end].iter().collect::<String>(), m.text, "{}: {what}", file.display());
    };
    for file in &files {
        let bytes = fs::read(file).unwrap();
        let Ok(decoded) = libya_news::corpus::decode(&bytes) else { continue };
        let chars: Vec<char> = decoded.text.chars().collect();
        for reference in [None, chrono::NaiveDate::from_ymd_opt(2020, 2, 21)] {
            let a = analyze(&decoded.text, &engine, DateContext { metadata: None, reference });
            for m in a.actors.iter().flat_map(|x| &x.mentions) {
                check(&chars, m, "actor", file);
            }
            for m in a.places.iter().flat_map(|x| &x.mentions) {
                check(&chars, m, "place", file);
            }
            for d in &a.dates {
                check(&chars, &d.mention, "date", file);
            }
            for e in &a.events {
                check(&chars, &e.mention, "trigger", file);
            }
        }
    }
}

/// Actors and triggers together in one very long "sentence" (no terminators): per-sentence work
/// would be quadratic, so the segmenter cuts sentences at `MAX_SENTENCE_BYTES`.
#[test]
fn one_long_sentence_with_actors_and_triggers_is_not_quadratic() {
    let dir = tempfile::tempdir().unwrap();
    let unit = "قصفت قوات حفتر طرابلس واجتمع السراج مع سلامة في 21 فبراير 2020 و ";
    fs::write(dir.path().join("a.txt"), unit.repeat((1 << 20) / unit.len())).unwrap();
    let started = std::time::Instant::now();
    let out = bin().current_dir(dir.path()).args(["scan", "a.txt", "--format", "json"]).timeout(std::time::Duration::from_secs(120)).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "timed out or failed after {:?}", started.elapsed());
    assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
}

/// A month of articles in one file (the seeds over and over, with people the tables do not
/// know, 24 MiB): every lookup across the article (the places and date of a trigger's sentence,
/// the antecedent of "الوزارة", the names after a capital, the events a retelling joins, a
/// person's family name said alone) must be a search, not a reading of the whole article for
/// each mention. Read that way, this file took over 40 s and grew with the square of its size;
/// searched, it takes about 3 s.
#[test]
fn a_long_file_of_many_articles_is_not_quadratic() {
    let seeds_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut seeds: Vec<PathBuf> = fs::read_dir(&seeds_dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect();
    seeds.sort();
    let mut month: String = seeds.iter().map(|p| fs::read_to_string(p).unwrap() + "\n").collect();
    for person in ["المحلل السياسي أحمد الخراز", "المحامية فاطمة الزوي", "المحلل عمر الفيتوري", "الباحثة نجلاء العبيدي", "المهندس يوسف الكيلاني"] {
        let family = person.rsplit(' ').next().unwrap();
        month.push_str(&format!("وقال {person} إن الحوار ضروري، وأضاف {family} أن الانتخابات ممكنة.\n"));
    }
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("month.txt"), month.repeat((24 << 20) / month.len())).unwrap();
    let started = std::time::Instant::now();
    let out = bin()
        .current_dir(dir.path())
        .args(["scan", "month.txt", "--format", "jsonl", "--threads", "1", "-o", "out.jsonl"])
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    let elapsed = started.elapsed();
    assert_eq!(out.status.code(), Some(0), "failed or timed out after {elapsed:?}: {}", String::from_utf8_lossy(&out.stderr));
    assert!(elapsed.as_secs() < 15, "a 24 MiB file took {elapsed:?}");
    let lines = fs::read_to_string(dir.path().join("out.jsonl")).unwrap();
    assert_eq!(lines.lines().count(), 2, "one article, then the summary");
    assert!(lines.starts_with("{\"type\":\"article\""), "{}", &lines[..lines.len().min(200)]);
    // `explain` gathers what each sentence holds once, not from the whole article per sentence.
    let started = std::time::Instant::now();
    let shown = fs::File::create(dir.path().join("explained.txt")).unwrap();
    let status = std::process::Command::new(assert_cmd::cargo::cargo_bin("libya-news")).current_dir(dir.path()).args(["explain", "month.txt"]).stdout(shown).status().unwrap();
    let elapsed = started.elapsed();
    assert!(status.success());
    assert!(elapsed.as_secs() < 15, "explaining a 24 MiB file took {elapsed:?}");
    let explained = fs::read_to_string(dir.path().join("explained.txt")).unwrap();
    assert!(explained.starts_with("published") && explained.contains("  event  "), "{}", &explained[..explained.len().min(300)]);
}
