//! The DuckDB recipes of docs/QUERY.md: each query file in docs/queries/ runs (through
//! docs/queries/run.py, as the docs show) over a JSONL scan of seeds/, and its rows must equal
//! the same question answered here from the records with serde_json. Skipped, with a note, when
//! Python's duckdb package is missing (`pip install duckdb`; .ci/run installs it).

use assert_cmd::Command;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command as Process;

fn duckdb_available() -> bool {
    Process::new("python3").args(["-c", "import duckdb"]).output().is_ok_and(|o| o.status.success())
}

type Rows = Vec<Vec<String>>;

/// Runs docs/queries/QUERY.sql in `dir` (its out/*.jsonl) and returns header and rows.
fn query(dir: &Path, name: &str, vars: &[&str]) -> (Vec<String>, Rows) {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut cmd = Process::new("python3");
    cmd.current_dir(dir).arg(format!("{root}/docs/queries/run.py")).arg(format!("{root}/docs/queries/{name}.sql"));
    for v in vars {
        cmd.args(["--set", v]);
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines().map(|l| l.split('\t').map(str::to_string).collect::<Vec<_>>());
    let header = lines.next().unwrap();
    (header, lines.collect())
}

/// Python's str() of a float: "13.0", not "13".
fn py_float(v: &Value) -> String {
    match v.as_f64() {
        Some(f) if f.fract() == 0.0 => format!("{f:.1}"),
        Some(f) => f.to_string(),
        None => String::new(),
    }
}

fn text(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default()
}

#[test]
fn every_query_file_answers_what_the_records_say() {
    if !duckdb_available() {
        eprintln!("note: python3 duckdb not installed (pip install duckdb): DuckDB query test skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("out")).unwrap();
    let scan = Command::cargo_bin("libya-news").unwrap().args(["scan", "seeds/", "--format", "jsonl"]).output().unwrap();
    std::fs::write(dir.path().join("out/seeds.jsonl"), &scan.stdout).unwrap();
    let articles: Vec<Value> = String::from_utf8(scan.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|r| r["type"] == "article")
        .collect();
    assert_eq!(articles.len(), 5);

    // Top actors by month (top 5 by articles, then mentions, then id).
    let mut by_month: BTreeMap<String, BTreeMap<String, (String, u64, u64)>> = BTreeMap::new();
    for a in &articles {
        let month = a["published"]["value"].as_str().map_or("undated".to_string(), |v| v[..7].to_string());
        for actor in a["actors"].as_array().unwrap() {
            let e = by_month.entry(month.clone()).or_default().entry(text(&actor["id"])).or_insert((text(&actor["name"]), 0, 0));
            e.1 += 1;
            e.2 += actor["mentions"].as_array().unwrap().len() as u64;
        }
    }
    let mut expected = Rows::new();
    for (month, actors) in by_month {
        let mut ranked: Vec<_> = actors.into_iter().collect();
        ranked.sort_by(|(a_id, a), (b_id, b)| (b.1, b.2).cmp(&(a.1, a.2)).then(a_id.cmp(b_id)));
        expected.extend(ranked.into_iter().take(5).map(|(id, (name, n, m))| vec![month.clone(), id, name, n.to_string(), m.to_string()]));
    }
    let (header, rows) = query(dir.path(), "top_actors_by_month", &[]);
    assert_eq!(header, ["month", "id", "name", "articles", "mentions"]);
    assert!(rows.len() > 5, "both a dated month and undated articles");
    assert_eq!(rows, expected);

    // Events between two actors, both directions.
    let (a, b) = ("government_of_national_accord", "libyan_national_army");
    let mut expected = Rows::new();
    for art in &articles {
        for e in art["events"].as_array().unwrap().iter().filter(|e| e["negated"] == false) {
            let (src, tgt) = (strings(&e["source"]), strings(&e["target"]));
            let forward = src.contains(&a) && tgt.contains(&b);
            if forward || (src.contains(&b) && tgt.contains(&a)) {
                let direction = if src.contains(&a) { "a -> b" } else { "b -> a" };
                expected.push(vec![text(&art["path"]), text(&e["code"]), text(&e["label"]), text(&e["date"]), direction.into()]);
            }
        }
    }
    expected.sort_by(|x, y| (&x[0], &x[1], &x[4]).cmp(&(&y[0], &y[1], &y[4])));
    let (header, rows) = query(dir.path(), "events_between", &[&format!("a={a}"), &format!("b={b}")]);
    assert_eq!(header, ["path", "code", "label", "date", "direction"]);
    assert!(!rows.is_empty());
    assert_eq!(rows, expected);
    let (_, swapped) = query(dir.path(), "events_between", &[&format!("a={b}"), &format!("b={a}")]);
    assert_eq!(swapped.len(), rows.len(), "the pair is unordered");

    // Places of one event type (CAMEO root 19, fight).
    let mut names: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut hits: BTreeMap<String, (u64, BTreeSet<String>)> = BTreeMap::new();
    for art in &articles {
        for p in art["places"].as_array().unwrap() {
            names.insert(text(&p["id"]), vec![text(&p["name"]), text(&p["name_ar"]), text(&p["country"]), py_float(&p["lat"]), py_float(&p["lon"])]);
        }
        for e in art["events"].as_array().unwrap().iter().filter(|e| e["negated"] == false && text(&e["code"]).starts_with("19")) {
            for place in strings(&e["places"]) {
                let h = hits.entry(place.to_string()).or_default();
                h.0 += 1;
                h.1.insert(text(&art["path"]));
            }
        }
    }
    let mut ranked: Vec<_> = hits.into_iter().collect();
    ranked.sort_by(|(a_id, a), (b_id, b)| b.0.cmp(&a.0).then(a_id.cmp(b_id)));
    let expected: Rows = ranked
        .into_iter()
        .map(|(id, (events, paths))| [vec![id.clone()], names[&id].clone(), vec![events.to_string(), paths.len().to_string()]].concat())
        .collect();
    let (header, rows) = query(dir.path(), "places_of_event", &["code=19"]);
    assert_eq!(header, ["id", "name", "name_ar", "country", "lat", "lon", "events", "articles"]);
    assert!(!rows.is_empty());
    assert_eq!(rows, expected);

    // Articles per outlet: the folder holding each file.
    let dated: Vec<&str> = articles.iter().filter_map(|a| a["published"]["value"].as_str()).collect();
    let (first, last) = (dated.iter().min().unwrap().to_string(), dated.iter().max().unwrap().to_string());
    let (header, rows) = query(dir.path(), "articles_per_outlet", &[]);
    assert_eq!(header, ["outlet", "articles", "dated", "first_published", "last_published"]);
    assert_eq!(rows, vec![vec!["seeds".to_string(), "5".into(), dated.len().to_string(), first, last]]);
}

#[test]
fn the_sql_in_query_md_is_the_sql_the_test_runs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/QUERY.md")).unwrap();
    let mut shown = 0;
    for (i, _) in doc.match_indices("<!-- query: ") {
        let rest = &doc[i + "<!-- query: ".len()..];
        let name = &rest[..rest.find(" -->").unwrap()];
        let block = &rest[rest.find("```sql\n").unwrap() + 7..];
        let block = &block[..block.find("\n```").unwrap()];
        let file = std::fs::read_to_string(root.join(format!("docs/queries/{name}.sql"))).unwrap();
        assert_eq!(block, file.trim_end(), "docs/QUERY.md shows a different {name}.sql");
        shown += 1;
    }
    let files = std::fs::read_dir(root.join("docs/queries")).unwrap().filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "sql")).count();
    assert_eq!(shown, files, "every query file is shown in docs/QUERY.md");
}
