//! The rules stage: tables loaded and validated ([`load`]), then compiled once into an
//! [`Engine`]: plain tables for the extractors and one automaton over every alias.

pub mod inflect;
pub mod load;
pub mod model;

pub use load::{RuleError, RuleSet, Source};
pub use model::{ActorType, PlaceKind};

use crate::extract::dates::DateTagger;
use crate::extract::matcher::{Layer, Lexicon, LexiconBuilder, Payload, TriggerForm};
use crate::normalize::normalize_alias;
use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use std::collections::HashSet;

#[derive(Debug, Clone)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub name_ar: String,
    pub actor_type: ActorType,
    pub code: Option<String>,
    pub affiliation: Option<String>,
    /// An unnamed group: an actor only where it takes part in an event.
    pub generic: bool,
}

#[derive(Debug, Clone)]
pub struct Place {
    pub id: String,
    pub name: String,
    pub name_ar: String,
    pub kind: PlaceKind,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub population: u64,
}

#[derive(Debug, Clone)]
pub struct RoleHolder {
    pub actor: u32,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Clone)]
pub struct Role {
    pub id: String,
    pub holders: Vec<RoleHolder>,
}

impl Role {
    /// Who held the role on `date`.
    pub fn holder_on(&self, date: NaiveDate) -> Option<u32> {
        self.holders.iter().find(|h| h.from <= date && h.to.is_none_or(|to| date <= to)).map(|h| h.actor)
    }
}

#[derive(Debug, Clone)]
pub struct Agent {
    pub id: String,
    pub code: String,
}

#[derive(Debug, Clone)]
pub struct Trigger {
    pub id: String,
    pub code: String,
    pub label: String,
    pub plover: Option<String>,
    /// Normalized prepositions that introduce the target.
    pub target_preps: Vec<String>,
    /// The first actor right after the trigger is the target.
    pub target_object: bool,
    /// The actor in the genitive of the trigger's noun as listed (not a plural made from it) is
    /// the target, not the source ("في استقبال السراج": Sarraj is the guest; "مساعدة حكومة
    /// الوفاق": it is helped; but "مساعدات الاتحاد الأوروبي" are given by it), unless the
    /// noun carries ب ("بمساعدة الناتو": with NATO's help) or ل follows that actor ("دعم
    /// الاتحاد الأوروبي للعملية السياسية").
    pub target_genitive: bool,
    /// The noun's possessive pronoun is the target, not the source ("طردهم": they are driven out).
    pub target_pronoun: bool,
    /// An event even with no source: its forms leave the agent out (see [`model::TriggerRule`]).
    pub agentless: bool,
    /// The trigger these forms read as when no actor is their object (see [`model::TriggerRule`]).
    pub unaddressed: Option<u32>,
    /// The trigger these forms read as when all their targets are civilian (see [`model::TriggerRule`]).
    pub on_civilians: Option<u32>,
    /// The nouns and one-word phrases as listed (normalized): a form ending in a pronoun
    /// ("لقائه", "اجتماعه") that is a listed word plus the pronoun, or a noun form not listed
    /// itself, carries its possessor.
    pub listed_words: Vec<String>,
}

/// Everything the extractors need, compiled once per run and shared by all threads.
pub struct Engine {
    pub actors: Vec<Actor>,
    pub places: Vec<Place>,
    pub roles: Vec<Role>,
    pub agents: Vec<Agent>,
    pub triggers: Vec<Trigger>,
    pub lexicon: Lexicon,
    pub dates: DateTagger,
    pub function_words: rustc_hash::FxHashSet<String>,
    /// ISO codes of the countries the news is about.
    pub scene_countries: Vec<String>,
    /// Normalized definite head nouns that refer back to a named body ("الوزاره").
    pub anaphors: rustc_hash::FxHashSet<String>,
    /// Normalized words for "his/its country" ("بلاده"), standing for the state of the actor
    /// named last before them.
    pub homeland_words: rustc_hash::FxHashSet<String>,
    /// Country code ("FRA") → index of the state actor with that code.
    pub state_by_code: rustc_hash::FxHashMap<String, u32>,
    /// Heads of place and body names after a person ("جامعة", "شارع"), normalized.
    pub named_after_heads: rustc_hash::FxHashSet<String>,
    /// Normalized nouns for people acting for a body ("ممثلون", "وفد").
    pub delegates: rustc_hash::FxHashSet<String>,
    /// Actor id → index into `actors`.
    pub actor_index: rustc_hash::FxHashMap<String, u32>,
    /// Short hash of every table read: scans with different tables are told apart.
    pub version: String,
    pub rules: RuleSet,
}

