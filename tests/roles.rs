//! Roles hold in the store (issue 25): every write method of `Writer`, for every role, is
//! allowed or refused exactly as the table of `domain::role` says — on a colleague's records
//! and on the officer's own, on a case of the desk and on one assigned to someone else.
//!
//! The methods are enumerated from the source: every `pub fn` of an `impl … Writer` block in
//! `src/store/**/*.rs` must have its calls here, so a new write without a rule fails.

mod common;

use std::collections::BTreeSet;

use common::*;
use tiepdan::domain::calendar::DayKind;
use tiepdan::domain::case::{Action, CaseType, ComplaintSubject};
use tiepdan::domain::deadline::DayBasis;
use tiepdan::domain::intake::CaseChoice;
use tiepdan::domain::role::{self, Permission, Role, Roles, Target};
use tiepdan::store::{
    Actor, CaseSource, CitizenInput, DRAFT_VISIT_FORM, Intake, NewCase, RuleChange, StepInput,
    Store, StoreError, TimeBarInput, Writer,
};

/// Another desk's package (its first officer and settings), to merge.
static OTHER_DESK: std::sync::LazyLock<tiepdan::store::Package> = std::sync::LazyLock::new(|| {
    cheap();
    let mut s = Store::open_in_memory().unwrap();
    s.first_start("UBND phường Kim Mã", "KM", "Phạm Văn Hùng", PIN, PIN)
        .unwrap();
    s.package(None, None).unwrap()
});

/// The `pub fn`s of every `impl … Writer` block of the store's source.
fn writer_methods() -> BTreeSet<String> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src/store");
    let mut files = vec![];
    let mut dirs = vec![std::path::PathBuf::from(root)];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                files.push(p);
            }
        }
    }
    let mut names = BTreeSet::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let mut depth = 0i32;
        let mut in_writer: Option<i32> = None;
        for line in text.lines() {
            let t = line.trim_start();
            if in_writer.is_none()
                && t.starts_with("impl")
                && t.contains("Writer<")
                && !t.contains(" for ")
            {
                in_writer = Some(depth);
            }
            if let Some(d) = in_writer
                && depth == d + 1
                && let Some(rest) = t.strip_prefix("pub fn ")
            {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                names.insert(name);
            }
            depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
            if let Some(d) = in_writer
                && depth <= d
                && line.contains('}')
            {
                in_writer = None;
            }
        }
    }
    names
}

/// A desk where officer X holds exactly one role, beside an administrator (every role) and
/// a receiving colleague Y, each with records of their own.
struct Desk {
    store: Store,
    x: Actor,
    ids: Ids,
}

/// What the probes need to know of the desk, read before each write (plain data).
#[derive(Clone)]
struct Ids {
    x_id: i64,
    y_id: i64,
    z_id: i64,
    /// Y's complaint visit (hướng dẫn), its citizen; Y's denunciation visit and case; a case
    /// Y took in that nobody assigned; one assigned to Y.
    y_visit: String,
    y_citizen: i64,
    y_tc_visit: String,
    y_tc_case: String,
    desk_case: String,
    y_case: String,
    /// X's own: a visit, a denunciation visit and case, and a case assigned to X.
    x_visit: String,
    x_tc_visit: String,
    x_tc_case: String,
    x_case: String,
    /// The versions of the visits, the rules and the fields as they are.
    versions: std::collections::HashMap<String, i64>,
    rules: Vec<tiepdan::domain::deadline::Rule>,
    fields: Vec<tiepdan::store::Field>,
}

fn visit(
    store: &mut Store,
    who: &Actor,
    name: &str,
    id: &str,
    kind: &str,
    handling: &str,
) -> (String, Option<String>) {
    let mut d = draft(name, id);
    d.petition_type = kind.into();
    d.handling = handling.into();
    let v = valid(&d);
    let saved = write(store, who, |w| {
        w.save_visit(&input(&v), &CaseChoice::OpenNew)
    });
    (saved.uid, saved.case.map(|c| c.uid))
}

fn assign(store: &mut Store, admin: &Actor, case: &str, to: i64) {
    let s = StepInput {
        day: Some(today()),
        assignee: Some(to),
        ..StepInput::default()
    };
    write(store, admin, |w| {
        w.case_step(case, None, Action::Assign, &s, today())
    });
}

