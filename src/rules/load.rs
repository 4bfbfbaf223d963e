//! Loading and validating rule tables: the built-in files compiled into the binary and any
//! `--rules DIR` folders, read by the same code. Later layers override entries by id.
//! Every problem is reported with file, line and entry; nothing here panics.

use super::model::*;
use crate::normalize::normalize_alias;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// Where an entry was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub file: String,
    pub line: usize,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// A problem in a rule table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub source: Source,
    pub entry: Option<String>,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.entry {
            Some(id) => write!(f, "{}: entry {id:?}: {}", self.source, self.message),
            None => write!(f, "{}: {}", self.source, self.message),
        }
    }
}

impl std::error::Error for RuleError {}

/// An entry and where it came from.
#[derive(Debug, Clone)]
pub struct Sourced<T> {
    pub rule: T,
    pub source: Source,
}

/// All tables after merging the layers, before compilation.
#[derive(Debug, Default)]
pub struct RuleSet {
    pub actors: Vec<Sourced<ActorRule>>,
    pub roles: Vec<Sourced<RoleRule>>,
    pub titles: Vec<Sourced<TitleRule>>,
    pub agents: Vec<Sourced<AgentRule>>,
    pub places: Vec<Sourced<PlaceRule>>,
    pub place_stops: Vec<Sourced<PlaceStop>>,
    pub trigger_stops: Vec<Sourced<TriggerStop>>,
    pub triggers: Vec<Sourced<TriggerRule>>,
    pub function_words: Vec<Sourced<FunctionWords>>,
    pub dates: crate::extract::dates::DateRules,
    pub scene_countries: Vec<String>,
    pub anaphors: Vec<String>,
    pub homeland_words: Vec<String>,
    pub given_names: Vec<String>,
    pub named_after_heads: Vec<String>,
    pub delegates: Vec<String>,
    /// (file name without its folder, contents) of every table read, for the rules version hash.
    pub files: Vec<(String, String)>,
}

fn line_of(content: &str, byte: usize) -> usize {
    content[..byte.min(content.len())].bytes().filter(|&b| b == b'\n').count() + 1
}

/// Line numbers for many byte offsets of one file, without rescanning it each time.
struct Lines(Vec<usize>);

impl Lines {
    fn new(content: &str) -> Self {
        Lines(content.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i).collect())
    }

    fn line(&self, byte: usize) -> usize {
        self.0.partition_point(|&nl| nl < byte) + 1
    }
}

/// Parses one file's text. `name` is what errors call the file.
pub fn parse_file(name: &str, content: &str) -> Result<RuleFile, RuleError> {
    toml::from_str::<RuleFile>(content).map_err(|e| RuleError {
        source: Source { file: name.to_string(), line: e.span().map_or(1, |s| line_of(content, s.start)) },
        entry: None,
        message: e.message().trim().to_string(),
    })
}

/// One layer: the built-ins, or one user folder. Ids must be unique within a layer.
#[derive(Default)]
struct Layer {
    set: RuleSet,
}

macro_rules! take_with_ids {
    ($layer:expr, $field:ident, $items:expr, $name:expr, $content:expr, $seen:expr, $kind:literal) => {
        for rule in $items {
            let source = Source { file: $name.to_string(), line: $content.line(rule.id.span().start) };
            let id = rule.id.get_ref().clone();
            if let Some(first) = $seen.insert(($kind, id.clone()), source.clone()) {
                return Err(RuleError { source, entry: Some(id), message: format!("duplicate {} id (first at {first})", $kind) });
            }
            $layer.set.$field.push(Sourced { rule, source });
        }
    };
}

