//! Events: who did what to whom, where and when, coded in CAMEO.
//!
//! Per trigger (a verb, verbal noun or phrase from the trigger table) in a sentence:
//! - source: for a verb, the actor right after it (VSO) or right before it (SVO), else the
//!   speaker of its sentence; for a noun, its possessor ("زيارة أردوغان", "قصف قوات حفتر"),
//!   else the subject of its clause or the nearest actor before it; "من قبل X" (passive, also
//!   "من جانب X", "من طرف X", also over a quantity: "من قبل عدد من X") close after the trigger names the source; "اشتباكات بين X و Y" makes X the source and Y
//!   the target (X may be named twice in a row, the بين up to five words on); subjects joined by و
//!   ("دعت فرنسا والولايات المتحدة"), also a person joined over his title ("السراج والعميد
//!   أحمد المسماري") or a body's people ("وقيادات من الجيش"), are all sources and none is the verb's object; "هجوم شنه X" makes X the source, and
//!   "تعرض X لهجوم", "إصابة X بإطلاق نار" make X the target, as does the genitive of an arrest,
//!   abduction or bombing ("اعتقال سيف الإسلام", "تفجير القنصلية");
//! - a pronoun subject ("قال إنه يطالب …", "وأنهما هددا"), a verb carrying an object pronoun
//!   ("اتهمها") and a verb opening its sentence with no subject after it ("وحذر من …") have no
//!   subject of their own: the source is the speaker of the sentence, else the last source named
//!   before it (the topic), and an object pronoun's target is the actor named just before the verb;
//! - a circumstantial participle ("مؤكدا أن", "مطالبا بـ", from the `participles` forms) has the
//!   subject of its sentence's main verb: the last actor acting before it in the sentence, else
//!   the sentence's first actor outside a preposition, else the last speaker;
//! - a present verb right after a content word ("أوروبا تدعو X", "حراس … يضربون X") continues
//!   that word's clause: X is its object, not a VSO subject;
//! - a reporting verb's subject may stand after long titles: the last name before إن/أن;
//! - what someone is accused of ("يتهم تركيا بدعم") is not an event, and a verbal noun with no
//!   agent of its own takes neither the speaker of its sentence nor, right after إن/أن, an
//!   earlier clause's subject; "بدعوة من X" makes X the agent, and after ب so does "بطلب من X"
//!   even where من names the trigger's target;
//! - a noun in what was said, where that has a definite subject the tables do not know ("قال
//!   صبرا إن سلاح الطيران … نفذ ضربة جوية"), is that subject's doing: it takes neither the
//!   speaker nor an earlier subject, unless saying it is the act (appeals, demands, accusations,
//!   rejections, threats, protests: "أن المهاجمين مرتبطون بداعش" accuses);
//! - a verbal noun after a frame noun ("حادثة اختطاف الطائرة", "ملف المختطفين", "فشل المساعي")
//!   names a matter the clause is about: it takes no subject from its clause;
//! - a verbal noun after a passive auxiliary ("أنه تم الإفراج عن", "جرى الاتفاق") has its
//!   agent unsaid: it takes neither its clause's subject nor the speaker, only "من قبل X";
//! - a noun governed by a preposition ("على دعم"; a verb form reads as the noun there) takes no
//!   subject from an earlier clause: it is a circumstance of another predicate;
//! - a noun carrying a possessive pronoun ("لدى اجتماعه", "خلال زيارتها") belongs to the actor
//!   named last before it in the sentence, else to the topic (not for coercion, assault and
//!   release, whose possessor suffers them: "اعتقاله", "إطلاق سراحه");
//! - a definite head noun from the `anaphors` table ("وثمنت الوزارة") stands for the last body
//!   the article named with that head, and a word of the `homeland_words` table opening a
//!   reported clause ("إن بلاده ترفض") for the state of the last actor named in its sentence;
//! - a delegate noun from the `delegates` table carries its body to the subject ("اجتمع ممثلون
//!   عن المجالس البلدية"), and "بمشاركة X" after a noun names who took part in it;
//! - an actor right after an indefinite noun is its genitive, not the subject ("حض محامي
//!   ساركوزي": the lawyer urges), unless the noun is an adverb, a forces word or a delegate;
//! - a title and its adjectives may stand between a verb and its subject ("أعلن اللواء الليبي
//!   المتقاعد خليفة حفتر"); after إن/أن the subject comes first and its verb a few words later
//!   ("إن ميليشيات سرايا بنغازي وأخرى …، تعاونت");
//! - a word whose original spelling ends in ة or opens with إ is a noun, never a verb ("سيطرة",
//!   "حذرة", "إدانتها"), though normalized it reads like a verb with an object pronoun;
//! - a verb marked plural ("اقتحموا", "يتهمون") has its subject before it or in its pronoun,
//!   never after it (verb-first, the verb stays singular) and never one person; after كما or ثم
//!   a verb with no subject of its own shares the one before;
//! - what a speaker reports does not become the topic: later pronoun subjects go on with the
//!   speaker, and take a commander himself, not the forces one of his attacks was given to;
//! - an unnamed group (`generic` in the tables) is a source only where the grammar says so, or
//!   where no named actor precedes the trigger;
//! - a trigger with the purpose ل ("لدعم", "للاتفاق على") is an intention, and a verb right
//!   after a relative pronoun ("التي تدعمها") describes a noun, and a noun after إلى, a
//!   condition word or ضرورة ("دعا إلى انسحاب", "بشرط وقف", "ضرورة وقف") is what another
//!   event asks for: none is an event of its own, nor is one under a condition ("إذا حاولت
//!   مهاجمة", "في حال هاجم");
//! - target: the actor introduced by one of the trigger's prepositions, or for `object`
//!   triggers the first other actor after it;
//! - places: places in the sentence; date: a date in the sentence, else the article's
//!   reference date for a past-tense verb;
//! - negation (لم لن لا ما ليس عدم نفي) sets `negated`;
//! - reporting verbs (code 01x) give an event only when the sentence has no other one and the
//!   speaker stands next to the verb, so plain statements do not crowd out what was said; an
//!   event with no source of its own takes the speaker of a reporting verb before it in its
//!   sentence;
//! - force is used by forces: for shows of force, coercion, assaults and fighting (CAMEO 15,
//!   17, 18, 19, 20) a commander named as source stands for the armed group he belongs to
//!   ("قصف حفتر" → the LNA), as the guidelines code "قوات حفتر"; after a forces word, over any
//!   titles ("لقوات القائد المشير خليفة حفتر"), he is that group as source or target of any
//!   event; either only where the article names the group;
//! - unnamed members of a named group ("متشددون من تنظيم داعش") act as that group, and an
//!   unnamed subject said to belong to a body ("طائرات حربية تابعة للجيش") acts for that body;
//! - media outlets cited as sources ("لـ رويترز") never act;
//! - a trigger with an `unaddressed` reading takes it where no actor is its direct object: a
//!   warning to no one ("حذر لودريان من خطر تدفق المقاتلين") is a comment, not a threat;
//!   one with an `on_civilians` reading takes it where every target is civilian (no armed
//!   group, state, armed sector or member of an armed group): "هاجم مسلحون مقر المؤسسة
//!   الوطنية للنفط" is an assault (18), not a battle (19);
//! - an event needs a source: an action nobody is said to take is background, not an event,
//!   except where the trigger's forms leave the agent out (`agentless`: "سقوط قذائف", "انفجار
//!   سيارة مفخخة"): the shelling or the bombing happened, by whoever (not by the speaker who
//!   tells of it, nor to him: who suffered it is named in what he said);
//! - a verbal noun that is the object or genitive of another trigger ("أدان المجلس الهجوم",
//!   "إدانة الهجوم"), or follows a denial in its clause ("نفت مسؤوليتها عن الهجوم"), is what was
//!   condemned or denied, not an act of the clause's subject;
//! - a definite verbal noun with no agent of its own ("اللقاء", "المحادثات") retells an event of
//!   the same root told earlier in the article: it is one more mention of it;
//! - the same root by the same source again in the article is one event with more mentions
//!   (a new target makes a new event: two calls to two people are two events; so do two verbs
//!   of one sentence, "قصفت … ثم هاجمت"), and an actor right before a verb carrying و/ف ends
//!   the clause before: it is not that verb's subject.

use super::matcher::{Hit, Layer, Payload, TriggerForm};
use super::{Analysis, Document, FoundEvent, Mention, Span};
use crate::rules::Engine;
use crate::segment::Sentence;
use chrono::NaiveDate;
use std::cell::OnceCell;

/// The CAMEO code of denying responsibility ("نفى مسؤوليته عن").
const DENIAL_CODE: &str = "016";

/// CAMEO roots of asking and threatening: appeals, demands, threats. What follows their ب is
/// what is asked for or threatened, not yet done.
const ASKING_ROOTS: &[&str] = &["02", "10", "13"];

/// CAMEO roots whose actions armed forces carry out.
const FORCE_ROOTS: &[&str] = &["15", "17", "18", "19", "20"];

/// The armed group a person belongs to (the table's `affiliation`), if the article names it:
/// an event's actors are the article's actors.
fn commanded_group(engine: &Engine, analysis: &Analysis, id: &str) -> Option<String> {
    let actor = &engine.actors[*engine.actor_index.get(id)? as usize];
    if actor.actor_type != crate::rules::ActorType::Person {
        return None;
    }
    let group = &engine.actors[*engine.actor_index.get(actor.affiliation.as_deref()?)? as usize];
    let named = analysis.actor_spans.iter().any(|s| s.id == group.id);
    (group.actor_type == crate::rules::ActorType::ArmedGroup && named).then(|| group.id.clone())
}

/// CAMEO sectors of armed actors: military, police, rebels, unidentified armed forces,
/// radicals, insurgents, intelligence.
const ARMED_SECTORS: &[&str] = &["MIL", "COP", "REB", "UAF", "RAD", "INS", "SPY"];

/// Whether there are targets and every one is civilian: an institution or civilians, or a
/// person, not an armed group, a state, an armed sector (police, rebels) or a member of an
/// armed group.
fn civilian(engine: &Engine, targets: &[String]) -> bool {
    use crate::rules::ActorType;
    let armed = |actor: &crate::rules::Actor| actor.code.as_deref().is_some_and(|c| ARMED_SECTORS.iter().any(|s| c.contains(s)));
    !targets.is_empty()
        && targets.iter().all(|id| {
            engine.actor_index.get(id.as_str()).is_some_and(|&i| {
                let actor = &engine.actors[i as usize];
                let member_of_armed_group = actor
                    .affiliation
                    .as_deref()
                    .and_then(|g| engine.actor_index.get(g))
                    .is_some_and(|&g| engine.actors[g as usize].actor_type == ActorType::ArmedGroup || armed(&engine.actors[g as usize]));
                matches!(actor.actor_type, ActorType::Organization | ActorType::Other | ActorType::Media | ActorType::Person) && !armed(actor) && !member_of_armed_group
            })
        })
}

/// The targets of one mention as the events they make: one per target, except that unnamed
/// groups of one type (`generic` in the tables, "المليشيات والكتائب") join the first of them.
fn group_unnamed_of_a_kind(engine: &Engine, targets: Vec<String>) -> Vec<Vec<String>> {
    let unnamed_type = |id: &str| {
        engine.actor_index.get(id).map(|&i| &engine.actors[i as usize]).filter(|a| a.generic).map(|a| a.actor_type)
    };
    let mut groups: Vec<Vec<String>> = Vec::with_capacity(targets.len());
    for target in targets {
        let kind = unnamed_type(&target);
        match groups.iter_mut().find(|g| kind.is_some() && unnamed_type(&g[0]) == kind) {
            Some(group) => group.push(target),
            None => groups.push(vec![target]),
        }
    }
    groups
}

/// Whether a trigger noun carries the article: "الاجتماع" is "اجتماع" made definite, but the ال
/// of "التزامه" belongs to the word, whose rest ("تزامه") is no trigger.
fn definite(engine: &Engine, trigger_text: &str) -> bool {
    let Some(rest) = trigger_text.strip_prefix("ال") else { return false };
    let first_word = rest.split(' ').next().unwrap_or(rest);
    engine.lexicon.whole_text_hit(first_word, super::matcher::Layer::Trigger).is_some()
}

/// Words that deny the verb they stand before.
const NEGATIONS: &[&str] = &["لم", "لن", "لا", "ما", "ليس", "ليست", "ليسوا", "لست", "لسنا", "عدم", "دون", "بدون", "غير", "نفي", "نفت", "ينفي", "تنفي"];
/// Relative pronouns (normalized): a verb right after one describes its noun.
const RELATIVE_PRONOUNS: &[&str] = &["الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان", "اللواتي", "اللاتي"];
/// Words after which a verbal noun is a goal, a condition or a necessity ("إلى", "بشرط",
/// "ضرورة"), normalized.
const GOAL_WORDS: &[&str] = &["الي", "بشرط", "شريطه", "شرط", "ضروره", "بضروره"];
/// Launch verbs: after an event noun, with or without a pronoun for it, they introduce who
/// carried it out ("هجوم شنه X", together with [`LAUNCH_VERBS`]).
const AGENT_VERBS: &[&str] = &["شنه", "شنها", "شنته", "شنتها", "شنوه", "نفذه", "نفذها", "نفذته", "نفذتها", "نفذوه"];
/// The launch verbs without an object pronoun: after an event noun they introduce its agent,
/// and before one they stand for its verb ("نفذ ضربة جوية").
const LAUNCH_VERBS: &[&str] = &["شن", "شنت", "شنوا", "نفذ", "نفذت", "نفذوا"];
/// Forms of تعرض ("to suffer, be subjected to"), normalized: the noun after them, with its ل,
/// happened to their subject ("تعرض موكب السراج لهجوم"); that ل is the verb's, not a purpose.
/// (Without proclitics: "وتعرض" and "لتعرض" are read through them.)
const SUBJECTED_WORDS: &[&str] = &["تعرض", "تعرضت", "يتعرض", "تتعرض", "يتعرضون", "تعرضوا", "تعرضه", "تعرضها"];
/// Besides [`SUBJECTED_WORDS`], words after which the noun happened to their subject or
/// possessor: "إصابة مدير مكتبه بإطلاق نار", "مقتل جنديين في هجوم": hurt or killed by it.
const SUFFER_WORDS: &[&str] = &["اصابه", "اصيب", "اصيبت", "اصيبوا", "مقتل", "مصرع"];
/// Verbs (normalized) whose subject receives the noun after them, done by whom من names:
/// "تلقى السراج اتصالا هاتفيا من ماكرون", "واجه انتقادات من البرلمان", "قوبل بمظاهرات", "تسلم
/// دعوة لزيارة روما"; with no giver named the noun has no source.
const RECEIVE_WORDS: &[&str] = &[
    "تلقي", "تلقت", "يتلقي", "تتلقي", "تلقوا", "تلقيا", "واجه", "واجهت", "يواجه", "تواجه", "واجهوا", "يواجهون", "قوبل", "قوبلت", "قوبلوا",
    "تسلم", "تسلمت", "يتسلم", "تتسلم", "تسلموا", "استلم", "استلمت", "يستلم", "تستلم", "استلموا",
];
/// Punctuation that closes a clause: a receiving verb, its noun and its giver stand within one.
const CLAUSE_BREAKS: [char; 5] = ['.', ',', '،', ';', ':'];
/// How many words may stand between a receiving verb and its noun (the verb's subject among
/// them: "تلقى رئيس المجلس الرئاسي فايز السراج اتصالا").
const MAX_RECEIVER_WORDS: usize = 6;
/// Adverbs (normalized) that may stand between a verb and its subject ("اجتمع أمس السراج").
const ADVERBS: &[&str] = &[
    "امس", "مجددا", "ايضا", "كذلك", "بدوره", "بدورها", "بدورهم", "رسميا", "مساء", "صباح", "صباحا", "ظهر", "فجر",
    "يوم", "موخرا", "سابقا", "لاحقا", "اخيرا", "حاليا", "اول",
];
/// Particles (normalized) after which a verb opens its own clause ("كما يدعو", "حيث تسيطر").
const CLAUSE_OPENERS: &[&str] = &[
    "قد", "لقد", "وقد", "فقد", "سوف", "كما", "حيث", "بينما", "فيما", "عندما", "ثم", "اذ", "اذا", "و", "ف", "هل", "بل", "لكن", "ولكن",
];
/// Words opening a subordinate clause of time or contrast, normalized.
const SUBORDINATORS: &[&str] = &["عندما", "حينما", "بينما", "فيما"];
/// How many words may stand between an event noun and the بين naming its sides ("اجتماع رباعي
/// جرى أمس الأربعاء بين").
const MAX_BETWEEN_GAP_WORDS: usize = 5;
/// Particles after which a verb with no subject of its own shares the one before ("كما اتهم").
const SUBJECT_CONTINUING_WORDS: &[&str] = &["كما", "ثم"];
/// How many words may stand between a verbal noun and the subject of its clause.
const MAX_CLAUSE_SUBJECT_GAP_WORDS: usize = 8;
/// How many words may stand between a verb and its VSO subject, or a noun and its possessor.
const MAX_GAP_WORDS: usize = 2;
/// How many definite words (a title and its adjectives) may stand between a verb and its subject.
const MAX_TITLE_WORDS: usize = 4;

/// An actor span that may take part in the events of its sentence, with what the coder asks of
/// it for every trigger there read once: the word before it ([`introduced_by`]), whether it
/// stands in a prepositional phrase ([`after_preposition`]), whether it is an event noun's
/// genitive ([`genitive_of_event_noun`]) and where a marker of examples before it starts
/// ([`inclusion_marker_start`]). Dereferences to its span.
struct EventActor<'a> {
    span: &'a Span,
    /// The byte range of the word before the span's word, if any.
    previous_word: OnceCell<Option<(usize, usize)>>,
    after_preposition: OnceCell<bool>,
    genitive_of_event_noun: OnceCell<bool>,
    inclusion_marker_start: OnceCell<Option<usize>>,
}

