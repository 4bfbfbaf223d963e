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
    for sentence in &doc.sentences {
        let (start, end) = doc.sentence_span(*sentence);
        writeln!(out, "\n[{start}..{end}] {}", doc.original.slice(start, end))?;
        for span in analysis.actor_spans.iter().filter(|s| s.start >= sentence.start && s.end <= sentence.end) {
            let m = doc.mention(span.start, span.end);
            writeln!(out, "  actor  {:<28} {:?} [{}..{}] by {}", span.id, m.text, m.start, m.end, span.rule)?;
        }
        for span in analysis.place_spans.iter().filter(|s| s.start >= sentence.start && s.end <= sentence.end) {
            let m = doc.mention(span.start, span.end);
            writeln!(out, "  place  {:<28} {:?} [{}..{}] by {}", span.id, m.text, m.start, m.end, span.rule)?;
        }
        for d in analysis.dates.iter().filter(|d| d.mention.start >= start && d.mention.end <= end) {
            writeln!(out, "  date   {:<28} {:?} [{}..{}] {} mod={} anchored={}", d.value, d.mention.text, d.mention.start, d.mention.end, d.kind, d.modifier.unwrap_or("-"), d.anchored)?;
        }
        for e in analysis.events.iter().filter(|e| e.sentence == (start, end)) {
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
        for u in uncoded.iter().filter(|u| u.mention.start >= start && u.mention.end <= end) {
            let t = &engine.triggers[u.trigger as usize];
            writeln!(out, "  uncoded {:<27} {:?} [{}..{}] {}", format!("{} {}", t.code, t.label), u.mention.text, u.mention.start, u.mention.end, u.why)?;
        }
    }
    Ok(())
}
