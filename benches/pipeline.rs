//! Criterion benchmarks of the scan's stages on the seed articles: normalization, the alias
//! automaton, the date tagger and one whole article (analysis and its JSON).
//!
//!     cargo bench                      # all
//!     cargo bench -- alias             # one group
//!
//! The whole-corpus figure against ripgrep is `../shared/bench/run.sh` (README, Performance).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use libya_news::extract::{self, DateContext};
use libya_news::normalize::normalize;
use libya_news::report::{self, FileFacts};
use libya_news::rules::Engine;
use std::hint::black_box;

// The same allocator as the binary, so the figures are the scan's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn seeds() -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir("seeds").expect("run from the project root").flatten().map(|e| e.path()).collect();
    files.sort();
    files
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect()
}

fn stages(c: &mut Criterion) {
    let engine = Engine::load(&[]).expect("built-in rules");
    let articles = seeds();
    let total: usize = articles.iter().map(|(_, t)| t.len()).sum();
    let all: String = articles.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join("\n\n");
    let normalized = normalize(&all);

    let mut group = c.benchmark_group("stages");
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function("normalize", |b| b.iter(|| normalize(black_box(&all))));
    group.bench_function("alias", |b| b.iter(|| engine.lexicon.find(black_box(&normalized.text))));
    group.bench_function("dates", |b| b.iter(|| engine.dates.find(black_box(&normalized.text), None)));
    group.finish();

    let mut group = c.benchmark_group("article");
    for (id, text) in &articles {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(id), text, |b, text| {
            b.iter(|| {
                let analysis = extract::analyze(black_box(text), &engine, DateContext::default());
                let facts = FileFacts {
                    path: id.clone(),
                    id: id.clone(),
                    sha256: String::new(),
                    encoding: "utf-8",
                    chars: text.chars().count(),
                    analysis,
                };
                report::serialize_article(&report::to_article(facts, &engine)).unwrap()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