impl<'a> EventActor<'a> {
    fn new(span: &'a Span) -> Self {
        EventActor {
            span,
            previous_word: OnceCell::new(),
            after_preposition: OnceCell::new(),
            genitive_of_event_noun: OnceCell::new(),
            inclusion_marker_start: OnceCell::new(),
        }
    }
}

impl std::ops::Deref for EventActor<'_> {
    type Target = Span;

    fn deref(&self) -> &Span {
        self.span
    }
}

#[derive(Clone)]
struct Candidate {
    event: FoundEvent,
    reporting: bool,
    implicit: bool,
    direct: bool,
    /// A circumstantial participle ("مؤكدا"): once its subject is resolved it speaks like a
    /// reporting verb with a subject of its own.
    participle: bool,
    /// A verbal noun from the `nouns` forms: with no agent of its own it is a topic of what a
    /// speaker said ("إن المحادثات"), not something the speaker does.
    noun: bool,
    /// A past or present verb: a clause of its own.
    verb: bool,
    /// For a participle, the first actor of its sentence outside a prepositional phrase: the
    /// main verb's subject, where no event of the sentence names it.
    main_subject: Option<String>,
    /// A definite verbal noun with no agent of its own ("الاجتماع", "المحادثات"): it names an
    /// event the article has already told, if there is one.
    given: bool,
    /// The verb's subject is a noun the tables do not know: no speaker stands in for it.
    unknown_subject: bool,
    /// The source as the text names it, before a commander stands for his forces: a pronoun
    /// subject after "شن حفتر هجوما" is Haftar ("واتهمها"), not his army.
    named_source: Vec<String>,
    /// A verb marked plural ([`plural_verb`]): a single person is not its subject.
    plural: bool,
}

/// A trigger the coder passed over, and why: `explain` lists them, so an analyst sees which
/// rule kept a word of the tables from becoming an event.
#[derive(Debug, Clone)]
pub struct Uncoded {
    pub trigger: u32,
    pub mention: Mention,
    pub why: &'static str,
}

pub fn extract(doc: &Document, engine: &Engine, analysis: &Analysis, reference: Option<NaiveDate>) -> Vec<FoundEvent> {
    extract_traced(doc, engine, analysis, reference, None)
}

/// [`extract`], also telling `uncoded` of every trigger that gave no event of its own.
pub fn extract_traced(doc: &Document, engine: &Engine, analysis: &Analysis, reference: Option<NaiveDate>, mut uncoded: Option<&mut Vec<Uncoded>>) -> Vec<FoundEvent> {
    let mut pass = |trigger: u32, mention: &dyn Fn() -> Mention, why: &'static str| {
        if let Some(list) = uncoded.as_deref_mut() {
            list.push(Uncoded { trigger, mention: mention(), why });
        }
    };
    if doc.trigger_hits.is_empty() {
        return Vec::new();
    }
    let mut candidates: Vec<Candidate> = Vec::with_capacity(doc.trigger_hits.len());
    let anaphors = anaphor_spans(doc, engine, analysis);
    // Who may take part in events, in text order, built once for all triggers. Media outlets
    // only report; a name inside a longer one ("حكومة الوفاق" in "رئيس حكومة الوفاق") is part
    // of who that one is, not a second actor.
    let mut participants: Vec<&Span> = analysis.actor_spans.iter().chain(&anaphors).filter(|s| !s.media).collect();
    participants.sort_by_key(|s| s.start);
    let event_actors: Vec<EventActor> = outermost(&participants).into_iter().map(EventActor::new).collect();
    // The reference date as text, formatted once: chrono's formatter is costly per trigger.
    let reference_day = reference.map(|d| d.format("%Y-%m-%d").to_string());
    for hit in &doc.trigger_hits {
        // Normalization spells ة as ه, so the noun "سيطرة" reads like the verb "سيطره" (took it)
        // and the adjective "حذرة" (cautious) like "حذره" (warned him). A verb never ends in ة:
        // the original spelling picks the noun reading, or none.
        // Only the verb itself counts: "يتعهد بمواجهة" opens with a verb whatever ends it.
        // Likewise hamza folds: the past of a form IV verb opens with أ ("أدانت", "أعلن"), its
        // verbal noun with إ ("إدانتها", "إعلان"); no verb of news opens with إ.
        let noun_spelling = doc.original_text(hit.start, hit.end).split_whitespace().next().is_some_and(|w| w.ends_with('ة') || w.starts_with('إ'));
        let Some((trigger, form)) = engine.lexicon.payloads(hit.pattern).iter().find_map(|p| match *p {
            Payload::Trigger { trigger, form } if !(noun_spelling && form.is_verb()) => Some((trigger, form)),
            _ => None,
        }) else {
            continue;
        };
        let previous = doc.previous_word(hit.start - hit.prefix);
        // A preposition governs a noun, never a verb: "على دعم", "في دعم", "بدعم" are the
        // verbal noun, however the bare letters read.
        let proclitic = &doc.norm.text[hit.start - hit.prefix..hit.start];
        let governed_by_preposition = proclitic.ends_with(['ب', 'ك']) || previous.is_some_and(preposition_word);
        let form = if form.is_verb() && governed_by_preposition { TriggerForm::Noun } else { form };
        let Some(sentence) = doc.sentence_of(hit.start) else { continue };
        let rule = &engine.triggers[trigger as usize];
        let first = event_actors.partition_point(|s| s.start < sentence.start);
        // The actors inside the sentence: none lies inside another, so with their starts their
        // ends are in order too, and those are a run of `event_actors`, not a list to gather.
        let in_sentence = event_actors[first..].partition_point(|s| s.start < sentence.end && s.end <= sentence.end);
        let actors: &[EventActor] = &event_actors[first..first + in_sentence];
        // A trigger inside a name ("حكومة الوفاق" holds no event) is not a trigger.
        let here = || doc.mention(hit.start, hit.end);
        if actors.iter().any(|a| a.start - a.prefix <= hit.start && hit.end <= a.end) {
            pass(trigger, &here, "inside an actor's name");
            continue;
        }
        // "حكما بالإعدام على 45 متهما": a participle counted by a number names people, not an act.
        // (Normalization has folded Arabic-Indic digits to ASCII.)
        if form == TriggerForm::Participle && previous.is_some_and(|w| w.bytes().all(|b| b.is_ascii_digit())) {
            pass(trigger, &here, "a participle counted by a number: people, not an act");
            continue;
        }
        let is_verb = form.is_verb();
        // "لدعم", "للاتفاق على": a verbal noun of purpose is what someone means to do, and
        // planned events are optional; a verb in a relative clause ("التي تدعمها الأمم
        // المتحدة") describes its noun, it does not report news. (A past verb never takes ل:
        // "لدعم" is the noun; "ليدعم" is purpose too.)
        // ("تعرض موكبه لهجوم": after تعرض the ل is the verb's.)
        let purpose = proclitic.ends_with('ل') || doc.norm.text[hit.start..hit.end].starts_with("لل");
        let after_subjected = || receiving_verb_before(doc, hit.start - hit.prefix).is_some_and(|verb| SUBJECTED_WORDS.contains(&crate::segment::split_proclitics(verb).1));
        if purpose && !after_subjected() {
            pass(trigger, &here, "purpose (ل): what someone means to do");
            continue;
        }
        // "إذا حاولت مهاجمة", "في حال هاجم": a hypothetical event has not happened; the
        // sentence's real event is the threat or warning around it.
        if conditional(doc, hit, sentence) {
            pass(trigger, &here, "under a condition (إذا, في حال)");
            continue;
        }
        // (Unless a past verb that takes no direct object is followed by an actor, which can
        // then only be its own subject: "اجتماع باريس، الذي شارك [فيه] خليفة حفتر" tells who
        // took part. After one that does, "التي طالبت حكومة الوفاق بالرجوع", the actor is the
        // object and the noun described is the subject.)
        let own_subject = || form == TriggerForm::Past && !rule.target_object && subject_follows(doc, hit, actors);
        if is_verb && previous.is_some_and(|w| RELATIVE_PRONOUNS.contains(&w)) && !own_subject() {
            pass(trigger, &here, "a relative clause describing a noun");
            continue;
        }
        // "دعا إلى انسحاب القوات", "بشرط وقف القتال": a noun after إلى or a condition word is
        // what is asked for or aimed at, the content of another event, not one of its own.
        if !is_verb && previous.is_some_and(|w| GOAL_WORDS.contains(&w)) {
            pass(trigger, &here, "what another event asks for (إلى, بشرط, ضرورة)");
            continue;
        }
        // "يتهم تركيا بدعم الإرهاب", "المتهم بتمويل حملته", "بتهمة ارتكاب جرائم": what someone
        // is accused of is the content of the accusation, not an event the text reports.
        if !is_verb && accused_of(doc, engine, hit, proclitic, sentence) {
            pass(trigger, &here, "what someone is accused of");
            continue;
        }
        // "لإجراء مناقشات", "لتقديم مساعدات": the object of a verbal noun of purpose is part of
        // what someone means to do, planned like it.
        if !is_verb && previous.is_some_and(purpose_noun) {
            pass(trigger, &here, "the object of a noun of purpose");
            continue;
        }
        // "التزامهم": a plural possessor is no single person either.
        let plural = plural_verb(engine, trigger, form, &doc.norm.text[hit.start..hit.end]) || plural_possessor(rule, form, &doc.norm.text[hit.start..hit.end]);
        let Roles { mut source, mut target, how, implicit, direct, unknown_subject, addressed } = roles(doc, engine, analysis, hit, form, plural, previous, rule, actors);
        let mut rule_text = describe(&rule.id, form, &how);
        // "حذر من خطر …": a warning to no one in particular is a comment, not a threat.
        // "هاجم مسلحون مقر المؤسسة": a fight's forms on civilians are an assault.
        let reading = rule
            .unaddressed
            .filter(|_| !addressed)
            .map(|other| (other, ": no one addressed"))
            .or_else(|| rule.on_civilians.filter(|_| civilian(engine, &target)).map(|other| (other, ": on civilians")));
        let (trigger, rule) = match reading {
            Some((other, why)) => {
                let other_rule = &engine.triggers[other as usize];
                rule_text.push_str(", read as ");
                rule_text.push_str(&other_rule.id);
                rule_text.push_str(why);
                (other, other_rule)
            }
            None => (trigger, rule),
        };
        let named_source = source.clone();
        if FORCE_ROOTS.contains(&&rule.code[..2]) {
            for id in &mut source {
                if let Some(group) = commanded_group(engine, analysis, id) {
                    *id = group;
                    rule_text.push_str(", source: the commander's forces");
                }
            }
            // (Only where a commander gave way to his forces: a group fighting among itself,
            // "اشتباكات بين الميليشيات", is its own target.)
            if source != named_source {
                target.retain(|t| !source.contains(t));
            }
        }
        // (The places of the sentence by binary search: reading every place of the article for
        // each trigger would be quadratic in a long file, a month of articles in one.)
        let places: Vec<String> = distinct(super::spans_in(&analysis.place_spans, sentence).map(|s| s.id.as_str()));
        let date = date_in(doc, analysis, sentence).or_else(|| match (form, &reference_day) {
            (TriggerForm::Past, Some(d)) => Some(d.clone()),
            _ => None,
        });
        let (s_start, s_end) = doc.sentence_span(sentence);
        let mut candidate = Candidate {
            reporting: rule.code.starts_with("01"),
            participle: form == TriggerForm::Participle,
            noun: form == TriggerForm::Noun,
            verb: is_verb,
            main_subject: (form == TriggerForm::Participle)
                .then(|| actors.iter().find(|a| a.end <= hit.start - hit.prefix && !after_preposition(doc, engine, actors, a)))
                .flatten()
                .map(|a| a.id.clone()),
            implicit,
            direct,
            given: !is_verb && !direct && definite(engine, &doc.norm.text[hit.start..hit.end]),
            unknown_subject,
            named_source,
            plural,
            event: FoundEvent {
                trigger,
                mention: doc.mention(hit.start, hit.end),
                also: Vec::new(),
                source,
                target,
                places,
                date,
                negated: negated(doc, hit, sentence),
                sentence: (s_start, s_end),
                rule: rule_text,
            },
        };
        // "اتصل بالسراج وحفتر": one act per target, as two calls to two people are two events.
        // Unnamed groups of one kind ("حل المليشيات والكتائب") are one body named twice: one act.
        let mut others: Vec<Candidate> = Vec::new();
        if candidate.event.target.len() > 1 {
            let mut target_groups = group_unnamed_of_a_kind(engine, std::mem::take(&mut candidate.event.target)).into_iter();
            candidate.event.target = target_groups.next().unwrap_or_default();
            others = target_groups
                .map(|targets| {
                    let mut another = candidate.clone();
                    another.event.target = targets;
                    another
                })
                .collect();
        }
        candidates.push(candidate);
        candidates.extend(others);
    }
    // In text order, an event with no source of its own takes the speaker of a reporting verb
    // before it in its sentence: only what comes after the reporting verb is what was said
    // ("اجتمع …، بينما أعلن حفتر" does not make Haftar meet). A pronoun subject with no speaker
    // is whoever acted last in the same sentence ("شن حفتر هجوما على قطر، واتهمها"), else the
    // topic: the last source named next to its trigger before it.
    // Each as the index of the candidate that set it (with its sentence): an earlier candidate's
    // source is settled, so it is copied only where it is taken, not at every candidate.
    let mut speaker: Option<((usize, usize), usize)> = None;
    let mut topic: Option<usize> = None;
    let mut last_in_sentence: Option<((usize, usize), usize)> = None;
    for i in 0..candidates.len() {
        let (earlier, rest) = candidates.split_at_mut(i);
        let c = &mut rest[0];
        let source_of = |j: usize| earlier[j].named_source.clone();
        let sentence = c.event.sentence;
        let own_source = !c.event.source.is_empty();
        let plural = c.plural;
        let in_sentence = |slot: Option<((usize, usize), usize)>| {
            slot.filter(|(s, _)| *s == sentence).map(|(_, j)| source_of(j)).filter(|who| !(plural && single_person(engine, who)))
        };
        // (Not for a form that leaves its agent out: "قال مصدر إن انفجار سيارة مفخخة …" tells of
        // a bombing, not by the source.)
        let agentless = engine.triggers[c.event.trigger as usize].agentless;
        if c.event.source.is_empty() && !c.reporting && !c.noun && !c.unknown_subject && !agentless {
            if let Some(who) = in_sentence(speaker) {
                c.event.target.retain(|t| !who.contains(t));
                c.event.source = who;
                c.event.rule.push_str(", source: speaker of the reporting verb");
            }
        }
        if c.event.source.is_empty() && c.implicit {
            let resolved = in_sentence(last_in_sentence)
                .map(|s| (s, "the actor before it in the sentence"))
                .or_else(|| c.main_subject.clone().map(|s| (vec![s], "the subject of the main verb")))
                .or_else(|| speaker.filter(|_| c.participle).map(|(_, j)| (source_of(j), "the last speaker")))
                .or_else(|| topic.filter(|_| !plural).map(|j| (source_of(j), "the topic of the sentences before")))
                .filter(|(who, _)| !(plural && single_person(engine, who)));
            if let Some((subject, why)) = resolved {
                c.event.target.retain(|t| !subject.contains(t));
                c.event.source = subject;
                c.event.rule.push_str(", source: ");
                c.event.rule.push_str(why);
            }
        }
        if !own_source && !c.event.source.is_empty() {
            c.named_source.clone_from(&c.event.source);
        }
        // A commander given as the source by the speaker or the topic uses force through his
        // forces, as one named next to the trigger does ("مؤكدا أن قواته ألحقت خسائر").
        if !own_source && FORCE_ROOTS.contains(&&engine.triggers[c.event.trigger as usize].code[..2]) {
            for id in &mut c.event.source {
                if let Some(group) = commanded_group(engine, analysis, id) {
                    *id = group;
                    c.event.rule.push_str(", source: the commander's forces");
                }
            }
            let source = &c.event.source;
            c.event.target.retain(|t| !source.contains(t));
        }
        if !c.event.source.is_empty() {
            last_in_sentence = Some((sentence, i));
            if c.reporting && (own_source || c.participle) {
                speaker = Some((sentence, i));
            }
            // What a speaker reports ("قالت المنظمة إن الجماعات المسلحة تهدد") does not change
            // whom the article goes on about: the speaker stays the topic.
            let reported = !c.reporting && speaker.is_some_and(|(s, _)| s == sentence);
            if c.direct && !reported {
                topic = Some(i);
            }
        }
    }
    // Reporting verbs yield only where their sentence has nothing else.
    let substantive: rustc_hash::FxHashSet<(usize, usize)> =
        candidates.iter().filter(|c| !c.reporting).map(|c| c.event.sentence).collect();
    let mut events: Vec<FoundEvent> = Vec::new();
    // Whether each event was first told by a verb (a clause of its own).
    let mut event_verbs: Vec<bool> = Vec::new();
    let mut told = Told::default();
    let root_of = |e: &FoundEvent| &engine.triggers[e.trigger as usize].code[..2];
    for c in candidates {
        let root = &engine.triggers[c.event.trigger as usize].code[..2];
        if c.given {
            if let Some(j) = told.first_of_root(&events, root_of, root, c.event.negated) {
                events[j].also.push(c.event.mention);
                continue;
            }
        }
        let agentless = engine.triggers[c.event.trigger as usize].agentless;
        if (c.event.source.is_empty() && !agentless) || (c.reporting && (substantive.contains(&c.event.sentence) || !c.direct)) {
            let why = if c.event.source.is_empty() {
                "no source found"
            } else if substantive.contains(&c.event.sentence) {
                "a statement yields to its sentence's other events"
            } else {
                "a statement whose speaker does not stand next to it"
            };
            pass(c.event.trigger, &|| c.event.mention.clone(), why);
            continue;
        }
        // (Two verbs of one sentence are two acts: "تدك … وتحاصر", "دعا …، كما دعا".)
        let same = told.by_root_and_source(events.len(), root, &c.event.source, c.event.negated).find(|&j| {
            let e = &events[j];
            !(event_verbs[j] && c.verb && e.sentence == c.event.sentence)
                && root_of(e) == root
                && e.source == c.event.source
                && e.negated == c.event.negated
                && (e.target == c.event.target || e.target.is_empty() || c.event.target.is_empty())
        });
        match same {
            Some(j) => {
                let e = &mut events[j];
                if e.target.is_empty() && !c.event.target.is_empty() {
                    e.target = c.event.target;
                }
                e.also.push(c.event.mention);
            }
            None => {
                events.push(c.event);
                event_verbs.push(c.verb);
                told.add(&events, root_of);
            }
        }
    }
    // An agentless mention ("انفجار سيارة ملغومة") of an act someone is said to carry out in
    // the article (the same code: clashes are no shell landing) tells of that event: one more
    // mention of it, not an event by nobody.
    let mut k = 0;
    while k < events.len() {
        let code = &engine.triggers[events[k].trigger as usize].code;
        let owner = events[k]
            .source
            .is_empty()
            .then(|| events.iter().position(|e| !e.source.is_empty() && e.negated == events[k].negated && &engine.triggers[e.trigger as usize].code == code))
            .flatten();
        if let Some(owner) = owner {
            let told = events.remove(k);
            let owner = if owner > k { owner - 1 } else { owner };
            tell_again(&mut events[owner], told.mention, told.also);
        } else {
            k += 1;
        }
    }
    // "واشنطن وباريس تعارضان التدخل الأجنبي" in a headline sums up what each of them does in
    // its own words further on: where every source of a joint event has an event of its own
    // with the same root, the joint one is a mention of each of those, not an act of its own.
    let mut k = 0;
    while k < events.len() {
        let joint = &events[k];
        let root = &engine.triggers[joint.trigger as usize].code[..2];
        let own_events: Option<Vec<usize>> = (joint.source.len() >= 2)
            .then(|| {
                joint
                    .source
                    .iter()
                    .map(|who| {
                        events.iter().position(|e| {
                            e.source == std::slice::from_ref(who)
                                && e.negated == joint.negated
                                && &engine.triggers[e.trigger as usize].code[..2] == root
                                && (e.target == joint.target || e.target.is_empty() || joint.target.is_empty())
                        })
                    })
                    .collect()
            })
            .flatten();
        if let Some(own_events) = own_events {
            let told = events.remove(k);
            for j in own_events {
                tell_again(&mut events[if j > k { j - 1 } else { j }], told.mention.clone(), told.also.iter().cloned());
            }
        } else {
            k += 1;
        }
    }
    events
}



