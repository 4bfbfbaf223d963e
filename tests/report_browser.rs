//! `libya-news report` in a real browser: Debian's headless Chromium opens the page from disk,
//! and the page writes a self-test into the DOM once every view has rendered (mark counts from
//! the Vega views, resource entries, errors, a code-point offset check). `--dump-dom` hands the
//! DOM back; a screenshot goes to the target dir. Skips, with a note, without /usr/bin/chromium
//! (`.ci/run` installs it).

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";

fn chromium() -> Option<&'static str> {
    if Path::new(CHROMIUM).exists() {
        Some(CHROMIUM)
    } else {
        eprintln!("note: {CHROMIUM} is missing (apt-get install chromium); report browser test skipped");
        None
    }
}

fn out_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report_browser");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs headless Chromium on a file; returns stdout. Killed after two minutes.
fn run_chromium(exe: &str, page: &Path, extra: &[&str]) -> String {
    let profile = tempfile::tempdir().unwrap();
    // The flags a root, offline machine needs (no sandbox, no background fetches of its own).
    let mut child = std::process::Command::new(exe)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"])
        .args(["--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut s).ok();
        s
    });
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(120) {
            child.kill().ok();
            child.wait().ok();
            panic!("chromium did not finish in 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    reader.join().unwrap()
}

/// The page's self-test record from a dumped DOM.
fn self_test(dom: &str) -> Value {
    let start = dom.find("<pre id=\"self-test\"").expect("no self-test element in the DOM");
    let start = start + dom[start..].find('>').unwrap() + 1;
    let end = start + dom[start..].find("</pre>").unwrap();
    let text = dom[start..end].replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("self-test is not JSON ({e}): {text}"))
}

fn build_report(args: &[&str], cwd: &Path, out: &Path) {
    Command::cargo_bin("libya-news").unwrap().current_dir(cwd).arg("report").args(args).arg("-o").arg(out).arg("-q").assert().success();
}

fn load(exe: &str, page: &Path) -> Value {
    let dom = run_chromium(exe, page, &["--dump-dom", "--virtual-time-budget=30000", "--window-size=1400,2400"]);
    let test = self_test(&dom);
    assert_eq!(test["ready"], true, "the page did not finish: {test}");
    assert_eq!(test["errors"], Value::Array(vec![]), "errors while rendering: {test}");
    assert_eq!(test["resources"], 0, "the page loaded resources: {test}");
    test
}

#[test]
fn seeds_report_renders_every_view() {
    let Some(exe) = chromium() else { return };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let page = out_dir().join("seeds.html");
    build_report(&["seeds/"], root, &page);
    let test = load(exe, &page);

    let scan = Command::cargo_bin("libya-news").unwrap().current_dir(root).args(["scan", "seeds/", "--format", "json", "-q"]).output().unwrap();
    let scan: Value = serde_json::from_slice(&scan.stdout).unwrap();
    let places: BTreeSet<&str> = scan["articles"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["places"].as_array().unwrap())
        .filter(|p| p["lat"].is_number() && p["lon"].is_number())
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    let pairs = scan["summary"]["events"]["network"].as_array().unwrap();
    let nodes: BTreeSet<&str> = pairs.iter().flat_map(|e| [e["source"].as_str().unwrap(), e["target"].as_str().unwrap()]).collect();
    let marks = &test["marks"];
    assert_eq!(marks["map_points"], places.len(), "one map point per place with coordinates: {test}");
    assert_eq!(marks["map_countries"], 9, "Libya and its eight neighbours: {test}");
    assert!(pairs.len() <= test["expected"]["network_max_edges"].as_u64().unwrap() as usize);
    assert_eq!(marks["network_edges"], pairs.len(), "one edge per distinct source → target pair: {test}");
    assert_eq!(marks["network_nodes"], nodes.len(), "{test}");
    assert!(marks["timeline_bars"].as_u64().unwrap() > 0, "{test}");
    assert_eq!(marks["timeline_bars"], test["expected"]["timeline_bars"]);
    assert!(test["article_marks"].as_u64().unwrap() > 0, "the first article is shown highlighted: {test}");
    assert!(test["offsets"]["checked"].as_u64().unwrap() > 100 && test["offsets"]["wrong"] == 0, "{test}");

    let shot = out_dir().join("report-seeds.png");
    let _ = std::fs::remove_file(&shot);
    run_chromium(exe, &page, &[&format!("--screenshot={}", shot.display()), "--window-size=1400,2400", "--virtual-time-budget=30000"]);
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(png.starts_with(b"\x89PNG") && png.len() > 50_000, "screenshot at {}", shot.display());
    eprintln!("screenshot: {}", shot.display());
}

#[test]
fn offsets_stay_right_past_astral_characters() {
    let Some(exe) = chromium() else { return };
    // Characters outside the BMP are one code point but two UTF-16 units: offsets after them
    // must still land on the words the scan found.
    let corpus = tempfile::tempdir().unwrap();
    let text = "𝐋𝐢𝐛𝐲𝐚 لقاء في طرابلس 😀\n\n21 فبراير 2020\n😀😀 التقى المشير خليفة حفتر 😀 رئيس الحكومة فائز السراج في طرابلس اليوم، وأعلن وقف إطلاق النار.\n";
    std::fs::write(corpus.path().join("astral.txt"), text).unwrap();
    let page = out_dir().join("astral.html");
    build_report(&["."], corpus.path(), &page);
    let test = load(exe, &page);
    assert!(test["offsets"]["checked"].as_u64().unwrap() >= 1 && test["offsets"]["wrong"] == 0, "{test}");
    assert!(test["article_marks"].as_u64().unwrap() >= 3, "{test}");
}
