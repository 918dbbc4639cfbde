//! One rule decides who may see a person (`Viewer::sees`), and one function decides the guard
//! (`Person::of` from a `Context`). This test enumerates every place in `src/` that makes a
//! person, asks the rule, or reads a citizen's identity columns from the book: a new place
//! fails here until it is added below with the reason it may — the cheapest review there is
//! (STYLE.md §7: "a test that lists every caller is cheaper than a leak found later").

use std::collections::BTreeSet;
use std::path::Path;

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            let rel = p
                .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, std::fs::read_to_string(&p).unwrap()));
        }
    }
}

/// The files of `src/` (but the identity module itself) that contain any of `needles`.
fn files_with(needles: &[&str]) -> BTreeSet<String> {
    let mut all = Vec::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut all);
    all.into_iter()
        .filter(|(f, _)| f != "src/domain/identity.rs")
        .filter(|(_, text)| needles.iter().any(|n| text.contains(n)))
        .map(|(f, _)| f)
        .collect()
}

fn listed(files: &[(&str, &str)]) -> BTreeSet<String> {
    files.iter().map(|(f, _)| (*f).to_owned()).collect()
}

#[test]
fn a_person_is_made_only_where_a_record_is_read_or_typed() {
    let allowed = [
        (
            "src/store/visits/mod.rs",
            "a visit's row: its person by the visit's kind",
        ),
        (
            "src/store/cases/mod.rs",
            "a case's row: its person by the case's kind",
        ),
        (
            "src/store/citizens/recognize.rs",
            "a citizen on their own (guarded when only a denouncer)",
        ),
        (
            "src/store/lookup/search.rs",
            "lookup hits (citizens indexed are open)",
        ),
        ("src/store/report.rs", "the records behind a report figure"),
        (
            "src/store/deadlines/board.rs",
            "a board row: its case's person",
        ),
        (
            "src/app/visit/save.rs",
            "what the officer typed: the message after a save, the link question",
        ),
        (
            "src/app/steps.rs",
            "the link question of a written petition, as typed",
        ),
        (
            "src/ui/overlays.rs",
            "a draft offered back, by its typed kind",
        ),
        (
            "src/domain/paper/tests.rs",
            "the papers' unit tests: a hand-made denouncer and an open citizen",
        ),
    ];
    assert_eq!(
        files_with(&["Person::of(", "Person::open("]),
        listed(&allowed),
        "a new place makes a Person: list it here with its reason, or use one of these"
    );
}

#[test]
fn the_guard_is_decided_and_asked_in_known_places_only() {
    assert_eq!(
        files_with(&["Guard::"]),
        BTreeSet::new(),
        "only domain/identity.rs decides a guard"
    );
    let asking = [
        (
            "src/app/queue.rs",
            "is the case view masked (the reveal hint)",
        ),
        ("src/app/visit/mod.rs", "is the visit masked"),
        (
            "src/app/visit/editing.rs",
            "the phone and address a match offers",
        ),
        ("src/ui/case.rs", "a revealed denouncer's name is marked ⚠"),
        (
            "src/ui/form.rs",
            "what a returning citizen's banner may say",
        ),
        (
            "src/store/citizens/mod.rs",
            "the form never matches a person it may not show",
        ),
        (
            "src/store/visits/mod.rs",
            "the edit form gets the values only for a viewer who sees",
        ),
        (
            "src/domain/paper/facts.rs",
            "a paper: the denouncer's own receipt names them for a viewer who sees (audited); \
             every other paper asks Viewer::outside, the pseudonym only",
        ),
    ];
    assert_eq!(
        files_with(&[".sees(", "particulars_of(", "is_confidential()"]),
        listed(&asking),
        "a new place asks the identity rule directly: list it, or go through Viewer's accessors"
    );
    assert_eq!(
        files_with(&["Shown::Named("]),
        listed(&[(
            "src/i18n/words.rs",
            "i18n::person: the one rendering of a name"
        )]),
    );
}

#[test]
fn a_citizens_identity_columns_are_read_by_the_row_mappers_only() {
    let readers = [
        ("src/store/visits/mod.rs", "the visit row mapper"),
        ("src/store/cases/mod.rs", "the case row mapper"),
        (
            "src/store/citizens/recognize.rs",
            "the citizen row mapper and the register's matching",
        ),
        (
            "src/store/citizens/upsert.rs",
            "a bulk load's citizen handed to its row writer (read from the load, not the book)",
        ),
        ("src/store/lookup/search.rs", "the lookup's citizen hit"),
        (
            "src/store/lookup/index.rs",
            "the lookup index (folded, never of a denunciation)",
        ),
        ("src/store/report.rs", "the records behind a figure"),
        ("src/store/deadlines/board.rs", "the board row"),
        ("src/demo/tests.rs", "the demo generator's own checks"),
        (
            "src/store/apart.rs",
            "sealing what an upgrade or a load finds in the clear (copied into ciphertext)",
        ),
        (
            "src/store/rows/people.rs",
            "the citizen's row writer: its one INSERT (desk and bulk alike)",
        ),
    ];
    assert_eq!(
        files_with(&[
            "c.full_name",
            "c.id_number",
            "c.phone",
            "c.address",
            "c.birth_year",
            "full_name, id_kind",
            "id_number, phone",
        ]),
        listed(&readers),
        "a new place reads a citizen's identity from the book: make it a row mapper's Person"
    );
}