/// The events an article has told so far, found by what a retelling must share with them. An
/// article tells a few dozen, read one by one; past [`Told::READ_UP_TO`] (a long file, a month
/// of articles in one, where reading them all for every candidate would cost the square of
/// their number) they are indexed: the first of each root and negation, and every one (in
/// order) of each root, source and negation.
#[derive(Default)]
struct Told<'e> {
    index: Option<ToldIndex<'e>>,
}

#[derive(Default)]
struct ToldIndex<'e> {
    first_of_root: rustc_hash::FxHashMap<(&'e str, bool), usize>,
    by_root_and_source: rustc_hash::FxHashMap<u64, Vec<usize>>,
}

impl<'e> Told<'e> {
    const READ_UP_TO: usize = 32;

    fn key(root: &str, source: &[String], negated: bool) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = rustc_hash::FxHasher::default();
        (root, source, negated).hash(&mut hasher);
        hasher.finish()
    }

    /// Takes note of the last of `events`, just told.
    fn add(&mut self, events: &[FoundEvent], root_of: impl Fn(&FoundEvent) -> &'e str) {
        match &mut self.index {
            Some(index) => {
                let j = events.len() - 1;
                let e = &events[j];
                index.first_of_root.entry((root_of(e), e.negated)).or_insert(j);
                index.by_root_and_source.entry(Self::key(root_of(e), &e.source, e.negated)).or_default().push(j);
            }
            None if events.len() > Self::READ_UP_TO => {
                let mut index = ToldIndex::default();
                for (j, e) in events.iter().enumerate() {
                    index.first_of_root.entry((root_of(e), e.negated)).or_insert(j);
                    index.by_root_and_source.entry(Self::key(root_of(e), &e.source, e.negated)).or_default().push(j);
                }
                self.index = Some(index);
            }
            None => {}
        }
    }

    /// The first event of `root` with that negation.
    fn first_of_root(&self, events: &[FoundEvent], root_of: impl Fn(&FoundEvent) -> &'e str, root: &str, negated: bool) -> Option<usize> {
        match &self.index {
            Some(index) => index.first_of_root.get(&(root, negated)).copied(),
            None => events.iter().position(|e| root_of(e) == root && e.negated == negated),
        }
    }

    /// The events that may share `root`, `source` and negation, in order: those indexed under
    /// them, or every event while they are read one by one (the caller checks either way).
    fn by_root_and_source(&self, told: usize, root: &str, source: &[String], negated: bool) -> impl Iterator<Item = usize> + '_ {
        let (indexed, all): (&[usize], std::ops::Range<usize>) = match &self.index {
            Some(index) => (index.by_root_and_source.get(&Self::key(root, source, negated)).map_or(&[], Vec::as_slice), 0..0),
            None => (&[], 0..told),
        };
        indexed.iter().copied().chain(all)
    }
}

/// Another telling of `event`: its mention and that one's own others, kept in text order.
fn tell_again(event: &mut FoundEvent, mention: Mention, also: impl IntoIterator<Item = Mention>) {
    event.also.push(mention);
    event.also.extend(also);
    event.also.sort_by_key(|m| m.start);
}

/// The spans no other span contains (an equal one does not count), in order; `spans` are sorted
/// by start. One pass: a span starting earlier contains `s` if it reaches `s.end`, one starting
/// at the same place if it reaches further.
fn outermost<'s>(spans: &[&'s Span]) -> Vec<&'s Span> {
    let mut out = Vec::with_capacity(spans.len());
    // The furthest end of the spans starting before the current start, if any.
    let mut reach_before: Option<usize> = None;
    for group in spans.chunk_by(|a, b| a.start == b.start) {
        let reach_here = group.iter().map(|s| s.end).max().unwrap_or(0);
        out.extend(group.iter().copied().filter(|s| reach_before.is_none_or(|r| r < s.end) && s.end >= reach_here));
        reach_before = Some(reach_before.map_or(reach_here, |r| r.max(reach_here)));
    }
    out
}

/// Definite head nouns from the `anaphors` table ("الوزارة", "الحكومة") standing for the last
/// body named before them with that head ("وزارة الخارجية التونسية … وثمنت الوزارة"), as spans
/// of that body. A head followed by a definite word ("الحكومة الإيطالية") names another body.
fn anaphor_spans(doc: &Document, engine: &Engine, analysis: &Analysis) -> Vec<Span> {
    if (engine.anaphors.is_empty() && engine.homeland_words.is_empty()) || analysis.actor_spans.is_empty() {
        return Vec::new();
    }
    let text = &doc.norm.text;
    let named = NamedSoFar::new(&analysis.actor_spans);
    // Only sentences with a trigger: events are all that use them.
    let mut sentences: Vec<Sentence> = doc.trigger_hits.iter().filter_map(|h| doc.sentence_of(h.start)).collect();
    sentences.dedup_by_key(|s| s.start);
    let mut out = Vec::new();
    for sentence in sentences {
        // The sentence's words from the document's tokens, not by reading its characters again.
        let mut words = doc.words_in(sentence.start, sentence.end).peekable();
        let mut before: [Option<&str>; 2] = [None, None];
        while let Some(word) = words.next() {
            if engine.homeland_words.contains(word) {
                homeland_at(text, engine, &named, sentence, word, before, &mut out);
            } else {
                anaphor_at(text, engine, &named, word, words.peek().copied(), &mut out);
            }
            before = [before[1], Some(word)];
        }
    }
    out
}

/// The article's actor spans as the anaphor and homeland rules ask of them: which are named
/// before a position, which open a word, which cover one. The spans are in text order, and so
/// are the starts of their words (a span's start less its proclitics), so each question is a
/// binary search, not a reading of every actor of the article for every head noun: in a long
/// file (a month of articles in one) that would be quadratic.
struct NamedSoFar<'a> {
    spans: &'a [Span],
    /// For each span, the furthest end among it and those before it.
    reach: Vec<usize>,
    /// Per head noun, the last antecedent search: how many spans it read back to (those
    /// starting before its position) and the one it found. Heads are asked of in text order,
    /// so the next search for a head reads only the spans named since.
    antecedents: std::cell::RefCell<rustc_hash::FxHashMap<String, (usize, Option<usize>)>>,
}

impl<'a> NamedSoFar<'a> {
    fn new(spans: &'a [Span]) -> Self {
        let reach = spans
            .iter()
            .scan(0, |furthest, s| {
                *furthest = s.end.max(*furthest);
                Some(*furthest)
            })
            .collect();
        NamedSoFar { spans, reach, antecedents: Default::default() }
    }

    /// Where the word of `s` starts: its start less its proclitics.
    fn word_start(s: &Span) -> usize {
        s.start - s.prefix
    }

    /// Whether an actor's name opens the word at `at` (after its proclitics, if any).
    fn opens_word(&self, at: usize) -> bool {
        let k = self.spans.partition_point(|s| Self::word_start(s) < at);
        self.spans.get(k).is_some_and(|s| Self::word_start(s) == at)
    }

    /// Whether `at` lies inside an actor's name or its proclitics.
    fn covers(&self, at: usize) -> bool {
        let k = self.spans.partition_point(|s| Self::word_start(s) <= at);
        k > 0 && self.reach[k - 1] > at
    }

    /// The spans ending at or before `at`, nearest first. (Those starting at or after it end
    /// after it, so they are left out by where the reading starts.)
    fn before(&self, at: usize) -> impl Iterator<Item = &'a Span> {
        let spans = self.spans;
        spans[..spans.partition_point(|s| s.start < at)].iter().rev().filter(move |s| s.end <= at)
    }

    /// The nearest span before `at`, which no span covers, that `is_antecedent` accepts, for
    /// anaphors of `head` (the test must depend on the span and the head only). A search after
    /// an earlier one for the same head reads back only to where that one began: no span
    /// before it reaches past it (it too was covered by none), so below it the answer stands.
    fn antecedent(&self, at: usize, head: &str, is_antecedent: impl Fn(&Span) -> bool) -> Option<&'a Span> {
        let upto = self.spans.partition_point(|s| s.start < at);
        let mut memo = self.antecedents.borrow_mut();
        let (floor, below) = match memo.get(head) {
            Some(&(read_to, found)) if read_to <= upto => (read_to, found),
            _ => (0, None),
        };
        let found = (floor..upto).rev().find(|&i| self.spans[i].end <= at && is_antecedent(&self.spans[i])).or(below);
        match memo.get_mut(head) {
            Some(slot) => *slot = (upto, found),
            None => {
                memo.insert(head.to_string(), (upto, found));
            }
        }
        found.map(|i| &self.spans[i])
    }
}

/// The span of `word` if it is an anaphor with an antecedent; `next` is the word after it.
fn anaphor_at(text: &str, engine: &Engine, named: &NamedSoFar, word: &str, next: Option<&str>, out: &mut Vec<Span>) {
    let at = word.as_ptr() as usize - text.as_ptr() as usize;

    // One proclitic letter before the article: "والحكومة", "بالوزارة".
    let prefix = if word.starts_with("وال") || word.starts_with("بال") { word.chars().next().map_or(0, char::len_utf8) } else { 0 };
    let bare = &word[prefix..];
    // A definite word after the head is its adjective ("الحكومة الإيطالية": another body),
    // unless it opens a name of its own ("وطالب الحكومة المجتمع الدولي": the object).
    let opens_name = |next: &str| named.opens_word(next.as_ptr() as usize - text.as_ptr() as usize);
    if !bare.starts_with("ال") || !engine.anaphors.contains(bare) || next.is_some_and(|next| next.starts_with("ال") && !opens_name(next)) {
        return;
    }
    if named.covers(at) {
        return;
    }
    let head = &bare["ال".len()..];
    let antecedent = named.antecedent(at, head, |s| {
        if s.media || s.generic {
            return false;
        }
        let name = &text[s.start..s.end];
        let headed = |name: &str| {
            let name = name.strip_prefix("ال").unwrap_or(name);
            name.strip_prefix(head).is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
        };
        // Also over a forces word: "قوات الجيش الوطني الليبي … تمكن الجيش".
        headed(name) || name.split_once(' ').is_some_and(|(first, rest)| FORCES_WORDS.contains(&first) && headed(rest))
    });
    if let Some(antecedent) = antecedent {
        out.push(Span {
            start: at + prefix,
            end: at + word.len(),
            prefix,
            id: antecedent.id.clone(),
            rule: "anaphor",
            media: false,
            generic: false,
        });
    }
}

/// "قال لودريان إن بلاده ترفض", "إن حكومة بلاده تعمل": a homeland word opening a reported
/// clause (after إن/أن, or one head noun after it) stands for the state of the last actor named
/// before it in its sentence that has one (a state is its own), by the country part of its code.
/// (Elsewhere it is too often an object or a genitive: "رفض بلاده التدخل".)
fn homeland_at(text: &str, engine: &Engine, named: &NamedSoFar, sentence: Sentence, word: &str, before: [Option<&str>; 2], out: &mut Vec<Span>) {
    let complementizer = |w: Option<&str>| w.is_some_and(|w| COMPLEMENTIZERS.contains(&w));
    if !(complementizer(before[1]) || complementizer(before[0])) {
        return;
    }
    let at = word.as_ptr() as usize - text.as_ptr() as usize;
    // Nearest first, so the first that starts before the sentence ends the search.
    let mut in_sentence = named.before(at).take_while(|s| s.start >= sentence.start).filter(|s| !s.media && !s.generic);
    let state = in_sentence.find_map(|s| {
        let actor = &engine.actors[*engine.actor_index.get(&s.id)? as usize];
        let country = actor.code.as_deref()?.get(..3)?;
        Some(engine.actors[*engine.state_by_code.get(country)? as usize].id.clone())
    });
    if let Some(state) = state {
        out.push(Span { start: at, end: at + word.len(), prefix: 0, id: state, rule: "homeland", media: false, generic: false });
    }
}

/// An event's `rule` (shown by `explain`): its trigger, form and the steps that gave its roles,
/// written into one string, not joined and then copied again.
fn describe(trigger_id: &str, form: TriggerForm, how: &[&str]) -> String {
    let mut out = String::with_capacity(64 + how.iter().map(|h| h.len() + 2).sum::<usize>());
    for part in ["trigger ", trigger_id, " (", form_name(form), "), "] {
        out.push_str(part);
    }
    if how.is_empty() {
        out.push_str("no roles");
    }
    for (i, step) in how.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(step);
    }
    out
}

fn form_name(form: TriggerForm) -> &'static str {
    match form {
        TriggerForm::Past => "past verb",
        TriggerForm::Present => "present verb",
        TriggerForm::Noun => "noun",
        TriggerForm::Phrase => "phrase",
        TriggerForm::Participle => "participle",
    }
}

/// The ids in first-seen order, each once. A sentence names a handful of places, read with
/// `contains`; past [`DISTINCT_BY_SCAN`] (a very long sentence: a file with no punctuation)
/// a set answers instead, so the list does not cost the square of its length.
fn distinct<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // The first ids as borrowed, to build the set from (on the stack: most lists end before).
    let mut firsts: [&str; DISTINCT_BY_SCAN] = [""; DISTINCT_BY_SCAN];
    let mut seen: Option<rustc_hash::FxHashSet<&str>> = None;
    for id in ids {
        let new = match &mut seen {
            Some(seen) => seen.insert(id),
            None => !out.iter().any(|o| o == id),
        };
        if new {
            if seen.is_none() {
                firsts[out.len()] = id;
            }
            out.push(id.to_string());
            if seen.is_none() && out.len() == DISTINCT_BY_SCAN {
                seen = Some(firsts.into_iter().collect());
            }
        }
    }
    out
}

/// How many ids [`distinct`] compares one by one before it keeps a set.
const DISTINCT_BY_SCAN: usize = 16;

/// Up to `n` words right before normalized position `pos`, in the same sentence, last first
/// (read as needed, not collected).
fn words_before<'d>(doc: &'d Document, pos: usize, n: usize) -> impl Iterator<Item = &'d str> {
    let start = doc.sentence_of(pos.saturating_sub(1)).map_or(0, |s| s.start).min(pos);
    doc.words_in(start, pos).rev().take(n)
}

/// The words between normalized positions `from` and `to`.
fn words_in<'d>(doc: &'d Document, from: usize, to: usize) -> Vec<&'d str> {
    doc.words_in(from, to).collect()
}

/// The proclitics before a delegate noun ("ممثلي" → "", "وبممثلي" → "وب"), if `word` is one.
fn delegate_clitics<'w>(engine: &Engine, word: &'w str) -> Option<&'w str> {
    crate::segment::proclitic_lengths(word).find(|&n| engine.delegates.contains(&word[n..])).map(|n| &word[..n])
}

/// Whether `words` are a delegate noun and عن or من ("ممثلون عن", "وفد من"): the body after them acts.
fn for_a_body(engine: &Engine, words: &[&str]) -> bool {
    matches!(words, [noun, "عن" | "من"] if engine.delegates.contains(*noun))
}

/// Number of words between normalized positions `from` and `to`.
fn words_between(doc: &Document, from: usize, to: usize) -> usize {
    doc.word_count(from, to)
}

/// Whether the words between normalized positions `from` and `to` are a short run of definite
/// words, as a title and its adjectives are ("أعلن اللواء الليبي المتقاعد خليفة حفتر").
fn titles_only(doc: &Document, from: usize, to: usize) -> bool {
    let mut words = doc.words_in(from, to);
    words.len() <= MAX_TITLE_WORDS && words.all(title_like)
}

/// Whether a word may be a title before a name ("المشير", "الرئيس"): definite, no relative pronoun.
fn title_like(word: &str) -> bool {
    word.starts_with("ال") && !RELATIVE_PRONOUNS.contains(&word)
}

