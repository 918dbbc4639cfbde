//! The dialogues in the hub's figures (issue 30): a desk's dialogues travel in its package
//! for the hub only, reduced to what the report counts — never a name or free text — and the
//! hub's report of a unit counts them as the desk does; a district's or the province's is the
//! sum. A desk that takes another's package merges none of them; a desk of before (which
//! does not know the hub's part) still verifies the package.

mod common;

use common::*;
use tiepdan::domain::dialogue::{
    Dialogue, DialogueKind, DialogueOutcome, MinutesSigned, Participant, ParticipantRole, Promise,
};
use tiepdan::domain::text::fold;
use tiepdan_hub::report::Scope;

/// Free text and names a dialogue's record holds at the desk, each to be looked for at the hub.
const CITIZEN: &str = "Phùng Thị Đối Thoại";
const SAID: &str = "Bà Thoại trình bày yêu cầu bồi thường thêm cho thửa đất số 77";
const AGREED: &str = "Đo đạc lại thửa đất số 77";
const PROMISE: &str = "Trả lời bà Thoại về đơn giá đất ở";
const OWNER: &str = "Ông Quách Văn Hứa";
const ANSWER: &str = "Đã gửi văn bản trả lời số 77/UBND";

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn person(name: &str, role: ParticipantRole, present: bool) -> Participant {
    Participant {
        name: name.into(),
        role,
        title: "Thôn Đông".into(),
        present,
    }
}

fn held(kind: DialogueKind, on: &str) -> Dialogue {
    Dialogue {
        time: "08:00".into(),
        place: "Hội trường UBND phường".into(),
        presiding: "Chủ tịch UBND phường".into(),
        held_on: Some(d(on)),
        outcome: Some(DialogueOutcome::Partly),
        signed: Some(MinutesSigned::All),
        ..Dialogue::planned(kind, d(on))
    }
}

fn promise(dialogue: &str, text: &str, due: &str) -> Promise {
    Promise {
        id: 0,
        uid: String::new(),
        dialogue_uid: dialogue.to_owned(),
        text: text.into(),
        owner: OWNER.into(),
        due_on: d(due),
        answered_on: None,
        answer: String::new(),
        version: 1,
    }
}

impl Desk {
    fn dialogue(&mut self, x: &Dialogue) -> String {
        self.store
            .write(&self.actor, |w| w.save_dialogue(x, today()))
            .unwrap()
    }

    fn promise(&mut self, p: &Promise) -> String {
        self.store
            .write(&self.actor, |w| w.save_promise(p))
            .unwrap()
    }

    /// A complaint received (a case opened) and its dialogue held, naming the citizen; a
    /// public dialogue held with two answers promised (none answered yet); a public one
    /// called off. The public dialogue's uid.
    fn dialogues(&mut self, id: &str) -> String {
        let mut v = draft(CITIZEN, id, "Khiếu nại quyết định thu hồi đất");
        v.handling = "thu_ly".into();
        let visit = self.save(&v);
        let code = self
            .store
            .visit_detail(&visit)
            .unwrap()
            .row
            .case_code
            .unwrap();
        let case = self.store.case_uid_by_code(&code).unwrap().unwrap();
        let mut x = held(DialogueKind::Complaint, "2026-11-20");
        x.case_uid = Some(case);
        x.participants = vec![
            person("Nguyễn Văn Chủ Trì", ParticipantRole::Presiding, true),
            person(CITIZEN, ParticipantRole::Complainant, true),
            person("Lê Văn Vắng", ParticipantRole::Respondent, false),
        ];
        x.said = SAID.into();
        x.agreed = AGREED.into();
        x.differ = "Đơn giá bồi thường".into();
        x.note = format!("Ghi chú về {CITIZEN}");
        self.dialogue(&x);
        let mut public = held(DialogueKind::Public, "2026-11-21");
        public.outcome = Some(DialogueOutcome::Held);
        public.audience = "Hộ dân dự án mở rộng đường".into();
        public.people = 120;
        public.topics = "Bồi thường, tái định cư".into();
        public.said = SAID.into();
        let uid = self.dialogue(&public);
        self.promise(&promise(&uid, PROMISE, "2026-12-10"));
        self.promise(&promise(
            &uid,
            "Công khai phương án bồi thường",
            "2026-11-21",
        ));
        let mut off = held(DialogueKind::Public, "2026-11-22");
        off.people = 40;
        off.cancelled = true;
        self.dialogue(&off);
        uid
    }

