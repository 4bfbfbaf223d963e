//! `libya-news explain FILE`: sentence by sentence, what was found and which rule found it —
//! the view an analyst uses to check and correct the tables.

use crate::extract::{self, DateContext, Document};
use crate::rules::Engine;
use std::io::Write;
use std::path::Path;

pub fn explain(path: &Path, engine: &Engine, reference: Option<chrono::NaiveDate>, out: &mut dyn Write) -> anyhow::Result<()> {
    let bytes = std::fs::read(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let decoded = crate::corpus::decode(&bytes).map_err(|e| anyhow::anyhow!("{}: {}", path.display(), e.0))?;
    let context = DateContext { metadata: crate::corpus::sidecar_published(path), reference };
    let doc = Document::new(&decoded.text, engine);
    let mut uncoded = Vec::new();
    let analysis = extract::analyze_document_traced(&doc, engine, context, Some(&mut uncoded));
    match &analysis.published {
        Some(p) => writeln!(out, "published {} (from {})", p.date, p.source.as_str())?,
        None => writeln!(out, "published: unknown (relative dates stay unanchored)")?,
    }
    // What each sentence holds, gathered once rather than read from the whole article per
    // sentence (quadratic in a long file). Spans and dates are in text order: a sentence's are a
    // run found by binary search. Events and uncoded triggers go to their sentence, in order.
    let bounds: Vec<(usize, usize)> = doc.sentences.iter().map(|s| doc.sentence_span(*s)).collect();
    let sentence_of = |start: usize, end: usize| {
        let k = bounds.partition_point(|&(s, _)| s <= start);
        k.checked_sub(1).filter(|&k| end <= bounds[k].1)
    };
    let mut events_in = vec![Vec::new(); bounds.len()];
    for e in &analysis.events {
        if let Some(k) = sentence_of(e.sentence.0, e.sentence.1).filter(|&k| bounds[k] == e.sentence) {
            events_in[k].push(e);
        }
    }
    let mut uncoded_in = vec![Vec::new(); bounds.len()];
    for u in &uncoded {
        if let Some(k) = sentence_of(u.mention.start, u.mention.end) {
            uncoded_in[k].push(u);
        }
    }
    for (k, sentence) in doc.sentences.iter().enumerate() {
        let (start, end) = bounds[k];
        writeln!(out, "\n[{start}..{end}] {}", doc.original.slice(start, end))?;
        for span in extract::spans_in(&analysis.actor_spans, *sentence) {
            let m = doc.mention(span.start, span.end);
            writeln!(out, "  actor  {:<28} {:?} [{}..{}] by {}", span.id, m.text, m.start, m.end, span.rule)?;
        }
        for span in extract::spans_in(&analysis.place_spans, *sentence) {
            let m = doc.mention(span.start, span.end);
            writeln!(out, "  place  {:<28} {:?} [{}..{}] by {}", span.id, m.text, m.start, m.end, span.rule)?;
        }
        for d in extract::dates_in(&analysis.dates, start, end) {
            writeln!(out, "  date   {:<28} {:?} [{}..{}] {} mod={} anchored={}", d.value, d.mention.text, d.mention.start, d.mention.end, d.kind, d.modifier.unwrap_or("-"), d.anchored)?;
        }
        for e in &events_in[k] {
            let t = &engine.triggers[e.trigger as usize];
            writeln!(
                out,
                "  event  {:<28} {:?} source={:?} target={:?}{} by {}",
                format!("{} {}", t.code, t.label),
                e.mention.text,
                e.source,
                e.target,
                if e.negated { " NEGATED" } else { "" },
                e.rule
            )?;
        }
        // Triggers of the tables that gave no event of their own, and the rule that said so.
        for u in &uncoded_in[k] {
            let t = &engine.triggers[u.trigger as usize];
            writeln!(out, "  uncoded {:<27} {:?} [{}..{}] {}", format!("{} {}", t.code, t.label), u.mention.text, u.mention.start, u.mention.end, u.why)?;
        }
    }
    Ok(())
}
