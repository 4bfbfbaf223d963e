//! Inflection of trigger words: the tables list a verb's past/present base forms and a noun's
//! singular; the forms news actually prints (feminine, plural, dual, future سـ, attached
//! pronouns, construct ة → ت) are generated here, on normalized spelling (ة is already ه, ى is ي).

const OBJECT_SUFFIXES: &[&str] = &["ه", "ها", "هم", "هما", "نا"];

/// The pieces of a form written one after another: the tables' tens of thousands of forms are
/// built at every start, where `format!` costs several times a plain copy.
fn cat(parts: &[&str]) -> String {
    parts.concat()
}

/// Past-tense forms of a 3rd-person masculine singular past verb.
pub fn past_forms(past: &str) -> Vec<String> {
    let mut out = vec![past.to_string()];
    // A weak final (دعا, التقي, ابدي) drops before the feminine ت and the plural وا.
    let weak_stem = past.strip_suffix('ا').or_else(|| past.strip_suffix('ي'));
    let stem = weak_stem.unwrap_or(past);
    for suffix in ["ت", "تا", "وا", "ن", "نا", "تم"] {
        out.push(cat(&[stem, suffix]));
    }
    if weak_stem.is_none() {
        // Dual: اجتمعا.
        out.push(cat(&[past, "ا"]));
    }
    for base in [past.to_string(), cat(&[stem, "ت"]), cat(&[stem, "وا"])] {
        for suffix in OBJECT_SUFFIXES {
            let base = base.strip_suffix("وا").map_or(base.clone(), |b| cat(&[b, "و"]));
            out.push(cat(&[&base, suffix]));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Present-tense forms from a 3rd-person masculine singular present verb starting with ي.
pub fn present_forms(present: &str) -> Vec<String> {
    let Some(stem) = present.strip_prefix('ي') else {
        return vec![present.to_string()];
    };
    let weak_stem = stem.strip_suffix('و').or_else(|| stem.strip_suffix('ي')).or_else(|| stem.strip_suffix('ا'));
    let mut bases = Vec::new();
    for person in ["ي", "ت", "ن", "ا"] {
        bases.push(cat(&[person, stem]));
        // Jussive after لم/لا drops a weak final: لم يلتق, لم يدع.
        if let Some(w) = weak_stem {
            bases.push(cat(&[person, w]));
        }
        let plural_stem = weak_stem.unwrap_or(stem);
        for suffix in ["ون", "ان", "ين", "وا"] {
            bases.push(cat(&[person, plural_stem, suffix]));
        }
    }
    let mut out = Vec::new();
    for base in &bases {
        out.push(base.clone());
        out.push(cat(&["س", base]));
        for suffix in OBJECT_SUFFIXES {
            let with = if let Some(b) = base.strip_suffix("ون") { cat(&[b, "ون", suffix]) } else { cat(&[base, suffix]) };
            out.push(with.clone());
            out.push(cat(&["س", &with]));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Forms of a noun: plural ات, dual, construct state with attached pronouns.
pub fn noun_forms(noun: &str) -> Vec<String> {
    let mut out = vec![noun.to_string()];
    let possessive = ["ه", "ها", "هم", "هما", "ي", "نا"];
    if let Some(stem) = noun.strip_suffix('ه') {
        // Feminine ة (folded to ه): زياره → زيارات, زيارته, زيارتان.
        for suffix in ["ات", "تان", "تين", "اتها", "اته", "اتهم"] {
            out.push(cat(&[stem, suffix]));
        }
        for suffix in possessive {
            out.push(cat(&[stem, "ت", suffix]));
        }
    } else {
        for suffix in ["ات", "ان", "ين"] {
            out.push(cat(&[noun, suffix]));
        }
        for suffix in possessive {
            out.push(cat(&[noun, suffix]));
            out.push(cat(&[noun, "ات", suffix]));
        }
        // Final hamza takes a ي seat before a pronoun: لقاء → لقائه (normalized لقايه).
        if let Some(stem) = noun.strip_suffix('ء') {
            for suffix in possessive {
                out.push(cat(&[stem, "ي", suffix]));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflects_sound_and_weak_past_verbs() {
        let f = past_forms("اجتمع");
        for form in ["اجتمع", "اجتمعت", "اجتمعوا", "اجتمعا"] {
            assert!(f.contains(&form.to_string()), "{form}");
        }
        let f = past_forms("دعا");
        for form in ["دعا", "دعت", "دعوا", "دعاه", "دعتهم"] {
            assert!(f.contains(&form.to_string()), "{form}");
        }
        assert!(past_forms("التقي").contains(&"التقت".to_string()));
    }

    #[test]
    fn inflects_present_verbs_with_future_and_plural() {
        let f = present_forms("يجتمع");
        for form in ["يجتمع", "تجتمع", "سيجتمع", "يجتمعون", "ستجتمع"] {
            assert!(f.contains(&form.to_string()), "{form}");
        }
        let f = present_forms("يدعو");
        for form in ["يدعو", "تدعو", "يدعون", "سيدعو", "يدع"] {
            assert!(f.contains(&form.to_string()), "{form}");
        }
    }

    #[test]
    fn inflects_nouns() {
        let f = noun_forms("زياره");
        for form in ["زياره", "زيارات", "زيارته", "زيارتها"] {
            assert!(f.contains(&form.to_string()), "{form}");
        }
        let f = noun_forms("لقاء");
        assert!(f.contains(&"لقايه".to_string()));
        assert!(noun_forms("اجتماع").contains(&"اجتماعات".to_string()));
    }
}