    /// Answer the first promise of a dialogue (by its due day) on `on`.
    fn answer(&mut self, dialogue: &str, on: &str) {
        let mut p = self.store.promises(Some(dialogue)).unwrap().remove(0);
        p.answered_on = Some(d(on));
        p.answer = ANSWER.into();
        self.promise(&p);
    }
}

fn figure(n: &[(String, Option<u64>)], f: Figure) -> Option<u64> {
    n.iter().find(|x| x.0 == format!("{f:?}")).unwrap().1
}

#[test]
fn the_hub_counts_each_desks_dialogues_as_the_desk_does_and_the_province_the_sum() {
    let Some(pg) = pg() else { return };
    let hub = Hub::start(&pg.url());
    let mut a = desk_a();
    let mut b = desk_b();
    hub.enroll(&a);
    hub.enroll_in(&b, "Quận Hoàn Kiếm");
    let public = a.dialogues("001090000077");
    let mut only = held(DialogueKind::Public, "2026-11-19");
    only.people = 50;
    b.dialogue(&only);
    for x in [&a, &b] {
        assert_eq!(x.sync(&hub).unwrap().ack(), x.head());
    }
    let (na, nb) = (own(&a), own(&b));
    // The desk counts them: one complaint's dialogue (two present), one public (120 people,
    // two answers promised, none given yet); the one called off not at all.
    let dialogue_figures = |n: &[(String, Option<u64>)]| {
        [
            Figure::DialoguesComplaint,
            Figure::DialoguesPublic,
            Figure::DialoguePeople,
            Figure::PromisesMade,
            Figure::PromisesAnswered,
        ]
        .map(|f| figure(n, f))
    };
    assert_eq!(
        dialogue_figures(&na),
        [Some(1), Some(1), Some(122), Some(2), Some(0)]
    );
    // The hub's report of each unit is the desk's own, figure by figure and cell by cell.
    let ha = hub_numbers(&hub, Scope::Unit("BD".into()));
    assert_eq!(dialogue_figures(&ha), dialogue_figures(&na));
    assert_eq!(ha, na);
    assert_eq!(hub_numbers(&hub, Scope::Unit("KM".into())), nb);
    assert_eq!(figure(&nb, Figure::DialoguesPublic), Some(1));
    assert_eq!(figure(&nb, Figure::DialoguePeople), Some(50));
    assert_eq!(
        hub_numbers(&hub, Scope::Province),
        summed(&[na.clone(), nb.clone()])
    );

    // An answer given later: the next sync brings the promise's new version, and the hub's
    // figure follows the desk's.
    a.answer(&public, "2026-11-21");
    let o = a.sync(&hub).unwrap();
    assert!(replies(&o).iter().any(|r| r.records_updated > 0), "{o:?}");
    assert!(replies(&o).iter().all(|r| r.conflicts.is_empty()));
    let na = own(&a);
    assert_eq!(figure(&na, Figure::PromisesAnswered), Some(1));
    assert_eq!(hub_numbers(&hub, Scope::Unit("BD".into())), na);
    assert_eq!(
        hub_numbers(&hub, Scope::Province),
        summed(&[na.clone(), nb.clone()])
    );
    // A replay changes nothing.
    let before = hub.snapshot();
    let p = a.store.package_after(0, 10_000).unwrap();
    let (status, body) = hub.post(Desk::package_bytes(&p));
    assert_eq!(status, 200, "{body}");
    assert_eq!(hub.snapshot(), before);
}

