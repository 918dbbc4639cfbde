//! The catalog is complete and its words say what they should.
use super::*;

#[test]
fn every_key_has_both_languages() {
    for m in Msg::ALL {
        assert!(!m.t(Lang::Vi).is_empty(), "{m:?} vi");
        assert!(!m.t(Lang::En).is_empty(), "{m:?} en");
    }
}

#[test]
fn placeholders_match_between_languages() {
    for m in Msg::ALL {
        for i in 0..9 {
            let ph = format!("{{{i}}}");
            assert_eq!(
                m.t(Lang::Vi).contains(&ph),
                m.t(Lang::En).contains(&ph),
                "{m:?} placeholder {ph}"
            );
        }
    }
}

#[test]
fn vietnamese_text_is_nfc() {
    for m in Msg::ALL {
        let s = m.t(Lang::Vi);
        assert_eq!(crate::domain::text::nfc(s), s, "{m:?}");
    }
}

#[test]
fn counts_mark_their_thousands() {
    assert_eq!(number(Lang::Vi, 0), "0");
    assert_eq!(number(Lang::Vi, 999), "999");
    assert_eq!(number(Lang::Vi, 2436), "2.436");
    assert_eq!(number(Lang::En, 1_000_000), "1,000,000");
}

#[test]
fn fill_replaces_placeholders() {
    assert_eq!(Msg::GroupSuffix.fill(Lang::Vi, &[&12]), "đoàn 12 người");
}

/// The catalog's plural rule: one of a thing is singular in English ("1 visit", "1 group"),
/// and Vietnamese, which has no plural, reads the same for any count (issue 22.11).
#[test]
fn counts_take_the_plural_rule() {
    let line = |lang, v: u32, c: u32| Msg::LookupCitizenLine.fill(lang, &[&v, &c, &"x"]);
    assert_eq!(line(Lang::En, 1, 1), "1 visit · 1 case · last x");
    assert_eq!(line(Lang::En, 2, 0), "2 visits · 0 cases · last x");
    assert_eq!(
        line(Lang::Vi, 1, 2),
        "1 lượt tiếp · 2 vụ việc · lần gần nhất x"
    );
    assert_eq!(
        Msg::PgGroups.fill(Lang::En, &[&1, &12]),
        " (1 group of 12 people)"
    );
    assert_eq!(
        Msg::PgGroups.fill(Lang::En, &[&2, &1]),
        " (2 groups of 1 person)"
    );
    assert_eq!(
        Msg::PgPetitions.fill(Lang::En, &[&1, &1, &0, &0]),
        ". 1 petition was received (complaints 1, denunciations 0, proposals and feedback 0)"
    );
    assert_eq!(Msg::DueOverdue.fill(Lang::En, &[&"1"]), "1 day overdue");
    assert_eq!(
        Msg::DueOverdue.fill(Lang::En, &[&"1,000"]),
        "1,000 days overdue"
    );
    // Braces that are not a plural stay as they are.
    assert_eq!(plurals("a {b} {0|x} {", &["1".into()]), "a {b} {0|x} {");
}

/// No English count is left without its plural rule: "{N} word" with a plural word.
#[test]
fn english_counts_use_the_plural_rule() {
    for m in Msg::ALL {
        let en = m.t(Lang::En);
        for word in [
            "visits",
            "cases",
            "groups",
            "sessions",
            "petitions",
            "days",
            "citizens",
            "rows",
            "obligations",
        ] {
            for i in 0..9 {
                assert!(
                    !en.contains(&format!("{{{i}}} {word}")),
                    "{m:?}: {en:?} needs {{{i}|…|{word}}}"
                );
            }
        }
    }
}

#[test]
fn a_participants_role_is_read_from_either_language_with_or_without_accents() {
    use crate::domain::dialogue::ParticipantRole as R;
    for (typed, role) in [
        ("người bị khiếu nại", R::Respondent),
        ("bi khieu nai", R::Respondent),
        ("Người khiếu nại", R::Complainant),
        ("chu tri", R::Presiding),
        ("thư ký", R::Recorder),
        ("respondent", R::Respondent),
        ("interested party", R::Interested),
    ] {
        assert_eq!(super::participant_role_of(typed), Some(role), "{typed}");
    }
    assert_eq!(super::participant_role_of("vai lạ"), None);
    // Every role's words read back to it, in both languages.
    for r in R::ALL {
        for lang in [Lang::Vi, Lang::En] {
            assert_eq!(
                super::participant_role_of(super::participant_role(*r).t(lang)),
                Some(*r)
            );
        }
    }
}
