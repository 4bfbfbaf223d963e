//! `libya-news report` without a browser: the page is self-contained, carries the scan's data
//! once, is byte-identical for the same input, and `--from` a saved scan gives the same data as
//! scanning. The browser test (tests/report_browser.rs) checks that it renders.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::Path;

fn bin() -> Command {
    let mut cmd = Command::cargo_bin("libya-news").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// Builds a report (run from the repo root unless `cwd` is given); returns the page.
fn report(args: &[&str], cwd: Option<&Path>) -> String {
    let mut cmd = bin();
    if let Some(dir) = cwd {
        cmd.current_dir(dir);
    }
    let out = cmd.arg("report").args(args).output().unwrap();
    assert!(out.status.success(), "report failed: {}", String::from_utf8_lossy(&out.stderr));
    let path = args.iter().position(|a| *a == "-o").map(|i| args[i + 1]).unwrap();
    let path = cwd.map_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(path), |d| d.join(path));
    fs::read_to_string(path).unwrap()
}

/// The contents of `<script type="application/json" id="ID">`.
fn json_block<'a>(html: &'a str, id: &str) -> Option<&'a str> {
    let open = format!("<script type=\"application/json\" id=\"{id}\">");
    let start = html.find(&open)? + open.len();
    let end = start + html[start..].find("</script>")?;
    Some(&html[start..end])
}

fn page_data(html: &str) -> Value {
    serde_json::from_str(json_block(html, "report-data").expect("no data block")).unwrap()
}

fn tmp_out(dir: &tempfile::TempDir, name: &str) -> String {
    dir.path().join(name).to_str().unwrap().to_string()
}

/// The page's markup with every `<script>…</script>` element cut out (as an HTML parser ends
/// them: at the first `</script`), and the number of script elements.
fn markup_without_scripts(html: &str) -> (String, usize) {
    let lower = html.to_ascii_lowercase();
    let (mut markup, mut count, mut at) = (String::new(), 0, 0);
    while let Some(open) = lower[at..].find("<script").map(|i| at + i) {
        markup.push_str(&html[at..open]);
        let close = lower[open..].find("</script").map(|i| open + i).expect("an unclosed <script>");
        count += 1;
        at = close + lower[close..].find('>').unwrap() + 1;
    }
    markup.push_str(&html[at..]);
    (markup, count)
}

/// Script elements of a page with `texts` article texts: error hooks, data, map, three
/// vendored libraries, the page's own code.
fn expected_scripts(texts: usize) -> usize {
    7 + texts
}

#[test]
fn page_is_self_contained() {
    let dir = tempfile::tempdir().unwrap();
    let out = tmp_out(&dir, "r.html");
    let html = report(&["seeds/", "-o", &out, "-q"], None);
    let (markup, scripts) = markup_without_scripts(&html);
    let lower = markup.to_ascii_lowercase();
    // Nothing is fetched: no external src/href, no <link>, no CSS import or font URL.
    for needle in ["src=", "href=\"http", "href='http", "url(", "@import", "<link", "<iframe", "<img", "<object", "<embed"] {
        assert!(!lower.contains(needle), "the markup contains {needle:?}");
    }
    assert_eq!(scripts, expected_scripts(5), "every script element is one of ours and ends where it should");
    // Script elements carry no src: every opening tag is bare or the JSON type.
    let all = html.to_ascii_lowercase();
    assert_eq!(all.matches("<script>").count() + all.matches("<script type=\"application/json\" id=").count(), scripts);
    // The policy forbids any fetch, so a regression would fail loudly in the browser too.
    assert!(html.contains("default-src 'none'"));
    assert!(html.contains("vega-lite") && html.contains("vegaEmbed"), "vendored libraries are inlined");
}