#[test]
fn no_name_or_free_text_of_a_dialogue_reaches_the_hub() {
    let Some((pg, hub, mut a)) = hub_and_desk_a() else {
        return;
    };
    let public = a.dialogues("001090000078");
    a.answer(&public, "2026-11-21");
    assert_eq!(a.sync(&hub).unwrap().ack(), a.head());
    // The hub holds the dialogues and their promises…
    assert_eq!(
        hub.count("SELECT count(*) FROM records WHERE entity = 'dialogue'"),
        3
    );
    assert_eq!(
        hub.count("SELECT count(*) FROM records WHERE entity = 'dialogue_promise'"),
        2
    );
    // …with what the report counts and nothing else.
    let keys = hub.sql(async |c| {
        let rows = c
            .query(
                "SELECT DISTINCT entity, jsonb_object_keys(fields) FROM records
                 WHERE entity IN ('dialogue', 'dialogue_promise') ORDER BY 1, 2",
                &[],
            )
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| format!("{}.{}", r.get::<_, String>(0), r.get::<_, String>(1)))
            .collect::<Vec<_>>())
    });
    assert_eq!(
        keys,
        [
            "dialogue.cancelled",
            "dialogue.case",
            "dialogue.held_on",
            "dialogue.kind",
            "dialogue.people",
            "dialogue.planned_on",
            "dialogue_promise.answered_on",
            "dialogue_promise.dialogue",
            "dialogue_promise.due_on",
        ]
    );
    // No name or free text of theirs anywhere in the hub's database: not in the records,
    // nor in the entries of the desk's journal it keeps, in any form. (The citizen's own
    // record, from the visit, is at the hub as the desk has it: her name is not looked for.)
    let dump = pg.dump();
    assert!(
        dump.contains("dialogue_promise"),
        "the dump holds the hub's rows"
    );
    for text in [
        SAID,
        AGREED,
        PROMISE,
        OWNER,
        ANSWER,
        "Nguyễn Văn Chủ Trì",
        "Lê Văn Vắng",
    ] {
        assert!(!dump.contains(text), "{text} in the hub's dump");
        assert!(
            !fold(&dump).contains(&fold(text)),
            "{text} (folded) in the hub's dump"
        );
    }
    assert!(!dump.contains(&format!("Ghi chú về {CITIZEN}")));
    // The desk's journal does hold them (its entries' hashes are whole at the hub).
    let p = a.store.package_after(0, 10_000).unwrap();
    let journal = serde_json::to_string(&p.journal).unwrap();
    assert!(journal.contains(SAID) && journal.contains(ANSWER));
}

#[test]
fn a_desk_taking_anothers_package_merges_none_of_its_dialogues() {
    let mut a = desk_a();
    let mut b = desk_b();
    a.dialogues("001090000079");
    let p = a.store.package(None, None).unwrap();
    let part = p.hub.as_ref().expect("the hub's part");
    assert_eq!(
        part.records
            .iter()
            .filter(|r| r.entity == "dialogue")
            .count(),
        3
    );
    assert!(p.records.iter().all(|r| !r.entity.starts_with("dialogue")));
    // Read back from its bytes, it holds; a desk of before, which does not know the hub's
    // part (its reader leaves the key out), verifies the rest as before.
    let bytes = Desk::package_bytes(&p);
    let back = package::read(&bytes).unwrap();
    assert_eq!(back, p);
    back.verify().unwrap();
    let mut old = back.clone();
    old.hub = None;
    old.verify().unwrap();
    // A changed hub part is refused.
    let mut changed = back.clone();
    let rec = &mut changed.hub.as_mut().unwrap().records[0];
    rec.fields
        .insert("people".into(), serde_json::Value::from(9999));
    assert!(changed.verify().is_err());

    let plan = b.store.merge_plan(&p).unwrap();
    assert!(plan.conflicts.is_empty(), "{plan:?}");
    let out = b
        .store
        .write(&b.actor, |w| w.merge_package(&p, "test"))
        .unwrap();
    assert!(out.added_total() > 0);
    assert!(out.conflicts.is_empty());
    assert!(b.store.public_dialogues().unwrap().is_empty());
    assert!(b.store.promises(None).unwrap().is_empty());
    let r = b.store.period_report(year(), today()).unwrap();
    assert_eq!(r.figure(Figure::DialoguesComplaint), 0);
    assert_eq!(r.figure(Figure::DialoguesPublic), 0);
    // Merged again: nothing new.
    let again = b
        .store
        .write(&b.actor, |w| w.merge_package(&p, "test"))
        .unwrap();
    assert_eq!(again.added_total(), 0);
}
