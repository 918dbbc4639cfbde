//! Render snapshots on TestBackend (insta): each screen at 80×24 and cramped 40×12, with
//! Vietnamese text. Styles are checked separately where meaning depends on them.

mod common;

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use tiepdan::app::{App, Command};
use tiepdan::i18n::Lang;
use tiepdan::store::{Store, VisitInput};

fn render(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    app.viewport = (w, h);
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| tiepdan::ui::draw(f, app)).unwrap();
    t
}

/// A day with a regular visit, a group at a periodic session, and a denunciation.
fn app_with_day(lang: Lang) -> App {
    let mut store = Store::open_in_memory().unwrap();
    let officer = store_with_officer(&mut store);
    let mut d1 = draft("Trần Văn Đức", "001085012345");
    d1.content =
        "Khiếu nại Quyết định số 1234/QĐ-UBND về việc thu hồi 120 m² đất nông nghiệp".into();
    // Cases are opened below, by hand.
    d1.handling = "huong_dan".into();
    let mut d2 = draft("Bùi Thị Gấm", "001185012346");
    d2.people = "12".into();
    d2.representatives = "Bùi Thị Gấm; Ngô Văn Hải".into();
    d2.form = "dinh_ky".into();
    d2.presiding = "Chủ tịch Lê Văn Hùng".into();
    d2.presider_role = "truc_tiep".into();
    d2.field = "den_bu_gpmb".into();
    d2.petition_type = "kien_nghi".into();
    d2.content = "Đề nghị xem xét lại đơn giá bồi thường khi thu hồi đất làm đường vành đai".into();
    d2.handling = "huong_dan".into();
    let mut d3 = draft("Đỗ Thị Hà", "079303001234");
    d3.petition_type = "phan_anh".into();
    d3.field = "khac".into();
    d3.content = "Phản ánh việc xây dựng không phép tại ngõ 8".into();
    d3.handling = "tra_loi".into();
    for (d, t) in [(&d1, "08:05"), (&d2, "09:40"), (&d3, "10:15")] {
        let v = valid(d);
        write(&mut store, &officer, |w| {
            w.save_visit(
                &VisitInput {
                    visit: &v,
                    day: today(),
                    time: t.into(),
                    citizen: None,
                    rename_citizen: false,
                    shared: Default::default(),
                },
                &tiepdan::domain::intake::CaseChoice::Ask,
            )
        });
    }
    start(store, lang, fixed_clock()).unwrap()
}

#[test]
fn log_pane_80x24() {
    let mut app = app_with_day(Lang::Vi);
    insta::assert_snapshot!(render(&mut app, 80, 24).backend());
}

#[test]
fn log_pane_40x12() {
    let mut app = app_with_day(Lang::Vi);
    insta::assert_snapshot!(render(&mut app, 40, 12).backend());
}

#[test]
fn log_pane_english_80x24() {
    let mut app = app_with_day(Lang::En);
    insta::assert_snapshot!(render(&mut app, 80, 24).backend());
}

#[test]
fn empty_day_80x24() {
    let mut app = app_with_day(Lang::Vi);
    app.apply(Command::NextDay);
    insta::assert_snapshot!(render(&mut app, 80, 24).backend());
}