/// Nouns that frame the verbal noun after them as a matter, not an act of the clause's subject
/// ("تتابع ملف اختطاف الصحفيين", "حادثة اختطاف الطائرة", "بعد فشل المساعي"), normalized.
const FRAME_NOUNS: &[&str] = &["حادثه", "حادث", "واقعه", "ملف", "قضيه", "ذكري", "معقل", "ضحايا", "فشل", "تداعيات", "اثار", "نتايج"];

/// Auxiliaries that make the verbal noun after them passive ("تم الإفراج عن", "جرى الاتفاق"),
/// normalized.
const PASSIVE_AUXILIARIES: &[&str] = &["تم", "تمت", "يتم", "سيتم", "جري", "يجري", "سيجري"];
/// How far before its verbal noun a passive auxiliary may stand, in the same clause.
const MAX_PASSIVE_AUXILIARY_WORDS: usize = 6;

/// Quantifiers that open a subject of their own right after a verb ("وتسيطر كل من الحكومتين",
/// "وشارك بعض النواب"), normalized: the verb does not go on with the topic.
const SUBJECT_QUANTIFIERS: &[&str] = &["كل", "كلا", "كلتا", "جميع", "بعض", "معظم", "اغلب", "عدد"];

/// Verbs of happening, normalized: an event noun right after one is its subject ("عندما وقع
/// الهجوم", "اندلعت الاشتباكات"): the clause says it took place, not who did it. (Not verbs
/// of going on: "صعد الجيش حملته وتواصلت الاشتباكات" are still the army's.)
const HAPPENING_VERBS: &[&str] = &[
    "وقع", "وقعت", "يقع", "تقع", "حدث", "حدثت", "يحدث", "تحدث", "جري", "جرت", "دار", "دارت", "تدور", "اندلع", "اندلعت", "تندلع",
];

/// Whether `word` is in `list` as written or bare of its proclitics ("فشل" is no ف + "شل";
/// "ووقع" is و + "وقع").
fn listed_with_or_without_proclitics(list: &[&str], word: &str) -> bool {
    list.contains(&word) || list.contains(&crate::segment::split_proclitics(word).1)
}

/// Besides prepositions, words that govern the noun after them as a circumstance ("تحت سيطرة",
/// "ضمن جهود الوساطة").
const GOVERNING_WORDS: &[&str] = &["تحت", "ضمن", "جراء", "بسبب"];

/// Besides prepositions, words that keep the actor after them out of subject position. "خلالها"
/// opens a clause describing an event noun ("في زيارة رسمية التقى خلالها المشير حفتر"): its
/// verb goes on with the visitor, and the actor after it is met.
const NOT_SUBJECT_AFTER: &[&str] = &["ضد", "دون", "قبل", "بعد", "خلال", "باسم", "برعايه", "خلالها", "خلاله", "اثناءها", "اثناءه"];

/// Whether what stands before an actor is a preposition: its proclitic `prefix` (ب ل ك) or the
/// word `prev` before it.
fn prepositional(prefix: &str, prev: Option<&str>) -> bool {
    prefix.ends_with('ب') || prefix.ends_with('ل') || prefix.ends_with('ك') || prev.is_some_and(|w| preposition_word(w) || NOT_SUBJECT_AFTER.contains(&w))
}

/// Whether `word` is a preposition, also one written apart from its noun ("بـ عملية الكرامة",
/// "لـ رويترز": the tatweel goes in normalization and leaves the letter alone).
fn preposition_word(word: &str) -> bool {
    crate::segment::PREPOSITIONS.contains(&word) || matches!(word, "ب" | "ل" | "ك")
}

/// Whether the actor stands in a prepositional phrase: right after the preposition ("مع
/// حفتر"), after a delegate noun that follows one ("مع ممثلي الجيش"), or in apposition to or
/// joined by و with an actor that does ("مع رئيس حكومة الوفاق فائز السراج").
///
/// `actors` are those of the span's sentence, the same for every trigger there: the answer is
/// worked out once per span.
fn after_preposition(doc: &Document, engine: &Engine, actors: &[EventActor], span: &EventActor) -> bool {
    *span.after_preposition.get_or_init(|| after_preposition_uncached(doc, engine, actors, span))
}

/// [`after_preposition`], worked out.
fn after_preposition_uncached(doc: &Document, engine: &Engine, actors: &[EventActor], span: &EventActor) -> bool {
    let (prefix, prev) = introduced_by(doc, span);
    if prepositional(prefix, prev) {
        return true;
    }
    // A delegate noun before it, itself after a preposition ("مع ممثلي", "بممثلي").
    if let Some((head, clitics)) = prev.filter(|_| prefix.is_empty()).and_then(|head| Some((head, delegate_clitics(engine, head)?))) {
        let head_start = doc.offset_of(head);
        if prepositional(clitics, doc.previous_word(head_start)) {
            return true;
        }
    }
    if prefix.is_empty() || prefix == "و" {
        let word_start = span.start - span.prefix;
        if let Some(left) = actors.iter().rev().find(|a| a.end <= word_start) {
            if words_between(doc, left.end, word_start) == 0 {
                return after_preposition(doc, engine, actors, left);
            }
        }
    }
    false
}

/// Where the clause holding `pos` starts: after the last comma, quote or conjunction-led
/// reporting word ("إن", "أن") before it, within its sentence.
fn clause_start(doc: &Document, pos: usize) -> usize {
    let sentence_start = doc.sentence_of(pos).map_or(0, |s| s.start);
    let text = &doc.norm.text[sentence_start..pos];
    // After the last , ; : " « » (« and » are C2 AB and C2 BB in UTF-8), searched from the end
    // with memrchr rather than byte by byte: first the ASCII ones, then a « or » after them
    // (AB and BB also end other characters, so each one found is checked for its C2).
    let bytes = text.as_bytes();
    let after_ascii = memchr::memrchr3(b',', b';', b':', bytes).max(memchr::memrchr(b'"', bytes)).map_or(0, |i| i + 1);
    let mut last = after_ascii.checked_sub(1);
    let mut end = bytes.len();
    while let Some(i) = memchr::memrchr2(0xAB, 0xBB, &bytes[after_ascii..end]).map(|j| after_ascii + j) {
        if i > 0 && bytes[i - 1] == 0xC2 {
            last = Some(i);
            break;
        }
        end = i;
    }
    let mut start = last.map_or(sentence_start, |i| sentence_start + i + 1);
    // The last " ان ", then " انه ", then " انها " in `start..pos`, each searched after the one
    // before: a match is a token of that word with a space on either side, so the document's
    // tokens are read instead of searching the bytes.
    // One pass back over the tokens finds the last of each word; the last one after where the
    // search before it moved `start` is the last of the narrower search too.
    let bytes = doc.norm.text.as_bytes();
    let words = ["ان", "انه", "انها"];
    let mut last: [Option<&crate::segment::Token>; 3] = [None; 3];
    let spaced = |t: &crate::segment::Token| bytes[t.start - 1] == b' ' && bytes[t.end] == b' ';
    for t in crate::segment::tokens_within(&doc.tokens, start + 1, pos.saturating_sub(1)).iter().rev() {
        if let Some(k) = words.iter().position(|w| &bytes[t.start..t.end] == w.as_bytes()) {
            if last[k].is_none() && spaced(t) {
                last[k] = Some(t);
                if last.iter().all(Option::is_some) {
                    break;
                }
            }
        }
    }
    for t in last.into_iter().flatten() {
        if t.start > start {
            start = t.end + 1;
        }
    }
    start
}

/// "تلقى السراج اتصالا هاتفيا من ماكرون": a noun after a receiving verb ([`RECEIVE_WORDS`]) in
/// its clause, with من + an actor close after it, was done by that actor (the giver) to the
/// verb's subject (the receiver, if named: after the verb, or right before it).
fn received<'s>(doc: &Document, engine: &Engine, actors: &[EventActor], hit: &Hit, before: &'s [EventActor], after: &'s [EventActor]) -> Option<(Option<&'s Span>, Option<&'s Span>)> {
    let noun_start = hit.start - hit.prefix;
    let verb = receiving_verb_before(doc, noun_start)?;
    let verb_start = doc.offset_of(verb);
    let verb_end = verb_start + verb.len();
    // "انتقادات حادة من البرلمان", "دعوة من", "انتقادات من معارضيه الجمهوريين", "من قبل": من a
    // word or two after the noun, and at most one word (a head noun) between it and the giver.
    let giver = after.first().filter(|a| {
        let between = words_in(doc, hit.end, a.start - a.prefix);
        let from = between.iter().rposition(|w| *w == "من");
        a.prefix == 0
            && between.len() <= 3
            && from.is_some_and(|k| between.len() - k <= 2)
            && !doc.norm.text[hit.end..a.start].contains(CLAUSE_BREAKS)
    });
    // With no giver named, a received noun ("واجه السراج انتقادات") is still not its
    // receiver's doing. (A noun after تعرض with no giver is left to the rule for what someone
    // suffers.)
    if giver.is_none() && !RECEIVE_WORDS.contains(&crate::segment::split_proclitics(verb).1) {
        return None;
    }
    let receiver = before.iter().find(|a| a.start >= verb_end).or_else(|| {
        before.iter().rev().find(|a| a.end <= verb_start).filter(|a| {
            words_between(doc, a.end, verb_start) == 0 && !doc.norm.text[a.end..verb_start].contains(CLAUSE_BREAKS) && !after_preposition(doc, engine, actors, a)
        })
    });
    // "واختار أوباما … وواجه انتقادات من معارضيه": a receiving verb joined by و with no subject of
    // its own shares the one its sentence opened with.
    let receiver = receiver.or_else(|| {
        verb.starts_with('و').then(|| before.iter().find(|a| a.end <= verb_start && !after_preposition(doc, engine, actors, a))).flatten()
    });
    Some((giver.map(|g| g.span), receiver.map(|r| r.span)))
}

/// The receiving verb ([`RECEIVE_WORDS`], [`SUBJECTED_WORDS`]) a few words before `noun_start`
/// in its clause: a slice of the document's text.
fn receiving_verb_before<'d>(doc: &'d Document, noun_start: usize) -> Option<&'d str> {
    let verb = words_before(doc, noun_start, MAX_RECEIVER_WORDS + 1).find(|w| {
        let stem = crate::segment::split_proclitics(w).1;
        RECEIVE_WORDS.contains(&stem) || SUBJECTED_WORDS.contains(&stem)
    })?;
    let verb_end = doc.offset_of(verb) + verb.len();
    (!doc.norm.text[verb_end..noun_start].contains(CLAUSE_BREAKS)).then_some(verb)
}

/// "بقيادة", "تحت إمرة", "بزعامة", "برئاسة" (normalized, bare of ب): the actor after one
/// leads the one before it ("الجيش الوطني الليبي بقيادة المشير حفتر"); it describes that
/// actor and is never the trigger's target.
const LEADERSHIP_NOUNS: &[&str] = &["قياده", "زعامه", "امره", "رئاسه"];

/// Whether `span` is introduced as the leader of an actor right before it, over its titles:
/// "الجيش الوطني الليبي بقيادة المشير X", "قوات تحت قيادة X". (Led by X, a group the
/// tables do not know stands for X's own: "المؤسسة العسكرية بقيادة حفتر".)
fn leads_actor_before(doc: &Document, actors: &[EventActor], span: &EventActor) -> bool {
    if !introduced_by(doc, span).0.is_empty() {
        return false;
    }
    let mut words = words_before(doc, span.start - span.prefix, MAX_TITLE_WORDS + 2).skip_while(|w| title_like(w));
    let Some(word) = words.next() else { return false };
    let (clitics, stem) = crate::segment::split_proclitics(word);
    if !LEADERSHIP_NOUNS.contains(&stem) {
        return false;
    }
    // What opens the phrase, "بقيادة" or the تحت of "تحت قيادة": the led actor ends before it.
    let opener = if clitics.ends_with('ب') { Some(word) } else { words.next().filter(|w| *w == "تحت") };
    let Some(opener) = opener else { return false };
    let group_end = doc.norm.text[..doc.offset_of(opener)].trim_end_matches([' ', '"', '»', '”', ')']).len();
    actors.iter().any(|a| a.end == group_end)
}

/// Words that open examples of the noun before them ("بعدة دول، من بينها الولايات المتحدة",
/// "التدخلات الأجنبية وعلى رأسها"), normalized.
const INCLUDING_MARKERS: &[&[&str]] = &[
    &["من", "بينها"], &["من", "بينهم"], &["ومن", "بينها"], &["ومن", "بينهم"], &["ومنها"], &["ومنهم"],
    &["بما", "فيها"], &["بما", "فيهم"], &["بما", "في", "ذلك"], &["وعلي", "راسها"], &["وعلي", "راسهم"],
    &["علي", "راسها"], &["علي", "راسهم"], &["لا", "سيما"], &["ولا", "سيما"], &["خاصه"], &["وخاصه"],
    &["خصوصا"], &["وخصوصا"],
];
/// How many words before such a marker the noun it gives examples of may start.
const MAX_INCLUDING_HEAD_WORDS: usize = 6;

/// Where an actor is an example given by [`INCLUDING_MARKERS`] right before it, the marker's
/// start. (Worked out once per actor, as it does not depend on the trigger asking.)
fn inclusion_marker_start(doc: &Document, span: &EventActor) -> Option<usize> {
    *span.inclusion_marker_start.get_or_init(|| inclusion_marker_start_uncached(doc, span))
}

fn inclusion_marker_start_uncached(doc: &Document, span: &Span) -> Option<usize> {
    if span.prefix != 0 {
        return None;
    }
    let mut before = words_before(doc, span.start, 3);
    let last = [before.next(), before.next(), before.next()];
    INCLUDING_MARKERS.iter().find_map(|marker| {
        let n = marker.len();
        let words = &last[..n];
        (words.iter().rev().zip(marker.iter()).all(|(w, m)| *w == Some(*m))).then(|| doc.offset_of(words[n - 1].unwrap_or_default()))
    })
}

/// Separate pronouns opening a circumstantial clause ("وهو يقصف"), normalized.
const CIRCUMSTANTIAL_PRONOUNS: &[&str] = &["وهو", "وهي", "وهم", "وهما", "وهن"];
/// The root of stated intents (030 cooperate, 036 negotiate).
const INTENT_ROOT: &str = "03";
/// How far before its trigger the actor a pronoun after it stands for ("لقائه معه") may end.
const MAX_PRONOUN_ANTECEDENT_GAP_WORDS: usize = 3;
/// Whether a word is a complementizer carrying the subject pronoun, with or without و.
fn pronoun_complementizer(word: &str) -> bool {
    PRONOUN_COMPLEMENTIZERS.contains(&word.strip_prefix('و').unwrap_or(word))
}

/// Where a complementizer carrying a pronoun ("أنه", "بأنها") stands at most
/// [`MAX_SPEAKER_WORDS`] before position `at` in its sentence, with no actor in between that could be a subject,
/// and right after someone quoted with عن ("نقلت عن السفير الأميركي ريتشارد نورلاند أنه"),
/// that one: who the pronoun stands for. (Who stands right before أنه otherwise is as often
/// a genitive, "في حق الشعب الليبي، وأنه شدد", as a subject, whom the subject search finds.)
fn complementizer_antecedent<'s, 'a>(doc: &Document, before: &'s [EventActor<'a>], at: usize, could_be_subject: impl Fn(&EventActor<'a>) -> bool) -> Option<&'s EventActor<'a>> {
    let complementizer = words_before(doc, at, MAX_SPEAKER_WORDS).find(|w| pronoun_complementizer(w))?;
    let opens = doc.offset_of(complementizer);
    let first_after = before.partition_point(|a| a.start < opens);
    if before[first_after..].iter().any(could_be_subject) {
        return None;
    }
    let quoted = before[..first_after].last().filter(|a| a.end <= opens && words_between(doc, a.end, opens) == 0)?;
    // Over the title mentioned before the name: "عن السفير الأميركي ريتشارد نورلاند".
    let mut first = quoted;
    for a in before[..first_after].iter().rev().skip(1) {
        if a.id != quoted.id || words_between(doc, a.end, first.start - first.prefix) != 0 {
            break;
        }
        first = a;
    }
    (first.prefix == 0 && doc.previous_word(first.start) == Some("عن")).then_some(quoted)
}

/// The word before an actor span, or its proclitic: what introduces it.
fn introduced_by<'d>(doc: &'d Document, span: &EventActor) -> (&'d str, Option<&'d str>) {
    let word_start = span.start - span.prefix;
    // "للشعب الليبي" is ل + "الشعب الليبي": the span keeps one ل, and that ل is the preposition.
    let lam = if doc.norm.text[span.start..].starts_with("لل") { 'ل'.len_utf8() } else { 0 };
    let prefix = &doc.norm.text[word_start..span.start + lam];
    let previous = *span.previous_word.get_or_init(|| {
        doc.previous_word(word_start).map(|w| {
            let at = doc.offset_of(w);
            (at, at + w.len())
        })
    });
    (prefix, previous.map(|(start, end)| &doc.norm.text[start..end]))
}

/// What a trigger's roles came from.
struct Roles {
    source: Vec<String>,
    target: Vec<String>,
    /// The steps that gave them, in order ([`describe`] words them).
    how: Vec<&'static str>,
    /// The subject is a pronoun ("أكد أنه يطالب") or left out before an object pronoun
    /// ("اتهمها"): it is whoever the text was already talking about.
    implicit: bool,
    /// The source stands next to the trigger (subject, possessor, agent), not merely earlier
    /// in the sentence: such a source is what the following sentences go on talking about.
    direct: bool,
    /// A verb whose subject is a noun the tables do not know ("قالت إن المستشفى استقبل"): it
    /// has a subject, just no actor for it, so it takes no one else's.
    unknown_subject: bool,
    /// The target is the trigger's direct object ("حذرت واشنطن الأطراف الليبية من"), or its
    /// object pronoun: someone is addressed, not merely spoken of.
    addressed: bool,
}