impl Layer {
    fn add_file(&mut self, name: &str, content: &str, seen: &mut HashMap<(&'static str, String), Source>) -> Result<(), RuleError> {
        let file = parse_file(name, content)?;
        let lines = Lines::new(content);
        take_with_ids!(self, actors, file.actor, name, lines, seen, "actor");
        take_with_ids!(self, roles, file.role, name, lines, seen, "role");
        take_with_ids!(self, agents, file.agent, name, lines, seen, "agent");
        take_with_ids!(self, places, file.place, name, lines, seen, "place");
        take_with_ids!(self, triggers, file.trigger, name, lines, seen, "trigger");
        let whole = Source { file: name.to_string(), line: 1 };
        self.set.titles.extend(file.title.into_iter().map(|rule| Sourced { rule, source: whole.clone() }));
        self.set.place_stops.extend(file.place_stop.into_iter().map(|rule| Sourced { rule, source: whole.clone() }));
        self.set.trigger_stops.extend(file.trigger_stop.into_iter().map(|rule| Sourced { rule, source: whole.clone() }));
        self.set.function_words.extend(file.function_words.into_iter().map(|rule| Sourced { rule, source: whole.clone() }));
        self.set.scene_countries.extend(file.scene_countries);
        self.set.anaphors.extend(file.anaphors);
        self.set.homeland_words.extend(file.homeland_words);
        self.set.given_names.extend(file.given_names);
        self.set.named_after_heads.extend(file.named_after_heads);
        self.set.delegates.extend(file.delegates);
        if let Some(dates) = file.dates {
            self.set.dates.merge(dates);
        }
        // The version hashes the file's name, not its folder: the same tables unpacked into
        // another directory (a Spark executor, a CI runner) are the same version.
        let file_name = std::path::Path::new(name).file_name().map_or(name.into(), |f| f.to_string_lossy());
        self.set.files.push((file_name.into_owned(), content.to_string()));
        Ok(())
    }
}

/// Replaces entries of `base` whose id reappears in `over`, then appends the new ones.
fn override_by_id<T, F: Fn(&T) -> &str>(base: &mut Vec<Sourced<T>>, over: Vec<Sourced<T>>, id: F) {
    let index: HashMap<String, usize> = base.iter().enumerate().map(|(i, s)| (id(&s.rule).to_string(), i)).collect();
    for item in over {
        match index.get(id(&item.rule)) {
            Some(&i) => base[i] = item,
            None => base.push(item),
        }
    }
}

impl RuleSet {
    /// The built-in tables.
    pub fn builtin() -> Result<RuleSet, RuleError> {
        let mut layer = Layer::default();
        let mut seen = HashMap::new();
        for (name, content) in BUILTIN_RULES {
            layer.add_file(&format!("rules/{name}"), content, &mut seen)?;
        }
        Ok(layer.set)
    }

    /// Reads every `*.toml` in `dir` (sorted) as one layer.
    pub fn read_dir(dir: &Path) -> Result<RuleSet, RuleError> {
        let fail = |message: String| RuleError { source: Source { file: dir.display().to_string(), line: 0 }, entry: None, message };
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map_err(|e| fail(format!("cannot read rules folder: {e}")))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(fail("no *.toml rule files in this folder".into()));
        }
        let mut layer = Layer::default();
        let mut seen = HashMap::new();
        for path in files {
            let name = path.display().to_string();
            let content = std::fs::read_to_string(&path).map_err(|e| RuleError {
                source: Source { file: name.clone(), line: 0 },
                entry: None,
                message: format!("cannot read: {e}"),
            })?;
            layer.add_file(&name, &content, &mut seen)?;
        }
        Ok(layer.set)
    }

    /// Lays `over` on top of `self`: same ids replace, new ids add.
    pub fn overlay(&mut self, over: RuleSet) {
        override_by_id(&mut self.actors, over.actors, |r| r.id.get_ref());
        override_by_id(&mut self.roles, over.roles, |r| r.id.get_ref());
        override_by_id(&mut self.agents, over.agents, |r| r.id.get_ref());
        override_by_id(&mut self.places, over.places, |r| r.id.get_ref());
        override_by_id(&mut self.triggers, over.triggers, |r| r.id.get_ref());
        self.titles.extend(over.titles);
        self.place_stops.extend(over.place_stops);
        self.trigger_stops.extend(over.trigger_stops);
        self.function_words.extend(over.function_words);
        self.dates.merge(over.dates);
        self.scene_countries.extend(over.scene_countries);
        self.anaphors.extend(over.anaphors);
        self.homeland_words.extend(over.homeland_words);
        self.given_names.extend(over.given_names);
        self.named_after_heads.extend(over.named_after_heads);
        self.delegates.extend(over.delegates);
        self.files.extend(over.files);
    }

    /// Built-ins plus the user's folders, in order.
    pub fn load(user_dirs: &[std::path::PathBuf]) -> Result<RuleSet, RuleError> {
        let mut set = RuleSet::builtin()?;
        for dir in user_dirs {
            set.overlay(RuleSet::read_dir(dir)?);
        }
        set.validate()?;
        Ok(set)
    }