#[test]
fn selected_row_is_reverse_video_with_a_marker() {
    let mut app = app_with_day(Lang::Vi);
    app.apply(Command::Down);
    let t = render(&mut app, 80, 24);
    let buf = t.backend().buffer();
    // Row 4 is the first data row (tabs, title, counters, header): the second is selected.
    let y = 5;
    assert_eq!(buf[(0, y)].symbol(), "▶");
    assert!(
        buf[(10, y)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    );
    assert!(
        !buf[(10, 4)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    );
}

fn form_with_errors() -> App {
    let mut app = app_with_day(Lang::Vi);
    app.handle_key(key(KeyCode::Char('n')));
    type_str(&mut app, "Lê Văn Tám");
    tab(&mut app);
    type_str(&mut app, "0010850123");
    tab(&mut app);
    type_str(&mut app, "024 3825 3536");
    tab(&mut app);
    tab(&mut app);
    app.handle_key(key(KeyCode::Backspace));
    type_str(&mut app, "7");
    app.handle_key(ctrl('s'));
    app
}

#[test]
fn form_with_errors_80x24() {
    let mut app = form_with_errors();
    insta::assert_snapshot!(render(&mut app, 80, 24).backend());
}

#[test]
fn form_with_errors_40x12() {
    let mut app = form_with_errors();
    insta::assert_snapshot!(render(&mut app, 40, 12).backend());
}

#[test]
fn form_combobox_dropdown_80x24() {
    let mut app = app_with_day(Lang::Vi);
    app.handle_key(key(KeyCode::Char('n')));
    type_str(&mut app, "Phạm Thị Đào");
    for _ in 0..7 {
        tab(&mut app);
    }
    type_str(&mut app, "d");
    insta::assert_snapshot!(render(&mut app, 80, 24).backend());
}

#[test]
fn form_recognizes_a_returning_citizen_80x24() {
    let mut app = app_with_day(Lang::Vi);
    app.handle_key(key(KeyCode::Char('n')));
    type_str(&mut app, "Tran Van Duc");
    tab(&mut app);
    type_str(&mut app, "001085012345");
    tab(&mut app);
    insta::assert_snapshot!(render(&mut app, 80, 24).backend());
}

#[test]
fn a_returning_citizens_denunciation_is_told_it_joins_no_case_of_theirs() {
    let mut app = app_with_day(Lang::Vi);
    app.handle_key(key(KeyCode::Char('n')));
    type_str(&mut app, "Tran Van Duc");
    tab(&mut app);
    type_str(&mut app, "001085012345");
    for _ in 0..5 {
        tab(&mut app);
    }
    type_str(&mut app, "to cao");
    tab(&mut app);
    let screen = render(&mut app, 100, 30).backend().to_string();
    assert!(screen.contains("Tố cáo"), "the kind is chosen:\n{screen}");
    assert!(screen.contains("Là tố cáo"), "{screen}");
    assert!(
        !screen.contains("sẽ hỏi gắn"),
        "no case is offered to a denunciation:\n{screen}"
    );
}

#[test]
fn visit_detail_80x24() {
    let mut app = app_with_day(Lang::Vi);
    app.apply(Command::Down);
    app.apply(Command::Open);
    let t = render(&mut app, 80, 24);
    insta::with_settings!({ filters => vec![(r"(Ghi lúc +)\d{2}/\d{2}/\d{4} \d{2}:\d{2}", "${1}[logged at]     ")] }, {
        insta::assert_snapshot!(t.backend());
    });
}

#[test]
fn help_overlay_80x24() {
    let mut app = app_with_day(Lang::Vi);
    app.apply(Command::Help);
    insta::assert_snapshot!(render(&mut app, 80, 24).backend());
}

#[test]
fn first_start_setup_80x24() {
    let store = Store::open_in_memory().unwrap();
    let mut app = start(store, Lang::Vi, fixed_clock()).unwrap();
    type_str(&mut app, "UBND xã Tân Hòa");
    // The suggested desk code is random.
    insta::with_settings!({ filters => vec![(r"(vụ việc\)  )[A-Z]{2}", "${1}XX")] }, {
        insta::assert_snapshot!(render(&mut app, 80, 24).backend());
    });
}

#[test]
fn too_small_notice() {
    let mut app = app_with_day(Lang::Vi);
    insta::assert_snapshot!(render(&mut app, 30, 8).backend());
}

#[test]
fn no_color_keeps_meaning() {
    let mut app = form_with_errors();
    app.no_color = true;
    let t = render(&mut app, 80, 24);
    let buf = t.backend().buffer();
    let mut saw_mark = false;
    for y in 0..24 {
        for x in 0..80 {
            let c = &buf[(x, y)];
            assert_eq!(c.fg, ratatui::style::Color::Reset, "no colour at {x},{y}");
            saw_mark |= c.symbol() == "✗";
        }
    }
    assert!(saw_mark, "errors still marked with ✗");
}

/// A queue with a complaint (accepted), a denunciation (masked) and a proposal.
fn app_with_queue() -> App {
    use tiepdan::domain::case::{Action, CaseType};
    use tiepdan::store::{CaseSource, Intake, StepInput};
    let mut app = app_with_day(Lang::Vi);
    let officer = app.actor.clone().unwrap();
    let citizen = |app: &App, name: &str| {
        app.store
            .find_citizen(None, name, Some("0912345678"))
            .unwrap()
            .unwrap()
            .id
    };
    let mk = |t: CaseType, citizen_id: i64, field: &str, summary: &str| Intake {
        case_type: t,
        citizen_id,
        field_code: field.into(),
        summary: summary.into(),
        source: CaseSource::Visit,
        forwarded_by: String::new(),
        forwarding_doc: String::new(),
        forwarder_kind: None,
        received_on: today() - chrono::Duration::days(12),
        remote: false,
        visit_id: None,
    };
    let open = |app: &mut App, c: Intake| {
        write(&mut app.store, &officer, |w| {
            w.take_in(&c, &tiepdan::domain::intake::CaseChoice::OpenNew)
        })
        .uid
    };
    let duc = citizen(&app, "Trần Văn Đức");
    let ha = citizen(&app, "Đỗ Thị Hà");
    let gam = citizen(&app, "Bùi Thị Gấm");
    let kn = open(
        &mut app,
        mk(
            CaseType::KhieuNai,
            duc,
            "dat_dai",
            "Khiếu nại Quyết định 1234/QĐ-UBND thu hồi đất",
        ),
    );
    for a in [Action::ClassifyOwn, Action::Accept] {
        let s = StepInput {
            day: Some(today() - chrono::Duration::days(5)),
            document_no: "15/QĐ-UBND".into(),
            ..StepInput::default()
        };
        write(&mut app.store, &officer, |w| {
            w.case_step(&kn, None, a, &s, today())
        });
    }
    open(
        &mut app,
        mk(
            CaseType::ToCao,
            ha,
            "dat_dai",
            "Tố cáo cán bộ địa chính nhận tiền khi làm thủ tục",
        ),
    );
    open(
        &mut app,
        mk(
            CaseType::KienNghiPhanAnh,
            gam,
            "den_bu_gpmb",
            "Đề nghị xem xét lại đơn giá bồi thường",
        ),
    );
    app.handle_key(key(KeyCode::Char('2')));
    app
}

#[test]
fn queue_pane_80x24() {
    let mut app = app_with_queue();
    insta::assert_snapshot!(render(&mut app, 80, 24).backend());
}

/// The summary shows from about 100 columns; field names are never cut.
#[test]
fn queue_pane_100x30() {
    let mut app = app_with_queue();
    let screen = render(&mut app, 100, 30);
    let text = format!("{}", screen.backend());
    assert!(text.contains("Tóm tắt"), "{text}");
    assert!(text.contains("tái định cư"), "{text}");
    insta::assert_snapshot!(screen.backend());
}

#[test]
fn queue_pane_160x45() {
    let mut app = app_with_queue();
    let screen = render(&mut app, 160, 45);
    let text = format!("{}", screen.backend());
    assert!(text.contains("Bồi thường, hỗ trợ, tái định cư"), "{text}");
    insta::assert_snapshot!(screen.backend());
}

#[test]
fn queue_pane_40x12() {
    let mut app = app_with_queue();
    insta::assert_snapshot!(render(&mut app, 40, 12).backend());
}

#[test]
fn case_detail_with_timeline_80x24() {
    let mut app = app_with_queue();
    app.handle_key(key(KeyCode::Char('l')));
    app.handle_key(key(KeyCode::Enter));
    insta::assert_snapshot!(render(&mut app, 80, 24).backend());
}

#[test]
fn a_denunciation_is_masked_in_its_detail_80x24() {
    let mut app = app_with_queue();
    app.handle_key(key(KeyCode::Char('l')));
    app.handle_key(key(KeyCode::Char('j')));
    app.handle_key(key(KeyCode::Enter));
    let t = render(&mut app, 80, 24);
    let screen = format!("{}", t.backend());
    assert!(!screen.contains("Đỗ Thị Hà"), "{screen}");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn step_form_with_choices_80x24() {
    let mut app = app_with_queue();
    app.handle_key(key(KeyCode::Char('l')));
    app.handle_key(key(KeyCode::Char('r')));
    insta::assert_snapshot!(render(&mut app, 80, 24).backend());
}

#[test]
fn deadline_board_80x24() {
    let mut app = app_with_queue();
    app.handle_key(key(KeyCode::Char('3')));
    insta::assert_snapshot!(render(&mut app, 80, 24).backend());
}

#[test]
fn deadline_board_40x12() {
    let mut app = app_with_queue();
    app.handle_key(key(KeyCode::Char('3')));
    insta::assert_snapshot!(render(&mut app, 40, 12).backend());
}

#[test]
fn deadline_board_wide_shows_a_denouncer_only_by_pseudonym() {
    let mut app = app_with_queue();
    app.handle_key(key(KeyCode::Char('3')));
    let t = render(&mut app, 140, 30);
    let screen = format!("{}", t.backend());
    assert!(screen.contains("Người tố cáo TC-2026-BD-0001"), "{screen}");
    assert!(!screen.contains("Đỗ Thị Hà"), "{screen}");
}

#[test]
fn explanation_of_a_due_date_80x24() {
    let mut app = app_with_queue();
    app.handle_key(key(KeyCode::Char('3')));
    app.handle_key(key(KeyCode::Char('w')));
    insta::assert_snapshot!(render(&mut app, 80, 24).backend());
}

#[test]
fn catalog_rules_and_calendar_80x24() {
    let mut app = app_with_queue();
    app.handle_key(key(KeyCode::Char('6')));
    insta::assert_snapshot!(render(&mut app, 80, 24).backend());
}

/// Issue 23: the rule editor asks from when (today by default) and why (a rule of law).
#[test]
fn catalog_rule_editor_asks_from_when_and_why_80x24() {
    let mut app = app_with_queue();
    app.handle_key(key(KeyCode::Char('6')));
    app.handle_key(key(KeyCode::Enter));
    insta::assert_snapshot!(render(&mut app, 80, 24).backend());
}

#[test]
fn lookup_overlay_80x24() {
    let mut app = app_with_queue();
    app.handle_key(key(KeyCode::Char('/')));
    type_str(&mut app, "dat");
    insta::assert_snapshot!(render(&mut app, 80, 24).backend());
}

#[test]
fn lookup_overlay_40x12() {
    let mut app = app_with_queue();
    app.handle_key(key(KeyCode::Char('/')));
    type_str(&mut app, "tran van du");
    insta::assert_snapshot!(render(&mut app, 40, 12).backend());
}

#[test]
fn citizen_history_80x24() {
    let mut app = app_with_queue();
    app.handle_key(key(KeyCode::Char('/')));
    type_str(&mut app, "tran van duc");
    app.handle_key(key(KeyCode::Enter));
    insta::assert_snapshot!(render(&mut app, 80, 24).backend());
}

/// `w` on a decided complaint: its sending (Luật KN Art 32), then the citizen's window for a
/// second complaint, apart (Art 33(1)).
#[test]
fn explanation_of_a_decision_s_duties_80x24() {
    use tiepdan::domain::case::{Action, Outcome};
    use tiepdan::store::StepInput;
    let mut app = app_with_queue();
    let officer = app.actor.clone().unwrap();
    let kn: String = app
        .store
        .inspect_one(
            "SELECT uid FROM cases WHERE status = 'dang_giai_quyet' AND case_type = 'khieu_nai'",
            [],
        )
        .unwrap();
    let s = StepInput {
        day: Some(today() - chrono::Duration::days(2)),
        outcome: Some(Outcome::DungMotPhan),
        document_no: "21/QĐ-UBND".into(),
        ..StepInput::default()
    };
    write(&mut app.store, &officer, |w| {
        w.case_step(&kn, None, Action::Resolve, &s, today())
    });
    app.refresh();
    app.handle_key(key(KeyCode::Char('3')));
    app.board.selected = app
        .board
        .board
        .rows
        .iter()
        .position(|r| r.obligation == tiepdan::domain::deadline::Obligation::SendDecision)
        .unwrap();
    app.handle_key(key(KeyCode::Char('w')));
    insta::assert_snapshot!(render(&mut app, 80, 24).backend());
}

/// In December the board reminds that next year's days off are still estimates.
#[test]
fn deadline_board_in_december_80x24() {
    use tiepdan::domain::case::CaseType;
    use tiepdan::store::{CaseSource, CitizenInput, NewCase};
    let mut store = Store::open_in_memory().unwrap();
    let officer = store_with_officer(&mut store);
    let c = NewCase {
        case_type: CaseType::KhieuNai,
        field_code: "dat_dai".into(),
        summary: "Khiếu nại quyết định thu hồi đất".into(),
        source: CaseSource::Post,
        forwarded_by: String::new(),
        forwarding_doc: String::new(),
        forwarder_kind: None,
        received_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        remote: false,
    };
    let who = CitizenInput {
        full_name: "Trần Văn Đức",
        id_number: None,
        phone: None,
        address: "",
        denouncer: false,
    };
    write(&mut store, &officer, |w| {
        w.take_in_written(
            &who,
            None,
            false,
            &c,
            &tiepdan::domain::intake::CaseChoice::OpenNew,
        )
    });
    let december = || {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
            .unwrap()
            .and_hms_opt(8, 0, 0)
            .unwrap()
    };
    let mut app = start(store, Lang::Vi, Box::new(december)).unwrap();
    app.handle_key(key(KeyCode::Char('3')));
    insta::assert_snapshot!(render(&mut app, 80, 24).backend());
}

/// Twelve namesakes and a few more: a section's true count with its exact matches, and the
/// line that says how many are left to page through.
fn app_with_namesakes() -> App {
    let mut store = Store::open_in_memory().unwrap();
    let officer = store_with_officer(&mut store);
    let names = (0..12).map(|_| "Nguyễn Thị Lan").chain([
        "Nguyễn Thị Lanh",
        "Nguyễn Thị Lan Anh",
        "Trần Thị Hoa",
    ]);
    for (i, name) in names.enumerate() {
        let mut d = draft(name, &format!("0011850{i:05}"));
        d.phone = format!("09120{i:05}");
        d.handling = "huong_dan".into();
        if name == "Trần Thị Hoa" {
            d.address = "Số 4 ngõ Nguyễn Thị Lan, phường Ba Đình".into();
        }
        save(&mut store, &officer, &valid(&d));
    }
    let mut app = start(store, Lang::Vi, fixed_clock()).unwrap();
    app.handle_key(key(KeyCode::Char('/')));
    type_str(&mut app, "nguyen thi lan");
    app
}

#[test]
fn lookup_counts_and_pages_80x24() {
    let mut app = app_with_namesakes();
    insta::assert_snapshot!(render(&mut app, 80, 24).backend());
}

#[test]
fn lookup_counting_40x12() {
    let mut app = app_with_namesakes();
    // As drawn between the first rows and their count (a book on file, its worker counting).
    app.lookup.results.citizens.total = None;
    insta::assert_snapshot!(render(&mut app, 40, 12).backend());
}

/// At 120 columns the log keeps Xử lý and Cán bộ on a day with a long name and a long field:
/// the content gives way first (issue 22.9).
#[test]
fn the_log_keeps_handling_and_officer_at_120_columns() {
    let mut store = tiepdan::store::Store::open_in_memory().unwrap();
    let officer = store_with_officer(&mut store);
    let mut d = draft(
        "Công Tôn Nữ Thị Hoàng Anh Phương Thảo Nguyên",
        "001185012345",
    );
    d.field = "den_bu_gpmb".into();
    d.people = "12".into();
    d.representatives = "Công Tôn Nữ Thị Hoàng Anh Phương Thảo Nguyên".into();
    d.content =
        "Khiếu nại việc bồi thường khi thu hồi đất làm đường liên xã, đề nghị xem xét lại đơn giá"
            .into();
    save(&mut store, &officer, &valid(&d));
    let mut app = start(store, tiepdan::i18n::Lang::Vi, fixed_clock()).unwrap();
    let s = screen_of(&mut app, 120, 30);
    let header = s.lines().find(|l| l.contains("STT")).unwrap();
    assert!(header.contains("Xử lý") && header.contains("Cán bộ"), "{s}");
    assert!(s.contains("Nguyễn Thị Lan"), "the officer is shown: {s}");
}
