//! The rule tables as written in TOML (see docs/RULES-FORMAT.md). Unknown fields are errors,
//! so a typo in a table is caught at load time with its file and line.

use serde::Deserialize;
use toml::Spanned;

/// One rule file: any mix of the sections below.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    #[serde(default)]
    pub actor: Vec<ActorRule>,
    #[serde(default)]
    pub role: Vec<RoleRule>,
    #[serde(default)]
    pub title: Vec<TitleRule>,
    #[serde(default)]
    pub agent: Vec<AgentRule>,
    #[serde(default)]
    pub place: Vec<PlaceRule>,
    #[serde(default)]
    pub place_stop: Vec<PlaceStop>,
    #[serde(default)]
    pub trigger: Vec<TriggerRule>,
    #[serde(default)]
    pub trigger_stop: Vec<TriggerStop>,
    #[serde(default)]
    pub function_words: Vec<FunctionWords>,
    pub dates: Option<crate::extract::dates::DateRules>,
    /// ISO codes of the countries the news is about (Libya): named there, a country is the
    /// scene of events and acts only as a verb's subject.
    #[serde(default)]
    pub scene_countries: Vec<String>,
    /// Definite head nouns that stand for the last body named with that head ("الوزارة"
    /// after "وزارة الخارجية التونسية"): who acts in an event.
    #[serde(default)]
    pub anaphors: Vec<String>,
    /// Words for "his/its country" ("بلاده"): the state of the last actor named before them
    /// ("قال لودريان إن بلاده ترفض التدخل": France refuses).
    #[serde(default)]
    pub homeland_words: Vec<String>,
    /// Nouns for people who act for a body ("ممثلون عن", "وفد من"): "اجتمع ممثلون عن X" makes X
    /// the subject, across the preposition.
    #[serde(default)]
    pub delegates: Vec<String>,
    /// Given names ("محمد", "عبد الله", "ستيفاني"): one followed by name words is a person the
    /// tables do not know ("وليد الكسيكسي").
    #[serde(default)]
    pub given_names: Vec<String>,
    /// Words before which a given name and its name words name a place or a body after a
    /// person ("جامعة عمر المختار"), not the person.
    #[serde(default)]
    pub named_after_heads: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum ActorType {
    Person,
    Organization,
    ArmedGroup,
    State,
    Media,
    Other,
}

impl ActorType {
    pub fn as_str(self) -> &'static str {
        match self {
            ActorType::Person => "person",
            ActorType::Organization => "organization",
            ActorType::ArmedGroup => "armed_group",
            ActorType::State => "state",
            ActorType::Media => "media",
            ActorType::Other => "other",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorRule {
    pub id: Spanned<String>,
    #[serde(rename = "type")]
    pub actor_type: ActorType,
    pub name: String,
    pub name_ar: String,
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub context_aliases: Vec<String>,
    #[serde(default)]
    pub affiliation: Option<String>,
    /// An unnamed group ("الميليشيات", "مصادر دبلوماسية"): reported only where it takes part
    /// in an event, since the guidelines make such groups optional actors.
    #[serde(default)]
    pub generic: bool,
    #[serde(default)]
    pub adjectives: Vec<String>,
    #[serde(default)]
    pub capitals: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub examples: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleRule {
    pub id: Spanned<String>,
    pub aliases: Vec<String>,
    #[serde(default)]
    pub holders: Vec<RoleHolder>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleHolder {
    pub actor: String,
    pub from: String,
    #[serde(default)]
    pub to: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleRule {
    pub aliases: Vec<String>,
}

/// Generic agent nouns (القوات, الحكومة): a state adjective after one makes a coded state
/// actor ("القوات التركية" → Turkey, TURMIL), as PETRARCH's agent dictionaries do.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgentRule {
    pub id: Spanned<String>,
    /// The CAMEO role code appended to the state's country code (MIL, GOV, …).
    pub code: String,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    Country,
    Region,
    City,
    Facility,
    Continent,
    Other,
}

impl PlaceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Country => "country",
            PlaceKind::Region => "region",
            PlaceKind::City => "city",
            PlaceKind::Facility => "facility",
            PlaceKind::Continent => "continent",
            PlaceKind::Other => "other",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceRule {
    pub id: Spanned<String>,
    pub name: String,
    pub name_ar: String,
    pub kind: PlaceKind,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub lat: Option<f64>,
    #[serde(default)]
    pub lon: Option<f64>,
    #[serde(default)]
    pub population: Option<u64>,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Names that are a place only in context ("الشرق" for eastern Libya): after a preposition
    /// or و, in an article that names another place of the same country.
    #[serde(default)]
    pub context_aliases: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceStop {
    pub names: Vec<String>,
}

/// Phrases that hold a trigger's word in a sense that is no event ("إغلاق ملف": closing a case,
/// not a blockade): as the longest match they keep the shorter trigger inside from matching.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TriggerStop {
    pub phrases: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TriggerRule {
    pub id: Spanned<String>,
    pub code: String,
    pub label: String,
    #[serde(default)]
    pub plover: Option<String>,
    #[serde(default)]
    pub verbs: Vec<String>,
    #[serde(default)]
    pub nouns: Vec<String>,
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Literal verb forms, matched as written: a phrase opened by a finite verb ("هنأت",
    /// "أطلق سراح") finds its subject as a verb does, before it or after it over titles.
    #[serde(default)]
    pub past: Vec<String>,
    #[serde(default)]
    pub present: Vec<String>,
    /// Circumstantial participles ("مؤكدا", "مطالبا"): they say what the subject of the
    /// sentence's main verb did while doing it, so that subject is theirs.
    #[serde(default)]
    pub participles: Vec<String>,
    #[serde(default)]
    pub target: Vec<String>,
    /// The forms say what happened but leave out who did it ("سقوط قذائف", "انفجار سيارة
    /// مفخخة"): an event even when no source is found.
    #[serde(default)]
    pub agentless: bool,
    /// The trigger (by id) these forms read as when no actor is their object: a warning
    /// addressed to no one ("حذر من خطر …") is a pessimistic comment, not a threat.
    #[serde(default)]
    pub unaddressed: Option<String>,
    /// The trigger (by id) these forms read as when every target is civilian (an institution,
    /// a person who commands no armed group, a group of civilians): an armed attack on the oil
    /// corporation is an assault (18), not a battle (19).
    #[serde(default)]
    pub on_civilians: Option<String>,
    #[serde(default)]
    pub examples: Vec<String>,
}

/// Words that never start or continue a name (prepositions, particles, reporting verbs): they
/// stop the unknown-person pattern after a title.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FunctionWords {
    pub words: Vec<String>,
}
