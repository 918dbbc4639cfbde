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