#[test]
fn page_embeds_the_scan_data_once() {
    let dir = tempfile::tempdir().unwrap();
    let out = tmp_out(&dir, "r.html");
    let html = report(&["seeds/", "-o", &out, "-q"], None);
    let scan: Value = serde_json::from_slice(&bin().args(["scan", "seeds/", "--format", "json", "-q"]).output().unwrap().stdout).unwrap();
    let data = page_data(&html);
    let articles = data["articles"].as_array().unwrap();
    let scanned = scan["articles"].as_array().unwrap();
    assert_eq!(articles.len(), scanned.len());
    for (page, scan) in articles.iter().zip(scanned) {
        assert_eq!(page["path"], scan["path"]);
        assert_eq!(page["actors"].as_array().unwrap().len(), scan["actors"].as_array().unwrap().len());
        assert_eq!(page["events"].as_array().unwrap().len(), scan["events"].as_array().unwrap().len());
        // Texts are there, one block each, with no reason given for a missing one.
        assert!(page["note"].is_null(), "{}", page["note"]);
    }
    let actor_ids: Vec<&str> = data["actors"].as_array().unwrap().iter().map(|a| a[0].as_str().unwrap()).collect();
    assert!(actor_ids.contains(&"khalifa_haftar"));
    let mut sorted = actor_ids.clone();
    sorted.sort();
    assert_eq!(actor_ids, sorted, "dictionary in id order");
    for (i, article) in scanned.iter().enumerate() {
        let text: String = serde_json::from_str(json_block(&html, &format!("text-{i}")).unwrap()).unwrap();
        assert_eq!(text.chars().count() as u64, article["chars"].as_u64().unwrap());
    }
    // Embedded once: the first article's title appears in its text block and nowhere else
    // but the data block.
    let title = scanned[0]["title"].as_str().unwrap();
    assert_eq!(html.matches(title).count(), 2);
}

#[test]
fn same_input_gives_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (tmp_out(&dir, "a.html"), tmp_out(&dir, "b.html"));
    let first = report(&["seeds/", "-o", &a, "-q", "--threads", "1"], None);
    let second = report(&["seeds/", "-o", &b, "-q", "--threads", "2"], None);
    assert!(first == second, "two runs differ");
}

#[test]
fn from_a_saved_scan_gives_the_same_data() {
    let dir = tempfile::tempdir().unwrap();
    let scanned = report(&["seeds/", "-o", &tmp_out(&dir, "scan.html"), "-q"], None);
    for format in ["jsonl", "json"] {
        let saved = tmp_out(&dir, &format!("scan.{format}"));
        bin().args(["scan", "seeds/", "--format", format, "-q", "--output", &saved]).assert().success();
        let from = report(&["--from", &saved, "-o", &tmp_out(&dir, &format!("from-{format}.html"))], None);
        assert_eq!(json_block(&from, "report-data"), json_block(&scanned, "report-data"), "--from {format}");
        assert_eq!(json_block(&from, "text-3"), json_block(&scanned, "text-3"), "--from {format} reads the texts");
    }
}

#[test]
fn from_without_the_files_shows_items_without_text() {
    let corpus = tempfile::tempdir().unwrap();
    let text = "لقاء في طرابلس\n\n21 فبراير 2020\nالتقى المشير خليفة حفتر رئيس الحكومة فائز السراج في طرابلس اليوم.\n";
    fs::write(corpus.path().join("a.txt"), text).unwrap();
    fs::write(corpus.path().join("b.txt"), text).unwrap();
    let saved = corpus.path().join("scan.jsonl");
    bin().current_dir(corpus.path()).args(["scan", ".", "--format", "jsonl", "-q", "--output", "scan.jsonl"]).assert().success();
    fs::write(corpus.path().join("b.txt"), format!("{text}تعديل\n")).unwrap();
    // From the corpus folder: a.txt is found, b.txt changed since the scan.
    let html = report(&["--from", saved.to_str().unwrap(), "-o", "r.html"], Some(corpus.path()));
    let data = page_data(&html);
    assert!(data["articles"][0]["note"].is_null());
    assert!(data["articles"][1]["note"].as_str().unwrap().contains("changed since the scan"));
    assert!(json_block(&html, "text-0").is_some() && json_block(&html, "text-1").is_none());
    assert!(!data["articles"][1]["actors"].as_array().unwrap().is_empty(), "items are still listed");
    // From elsewhere: no file is found, nothing fails.
    let elsewhere = tempfile::tempdir().unwrap();
    let html = report(&["--from", saved.to_str().unwrap(), "-o", "r.html"], Some(elsewhere.path()));
    let data = page_data(&html);
    assert!(data["articles"][0]["note"].as_str().unwrap().contains("cannot read"));
    assert!(json_block(&html, "text-0").is_none());
}