fn desk(role: Role) -> Desk {
    let mut store = Store::open_in_memory().unwrap();
    let admin = store_with_officer(&mut store);
    let (x_id, y_id, z_id) = write(&mut store, &admin, |w| {
        let x = w.add_officer("Trần Văn Xuân", "")?.id;
        let y = w.add_officer("Lê Văn Yên", "")?.id;
        let z = w.add_officer("Phạm Thị Zung", "")?.id;
        w.disable_officer(z)?;
        Ok((x, y, z))
    });
    let x = store.set_first_pin(x_id, PIN, PIN).unwrap();
    let y = store.set_first_pin(y_id, PIN, PIN).unwrap();
    let (y_visit, _) = visit(
        &mut store,
        &y,
        "Đỗ Văn An",
        "001085000001",
        "khieu_nai",
        "huong_dan",
    );
    let y_citizen = store.visit_detail(&y_visit).unwrap().citizen_id;
    let (y_tc_visit, y_tc_case) = visit(
        &mut store,
        &y,
        "Vũ Thị Bích",
        "001185000002",
        "to_cao",
        "thu_ly",
    );
    let (_, desk_case) = visit(
        &mut store,
        &y,
        "Ngô Văn Cường",
        "001085000003",
        "khieu_nai",
        "thu_ly",
    );
    let (_, y_case) = visit(
        &mut store,
        &y,
        "Hồ Thị Dung",
        "001185000004",
        "khieu_nai",
        "thu_ly",
    );
    let y_case = y_case.unwrap();
    assign(&mut store, &admin, &y_case, y_id);
    let (x_visit, _) = visit(
        &mut store,
        &x,
        "Mai Văn Em",
        "001085000005",
        "khieu_nai",
        "huong_dan",
    );
    let (x_tc_visit, x_tc_case) = visit(
        &mut store,
        &x,
        "Lý Thị Gấm",
        "001185000006",
        "to_cao",
        "thu_ly",
    );
    let (_, x_case) = visit(
        &mut store,
        &x,
        "Tạ Văn Hải",
        "001085000007",
        "khieu_nai",
        "thu_ly",
    );
    let x_case = x_case.unwrap();
    assign(&mut store, &admin, &x_case, x_id);
    // Scratch of X's: a draft of another window, to claim; a calendar day to remove.
    write(&mut store, &x, |w| {
        w.save_draft(DRAFT_VISIT_FORM, "w-old", "{}")
    });
    write(&mut store, &admin, |w| {
        w.set_calendar_day(d("2026-12-28"), DayKind::Off, "Nghỉ bù", today())
            .map(|_| ())
    });
    // Now X holds the role under test, and only it.
    write(&mut store, &admin, |w| {
        w.set_roles(x_id, Roles::of(&[role]))
    });
    let versions = [&y_visit, &x_visit]
        .into_iter()
        .map(|u| (u.clone(), store.visit_detail(u).unwrap().row.version))
        .collect();
    let rules = store.deadline_rules().unwrap();
    let fields = store.fields().unwrap();
    let ids = Ids {
        x_id,
        y_id,
        z_id,
        y_visit,
        y_citizen,
        y_tc_visit,
        y_tc_case: y_tc_case.unwrap(),
        desk_case: desk_case.unwrap(),
        y_case,
        x_visit,
        x_tc_visit,
        x_tc_case: x_tc_case.unwrap(),
        x_case,
        versions,
        rules,
        fields,
    };
    Desk { store, x, ids }
}

