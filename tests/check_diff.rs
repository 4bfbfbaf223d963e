//! CLI tests for `check`, `diff`, `scan --baseline`, completions, the man page and the README's
//! jq cookbook. Inputs are short texts written here, or the repo's seeds.

use assert_cmd::Command;
use serde_json::{json, Value};
use std::fs;
use std::path::Path;

fn bin() -> Command {
    Command::cargo_bin("libya-news").unwrap()
}

const GOOD: &str = "لقاء في طرابلس\n\n21 فبراير 2020\nالتقى المشير خليفة حفتر رئيس الحكومة فائز السراج في طرابلس اليوم.\n";
const NO_DATE: &str = "لقاء في العاصمة\n\nالتقى المشير خليفة حفتر رئيس الحكومة فائز السراج في طرابلس.\n";
const NEW_ACTOR: &str = "تصريحات في طرابلس\n\n21 فبراير 2020\nقال الوزير سالم بن عمران في طرابلس إن الوضع مستقر.\n";
const NO_ACTORS: &str = "طقس معتدل في طرابلس\n\n21 فبراير 2020\nتشهد مدينة طرابلس طقسا معتدلا اليوم.\n";
const OFF_TOPIC: &str = "الرئيس الفرنسي يزور برلين\n\n21 فبراير 2020\nزار الرئيس الفرنسي إيمانويل ماكرون العاصمة الألمانية برلين اليوم.\n";
const NO_TITLE: &str = "   \n\n";

