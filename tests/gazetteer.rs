//! The place gazetteer (rules/places.toml): Libyan localities of 2011-2018 conflict reporting
//! resolve to their ids, and names that are also words or persons stay words. Sentences are
//! written for the test (never copied from the corpus), through the library with the built-in
//! tables.

use libya_news::extract::{analyze, Analysis, DateContext};
use libya_news::rules::Engine;
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::load(&[]).expect("built-in rules load"))
}

fn run(text: &str) -> Analysis {
    analyze(text, engine(), DateContext { metadata: None, reference: None })
}

fn place_ids(body: &str) -> Vec<String> {
    run(&format!("عنوان\n\n{body}")).place_spans.iter().map(|s| s.id.clone()).collect()
}

#[test]
fn libyan_localities_resolve_to_their_ids() {
    let cases = [
        // west: Jafara plain, Warshefana, Nafusa mountains
        ("سهل الجفارة", "jafara"),
        ("الساعدية", "saadiya"),
        ("جودائم", "judaim"),
        ("سوق الخميس امسيحل", "souq_al_khamis_msihel"),
        ("أبوغيلان", "abu_ghaylan"),
        ("القواليش", "gualish"),
        // Tripoli
        ("سوق الثلاثاء", "souq_al_thulatha"),
        ("النوفليين", "nofliyin"),
        // Misrata, Khoms, Zliten
        ("كعام", "kaam"),
        ("الكراريم", "karareem"),
        ("طمينة", "tamina"),
        // Sirte, its districts and the road south
        ("الجيزة البحرية", "jiza_bahriya_sirte"),
        ("الحي رقم 3", "sirte_district_3"),
        ("الوادي الأحمر", "wadi_al_ahmar"),
        ("وادي زمزم", "wadi_zamzam"),
        ("بونجيم", "abu_njeim"),
        ("حقل الواحة", "waha_oil_field"),
        // spelling variants of places already known
        ("بوقرين", "abu_grein"),
        ("الهراوة", "harawa"),
        ("الحيشة", "al_heisha"),
        ("زليطن", "geonames:2208485"),
        ("قاعدة الأدم", "nasser_air_base"),
        // east
        ("البطنان", "butnan"),
        ("عمارات 12", "imarat_12_ganfouda"),
        ("وادي الكوف", "wadi_al_kuf"),
        // south and borders
        ("وادي الحياة", "wadi_al_hayaa"),
        ("جرمة", "germa"),
        ("مثلث السلفادور", "salvador_pass"),
    ];
    for (name, id) in cases {
        let ids = place_ids(&format!("وقعت اشتباكات في {name} أمس."));
        assert_eq!(ids, [id], "{name}");
    }
}

#[test]
fn names_that_are_words_are_places_in_their_longer_forms() {
    for (name, id) in [
        ("منطقة الزهراء", "az_zahra_jafara"),
        ("مدينة القلعة", "al_qalaa_nafusa"),
        ("مدينة زلة", "geonames:2208518"),
        ("منطقة الماية", "geonames:2219812"),
        ("منطقة السراج", "sarraj_tripoli"),
    ] {
        assert_eq!(place_ids(&format!("وقعت اشتباكات في {name} أمس.")), [id], "{name}");
    }
    // Alone they stay words: no place at all.
    for name in ["الزهراء", "القلعة", "زلة", "الماية"] {
        assert!(place_ids(&format!("وقعت اشتباكات في {name} أمس.")).is_empty(), "{name}");
    }
}

#[test]
fn context_only_names_need_a_preposition_and_a_libyan_place() {
    let ids = place_ids("وقعت اشتباكات في الهيرة أمس قرب غريان.");
    assert_eq!(ids, ["al_hira", "geonames:2217362"]);
    let ids = place_ids("توقف الإنتاج في السرير بعد إغلاق ميناء الحريقة.");
    assert!(ids.contains(&"sarir_oil_field".to_string()), "{ids:?}");
    // No other Libyan place: the bare name is no place.
    assert!(place_ids("وقعت اشتباكات في الهيرة أمس.").is_empty());
}

#[test]
fn words_and_persons_are_not_places() {
    for (body, only) in [
        ("زارت فاطمة الزهراء مدينة طرابلس أمس.", "geonames:2210247"),
        ("تجمع الزوار في القلعة القديمة وسط طرابلس.", "geonames:2210247"),
        ("قال فايز السراج في طرابلس إن الحكومة ستعمل.", "geonames:2210247"),
        ("عرض متحف في بنغازي مخطوطات من ورق البردي.", "geonames:88319"),
        ("نام الجريح على السرير في مستشفى بمصراتة.", "geonames:2214846"),
        ("يعاني المريض في بنغازي من التهاب القصبات الهوائية.", "geonames:88319"),
        ("ارتفع سعر الزعفران في أسواق مصراتة.", "geonames:2214846"),
    ] {
        assert_eq!(place_ids(body), [only], "{body}");
    }
}