fn d(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

type Call = Box<dyn Fn(&mut Writer<'_>, &Ids) -> tiepdan::store::Result<()>>;

/// One call of a method: what it needs, on what, and whether the law may refuse it anyway
/// (a step of a case not allowed from where the case is).
struct Probe {
    label: String,
    what: Permission,
    target: Target,
    call: Call,
    law_may_refuse: bool,
}

fn probe(
    label: impl Into<String>,
    what: Permission,
    target: Target,
    call: impl Fn(&mut Writer<'_>, &Ids) -> tiepdan::store::Result<()> + 'static,
) -> Probe {
    Probe {
        label: label.into(),
        what,
        target,
        call: Box::new(call),
        law_may_refuse: false,
    }
}

/// A dialogue planned for 30/11/2026 (a complaint's names its case before it is saved).
fn dialogue(kind: tiepdan::domain::dialogue::DialogueKind) -> tiepdan::domain::dialogue::Dialogue {
    tiepdan::domain::dialogue::Dialogue {
        id: 0,
        uid: String::new(),
        kind,
        case_uid: None,
        case_code: None,
        planned_on: d("2026-11-30"),
        time: "08:00".into(),
        place: "Hội trường UBND phường".into(),
        presiding: "Chủ tịch UBND phường".into(),
        notice_sent_on: None,
        notice_no: String::new(),
        participants: vec![],
        audience: "Nhân dân tổ dân phố 3".into(),
        people: 0,
        topics: String::new(),
        held_on: None,
        said: String::new(),
        agreed: String::new(),
        differ: String::new(),
        outcome: None,
        signed: None,
        note: String::new(),
        version: 1,
        cancelled: false,
    }
}

fn visit_input(name: &str, id: &str) -> tiepdan::domain::visit::ValidVisit {
    let mut d = draft(name, id);
    d.handling = "huong_dan".into();
    d.content = "Khiếu nại quyết định thu hồi đất (đã sửa)".into();
    valid(&d)
}

fn new_case(t: CaseType) -> NewCase {
    NewCase {
        case_type: t,
        field_code: "dat_dai".into(),
        summary: "Đơn thư gửi qua bưu điện".into(),
        source: CaseSource::Post,
        forwarded_by: String::new(),
        forwarding_doc: String::new(),
        forwarder_kind: None,
        received_on: today(),
        remote: false,
    }
}

/// Every probe of one method, or None for a method this test does not know.
fn probes(method: &str, f: &Ids) -> Option<Vec<Probe>> {
    use Permission as P;
    let visit_by = |who: i64| Target::Visit { logged_by: who };
    let case = |assigned: Option<i64>, received: i64| Target::Case {
        assigned_to: assigned,
        received_by: vec![received],
    };
    let (x, y) = (f.x_id, f.y_id);
    Some(match method {
        "actor" | "journal_head" => vec![],
        "save_visit" => vec![probe(
            "a new visit",
            P::RecordVisit,
            Target::None,
            |w, _| {
                let v = visit_input("Kiều Văn Khải", "001085000099");
                w.save_visit(&input(&v), &CaseChoice::OpenNew).map(|_| ())
            },
        )],
        "update_visit" | "void_visit" => {
            let mut out = vec![];
            for (whose, uid, by) in [
                ("Y's visit", f.y_visit.clone(), y),
                ("X's own visit", f.x_visit.clone(), x),
            ] {
                let void = method == "void_visit";
                out.push(probe(whose, P::EditVisit, visit_by(by), move |w, f| {
                    let v = f.versions[&uid];
                    if void {
                        w.void_visit(&uid, v, "Ghi nhầm")
                    } else {
                        let name = if uid == f.y_visit {
                            "Đỗ Văn An"
                        } else {
                            "Mai Văn Em"
                        };
                        let id = if uid == f.y_visit {
                            "001085000001"
                        } else {
                            "001085000005"
                        };
                        let vv = visit_input(name, id);
                        w.update_visit(&uid, v, &input(&vv), &CaseChoice::Ask)
                            .map(|_| ())
                    }
                }));
            }
            out
        }
        // The desk's visits are not refusals: an allowed role is told no notice is owed
        // (tests/reception.rs records a notice on a real refusal).
        "record_refusal_notice" => [
            ("Y's visit", f.y_visit.clone(), y),
            ("X's own visit", f.x_visit.clone(), x),
        ]
        .into_iter()
        .map(|(whose, uid, by)| {
            let mut p = probe(whose, P::EditVisit, visit_by(by), move |w, f| {
                w.record_refusal_notice(&uid, f.versions[&uid], today(), today())
            });
            p.law_may_refuse = true;
            p
        })
        .collect(),
        "print_paper" => vec![
            probe(
                "a guidance notice of Y's visit",
                P::Print,
                Target::None,
                |w, f| {
                    let subject = tiepdan::domain::paper::Subject::Visit {
                        uid: f.y_visit.clone(),
                    };
                    w.print_paper(
                        &tiepdan::store::PrintPaper {
                            form: tiepdan::domain::paper::Form::Guidance,
                            subject: &subject,
                            template_version: "2026.1",
                            format: "pdf",
                            names_denouncer: false,
                            today: today(),
                        },
                        |_| Ok(()),
                    )
                    .map(|_| ())
                },
            ),
            probe(
                "the receipt of X's own visit",
                P::Print,
                Target::None,
                |w, f| {
                    let subject = tiepdan::domain::paper::Subject::Visit {
                        uid: f.x_visit.clone(),
                    };
                    w.print_paper(
                        &tiepdan::store::PrintPaper {
                            form: tiepdan::domain::paper::Form::Receipt,
                            subject: &subject,
                            template_version: "2026.1",
                            format: "docx",
                            names_denouncer: false,
                            today: today(),
                        },
                        |_| Ok(()),
                    )
                    .map(|_| ())
                },
            ),
        ],
        "reveal_visit" => vec![
            probe(
                "Y's denunciation",
                P::RevealIdentity,
                visit_by(y),
                |w, f| w.reveal_visit(&f.y_tc_visit),
            ),
            probe(
                "the denunciation X received",
                P::RevealIdentity,
                visit_by(x),
                |w, f| w.reveal_visit(&f.x_tc_visit),
            ),
        ],
        "reveal_case" => vec![
            probe(
                "Y's denunciation case",
                P::RevealIdentity,
                case(None, y),
                |w, f| w.reveal_case(&f.y_tc_case),
            ),
            probe(
                "the denunciation case X took in",
                P::RevealIdentity,
                case(None, x),
                |w, f| w.reveal_case(&f.x_tc_case),
            ),
        ],
        "take_in" => vec![probe(
            "a written petition",
            P::TakeIn,
            Target::None,
            |w, f| {
                let c = new_case(CaseType::KhieuNai);
                let intake = Intake {
                    case_type: c.case_type,
                    citizen_id: f.y_citizen,
                    field_code: "moi_truong".into(),
                    summary: c.summary,
                    source: c.source,
                    forwarded_by: String::new(),
                    forwarding_doc: String::new(),
                    forwarder_kind: None,
                    received_on: today(),
                    remote: false,
                    visit_id: None,
                };
                w.take_in(&intake, &CaseChoice::OpenNew).map(|_| ())
            },
        )],
        "take_in_written" => vec![probe(
            "a written petition with its citizen",
            P::TakeIn,
            Target::None,
            |w, _| {
                let who = CitizenInput {
                    full_name: "Cao Thị Lan",
                    id_number: None,
                    phone: None,
                    address: "Số 3 phố Huế",
                    denouncer: false,
                };
                w.take_in_written(
                    &who,
                    None,
                    false,
                    &new_case(CaseType::KienNghiPhanAnh),
                    &CaseChoice::OpenNew,
                )
                .map(|_| ())
            },
        )],
        "open_case_from_visit" => vec![probe(
            "another case from Y's visit",
            P::TakeIn,
            Target::None,
            |w, f| {
                let mut c = new_case(CaseType::KhieuNai);
                c.source = CaseSource::Visit;
                w.open_case_from_visit(&f.y_visit, &c).map(|_| ())
            },
        )],
        "case_step" => {
            let mut out = vec![];
            for a in Action::ALL.iter().copied() {
                for (whose, uid, target) in [
                    ("a case of the desk", f.desk_case.clone(), case(None, y)),
                    ("a case assigned to Y", f.y_case.clone(), case(Some(y), y)),
                    ("a case assigned to X", f.x_case.clone(), case(Some(x), x)),
                ] {
                    let s = StepInput {
                        day: Some(today()),
                        note: "Ghi chú".into(),
                        agency: "UBND quận".into(),
                        assignee: Some(x),
                        outcome: Some(tiepdan::domain::case::Outcome::Dung),
                        reason: Some(tiepdan::domain::case::RefusalReason::ALL[0]),
                        ..StepInput::default()
                    };
                    let mut p = probe(
                        format!("{} on {whose}", a.code()),
                        role::step_permission(a),
                        target,
                        move |w, _| w.case_step(&uid, None, a, &s, today()).map(|_| ()),
                    );
                    p.law_may_refuse = true;
                    out.push(p);
                }
            }
            out
        }
        "record_time_bar" => [
            ("a case of the desk", f.desk_case.clone(), case(None, y)),
            ("a case assigned to Y", f.y_case.clone(), case(Some(y), y)),
            ("a case assigned to X", f.x_case.clone(), case(Some(x), x)),
        ]
        .into_iter()
        .map(|(whose, uid, target)| {
            probe(whose, P::MoveCase, target, move |w, _| {
                let t = TimeBarInput {
                    learned_on: d("2026-11-01"),
                    obstacle_days: 0,
                    subject: ComplaintSubject::Administrative,
                    note: String::new(),
                };
                w.record_time_bar(&uid, None, &t, today())
            })
        })
        .collect(),
        // The head's reception schedule (issue 29): the plans are the unit's catalog; a day
        // posted, held or postponed is the desk's record of it.
        "set_reception_plan" => vec![probe(
            "a plan from 01/12/2026",
            P::EditCatalog,
            Target::None,
            |w, _| {
                let plan = tiepdan::domain::schedule::Plan {
                    id: 0,
                    uid: String::new(),
                    leader: "Chủ tịch UBND phường".into(),
                    pattern: tiepdan::domain::schedule::Pattern::Weekly,
                    weekday: Some(chrono::Weekday::Thu),
                    days: vec![],
                    place: String::new(),
                    effective_from: d("2026-12-01"),
                    effective_to: None,
                    version: 1,
                };
                w.set_reception_plan(&plan).map(|_| ())
            },
        )],
        // Refused in words when no plan is in force then (the order of the probes decides).
        "end_reception_plans" => vec![{
            let mut p = probe(
                "no schedule from 01/01/2027",
                P::EditCatalog,
                Target::None,
                |w, _| w.end_reception_plans(d("2027-01-01")),
            );
            p.law_may_refuse = true;
            p
        }],
        // Dialogues (issue 29): a complaint's is a step of its case; a public one is the
        // head's, kept by the desk or a leader, with the answers promised there.
        "save_dialogue" => {
            let mut out: Vec<Probe> = [
                ("a case of the desk", f.desk_case.clone(), case(None, y)),
                ("a case assigned to Y", f.y_case.clone(), case(Some(y), y)),
                ("a case assigned to X", f.x_case.clone(), case(Some(x), x)),
            ]
            .into_iter()
            .map(|(whose, uid, target)| {
                probe(
                    format!("a dialogue of {whose}"),
                    P::MoveCase,
                    target,
                    move |w, _| {
                        let mut d = dialogue(tiepdan::domain::dialogue::DialogueKind::Complaint);
                        d.case_uid = Some(uid.clone());
                        w.save_dialogue(&d, today()).map(|_| ())
                    },
                )
            })
            .collect();
            out.push(probe(
                "a public dialogue",
                P::RecordDialogue,
                Target::None,
                |w, _| {
                    let d = dialogue(tiepdan::domain::dialogue::DialogueKind::Public);
                    w.save_dialogue(&d, today()).map(|_| ())
                },
            ));
            out
        }
        "save_promise" => vec![probe(
            "an answer promised at a public dialogue",
            P::RecordDialogue,
            Target::None,
            |w, _| {
                let public = dialogue(tiepdan::domain::dialogue::DialogueKind::Public);
                let uid = w.save_dialogue(&public, today())?;
                let p = tiepdan::domain::dialogue::Promise {
                    id: 0,
                    uid: String::new(),
                    dialogue_uid: uid,
                    text: "Trả lời về đơn giá bồi thường".into(),
                    owner: String::new(),
                    due_on: d("2026-12-15"),
                    answered_on: None,
                    answer: String::new(),
                    version: 1,
                };
                w.save_promise(&p).map(|_| ())
            },
        )],
        "record_reception_day" => vec![probe(
            "a day posted",
            P::RecordVisit,
            Target::None,
            |w, _| w.record_reception_day(d("2026-11-26"), Some(d("2026-11-19")), None, None, ""),
        )],
        "set_field_report_column" => vec![probe(
            "a field's column",
            P::EditCatalog,
            Target::None,
            |w, f| {
                let field = f.fields.iter().find(|x| x.code == "moi_truong").unwrap();
                w.set_field_report_column("moi_truong", &field.report_column, "hc_chinh_sach")
            },
        )],
        "change_rule" => vec![
            probe("a rule of law", P::EditCatalog, Target::None, |w, f| {
                let r = f.rules.iter().find(|r| !r.internal).unwrap();
                let c = RuleChange {
                    days: r.days + 1,
                    extension_days: r.extension_days,
                    basis: r.basis,
                    article: r.article.clone(),
                    active: None,
                    effective_from: today(),
                    reason: "Văn bản mới".into(),
                };
                w.change_rule(r, &c).map(|_| ())
            }),
            probe(
                "the unit's own rule",
                P::EditCatalog,
                Target::None,
                |w, f| {
                    let r = f.rules.iter().find(|r| r.internal).unwrap();
                    let c = RuleChange {
                        days: 15,
                        extension_days: 0,
                        basis: DayBasis::Working,
                        article: r.article.clone(),
                        active: Some(true),
                        effective_from: today(),
                        reason: String::new(),
                    };
                    w.change_rule(r, &c).map(|_| ())
                },
            ),
        ],
        "exported" => vec![probe(
            "a report exported",
            P::Export,
            Target::None,
            |w, _| {
                let q = tiepdan::domain::report::Period::parse("2026-q2").unwrap();
                w.exported(&q, "xlsx", "bao-cao-2026-q2.xlsx")
            },
        )],
        "close_period" => vec![probe(
            "a quarter over",
            P::ClosePeriod,
            Target::None,
            |w, _| {
                let q = tiepdan::domain::report::Period::parse("2026-q2").unwrap();
                w.close_period(&q, today()).map(|_| ())
            },
        )],
        "record_export" => vec![probe(
            "the book exported",
            P::Export,
            Target::None,
            |w, _| {
                w.record_export(&tiepdan::store::ExportRecord {
                    from: d("2026-11-01"),
                    to: d("2026-11-30"),
                    format: "xlsx",
                    template: "tt04-2021",
                    rows: 3,
                    file_name: "so.xlsx",
                })
            },
        )],
        "set_calendar_day" => vec![probe("a day off", P::EditCatalog, Target::None, |w, _| {
            w.set_calendar_day(d("2026-12-29"), DayKind::Off, "Nghỉ đột xuất", today())
                .map(|_| ())
        })],
        "remove_calendar_day" => vec![probe(
            "a day off removed",
            P::EditCatalog,
            Target::None,
            |w, _| w.remove_calendar_day(d("2026-12-28"), today()).map(|_| ()),
        )],
        "confirm_year" => vec![probe("a year", P::EditCatalog, Target::None, |w, _| {
            w.confirm_year(2027).map(|_| ())
        })],
        "set_setting" => vec![probe("a setting", P::EditSettings, Target::None, |w, _| {
            w.set_setting("group_threshold", "6")
        })],
        "remember_officer" => vec![probe("who signed in", P::Draft, Target::None, |w, _| {
            w.remember_officer()
        })],
        "add_officer" => vec![probe(
            "an officer",
            P::ManageOfficers,
            Target::None,
            |w, _| w.add_officer("Đinh Văn Mới", "").map(|_| ()),
        )],
        "disable_officer" => vec![probe(
            "a colleague",
            P::ManageOfficers,
            Target::None,
            |w, f| w.disable_officer(f.y_id),
        )],
        "enable_officer" => vec![probe(
            "a disabled colleague",
            P::ManageOfficers,
            Target::None,
            |w, f| w.enable_officer(f.z_id),
        )],
        "set_roles" => vec![probe(
            "a colleague's roles",
            P::ManageOfficers,
            Target::None,
            |w, f| w.set_roles(f.y_id, Roles::of(&[Role::Leader])),
        )],
        "reset_pin" => vec![probe(
            "a colleague's PIN",
            P::ManageOfficers,
            Target::None,
            |w, f| w.reset_pin(f.y_id),
        )],
        "save_draft" => vec![probe("a draft", P::Draft, Target::None, |w, _| {
            w.save_draft(DRAFT_VISIT_FORM, "w-x", "{}")
        })],
        "clear_draft" => vec![probe("a draft", P::Draft, Target::None, |w, _| {
            w.clear_draft(DRAFT_VISIT_FORM, "w-old")
        })],
        "claim_draft" => vec![probe("a draft left", P::Draft, Target::None, |w, _| {
            w.claim_draft(DRAFT_VISIT_FORM, "w-old", "w-x").map(|_| ())
        })],
        "park_drafts" => vec![probe("drafts left", P::Draft, Target::None, |w, _| {
            w.park_drafts("w-old").map(|_| ())
        })],
        "bulk" => vec![probe("an import", P::BulkLoad, Target::None, |w, _| {
            w.bulk("import").map(|_| ())
        })],
        "import_visits" => vec![probe("an old book", P::BulkLoad, Target::None, |w, _| {
            w.import_visits("old book", &[]).map(|_| ())
        })],
        "merge_package" => vec![probe(
            "another desk's package",
            P::BulkLoad,
            Target::None,
            |w, _| w.merge_package(&OTHER_DESK, "KM.tiepdan").map(|_| ()),
        )],
        "trust_desk_key" => vec![probe(
            "another desk's new key",
            P::BulkLoad,
            Target::None,
            // A desk merged here (in the same transaction), then its new key.
            |w, _| {
                w.merge_package(&OTHER_DESK, "KM.tiepdan")?;
                w.trust_desk_key("KM", &"ab".repeat(32)).map(|_| ())
            },
        )],
        _ => return None,
    })
}

/// Run `call` as X and roll it back (the desk stays as it was for the next probe).
fn attempt(f: &mut Desk, call: &Call) -> tiepdan::store::Result<()> {
    let mut got = None;
    let ids = f.ids.clone();
    let r = f.store.write(&f.x, |w| {
        got = Some(call(w, &ids));
        Err::<(), _>(StoreError::Invalid("rolled back by the test".into()))
    });
    match got {
        Some(result) => result,
        None => r,
    }
}

#[test]
fn every_writer_method_is_enumerated() {
    let scanned = writer_methods();
    assert!(scanned.contains("save_visit") && scanned.contains("set_roles"));
    let f = desk(Role::Receiver);
    let unknown: Vec<&String> = scanned
        .iter()
        .filter(|m| probes(m, &f.ids).is_none())
        .collect();
    assert!(
        unknown.is_empty(),
        "write methods without a rule in this test (add them, with the permission of \
         domain/role.rs they need): {unknown:?}"
    );
}

#[test]
fn every_write_for_every_role_as_the_table_says() {
    let methods = writer_methods();
    let mut checked = 0;
    for role in Role::ALL.iter().copied() {
        let mut f = desk(role);
        let roles = Roles::of(&[role]);
        for m in &methods {
            for p in probes(m, &f.ids).expect("enumerated") {
                let expected = role::decide(roles, f.ids.x_id, p.what, &p.target);
                let got = attempt(&mut f, &p.call);
                let what = format!("{m} ({}) as {}", p.label, role.code());
                match (expected, &got) {
                    (Err(why), Err(StoreError::Forbidden(got_why))) => {
                        assert_eq!(why, *got_why, "{what}: refused, for the table's reason");
                    }
                    (Err(why), other) => {
                        panic!("{what}: the table refuses ({why:?}), got {other:?}")
                    }
                    (Ok(()), Err(StoreError::Forbidden(why))) => {
                        panic!("{what}: the table allows it, refused {why:?}")
                    }
                    (Ok(()), Ok(())) => {}
                    (Ok(()), Err(e)) if p.law_may_refuse => {
                        assert!(
                            matches!(
                                e,
                                StoreError::Refused { .. }
                                    | StoreError::Invalid(_)
                                    | StoreError::StepDate { .. }
                            ),
                            "{what}: allowed, then {e:?}"
                        );
                    }
                    (Ok(()), Err(e)) => panic!("{what}: allowed by the table, failed: {e:?}"),
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 3 * 100, "{checked} probes");
}

#[test]
fn a_refusal_says_who_may() {
    let mut f = desk(Role::Receiver);
    let uid = f.ids.desk_case.clone();
    let s = StepInput {
        day: Some(today()),
        outcome: Some(tiepdan::domain::case::Outcome::Dung),
        ..StepInput::default()
    };
    let x = f.x.clone();
    let err = f
        .store
        .write(&x, |w| w.case_step(&uid, None, Action::Accept, &s, today()))
        .unwrap_err();
    let words = tiepdan::i18n::store_error(tiepdan::i18n::Lang::Vi, &err);
    assert!(words.contains("lãnh đạo"), "{words}");
    let uid = f.ids.y_tc_case.clone();
    let err = f.store.write(&x, |w| w.reveal_case(&uid)).unwrap_err();
    let words = tiepdan::i18n::store_error(tiepdan::i18n::Lang::Vi, &err);
    assert!(
        words.contains("Chỉ lãnh đạo hoặc cán bộ đã tiếp nhận"),
        "{words}"
    );
    let uid = f.ids.y_case.clone();
    let err = f
        .store
        .write(&x, |w| {
            w.case_step(&uid, None, Action::Note, &StepInput::default(), today())
        })
        .unwrap_err();
    let words = tiepdan::i18n::store_error(tiepdan::i18n::Lang::En, &err);
    assert!(words.contains("assigned to another officer"), "{words}");
}

/// The roles a write sees are the book's now: a role taken at another desk holds at once.
#[test]
fn a_role_taken_elsewhere_holds_at_the_next_write() {
    let mut f = desk(Role::Admin);
    let x = f.x.clone();
    let y = f.ids.y_id;
    f.store
        .write(&x, |w| w.set_setting("group_threshold", "7"))
        .unwrap();
    // Another administrator (the first officer) takes the role away.
    let admin = common::sign_in(&mut f.store, 1);
    write(&mut f.store, &admin, |w| {
        w.set_roles(f.ids.x_id, Roles::of(&[Role::Receiver]))
    });
    assert!(matches!(
        f.store.write(&x, |w| w.set_setting("group_threshold", "8")),
        Err(StoreError::Forbidden(_))
    ));
    // The last administrator keeps the role, and stays.
    write(&mut f.store, &admin, |w| {
        w.set_roles(y, Roles::of(&[Role::Leader]))
    });
    assert!(matches!(
        f.store
            .write(&admin, |w| w.set_roles(1, Roles::of(&[Role::Receiver]))),
        Err(StoreError::LastAdmin)
    ));
    assert!(matches!(
        f.store.write(&admin, |w| w.set_roles(1, Roles::NONE)),
        Err(StoreError::Invalid(_))
    ));
}

/// `Writer` exposes methods, never the connection (STYLE.md §8): the compiler refuses SQL
/// through a Writer outside the store (the compile-fail examples of `store::write`), and no
/// code outside `src/store/` names a connection or a transaction (the crate's own unit
/// tests, `tests.rs`, read through `Store::conn` in test builds only).
#[test]
fn nothing_outside_the_store_holds_a_connection() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut dirs = vec![src.clone()];
    let mut offenders = vec![];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                if p != src.join("store") {
                    dirs.push(p);
                }
                continue;
            }
            if p.extension().is_none_or(|x| x != "rs") || p.ends_with("tests.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            for needle in ["Connection", "Transaction", ".conn()", "execute_batch"] {
                if text.contains(needle) {
                    offenders.push(format!("{}: {needle}", p.display()));
                }
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}

/// Every write method journals what it changed (issue 26): run by an officer who holds every
/// role, each call that the law lets through adds entries to the journal in its own
/// transaction — the row writers write them, so a new method cannot forget them. Only the
/// scratch moves of a draft (claimed by another window, left behind at a lock) and opening a
/// bulk load (its rows are entries) add none.
#[test]
fn every_write_method_journals_what_it_changed() {
    const NO_RECORD: &[&str] = &["park_drafts", "claim_draft", "bulk"];
    let mut f = desk(Role::Admin);
    let admin = common::sign_in(&mut f.store, 1);
    let mut journaled = 0;
    for m in writer_methods() {
        for p in probes(&m, &f.ids).expect("enumerated") {
            let ids = f.ids.clone();
            let mut got = None;
            let _ = f.store.write(&admin, |w| {
                if m == "clear_draft" {
                    // The administrator's own draft in that window, to clear.
                    w.save_draft(DRAFT_VISIT_FORM, "w-old", "{}")?;
                }
                let before = w.journal_head();
                let r = (p.call)(w, &ids);
                got = Some((r, w.journal_head() - before));
                Err::<(), _>(StoreError::Invalid("rolled back by the test".into()))
            });
            let (r, added) = got.expect("ran");
            match r {
                _ if NO_RECORD.contains(&m.as_str()) => {}
                Ok(()) => {
                    assert!(added > 0, "{m} ({}): wrote no entry", p.label);
                    journaled += 1;
                }
                Err(e) => assert!(
                    p.law_may_refuse || matches!(e, StoreError::Invalid(_) | StoreError::LastAdmin),
                    "{m} ({}): {e:?}",
                    p.label
                ),
            }
        }
    }
    assert!(journaled > 30, "{journaled} writes journaled");
}