fn folder(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

fn policy(dir: &Path, text: &str) -> String {
    let p = dir.join("policy.toml");
    fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

/// Runs `check DIR --format json [args]`; returns the report and the exit status.
fn check(dir: &Path, args: &[&str]) -> (Value, i32) {
    let out = bin().arg("check").arg(dir).args(["--format", "json"]).args(args).output().unwrap();
    let report: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("invalid JSON ({e}): {}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)));
    (report, out.status.code().unwrap())
}

/// The findings of one file (by file name) as (rule, level) pairs.
fn findings(report: &Value, name: &str) -> Vec<(String, String)> {
    report["articles"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["path"].as_str().unwrap().ends_with(name))
        .flat_map(|a| a["findings"].as_array().unwrap().iter())
        .map(|f| (f["rule"].as_str().unwrap().to_string(), f["level"].as_str().unwrap().to_string()))
        .collect()
}

fn has(report: &Value, name: &str, rule: &str, level: &str) -> bool {
    findings(report, name).contains(&(rule.to_string(), level.to_string()))
}

fn rules_of(report: &Value, name: &str) -> Vec<String> {
    findings(report, name).into_iter().map(|(r, _)| r).collect()
}

// ---- check: exit codes and report ----

#[test]
fn check_passes_a_clean_drop_with_a_table() {
    let dir = folder(&[("a.txt", GOOD.as_bytes())]);
    let out = bin().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.contains("check passed: 0 errors, 0 warnings in 1 files"), "{table}");
    assert!(!table.contains('\x1b'), "no color when stdout is not a terminal");
    let (report, code) = check(dir.path(), &[]);
    assert_eq!(code, 0);
    assert_eq!(report["passed"], true);
    assert_eq!(report["articles"], json!([]));
    assert_eq!(report["counts"]["articles"], 1);
}

#[test]
fn check_table_names_file_rule_and_reason_and_fails_with_1() {
    let dir = folder(&[("a.txt", GOOD.as_bytes()), ("b.txt", NO_TITLE.as_bytes())]);
    let out = bin().arg("check").arg(dir.path()).env("NO_COLOR", "1").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let table = String::from_utf8(out.stdout).unwrap();
    let line = table.lines().find(|l| l.contains("b.txt")).unwrap_or_else(|| panic!("{table}"));
    assert!(line.contains("error") && line.contains("title") && line.contains("no title"), "{line}");
    assert!(table.contains("check failed: 1 error"), "{table}");
}

#[test]
fn rule_title() {
    let dir = folder(&[("a.txt", GOOD.as_bytes()), ("b.txt", NO_TITLE.as_bytes())]);
    let (report, code) = check(dir.path(), &[]);
    assert_eq!(code, 1);
    assert!(has(&report, "b.txt", "title", "error"));
    assert!(!rules_of(&report, "a.txt").contains(&"title".to_string()));
    let off = policy(dir.path(), "title = \"off\"\n");
    let (report, _) = check(dir.path(), &["--policy", &off]);
    assert!(!rules_of(&report, "b.txt").contains(&"title".to_string()));
}

#[test]
fn rule_decode_and_exit_2() {
    let dir = folder(&[("a.txt", GOOD.as_bytes()), ("bad.txt", b"caf\xE9 \xFF\xFE broken \x80\x81")]);
    let (report, code) = check(dir.path(), &[]);
    assert_eq!(code, 2, "unreadable files: exit 2");
    assert!(has(&report, "bad.txt", "decode", "error"));
    assert_eq!(report["counts"]["unreadable"], 1);
    let bad = report["articles"].as_array().unwrap().iter().find(|a| a["path"].as_str().unwrap().ends_with("bad.txt")).unwrap();
    assert_eq!(bad["id"], Value::Null);
    let warn = policy(dir.path(), "decode = \"warn\"\n");
    let (report, code) = check(dir.path(), &["--policy", &warn]);
    assert_eq!(code, 0, "decode at warn: reported, not failing");
    assert!(has(&report, "bad.txt", "decode", "warn"));
    let (_, code) = check(dir.path(), &["--policy", &warn, "--strict"]);
    assert_eq!(code, 1, "--strict: warnings fail");
}

#[test]
fn rule_published_require_warn_ignore() {
    let dir = folder(&[("a.txt", GOOD.as_bytes()), ("b.txt", NO_DATE.as_bytes())]);
    let (report, code) = check(dir.path(), &[]);
    assert_eq!(code, 0, "published defaults to warn");
    assert!(has(&report, "b.txt", "published", "warn"));
    assert!(!rules_of(&report, "a.txt").contains(&"published".to_string()), "a dateline satisfies it");
    let require = policy(dir.path(), "published = \"require\"\n");
    let (report, code) = check(dir.path(), &["--policy", &require]);
    assert_eq!(code, 1);
    assert!(has(&report, "b.txt", "published", "error"));
    let (report, code) = check(dir.path(), &["--policy", &require, "--reference-date", "2020-02-21"]);
    assert_eq!(code, 1, "a date only from --reference-date is not anchored in the article");
    assert!(has(&report, "b.txt", "published", "error"));
    let ignore = policy(dir.path(), "published = \"ignore\"\n");
    let (report, _) = check(dir.path(), &["--policy", &ignore]);
    assert!(!rules_of(&report, "b.txt").contains(&"published".to_string()));
}

#[test]
fn rule_min_known_actors() {
    let dir = folder(&[("a.txt", GOOD.as_bytes()), ("b.txt", NO_ACTORS.as_bytes())]);
    let p = policy(dir.path(), "known_actors = \"error\"\nmin_known_actors = 2\n");
    let (report, code) = check(dir.path(), &["--policy", &p]);
    assert_eq!(code, 1);
    assert!(has(&report, "b.txt", "known_actors", "error"));
    assert!(!rules_of(&report, "a.txt").contains(&"known_actors".to_string()), "two known actors pass min 2");
    let p = policy(dir.path(), "known_actors = \"error\"\nmin_known_actors = 3\n");
    let (report, _) = check(dir.path(), &["--policy", &p]);
    assert!(has(&report, "a.txt", "known_actors", "error"), "two known actors fail min 3");
    let p = policy(dir.path(), "known_actors = \"error\"\nmin_known_actors = 0\n");
    let (_, code) = check(dir.path(), &["--policy", &p]);
    assert_eq!(code, 0, "min 0 checks nothing");
}

#[test]
fn rule_new_actors_lists_ids_for_review() {
    let dir = folder(&[("a.txt", GOOD.as_bytes()), ("b.txt", NEW_ACTOR.as_bytes())]);
    let p = policy(dir.path(), "new_actors = \"error\"\nknown_actors = \"off\"\n");
    let (report, code) = check(dir.path(), &["--policy", &p]);
    assert_eq!(code, 1);
    assert!(has(&report, "b.txt", "new_actors", "error"));
    assert!(!rules_of(&report, "a.txt").contains(&"new_actors".to_string()));
    let b = report["articles"].as_array().unwrap().iter().find(|a| a["path"].as_str().unwrap().ends_with("b.txt")).unwrap();
    let f = b["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "new_actors").unwrap();
    assert_eq!(f["actors"], json!(["new:سالم_بن_عمران"]));
    assert_eq!(report["new_actors"], json!([{"id": "new:سالم_بن_عمران", "name": "سالم بن عمران", "articles": 1}]));
    let out = bin().arg("check").arg(dir.path()).output().unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.contains("Actors to review") && table.contains("new:سالم_بن_عمران"), "{table}");
}

#[test]
fn rule_duplicates_exact_and_near() {
    let seed = fs::read_to_string("seeds/001_1231ecc439629b3a.txt").unwrap();
    let near = format!("{seed}\nوأضاف المصدر أن المحادثات ستستمر غدا.\n");
    let other_body = format!("{}\n\n{NO_ACTORS}", seed.lines().next().unwrap());
    let dir = folder(&[
        ("a.txt", seed.as_bytes()),
        ("b_copy.txt", seed.as_bytes()),
        ("c_near.txt", near.as_bytes()),
        ("d_same_title.txt", other_body.as_bytes()),
    ]);
    let (report, code) = check(dir.path(), &[]);
    assert_eq!(code, 1);
    assert!(rules_of(&report, "a.txt").is_empty() || !rules_of(&report, "a.txt").contains(&"duplicates".to_string()), "the first copy is clean");
    let dup = |name: &str| {
        report["articles"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["path"].as_str().unwrap().ends_with(name))
            .flat_map(|a| a["findings"].as_array().unwrap().clone())
            .find(|f| f["rule"] == "duplicates")
    };
    let exact = dup("b_copy.txt").expect("exact copy flagged");
    assert!(exact["duplicate_of"].as_str().unwrap().ends_with("a.txt"));
    assert!(exact["message"].as_str().unwrap().contains("sha256"));
    let near = dup("c_near.txt").expect("near copy flagged");
    assert!(near["duplicate_of"].as_str().unwrap().ends_with("a.txt"));
    let sim = near["similarity"].as_f64().unwrap();
    assert!((0.9..1.0).contains(&sim), "{sim}");
    assert!(dup("d_same_title.txt").is_none(), "same title, different body: not a duplicate");
    let strict = policy(dir.path(), "duplicate_similarity = 1.0\n");
    let (report, _) = check(dir.path(), &["--policy", &strict]);
    assert!(has(&report, "b_copy.txt", "duplicates", "error"));
    assert!(!rules_of(&report, "c_near.txt").contains(&"duplicates".to_string()), "threshold 1.0 wants identical bodies");
}

#[test]
fn rule_off_topic() {
    let dir = folder(&[("a.txt", GOOD.as_bytes()), ("b.txt", OFF_TOPIC.as_bytes()), ("c.txt", NO_ACTORS.as_bytes())]);
    let p = policy(dir.path(), "off_topic = \"error\"\n");
    let (report, code) = check(dir.path(), &["--policy", &p]);
    assert_eq!(code, 1);
    assert!(has(&report, "b.txt", "off_topic", "error"));
    assert!(!rules_of(&report, "a.txt").contains(&"off_topic".to_string()), "Libyan actors and places");
    assert!(!rules_of(&report, "c.txt").contains(&"off_topic".to_string()), "a Libyan place is enough");
}

#[test]
fn policy_files_are_strict_and_the_example_loads() {
    let dir = folder(&[("a.txt", GOOD.as_bytes())]);
    let p = policy(dir.path(), "titel = \"error\"\n");
    let out = bin().arg("check").arg(dir.path()).args(["--policy", &p]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("titel") && err.contains("policy.toml"), "{err}");
    let p = policy(dir.path(), "title = \"sometimes\"\n");
    bin().arg("check").arg(dir.path()).args(["--policy", &p]).assert().code(2);
    let (report, code) = check(dir.path(), &["--policy", "docs/policy.example.toml"]);
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["policy"]["published"], "error", "require = error");
}

#[test]
fn check_on_seeds_passes_with_defaults() {
    let (report, code) = check(Path::new("seeds/"), &[]);
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["counts"]["articles"], 5);
}