    /// Checks what parsing cannot: empty aliases, aliases two actors share, dangling ids,
    /// malformed codes and dates.
    pub fn validate(&self) -> Result<(), RuleError> {
        let err = |s: &Source, id: &str, message: String| RuleError { source: s.clone(), entry: Some(id.to_string()), message };
        let actor_ids: HashMap<&str, &Source> = self.actors.iter().map(|a| (a.rule.id.get_ref().as_str(), &a.source)).collect();
        let mut alias_owner: BTreeMap<String, (&str, &Source)> = BTreeMap::new();
        for a in &self.actors {
            let id = a.rule.id.get_ref().as_str();
            check_id(id).map_err(|m| err(&a.source, id, m))?;
            // The name and aliases are normalized once, for the emptiness check and for their owner.
            let keys: Vec<(&String, String)> = std::iter::once(&a.rule.name_ar).chain(&a.rule.aliases).map(|alias| (alias, normalize_alias(alias))).collect();
            let empty = keys.iter().find(|(_, key)| key.is_empty()).map(|(alias, _)| *alias);
            let others = || a.rule.context_aliases.iter().chain(&a.rule.adjectives).chain(&a.rule.capitals).find(|alias| normalize_alias(alias).is_empty());
            if let Some(alias) = empty.or_else(others) {
                return Err(err(&a.source, id, format!("alias {alias:?} is empty after normalization")));
            }
            for (alias, key) in keys {
                if let Some((other, other_source)) = alias_owner.get(&key) {
                    if *other != id {
                        return Err(err(&a.source, id, format!(
                            "alias {alias:?} normalizes to {key:?}, which is already an alias of {other:?} ({other_source}); \
                             move one to context_aliases or drop it")));
                    }
                }
                alias_owner.insert(key, (id, &a.source));
            }
            if let Some(aff) = &a.rule.affiliation {
                if !actor_ids.contains_key(aff.as_str()) {
                    return Err(err(&a.source, id, format!("affiliation {aff:?} is not an actor id")));
                }
            }
            if a.rule.actor_type != ActorType::State && !(a.rule.adjectives.is_empty() && a.rule.capitals.is_empty()) {
                return Err(err(&a.source, id, "only states have adjectives and capitals".into()));
            }
        }
        for r in &self.roles {
            let id = r.rule.id.get_ref().as_str();
            for alias in &r.rule.aliases {
                let key = normalize_alias(alias);
                if key.is_empty() {
                    return Err(err(&r.source, id, format!("alias {alias:?} is empty after normalization")));
                }
                if let Some((other, _)) = alias_owner.get(&key) {
                    return Err(err(&r.source, id, format!("role alias {alias:?} is also an alias of actor {other:?}")));
                }
            }
            for h in &r.rule.holders {
                if !actor_ids.contains_key(h.actor.as_str()) {
                    return Err(err(&r.source, id, format!("holder {:?} is not an actor id", h.actor)));
                }
                for d in std::iter::once(&h.from).chain(h.to.iter()) {
                    parse_rule_date(d).ok_or_else(|| err(&r.source, id, format!("date {d:?} is not YYYY-MM-DD or YYYY-MM")))?;
                }
            }
        }
        for t in &self.titles {
            if let Some(alias) = t.rule.aliases.iter().find(|x| normalize_alias(x).is_empty()) {
                return Err(err(&t.source, "title", format!("alias {alias:?} is empty after normalization")));
            }
        }
        for a in &self.agents {
            let id = a.rule.id.get_ref().as_str();
            if a.rule.aliases.iter().any(|x| normalize_alias(x).is_empty()) {
                return Err(err(&a.source, id, "empty alias".into()));
            }
        }
        for p in &self.places {
            let id = p.rule.id.get_ref().as_str();
            for alias in std::iter::once(&p.rule.name_ar).chain(&p.rule.aliases) {
                if normalize_alias(alias).is_empty() {
                    return Err(err(&p.source, id, format!("alias {alias:?} is empty after normalization")));
                }
            }
            if let (Some(lat), Some(lon)) = (p.rule.lat, p.rule.lon) {
                if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
                    return Err(err(&p.source, id, format!("coordinates out of range: {lat}, {lon}")));
                }
            }
        }
        let trigger_ids: std::collections::HashSet<&str> = self.triggers.iter().map(|t| t.rule.id.get_ref().as_str()).collect();
        for t in &self.triggers {
            let id = t.rule.id.get_ref().as_str();
            for (field, other) in [("unaddressed", &t.rule.unaddressed), ("on_civilians", &t.rule.on_civilians)] {
                if let Some(other) = other.as_deref().filter(|other| !trigger_ids.contains(other) || *other == id) {
                    return Err(err(&t.source, id, format!("{field} = {other:?} must name another trigger")));
                }
            }
            let code = &t.rule.code;
            if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err(&t.source, id, format!("CAMEO code {code:?} must be 2 to 4 digits")));
            }
            if [&t.rule.verbs, &t.rule.nouns, &t.rule.phrases, &t.rule.past, &t.rule.present, &t.rule.participles].iter().all(|forms| forms.is_empty()) {
                return Err(err(&t.source, id, "a trigger needs verbs, nouns, phrases, past, present or participle forms".into()));
            }
            for v in &t.rule.verbs {
                let parts: Vec<_> = v.split('/').collect();
                if parts.len() > 2 || parts.iter().any(|p| normalize_alias(p).is_empty()) {
                    return Err(err(&t.source, id, format!("verb {v:?} must be \"past/present\"")));
                }
            }
            for f in t.rule.nouns.iter().chain(&t.rule.phrases).chain(&t.rule.past).chain(&t.rule.present).chain(&t.rule.participles) {
                if normalize_alias(f).is_empty() {
                    return Err(err(&t.source, id, format!("form {f:?} is empty after normalization")));
                }
            }
        }
        self.dates.validate().map_err(|m| RuleError { source: Source { file: "rules (dates)".into(), line: 0 }, entry: None, message: m })?;
        Ok(())
    }
}