#[test]
fn hostile_text_cannot_break_out_of_the_page() {
    let corpus = tempfile::tempdir().unwrap();
    let text = "</script><script>alert(1)</script><!-- لقاء في طرابلس\n\nالتقى المشير خليفة حفتر في طرابلس </script>.\u{2028}\n";
    fs::write(corpus.path().join("x.txt"), text).unwrap();
    let html = report(&[".", "-o", "r.html", "--title", "<b>t</b>"], Some(corpus.path()));
    let (markup, scripts) = markup_without_scripts(&html);
    assert_eq!(scripts, expected_scripts(1));
    assert!(!markup.contains("alert(1)"), "text escaped into the markup");
    assert!(!html.contains("<b>t</b>") && html.contains("<h1>&lt;b&gt;t&lt;"), "the title is escaped");
    let back: String = serde_json::from_str(json_block(&html, "text-0").unwrap()).unwrap();
    assert_eq!(back, text);
}

#[test]
fn no_text_leaves_texts_out() {
    let dir = tempfile::tempdir().unwrap();
    let html = report(&["seeds/", "--no-text", "-o", &tmp_out(&dir, "r.html"), "-q"], None);
    assert!(json_block(&html, "text-0").is_none());
    assert_eq!(page_data(&html)["articles"][0]["note"], "text left out (--no-text)");
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.jsonl");
    fs::write(&bad, "{\"type\":\"article\",\"path\":1}\n").unwrap();
    let out = bin().args(["report", "--from", bad.to_str().unwrap(), "-o", &tmp_out(&dir, "r.html")]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 1"));
    let out = bin().args(["report", "--from", "/nonexistent/scan.json", "-o", &tmp_out(&dir, "r.html")]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    bin().args(["report", "seeds/", "--from", "x.json", "-o", "r.html"]).assert().failure();
}

#[test]
fn each_highlight_carries_the_rule_that_found_it_when_the_tables_match() {
    let dir = tempfile::tempdir().unwrap();
    let page = report(&["seeds/", "-o", &tmp_out(&dir, "r.html"), "-q"], None);
    let data = page_data(&page);
    let articles = data["articles"].as_array().unwrap();
    let rules: Vec<&str> = articles.iter().flat_map(|a| a["rules"].as_array().unwrap()).map(|r| r[2].as_str().unwrap()).collect();
    for kind in ["actor khalifa_haftar by alias", "place ", "event "] {
        assert!(rules.iter().any(|r| r.starts_with(kind)), "no {kind:?} rule in {} rules", rules.len());
    }
    // Every actor mention in the page has its rule, at the same code-point offsets.
    for a in articles {
        let spans: Vec<(u64, u64)> = a["rules"].as_array().unwrap().iter().map(|r| (r[0].as_u64().unwrap(), r[1].as_u64().unwrap())).collect();
        for actor in a["actors"].as_array().unwrap() {
            let o: Vec<u64> = actor.as_array().unwrap()[1..].iter().map(|v| v.as_u64().unwrap()).collect();
            for pair in o.chunks(2) {
                assert!(spans.contains(&(pair[0], pair[1])), "{}: no rule for {pair:?}", a["id"]);
            }
        }
    }
    // A scan made with other tables does not borrow this binary's rules.
    let extra = dir.path().join("rules");
    fs::create_dir(&extra).unwrap();
    fs::write(extra.join("x.toml"), "[[actor]]\nid = \"zz_test\"\ntype = \"person\"\nname = \"Zz\"\nname_ar = \"زز زز\"\naliases = []\n").unwrap();
    let saved = tmp_out(&dir, "other.jsonl");
    bin().args(["scan", "seeds/", "--format", "jsonl", "-q", "--rules", extra.to_str().unwrap(), "--output", &saved]).assert().success();
    let from = page_data(&report(&["--from", &saved, "-o", &tmp_out(&dir, "o.html")], None));
    assert!(from["articles"].as_array().unwrap().iter().all(|a| a["rules"].as_array().unwrap().is_empty()));
}