/// Object pronouns a verb can carry: the actor they refer back to is acted upon, not acting.
const OBJECT_PRONOUNS: &[&str] = &["ها", "هم", "هما"];
/// Codes whose verbal noun's possessor is who suffers it ("اعتقاله", "إطلاق سراحه"): coercion,
/// assault, mass violence, release.
const PATIENT_POSSESSOR_CODES: &[&str] = &["17", "18", "20", "084"];
/// Pronouns a noun can carry: its possessor ("زيارته").
const POSSESSIVE_PRONOUNS: &[&str] = &["ه", "ها", "هم", "هما"];
/// A complementizer carrying the subject pronoun: the verb after it has no subject of its own.
const PRONOUN_COMPLEMENTIZERS: &[&str] = &["انه", "انها", "انهم", "انهما", "بانه", "بانها", "بانهم"];
/// The nouns of "من قبل X", "من جانب X", "من طرف X": by X.
const PASSIVE_AGENT_NOUNS: [&str; 3] = ["قبل", "جانب", "طرف"];
/// Quantities that may stand between a passive's agent noun and the agent ("من قبل عدد من
/// المسلحين"), normalized.
const PASSIVE_QUANTITIES: &[&str] = &["عدد", "مجموعه", "بعض"];
/// How far after its trigger "من قبل X" may stand and still be the trigger's agent.
const MAX_PASSIVE_GAP_WORDS: usize = 8;
/// How far after its noun "بمشاركة X" may stand and still name who took part.
const MAX_PARTICIPATION_GAP_WORDS: usize = 6;

