//! Extraction rules, one test each, on sentences written for the test (never copied from the
//! corpus), through the library with the built-in tables.

use libya_news::extract::{analyze, Analysis, DateContext};
use libya_news::rules::Engine;
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::load(&[]).expect("built-in rules load"))
}

fn run(text: &str) -> Analysis {
    run_on(text, None)
}

fn run_on(text: &str, date: Option<&str>) -> Analysis {
    let reference = date.map(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap());
    analyze(text, engine(), DateContext { metadata: None, reference })
}

fn actor_ids(a: &Analysis) -> Vec<String> {
    a.actor_spans.iter().map(|s| s.id.clone()).collect()
}

fn place_ids(a: &Analysis) -> Vec<String> {
    a.place_spans.iter().map(|s| s.id.clone()).collect()
}

fn mention_texts(a: &Analysis, id: &str) -> Vec<String> {
    a.actors
        .iter()
        .find(|f| libya_news::extract::actors::actor_id(engine(), &f.actor) == id)
        .map(|f| f.mentions.iter().map(|m| m.text.clone()).collect())
        .unwrap_or_default()
}

#[test]
fn full_names_and_clitics_are_mentions() {
    let a = run("عنوان\n\nواتصل المشير خليفة حفتر بحكومة الوفاق، ثم التقى بحفتر وفد أممي.");
    let ids = actor_ids(&a);
    assert!(ids.iter().filter(|i| *i == "khalifa_haftar").count() >= 2, "{ids:?}");
    assert!(ids.contains(&"government_of_national_accord".to_string()), "{ids:?}");
    // The clitic is not part of the mention.
    assert!(mention_texts(&a, "khalifa_haftar").contains(&"حفتر".to_string()));
}

#[test]
fn short_forms_need_the_full_name_first() {
    let alone = run("عنوان\n\nقال سلامة إن الوضع مستقر.");
    assert!(!actor_ids(&alone).contains(&"ghassan_salame".to_string()));
    let after = run("عنوان\n\nوصل غسان سلامة إلى طرابلس. وقال سلامة إن الوضع مستقر.");
    assert_eq!(mention_texts(&after, "ghassan_salame"), vec!["غسان سلامة", "سلامة"]);
}

#[test]
fn agent_with_state_adjective_is_the_state() {
    let a = run("عنوان\n\nانتشرت القوات التركية قرب المطار.");
    assert_eq!(mention_texts(&a, "turkey"), vec!["القوات التركية"]);
}

#[test]
fn capital_as_subject_is_the_government_and_not_a_place() {
    let a = run("عنوان\n\nواشنطن تتمسك بالحوار.");
    assert_eq!(mention_texts(&a, "united_states"), vec!["واشنطن"]);
    assert!(place_ids(&a).is_empty(), "{:?}", place_ids(&a));
    let b = run("عنوان\n\nوصل الوفد إلى واشنطن أمس.");
    assert!(!actor_ids(&b).contains(&"united_states".to_string()));
    assert_eq!(place_ids(&b).len(), 1);
}

#[test]
fn a_foreign_state_acts_outside_locative_phrases() {
    let a = run("عنوان\n\nأعربت فرنسا عن قلقها، وعقد الاجتماع في فرنسا.");
    assert_eq!(mention_texts(&a, "france").len(), 1);
    assert_eq!(place_ids(&a).len(), 1);
}

#[test]
fn the_scene_country_is_a_place() {
    let a = run("عنوان\n\nتدهور الوضع الأمني في ليبيا ومستقبل ليبيا غامض.");
    assert!(!actor_ids(&a).contains(&"libya".to_string()));
    assert_eq!(place_ids(&a).len(), 2);
}

#[test]
fn a_short_form_listed_with_a_group_of_its_kind_names_that_group() {
    let a = run("عنوان\n\nاتفقت الأطراف على اعتبار القاعدة وداعش والنصرة تنظيمات إرهابية.");
    let ids = actor_ids(&a);
    assert!(ids.contains(&"al_qaeda".to_string()) && ids.contains(&"al_nusra_front".to_string()), "{ids:?}");
    // Alone, the short form is still the common word ("the base").
    assert!(!actor_ids(&run("عنوان\n\nوصلت الطائرات إلى القاعدة مساء أمس.")).contains(&"al_qaeda".to_string()));
}

#[test]
fn who_is_hurt_by_an_attack_does_not_carry_it_out() {
    let a = run("عنوان\n\nإصابة مدير مكتب خليفة حفتر بإطلاق نار في بنغازي.");
    let ev = events(&a);
    assert!(!ev.iter().any(|(code, s, _, _)| code.starts_with("19") && !s.is_empty()), "{ev:?}");
}

#[test]
fn a_place_is_taken_from_whom_min_names() {
    let a = run("عنوان\n\nوكان الجيش الليبي قد سلم الموانئ بعد تحريرها من تنظيم القاعدة.");
    let ev = events(&a);
    assert!(acts_on(&ev, "19", &["libyan_national_army"], &["al_qaeda"]), "{ev:?}");
}

#[test]
fn the_genitive_of_an_arrest_is_who_is_arrested() {
    let a = run("عنوان\n\nوأعلن خليفة حفتر اعتقال سيف الإسلام القذافي في الزنتان.");
    let ev = events(&a);
    assert!(acts_on(&ev, "17", &["khalifa_haftar"], &["saif_al_islam_gaddafi"]), "{ev:?}");
}

#[test]
fn forward_is_no_title_before_a_new_name() {
    let a = run("عنوان\n\nودعا ليون إلى المضي بالعملية السياسية إلى الأمام وإنهاء أعمال العنف، خاصة بعد التوقيع.");
    assert!(!actor_ids(&a).iter().any(|id| id.starts_with("new:")), "{:?}", actor_ids(&a));
}

#[test]
fn a_capital_after_maqarr_is_a_seat_not_an_acting_state() {
    let a = run("عنوان\n\nوصلت السفينة المسجلة باسم شركة يونانية للشحن ومقرها أثينا.");
    assert!(!actor_ids(&a).contains(&"greece".to_string()), "{:?}", actor_ids(&a));
    assert_eq!(place_ids(&a).len(), 1, "{:?}", place_ids(&a));
}

#[test]
fn a_place_after_fi_inside_a_name_is_a_place_too() {
    let a = run("عنوان\n\nوأكدت محكمة الاستئناف في باريس القرار، وأصدرت القنصلية العامة التونسية بطرابلس بيانا.");
    let named = |id: &String| engine().places.iter().find(|p| &p.id == id).map(|p| p.name.clone()).unwrap_or_default();
    let places: Vec<String> = place_ids(&a).iter().map(named).collect();
    assert_eq!(places, ["Paris", "Tripoli"], "{:?}", place_ids(&a));
    // A name with no place after في or ب keeps it: "ميليشيات مصراتة" is a group, not a location.
    assert!(place_ids(&run("عنوان\n\nهاجمت ميليشيات مصراتة المطار.")).is_empty());
}

#[test]
fn roles_resolve_to_a_named_holder_or_by_date() {
    let named = run("عنوان\n\nوصل غسان سلامة. وقال المبعوث الأممي إن المحادثات مستمرة.");
    assert_eq!(mention_texts(&named, "ghassan_salame").len(), 2);
    let dated = run_on("عنوان\n\nقال المبعوث الأممي إن المحادثات مستمرة.", Some("2018-05-01"));
    assert_eq!(mention_texts(&dated, "ghassan_salame").len(), 1);
    let undated = run("عنوان\n\nقال المبعوث الأممي إن المحادثات مستمرة.");
    assert!(!actor_ids(&undated).contains(&"ghassan_salame".to_string()));
}

#[test]
fn a_title_before_an_unknown_name_makes_a_new_actor() {
    let a = run("عنوان\n\nقال السفير زهير بوعلام إن الحوار مهم.");
    let new: Vec<&String> = a.actor_spans.iter().map(|s| &s.id).filter(|i| i.starts_with("new:")).collect();
    assert_eq!(new.len(), 1, "{:?}", actor_ids(&a));
    // A construct chain running into a known name is not a person.
    let b = run("عنوان\n\nقال رئيس جهاز المخابرات الليبية إن الحوار مهم.");
    assert!(b.actor_spans.iter().all(|s| !s.id.starts_with("new:")), "{:?}", actor_ids(&b));
}

#[test]
fn a_person_inside_an_organization_name_is_mentioned() {
    let a = run("عنوان\n\nأعلنت حكومة عبد الله الثني رفضها للاتفاق.");
    assert!(actor_ids(&a).contains(&"abdullah_al_thinni".to_string()), "{:?}", actor_ids(&a));
}

#[test]
fn tripoli_is_libyan_unless_lebanon_is_meant() {
    let a = run("عنوان\n\nاندلعت اشتباكات في طرابلس.");
    let tripoli = &engine().places.iter().find(|p| p.id == place_ids(&a)[0]).unwrap();
    assert_eq!(tripoli.country.as_deref(), Some("LY"));
}

#[test]
fn stoplisted_words_are_not_places_and_facilities_are() {
    let a = run("عنوان\n\nقال البيان الجديد إن مطار معيتيقة أعيد فتحه.");
    let ids = place_ids(&a);
    assert_eq!(ids.len(), 1, "{ids:?}");
    let place = engine().places.iter().find(|p| p.id == ids[0]).unwrap();
    assert_eq!(place.kind.as_str(), "facility");
}

#[test]
fn directions_are_regions_only_in_context() {
    let libya = run("عنوان\n\nتوجه الوفد من طرابلس إلى الشرق.");
    assert!(place_ids(&libya).iter().any(|p| p == "eastern_libya"), "{:?}", place_ids(&libya));
    let vague = run("عنوان\n\nالشرق والغرب كلمتان.");
    assert!(place_ids(&vague).is_empty());
}

fn events(a: &Analysis) -> Vec<(String, Vec<String>, Vec<String>, bool)> {
    a.events
        .iter()
        .map(|e| (engine().triggers[e.trigger as usize].code.clone(), e.source.clone(), e.target.clone(), e.negated))
        .collect()
}

/// The events of an article whose body (after a headline) is `body`.
fn events_in(body: &str) -> Vec<(String, Vec<String>, Vec<String>, bool)> {
    events(&run(&format!("عنوان\n\n{body}")))
}

/// Whether one of `ev` has a code starting `code` and exactly `source` as its source.
fn acts(ev: &[(String, Vec<String>, Vec<String>, bool)], code: &str, source: &[&str]) -> bool {
    ev.iter().any(|(c, s, _, _)| c.starts_with(code) && s == source)
}

/// Whether some event of `code` has exactly this source and this target.
fn acts_on(ev: &[(String, Vec<String>, Vec<String>, bool)], code: &str, source: &[&str], target: &[&str]) -> bool {
    ev.iter().any(|(c, s, t, _)| c.starts_with(code) && s == source && t == target)
}

#[test]
fn vso_verb_takes_the_following_subject_and_a_prepositional_target() {
    let a = run("عنوان\n\nاجتمع فايز السراج مع خليفة حفتر في أبوظبي.");
    let ev = events(&a);
    assert!(acts_on(&ev, "04", &["fayez_al_sarraj"], &["khalifa_haftar"]), "{ev:?}");
    assert!(a.events[0].places.iter().any(|p| engine().places.iter().any(|q| &q.id == p && q.name.contains("Abu"))));
}

