//! `libya-news rules …`: list, show, validate and print the names of the rule tables.

use crate::cli::{Exit, RuleKind, RulesCommand};
use crate::rules::{Engine, RuleSet};
use std::io::{self, Write};

pub fn run(cmd: RulesCommand) -> anyhow::Result<Exit> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    match cmd {
        RulesCommand::List { kind, rules } => {
            let set = RuleSet::load(&rules.dirs)?;
            let wants = |k: RuleKind| kind.is_none_or(|x| x == k);
            if wants(RuleKind::Actor) {
                for a in &set.actors {
                    let r = &a.rule;
                    writeln!(out, "actor\t{}\t{}\t{}\t{}\t{}", r.id.get_ref(), r.actor_type.as_str(), r.code.as_deref().unwrap_or("-"), r.name, r.name_ar)?;
                }
            }
            if wants(RuleKind::Place) {
                for p in &set.places {
                    let r = &p.rule;
                    writeln!(out, "place\t{}\t{}\t{}\t{}\t{}", r.id.get_ref(), r.kind.as_str(), r.country.as_deref().unwrap_or("-"), r.name, r.name_ar)?;
                }
            }
            if wants(RuleKind::Role) {
                for r in &set.roles {
                    writeln!(out, "role\t{}\t{}\t{}", r.rule.id.get_ref(), r.rule.holders.len(), r.rule.aliases.join(" | "))?;
                }
            }
            if wants(RuleKind::Trigger) {
                for t in &set.triggers {
                    let r = &t.rule;
                    writeln!(out, "trigger\t{}\t{}\t{}\t{}", r.id.get_ref(), r.code, r.plover.as_deref().unwrap_or("-"), r.label)?;
                }
            }
        }
        RulesCommand::Show { id, rules } => {
            let set = RuleSet::load(&rules.dirs)?;
            let shown = if let Some(a) = set.actors.iter().find(|a| a.rule.id.get_ref() == &id) {
                format!("{}\n{:#?}", a.source, a.rule)
            } else if let Some(p) = set.places.iter().find(|p| p.rule.id.get_ref() == &id) {
                format!("{}\n{:#?}", p.source, p.rule)
            } else if let Some(r) = set.roles.iter().find(|r| r.rule.id.get_ref() == &id) {
                format!("{}\n{:#?}", r.source, r.rule)
            } else if let Some(t) = set.triggers.iter().find(|t| t.rule.id.get_ref() == &id) {
                format!("{}\n{:#?}", t.source, t.rule)
            } else {
                anyhow::bail!("no actor, place, role or trigger has the id {id:?} (see `libya-news rules list`)");
            };
            writeln!(out, "{shown}")?;
        }
        RulesCommand::Validate { dir } => {
            let set = RuleSet::load(std::slice::from_ref(&dir))?;
            Engine::compile(set)?;
            writeln!(out, "{}: ok", dir.display())?;
        }
        RulesCommand::Names { rules } => {
            let engine = Engine::load(&rules.dirs)?;
            for name in engine.names() {
                writeln!(out, "{name}")?;
            }
        }
    }
    out.flush()?;
    Ok(Exit::Success)
}