/// `previous` is the word before the trigger (and its proclitics), as `extract` already found it.
#[allow(clippy::too_many_arguments)]
fn roles(doc: &Document, engine: &Engine, analysis: &Analysis, hit: &Hit, form: TriggerForm, plural: bool, previous: Option<&str>, rule: &crate::rules::Trigger, actors: &[EventActor]) -> Roles {
    // `actors` are in text order and none lies inside another, so their ends are in order
    // too: those before the trigger are a head of the list and those after it a tail.
    let before: &[EventActor] = &actors[..actors.partition_point(|a| a.end <= hit.start - hit.prefix)];
    let after: &[EventActor] = &actors[actors.partition_point(|a| a.start < hit.end)..];
    let mut how = Vec::new();
    let is_verb = form.is_verb();
    let word = &doc.norm.text[hit.start..hit.end];
    let carries_object = is_verb && carries_object_pronoun(word);
    // "لدى اجتماعه", "خلال زيارتها": the pronoun is the possessor, so the actor after the noun
    // is not; the one it stands for was named before.
    let carries_possessive = carries_possessive_pronoun(rule, form, word, POSSESSIVE_PRONOUNS);
    let patient_code = rule.target_pronoun || PATIENT_POSSESSOR_CODES.iter().any(|c| rule.code.starts_with(c));
    let possessed = carries_possessive && !patient_code;
    // "من أجل إطلاق سراحهما", "اعتقاله": the pronoun stands for who suffers it; who does it is
    // not said, and the subject of the clause is no better guess than the sufferer.
    let suffered_by_possessor = carries_possessive && patient_code;
    // With or without the conjunction: "وأنهما هددا".
    let pronoun_subject = previous.is_some_and(pronoun_complementizer);

    // Passive: "من قبل X" (also "من جانب X", "من طرف X") close after the trigger, in the same
    // clause, names the source. (Only where such a word is written between the trigger and the
    // last actor after it: the word before an actor after the trigger lies there. The searchers
    // are built once: `str::contains` builds one per call, which costs more than the search.)
    static AGENT_NOUNS: std::sync::OnceLock<[memchr::memmem::Finder<'static>; 3]> = std::sync::OnceLock::new();
    let agent_nouns = AGENT_NOUNS.get_or_init(|| PASSIVE_AGENT_NOUNS.map(memchr::memmem::Finder::new));
    let passive_named = after.last().is_some_and(|last| {
        let between = &doc.norm.text.as_bytes()[hit.start - hit.prefix..last.start - last.prefix];
        agent_nouns.iter().any(|f| f.find(between).is_some())
    });
    let passive = after.iter().filter(|_| passive_named).find(|a| {
        let (_, prev) = introduced_by(doc, a);
        // Also over a quantity: "من قبل عدد من المسلحين".
        let agent_noun = prev.and_then(|w| match doc.previous_word(doc.offset_of(w)) {
            Some(quantity) if w == "من" && PASSIVE_QUANTITIES.contains(&quantity) => doc.previous_word(doc.offset_of(quantity)),
            _ => Some(w),
        });
        agent_noun.is_some_and(|w| PASSIVE_AGENT_NOUNS.contains(&w) && doc.previous_word(doc.offset_of(w)) == Some("من"))
            && words_between(doc, hit.end, a.start) <= MAX_PASSIVE_GAP_WORDS
            && !doc.norm.text[hit.end..a.start].contains([',', ';', '.'])
    });
    let introduces = |prefix: &str, prev: Option<&str>| {
        // (A one-letter preposition is a proclitic: asked of a non-empty prefix only.)
        rule.target_preps.iter().any(|p| prev == Some(p) || (!prefix.is_empty() && p.chars().count() == 1 && prefix.ends_with(p.as_str())))
    };
    let is_target = |a: &EventActor| {
        let (prefix, prev) = introduced_by(doc, a);
        // Also through one head noun: "مع ممثلي الجيش", "على مواقع داعش".
        let introduced = introduces(prefix, prev)
            || (prefix.is_empty() && prev.is_some_and(|w| !crate::segment::PREPOSITIONS.contains(&w)) && {
                let head_start = prev.map_or(0, |w| doc.offset_of(w));
                let head_word_start = crate::segment::token_start(&doc.norm.text, head_start);
                let head_prefix = &doc.norm.text[head_word_start..head_start];
                // The head noun is not the trigger itself: in "بعد أيام من انسحاب الحكومة" the
                // government is the one withdrawing.
                head_word_start >= hit.end && introduces(head_prefix, doc.previous_word(head_word_start))
            });
        // "اتصالاتها بعدة دول، من بينها الولايات المتحدة": an example of a target is one.
        let included = || {
            inclusion_marker_start(doc, a).is_some_and(|marker| {
                marker > hit.end
                    && doc.words_in(hit.end, marker).rev().take(MAX_INCLUDING_HEAD_WORDS).any(|w| {
                        let (clitics, stem) = crate::segment::split_proclitics(w);
                        introduces(clitics, None) || rule.target_preps.iter().any(|p| p == stem)
                    })
            })
        };
        (introduced || included()) && !leads_actor_before(doc, actors, a)
    };
    let mut source: Option<&EventActor> = None;
    if !is_verb {
        if let Some((giver, receiver)) = received(doc, engine, actors, hit, before, after) {
            how.push(if giver.is_some() { "source: من after a received noun (تلقى, واجه, تعرض)" } else { "no source: a received noun from no one named" });
            if receiver.is_some() {
                how.push("target: who received it");
            }
            let target = receiver.map(|r| r.id.clone()).into_iter().filter(|id| giver.is_none_or(|g| *id != g.id)).collect();
            let source = giver.map(|g| g.id.clone()).into_iter().collect();
            return Roles { source, target, how, implicit: false, direct: true, unknown_subject: false, addressed: false };
        }
    }
    if let Some(p) = passive {
        source = Some(p);
        how.push("source: من قبل");
    }
    // "بدعوة من رئاسة الجمهورية", "تصعيد من الجانب التركي": من right after a verbal noun
    // introduces who does it, unless the trigger takes its target with من. After ب it always
    // does: "بطلب من البعثة" is at the mission's request, not a request made of it.
    let by_agent = doc.norm.text[hit.start - hit.prefix..hit.start].ends_with('ب');
    if source.is_none() && !is_verb && (by_agent || !rule.target_preps.iter().any(|p| p == "من")) {
        let agent = after.first().filter(|a| {
            let (prefix, prev) = introduced_by(doc, a);
            prefix.is_empty() && prev == Some("من") && words_between(doc, hit.end, a.start) == 1
        });
        if let Some(agent) = agent {
            source = Some(agent);
            how.push("source: من after the noun");
        }
    }
    // "صفقوا لحلف الناتو وهو يقصف ليبيا", "حراس ظهروا في فيديو وهم يضربون الساعدي": a verb after
    // the pronoun opening a circumstantial clause has that pronoun for its subject: the actor
    // right before it, else a noun the tables do not know, never the speaker.
    let circumstantial = is_verb && previous.is_some_and(|w| CIRCUMSTANTIAL_PRONOUNS.contains(&w));
    if circumstantial {
        source = before.last().filter(|a| words_between(doc, a.end, hit.start - hit.prefix) == 1);
        if source.is_some() {
            how.push("source: the actor before وهو/وهم");
        }
    }
    if source.is_none() && is_verb && !carries_object {
        // SVO: a subject standing right before its verb ("حفتر يهدد", "الولايات المتحدة تدعم").
        if let Some(last) = before.last() {
            // Not across punctuation: in "مع المفوض ستيفان فوله، أكدت آشتون" the comma closes
            // another phrase, and the subject follows the verb.
            // Nor across the conjunction on the verb: in "قصفت القوات مواقع مجلس شورى درنة
            // وحاصرت المدينة" the council ends the clause before, and the verb goes on with its subject.
            // (A comma after a subject in apposition, "وزير الخارجية، محمد سيالة، قال", is no
            // break where the verb carries no conjunction.)
            if words_between(doc, last.end, hit.start - hit.prefix) == 0
                && !doc.norm.text[last.end..hit.start - hit.prefix].contains([';', ':'])
                && !doc.norm.text[hit.start - hit.prefix..hit.start].contains(['و', 'ف'])
                && (!doc.norm.text[last.end..hit.start - hit.prefix].contains(',') || appositive_subject(doc, before, last))
                && !after_preposition(doc, engine, actors, last)
            {
                source = Some(last);
                how.push("source: SVO subject");
            }
        }
    }
    if source.is_none() && is_verb && !carries_object && !pronoun_subject && !circumstantial {
        // "قال إن ميليشيات سرايا بنغازي وأخرى من المعارضة التشادية، تعاونت مع": after إن/أن
        // the subject comes first, and its verb may follow a few words later.
        if let Some(subject) = complement_subject(doc, before, hit.start - hit.prefix) {
            source = Some(subject);
            how.push("source: subject after إن");
        }
    }
    // "قالت إن المستشفى استقبل": a definite noun opening the clause after إن/أن, with no
    // actor in it, is the verb's subject all the same.
    // A noun in what was said where that has a subject of its own ("قال إن سلاح الطيران نفذ ضربة
    // جوية") is that subject's doing, not the speaker's.
    let unknown_subject = source.is_none()
        && !pronoun_subject
        && if is_verb {
            circumstantial || noun_subject_after_complementizer(doc, before, hit.start - hit.prefix)
        } else {
            !SAID_ROOTS.contains(&&rule.code[..2]) && doc.sentence_of(hit.start).is_some_and(|s| reported_with_own_subject(doc, engine, s.start, hit.start - hit.prefix))
        };
    if source.is_none() && possessed {
        // Whoever acts in the sentence before it, else whoever was named last ("إلى حفتر قوله،
        // لدى اجتماعه").
        // A plural or dual pronoun ("التزامهم", "اجتماعهما") stands for no single person.
        let agrees = |a: &&EventActor| !(plural && single_person(engine, std::slice::from_ref(&a.id)));
        // "نقلت عن نورلاند أنه قدم للسراج، أثناء لقائه": in a clause opened by أنه, the pronoun
        // is who that أنه stands for, the one quoted, though عن introduces him.
        let owner = complementizer_antecedent(doc, before, hit.start - hit.prefix, |a| !after_preposition(doc, engine, actors, a))
            .filter(agrees)
            .or_else(|| before.iter().rev().filter(agrees).find(|a| !after_preposition(doc, engine, actors, a)))
            .or(before.iter().rev().find(agrees));
        if let Some(owner) = owner {
            source = Some(owner);
            how.push("source: the possessor named before");
        }
    }
    // "تعترض على خطة الاتحاد الأوروبي", "شارك في قمة الاتحاد الأفريقي": right after a form
    // ending in its preposition stands the preposition's object, not a subject or possessor.
    let ends_in_preposition = word.rsplit(' ').next().is_some_and(|w| crate::segment::PREPOSITIONS.contains(&w));
    // "أوروبا تدعو «المؤتمر الوطني»", "حراس ظهروا في فيديو يضربون الساعدي": a present verb
    // right after a content word continues that word's clause (its subject, or the noun an
    // unmarked relative clause describes), so the actor after it is its object. A verb opening
    // its clause (after و, a particle, an adverb or punctuation) keeps the VSO reading, and so
    // does one carrying an object pronoun ("حكومة يدعمها حفتر").
    let continues_clause = form == TriggerForm::Present
        && !carries_object
        && !doc.norm.text[hit.start - hit.prefix..hit.start].contains(['و', 'ف'])
        && previous.is_some_and(|w| {
            let w_start = doc.offset_of(w);
            let w_end = w_start + w.len();
            // In the same sentence: a headline's verb after the previous paragraph opens it.
            doc.sentence_of(hit.start).is_some_and(|s| s.start <= w_start)
                && doc.norm.text[w_end..hit.start - hit.prefix].trim().is_empty()
                && !CLAUSE_OPENERS.contains(&w)
                && !NEGATIONS.contains(&w)
                && !ADVERBS.contains(&w)
                && !COMPLEMENTIZERS.contains(&w)
                && !PRONOUN_COMPLEMENTIZERS.contains(&w)
        });
    // "الصحفي وليد الكسيكسي المختطف": a definite participle of an arrest or an abduction right
    // after an actor describes him: he suffers it, and who did it is not said.
    let described = (!is_verb && patient_code && hit.prefix == 0 && doc.norm.text[hit.start..hit.end].starts_with("ال"))
        .then(|| before.last().filter(|a| words_between(doc, a.end, hit.start) == 0 && !doc.norm.text[a.end..hit.start].contains(CLAUSE_BREAKS)))
        .flatten();
    // Likewise after a definite noun the tables do not know ("أفرجت قوة الردع عن الصحفيين
    // المختطفين"): the participle is its adjective, and whoever did it is not said.
    let describes_noun = !is_verb
        && patient_code
        && hit.prefix == 0
        && word.starts_with("الم")
        && previous.is_some_and(|w| w.starts_with("ال") && doc.norm.text[doc.offset_of(w) + w.len()..hit.start].trim().is_empty());
    let described_any = described.is_some() || describes_noun;
    let mut sufferer: Option<&EventActor> = described;
    if source.is_none() && !pronoun_subject && !circumstantial && !possessed && !continues_clause && !plural && !described_any {
        // VSO: the actor right after the verb; a noun's possessor right after the noun.
        if let Some(first) = after.first() {
            let (prefix, _) = introduced_by(doc, first);
            // A possessor follows its noun directly; a verb's subject may stand after an adverb.
            let gap = if is_verb { MAX_GAP_WORDS } else { 0 };
            let between = words_in(doc, hit.end, first.start - first.prefix);
            let crosses_preposition = !for_a_body(engine, &between)
                && between.iter().any(|w| crate::segment::PREPOSITIONS.contains(w) || NOT_SUBJECT_AFTER.contains(w));
            let close = words_between(doc, hit.end, first.start) <= gap || (is_verb && titles_only(doc, hit.end, first.start));
            // "حض محامي الرئيس الفرنسي الأسبق نيكولا ساركوزي": an indefinite noun right before
            // the actor heads a construct whose genitive the actor is; the head is the subject.
            let genitive = is_verb
                && !for_a_body(engine, &between)
                && between.last().is_some_and(|w| {
                    !w.starts_with("ال") && !ADVERBS.contains(w) && !FORCES_WORDS.contains(w) && !engine.delegates.contains(*w)
                });
            let object_of_preposition = ends_in_preposition && between.len() <= 1;
            if prefix.is_empty() && close && !is_target(first) && !crosses_preposition && !genitive && !object_of_preposition && !opens_quotation(doc, hit.end, first) {
                // "بمساعدة الناتو", "دعم الاتحاد الأوروبي للعملية السياسية": with ب on the
                // noun, or ل after the genitive, the genitive gives, whatever the table says.
                let genitive_gives = || {
                    doc.norm.text[hit.start - hit.prefix..hit.start].ends_with('ب')
                        || doc.next_word(first.end).is_some_and(|w| {
                            crate::segment::split_proclitics(w).0.ends_with('ل') && !crate::segment::PREPOSITIONS.contains(&w)
                        })
                };
                // (Only the forms as listed: a plural's genitive gives, "مساعدات الاتحاد الأوروبي".)
                let as_listed = form == TriggerForm::Phrase || rule.listed_words.iter().any(|n| n == word);
                if !is_verb && ((patient_code && !rule.code.starts_with("180")) || (rule.target_genitive && as_listed && !genitive_gives())) {
                    // "اعتقال سيف الإسلام", "تفجير القنصلية": the genitive of an arrest, an
                    // abduction or a bombing suffers it, as its possessive pronoun does; so
                    // does that of a trigger whose table says so ("في استقبال السراج").
                    sufferer = Some(first);
                } else {
                    source = Some(first);
                    how.push(if is_verb { "source: VSO subject" } else { "source: possessor" });
                }
            }
        }
    }
    // "وشنت طائرات حربية تابعة للجيش الوطني الليبي غارات", "قوة تابعة لوزارة الداخلية اعتقلت":
    // an unnamed subject said to belong to a body (تابعة لـ, الموالية لـ) acts for that body.
    // (Also a phrase that may open with its verb, "شنت طائرات": not a definite noun, and not
    // one ending in its preposition, "القبض على خلية تابعة لتنظيم داعش", whose object follows.)
    let verbal_phrase = form == TriggerForm::Phrase && !word.starts_with("ال") && !ends_in_preposition;
    // "سلاح الطيران التابع للحكومة المؤقتة نفذ ضربة جوية": the noun launched by شن/نفذ right
    // before it is as good as that verb.
    let launched_by = previous.filter(|w| !is_verb && LAUNCH_VERBS.contains(w));
    if source.is_none() && (is_verb || verbal_phrase || launched_by.is_some()) && !carries_object && !pronoun_subject && !circumstantial {
        let unbroken = |from: usize, to: usize| !doc.norm.text[from..to].contains(CLAUSE_BREAKS);
        // Right after the verb: the noun, its adjectives and تابعة, all definite or all not
        // (in "أجبر الهجوم الصاروخي رحلة تابعة لـ" the flight is the object).
        let after_verb = after.first().filter(|a| launched_by.is_none() && affiliated(doc, a)).filter(|a| {
            let between = words_in(doc, hit.end, a.start - a.prefix);
            let definite = between.last().is_some_and(|w| w.starts_with("ال"));
            between.len() <= MAX_AFFILIATED_SUBJECT_WORDS
                && unbroken(hit.end, a.start)
                && between.iter().all(|w| w.starts_with("ال") == definite && !crate::segment::PREPOSITIONS.contains(w))
        });
        let verb_start = launched_by.map_or(hit.start - hit.prefix, |w| doc.offset_of(w));
        let before_verb = before.last().filter(|a| {
            affiliated(doc, a) && words_between(doc, a.end, verb_start) == 0 && unbroken(a.end, hit.start) && !doc.norm.text[hit.start - hit.prefix..hit.start].contains(['و', 'ف'])
        });
        if let Some(body) = after_verb.or(before_verb) {
            source = Some(body);
            how.push("source: the body its unnamed subject belongs to (تابعة لـ)");
        }
    }
    if source.is_none() && is_verb && !carries_object && !pronoun_subject && !circumstantial && rule.code.starts_with("01") {
        // "قال آمر كتيبة … التابعة للجيش الليبي العقيد حامد بالخير، إنه": a speaker's titles
        // may run long, but what he said opens with إن/أن; his name is the last one before it
        // outside a prepositional phrase.
        let said = doc
            .words_in(hit.end, doc.sentence_of(hit.start).map_or(hit.end, |s| s.end))
            .take(MAX_SPEAKER_WORDS)
            .find(|w| COMPLEMENTIZERS.contains(w) || PRONOUN_COMPLEMENTIZERS.contains(w))
            .map(|w| doc.offset_of(w));
        if let Some(said) = said {
            // After a title ("العقيد", "السفير"), not in construct with an indefinite noun
            // ("وتفيد خلاصة السلطات الليبية": the summary speaks).
            let speaker = after
                .iter()
                .take_while(|a| a.end <= said)
                .filter(|a| !after_preposition(doc, engine, actors, a) && introduced_by(doc, a).1.is_some_and(|w| w.starts_with("ال")))
                .last();
            if let Some(speaker) = speaker {
                source = Some(speaker);
                how.push("source: the speaker before what was said");
            }
        }
    }
    if source.is_none() && !is_verb {
        // "هجوم شنه تنظيم داعش", "غارات نفذتها طائرات الجيش": the agent follows a launch verb.
        let launched = after.iter().find(|a| {
            words_between(doc, hit.end, a.start - a.prefix) <= 4
                && doc.norm.text[hit.end..a.start - a.prefix]
                    .split(|c: char| !crate::segment::is_word_char(c))
                    .any(|w| AGENT_VERBS.contains(&w) || LAUNCH_VERBS.contains(&w))
        });
        if let Some(agent) = launched {
            source = Some(agent);
            how.push("source: agent of شنه/نفذه");
        }
    }
    // (Words are gathered only where the text after the noun holds بمشاركة at all.)
    let participation_named = || after.last().is_some_and(|last| doc.norm.text[hit.end..last.start - last.prefix].contains("بمشاركه"));
    if source.is_none() && !is_verb && participation_named() {
        // "جولة ثانية بمشاركة ممثلين عن البرلمان": who takes part in it.
        let participant = after.iter().find(|a| {
            let between = words_in(doc, hit.end, a.start - a.prefix);
            between.iter().position(|w| w.strip_prefix('و').unwrap_or(w) == "بمشاركه").is_some_and(|k| {
                k <= MAX_PARTICIPATION_GAP_WORDS && (k + 1 == between.len() || for_a_body(engine, &between[k + 1..]))
            })
        });
        if let Some(p) = participant {
            source = Some(p);
            how.push("source: بمشاركة");
        }
    }
    // "تعرض موكب السراج لهجوم مسلح": whoever suffers the noun is its target, not its source.
    // The suffering word stands before the noun's phrase, or before the actor that ends it
    // ("إصابة مدير مكتب خليفة حفتر بإطلاق نار").
    let suffers_before = |pos: usize| {
        words_before(doc, pos, 3).any(|w| {
            let stem = crate::segment::split_proclitics(w).1;
            [w, stem].iter().any(|w| SUFFER_WORDS.contains(w) || SUBJECTED_WORDS.contains(w))
        })
    };
    let suffered = !is_verb
        && source.is_none()
        && (suffers_before(hit.start - hit.prefix)
            || before
                .last()
                .filter(|a| words_between(doc, a.end, hit.start - hit.prefix) <= 1)
                .is_some_and(|a| suffers_before(a.start - a.prefix)));
    if suffered {
        // In the clause that tells of it: not the speaker before إن/أن ("أعلن مصدر أنه لقي …").
        let reported_after = |a: &Span| {
            doc.words_in(a.end, hit.start - hit.prefix).any(|w| COMPLEMENTIZERS.contains(&w) || PRONOUN_COMPLEMENTIZERS.contains(&w.strip_prefix('و').unwrap_or(w)))
        };
        let victim = before.iter().rev().find(|a| !after_preposition(doc, engine, actors, a) && !reported_after(a)).map(|a| a.id.clone());
        if victim.is_some() {
            how.push("target: who suffered it");
        }
        let target: Vec<String> = victim.into_iter().collect();
        return Roles { source: Vec::new(), target, how, implicit: false, direct: false, unknown_subject: false, addressed: false };
    }
    if source.is_none() && !is_verb && !rule.target_preps.iter().any(|p| p == "بين") {
        // "اشتباكات بين الجيش والمتشددين": the first side acts, the second is acted upon.
        // (Where بين introduces targets, as for a mediation, it is left to the target rule.)
        if let Some(k) = after.iter().position(|a| {
            introduced_by(doc, a).1 == Some("بين") && words_between(doc, hit.end, a.start - a.prefix) <= MAX_BETWEEN_GAP_WORDS
        }) {
            let first = &after[k];
            // The first side may be named twice in a row ("ولي عهد أبو ظبي الشيخ محمد بن زايد"):
            // the second side is joined by و to the last of those.
            let mut side_end = first.end;
            let mut second = None;
            for b in &after[k + 1..] {
                if words_between(doc, side_end, b.start) > 2 {
                    break;
                }
                if b.id == first.id {
                    side_end = b.end;
                } else if introduced_by(doc, b).0.starts_with('و') {
                    second = Some(b);
                    break;
                }
            }
            if let Some(second) = second {
                how.push("source and target: بين … و");
                let (source, target) = (vec![first.id.clone()], vec![second.id.clone()]);
                return Roles { source, target, how, implicit: false, direct: true, unknown_subject: false, addressed: false };
            }
            // "اشتباكات بين الميليشيات المتناحرة": an unnamed group alone after a fight's بين is
            // both sides, its members fighting each other; so after a new truce's ("هدنة بين
            // الميليشيات المتحاربة"), its members stop ("الهدنة الموقعة بين طرفي الصراع" is
            // an old one). (Not for talks: "جولة جديدة بين الأطراف" is more often someone's
            // mediation between them.)
            let new_truce = rule.code.starts_with("087") && !word.starts_with("ال");
            if first.generic && (rule.code.starts_with("19") || new_truce) && after[k + 1..].iter().all(|b| b.id == first.id) {
                how.push("source and target: بين a group's members");
                let (source, target) = (vec![first.id.clone()], vec![first.id.clone()]);
                return Roles { source, target, how, implicit: false, direct: true, unknown_subject: false, addressed: false };
            }
        }
    }
    // "وحذر من أنه …" opening a sentence with no subject after it goes on about the same actor.
    // Read back from the verb: mid-sentence, a word character is found at once. A definite
    // noun right after the verb ("وثمنت الوزارة المعنية") is a subject the tables do not know.
    let opens_sentence = is_verb
        && doc.sentence_of(hit.start).is_some_and(|s| !doc.norm.text[s.start..hit.start - hit.prefix].chars().rev().any(crate::segment::is_word_char))
        && !doc.next_word(hit.end).is_some_and(|w| {
            w.starts_with("ال") || construct_head(doc, engine, w) || nominative_plural(w) || SUBJECT_QUANTIFIERS.contains(&w) || event_noun_subject(doc, w)
        });
    // "مؤكدا أن", "مطالبا الجزائر": a circumstantial participle says what the subject of its
    // sentence's main verb did meanwhile; that subject is its own, and an actor after it is its
    // object.
    let participle = form == TriggerForm::Participle;
    if participle {
        source = None;
        how.clear();
    }
    // "وأكد حفتر أن …، كما اتهم جهات مسؤولة": after كما or ثم a verb with no subject of its own
    // goes on with the subject of the clause before it.
    // (A word after an opening quotation mark is what was said, not a subject: "كما دعا "كل
    // الأطراف إلى العمل".)
    let continues_subject = is_verb
        && previous.is_some_and(|w| SUBJECT_CONTINUING_WORDS.contains(&w))
        && (doc.norm.text[hit.end..].trim_start().starts_with(OPENING_QUOTES)
            || !doc.next_word(hit.end).is_some_and(|w| w.starts_with("ال") || nominative_plural(w) || SUBJECT_QUANTIFIERS.contains(&w)));
    let implicit = source.is_none() && (carries_object || pronoun_subject || opens_sentence || continues_subject || plural || possessed || participle);
    let direct = source.is_some();
    // A verb's subject stands next to it (checked above); an actor further back is more often
    // an object or a genitive of another clause, so such a verb keeps only the speaker of its
    // sentence, if any. A noun has no such slot: it takes the clause's subject.
    // "بالمشاركة في هجوم جوي", "تحت سيطرة", "على استئناف المحادثات": a noun governed by a
    // preposition is a circumstance or a complement of another predicate, whose subject need
    // not be its agent. (Not after ب, which marks what the clause's subject does: "قام بتفجير".)
    // Likewise a noun right after إن/أن is the subject of what was said ("قال إن محادثات
    // جنيف مستمرة"), not an act of the speaker.
    let governed = previous.is_some_and(|w| crate::segment::PREPOSITIONS.contains(&w) || GOVERNING_WORDS.contains(&w) || COMPLEMENTIZERS.contains(&w));
    // "حادثة اختطاف الطائرة", "ملف المختطفين", "معقل الاحتجاجات": a verbal noun that is the
    // genitive of a frame noun names a matter the clause is about, not something its subject did.
    let framed = previous.is_some_and(|w| listed_with_or_without_proclitics(FRAME_NOUNS, w));
    // "أعلنت الأمم المتحدة أنه تم الاتفاق على هدنة", "تم إغلاق مراكز الاقتراع": a verbal noun
    // after a passive auxiliary has its agent unsaid (or named by من قبل, above).
    // (The auxiliary may stand a few words back, "تم بعد ظهر اليوم الإفراج عن", or open the
    // trigger's own phrase, "تم الاتفاق".)
    let auxiliary = |w: &str| PASSIVE_AUXILIARIES.contains(&w.strip_prefix('و').unwrap_or(w));
    // (The clause's start is searched for once, and only for a noun with no source yet: the
    // subject fallback below reads it too.)
    let noun_clause_start = (source.is_none() && !is_verb).then(|| clause_start(doc, hit.start - hit.prefix));
    let passive_auxiliary = noun_clause_start.is_some_and(|from| {
        word.split(' ').next().is_some_and(auxiliary) || doc.words_in(from, hit.start - hit.prefix).rev().take(MAX_PASSIVE_AUXILIARY_WORDS).any(auxiliary)
    });
    if let Some(clause_start) = noun_clause_start.filter(|from| {
        !implicit
            && !suffered_by_possessor
            && !described_any
            && !framed
            && !passive_auxiliary
            // ("عندما وقع الهجوم": the noun is the subject of a verb of happening.)
            && !previous.is_some_and(|w| listed_with_or_without_proclitics(HAPPENING_VERBS, w))
            && !object_of_trigger(doc, engine, actors, hit, rule, *from)
            && !denied_in_clause(doc, engine, hit, *from)
    }) {
        // A subject is never introduced by a preposition ("مع حفتر", "لـ رويترز").
        // An unnamed group earlier in the sentence is too often a genitive ("قادة المجموعات
        // المسلحة") to be taken for the subject without the grammar saying so.
        // Nor is the genitive of an event noun ("أكدت فيه استهداف المؤسسة … أن المهاجمين
        // مرتبطين"): it belongs to that noun, not to a later predicate.
        let could_be_subject = |a: &&EventActor| !after_preposition(doc, engine, actors, a) && !genitive_of_event_noun(doc, engine, a);
        let named_before = before.iter().filter(could_be_subject).any(|a| !a.generic);
        let mut subjects = before.iter().filter(could_be_subject).filter(|a| !a.generic || !named_before);
        // A verbal noun without a possessor belongs to its clause's subject.
        // Far from the noun, the clause's subject is more often the subject of some other
        // predicate in between ("تدخل على خط الأزمة بعد تصعيد … من خلال تهديد").
        let in_clause = subjects.clone().find(|a| a.start >= clause_start);
        let near = in_clause.filter(|a| words_between(doc, a.end, hit.start - hit.prefix) <= MAX_CLAUSE_SUBJECT_GAP_WORDS);
        // Nor one before إن/أن when what was said has a subject of its own the tables do not
        // know ("قال صبرا إن سلاح الطيران … نفذ ضربة جوية": the air force struck, not he).
        // Nor one before a subordinate clause the noun stands in ("فيما قتل جنديان عندما
        // أرسلت الحكومة تعزيزات": not the attackers named before).
        let across_subordinator = |s: &EventActor| doc.words_in(s.end, hit.start - hit.prefix).any(|w| SUBORDINATORS.contains(&w.strip_prefix('و').unwrap_or(w)));
        let earlier = || {
            subjects.next_back().filter(|s| {
                !governed
                    && in_clause.is_none()
                    && (SAID_ROOTS.contains(&&rule.code[..2]) || !reported_with_own_subject(doc, engine, s.end, hit.start - hit.prefix))
                    && !across_subordinator(s)
            })
        };
        // Where the clause opens with the أنه of one quoted ("نقلت السفارة عن نورلاند أنه قدم
        // … ومناقشة"), its pronoun is the subject, not the one who quotes.
        let quoted = near
            .is_none()
            .then(|| complementizer_antecedent(doc, before, hit.start - hit.prefix, |a| could_be_subject(&a)))
            .flatten()
            .filter(|s| !governed && in_clause.is_none_or(|a| a.id == s.id) && !across_subordinator(s));
        if let Some(s) = near.or(quoted).or_else(earlier) {
            source = Some(s);
            how.push(if near.is_some() {
                "source: SVO subject"
            } else if quoted.is_some() {
                "source: the one quoted before أنه"
            } else {
                "source: the last subject before its clause"
            });
        }
    }
    // "متشددون من تنظيم داعش": unnamed members of a named group act as that group.
    let mut members: Option<&EventActor> = None;
    if let Some(group) = source.and_then(|s| named_group_of(doc, actors, s)) {
        members = source;
        source = Some(group);
        how.push("source: the named group of its members");
    }
    let source_id = source.map(|s| s.id.clone());
    // Coordinated subjects act together: "دعت فرنسا والولايات المتحدة …".
    let conjuncts = source.map(|s| coordinated_with(doc, engine, actors, s)).unwrap_or_default();
    let co_subject = |a: &Span| conjuncts.contains(&a.id);
    let mut target: Option<&EventActor> = after.iter().find(|a| Some(&a.id) != source_id.as_ref() && !co_subject(a) && is_target(a));
    let mut addressed = false;
    // "تدين لقاء حفتر بالسراج": where the trigger takes a direct object, an object standing
    // before the preposition's actor comes first.
    // An actor after the trigger that may be its direct object: no proclitic, neither the
    // source nor one joined to it.
    // "أطلق حفتر هجوما لتحرير درنة التي يسيطر عليها …": an actor past a relative pronoun is in
    // the clause describing some noun, not the trigger's direct object. (Not one right after
    // the trigger or its subject: that clause describes them, and the object may follow it,
    // "اتهمت المؤسسة التي يوجد مقرها في طرابلس الحكومة".)
    let object_from = source.filter(|s| s.start >= hit.end).map_or(hit.end, |s| s.end);
    let past_relative_clause = |a: &EventActor| {
        a.start > object_from && doc.words_in(object_from, a.start - a.prefix).skip(1).any(|w| RELATIVE_PRONOUNS.contains(&crate::segment::split_proclitics(w).1))
    };
    let object_candidate =
        |a: &&EventActor| Some(&a.id) != source_id.as_ref() && !co_subject(a) && members.is_none_or(|m| m.id != a.id) && introduced_by(doc, a).0.is_empty() && !leads_actor_before(doc, actors, a) && !past_relative_clause(a);
    let object_first = rule.target_object
        && !carries_object
        && target.is_some_and(|by_preposition| {
            after.iter().take_while(|a| a.start < by_preposition.start).filter(object_candidate).any(|a| {
                !introduced_by(doc, a).1.is_some_and(|w| crate::segment::PREPOSITIONS.contains(&w) || NOT_SUBJECT_AFTER.contains(&w))
            })
        });
    if object_first {
        target = None;
    }
    // "قدم للسراج، أثناء لقائه معه", "اجتمع به": a preposition carrying a pronoun right after
    // the trigger names its target, an actor just before the trigger in its clause (the pronoun
    // may stand for no actor at all: "قال إن الاجتماع دعيت إليه الأطراف"), not an actor further on.
    let pronoun_after = doc.next_word(hit.end).is_some_and(|w| {
        rule.target_preps.iter().any(|p| POSSESSIVE_PRONOUNS.iter().any(|pronoun| w.strip_prefix(p.as_str()) == Some(pronoun)))
    });
    let antecedent = pronoun_after
        .then(|| {
            before
                .iter()
                .rev()
                .take_while(|a| {
                    words_between(doc, a.end, hit.start - hit.prefix) <= MAX_PRONOUN_ANTECEDENT_GAP_WORDS
                        && !doc.words_in(a.end, hit.start - hit.prefix).any(|w| COMPLEMENTIZERS.contains(&w))
                })
                .find(|a| Some(&a.id) != source_id.as_ref() && !co_subject(a))
        })
        .flatten();
    if antecedent.is_some() {
        target = antecedent;
        how.push("target: pronoun after its preposition");
    } else if target.is_some() {
        how.push("target: preposition");
    } else if carries_object {
        // "اتهمها": the pronoun stands for the last actor named before the verb.
        target = before.iter().rev().find(|a| Some(&a.id) != source_id.as_ref());
        if target.is_some() {
            how.push("target: object pronoun");
            addressed = true;
        }
    } else if rule.target_object {
        target = after.iter().find(object_candidate);
        if let Some(object) = target {
            how.push("target: object");
            // Direct where no preposition stands between it and the trigger or the subject
            // after it ("حذر لو دريان من خطر تدفق مقاتلي داعش" speaks of IS, to no one).
            let from = source.filter(|s| s.start >= hit.end && s.end <= object.start).map_or(hit.end, |s| s.end);
            addressed = !doc.words_in(from, object.start - object.prefix).any(|w| crate::segment::PREPOSITIONS.contains(&w));
        }
    }
    // "أطلع وفد الجيش الوفد الأمريكي على التزامه بالحوار", "أكد للسراج استعداده": an intent
    // told to someone, right after them, has them for its target.
    if target.is_none() && !is_verb && rule.code.starts_with(INTENT_ROOT) {
        target = before.last().filter(|told| {
            let (prefix, _) = introduced_by(doc, told);
            source.is_some_and(|s| s.end <= told.start)
                && !co_subject(told)
                && (prefix.is_empty() || prefix.ends_with('ل'))
                && words_between(doc, told.end, hit.start - hit.prefix) <= 1
                && doc.words_in(told.end, hit.start - hit.prefix).all(|w| w == "علي")
        });
        if target.is_some() {
            how.push("target: whom the intent was told");
        }
    }
    if target.is_none() && sufferer.is_some_and(|a| Some(&a.id) != source_id.as_ref()) {
        target = sufferer;
        how.push("target: the noun's genitive");
    }
    let source_span = source;
    let mut source: Vec<String> = source_id.iter().cloned().collect();
    for id in conjuncts {
        if !source.contains(&id) && target.is_none_or(|t| t.id != id) {
            source.push(id);
        }
    }
    // "قوات حفتر": a commander's forces are the armed group he leads.
    if let Some(group) = source_span.and_then(|s| forces_of(doc, engine, analysis, s)) {
        source[0] = group;
        how.push("source: the commander's forces");
    }
    // Coordinated targets are each one ("اتصالا هاتفيا مع السراج وحفتر"), and so is the party
    // met by a target that opens a meeting ("تدين لقاء حفتر بالسراج": both are condemned).
    let mut target_conjuncts = target.map(|t| coordinated_with(doc, engine, actors, t)).unwrap_or_default();
    target_conjuncts.extend(target.filter(|t| t.start > hit.end).and_then(|t| party_met(doc, engine, actors, t)));
    let target = target.map(|t| forces_of(doc, engine, analysis, t).unwrap_or_else(|| t.id.clone()));
    let mut target: Vec<String> = target.into_iter().filter(|t| !source.contains(t)).collect();
    for id in target_conjuncts {
        if !source.contains(&id) && !target.contains(&id) {
            target.push(id);
        }
    }
    // Nor does the speaker stand in for a passive's unsaid agent.
    // ("أنه تم الاتفاق": the pronoun after أن is no one's.)
    let unknown_subject = unknown_subject || passive_auxiliary;
    let implicit = implicit && !passive_auxiliary;
    Roles { source, target, how, implicit, direct, unknown_subject, addressed }
}

/// "أدان المجلس الرئاسي الهجوم", "إدانة الهجوم", "يرفض الاعتراف": a verbal noun right after
/// another trigger of its clause, with at most that trigger's subject between them, is its
/// object or genitive: what was condemned, rejected or discussed, not an act of the clause's
/// subject. Not after a statement ("أعلن الجيش وقف إطلاق النار" is the army's own ceasefire),
/// nor after a trigger of the same root ("حكما بإعدام": one act), nor with ب, which names the
/// means by which the subject acts ("ردت القوات بقصف المواقع"), except after an appeal, a
/// demand or a threat, where it is what is asked for or threatened ("طالب المجلس بوقف إطلاق
/// النار", "هدد باقتحام العاصمة"): not done, and not by the one who asks.
fn object_of_trigger(doc: &Document, engine: &Engine, actors: &[EventActor], hit: &Hit, rule: &crate::rules::Trigger, clause_start: usize) -> bool {
    let start = hit.start - hit.prefix;
    let Some(governor) = hits_before(doc, hit).last().filter(|h| h.start >= clause_start && h.end <= start) else {
        return false;
    };
    let Some(governor_code) = trigger_code(engine, governor).map(|code| &code[..2]) else {
        return false;
    };
    let by_means = doc.norm.text[start..hit.start].ends_with('ب') && !ASKING_ROOTS.contains(&governor_code);
    if by_means || governor_code == "01" || governor_code == &rule.code[..2] {
        return false;
    }
    // Between them only the governor's subject: actors' words and titles ("هدد المشير خليفة
    // حفتر باقتحام"), no punctuation.
    let in_actor = |w: &str| {
        let at = doc.offset_of(w);
        actors.iter().any(|a| a.start - a.prefix <= at && at + w.len() <= a.end)
    };
    // Also the genitive of the governor's object ("رفض المجلس مخرجات اجتماع بوزنيقة"): one
    // indefinite head right before the noun, bare of proclitics, and no launch verb (in "شن
    // هجوم" the noun is the subject's own act).
    let last_word_end = doc.norm.text[..start].trim_end().len();
    let construct_head = |w: &str| {
        hit.prefix == 0
            && doc.offset_of(w) + w.len() == last_word_end
            && !w.starts_with("ال")
            && crate::segment::split_proclitics(w).0.is_empty()
            && !LAUNCH_VERBS.contains(&w)
            && !crate::segment::PREPOSITIONS.contains(&w)
            && !engine.function_words.contains(w)
    };
    !doc.norm.text[governor.end..start].chars().any(|c| !c.is_whitespace() && !crate::segment::is_word_char(c))
        && doc
            .words_in(governor.end, start)
            .filter(|w| !in_actor(w))
            .try_fold(0, |titles, w| ((title_like(w) && titles < MAX_TITLE_WORDS) || construct_head(w)).then_some(titles + 1))
            .is_some()
}

/// "واستهدف قصف مدفعي حي أبو سليم": an event noun right after a verb, not in the accusative
/// (whose alif marks an object: "وشن هجوما"), is the verb's subject.
fn event_noun_subject(doc: &Document, word: &str) -> bool {
    let at = doc.offset_of(word);
    !word.ends_with('ا') && doc.trigger_hits.binary_search_by_key(&at, |h| h.start - h.prefix).is_ok()
}

/// Opening quotation marks: what follows them is what was said.
const OPENING_QUOTES: [char; 3] = ['"', '\u{ab}', '\u{201c}'];
/// Closing quotation marks.
const CLOSING_QUOTES: [char; 3] = ['"', '\u{bb}', '\u{201d}'];

/// Whether a quotation opens between `from` and the actor and goes on past it: the actor is
/// then part of what was said ("كما دعا "كل الأطراف الحاضرة إلى العمل""), not the verb's
/// subject. A name quoted alone ("إعلان "الوفاق"") is still one.
fn opens_quotation(doc: &Document, from: usize, actor: &EventActor) -> bool {
    let text = &doc.norm.text;
    text[from..actor.start - actor.prefix].contains(OPENING_QUOTES) && !text[actor.end..].trim_start().starts_with(CLOSING_QUOTES)
}

/// Whether the actor, with no proclitic, stands right after an event noun, as its genitive
/// ("استهداف المؤسسة", "قصف قوات حفتر"). Not a noun of saying: its genitive is the speaker,
/// whose words go on after it ("إعلان "الوفاق" تعليق مشاركتها").
/// (Worked out once per actor, as it does not depend on the trigger asking.)
fn genitive_of_event_noun(doc: &Document, engine: &Engine, actor: &EventActor) -> bool {
    *actor.genitive_of_event_noun.get_or_init(|| genitive_of_noun_trigger(doc, engine, actor, |code| !SAID_ROOTS.contains(&&code[..2])))
}

/// Whether the actor, with no proclitic, stands right after a noun trigger (not a verb) whose
/// CAMEO code `code_fits`.
fn genitive_of_noun_trigger(doc: &Document, engine: &Engine, actor: &EventActor, code_fits: impl Fn(&str) -> bool) -> bool {
    let (prefix, previous) = introduced_by(doc, actor);
    let Some(previous) = previous.filter(|_| prefix.is_empty()) else { return false };
    let previous_end = doc.offset_of(previous) + previous.len();
    let at = doc.trigger_hits.partition_point(|h| h.end < previous_end);
    doc.trigger_hits.get(at).is_some_and(|h| {
        h.end == previous_end
            && engine.lexicon.payloads(h.pattern).iter().any(|p| {
                matches!(*p, Payload::Trigger { trigger, form } if !form.is_verb() && code_fits(&engine.triggers[trigger as usize].code))
            })
    })
}

/// The CAMEO code of the trigger a hit matched, if it is one.
fn trigger_code<'e>(engine: &'e Engine, hit: &Hit) -> Option<&'e str> {
    engine.lexicon.payloads(hit.pattern).iter().find_map(|p| match *p {
        Payload::Trigger { trigger, .. } => Some(engine.triggers[trigger as usize].code.as_str()),
        _ => None,
    })
}