impl Engine {
    /// Loads the built-in tables plus `user_dirs`, validates and compiles them.
    pub fn load(user_dirs: &[std::path::PathBuf]) -> anyhow::Result<Engine> {
        let rules = RuleSet::load(user_dirs)?;
        Engine::compile(rules)
    }

    pub fn compile(rules: RuleSet) -> anyhow::Result<Engine> {
        let mut lex = LexiconBuilder::default();
        let actor_index: std::collections::HashMap<&str, u32> =
            rules.actors.iter().enumerate().map(|(i, a)| (a.rule.id.get_ref().as_str(), i as u32)).collect();
        let mut actors = Vec::new();
        for (i, s) in rules.actors.iter().enumerate() {
            let r = &s.rule;
            let i = i as u32;
            for alias in std::iter::once(&r.name_ar).chain(&r.aliases) {
                lex.add(&normalize_alias(alias), Layer::Entity, Payload::Actor { actor: i, context_only: false });
            }
            for alias in &r.context_aliases {
                lex.add(&normalize_alias(alias), Layer::Entity, Payload::Actor { actor: i, context_only: true });
            }
            for alias in &r.adjectives {
                lex.add(&normalize_alias(alias), Layer::Entity, Payload::Adjective { state: i });
            }
            for alias in &r.capitals {
                lex.add(&normalize_alias(alias), Layer::Entity, Payload::Capital { state: i });
            }
            actors.push(Actor {
                id: r.id.get_ref().clone(),
                name: r.name.clone(),
                name_ar: r.name_ar.clone(),
                actor_type: r.actor_type,
                code: r.code.clone(),
                affiliation: r.affiliation.clone(),
                generic: r.generic,
            });
        }
        let mut roles = Vec::new();
        for (i, s) in rules.roles.iter().enumerate() {
            for alias in &s.rule.aliases {
                lex.add(&normalize_alias(alias), Layer::Entity, Payload::Role { role: i as u32 });
            }
            let holders = s
                .rule
                .holders
                .iter()
                .filter_map(|h| {
                    Some(RoleHolder {
                        actor: *actor_index.get(h.actor.as_str())?,
                        from: load::parse_rule_date(&h.from)?,
                        to: h.to.as_deref().and_then(load::parse_rule_date),
                    })
                })
                .collect();
            roles.push(Role { id: s.rule.id.get_ref().clone(), holders });
        }
        for s in &rules.titles {
            for alias in &s.rule.aliases {
                lex.add(&normalize_alias(alias), Layer::Entity, Payload::Title);
            }
        }
        for name in &rules.given_names {
            lex.add(&normalize_alias(name), Layer::Entity, Payload::GivenName);
        }
        let mut agents = Vec::new();
        for (i, s) in rules.agents.iter().enumerate() {
            for alias in &s.rule.aliases {
                lex.add(&normalize_alias(alias), Layer::Entity, Payload::Agent { agent: i as u32 });
            }
            agents.push(Agent { id: s.rule.id.get_ref().clone(), code: s.rule.code.clone() });
        }
        let stop: HashSet<String> = rules.place_stops.iter().flat_map(|s| s.rule.names.iter().map(|n| normalize_alias(n))).collect();
        for key in &stop {
            lex.add(key, Layer::Entity, Payload::PlaceStop);
        }
        let mut places = Vec::new();
        for (i, s) in rules.places.iter().enumerate() {
            let r = &s.rule;
            for alias in std::iter::once(&r.name_ar).chain(&r.aliases) {
                let key = normalize_alias(alias);
                if !stop.contains(&key) {
                    lex.add(&key, Layer::Entity, Payload::Place { place: i as u32 });
                }
            }
            for alias in &r.context_aliases {
                lex.add(&normalize_alias(alias), Layer::Entity, Payload::PlaceInContext { place: i as u32 });
            }
            places.push(Place {
                id: r.id.get_ref().clone(),
                name: r.name.clone(),
                name_ar: r.name_ar.clone(),
                kind: r.kind,
                country: r.country.clone(),
                lat: r.lat,
                lon: r.lon,
                population: r.population.unwrap_or(0),
            });
        }
        // Phrases that are no event: in the triggers' layer, so that as the longest match they
        // hide the trigger inside them; a form listed both ways is a stop only.
        let trigger_stops: HashSet<String> = rules.trigger_stops.iter().flat_map(|s| s.rule.phrases.iter().map(|n| normalize_alias(n))).collect();
        for key in &trigger_stops {
            lex.add(key, Layer::Trigger, Payload::TriggerStop);
        }
        let mut triggers = Vec::new();
        for (i, s) in rules.triggers.iter().enumerate() {
            let r = &s.rule;
            let trigger = i as u32;
            let mut add = |forms: Vec<String>, form: TriggerForm| {
                for f in forms.into_iter().filter(|f| !trigger_stops.contains(f)) {
                    lex.add(&f, Layer::Trigger, Payload::Trigger { trigger, form });
                }
            };
            for verb in &r.verbs {
                let mut parts = verb.split('/').map(normalize_alias);
                if let Some(past) = parts.next() {
                    add(inflect::past_forms(&past), TriggerForm::Past);
                }
                if let Some(present) = parts.next() {
                    add(inflect::present_forms(&present), TriggerForm::Present);
                }
            }
            for noun in &r.nouns {
                add(inflect::noun_forms(&normalize_alias(noun)), TriggerForm::Noun);
            }
            for phrase in &r.phrases {
                add(vec![normalize_alias(phrase)], TriggerForm::Phrase);
            }
            for verb in &r.past {
                add(vec![normalize_alias(verb)], TriggerForm::Past);
            }
            for verb in &r.present {
                add(vec![normalize_alias(verb)], TriggerForm::Present);
            }
            for participle in &r.participles {
                add(vec![normalize_alias(participle)], TriggerForm::Participle);
            }
            triggers.push(Trigger {
                id: r.id.get_ref().clone(),
                code: r.code.clone(),
                label: r.label.clone(),
                plover: r.plover.clone(),
                target_preps: r.target.iter().filter(|t| !matches!(t.as_str(), "object" | "genitive" | "pronoun")).map(|t| normalize_alias(t)).collect(),
                target_object: r.target.iter().any(|t| t == "object"),
                target_genitive: r.target.iter().any(|t| t == "genitive"),
                target_pronoun: r.target.iter().any(|t| t == "pronoun"),
                agentless: r.agentless,
                unaddressed: None,
                on_civilians: None,
                listed_words: r.nouns.iter().chain(r.phrases.iter().filter(|p| !p.contains(' '))).map(|n| normalize_alias(n)).collect(),
            });
        }
        // A trigger may name another as its reading without an object, or on civilians:
        // resolved once all are known. (Validation made sure each names another trigger.)
        let position = |triggers: &[Trigger], id: &Option<String>| id.as_ref().and_then(|id| triggers.iter().position(|t| &t.id == id)).map(|k| k as u32);
        for (i, r) in rules.triggers.iter().enumerate() {
            triggers[i].unaddressed = position(&triggers, &r.rule.unaddressed);
            triggers[i].on_civilians = position(&triggers, &r.rule.on_civilians);
        }
        let function_words = rules.function_words.iter().flat_map(|s| s.rule.words.iter().map(|w| normalize_alias(w))).collect();
        let dates = DateTagger::new(&rules.dates).map_err(|e| anyhow::anyhow!("date rules: {e}"))?;
        let mut hasher = Sha256::new();
        for (name, content) in &rules.files {
            hasher.update(name.as_bytes());
            hasher.update([0]);
            hasher.update(content.as_bytes());
        }
        let version = hasher.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect();
        let lexicon = lex.build().map_err(anyhow::Error::msg)?;
        let scene_countries = rules.scene_countries.clone();
        let anaphors = rules.anaphors.iter().map(|w| normalize_alias(w)).collect();
        let homeland_words = rules.homeland_words.iter().map(|w| normalize_alias(w)).collect();
        let state_by_code = actors
            .iter()
            .enumerate()
            .filter(|(_, a)| a.actor_type == ActorType::State)
            .filter_map(|(i, a)| Some((a.code.clone()?, i as u32)))
            .collect();
        let delegates = rules.delegates.iter().map(|w| normalize_alias(w)).collect();
        let named_after_heads = rules.named_after_heads.iter().map(|w| normalize_alias(w)).collect();
        let actor_index = actors.iter().enumerate().map(|(i, a)| (a.id.clone(), i as u32)).collect();
        Ok(Engine { actors, places, roles, agents, triggers, lexicon, dates, function_words, scene_countries, anaphors, homeland_words, state_by_code, delegates, named_after_heads, actor_index, version, rules })
    }

    /// Every alias as written in the tables, sorted and unique: the names ripgrep is given in
    /// the benchmark, and a grep list for users.
    pub fn names(&self) -> Vec<String> {
        let r = &self.rules;
        let mut names: Vec<String> = Vec::new();
        for a in &r.actors {
            names.push(a.rule.name_ar.clone());
            names.extend(a.rule.aliases.iter().chain(&a.rule.context_aliases).chain(&a.rule.capitals).cloned());
        }
        for p in &r.places {
            names.push(p.rule.name_ar.clone());
            names.extend(p.rule.aliases.iter().cloned());
        }
        for role in &r.roles {
            names.extend(role.rule.aliases.iter().cloned());
        }
        let mut names: Vec<String> = names.into_iter().map(|n| n.trim().to_string()).filter(|n| !n.is_empty()).collect();
        names.sort();
        names.dedup();
        names
    }
}