fn check_id(id: &str) -> Result<(), String> {
    if id.is_empty() || id.starts_with("new:") || id.chars().any(char::is_whitespace) {
        return Err(format!("id {id:?} must be non-empty, without spaces, and not start with \"new:\""));
    }
    Ok(())
}

/// `YYYY-MM-DD` or `YYYY-MM` (the first of the month).
pub fn parse_rule_date(s: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .or_else(|| chrono::NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d").ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_tables_load_and_validate() {
        let set = RuleSet::load(&[]).unwrap_or_else(|e| panic!("built-in rules are broken: {e}"));
        assert!(!set.actors.is_empty());
    }

    #[test]
    fn syntax_errors_name_file_and_line() {
        let e = parse_file("x.toml", "[[actor]]\nid = \"a\"\ntype = \"person\"\nname = 3\n").unwrap_err();
        assert_eq!(e.source.line, 4, "{e}");
        let e = parse_file("x.toml", "[[actor]]\nid = \"a\"\nbogus = 1\n").unwrap_err();
        assert!(e.to_string().contains("bogus"), "{e}");
    }

    fn layer(content: &str) -> Result<RuleSet, RuleError> {
        let mut l = Layer::default();
        l.add_file("t.toml", content, &mut HashMap::new())?;
        Ok(l.set)
    }

    #[test]
    fn duplicate_ids_are_errors() {
        let toml = "[[actor]]\nid='a'\ntype='person'\nname='A'\nname_ar='ا ب'\n\n[[actor]]\nid='a'\ntype='person'\nname='B'\nname_ar='ج د'\n";
        let e = layer(toml).err().unwrap();
        assert_eq!((e.source.line, e.entry.as_deref()), (8, Some("a")), "{e}");
    }

    #[test]
    fn shared_aliases_and_empty_aliases_are_errors() {
        let toml = "[[actor]]\nid='a'\ntype='person'\nname='A'\nname_ar='فائز'\n[[actor]]\nid='b'\ntype='person'\nname='B'\nname_ar='فايز'\n";
        let e = layer(toml).unwrap().validate().unwrap_err();
        assert!(e.message.contains("already an alias of \"a\""), "{e}");
        let toml = "[[actor]]\nid='a'\ntype='person'\nname='A'\nname_ar='حفتر'\naliases=['ـَ']\n";
        let e = layer(toml).unwrap().validate().unwrap_err();
        assert!(e.message.contains("empty after normalization"), "{e}");
    }

    #[test]
    fn later_layers_override_by_id() {
        let mut base = layer("[[actor]]\nid='a'\ntype='person'\nname='A'\nname_ar='الف'\n").unwrap();
        base.overlay(layer("[[actor]]\nid='a'\ntype='person'\nname='A2'\nname_ar='الف'\n[[actor]]\nid='b'\ntype='state'\nname='B'\nname_ar='باء'\n").unwrap());
        let names: Vec<_> = base.actors.iter().map(|a| a.rule.name.as_str()).collect();
        assert_eq!(names, vec!["A2", "B"]);
    }

    #[test]
    fn unaddressed_must_name_another_trigger() {
        let e = layer("[[trigger]]\nid='t'\ncode='130'\nlabel='x'\nverbs=['حذر/يحذر']\nunaddressed='nobody'\n").unwrap().validate().unwrap_err();
        assert!(e.message.contains("nobody"), "{e}");
        let e = layer("[[trigger]]\nid='t'\ncode='190'\nlabel='x'\nverbs=['هاجم/يهاجم']\non_civilians='t'\n").unwrap().validate().unwrap_err();
        assert!(e.message.contains("on_civilians"), "{e}");
    }

    #[test]
    fn bad_trigger_codes_are_errors() {
        let e = layer("[[trigger]]\nid='t'\ncode='4a'\nlabel='x'\nverbs=['اجتمع/يجتمع']\n").unwrap().validate().unwrap_err();
        assert!(e.message.contains("2 to 4 digits"), "{e}");
    }
}