/// The trigger hits of the document that start before `hit`, in text order.
fn hits_before<'d>(doc: &'d Document, hit: &Hit) -> &'d [Hit] {
    &doc.trigger_hits[..doc.trigger_hits.partition_point(|h| h.start < hit.start)]
}

/// "نفى المتحدث باسم القيادة العامة مسؤولية قواته عن القصف": a verbal noun in the clause of a
/// denial, after it, is what the subject denies doing.
fn denied_in_clause(doc: &Document, engine: &Engine, hit: &Hit, clause_start: usize) -> bool {
    hits_before(doc, hit).iter().rev().take_while(|h| h.start >= clause_start).any(|h| trigger_code(engine, h) == Some(DENIAL_CODE))
}

/// "وحضر ممثلون من 20 دولة": an indefinite noun in the nominative plural (ون, not a present
/// verb's ي/ت/ن + ون) right after a verb is its subject, one the tables do not know.
fn nominative_plural(word: &str) -> bool {
    word.ends_with("ون") && word.chars().count() >= 5 && !word.starts_with(['ي', 'ت', 'ن', 'س'])
}

/// "ولكن وزير الخارجية الليبي، محمد الطاهر سيالة، قال": the actor before a comma and a verb is
/// that verb's subject where it is the same actor as the one before it, set off by commas.
fn appositive_subject(doc: &Document, before: &[EventActor], last: &Span) -> bool {
    before.len() >= 2 && {
        let earlier = &before[before.len() - 2];
        earlier.id == last.id && words_between(doc, earlier.end, last.start - last.prefix) == 0 && doc.norm.text[earlier.end..last.start - last.prefix].contains(',')
    }
}

/// "التزامهم", "اجتماعهما": a noun whose possessive pronoun is plural or dual (a listed noun
/// plus the pronoun, or a generated noun form).
fn plural_possessor(rule: &crate::rules::Trigger, form: TriggerForm, trigger_text: &str) -> bool {
    // (Not where the possessor suffers it: "إطلاق سراحهما" says nothing of who acts.)
    !PATIENT_POSSESSOR_CODES.iter().any(|c| rule.code.starts_with(c)) && carries_possessive_pronoun(rule, form, trigger_text, &["هم", "هما"])
}

/// Whether a noun form ends in one of `pronouns` as its possessor: a listed noun plus the
/// pronoun, or a generated noun form that is not itself listed ("اجتماعه", not "تفاهم").
fn carries_possessive_pronoun(rule: &crate::rules::Trigger, form: TriggerForm, word: &str, pronouns: &[&str]) -> bool {
    let listed = |w: &str| rule.listed_words.iter().any(|n| n == w);
    !form.is_verb() && pronouns.iter().any(|p| word.strip_suffix(p).is_some_and(|bare| listed(bare) || (form == TriggerForm::Noun && !listed(word))))
}

/// "اقتحموا", "اتهموها", "يطالبون": a verb marked plural. Its subject stands before it or is its
/// pronoun, and is no single person: verb-first, Arabic keeps the verb singular ("اقتحم
/// المسلحون"), so an actor after a plural verb is its object. A present form is plural when
/// without ون it is the same trigger's singular ("يتعاون" is not "يتعا" + ون).
fn plural_verb(engine: &Engine, trigger: u32, form: TriggerForm, trigger_text: &str) -> bool {
    let verb = trigger_text.split(' ').next().unwrap_or(trigger_text);
    match form {
        TriggerForm::Past => verb.ends_with("وا") || OBJECT_PRONOUNS.iter().any(|p| verb.strip_suffix(p).is_some_and(|stem| stem.ends_with('و'))),
        TriggerForm::Present => verb.strip_suffix("ون").is_some_and(|stem| {
            engine.lexicon.whole_text_hit(stem, Layer::Trigger).is_some_and(|pattern| {
                engine.lexicon.payloads(pattern).iter().any(|p| matches!(*p, Payload::Trigger { trigger: t, form: TriggerForm::Present } if t == trigger))
            })
        }),
        _ => false,
    }
}

/// Whether `ids` is one person: no subject of a plural verb.
fn single_person(engine: &Engine, ids: &[String]) -> bool {
    matches!(ids, [id] if id.starts_with("new:") || engine.actor_index.get(id.as_str()).is_some_and(|&i| engine.actors[i as usize].actor_type == crate::rules::ActorType::Person))
}

/// Complementizers (normalized) after which a clause opens with its subject: "إن", "أن", "بأن".
const COMPLEMENTIZERS: &[&str] = &["ان", "بان", "وان", "لان"];
/// How many words a reporting verb's subject and its titles may take before إن/أن.
const MAX_SPEAKER_WORDS: usize = 16;
/// How many words may stand between the subject after إن and its verb.
const MAX_COMPLEMENT_SUBJECT_GAP_WORDS: usize = 8;

/// The subject of a verb in a clause opened by إن/أن: the actor right after the complementizer,
/// a few words before the verb at `verb_start`, with no other complementizer between.
fn complement_subject<'s, 'a>(doc: &Document, before: &'s [EventActor<'a>], verb_start: usize) -> Option<&'s EventActor<'a>> {
    let subject = before.iter().rev().take_while(|a| words_between(doc, a.end, verb_start) <= MAX_COMPLEMENT_SUBJECT_GAP_WORDS).find(|a| {
        let (prefix, prev) = introduced_by(doc, a);
        prefix.is_empty() && prev.is_some_and(|w| COMPLEMENTIZERS.contains(&w))
    })?;
    let mut between = doc.words_in(subject.end, verb_start);
    (!between.any(|w| COMPLEMENTIZERS.contains(&w) || PRONOUN_COMPLEMENTIZERS.contains(&w))).then_some(subject)
}

/// Whether the clause of a verb opens, right after إن/أن, with a definite noun that is no actor
/// ("إن المستشفى استقبل", "أن المؤشرات الأولية تظهر"): that noun is the verb's subject.
fn noun_subject_after_complementizer(doc: &Document, before: &[EventActor], verb_start: usize) -> bool {
    // Read back from the verb; `opening` is the word after the one read.
    let mut opening: Option<&str> = None;
    for word in words_before(doc, verb_start, MAX_TITLE_WORDS + 1) {
        if COMPLEMENTIZERS.contains(&word) {
            let complementizer_end = doc.offset_of(word) + word.len();
            // (Or a quantified one: "إن جميع دول شمال أفريقيا ترفض".)
            return opening.is_some_and(|w| w.starts_with("ال") || SUBJECT_QUANTIFIERS.contains(&w))
                // (A quotation may open what was said: "إن "جميع دول شمال أفريقيا ترفض".)
                && !doc.norm.text[complementizer_end..verb_start].trim_start().trim_start_matches(OPENING_QUOTES).contains([',', ';', ':', '"'])
                && before.last().is_none_or(|a| a.start < complementizer_end);
        }
        opening = Some(word);
    }
    false
}

/// CAMEO roots of acts done in the saying: an appeal, a demand, a criticism or accusation, a
/// rejection, a threat, a protest. Who says "أن المهاجمين مرتبطون بداعش" accuses, whatever the
/// subject of what he says.
const SAID_ROOTS: &[&str] = &["01", "02", "10", "11", "12", "13", "14"];

/// Whether a bare إن/أن stands between normalized positions `from` and `to` with a definite
/// noun or a construct phrase after it ("إن سلاح الطيران"): the subject of what was said,
/// unknown to the tables. (A verb there, or a noun with a pronoun, "أن طائراته", may still be
/// the speaker's doing.)
fn reported_with_own_subject(doc: &Document, engine: &Engine, from: usize, to: usize) -> bool {
    let mut words = doc.words_in(from, to).peekable();
    while let Some(word) = words.next() {
        if COMPLEMENTIZERS.contains(&word) && words.peek().is_some_and(|next| next.starts_with("ال") || construct_head(doc, engine, next)) {
            return true;
        }
    }
    false
}

/// Words that tie an unnamed noun to the body after their ل ("طائرات تابعة للجيش", "قوات
/// موالية للحكومة"), normalized.
const AFFILIATION_WORDS: &[&str] = &[
    "تابع", "تابعه", "تابعون", "تابعين", "التابع", "التابعه", "التابعون", "التابعين", "موالي", "مواليه", "موالون", "موالين", "الموالي",
    "المواليه", "الموالون", "الموالين",
];
/// How many words an unnamed subject and its تابعة may take between the verb and the body.
const MAX_AFFILIATED_SUBJECT_WORDS: usize = 4;