// ---- diff ----

fn article(path: &str, sha: &str, actors: Value, places: Value, roots: &[&str]) -> Value {
    let events: Vec<Value> = roots.iter().map(|r| json!({"code": format!("{r}0"), "root": r, "negated": false})).collect();
    json!({"path": path, "id": path, "sha256": sha, "title": format!("title of {path}"), "actors": actors, "places": places, "events": events})
}

fn entity(id: &str, mentions: usize) -> Value {
    json!({"id": id, "name": id.to_uppercase(), "name_ar": "س", "mentions": vec![json!({"text": "س", "start": 0, "end": 1}); mentions]})
}

fn write_doc(dir: &Path, name: &str, articles: Vec<Value>, errors: Value) -> String {
    let doc = json!({"schema_version": 1, "tool": {"name": "libya-news", "version": "0.1.0"}, "reference_date": null,
        "articles": articles, "errors": errors, "summary": {}});
    let p = dir.join(name);
    fs::write(&p, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    p.to_str().unwrap().to_string()
}

fn write_jsonl(dir: &Path, name: &str, articles: Vec<Value>, errors: Vec<Value>) -> String {
    let mut text = String::new();
    for mut a in articles {
        a["type"] = json!("article");
        text += &format!("{a}\n");
    }
    for mut e in errors {
        e["type"] = json!("error");
        text += &format!("{e}\n");
    }
    text += "{\"type\":\"summary\",\"articles\":0}\n";
    let p = dir.join(name);
    fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

fn two_scans(dir: &Path) -> (String, String) {
    let old = write_doc(
        dir,
        "old.json",
        vec![
            article("d/a.txt", "aaa", json!([entity("haftar", 2), entity("gone_one", 1)]), json!([entity("tripoli", 1)]), &["04"]),
            article("d/b.txt", "bbb", json!([entity("haftar", 1)]), json!([]), &["19", "19"]),
            article("d/c.txt", "ccc", json!([]), json!([]), &[]),
            article("d/m.txt", "mmm", json!([]), json!([]), &[]),
        ],
        json!([]),
    );
    let new = write_jsonl(
        dir,
        "new.jsonl",
        vec![
            article("d/a.txt", "aaa", json!([entity("haftar", 2), entity("gone_one", 1)]), json!([entity("tripoli", 1)]), &["04"]),
            article("d/b.txt", "b22", json!([entity("haftar", 3), entity("new:someone", 1)]), json!([entity("tripoli", 2)]), &["19"]),
            article("d/e.txt", "eee", json!([]), json!([]), &["04", "14"]),
            article("d/sub/m.txt", "mmm", json!([]), json!([]), &[]),
        ],
        vec![json!({"path": "d/bad.txt", "kind": "decode", "message": "not text"})],
    );
    (old, new)
}

#[test]
fn diff_reports_articles_entities_and_event_roots() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = two_scans(dir.path());
    let out = bin().args(["diff", &old, &new, "--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["diff_version"], 1);
    let paths = |k: &str| r["articles"][k].as_array().unwrap().iter().map(|a| a["path"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    assert_eq!(paths("added"), vec!["d/e.txt"]);
    assert_eq!(paths("removed"), vec!["d/c.txt"]);
    assert_eq!(paths("changed"), vec!["d/b.txt"]);
    assert_eq!(r["articles"]["changed"][0]["old_sha256"], "bbb");
    assert_eq!(r["articles"]["changed"][0]["new_sha256"], "b22");
    assert_eq!(r["articles"]["moved"], json!([{"old_path": "d/m.txt", "path": "d/sub/m.txt", "sha256": "mmm", "title": "title of d/sub/m.txt"}]));
    assert_eq!(r["articles"]["unchanged"], 1);
    assert_eq!(r["errors"]["added"][0]["path"], "d/bad.txt");
    let status = |kind: &str, id: &str| r[kind].as_array().unwrap().iter().find(|e| e["id"] == id).map(|e| e["status"].as_str().unwrap().to_string());
    assert_eq!(status("actors", "new:someone").as_deref(), Some("new"));
    assert_eq!(status("actors", "haftar").as_deref(), Some("changed"));
    assert_eq!(status("actors", "gone_one"), None, "unchanged counts are not listed");
    assert_eq!(status("places", "tripoli").as_deref(), Some("changed"));
    let haftar = r["actors"].as_array().unwrap().iter().find(|e| e["id"] == "haftar").unwrap();
    assert_eq!(haftar["old"], json!({"articles": 2, "mentions": 3}));
    assert_eq!(haftar["new"], json!({"articles": 2, "mentions": 5}));
    assert_eq!(
        r["event_roots"],
        json!([{"root": "04", "old": 1, "new": 2, "delta": 1}, {"root": "14", "old": 0, "new": 1, "delta": 1}, {"root": "19", "old": 2, "new": 1, "delta": -1}])
    );
    // Reversed, the new actor is gone.
    let out = bin().args(["diff", &new, &old, "--format", "json"]).output().unwrap();
    let back: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(back["actors"].as_array().unwrap().iter().any(|e| e["id"] == "new:someone" && e["status"] == "gone"));
    // The table has every section.
    let out = bin().args(["diff", &old, &new]).output().unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    for needle in ["Articles: 1 added, 1 removed, 1 changed, 1 moved, 1 unchanged", "+ d/e.txt", "- d/c.txt", "~ d/b.txt", "d/m.txt → d/sub/m.txt", "! d/bad.txt", "Actors: 1 new, 1 changed, 0 gone", "new:someone", "Places: 0 new, 1 changed", "Event roots: 3 changed"] {
        assert!(table.contains(needle), "{needle:?} missing in\n{table}");
    }
}

#[test]
fn diff_of_a_scan_with_itself_is_empty_and_bad_input_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("s.json");
    let jsonl = dir.path().join("s.jsonl");
    bin().args(["scan", "seeds/", "--format", "json", "--output"]).arg(&json).assert().success();
    bin().args(["scan", "seeds/", "--format", "jsonl", "--output"]).arg(&jsonl).assert().success();
    let out = bin().arg("diff").arg(&json).arg(&jsonl).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8(out.stdout).unwrap().contains("no differences"));
    let junk = dir.path().join("junk.json");
    fs::write(&junk, "{\"hello\": 1}").unwrap();
    let out = bin().arg("diff").arg(&json).arg(&junk).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("junk.json"));
    bin().arg("diff").arg(&json).arg(dir.path().join("missing.json")).assert().code(2);
}

#[test]
fn scan_with_baseline_keeps_stdout_and_reports_the_diff() {
    let dir = tempfile::tempdir().unwrap();
    let drop = dir.path().join("drop");
    fs::create_dir(&drop).unwrap();
    fs::write(drop.join("a.txt"), GOOD).unwrap();
    let base = dir.path().join("base.json");
    bin().current_dir(dir.path()).args(["scan", "drop/", "--format", "json", "--output", "base.json"]).assert().success();
    fs::write(drop.join("b.txt"), NEW_ACTOR).unwrap();
    let plain = bin().current_dir(dir.path()).args(["scan", "drop/", "--format", "json"]).output().unwrap();
    let with = bin().current_dir(dir.path()).args(["scan", "drop/", "--format", "json", "--baseline"]).arg(&base).output().unwrap();
    assert_eq!(with.status.code(), Some(0));
    assert_eq!(plain.stdout, with.stdout, "--baseline leaves the scan output alone");
    let stderr = String::from_utf8(with.stderr).unwrap();
    assert!(stderr.contains("+ drop/b.txt") && stderr.contains("new:سالم_بن_عمران"), "{stderr}");
    let diff = dir.path().join("diff.json");
    let out = bin().current_dir(dir.path()).args(["scan", "drop/", "--format", "jsonl", "--output", "new.jsonl", "--baseline"]).arg(&base).arg("--diff-output").arg(&diff).output().unwrap();
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    let r: Value = serde_json::from_str(&fs::read_to_string(&diff).unwrap()).unwrap();
    assert_eq!(r["articles"]["added"][0]["path"], "drop/b.txt");
    assert_eq!(r["new"]["source"], "new.jsonl");
    bin().current_dir(dir.path()).args(["scan", "drop/", "--baseline", "nope.json"]).assert().code(2);
}

// ---- conventions ----

#[test]
fn no_progress_output_when_stderr_is_not_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..201 {
        fs::write(dir.path().join(format!("{i:03}.txt")), GOOD).unwrap();
    }
    let out = bin().arg("scan").arg(dir.path()).args(["--format", "jsonl"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    bin().arg("scan").arg(dir.path()).args(["--format", "jsonl", "--quiet"]).assert().success().stderr("");
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = bin().args(["completions", shell]).output().unwrap();
        assert!(out.status.success());
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(script.contains("libya-news") && script.contains("baseline"), "{shell}");
    }
    let out = bin().arg("man").output().unwrap();
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains(".TH") && page.contains("libya-news") && page.contains("check"), "{page}");
}

#[test]
fn new_subcommands_have_help_with_examples() {
    for sub in ["check", "diff", "completions", "man"] {
        let out = bin().args([sub, "--help"]).output().unwrap();
        let help = String::from_utf8(out.stdout).unwrap();
        assert!(help.contains("Example"), "{sub} --help has no example");
    }
}

// ---- the README's jq cookbook ----

#[test]
fn readme_jq_cookbook_runs() {
    if std::process::Command::new("jq").arg("--version").output().is_err() {
        eprintln!("note: jq is not on PATH; skipping the README jq cookbook test");
        return;
    }
    let readme = fs::read_to_string("README.md").unwrap();
    let start = readme.find("<!-- jq-cookbook:begin -->").expect("cookbook start marker");
    let end = readme.find("<!-- jq-cookbook:end -->").expect("cookbook end marker");
    let commands: Vec<&str> =
        readme[start..end].lines().map(str::trim).filter(|l| l.starts_with("libya-news ")).collect();
    assert!(commands.len() >= 4, "{commands:?}");
    let bin_dir = assert_cmd::cargo::cargo_bin("libya-news").parent().unwrap().to_path_buf();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    let mut checked = Vec::new();
    for cmd in &commands {
        let out = std::process::Command::new("bash").args(["-o", "pipefail", "-c", cmd]).env("PATH", &path).output().unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        let check_cmd = cmd.starts_with("libya-news check");
        // `check` may exit 1 on findings; every other pipeline must succeed.
        assert!(out.status.success() || check_cmd && out.status.code() == Some(1), "{cmd}\n{}", String::from_utf8_lossy(&out.stderr));
        assert!(!stdout.trim().is_empty(), "{cmd} printed nothing");
        if cmd.contains("summary.actors") {
            assert!(stdout.lines().next().unwrap().contains("khalifa_haftar"), "{stdout}");
            checked.push("top actors");
        } else if cmd.contains("--arg who khalifa_haftar") {
            for line in stdout.lines() {
                let e: Value = serde_json::from_str(line).unwrap();
                let ids: Vec<&Value> = e["source"].as_array().unwrap().iter().chain(e["target"].as_array().unwrap()).collect();
                assert!(ids.iter().any(|v| *v == "khalifa_haftar"), "{line}");
                assert!(e["path"].as_str().unwrap().starts_with("seeds/"));
            }
            checked.push("one actor's events");
        } else if cmd.contains("@csv") {
            let mut lines = stdout.lines();
            assert!(lines.next().unwrap().starts_with("\"id\",\"name\",\"name_ar\""));
            assert!(lines.all(|l| l.starts_with("\"") && l.split(',').count() >= 9), "{stdout}");
            checked.push("places csv");
        } else if cmd.contains("by_month") || cmd.contains("published.value") {
            for line in stdout.lines() {
                let (month, n) = line.split_once('\t').unwrap();
                assert!(month.len() == 7 && &month[4..5] == "-", "{line}");
                assert!(n.parse::<u64>().unwrap() > 0);
            }
            checked.push("by month");
        }
    }
    for needed in ["top actors", "one actor's events", "places csv", "by month"] {
        assert!(checked.contains(&needed), "no cookbook command for {needed}");
    }
}