#[test]
fn svo_verb_takes_the_preceding_subject() {
    let a = run("عنوان\n\nخليفة حفتر يهدد حكومة الوفاق.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("13") && s == &["khalifa_haftar"]), "{ev:?}");
}

#[test]
fn a_comma_ends_the_phrase_before_a_verb_so_its_subject_follows_it() {
    let a = run("عنوان\n\nوفي بيان مشترك مع المفوض الأوروبي ستيفان فوله، هدد فايز السراج ميليشيات الجضران.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("13") && s == &["fayez_al_sarraj"]), "{ev:?}");
}

#[test]
fn a_noun_opening_what_was_said_is_its_verbs_subject_not_the_speaker() {
    let by_sarraj = |text: &str| events(&run(text)).iter().any(|(code, s, _, _)| code.starts_with("04") && s == &["fayez_al_sarraj"]);
    assert!(!by_sarraj("عنوان\n\nوقال فايز السراج إن المستشفى استقبل عشرات الجرحى."));
    assert!(by_sarraj("عنوان\n\nوقال فايز السراج إنه استقبل الوفد."));
}

#[test]
fn passive_min_qibal_names_the_source() {
    let a = run("عنوان\n\nتمت دعوة ملتقى الحوار السياسي من قبل البعثة الأممية.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("02") && s == &["unsmil"]), "{ev:?}");
}

#[test]
fn min_janib_names_the_agent_like_min_qibal() {
    let a = run("عنوان\n\nوأعلن فايز السراج التوقيع على الاتفاق من جانب مجلس النواب أمس.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("05") && s == &["house_of_representatives"]), "{ev:?}");
}

#[test]
fn negation_is_marked() {
    let a = run("عنوان\n\nلم يلتق فايز السراج مع خليفة حفتر.");
    let ev = events(&a);
    assert!(!ev.is_empty() && ev.iter().all(|e| e.3), "{ev:?}");
}

#[test]
fn any_carries_the_negation_of_its_verb_to_the_noun() {
    let a = run("عنوان\n\nولم يصدر أي بيان من جانب مجلس النواب حول الاتفاق.");
    let ev = events(&a);
    assert!(!ev.is_empty() && ev.iter().all(|e| e.3), "{ev:?}");
}

#[test]
fn the_same_event_told_twice_is_one_event() {
    let a = run("عنوان\n\nقصفت قوات حفتر مطار معيتيقة. وقصفت قوات حفتر المطار مرة أخرى.");
    let bombing: Vec<_> = a.events.iter().filter(|e| engine().triggers[e.trigger as usize].code.starts_with("19")).collect();
    assert_eq!(bombing.len(), 1, "{:?}", events(&a));
    assert_eq!(bombing[0].also.len(), 1);
}

#[test]
fn media_outlets_never_act() {
    let a = run("عنوان\n\nقال مصدر لرويترز إن المحادثات ستستأنف.");
    assert!(a.events.iter().all(|e| !e.source.contains(&"reuters".to_string())), "{:?}", events(&a));
}

#[test]
fn repeated_title_lines_are_counted_once() {
    let a = run("لقاء السراج وحفتر\n\nلقاء السراج وحفتر\n\nالتقى فايز السراج خليفة حفتر.");
    assert_eq!(mention_texts(&a, "khalifa_haftar").len(), 2, "title + body, not the repeat");
}

#[test]
fn windows_1256_twin_gives_the_same_extraction() {
    let text = "اشتباكات في طرابلس\r\n\r\nقالت حكومة الوفاق إن قوات حفتر قصفت مطار معيتيقة يوم 21 فبراير 2020.\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(text);
    let decoded = libya_news::corpus::decode(&bytes).unwrap();
    assert_eq!(decoded.encoding, "windows-1256");
    let a = run(text);
    let b = run(&decoded.text);
    assert_eq!(actor_ids(&a), actor_ids(&b));
    assert_eq!(place_ids(&a), place_ids(&b));
    assert_eq!(a.dates.iter().map(|d| d.value.clone()).collect::<Vec<_>>(), b.dates.iter().map(|d| d.value.clone()).collect::<Vec<_>>());
    assert_eq!(events(&a), events(&b));
}

#[test]
fn a_facility_names_its_owner_as_an_actor() {
    let a = run("عنوان\n\nاقتحم مسلحون مقر المؤسسة الوطنية للنفط صباح اليوم.");
    assert!(place_ids(&a).iter().any(|p| p.contains("noc")), "{:?}", place_ids(&a));
    assert_eq!(mention_texts(&a, "national_oil_corporation"), vec!["المؤسسة الوطنية للنفط"]);
}

#[test]
fn a_ministry_in_a_government_names_the_government_too() {
    let a = run("عنوان\n\nأصدرت وزارة الخارجية في حكومة الوفاق بيانا.");
    assert!(actor_ids(&a).contains(&"government_of_national_accord".to_string()), "{:?}", actor_ids(&a));
    // A mission of the UN is not the UN: no في or ب before the inner name.
    let b = run("عنوان\n\nرحبت بعثة الأمم المتحدة للدعم في ليبيا بالاتفاق.");
    assert!(!actor_ids(&b).contains(&"united_nations".to_string()), "{:?}", actor_ids(&b));
}

#[test]
fn states_coordinated_after_a_locative_are_places_but_with_or_against_are_parties() {
    let a = run("عنوان\n\nتحدث الوزير عن الانتخابات في مصر وتونس أمس.");
    let ids = actor_ids(&a);
    assert!(!ids.contains(&"egypt".to_string()) && !ids.contains(&"tunisia".to_string()), "{ids:?}");
    let b = run("عنوان\n\nوقعت الحكومة اتفاقيات مع السودان وتشاد والنيجر.");
    let ids = actor_ids(&b);
    for state in ["sudan", "chad", "niger"] {
        assert!(ids.contains(&state.to_string()), "{state}: {ids:?}");
    }
}

#[test]
fn police_units_are_the_libyan_police() {
    let a = run("عنوان\n\nانتشر عناصر الشرطة حول مراكز الاقتراع.");
    assert_eq!(mention_texts(&a, "libyan_police"), vec!["عناصر الشرطة"]);
}

#[test]
fn an_unknown_name_may_follow_title_and_nationality() {
    let a = run("عنوان\n\nوقال الإعلامي الليبي نادر الشيباني إن الوضع هادئ.");
    assert_eq!(mention_texts(&a, "new:نادر_الشيباني"), vec!["نادر الشيباني"], "{:?}", actor_ids(&a));
}

#[test]
fn unknown_names_stop_at_days_verbs_and_organizations() {
    // A weekday ends the name; a verb from the event table or an organization's head noun is
    // never a name.
    let a = run("عنوان\n\nوقالت المتحدثة كارلا مونتيس الأربعاء إن البعثة مستعدة.");
    assert_eq!(mention_texts(&a, "new:كارلا_مونتيس"), vec!["كارلا مونتيس"], "{:?}", actor_ids(&a));
    for text in ["عنوان\n\nوقال رئيس شركة نفط الواحة إن الإنتاج توقف.", "عنوان\n\nرئيس الجمهورية يستقبل نادر الشيباني في قصر قرطاج."] {
        let ids = actor_ids(&run(text));
        assert!(!ids.iter().any(|i| i.starts_with("new:شركه") || i.starts_with("new:يستقبل")), "{ids:?}");
    }
}

#[test]
fn a_given_name_and_name_words_are_a_new_person_named_again_by_the_family_name() {
    let a = run("عنوان\n\nقال أحمد الفرشيشي إن الوضع هادئ. وأضاف الفرشيشي أن المدارس مفتوحة.");
    assert_eq!(mention_texts(&a, "new:احمد_الفرشيشي"), vec!["أحمد الفرشيشي", "الفرشيشي"], "{:?}", actor_ids(&a));
    // A known person's family name after another given name: a relative, not that person.
    let relative = run("عنوان\n\nقال أحمد الفرجاني إن الوضع هادئ.");
    assert_eq!(actor_ids(&relative), vec!["new:احمد_الفرجاني"]);
    // A father's name and a compound joined by عبد are part of the name; a family name
    // without the article ends it.
    let b = run("عنوان\n\nوصل عبد الله محمد عبد المولى الزنتوتي إلى المدينة، ثم التقى خالد مشعول وفدا.");
    assert_eq!(mention_texts(&b, "new:عبد_الله_محمد_عبد_المولي_الزنتوتي"), vec!["عبد الله محمد عبد المولى الزنتوتي"], "{:?}", actor_ids(&b));
    assert_eq!(mention_texts(&b, "new:خالد_مشعول"), vec!["خالد مشعول"], "{:?}", actor_ids(&b));
}

#[test]
fn a_given_name_is_no_person_inside_a_word_a_place_name_or_before_a_verb() {
    // After a proclitic other than و, after the head of a place named after a person, before a
    // present-tense verb.
    for text in ["مر بمحمود الفرجاني أمس.", "افتتحت جامعة عمر الفيتوري أبوابها.", "قال إن محمد يرأس الوفد."] {
        let a = run(&format!("عنوان\n\n{text}"));
        assert!(!actor_ids(&a).iter().any(|id| id.starts_with("new:")), "{text}: {:?}", actor_ids(&a));
    }
}

#[test]
fn a_known_person_cut_short_or_with_a_father_name_is_no_new_person() {
    // "المرزوكي" is misspelt: the name is cut short at it, and only Marzouki's names begin so.
    let a = run("عنوان\n\nأجرى محمد المنصف المرزوكي اتصالا هاتفيا.");
    assert_eq!(mention_texts(&a, "moncef_marzouki"), vec!["محمد المنصف"], "{:?}", actor_ids(&a));
    let b = run("عنوان\n\nوصل عبد الله عبد الرحمن الثني إلى البيضاء.");
    assert!(!actor_ids(&b).iter().any(|id| id.starts_with("new:")), "{:?}", actor_ids(&b));
}

#[test]
fn unnamed_groups_act_and_are_reported_only_where_they_take_part() {
    let a = run("عنوان\n\nاقتحم مسلحون مقر المؤسسة الوطنية للنفط في طرابلس.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("18") && s == &["gunmen"]), "{ev:?}");
    assert!(actor_ids(&a).contains(&"gunmen".to_string()));
    // Named in passing, an unnamed group is background: not an actor of the article.
    let a = run("عنوان\n\nعقد المجلس الرئاسي جلسة في طرابلس بحضور ممثلين عن الأطراف الليبية.");
    assert!(!actor_ids(&a).contains(&"libyan_parties".to_string()), "{:?}", actor_ids(&a));
}

#[test]
fn clashes_between_two_sides_take_the_first_as_source() {
    let a = run("عنوان\n\nاندلعت اشتباكات عنيفة بين الجيش الوطني الليبي ومجلس شورى ثوار بنغازي.");
    let ev = events(&a);
    assert!(
        ev.iter().any(|(code, s, t, _)| code.starts_with("19") && s == &["libyan_national_army"] && t.len() == 1),
        "{ev:?}"
    );
}

#[test]
fn an_agreement_between_two_sides_is_theirs() {
    let ev = events_in("اتفاق بين فايز السراج وخليفة حفتر على إجراء انتخابات في ديسمبر.");
    assert!(acts_on(&ev, "05", &["fayez_al_sarraj"], &["khalifa_haftar"]), "{ev:?}");
}

#[test]
fn an_object_pronoun_points_back_at_the_target() {
    let a = run("عنوان\n\nانتقد خليفة حفتر قطر بشدة واتهمها بدعم الإرهاب في ليبيا.");
    let ev = events(&a);
    assert!(acts_on(&ev, "11", &["khalifa_haftar"], &["qatar"]), "{ev:?}");
}

#[test]
fn a_pronoun_subject_after_anna_is_the_speaker() {
    let a = run("عنوان\n\nقال عقيلة صالح إنه يطالب المجلس الرئاسي بالاستقالة.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("10") && s == &["aguila_saleh"]), "{ev:?}");
}

#[test]
fn purposes_and_relative_clauses_are_not_events() {
    // "لدعم" is what the visit is for; "التي تدعمها" describes the government.
    let a = run("عنوان\n\nوصل وزير الخارجية التركي إلى طرابلس لدعم حكومة الوفاق التي تدعمها الأمم المتحدة.");
    let ev = events(&a);
    assert!(ev.iter().all(|(code, _, _, _)| !code.starts_with("05")), "{ev:?}");
    // The withdrawal is what Turkey is called on to do, not something that happened.
    let a = run("عنوان\n\nدعا مجلس الأمن تركيا إلى انسحاب القوات الأجنبية من ليبيا.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, _, _, _)| code.starts_with("02")) && ev.iter().all(|(code, _, _, _)| !code.starts_with("08")), "{ev:?}");
}

#[test]
fn a_definite_noun_retells_an_earlier_event() {
    let a = run("عنوان\n\nالتقى فايز السراج مع خليفة حفتر في أبوظبي. وتناول اللقاء الأوضاع في ليبيا.");
    let meetings: Vec<_> = a.events.iter().filter(|e| engine().triggers[e.trigger as usize].code.starts_with("04")).collect();
    assert_eq!(meetings.len(), 1, "{:?}", events(&a));
    assert_eq!(meetings[0].also.len(), 1);
}

#[test]
fn a_target_may_stand_behind_a_head_noun() {
    let a = run("عنوان\n\nاجتمع مسؤولون أمريكيون مع ممثلي الجيش الوطني الليبي في روما.");
    let ev = events(&a);
    assert!(ev.iter().all(|(_, s, _, _)| s != &["libyan_national_army"]), "{ev:?}");
}

#[test]
fn coordinated_subjects_act_together() {
    let a = run("عنوان\n\nدعت فرنسا والولايات المتحدة الأطراف الليبية إلى وقف القتال.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("02") && s == &["france", "united_states"]), "{ev:?}");
}

#[test]
fn a_person_joined_over_his_title_is_a_subject_not_the_object() {
    let ev = events_in("دعا رئيس المجلس الرئاسي فائز السراج ووزير الخارجية الليبي محمد سيالة المبعوث الأممي غسان سلامة إلى زيارة طرابلس.");
    assert!(
        ev.iter().any(|(code, s, t, _)| code.starts_with("02") && s.contains(&"mohamed_siala".to_string()) && t == &["ghassan_salame"]),
        "{ev:?}"
    );
    // Over a bare title the tables hold no role for.
    let ev = events_in("دعا رئيس المجلس الرئاسي فائز السراج والعميد أحمد المسماري المبعوث الأممي غسان سلامة إلى زيارة طرابلس.");
    assert!(
        ev.iter().any(|(code, s, t, _)| code.starts_with("02") && s.contains(&"ahmed_al_mismari".to_string()) && t == &["ghassan_salame"]),
        "{ev:?}"
    );
}

#[test]
fn shells_that_fell_are_shelling_by_whoever_fired_them() {
    let ev = events_in("قتل ثلاثة مدنيين إثر سقوط قذائف هاون على حي سكني في طرابلس.");
    assert!(ev.iter().any(|(code, s, _, _)| code == "194" && s.is_empty()), "{ev:?}");
    // So are clashes nobody is said to fight (the guidelines' gold codes them with no source),
    // and the dead in them are not their target.
    let ev = events_in("قتل ثلاثة مدنيين في اشتباكات عنيفة في طرابلس.");
    assert!(ev.iter().all(|(code, s, t, _)| code.starts_with("19") && s.is_empty() && t.is_empty()) && !ev.is_empty(), "{ev:?}");
}

#[test]
fn an_agentless_blast_of_a_bombing_someone_carried_out_is_that_bombing() {
    let bombings: Vec<_> = events_in("وقال الجيش إن تنظيم الدولة الإسلامية فجر سيارة مفخخة في درنة. وأسفر انفجار سيارة مفخخة عن مقتل سبعة أشخاص.")
        .into_iter().filter(|(code, _, _, _)| code.starts_with("18")).collect();
    assert_eq!(bombings.len(), 1, "{bombings:?}");
    assert_eq!(bombings[0].1, ["islamic_state"]);
}

#[test]
fn a_verb_opening_its_sentence_before_a_construct_phrase_has_that_phrase_for_subject() {
    let ev = events_in("اتهم خليفة حفتر قطر بدعم الإرهاب.\nحض محامي الرئيس الفرنسي الأسبق نيكولا ساركوزي نيابة باريس على تسليم الوثائق.");
    assert!(ev.iter().all(|(code, _, _, _)| !code.starts_with("02")), "{ev:?}");
    // Not a preposition's phrase: "وطالب بضرورة الإسراع" goes on about the last actor.
    let ev = events_in("اتهم خليفة حفتر قطر بدعم الإرهاب.\nوطالب بضرورة الإسراع في تسليح الجيش.");
    assert!(acts(&ev, "10", &["khalifa_haftar"]), "{ev:?}");
}

#[test]
fn fighters_and_staff_of_a_body_act_as_that_body() {
    let ev = events_in("قال مسؤول أمني إن خمسة جنود قتلوا عندما هاجم مقاتلو تنظيم الدولة الإسلامية نقطة تفتيش قرب البريقة.");
    assert!(acts(&ev, "19", &["islamic_state"]), "{ev:?}");
}

#[test]
fn what_was_said_with_its_own_subject_is_not_the_speakers_doing() {
    let ev = events_in("وقال أحمد المسماري إن سلاح الطيران التابع للحكومة نفذ ضربة جوية على مواقع تنظيم الدولة الإسلامية في درنة.");
    assert!(ev.iter().all(|(code, s, _, _)| !code.starts_with("19") || !s.contains(&"ahmed_al_mismari".to_string())), "{ev:?}");
    // A noun with the speaker's pronoun after أن is still his side's doing.
    let ev = events_in("وأعلن الجيش الليبي أن طائراته نفذت ضربات جوية على مواقع تنظيم الدولة الإسلامية في درنة.");
    assert!(acts(&ev, "19", &["libyan_national_army"]), "{ev:?}");
}

#[test]
fn an_abduction_is_an_event_even_by_unknown_hands_and_its_participle_names_the_victim() {
    let ev = events_in("تم اختطاف رئيس الوزراء علي زيدان من فندق في طرابلس.");
    assert!(ev.iter().any(|(code, s, t, _)| code == "181" && s.is_empty() && t == &["ali_zeidan"]), "{ev:?}");
    let ev = events_in("وأكد وزير الخارجية أن الصحفي علي زيدان المختطف بصحة جيدة.");
    let abductions: Vec<_> = ev.iter().filter(|(code, _, _, _)| code == "181").collect();
    assert!(!abductions.is_empty() && abductions.iter().all(|(_, s, t, _)| s.is_empty() && t == &["ali_zeidan"]), "{ev:?}");
    // After a definite noun the tables do not know, too: who freed them did not abduct them.
    let ev = events_in("وأفرجت قوة الردع الخاصة عن الصحفيين المختطفين في طرابلس.");
    assert!(acts(&ev, "08", &["rada_special_deterrence_force"]) && !acts(&ev, "18", &["rada_special_deterrence_force"]), "{ev:?}");
}

#[test]
fn a_verb_without_a_subject_next_to_it_does_not_borrow_an_earlier_object() {
    let a = run("عنوان\n\nاستقبلت تركيا خليفة حفتر في أنقرة، ثم هاجمت طائرات مجهولة مطار معيتيقة.");
    let ev = events(&a);
    assert!(
        ev.iter().all(|(_, s, _, _)| !s.contains(&"khalifa_haftar".to_string()) && !s.contains(&"libyan_national_army".to_string())),
        "{ev:?}"
    );
}

#[test]
fn the_agent_of_an_attack_follows_shannahu_and_the_victim_of_taarrada_is_the_target() {
    let a = run("عنوان\n\nقتل ثلاثة جنود في هجوم مباغت شنه تنظيم داعش على بوابة في درنة.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("19") && s == &["islamic_state"]), "{ev:?}");
    let a = run("عنوان\n\nتعرض موكب فايز السراج إلى هجوم مسلح في طرابلس.");
    let ev = events(&a);
    assert!(ev.iter().all(|(_, s, _, _)| !s.contains(&"fayez_al_sarraj".to_string())), "{ev:?}");
}

#[test]
fn a_received_noun_is_done_by_whom_min_names_to_the_receiver() {
    // تلقى, واجه and تعرض لـ: the giver after من acts, the verb's subject receives.
    let cases = [
        ("تلقى فايز السراج اتصالا هاتفيا من وزير الخارجية الإيطالي أنجلينو ألفانو.", "04", "angelino_alfano", "fayez_al_sarraj"),
        ("وواجه السراج انتقادات حادة من مجلس النواب.", "11", "house_of_representatives", "fayez_al_sarraj"),
        ("وتعرض حفتر لانتقادات من الأمم المتحدة.", "11", "united_nations", "khalifa_haftar"),
        ("وتسلم فايز السراج دعوة لزيارة روما من رئيس الوزراء الإيطالي جوزيبي كونتي.", "02", "giuseppe_conte", "fayez_al_sarraj"),
        // A receiving verb joined by و shares the subject its sentence opened with.
        ("واختار السراج الحوار مع خصومه، وواجه انتقادات حادة من مجلس النواب.", "11", "house_of_representatives", "fayez_al_sarraj"),
    ];
    for (text, root, source, target) in cases {
        let ev = events(&run(&format!("عنوان\n\n{text}")));
        assert!(ev.iter().any(|(code, s, t, _)| code.starts_with(root) && s == &[source] && t == &[target]), "{text}: {ev:?}");
    }
    // With no giver named, the receiver does not do what he receives.
    for (text, root, receiver) in [
        ("وواجه فايز السراج انتقادات حادة بسبب الاتفاق.", "11", "fayez_al_sarraj"),
        ("وتلقى خليفة حفتر دعوة لزيارة روما.", "02", "khalifa_haftar"),
        ("واستلم خليفة حفتر دعوة لزيارة روما.", "02", "khalifa_haftar"),
        ("إعلان زعماء القبائل إقليم برقة إقليما فدراليا قوبل بمظاهرات في بنغازي.", "14", "tribes"),
    ] {
        let ev = events_in(text);
        assert!(!acts(&ev, root, &[receiver]), "{text}: {ev:?}");
    }
}

#[test]
fn a_definite_head_noun_stands_for_the_body_named_before_it() {
    let a = run("عنوان\n\nأعلنت وزارة الخارجية التونسية الإفراج عن المحتجزين. وثمنت الوزارة تعاون السلطات الليبية.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("05") && s.len() == 1 && s[0].contains("foreign")), "{ev:?}");
    // Followed by a definite word, the head names another body, not the one before.
    let a = run("عنوان\n\nأعلنت وزارة الخارجية التونسية الإفراج عن المحتجزين. وثمنت الوزارة المعنية تعاون السلطات الليبية.");
    let ev = events(&a);
    assert!(ev.iter().all(|(code, _, _, _)| !code.starts_with("05")), "{ev:?}");
}

#[test]
fn a_reporting_verb_speaks_only_for_what_follows_it() {
    let a = run("عنوان\n\nاجتمع ممثلون عن البلديات في جنيف، بينما أعلن خليفة حفتر استعداده للحوار.");
    let ev = events(&a);
    assert!(ev.iter().all(|(code, s, _, _)| !(code.starts_with("04") && s.contains(&"khalifa_haftar".to_string()))), "{ev:?}");
}

#[test]
fn a_title_may_stand_between_a_verb_and_its_subject() {
    let a = run("عنوان\n\nهدد اللواء الليبي المتقاعد خليفة حفتر باقتحام طرابلس.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("13") && s == &["khalifa_haftar"]), "{ev:?}");
}

#[test]
fn event_actors_are_actors_of_the_article() {
    // A commander's forces stand for him only where the article names them.
    for text in ["عنوان\n\nقصف خليفة حفتر مواقع في درنة.", "عنوان\n\nقصفت قوات حفتر مواقع في درنة، وأعلن الجيش الوطني الليبي ذلك."] {
        let a = run(text);
        let ids = actor_ids(&a);
        for e in &a.events {
            for id in e.source.iter().chain(&e.target) {
                assert!(ids.contains(id), "{id} not among {ids:?} in {:?}", events(&a));
            }
        }
    }
}

#[test]
fn a_possessive_pronoun_on_a_noun_is_the_actor_named_before() {
    let a = run("عنوان\n\nونسبت الوكالة إلى خليفة حفتر قوله، لدى اجتماعه مع أعيان بنغازي، إن الجيش سيواصل القتال.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("04") && s == &["khalifa_haftar"]), "{ev:?}");
}

#[test]
fn a_verb_opening_a_sentence_without_a_subject_goes_on_about_the_topic() {
    let a = run("عنوان\n\nانتقد أحمد قذاف الدم أحكام المحكمة. وهدد بملاحقة القضاة في طرابلس.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("13") && s == &["ahmed_gaddaf_al_dam"]), "{ev:?}");
}

#[test]
fn delegates_of_a_body_make_the_body_act() {
    let a = run("عنوان\n\nاجتمع ممثلون عن المجالس البلدية في جنيف أمس.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("04") && s.len() == 1 && s[0].contains("municipal")), "{ev:?}");
    // Without a delegate noun, a preposition still keeps the actor out of subject position.
    let a = run("عنوان\n\nاجتمع في جنيف مع المجالس البلدية أمس.");
    let ev = events(&a);
    assert!(ev.iter().all(|(_, s, _, _)| s.iter().all(|id| !id.contains("municipal"))), "{ev:?}");
}

#[test]
fn who_takes_part_in_a_round_of_talks_acts_in_it() {
    let a = run("عنوان\n\nوعقدت جولة ثانية من المحادثات في جنيف بمشاركة وفد من مجلس النواب.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("04") && s == &["house_of_representatives"]), "{ev:?}");
}

#[test]
fn an_actor_in_apposition_inside_a_prepositional_phrase_is_not_a_subject() {
    // "مع رئيس حكومة الوفاق فائز السراج": Sarraj is who Guterres talked with, not who called.
    let a = run("عنوان\n\nبحث غوتيريش مع رئيس حكومة الوفاق فائز السراج، خلال اتصال هاتفي، الأوضاع في ليبيا.");
    let ev = events(&a);
    assert!(ev.iter().all(|(_, s, _, _)| !s.contains(&"fayez_al_sarraj".to_string())), "{ev:?}");
    assert!(ev.iter().all(|(_, s, _, _)| !s.contains(&"government_of_national_accord".to_string())), "{ev:?}");
}

#[test]
fn a_conditional_event_has_not_happened() {
    let a = run("عنوان\n\nهددت تركيا برد حازم إذا حاولت قوات الجيش الليبي مهاجمة وحداتها في طرابلس.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("13") && s == &["turkey"]), "{ev:?}");
    // The attack is only what would trigger the threat: the army has not attacked.
    assert!(ev.iter().all(|(code, s, _, _)| !(code.starts_with("1") && s.contains(&"libyan_national_army".to_string()))), "{ev:?}");
    let a = run("عنوان

هاجمت قوات الجيش الليبي وحدات تركية في طرابلس.");
    assert!(events(&a).iter().any(|(code, s, _, _)| code.starts_with("1") && s == &["libyan_national_army"]), "{:?}", events(&a));
}

#[test]
fn a_noun_trigger_is_not_a_head_noun_for_its_own_target() {
    // "من انسحاب الحكومة": the government withdraws; من belongs to the phrase before.
    let a = run("عنوان\n\nعادت المحادثات بعد أيام من انسحاب حكومة الوفاق الوطني.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("08") && s == &["government_of_national_accord"]), "{ev:?}");
}

#[test]
fn a_commanders_forces_are_his_armed_group_when_the_article_names_it() {
    let text = "عنوان\n\nهددت تركيا بالرد على قوات القائد المشير خليفة حفتر. ويقود حفتر الجيش الوطني الليبي منذ 2014.";
    let ev = events(&run(text));
    assert!(acts_on(&ev, "13", &["turkey"], &["libyan_national_army"]), "{ev:?}");
    // Not named: the commander himself.
    let ev = events(&run("عنوان\n\nهددت تركيا بالرد على قوات القائد المشير خليفة حفتر."));
    assert!(ev.iter().any(|(code, _, t, _)| code.starts_with("13") && t == &["khalifa_haftar"]), "{ev:?}");
}

#[test]
fn a_word_that_begins_with_alif_lam_is_not_a_definite_retelling() {
    // The ال of "التزامه" belongs to the word: Haftar's commitment is an event of its own, not
    // one more mention of Sarraj's readiness.
    let a = run("عنوان\n\nأعلن فايز السراج استعداده للتعاون. وأطلع وفد الجيش الوطني الليبي الوفد الأمريكي على التزامه بالحوار.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("03") && s == &["libyan_national_army"]), "{ev:?}");
}

#[test]
fn a_word_spelled_with_ta_marbuta_is_no_verb() {
    // "حذرة" (cautious) normalizes like "حذره" (warned him); the original ة says it is no verb.
    let a = run("عنوان\n\nاختارت الولايات المتحدة إستراتيجية حذرة في ليبيا.");
    let ev = events(&a);
    assert!(ev.iter().all(|(code, _, _, _)| !code.starts_with("13")), "{ev:?}");
    // "سيطرة" is the verbal noun, not "سيطره" (took it): its possessor acts.
    let a = run("عنوان\n\nأعلن الجيش الوطني الليبي سيطرة قوات حفتر على درنة.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("19") && s == &["libyan_national_army"]), "{ev:?}");
}

#[test]
fn a_verb_form_listed_as_written_finds_its_subject_over_a_title() {
    let a = run("عنوان\n\nهنأت وزيرة الخارجية هيلاري كلينتون الليبيين بنجاح الانتخابات.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("05") && s == &["hillary_clinton"]), "{ev:?}");
}

#[test]
fn warning_of_a_danger_is_a_comment_and_warning_someone_a_threat() {
    let a = run("عنوان\n\nجان إيف لودريان يحذر من وصول عدد كبير من الإرهابيين إلى سرت.");
    let ev = events(&a);
    assert!(ev.iter().all(|(code, _, _, _)| !code.starts_with("13")), "{ev:?}");
    let a = run("عنوان\n\nوحذر البرلمان الليبي ميليشيات فجر ليبيا من مغبة التصعيد.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, _, t, _)| code.starts_with("13") && t == &["libya_dawn"]), "{ev:?}");
    // With the subject between the verb and من, and the danger naming a group spoken of, not
    // spoken to, the warning is still a comment.
    let ev = events_in("حذر وزير الدفاع الفرنسي جان إيف لودريان من خطر تدفق مقاتلي تنظيم الدولة الإسلامية إلى ليبيا.");
    assert!(acts(&ev, "012", &["jean_yves_le_drian"]) && !acts(&ev, "13", &["jean_yves_le_drian"]), "{ev:?}");
    let ev = events_in("حذرت الولايات المتحدة الأطراف الليبية من عرقلة الانتخابات.");
    assert!(ev.iter().any(|(code, s, t, _)| code == "130" && s == &["united_states"] && t == &["libyan_parties"]), "{ev:?}");
}

#[test]
fn after_inna_the_subject_comes_before_its_verb() {
    let a = run("عنوان\n\nوقال المحلل عبد الباسط بن هامل إن ميليشيات سرايا الدفاع عن بنغازي وأخرى من المعارضة التشادية، تعاونت مع إبراهيم الجضران.");
    let ev = events(&a);
    assert!(acts_on(&ev, "06", &["benghazi_defense_brigades"], &["ibrahim_jadhran"]), "{ev:?}");
}

#[test]
fn what_is_called_necessary_is_not_done() {
    let a = run("عنوان\n\nوناقش الوفد الأمريكي مع فايز السراج ضرورة وقف فوري لإطلاق النار.");
    let ev = events(&a);
    assert!(ev.iter().all(|(code, _, _, _)| !code.starts_with("08")), "{ev:?}");
}

#[test]
fn a_phrase_holding_a_place_name_names_no_place() {
    let a = run("عنوان\n\nأعلنت المؤسسة الوطنية للنفط حالة القوة القاهرة في ميناء الزويتينة. وعاد إلى مسقط رأسه سرت.");
    let ids = actor_ids(&a);
    assert!(!ids.contains(&"egypt".to_string()) && !ids.contains(&"oman".to_string()), "{ids:?}");
    let places = place_ids(&a);
    assert_eq!(places.len(), 2, "{places:?}");
    // A white flag is no Bayda, an angle to look from no Zawiya; the cities themselves still are.
    let a = run("عنوان\n\nرفع المسلحون الراية البيضاء، وقال إن المسألة ينظر إليها من هذه الزاوية.");
    assert!(place_ids(&a).is_empty(), "{:?}", place_ids(&a));
    assert_eq!(place_ids(&run("عنوان\n\nوصل الوفد إلى البيضاء ثم إلى الزاوية.")).len(), 2);
    // "الشقيقة" is a brotherly state's epithet, and a town only after a preposition.
    assert!(place_ids(&run("عنوان\n\nوزار الوفد الدولة الشقيقة.")).is_empty());
    assert!(place_ids(&run("عنوان\n\nواندلعت اشتباكات في الشقيقة قرب غريان.")).contains(&"al_shgaiga".to_string()));
}

#[test]
fn unnamed_members_of_a_named_group_act_as_the_group() {
    let a = run("عنوان\n\nاقتحم متشددون من تنظيم داعش نقطة تفتيش قرب أجدابيا.");
    let ev = events(&a);
    assert!(acts_on(&ev, "18", &["islamic_state"], &[]), "{ev:?}");
}

#[test]
fn an_actor_in_construct_after_a_noun_is_not_the_subject() {
    // The lawyer urges, not Sarkozy; after an adverb or a delegate noun the subject still acts.
    let a = run("عنوان\n\nحض محامي الرئيس الفرنسي الأسبق نيكولا ساركوزي القضاة على الإسراع.");
    let ev = events(&a);
    assert!(ev.iter().all(|(_, s, _, _)| !s.contains(&"nicolas_sarkozy".to_string())), "{ev:?}");
    let a = run("عنوان\n\nاجتمع أمس خليفة حفتر مع فايز السراج في أبوظبي.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("04") && s == &["khalifa_haftar"]), "{ev:?}");
}

#[test]
fn who_suffers_a_possessed_noun_does_not_do_it() {
    let a = run("عنوان\n\nالصحفيان سفيان الشورابي ونذير القطاري محتجزان في ليبيا، والوزارة تعمل من أجل إطلاق سراحهما.");
    let ev = events(&a);
    assert!(ev.iter().all(|(code, s, _, _)| !(code.starts_with("08") && (s.contains(&"sofiane_chourabi".to_string()) || s.contains(&"nadhir_ktari".to_string())))), "{ev:?}");
}

#[test]
fn a_form_ending_in_its_preposition_has_its_object_after_it() {
    let a = run("عنوان\n\nوشارك في قمة الاتحاد الأفريقي وفد رفيع.");
    let ev = events(&a);
    assert!(ev.iter().all(|(_, s, _, _)| !s.contains(&"african_union".to_string())), "{ev:?}");
    // Further on, after the preposition's object, the subject may still follow.
    let a = run("عنوان\n\nوشارك في الاجتماع فايز السراج.");
    let ev = events(&a);
    assert!(ev.iter().any(|(_, s, _, _)| s == &["fayez_al_sarraj"]), "{ev:?}");
}

#[test]
fn laysa_negates_what_follows() {
    let a = run("عنوان\n\nقال خليفة حفتر إن قواته ليست مستعدة للحوار مع الميليشيات.");
    let ev = events(&a);
    assert!(ev.iter().filter(|(code, _, _, _)| code.starts_with("03")).all(|(_, _, _, negated)| *negated), "{ev:?}");
    assert!(ev.iter().any(|(code, _, _, _)| code.starts_with("03")), "{ev:?}");
}

#[test]
fn a_preposition_written_apart_still_governs_its_noun() {
    // "بـ عملية الكرامة" is a name after a preposition: not who sets the condition.
    let a = run("عنوان\n\nوأكد خليفة حفتر قائد ما يعرف بـ عملية الكرامة أنه مستعد للدخول في تسوية، شريطة تسوية تسليح الجيش.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("10") && s == &["khalifa_haftar"]), "{ev:?}");
}

#[test]
fn a_verb_form_after_a_preposition_is_the_verbal_noun() {
    let a = run("عنوان\n\nوحصل فايز السراج على دعم من الولايات المتحدة.");
    let support: Vec<&str> = a.events.iter().filter(|e| e.mention.text == "دعم").map(|e| e.rule.as_str()).collect();
    assert!(!support.is_empty() && support.iter().all(|r| r.contains("(noun)")), "{support:?}");
}

#[test]
fn a_noun_governed_by_a_preposition_takes_no_subject_from_an_earlier_clause() {
    let a = run("عنوان\n\nوصل خليفة حفتر إلى بنغازي، والمطار تحت سيطرة تامة.");
    let ev = events(&a);
    assert!(ev.iter().all(|(code, _, _, _)| !code.starts_with("19")), "{ev:?}");
    // Its own possessor still acts.
    let a = run("عنوان\n\nوصل خليفة حفتر إلى بنغازي، والميناء تحت سيطرة الجماعات المسلحة.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("19") && s == &["armed_groups"]), "{ev:?}");
}

#[test]
fn a_circumstantial_participle_speaks_for_the_main_verbs_subject() {
    // The object before "مطالبا" is not who demands; the subject of "هنأت" is.
    let a = run("عنوان\n\nهنأت وزيرة الخارجية هيلاري كلينتون الشعب الليبي بنجاح الانتخابات، مطالبا بالإسراع في تشكيل الحكومة.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("10") && s == &["hillary_clinton"]), "{ev:?}");
    // With no event naming it, the sentence's first actor outside a preposition is the subject.
    let a = run("عنوان\n\nوصفت وزيرة الخارجية هيلاري كلينتون الانتخابات الليبية بأنها تاريخية، مطالبا بالإسراع.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("10") && s == &["hillary_clinton"]), "{ev:?}");
}

#[test]
fn a_verb_phrase_ending_in_ta_marbuta_is_still_a_verb() {
    // Only the verb's own spelling tells a noun: "بمواجهة" ending the phrase does not.
    let a = run("عنوان\n\nالجيش الليبي يتعهد بمواجهة الإرهاب.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("13") && s == &["libyan_national_army"]), "{ev:?}");
}

#[test]
fn lam_lam_before_a_name_is_a_preposition() {
    // "للشعب الليبي" is ل + "الشعب الليبي": not the possessor of the noun before it.
    let a = run("عنوان\n\nوقال إن بلاده ستكون شريكا للشعب الليبي.");
    let ev = events(&a);
    assert!(ev.iter().all(|(_, s, _, _)| !s.contains(&"libyan_people".to_string())), "{ev:?}");
}

#[test]
fn min_right_after_a_verbal_noun_introduces_who_does_it() {
    let a = run("عنوان\n\nعقد الاجتماع في تونس بدعوة من الاتحاد الأفريقي.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("02") && s == &["african_union"]), "{ev:?}");
}

#[test]
fn an_anaphor_before_another_name_is_the_subject() {
    // "الحكومة المجتمع الدولي": the next definite word opens a name, not an adjective of the head.
    let a = run("عنوان\n\nأعلنت الحكومة الليبية المؤقتة حالة الطوارئ. وطالب الحكومة المجتمع الدولي برفع الحظر.");
    let ev = events(&a);
    assert!(acts_on(&ev, "10", &["interim_government"], &["international_community"]), "{ev:?}");
}

#[test]
fn a_speaker_is_the_last_name_before_what_he_said() {
    // Long titles stand between "قال" and the name; "إنه" then refers to him.
    let a = run("عنوان\n\nوقال آمر كتيبة المشاة التابعة للجيش الليبي العقيد أحمد المسماري، إنه يتوجب على المجتمع الدولي دعم الجيش.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("02") && s == &["ahmed_al_mismari"]), "{ev:?}");
    // A name in construct with an indefinite noun is not the speaker: the summary speaks.
    let a = run("عنوان\n\nوتفيد خلاصة السلطات الليبية أن الوثيقة مزورة.");
    let ev = events(&a);
    assert!(ev.iter().all(|(_, s, _, _)| s.is_empty() || !s.contains(&"libya".to_string())), "{ev:?}");
}

#[test]
fn what_someone_is_accused_of_is_not_reported_as_done() {
    let a = run("عنوان\n\nخليفة حفتر يتهم تركيا مجددا بدعم الإرهاب في ليبيا.");
    let ev = events(&a);
    assert!(acts_on(&ev, "11", &["khalifa_haftar"], &["turkey"]), "{ev:?}");
    assert!(ev.iter().all(|(code, _, _, _)| !code.starts_with("05")), "{ev:?}");
}

#[test]
fn a_verbal_noun_a_speaker_talks_about_is_not_his_act() {
    let a = run("عنوان\n\nوقال فايز السراج إن محادثات جنيف مستمرة.");
    let ev = events(&a);
    assert!(ev.iter().all(|(code, _, _, _)| !code.starts_with("04")), "{ev:?}");
    // A verb he reports still takes him as its source.
    let a = run("عنوان\n\nوقال فايز السراج إنه التقى خليفة حفتر في أبوظبي.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("04") && s == &["fayez_al_sarraj"]), "{ev:?}");
}

#[test]
fn a_present_verb_after_a_content_word_has_its_object_after_it() {
    // "أوروبا تدعو": Europe calls on the congress; the congress is not the caller.
    let a = run("عنوان\n\nأوروبا تدعو المؤتمر الوطني العام للالتحاق بالاتفاق.");
    let ev = events(&a);
    assert!(ev.iter().all(|(_, s, _, _)| !s.contains(&"general_national_congress".to_string())), "{ev:?}");
    // Opening its clause, the verb still has its subject after it.
    let a = run("عنوان\n\nكما يدعو المؤتمر الوطني العام إلى الحوار.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("02") && s == &["general_national_congress"]), "{ev:?}");
}

#[test]
fn a_clause_subject_far_from_a_verbal_noun_is_not_its_agent() {
    let a = run("عنوان\n\nالولايات المتحدة تدخل على خط الأزمة الليبية بعد تصعيد كبير في العاصمة طوال الأسابيع الماضية عبر تهديد علني.");
    let ev = events(&a);
    assert!(ev.iter().all(|(code, _, _, _)| !code.starts_with("13")), "{ev:?}");
    // Near it, the subject still acts.
    let a = run("عنوان\n\nالولايات المتحدة توجه تهديدا علنيا.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("13") && s == &["united_states"]), "{ev:?}");
}

#[test]
fn the_object_of_a_purpose_noun_is_planned_not_done() {
    let a = run("عنوان\n\nالتقى فايز السراج خليفة حفتر في أبوظبي لإجراء مناقشات حول الهدنة.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, _, _, _)| code.starts_with("04")), "{ev:?}");
    assert!(a.events.iter().all(|e| e.mention.text != "مناقشات" && e.also.iter().all(|m| m.text != "مناقشات")), "{ev:?}");
}

#[test]
fn a_verbal_noun_spelled_with_hamza_below_is_no_verb() {
    // "إدانتها" is the noun with its possessor, "أدانتها" the verb with its object: the hamza
    // tells them apart where normalization folds both to "ادانتها".
    let a = run("عنوان\n\nوأعلنت حكومة الإنقاذ إدانتها لتصريحات فايز السراج.");
    let ev = events(&a);
    assert!(
        acts_on(&ev, "11", &["national_salvation_government"], &["fayez_al_sarraj"]),
        "{ev:?}"
    );
}

#[test]
fn a_pronoun_subject_after_a_commander_s_attack_is_the_commander() {
    // The attack is his forces'; the accusation that follows is his own.
    let a = run("عنوان\n\nوشنت قوات الجيش الليبي هجوما على بنغازي.\n\nوشن خليفة حفتر هجوما على مواقع داعش، واتهمها بدعم الإرهاب.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("19") && s == &["libyan_national_army"]), "{ev:?}");
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("11") && s == &["khalifa_haftar"]), "{ev:?}");
}

#[test]
fn after_kama_a_verb_with_no_subject_goes_on_with_the_speaker() {
    // What the speaker reports (the groups threaten) does not make the groups the topic; "كما
    // حثت" with no subject of its own is the organization again.
    let a = run("عنوان\n\nوقالت هيومن رايتس ووتش إن الجماعات المسلحة لا تزال تهدد القضاة. وأضافت أن الإطار القانوني غامض، كما حثت هيئات القضاء على حماية الناخبين.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("02") && s == &["human_rights_watch"]), "{ev:?}");
    assert!(ev.iter().all(|(code, s, _, _)| !code.starts_with("02") || s != &["armed_groups"]), "{ev:?}");
}

#[test]
fn a_request_made_by_someone_is_theirs() {
    // "بطلب من البعثة": at the mission's request; the request is the mission's, although "طلب من
    // X" as a verb asks X.
    let a = run("عنوان\n\nوجاءت الوساطة الأميركية بطلب من بعثة الأمم المتحدة للدعم في ليبيا.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("02") && s == &["unsmil"]), "{ev:?}");
    let a = run("عنوان\n\nوطلب فايز السراج من بعثة الأمم المتحدة للدعم في ليبيا التدخل.");
    let ev = events(&a);
    assert!(acts_on(&ev, "02", &["fayez_al_sarraj"], &["unsmil"]), "{ev:?}");
}

#[test]
fn the_sides_of_a_meeting_follow_bayna_past_its_time_and_a_repeated_name() {
    // The first side is named twice (role, then name) before "و" joins the second.
    let a = run_on("عنوان\n\nوقال مسؤول إن اجتماعا ثلاثيا عقد مساء الثلاثاء بين ولي عهد أبو ظبي الشيخ محمد بن زايد والرئيس المصري عبد الفتاح السيسي.", Some("2017-05-04"));
    let ev = events(&a);
    assert!(
        acts_on(&ev, "04", &["mohamed_bin_zayed"], &["abdel_fattah_al_sisi"]),
        "{ev:?}"
    );
}

#[test]
fn a_plural_verb_is_no_single_person_s_act() {
    // The speaker is one man; "اقتحموا" is the gunmen he speaks of.
    let a = run("عنوان\n\nوأوضح مصطفى صنع الله أن المسلحين أطلقوا النار على البوابة، ثم اقتحموا مقر المؤسسة.");
    let ev = events(&a);
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("18") && s == &["gunmen"]), "{ev:?}");
    assert!(ev.iter().all(|(_, s, _, _)| s != &["mustafa_sanalla"]), "{ev:?}");
    // Verb-first, the verb stays singular: after a plural verb the actor is its object.
    let a = run("عنوان\n\nوفي بيان مشترك اتهموا خليفة حفتر بعرقلة الحوار.");
    let ev = events(&a);
    assert!(ev.iter().all(|(_, s, _, _)| s != &["khalifa_haftar"]), "{ev:?}");
    // So in the present: "يتهمون" is the plural of "يتهم"; "يتعاون" is singular.
    let a = run("عنوان\n\nوالموظفون يقولون إن رواتبهم تأخرت ويتهمون مصرف ليبيا المركزي بحجب السيولة.");
    let ev = events(&a);
    assert!(ev.iter().all(|(_, s, _, _)| s != &["central_bank_of_libya"]), "{ev:?}");
    let a = run("عنوان\n\nويتعاون مصرف ليبيا المركزي مع صندوق النقد الدولي.");
    let ev = events(&a);
    assert!(ev.iter().any(|(_, s, _, _)| s == &["central_bank_of_libya"]), "{ev:?}");
}

#[test]
fn people_of_a_body_joined_to_a_subject_act_with_it() {
    let ev = events_in("وبدأ زعماء القبائل وقيادات من الجيش الوطني الليبي اتصالات فيما بينهم لإنقاذ المعتقلين.");
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("04") && s.contains(&"libyan_national_army".to_string())), "{ev:?}");
    let ev = events_in("اجتمع فايز السراج وممثلون عن المجلس الأعلى للدولة في طرابلس.");
    assert!(acts(&ev, "04", &["fayez_al_sarraj", "high_council_of_state"]), "{ev:?}");
}

#[test]
fn a_sentence_to_death_is_legal_action_not_an_assault() {
    let ev = events_in("بعد أسبوع من حكم محكمة استئناف طرابلس بإعدام سيف الإسلام القذافي، تظاهر أنصاره في بني وليد.");
    assert!(ev.iter().all(|(code, _, _, _)| !code.starts_with("18")), "{ev:?}");
    assert!(ev.iter().any(|(code, s, t, _)| code == "173" && s == &["tripoli_court_of_appeal"] && t == &["saif_al_islam_gaddafi"]), "{ev:?}");
}

#[test]
fn a_passive_agent_may_be_a_quantity_of_a_group() {
    let ev = events_in("وأكدت وزارة الداخلية الليبية في بيان اختطاف الموظفين من قبل عدد من المسلحين.");
    assert!(acts(&ev, "18", &["gunmen"]), "{ev:?}");
    assert!(!acts(&ev, "18", &["libyan_ministry_of_interior"]), "{ev:?}");
}

#[test]
fn a_verbal_noun_framed_as_a_matter_is_not_the_subjects_act() {
    let ev = events_in("شكلت وزارة الخارجية الليبية غرفة أزمة لمتابعة حادثة اختطاف الطائرة.");
    assert!(!acts(&ev, "18", &["libyan_ministry_of_foreign_affairs"]), "{ev:?}");
    let ev = events_in("وقال خليفة حفتر إن قراره جاء بعد فشل المساعي السلمية.");
    assert!(!acts(&ev, "04", &["khalifa_haftar"]), "{ev:?}");
}

#[test]
fn a_form_that_leaves_its_agent_out_takes_no_speaker() {
    // Nor is the speaker who suffered it: the dead are in what he said.
    let ev = events_in("أعلن مصدر مسؤول أنه لقي سبعة أشخاص مصرعهم، وأصيب آخرون جراء انفجار سيارة ملغومة في مدينة درنة، مع تكثيف تنظيم داعش هجومه على المدينة.");
    assert!(acts_on(&ev, "18", &[], &[]), "{ev:?}");
    assert!(ev.iter().all(|(code, s, _, _)| !code.starts_with("18") || s.is_empty()), "{ev:?}");
}

#[test]
fn a_passive_verbal_noun_takes_neither_the_clause_subject_nor_the_speaker() {
    // The auxiliary right before the noun, a few words before it, or opening the trigger.
    let ev = events_in("أعلنت وزارة الخارجية التونسية أنه تم بعد ظهر اليوم الإفراج عن خمسة مواطنين تونسيين.");
    assert!(!acts(&ev, "08", &["tunisian_foreign_ministry"]), "{ev:?}");
    let ev = events_in("وأعلنت الأمم المتحدة أنه تم الاتفاق على وقف القتال في العاصمة.");
    assert!(!acts(&ev, "05", &["united_nations"]), "{ev:?}");
    // An agent named by من قبل still acts.
    let ev = events_in("وأكدت وزارة الداخلية الليبية أنه تم اختطاف الموظفين من قبل عدد من المسلحين.");
    assert!(acts(&ev, "18", &["gunmen"]), "{ev:?}");
}

#[test]
fn an_unnamed_group_alone_after_a_fights_between_is_both_sides() {
    let ev = events_in("وكان المطار قد استأنف عمله في أعقاب اشتباكات بين ميليشيات متناحرة في العاصمة.");
    assert!(acts_on(&ev, "19", &["militias"], &["militias"]), "{ev:?}");
    // Talks between the parties are someone's mediation, not the parties' own act.
    let ev = events_in("وأعلنت البعثة الأممية عن جولة جديدة من الحوار بين الأطراف الليبية في جنيف.");
    assert!(!acts(&ev, "04", &["libyan_parties"]), "{ev:?}");
}

#[test]
fn all_the_parties_are_the_libyan_parties() {
    let ev = events_in("وحث الأمين العام للأمم المتحدة أنطونيو غوتيريش، السبت، جميع الأطراف على وقف الأعمال العدائية فورا.");
    assert!(acts_on(&ev, "02", &["antonio_guterres"], &["libyan_parties"]), "{ev:?}");
}

#[test]
fn a_direct_object_before_the_prepositions_actor_is_the_target() {
    let ev = events_in("حكومة الإنقاذ الليبية تدين لقاء حفتر بالسراج وتصفه بالعبث");
    assert!(acts_on(&ev, "11", &["national_salvation_government"], &["khalifa_haftar"]), "{ev:?}");
    // A preposition's actor with no object before it stays the target.
    let ev = events_in("وأشادت فرنسا بالمجلس الرئاسي.");
    assert!(acts_on(&ev, "05", &["france"], &["presidential_council"]), "{ev:?}");
}

#[test]
fn an_attack_on_civilians_is_an_assault_not_a_battle() {
    let ev = events_in("وهاجم مسلحون مقر المؤسسة الوطنية للنفط في طرابلس.");
    assert!(ev.iter().any(|(code, _, t, _)| code.starts_with("18") && t == &["national_oil_corporation"]), "{ev:?}");
    // On an armed group, the police, or a militia's commander it stays a fight.
    let ev = events_in("وهاجمت قوات حفتر الشرطة الليبية في بنغازي.");
    assert!(ev.iter().any(|(code, _, t, _)| code.starts_with("19") && t == &["libyan_police"]), "{ev:?}");
    let ev = events_in("وهاجم الجيش الوطني الليبي إبراهيم الجضران في الهلال النفطي.");
    assert!(ev.iter().any(|(code, _, t, _)| code.starts_with("19") && t == &["ibrahim_jadhran"]), "{ev:?}");
}

#[test]
fn a_plural_possessor_is_no_single_person() {
    let ev = events_in("وطلب الرئيس الفرنسي إيمانويل ماكرون من ضيوفه إعلان التزامهم بالاتفاق.");
    assert!(!acts(&ev, "03", &["emmanuel_macron"]), "{ev:?}");
    // A singular one is.
    let ev = events_in("وأعلن المشير خليفة حفتر التزامه بالاتفاق.");
    assert!(acts(&ev, "03", &["khalifa_haftar"]), "{ev:?}");
}

#[test]
fn an_unknown_plural_subject_after_a_verb_is_not_the_topic() {
    let ev = events_in("وأشاد الرئيس الفرنسي إيمانويل ماكرون بالاتفاق.\n\nوحضر ممثلون من عشرين دولة فعاليات الاجتماع.");
    assert!(acts(&ev, "05", &["emmanuel_macron"]), "{ev:?}");
    assert!(!acts(&ev, "04", &["emmanuel_macron"]), "{ev:?}");
}

#[test]
fn two_verbs_of_one_sentence_are_two_events() {
    let ev = events_in("وقصفت قوات الجيش الوطني الليبي مواقع مجلس شورى مجاهدي درنة، ثم هاجمت تمركزات أخرى جنوب المدينة.");
    let fights = ev.iter().filter(|(code, s, _, _)| code.starts_with("19") && s == &["libyan_national_army"]).count();
    assert_eq!(fights, 2, "{ev:?}");
    // A verbal noun telling the same act again is one more mention of it.
    let ev = events_in("وقصفت قوات الجيش الوطني الليبي مواقع مجلس شورى مجاهدي درنة.\n\nواستمر القصف طوال الليل.");
    let fights = ev.iter().filter(|(code, s, _, _)| code.starts_with("19") && s == &["libyan_national_army"]).count();
    assert_eq!(fights, 1, "{ev:?}");
}

#[test]
fn an_actor_before_a_verb_with_a_conjunction_is_not_its_subject() {
    let ev = events_in("وقصفت قوات الجيش الوطني الليبي مواقع مجلس شورى مجاهدي درنة وحاصرت المدينة من ثلاث جهات.");
    assert!(!ev.iter().any(|(_, s, _, _)| s == &["derna_mujahideen_shura_council"]), "{ev:?}");
}

#[test]
fn a_subject_set_off_by_commas_is_the_verbs_subject() {
    let ev = events_in("ولكن وزير الخارجية الليبي، محمد الطاهر سيالة، انتقد الاتحاد الأوروبي.");
    assert!(acts_on(&ev, "11", &["mohamed_siala"], &["european_union"]), "{ev:?}");
    // Not the object of a preposition before the comma.
    let ev = events_in("وبعد لقائه مع المفوض الأوروبي ستيفان فوله، انتقدت كاثرين آشتون الاتحاد الأوروبي.");
    assert!(!acts(&ev, "11", &["stefan_fule"]), "{ev:?}");
}

#[test]
fn clashes_happened_even_when_no_side_is_named() {
    let ev = events_in("واندلعت اشتباكات عنيفة في ضواحي طرابلس أمس.");
    assert!(acts_on(&ev, "19", &[], &[]), "{ev:?}");
    // Named sides are source and target.
    let ev = events_in("وقتل خمسة أشخاص خلال اشتباكات بين الجيش الوطني الليبي وتنظيم داعش في بنغازي.");
    assert!(acts_on(&ev, "19", &["libyan_national_army"], &["islamic_state"]), "{ev:?}");
}

#[test]
fn a_verbal_noun_right_after_another_trigger_is_its_object_not_the_subjects_act() {
    // Who condemns an attack or rejects a recognition does not attack or recognize.
    let ev = events_in("أدان المجلس الرئاسي الهجوم على مقر المفوضية العليا للانتخابات.");
    assert!(acts(&ev, "11", &["presidential_council"]) && !acts(&ev, "18", &["presidential_council"]), "{ev:?}");
    let ev = events_in("وقال إن مجلس النواب يرفض الاعتراف بالحكومة الجديدة.");
    assert!(!acts(&ev, "05", &["house_of_representatives"]), "{ev:?}");
    // Nor through the genitive of its object: the meeting is not the council's.
    let ev = events_in("ورفض المجلس الأعلى للدولة مخرجات اجتماع بوزنيقة.");
    assert!(acts(&ev, "12", &["high_council_of_state"]) && !acts(&ev, "04", &["high_council_of_state"]), "{ev:?}");
    // A statement's object is the speaker's own act.
    let ev = events_in("وأعلن الجيش الوطني الليبي وقف إطلاق النار في طرابلس.");
    assert!(acts(&ev, "08", &["libyan_national_army"]), "{ev:?}");
    // What is demanded or threatened with ب is not done by who demands or threatens.
    let ev = events_in("وطالب مجلس الأمن الدولي بوقف فوري لإطلاق النار.");
    assert!(acts(&ev, "10", &["un_security_council"]) && !acts(&ev, "08", &["un_security_council"]), "{ev:?}");
    let ev = events_in("وهدد المشير خليفة حفتر باقتحام العاصمة طرابلس.");
    assert!(acts(&ev, "13", &["khalifa_haftar"]) && !ev.iter().any(|(code, _, _, _)| code.starts_with("18")), "{ev:?}");
}

#[test]
fn what_a_subject_denies_is_not_its_act() {
    let ev = events_in("ونفت حكومة الوفاق الوطني مسؤوليتها عن الهجوم على مطار معيتيقة.");
    assert!(!ev.iter().any(|(code, s, _, _)| code.starts_with("19") && s == &["government_of_national_accord"]), "{ev:?}");
    // The same attack claimed is the claimant's.
    let ev = events_in("وأعلن تنظيم داعش مسؤوليته عن الهجوم على مطار معيتيقة.");
    assert!(ev.iter().any(|(code, s, _, _)| (code.starts_with("19") || code.starts_with("18")) && s == &["islamic_state"]), "{ev:?}");
}

#[test]
fn an_unnamed_subject_acts_for_the_body_it_belongs_to() {
    // After the verb, the noun and its تابعة all indefinite or all definite.
    let ev = events_in("وشنت طائرات حربية تابعة للجيش الوطني الليبي غارات على مواقع تنظيم داعش جنوب سرت.");
    assert!(acts(&ev, "19", &["libyan_national_army"]), "{ev:?}");
    let ev = events_in("وقالت مصادر إن جنودا تابعين لقوات حفتر أطلقوا النار على سيارات مدنية.");
    assert!(acts(&ev, "19", &["libyan_national_army"]), "{ev:?}");
    // Before the launch verb of an event noun.
    let ev = events_in("وقال متحدث عسكري إن سلاح الطيران التابع للحكومة الليبية المؤقتة نفذ ضربة جوية على مواقع في درنة.");
    assert!(acts(&ev, "19", &["interim_government"]), "{ev:?}");
    // Not an object after a subject of its own: the flight belongs to the airline, the attack
    // forced it.
    let ev = events_in("وأجبر الهجوم الصاروخي رحلة تابعة للخطوط الجوية الليبية على تغيير مسارها.");
    assert!(!acts(&ev, "17", &["libyan_airlines"]), "{ev:?}");
    // Nor the object of a phrase ending in its preposition: who is arrested belongs to IS.
    let ev = events_in("وأعلنت وزارة الداخلية القبض على خلية تابعة لتنظيم داعش في مصراتة.");
    assert!(!acts(&ev, "17", &["islamic_state"]), "{ev:?}");
}

#[test]
fn an_event_noun_right_after_a_verb_is_its_subject_not_the_topic() {
    let ev = events_in("وأكد الجيش الوطني الليبي تقدم قواته نحو طرابلس.\n\nواستهدف قصف مدفعي حي أبو سليم في طرابلس.");
    assert!(!acts(&ev, "19", &["libyan_national_army"]), "{ev:?}");
    // In the accusative it is the object, and the topic goes on: "وشن هجوما".
    let ev = events_in("وقال الجيش الوطني الليبي إن قواته تتقدم، وشن هجوما على مواقع في درنة.");
    assert!(acts(&ev, "19", &["libyan_national_army"]), "{ev:?}");
}

#[test]
fn the_actor_after_khilalaha_is_met_not_the_one_meeting() {
    let ev = events_in("ووصل وزير الخارجية المصري سامح شكري إلى بنغازي في زيارة التقى خلالها المشير خليفة حفتر.");
    assert!(acts_on(&ev, "04", &["sameh_shoukry"], &["khalifa_haftar"]), "{ev:?}");
    assert!(!acts(&ev, "04", &["khalifa_haftar"]), "{ev:?}");
}

#[test]
fn his_country_after_inna_is_the_state_of_the_last_actor_named() {
    let ev = events_in("وقال وزير الخارجية الفرنسي جان إيف لودريان إن بلاده ترفض التدخل العسكري في ليبيا.");
    assert!(acts(&ev, "12", &["france"]), "{ev:?}");
    let ev = events_in("وقال محمد سيالة إن بلاده تعمل على تأمين حدودها بتوقيع اتفاقيات مع السودان وتشاد.");
    assert!(acts_on(&ev, "05", &["libya"], &["sudan"]), "{ev:?}");
}

#[test]
fn a_class_noun_in_the_dual_before_bodies_makes_them_the_subject() {
    let ev = events_in("ونددت منظمتا هيومن رايتس ووتش والعفو الدولية بانتهاكات خطيرة لحقوق الإنسان.");
    assert!(ev.iter().any(|(code, s, _, _)| code.starts_with("11") && s.contains(&"human_rights_watch".to_string())), "{ev:?}");
}

#[test]
fn a_verb_before_a_quantified_subject_does_not_go_on_with_the_topic() {
    let ev = events_in("وانتقد خليفة حفتر حكومة الوفاق الوطني.\n\nوتسيطر كل من الحكومتين على مساحات محدودة من البلاد.");
    assert!(acts(&ev, "11", &["khalifa_haftar"]) && !acts(&ev, "19", &["khalifa_haftar"]), "{ev:?}");
}

#[test]
fn the_leader_after_biqiyada_is_part_of_the_group_before_not_a_target() {
    let ev = events_in("وبقيت درنة خارج سيطرة الجيش الوطني الليبي بقيادة المشير خليفة حفتر.");
    assert!(ev.iter().all(|(_, _, t, _)| t.is_empty()), "{ev:?}");
    let ev = events_in("وانتقد المجلس الرئاسي القوات تحت قيادة خليفة حفتر.");
    assert!(acts_on(&ev, "11", &["presidential_council"], &["khalifa_haftar"]), "{ev:?}");
}

#[test]
fn a_direct_object_is_not_looked_for_past_a_relative_clause() {
    let ev = events_in("وشن الجيش الوطني الليبي هجوما واسعا لتحرير مدينة درنة الساحلية التي تضررت كثيرا منذ سقوط نظام معمر القذافي.");
    assert!(ev.iter().any(|(c, s, t, _)| c.starts_with("19") && s == &["libyan_national_army"] && t.is_empty()), "{ev:?}");
    // A relative clause on the subject: the object follows it.
    let ev = events_in("واتهمت المؤسسة الوطنية للنفط التي يوجد مقرها في طرابلس الحكومة المؤقتة بعرقلة التصدير.");
    assert!(acts_on(&ev, "112", &["national_oil_corporation"], &["interim_government"]), "{ev:?}");
}

#[test]
fn a_participle_counted_by_a_number_names_people_not_an_act() {
    let ev = events_in("وأصدرت محكمة استئناف طرابلس أحكاما على 45 متهما من أنصار النظام السابق.");
    assert!(!ev.iter().any(|(c, _, _, _)| c == "112"), "{ev:?}");
    let ev = events_in("وخرج عقيلة صالح من الجلسة متهما حكومة الوفاق الوطني بعرقلة الحوار.");
    assert!(ev.iter().any(|(c, _, t, _)| c == "112" && t == &["government_of_national_accord"]), "{ev:?}");
}

#[test]
fn the_genitive_after_fi_istiqbal_is_the_guest_and_the_subject_the_host() {
    let ev = events_in("وكان وزير الخارجية المصري سامح شكري في استقبال رئيس المجلس الرئاسي فايز السراج لدى وصوله إلى القاهرة.");
    assert!(acts_on(&ev, "043", &["sameh_shoukry"], &["fayez_al_sarraj"]), "{ev:?}");
}

#[test]
fn the_pronoun_on_tard_is_who_is_driven_out_not_who_drives() {
    let ev = events_in("وهاجمت قوات الجيش الوطني الليبي مواقع الميليشيات المسلحة في الميناء، وتمكنت من طردهم خلال ساعة.");
    assert!(acts(&ev, "19", &["libyan_national_army"]), "{ev:?}");
    assert!(!ev.iter().any(|(c, s, _, _)| c.starts_with("19") && s == &["militias"]), "{ev:?}");
}

#[test]
fn an_event_noun_after_a_verb_of_happening_is_not_the_clause_subjects_act() {
    let ev = events_in("وكان فايز السراج في تونس عندما وقع الهجوم على مقر المؤسسة.");
    assert!(!ev.iter().any(|(c, s, _, _)| c.starts_with("1") && s == &["fayez_al_sarraj"]), "{ev:?}");
}

#[test]
fn the_genitive_of_help_is_helped_unless_ba_or_li_make_it_the_helper() {
    let ev = events_in("وتعمل تونس جاهدة من أجل مساعدة حكومة الوفاق الوطني في مواجهة الأزمة.");
    assert!(acts_on(&ev, "070", &["tunisia"], &["government_of_national_accord"]), "{ev:?}");
    let ev = events_in("وسقط النظام عام 2011 بمساعدة حلف شمال الأطلسي.");
    assert!(acts(&ev, "070", &["nato"]), "{ev:?}");
    let ev = events_in("وأعلن دعم الاتحاد الأوروبي لحكومة الوفاق الوطني.");
    assert!(acts_on(&ev, "051", &["european_union"], &["government_of_national_accord"]), "{ev:?}");
}

#[test]
fn the_genitive_of_funding_is_funded() {
    let ev = events_in("ويثير تمويل الجماعات المتطرفة في ليبيا قلق دول الجوار.");
    assert!(!ev.iter().any(|(c, s, _, _)| c == "071" && s == &["extremist_groups"]), "{ev:?}");
    let ev = events_in("وكشف التقرير عن تمويل قطر للجماعات المتطرفة.");
    assert!(acts_on(&ev, "071", &["qatar"], &["extremist_groups"]), "{ev:?}");
}

#[test]
fn the_genitive_of_a_plural_aid_noun_gives_it() {
    let ev = events_in("ووصلت مساعدات الاتحاد الأوروبي إلى مدينة بنغازي.");
    assert!(acts(&ev, "070", &["european_union"]), "{ev:?}");
}

#[test]
fn coordinated_targets_are_one_event_each() {
    let ev = events_in("وأجرى الأمين العام للأمم المتحدة أنطونيو غوتيريش اتصالا هاتفيا مع فايز السراج وخليفة حفتر.");
    let calls: Vec<_> = ev.iter().filter(|(c, _, _, _)| c == "041").collect();
    assert_eq!(calls.len(), 2, "{ev:?}");
    assert!(calls.iter().any(|(_, _, t, _)| t == &["fayez_al_sarraj"]) && calls.iter().any(|(_, _, t, _)| t == &["khalifa_haftar"]), "{ev:?}");
}

#[test]
fn the_army_refers_back_to_forces_of_the_army_named_before() {
    let ev = events_in("وتقدمت قوات الجيش الوطني الليبي نحو الموانئ النفطية.\n\nوفي غضون أيام تمكن الجيش من تحرير المنطقة النفطية من الجماعات الإرهابية.");
    assert!(acts(&ev, "192", &["libyan_national_army"]), "{ev:?}");
}

#[test]
fn a_new_truce_between_a_groups_members_is_theirs_an_old_one_is_not() {
    let ev = events_in("وأعلنت الأمم المتحدة أنه تم الاتفاق على هدنة بين الميليشيات المتحاربة في العاصمة.");
    assert!(acts(&ev, "087", &["militias"]), "{ev:?}");
    let ev = events_in("وما زالت الهدنة الموقعة بين الميليشيات المتحاربة صامدة منذ أسبوع.");
    assert!(!acts(&ev, "087", &["militias"]), "{ev:?}");
}

#[test]
fn the_genitive_of_an_event_noun_is_no_later_subject_but_a_speaker_is() {
    let ev = events_in("وأكدت وزارة الداخلية الليبية في بيان استهداف المؤسسة الوطنية للنفط، ولفتت إلى أن المهاجمين مرتبطون بتنظيم داعش.");
    assert!(acts(&ev, "112", &["libyan_ministry_of_interior"]), "{ev:?}");
    assert!(!acts(&ev, "112", &["national_oil_corporation"]), "{ev:?}");
    let ev = events_in("واستؤنفت المحادثات بعد استجابة حكومة الوفاق الوطني لدعوة دول عدة، منها الولايات المتحدة، وذلك بعد يومين من إعلان \"الوفاق\" تعليق مشاركتها فيها.");
    assert!(acts(&ev, "164", &["government_of_national_accord"]), "{ev:?}");
}

#[test]
fn who_is_persuaded_is_the_target_never_the_source() {
    let ev = events_in("وتمكن المبعوث الأممي غسان سلامة من إقناع حكومة الوفاق الوطني بالعودة إلى المحادثات.");
    assert!(acts_on(&ev, "046", &["ghassan_salame"], &["government_of_national_accord"]), "{ev:?}");
    let ev = events_in("وقالت مصادر إن الميليشيات احتجزت الصحفيين، وإن الوزارة حددت مكانها وإقناعها بتسليمهم.");
    assert!(!acts(&ev, "046", &["militias"]), "{ev:?}");
}

#[test]
fn an_actor_inside_a_quotation_after_the_verb_is_what_was_said() {
    let ev = events_in("ودعا رئيس المجلس الرئاسي فايز السراج إلى وقف القتال في البلاد، كما دعا \"كل الأطراف الحاضرة إلى العمل على إنجاح الاتفاق\".");
    assert!(!acts(&ev, "020", &["libyan_parties"]), "{ev:?}");
    assert!(acts_on(&ev, "020", &["fayez_al_sarraj"], &["libyan_parties"]), "{ev:?}");
    // After كما, the verb goes on with the subject before it.
    let ev = events_in("وطالب رئيس المجلس الرئاسي فايز السراج بوقف القتال في البلاد، كما دعا \"كل الأطراف الحاضرة إلى العمل على إنجاح الاتفاق\".");
    assert!(acts_on(&ev, "020", &["fayez_al_sarraj"], &["libyan_parties"]), "{ev:?}");
}

#[test]
fn a_quantified_subject_after_inna_is_not_the_speaker() {
    let ev = events_in("وقال وزير الخارجية الليبي محمد سيالة إن \"جميع دول شمال أفريقيا ترفض هذا المقترح\".");
    assert!(!acts(&ev, "120", &["mohamed_siala"]), "{ev:?}");
    let ev = events_in("وقال وزير الخارجية الليبي محمد سيالة إن بلاده ترفض هذا المقترح.");
    assert!(ev.iter().any(|(c, _, _, _)| c == "120"), "{ev:?}");
}

#[test]
fn both_parties_of_a_meeting_that_is_the_target_are_targets() {
    let ev = events_in("وأدان المجلس الأعلى للدولة لقاء حفتر بالسراج في أبوظبي.");
    assert!(acts_on(&ev, "111", &["high_council_of_state"], &["khalifa_haftar"]), "{ev:?}");
    assert!(acts_on(&ev, "111", &["high_council_of_state"], &["fayez_al_sarraj"]), "{ev:?}");
    let ev = events_in("ورفض المؤتمر الوطني العام اجتماع السراج مع حفتر.");
    assert!(acts_on(&ev, "120", &["general_national_congress"], &["khalifa_haftar"]), "{ev:?}");
    // Not the meeting's own parties: the one met is the meeting's target, not a second one.
    let ev = events_in("وعقد السراج لقاء مع حفتر في باريس.");
    assert!(!ev.iter().any(|(_, s, t, _)| s == &["fayez_al_sarraj"] && t.len() > 1), "{ev:?}");
}

#[test]
fn a_relative_verb_without_an_object_keeps_the_subject_after_it() {
    let ev = events_in("وانتهى اجتماع باريس، الذي شارك القائد العسكري خليفة حفتر، دون اتفاق.");
    assert!(acts(&ev, "040", &["khalifa_haftar"]), "{ev:?}");
    // A verb that takes an object: the actor after it is that object, not a subject.
    let ev = events_in("وأكدت الأطراف الدولية، التي طالبت حكومة الوفاق بالرجوع إلى المحادثات، دعمها للحوار.");
    assert!(!acts(&ev, "100", &["government_of_national_accord"]), "{ev:?}");
}

#[test]
fn a_noun_in_a_subordinate_clause_does_not_take_a_subject_named_before_it() {
    let ev = events_in("واقتحم مسلحون من تنظيم داعش مقر البلدية في سرت، فيما قتل شرطي عندما أرسلت السلطات المحلية تعزيزات إلى المكان.");
    assert!(!acts(&ev, "150", &["islamic_state"]), "{ev:?}");
    // Without one, the subject named before still acts.
    let ev = events_in("وأرسلت حكومة الوفاق الوطني إلى سرت، بعد اشتباكات دامية، تعزيزات عسكرية كبيرة.");
    assert!(acts(&ev, "150", &["government_of_national_accord"]), "{ev:?}");
}

#[test]
fn unnamed_groups_of_one_kind_are_one_target_and_named_targets_are_one_each() {
    let ev = events_in("وطالب المجلس الرئاسي بحل المليشيات والكتائب في العاصمة.");
    let demands: Vec<_> = ev.iter().filter(|(c, s, _, _)| c.starts_with("10") && s == &["presidential_council"]).collect();
    assert_eq!(demands.len(), 1, "{ev:?}");
    assert_eq!(demands[0].2, ["militias", "armed_groups"], "{ev:?}");
    // Two named people called are two calls.
    let ev = events_in("واتصل وزير الخارجية الفرنسي جان إيف لودريان بالسراج وحفتر.");
    assert!(acts_on(&ev, "04", &["jean_yves_le_drian"], &["fayez_al_sarraj"]), "{ev:?}");
    assert!(acts_on(&ev, "04", &["jean_yves_le_drian"], &["khalifa_haftar"]), "{ev:?}");
}

#[test]
fn an_example_given_of_a_target_is_a_target() {
    let ev = events_in("وكثفت البعثة الأممية من اتصالاتها بعدة دول فاعلة في الملف الليبي، من بينها الولايات المتحدة.");
    assert!(acts_on(&ev, "040", &["unsmil"], &["united_states"]), "{ev:?}");
    let ev = events_in("واجتمع المبعوث الأممي غسان سلامة مع عدد من الأطراف، وعلى رأسها المجلس الأعلى للدولة.");
    assert!(acts_on(&ev, "04", &["ghassan_salame"], &["high_council_of_state"]), "{ev:?}");
    // Not an example of what the trigger takes: the list hangs on no target preposition.
    let ev = events_in("وكثفت البعثة الأممية اتصالاتها في عدة عواصم، من بينها الولايات المتحدة.");
    assert!(!acts_on(&ev, "040", &["unsmil"], &["united_states"]), "{ev:?}");
}

#[test]
fn the_possessor_in_a_clause_opened_by_anna_is_who_anna_stands_for() {
    // Not the parties named in the clause before, nor the embassy that quotes him.
    let ev = events_in("ونشرت السفارة الأميركية موافقة طرفي النزاع على استئناف المحادثات، ونقلت عن السفير الأميركي ريتشارد نورلاند أنه قدم للسراج، أثناء لقائه الأربعاء، قراءة كاملة.");
    assert!(acts(&ev, "040", &["richard_norland"]), "{ev:?}");
    assert!(!acts(&ev, "040", &["libyan_parties"]), "{ev:?}");
}

#[test]
fn a_pronoun_after_the_target_preposition_stands_for_the_actor_just_before() {
    let ev = events_in("وقال السفير ريتشارد نورلاند إنه قدم للسراج، أثناء لقائه معه الأربعاء، قراءة كاملة للاجتماع مع حفتر.");
    assert!(acts_on(&ev, "04", &["richard_norland"], &["fayez_al_sarraj"]), "{ev:?}");
    // A pronoun standing for no actor near: the actor the preposition's phrase names is kept.
    let ev = events_in("وقال السفير أسامة المجدوب إن الاجتماع دعيت إليه جميع الأطراف الليبية من جانب اللجنة.");
    assert!(ev.iter().any(|(c, _, t, _)| c.starts_with("02") && t == &["libyan_parties"]), "{ev:?}");
}

#[test]
fn a_joint_event_summing_up_each_sources_own_is_a_mention_of_them() {
    let text = "واشنطن وباريس ترفضان التدخل الأجنبي في ليبيا\n\nوأعلنت فرنسا رفضها للتدخلات الأجنبية في ليبيا.\n\nكما أكد الوفد الأمريكي رفضه لجميع التدخلات الأجنبية.";
    let a = run(text);
    let ev = events(&a);
    assert!(!ev.iter().any(|(c, s, _, _)| c.starts_with("12") && s.len() > 1), "{ev:?}");
    assert!(acts(&ev, "12", &["france"]) && acts(&ev, "12", &["united_states"]), "{ev:?}");
    // The headline's words are one more mention of each.
    let headline_end = text.lines().next().unwrap().chars().count();
    assert!(a.events.iter().all(|e| e.also.iter().any(|m| m.end <= headline_end)), "{ev:?}");
    // A joint act with nothing of either's own is kept.
    let ev = events(&run("واشنطن وباريس ترفضان التدخل الأجنبي في ليبيا\n\nوأعلنت فرنسا رفضها للتدخلات الأجنبية في ليبيا."));
    assert!(ev.iter().any(|(c, s, _, _)| c.starts_with("12") && s.len() == 2), "{ev:?}");
}

#[test]
fn an_intent_told_to_someone_has_them_for_its_target() {
    let ev = events_in("وأطلع وفد الجيش الليبي الوفد الأمريكي على التزامه بالحوار الذي تيسره الأمم المتحدة.");
    assert!(acts_on(&ev, "03", &["libyan_national_army"], &["united_states"]), "{ev:?}");
    let ev = events_in("وأكد رئيس الحكومة المؤقتة عبد الله الثني للمبعوث الأممي غسان سلامة استعداده للتعاون.");
    assert!(acts_on(&ev, "03", &["abdullah_al_thinni"], &["ghassan_salame"]), "{ev:?}");
    // Told to no one: the actor before is the speaker, not an addressee.
    let ev = events_in("وأكد عبد الله الثني التزامه بالحوار.");
    assert!(acts_on(&ev, "03", &["abdullah_al_thinni"], &[]), "{ev:?}");
}

#[test]
fn the_one_quoted_before_anna_is_the_subject_of_the_quoted_nouns() {
    let ev = events_in("ونشرت السفارة الأميركية بيانا، ونقلت عن السفير الأميركي ريتشارد نورلاند أنه قدم للسراج \"قراءة كاملة للاجتماع (اجتماع السفير مع حفتر) ومناقشة آفاق التوصل إلى اتفاق\".");
    assert!(acts_on(&ev, "040", &["richard_norland"], &["khalifa_haftar"]), "{ev:?}");
    // The meeting and the discussion are his, not the embassy's that quotes him.
    assert!(!acts(&ev, "04", &["us_embassy_libya"]), "{ev:?}");
}

#[test]
fn a_verb_after_wahuwa_has_the_actor_before_it_or_an_unknown_subject() {
    let ev = events_in("وقال المحلل إن العرب صفقوا لحلف الناتو وهو يقصف ليبيا.");
    assert!(acts(&ev, "19", &["nato"]), "{ev:?}");
    // A noun the tables do not know before وهم: its subject, not the speaker.
    let ev = events_in("وقال الادعاء العام الليبي إنه يحقق في أمر حراس ظهروا في مقطع فيديو وهم يضربون الساعدي القذافي.");
    assert!(!ev.iter().any(|(c, s, _, _)| c.starts_with("18") && !s.is_empty()), "{ev:?}");
}

#[test]
fn a_trigger_stop_phrase_hides_the_trigger_inside_it() {
    // "إغلاق ملف" closes a case; "إغلاق" alone is a blockade (191).
    let case = events_in("وقرر المجلس الرئاسي إغلاق ملف المعتقلين.");
    assert!(!case.iter().any(|(c, ..)| c.starts_with("19")), "{case:?}");
    let port = events_in("وقرر المجلس الرئاسي إغلاق الميناء.");
    assert!(acts(&port, "191", &["presidential_council"]), "{port:?}");
    // "معركة انتخابية" is fought at the polls; "معركة" alone is a battle (190).
    let polls = events_in("وخاض حزب العدالة والبناء معركة انتخابية.");
    assert!(!polls.iter().any(|(c, ..)| c.starts_with("19")), "{polls:?}");
}

#[test]
fn a_user_trigger_stop_wins_over_a_trigger_form_of_the_same_words() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("stops.toml"), "[[trigger_stop]]\nphrases = [\"استقبل\"]\n").unwrap();
    let with_stop = Engine::load(&[dir.path().to_path_buf()]).unwrap();
    let text = "عنوان\n\nواستقبل فايز السراج خليفة حفتر في طرابلس.";
    let hosted = |e: &Engine| analyze(text, e, DateContext { metadata: None, reference: None }).events.iter().any(|ev| e.triggers[ev.trigger as usize].code.starts_with("04"));
    assert!(hosted(engine()));
    assert!(!hosted(&with_stop));
}