/// Whether an actor is the body an unnamed noun belongs to: "تابعة للجيش", "الموالية لحفتر".
fn affiliated(doc: &Document, span: &EventActor) -> bool {
    let (prefix, prev) = introduced_by(doc, span);
    prefix == "ل" && prev.is_some_and(|w| AFFILIATION_WORDS.contains(&w))
}

/// The named group an unnamed one belongs to: "متشددون من تنظيم داعش", "مسلحون من ميليشيا
/// X", the group right after من and at most one head noun.
fn named_group_of<'s, 'a>(doc: &Document, actors: &'s [EventActor<'a>], members: &Span) -> Option<&'s EventActor<'a>> {
    if !members.generic {
        return None;
    }
    let next = actors.iter().find(|a| a.start >= members.end)?;
    // One or two words, the first من.
    let mut between = doc.words_in(members.end, next.start - next.prefix);
    (!next.generic && next.prefix == 0 && matches!((between.len(), between.next()), (1 | 2, Some("من")))).then_some(next)
}

/// Words for a commander's forces ("قوات حفتر"), normalized.
const FORCES_WORDS: &[&str] = &["قوات", "ميليشيات", "مليشيات", "كتايب", "عناصر", "مقاتلي"];

/// The armed group of a commander named after a forces word, over his titles ("لقوات القائد
/// المشير خليفة حفتر" → the LNA), if the article names that group.
fn forces_of(doc: &Document, engine: &Engine, analysis: &Analysis, span: &Span) -> Option<String> {
    // The words first: most actors follow no forces word, and that is cheaper to read than
    // the tables are to look up.
    let head = words_before(doc, span.start - span.prefix, 4).find(|w| !w.starts_with("ال"))?;
    let bare = head.strip_prefix('و').unwrap_or(head);
    let bare = bare.strip_prefix(['ل', 'ب']).unwrap_or(bare);
    if !FORCES_WORDS.contains(&bare) {
        return None;
    }
    commanded_group(engine, analysis, &span.id)
}

/// The actors joined to `span` by "و" with nothing else between them ("فرنسا والولايات
/// المتحدة"), or a person joined over his title ([`titled_conjunct`]), in text order, without
/// `span` itself.
fn coordinated_with(doc: &Document, engine: &Engine, actors: &[EventActor], span: &EventActor) -> Vec<String> {
    let Some(at) = actors.iter().position(|a| std::ptr::eq(a, span)) else { return Vec::new() };
    let joined = |left: &EventActor, right: &EventActor| {
        let right_start = right.start - right.prefix;
        (introduced_by(doc, right).0 == "و" && words_between(doc, left.end, right_start) == 0)
            || (single_person(engine, std::slice::from_ref(&right.id)) && titled_conjunct(doc, engine, left.end, right_start))
            || delegated_conjunct(doc, engine, left.end, right_start)
    };
    let mut out = Vec::new();
    let mut i = at;
    while i > 0 && joined(&actors[i - 1], &actors[i]) {
        i -= 1;
        out.insert(0, actors[i].id.clone());
    }
    // Rightwards, over what names the same conjunct again: an actor inside it ("رئيس المجلس
    // الرئاسي" holds the council) or its name after its role ("… فائز السراج").
    let mut last = &actors[at];
    for next in &actors[at + 1..] {
        if next.start < last.end {
            continue;
        }
        if next.id == last.id && words_between(doc, last.end, next.start - next.prefix) == 0 && next.prefix == 0 {
            last = next;
        } else if joined(last, next) {
            if !out.contains(&next.id) {
                out.push(next.id.clone());
            }
            last = next;
        } else {
            break;
        }
    }
    out
}

/// Whether a verb form ends in an object pronoun ("اتهمها"): short forms are left out, whose
/// last letters are the stem's ("دعا").
fn carries_object_pronoun(verb: &str) -> bool {
    OBJECT_PRONOUNS.iter().any(|p| verb.ends_with(p)) && verb.chars().count() > 4
}

/// Whether an actor follows the verb of `hit` where its subject stands: right after it, or
/// after title words only, with no proclitic. (Not after a verb with an object pronoun: in a
/// relative clause that pronoun is the noun described, "التي اقترحتها البعثة", and the
/// tables would look for it among the actors.)
fn subject_follows(doc: &Document, hit: &Hit, actors: &[EventActor]) -> bool {
    if carries_object_pronoun(&doc.norm.text[hit.start..hit.end]) {
        return false;
    }
    actors[actors.partition_point(|a| a.start < hit.end)..].first().is_some_and(|a| {
        a.prefix == 0 && (words_between(doc, hit.end, a.start) == 0 || titles_only(doc, hit.end, a.start)) && !doc.norm.text[hit.end..a.start].contains(CLAUSE_BREAKS)
    })
}

/// "لقاء حفتر بالسراج", "اجتماع السراج مع حفتر": the actor met by `span`, where `span` is the
/// genitive of a meeting noun (a trigger coded 04) and the other stands right after it with ب
/// or مع.
fn party_met(doc: &Document, engine: &Engine, actors: &[EventActor], span: &EventActor) -> Option<String> {
    if !genitive_of_noun_trigger(doc, engine, span, |code| code.starts_with("04")) {
        return None;
    }
    let other = actors.iter().find(|a| a.start >= span.end)?;
    let (prefix, previous) = introduced_by(doc, other);
    let with = (prefix == "ب" && words_between(doc, span.end, other.start - other.prefix) == 0)
        || (prefix.is_empty() && previous == Some("مع") && words_between(doc, span.end, other.start - other.prefix) == 1);
    (with && other.id != span.id).then(|| other.id.clone())
}

/// Whether the words between `from` and `to` join a body's people to what comes before:
/// "زعماء قبائل وقيادات من الجيش الليبي", "السراج وممثلون عن المجلس الأعلى للدولة".
fn delegated_conjunct(doc: &Document, engine: &Engine, from: usize, to: usize) -> bool {
    let mut words = doc.words_in(from, to);
    match (words.next(), words.next(), words.next()) {
        (Some(first), Some("من" | "عن"), None) => first.strip_prefix('و').is_some_and(|noun| engine.delegates.contains(noun)),
        _ => false,
    }
}

/// Whether the words between normalized positions `from` and `to` join a person to the actor
/// before them over his title: و, a title, then at most its definite adjectives ("السراج ووزير
/// الخارجية الليبي محمد سيالة"). The tables know the title, so it is no object of the verb.
fn titled_conjunct(doc: &Document, engine: &Engine, from: usize, to: usize) -> bool {
    let Some(word) = doc.next_word(from) else { return false };
    let word_start = doc.offset_of(word);
    if word_start >= to || !word.starts_with('و') {
        return false;
    }
    let at = doc.entity_hits.partition_point(|h| h.start - h.prefix < word_start);
    doc.entity_hits[at..]
        .iter()
        .take_while(|h| h.start - h.prefix == word_start)
        .filter(|h| h.end <= to && &doc.norm.text[word_start..h.start] == "و")
        .filter(|h| engine.lexicon.payloads(h.pattern).iter().any(|p| matches!(p, Payload::Title)))
        .any(|h| titles_only(doc, h.end, to))
}

/// Whether `word` (a word of the document) heads a construct chain, as a noun before a definite
/// genitive does ("حض محامي الرئيس"): such a phrase is as definite as "الوزارة" and, right after
/// a verb, its subject. Not a word with a preposition clitic ("بضرورة الإسراع"), nor a
/// function word.
fn construct_head(doc: &Document, engine: &Engine, word: &str) -> bool {
    !word.starts_with(['ب', 'ل', 'ك', 'ف'])
        && word.chars().nth(2).is_some()
        && !engine.function_words.contains(word)
        && !crate::segment::PREPOSITIONS.contains(&word)
        && !COMPLEMENTIZERS.contains(&word)
        && doc.next_word(doc.offset_of(word) + word.len()).is_some_and(|next| next.starts_with("ال"))
}

/// Whether `word` is a verbal noun of purpose: ل before a noun of the إفعال, افتعال, استفعال or
/// تفعيل patterns ("لإجراء", "لتقديم", "لاستئناف"), normalized. لل is the article's and ليبيا
/// a name.
fn purpose_noun(word: &str) -> bool {
    word.strip_prefix('ل').is_some_and(|rest| (rest.starts_with('ا') || rest.starts_with('ت')) && !rest.starts_with("ال") && rest.chars().count() >= 4)
}

/// Words (normalized) that announce what someone is accused of: "بتهمة ارتكاب", "المتهم بتمويل".
const ACCUSATION_WORDS: &[&str] = &["بتهمه", "بتهم", "تهمه", "المتهم", "متهم", "المتهمين", "متهمين", "المتهمه"];
/// How far back an accusation may stand from what it accuses of ("يتهم تركيا مجددا بدعم").
const MAX_ACCUSATION_GAP_WORDS: usize = 3;

/// Whether the noun at `hit` is what an accusation before it accuses of: it follows an
/// accusation word, or carries ب after an accusing trigger (CAMEO 112) a few words back.
fn accused_of(doc: &Document, engine: &Engine, hit: &Hit, proclitic: &str, sentence: Sentence) -> bool {
    let start = hit.start - hit.prefix;
    if doc.previous_word(start).is_some_and(|w| ACCUSATION_WORDS.contains(&w)) {
        return true;
    }
    if !proclitic.ends_with('ب') {
        return false;
    }
    let clause_start = after_last_punctuation(doc, sentence, start);
    let before = doc.trigger_hits.partition_point(|h| h.start < start);
    doc.trigger_hits[..before].iter().rev().take_while(|h| h.start >= clause_start).any(|h| {
        words_between(doc, h.end, start) <= MAX_ACCUSATION_GAP_WORDS
            && engine.lexicon.payloads(h.pattern).iter().any(|p| matches!(p, Payload::Trigger { trigger, .. } if engine.triggers[*trigger as usize].code.starts_with("112")))
    })
}

/// Words that open a condition: what follows them may not happen ("إذا حاولت مهاجمة",
/// "في حال هاجم"), normalized.
const CONDITION_WORDS: &[&str] = &["اذا", "واذا", "حال", "حاله", "لو", "ولو"];
/// How far back in its clause a condition word still governs a trigger.
const MAX_CONDITION_GAP_WORDS: usize = 3;

/// Whether the trigger stands in a condition ("إذا حاولت مهاجمة وحداتها"): a hypothetical
/// event, which the guidelines do not count as done.
fn conditional(doc: &Document, hit: &Hit, sentence: Sentence) -> bool {
    let end = hit.start - hit.prefix;
    // The last few words, read from the end up to a comma or a quote, which end the condition.
    doc.words_in(after_last_punctuation(doc, sentence, end), end).rev().take(MAX_CONDITION_GAP_WORDS).any(|w| CONDITION_WORDS.contains(&w))
}

/// Where the words before `end` in `sentence` start after the last , ; : or " (ASCII bytes, so
/// searched as bytes).
fn after_last_punctuation(doc: &Document, sentence: Sentence, end: usize) -> usize {
    let text = &doc.norm.text.as_bytes()[sentence.start..end];
    let stop = memchr::memrchr3(b',', b';', b':', text).max(memchr::memrchr(b'"', text));
    stop.map_or(sentence.start, |i| sentence.start + i + 1)
}

fn negated(doc: &Document, hit: &Hit, sentence: Sentence) -> bool {
    let mut before = doc.words_in(sentence.start, hit.start - hit.prefix).rev();
    let (last, second) = (before.next(), before.next());
    // With or without a conjunction: "ولم يتم", "فلا".
    let negation = |w: Option<&str>| w.map(|w| w.strip_prefix(['و', 'ف']).unwrap_or(w)).is_some_and(|w| NEGATIONS.contains(&w));
    // "لم يصدر أي بيان": "any" carries the negation of the verb before it to the noun.
    negation(last) || negation(second) || (last == Some("اي") && negation(before.next()))
}

/// The value of the first anchored date of `sentence` that is not a duration.
fn date_in(doc: &Document, analysis: &Analysis, sentence: Sentence) -> Option<String> {
    let (start, end) = doc.sentence_span(sentence);
    super::dates_in(&analysis.dates, start, end).find(|d| d.anchored && d.kind != "duration").map(|d| d.value.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize) -> Span {
        Span { start, end, prefix: 0, id: format!("{start}-{end}"), rule: "test", media: false, generic: false }
    }

    #[test]
    fn outermost_drops_exactly_the_spans_another_contains() {
        // Every set of spans over a short text (sorted by start, stably, as `extract` sorts
        // them), against the pairwise definition.
        let all: Vec<Span> = (0..5).flat_map(|s| (s + 1..=5).map(move |e| span(s, e))).collect();
        for mask in 0u32..1 << all.len() {
            let mut spans: Vec<&Span> = all.iter().enumerate().filter(|(i, _)| mask >> i & 1 == 1).map(|(_, s)| s).collect();
            // One span twice, too.
            if let Some(&first) = spans.first() {
                spans.push(first);
            }
            spans.sort_by_key(|s| s.start);
            let nested = |s: &Span| spans.iter().any(|a| a.start <= s.start && s.end <= a.end && (a.start, a.end) != (s.start, s.end));
            let naive: Vec<&Span> = spans.iter().copied().filter(|s| !nested(s)).collect();
            assert_eq!(outermost(&spans), naive, "{mask:b}");
        }
    }

    /// Random actor spans as `actors::extract` gives them: sorted by (start, end), each with
    /// the proclitics of its word before it, so the starts of their words are in order too.
    fn random_spans(seed: &mut u64) -> Vec<Span> {
        let mut next = |n: u64| {
            *seed ^= *seed << 13;
            *seed ^= *seed >> 7;
            *seed ^= *seed << 17;
            (*seed % n) as usize
        };
        let mut spans = Vec::new();
        let mut word = 0;
        for _ in 0..next(12) {
            // Another name in the same word now and then; words do not overlap (a word is
            // longer than its proclitics).
            if next(3) != 0 {
                word += 3 + next(5);
            }
            let prefix = next(3);
            let start = word + prefix;
            let end = start + 1 + next(8);
            let kind = ["a", "b", "c"][next(3)];
            spans.push(Span { start, end, prefix, id: format!("{kind}{start}"), rule: "test", media: next(5) == 0, generic: false });
        }
        spans.sort_by_key(|s| (s.start, s.end));
        spans
    }

    #[test]
    fn named_so_far_answers_as_reading_every_span_would() {
        let mut seed = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..2000 {
            let spans = random_spans(&mut seed);
            let named = NamedSoFar::new(&spans);
            let limit = spans.iter().map(|s| s.end).max().unwrap_or(0) + 2;
            for at in 0..limit {
                assert_eq!(named.opens_word(at), spans.iter().any(|s| s.start - s.prefix == at), "opens_word({at}) of {spans:?}");
                assert_eq!(named.covers(at), spans.iter().any(|s| s.start - s.prefix <= at && at < s.end), "covers({at}) of {spans:?}");
                let naive: Vec<&Span> = spans.iter().rev().filter(|s| s.end <= at).collect();
                assert_eq!(named.before(at).collect::<Vec<_>>(), naive, "before({at})");
            }
            // Antecedents are asked for in text order, at positions no span covers, per head;
            // the remembered searches must give what a full search gives.
            for at in (0..limit).filter(|&at| !named.covers(at)) {
                for head in ["a", "b", "c"] {
                    let is_antecedent = |s: &Span| !s.media && s.id.starts_with(head);
                    let naive = spans.iter().rev().filter(|s| s.end <= at).find(|s| is_antecedent(s));
                    assert_eq!(named.antecedent(at, head, is_antecedent), naive, "antecedent({at}, {head}) of {spans:?}");
                }
            }
        }
    }

    #[test]
    fn distinct_keeps_first_seen_order_past_the_scan_limit() {
        let ids: Vec<String> = (0..3 * DISTINCT_BY_SCAN).map(|i| format!("p{}", (i * 7) % (2 * DISTINCT_BY_SCAN))).collect();
        let mut naive: Vec<String> = Vec::new();
        for id in &ids {
            if !naive.contains(id) {
                naive.push(id.clone());
            }
        }
        assert!(naive.len() > DISTINCT_BY_SCAN);
        assert_eq!(distinct(ids.iter().map(String::as_str)), naive);
        assert_eq!(distinct(["x", "y", "x"].into_iter()), ["x", "y"]);
    }

    #[test]
    fn told_events_are_found_alike_read_or_indexed() {
        const ROOTS: [&str; 3] = ["04", "19", "11"];
        let root_of = |e: &FoundEvent| ROOTS[e.trigger as usize];
        let event = |n: usize| FoundEvent {
            trigger: (n % 3) as u32,
            mention: Mention { text: String::new(), start: n, end: n + 1 },
            also: Vec::new(),
            source: vec![["a", "b", "c", "d"][n * 7 % 4].to_string()],
            target: Vec::new(),
            places: Vec::new(),
            date: None,
            negated: n % 5 == 0,
            sentence: (n, n + 1),
            rule: String::new(),
        };
        let mut told = Told::default();
        let mut events = Vec::new();
        for n in 0..3 * Told::READ_UP_TO {
            events.push(event(n));
            told.add(&events, root_of);
            assert_eq!(told.index.is_some(), events.len() > Told::READ_UP_TO);
            for (root, source, negated) in ROOTS.iter().flat_map(|r| ["a", "b", "c", "d", "e"].map(move |s| (*r, s))).flat_map(|(r, s)| [(r, s, false), (r, s, true)]) {
                let first = events.iter().position(|e| root_of(e) == root && e.negated == negated);
                assert_eq!(told.first_of_root(&events, root_of, root, negated), first);
                let source = [source.to_string()];
                let shared = |j: &usize| root_of(&events[*j]) == root && events[*j].source == source && events[*j].negated == negated;
                let naive: Vec<usize> = (0..events.len()).filter(shared).collect();
                assert_eq!(told.by_root_and_source(events.len(), root, &source, negated).filter(shared).collect::<Vec<_>>(), naive);
            }
        }
    }

}
