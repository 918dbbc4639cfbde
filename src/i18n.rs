//! Every user-facing string, in one catalog: Vietnamese first, English for maintainers.
//!
//! `Msg` keys map to a (vi, en) pair in one `match`, so a key without a translation does not
//! compile. Templates use `{0}`, `{1}`… placeholders filled by [`Msg::fill`].

use std::fmt::Display;

use crate::domain::ident::{IdError, IdWarning, PhoneError};
use crate::domain::identity::{Person, Shown, Viewer};
use crate::domain::visit::{FormField, Handling, PetitionType, Problem, ReceptionForm};
use crate::store::StoreError;

/// The UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "vi" | "vn" | "vi_vn" | "vi-vn" => Some(Lang::Vi),
            "en" | "en_us" | "en-us" | "en_gb" => Some(Lang::En),
            _ => None,
        }
    }
}

macro_rules! catalog {
    ($($key:ident => $vi:literal, $en:literal;)+) => {
        /// A catalog key.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Msg { $($key),+ }

        impl Msg {
            /// Every key (for tests of the catalog).
            pub const ALL: &'static [Msg] = &[$(Msg::$key),+];

            /// The text in `lang`.
            pub fn t(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Msg::$key, Lang::Vi) => $vi, (Msg::$key, Lang::En) => $en,)+
                }
            }
        }
    };
}

impl Msg {
    /// The text with `{0}`, `{1}`… replaced by `args`.
    pub fn fill(self, lang: Lang, args: &[&dyn Display]) -> String {
        let mut out = self.t(lang).to_owned();
        for (i, a) in args.iter().enumerate() {
            out = out.replace(&format!("{{{i}}}"), &a.to_string());
        }
        out
    }
}

catalog! {
    // Frame
    AppName => "tiếp dân", "tiepdan";
    TabLog => "Sổ tiếp công dân", "Reception log";
    StatusUnit => "Đơn vị", "Unit";
    StatusOfficer => "Cán bộ", "Officer";
    UnitUnset => "(chưa đặt tên đơn vị)", "(unit name not set)";
    TooSmall => "Cửa sổ quá nhỏ ({0}×{1}). Cần ít nhất {2}×{3}. Nhấn q để thoát.", "Terminal too small ({0}×{1}). Needs at least {2}×{3}. Press q to quit.";
    DemoBadge => "DỮ LIỆU MẪU", "DEMO DATA";
    ReadOnlyBadge => "CHỈ ĐỌC", "READ-ONLY";
    ReadOnlyNotice => "Sổ đang mở chỉ đọc (không có quyền ghi tệp): xem và tra cứu được, không ghi được gì.", "The book is open read-only (the file cannot be written): you can read and look up, not write.";

    // Weekdays (Monday first)
    Mon => "Thứ Hai", "Monday";
    Tue => "Thứ Ba", "Tuesday";
    Wed => "Thứ Tư", "Wednesday";
    Thu => "Thứ Năm", "Thursday";
    Fri => "Thứ Sáu", "Friday";
    Sat => "Thứ Bảy", "Saturday";
    Sun => "Chủ Nhật", "Sunday";
    TodayMark => "hôm nay", "today";

    // Log pane
    LogTitle => "Sổ tiếp công dân — {0}", "Reception log — {0}";
    CountSessions => "cuộc tiếp", "sessions";
    CountVisits => "lượt", "visits";
    CountPeople => "người", "people";
    CountGroups => "đoàn đông người", "groups";
    CountPetitions => "đơn", "petitions";
    CountSessionsOne => "cuộc tiếp", "session";
    CountVisitsOne => "lượt", "visit";
    CountPeopleOne => "người", "person";
    CountGroupsOne => "đoàn đông người", "group";
    CountPetitionsOne => "đơn", "petition";
    ColNo => "STT", "No.";
    ColTime => "Giờ", "Time";
    ColCitizen => "Công dân", "Citizen";
    ColType => "Loại đơn", "Type";
    ColField => "Lĩnh vực", "Field";
    ColContent => "Nội dung", "Content";
    ColHandling => "Xử lý", "Handling";
    ColOfficer => "Cán bộ", "Officer";
    GroupSuffix => "đoàn {0} người", "group of {0}";
    EmptyDay => "Chưa có lượt tiếp nào trong ngày này. Nhấn n để ghi lượt tiếp mới.", "No visits on this day. Press n to log a new visit.";

    // Visit form
    FormNewTitle => "Ghi lượt tiếp mới — {0}", "New visit — {0}";
    FormEditTitle => "Sửa lượt tiếp — {0}", "Edit visit — {0}";
    LblFullName => "Họ tên", "Full name";
    LblIdNumber => "Số CCCD/CMND", "ID number";
    LblPhone => "Điện thoại", "Phone";
    LblAddress => "Địa chỉ", "Address";
    LblPeople => "Số người", "People";
    LblRepresentatives => "Người đại diện", "Representatives";
    LblForm => "Hình thức tiếp", "Reception form";
    LblPresiding => "Người chủ trì", "Presided by";
    LblPetitionType => "Loại đơn", "Petition type";
    LblField => "Lĩnh vực", "Field";
    LblContent => "Nội dung", "Content";
    LblPriorAgencies => "Cơ quan đã giải quyết", "Handled before by";
    LblHandling => "Hướng xử lý", "Handling";
    LblNote => "Ghi chú", "Note";
    LblPetitions => "Số đơn nhận", "Petitions received";
    PhRepresentatives => "tên người đại diện, cách nhau bằng dấu ;", "representatives' names, separated by ;";
    PhPresiding => "lãnh đạo chủ trì buổi tiếp", "the leader who presided";
    PhCombo => "gõ để lọc…", "type to filter…";
    GroupNotice => "Đoàn đông người ({0} người): cử {1}–{2} người đại diện (Luật TCD Điều 29).", "Group of {0}: {1}–{2} representatives (Law on Citizen Reception Art 29).";
    RepeatVisitor => "↺ {3} đã đến {0} lần, lần gần nhất {1} ({2}) — lượt này gắn vào cùng hồ sơ.", "↺ {3} came {0} time(s), last on {1} ({2}) — this visit joins the same record.";
    RepeatOpenCase => "  Đang có vụ việc {0} ({1}, {2}): thụ lý lượt này sẽ hỏi gắn vào vụ việc đó.", "  Open case {0} ({1}, {2}): taking this visit in will ask to join it.";
    RepeatVisitorNoDate => "↺ {1} đã có hồ sơ ({0}) — lượt này gắn vào cùng hồ sơ.", "↺ {1} is already on file ({0}) — this visit joins the same record.";
    MatchedById => "trùng số giấy tờ", "same ID number";
    MatchedByNamePhone => "trùng họ tên và điện thoại", "same name and phone";
    DraftSavedAt => "nháp đã lưu {0}", "draft saved {0}";
    FormSaved => "Đã lưu lượt tiếp của {0}.", "Saved the visit of {0}.";
    TransferredTo => "Đơn chuyển đến: {0}.", "Petition transferred to: {0}.";
    FormUpdated => "Đã cập nhật lượt tiếp của {0}.", "Updated the visit of {0}.";
    FormHasErrors => "Chưa lưu: {0} ô cần sửa (đánh dấu ✗). Những gì đã nhập vẫn giữ nguyên.", "Not saved: {0} field(s) to fix (marked ✗). Everything typed is kept.";
    FormSaveFailed => "Không lưu được: {0}. Những gì đã nhập vẫn giữ nguyên.", "Could not save: {0}. Everything typed is kept.";
    ConfirmDiscard => "Bỏ những gì đã nhập trong biểu mẫu? (y: bỏ · n: quay lại)", "Discard what was typed in the form? (y: discard · n: go back)";
    ConfirmQuitForm => "Biểu mẫu đang nhập dở. Thoát và giữ bản nháp? (y: thoát · n: quay lại)", "A form is open. Quit and keep the draft? (y: quit · n: go back)";
    RestoreDraft => "Có biểu mẫu nhập dở từ lần trước ({0}). Khôi phục? (y: khôi phục · n: bỏ · Esc: để sau)", "An unsaved form from last time ({0}). Restore it? (y: restore · n: discard · Esc: later)";
    RestoreDraftMore => " Còn {0} biểu mẫu nhập dở khác.", " {0} more unsaved form(s) wait.";
    NoMatch => "không có lựa chọn phù hợp", "no matching option";

    // Reception forms, types, handling
    FormThuongXuyen => "Thường xuyên", "Regular";
    FormDinhKy => "Định kỳ", "Periodic";
    FormDotXuat => "Đột xuất", "Ad hoc";
    FormTrucTuyen => "Trực tuyến", "Online";
    TypeKhieuNai => "Khiếu nại", "Complaint";
    TypeToCao => "Tố cáo", "Denunciation";
    TypeKienNghi => "Kiến nghị", "Proposal";
    TypePhanAnh => "Phản ánh", "Feedback";
    HandThuLy => "Thụ lý", "Accept";
    HandHuongDan => "Hướng dẫn", "Guide";
    HandChuyenDon => "Chuyển đơn", "Transfer";
    HandDonDoc => "Đôn đốc", "Urge";
    HandTraLoi => "Trả lời trực tiếp", "Answer on the spot";
    HandLuuDon => "Lưu đơn", "File";

    // Problems
    ErrRequired => "Bắt buộc nhập.", "Required.";
    ErrNotANumber => "Phải là một số.", "Must be a number.";
    ErrTooLarge => "Số quá lớn (tối đa {0}).", "Too large (at most {0}).";
    ErrIdLength => "Số CCCD gồm 12 chữ số, CMND 9 chữ số (đang có {0}).", "A CCCD has 12 digits, a CMND 9 (got {0}).";
    ErrIdDigits => "Chỉ gồm chữ số (hộ chiếu: 1 chữ cái và 7–8 chữ số).", "Digits only (passport: 1 letter and 7–8 digits).";
    WarnIdProvince => "Mã tỉnh {0} không có trong danh mục (có thể là mã quốc gia) — kiểm tra lại.", "Province code {0} is not in the list (may be a country code) — please check.";
    WarnIdBirthYear => "Năm sinh theo số CCCD là {0} — có vẻ không đúng, kiểm tra lại.", "The CCCD gives birth year {0} — looks wrong, please check.";
    WarnCmndExpired => "CMND 9 số đã hết giá trị từ 01/01/2025 — đề nghị công dân dùng CCCD.", "9-digit CMND expired on 01/01/2025 — ask for the CCCD.";
    ErrPhoneChars => "Số điện thoại chỉ gồm chữ số (có thể có +84, dấu cách, dấu chấm, gạch).", "Phone: digits only (+84, spaces, dots and dashes allowed).";
    ErrPhoneFormat => "Số di động gồm 10 chữ số, bắt đầu 03, 05, 07, 08 hoặc 09.", "A mobile has 10 digits starting 03, 05, 07, 08 or 09.";
    WarnLandline => "Số máy bàn — đã chấp nhận, kiểm tra lại.", "Landline — accepted, please check.";
    ErrNotAnOption => "Chọn một mục trong danh sách.", "Pick an item from the list.";
    ErrRepresentatives => "Cần {0}–{1} người đại diện (đang có {2}).", "Needs {0}–{1} representatives (got {2}).";
    WarnNeedIdOrPhone => "Không có số giấy tờ và điện thoại: lần sau khó nhận ra công dân.", "No ID and no phone: the citizen will be hard to recognize next time.";

    // Visit detail
    DetailTitle => "Lượt tiếp {0} — {1}", "Visit {0} — {1}";
    DetailVisits => "Số lần đến", "Visits";
    DetailCreated => "Ghi lúc", "Logged at";
    DetailCase => "Vụ việc", "Case";
    DetailUpdated => "Sửa lúc", "Edited at";
    DetailSession => "Buổi tiếp", "Session";

    // Date prompt
    GotoDatePrompt => "Đến ngày (dd/mm/yyyy):", "Go to date (dd/mm/yyyy):";
    ErrDateFormat => "Ngày không đúng dạng — gõ dd/mm/yyyy, ví dụ 12/03/2026.", "Not a date — type dd/mm/yyyy, e.g. 12/03/2026.";
    ErrDateNoSuchDay => "Không có ngày này trong lịch.", "There is no such day.";

    // First start and officer choice
    SetupTitle => "Thiết lập lần đầu", "First start";
    SetupIntro => "Nhập tên đơn vị và họ tên cán bộ tiếp công dân; mỗi bản ghi mang tên cán bộ đang làm việc. Mã bàn (đã gợi ý) nằm trong mã vụ việc, để sổ của nhiều bàn gộp được mà không trùng mã.", "Enter the unit's name and your name; every record is stamped with the officer at the keyboard. The desk code (suggested) is part of case codes, so books of several desks merge without clashes.";
    SetupUnit => "Tên đơn vị", "Unit name";
    SetupOfficer => "Họ tên cán bộ", "Officer's name";
    SetupDesk => "Mã bàn (trong mã vụ việc)", "Desk code (in case codes)";
    ErrDeskCode => "Mã bàn: 1–4 chữ cái hoặc chữ số, ví dụ BD hoặc A1.", "Desk code: 1–4 letters or digits, e.g. BD or A1.";
    PickOfficerTitle => "Cán bộ đang làm việc", "Who is at the keyboard";
    PickOfficerAdd => "+ Thêm cán bộ mới", "+ Add an officer";
    OfficerSwitched => "Cán bộ làm việc: {0}.", "Officer at the keyboard: {0}.";

    // Commands (help texts; the hint bar shows the short ones)
    CmdQuit => "thoát", "quit";
    CmdHelp => "trợ giúp", "help";
    CmdPrevDay => "ngày trước", "previous day";
    CmdNextDay => "ngày sau", "next day";
    CmdToday => "hôm nay", "today";
    CmdGotoDate => "đến ngày", "go to date";
    CmdUp => "lên", "up";
    CmdDown => "xuống", "down";
    CmdScrollUp => "cuộn lên", "scroll up";
    CmdScrollDown => "cuộn xuống", "scroll down";
    CmdPageUp => "trang trước", "page up";
    CmdPageDown => "trang sau", "page down";
    CmdFirst => "đầu danh sách", "first";
    CmdLast => "cuối danh sách", "last";
    CmdOpen => "xem", "open";
    CmdNew => "ghi mới", "new visit";
    CmdEdit => "sửa", "edit";
    CmdVoid => "hủy lượt tiếp", "void visit";
    VoidPrompt => "Lý do hủy lượt tiếp (ghi nhầm, trùng…): lượt tiếp được giữ, gạch ngang, không tính vào đâu", "Why void this visit (logged by mistake, twice…): it is kept, struck through, counted nowhere";
    VisitVoided => "Đã hủy lượt tiếp {0} lúc {1} — lý do: {2}", "Visit of {0} at {1} voided — reason: {2}";
    VoidedMark => "ĐÃ HỦY", "VOIDED";
    VoidedAlready => "Lượt tiếp này đã hủy (lý do: {0}).", "This visit is voided already (reason: {0}).";
    CmdOfficer => "đổi cán bộ", "switch officer";
    CmdClose => "đóng", "close";
    CmdNextField => "ô sau / chọn", "next field / take match";
    CmdPrevField => "ô trước", "previous field";
    CmdSave => "lưu", "save";
    CmdCancel => "hủy", "cancel";
    CmdChoiceUp => "lựa chọn trước", "previous option";
    CmdChoiceDown => "lựa chọn sau", "next option";
    CmdConfirm => "đồng ý", "yes";
    CmdDeny => "không", "no";
    CmdSubmit => "xác nhận", "confirm";
    CmdAdd => "thêm", "add";

    // Help overlay
    HelpTitle => "Phím tắt — {0}", "Keys — {0}";
    CtxGlobal => "Mọi nơi", "Everywhere";
    CtxLog => "Sổ tiếp công dân", "Reception log";
    CtxForm => "Biểu mẫu", "Form";
    CtxDetail => "Xem lượt tiếp", "Visit detail";
    CtxPrompt => "Ô nhập", "Prompt";
    CtxConfirm => "Xác nhận", "Confirmation";
    CtxPicker => "Danh sách chọn", "Picker";
    CtxHelp => "Trợ giúp", "Help";

    // Queue pane and cases
    TabQueue => "Hàng đợi đơn thư", "Complaint queue";
    QueueFields => "Lĩnh vực", "Fields";
    QueueOpenCount => "mở", "open";
    QueueOverdueCount => "quá hạn", "late";
    QueueOverdueShort => "⚠", "⚠";
    SortDue => "hạn gần trước", "soonest due";
    ColDue => "Hạn", "Due";
    DueOverdue => "quá hạn {0} ngày", "{0} days overdue";
    DueOverdueShort => "{0} ngày", "{0} days";
    DueLeft => "còn {0} ngày làm việc", "{0} working days left";
    QueueCasesTitle => "{0} — {1} vụ việc ({2})", "{0} — {1} cases ({2})";
    QueueShownOf => "hiện {0}/{1}", "showing {0}/{1}";
    QueueEmpty => "Không có vụ việc nào theo bộ lọc này.", "No case matches these filters.";
    FilterAllTypes => "mọi loại", "all types";
    FilterOpen => "đang mở", "open";
    FilterClosed => "đã kết thúc", "closed";
    FilterAll => "tất cả", "all";
    FilterMine => "của tôi", "mine";
    SortOldest => "cũ trước", "oldest first";
    SortNewest => "mới trước", "newest first";
    ColCode => "Mã", "Code";
    ColStatus => "Trạng thái", "Status";
    ColReceived => "Ngày nhận", "Received";
    ColDaysOpen => "Số ngày", "Days";
    ColSummary => "Tóm tắt", "Summary";
    DenouncerPseudonym => "Người tố cáo {0}", "Denouncer {0}";
    DenouncerHidden => "Người tố cáo (bảo mật)", "Denouncer (confidential)";
    CaseTitle => "Vụ việc {0} — {1}", "Case {0} — {1}";
    CaseCitizen => "Công dân", "Citizen";
    CaseRound => "Lần", "Round";
    CaseFlags => "Tính chất", "Flags";
    CaseComplex => "phức tạp", "complex";
    CaseRemote => "vùng sâu, vùng xa", "remote area";
    CaseExtensions => "gia hạn {0} lần", "extended {0} times";
    CaseAuthority => "Thẩm quyền", "Authority";
    CaseOwn => "thuộc thẩm quyền", "ours";
    CaseNotOwn => "không thuộc thẩm quyền", "not ours";
    CaseUnclassified => "chưa phân loại", "not yet classified";
    CaseDates => "Ngày", "Dates";
    CaseReceived => "nhận {0}", "received {0}";
    CaseAccepted => "thụ lý {0}", "accepted {0}";
    CaseResolved => "giải quyết {0}", "resolved {0}";
    CaseOfficer => "Cán bộ thụ lý", "Officer";
    CaseSourceLbl => "Nguồn đơn", "Source";
    CaseForwarded => "{0}, văn bản số {1}", "{0}, document {1}";
    CaseLinks => "Liên kết", "Links";
    CasePrevious => "lần 1: {0}", "first round: {0}";
    CaseNext => "lần 2: {0}", "second round: {0}";
    CaseVisits => "Lượt tiếp liên quan", "Linked visits";
    CaseTimeline => "Diễn biến", "Timeline";
    CaseNextSteps => "Bước tiếp theo", "Next steps";
    CaseNoSteps => "(không còn bước nào)", "(no step left)";
    CaseRevealHint => "v: xem danh tính (được ghi nhật ký)", "v: reveal identity (audited)";
    CaseRevealed => "Đã hiển thị danh tính người tố cáo — việc xem đã được ghi nhật ký.", "Denouncer's identity shown — the view was written to the audit log.";
    AskReveal => "Hiển thị danh tính người tố cáo của {0}? Việc xem sẽ được ghi vào nhật ký (Luật Tố cáo Điều 8, 56).", "Show the denouncer's identity of {0}? The view is written to the audit log (Law on Denunciations Art 8, 56).";
    AskRevealVisit => "Hiển thị danh tính người tố cáo của lượt tiếp này? Việc xem sẽ được ghi vào nhật ký (Luật Tố cáo Điều 8, 56).", "Show the denouncer's identity of this visit? The view is written to the audit log (Law on Denunciations Art 8, 56).";
    AskStep => "{0} cho {1}? Bước này không hoàn tác được.", "{0} for {1}? This step cannot be undone.";
    AskLinkRepeat => "{0} đã có vụ việc {1} đang mở trong lĩnh vực {2}. Cùng nội dung: gắn vào vụ việc đó (y), hay mở vụ việc mới (n)? Esc: quay lại, chưa lưu.", "{0} already has an open case {1} in {2}. The same matter: join it (y), or open a new case (n)? Esc: go back, nothing saved.";
    CmdBack => "quay lại", "back";
    CmdAmend => "sửa", "correct";
    AskNameClash => "Số giấy tờ này đã có hồ sơ của {0}, nhưng tên vừa nhập là «{1}». Cùng một người? y: đúng, giữ tên đã lưu · s: đúng, sửa tên hồ sơ thành «{1}» (ghi nhật ký) · n/Esc: không phải — số giấy tờ nhập sai, sửa lại.", "This ID number is on record for {0}, but the name typed is «{1}». The same person? y: yes, keep the recorded name · s: yes, correct the record to «{1}» (audited) · n/Esc: no — the number is wrong, fix it.";
    NameClashFixId => "Số giấy tờ thuộc hồ sơ khác: sửa lại số (hoặc để trống nếu công dân không mang giấy tờ).", "The ID number belongs to another record: fix it (or leave it empty if the citizen has no papers).";
    ErrEditBlocked => "Vụ việc {0} ({1}) không theo được thay đổi này: {2}. Lượt tiếp chưa được sửa.", "Case {0} ({1}) cannot follow this change: {2}. The visit was not changed.";
    BlockedType => "đã qua bước tiếp nhận nên không đổi loại đơn được nữa; nếu ghi nhầm, ghi chú ở vụ việc (i)", "it is past intake, so its petition type can no longer change; if it was wrong, add a note to the case (i)";
    BlockedDay => "đã qua bước tiếp nhận nên không đổi ngày tiếp nhận được nữa; ghi chú ở vụ việc (i)", "it is past intake, so its day received can no longer change; add a note to the case (i)";
    BlockedHandling => "vụ việc không bao giờ bị xóa; xử lý tiếp ở vụ việc (rút đơn W, lưu đơn L…)", "a case is never deleted; carry on at the case (withdraw W, file L…)";
    BlockedVoid => "vụ việc đã có bước xử lý hoặc lượt tiếp khác; không hủy được lượt tiếp này, hãy xử lý ở vụ việc", "the case has steps or other visits; this visit cannot be voided, handle it at the case";
    ErrStepFuture => "Ngày {0} chưa đến (hôm nay {1})", "{0} has not come yet (today is {1})";
    ErrStepBeforeReceipt => "Ngày {0} trước ngày tiếp nhận đơn {1}", "{0} is before the petition was received on {1}";
    ErrStepBeforePrevious => "Ngày {0} trước bước xử lý trước đó ({1})", "{0} is before the previous step ({1})";
    AcVisitEdited => "Sửa theo lượt tiếp", "Corrected with its visit";
    NoteRetyped => "đổi loại đơn: {0} → {1}", "petition type changed: {0} → {1}";
    NoteField => "lĩnh vực: {0} → {1}", "field: {0} → {1}";
    NoteCitizen => "công dân: chuyển sang hồ sơ có số giấy tờ đã nhập", "citizen: moved to the record holding the ID number typed";
    NoteDay => "ngày tiếp nhận: {0} → {1}", "day received: {0} → {1}";
    LblTransferAgency => "Chuyển đến cơ quan", "Forwarded to";
    LblVisitDay => "Ngày tiếp", "Day received";
    LblVisitTime => "Giờ tiếp", "Time";
    ErrZeroPeople => "Ít nhất 1 người", "At least 1 person";
    ErrFutureVisit => "Ngày tiếp chưa đến: không ghi trước được", "That day has not come yet: a visit cannot be logged ahead";
    ErrTimeFormat => "Giờ dạng HH:MM, ví dụ 08:30", "Time as HH:MM, e.g. 08:30";
    LinkPostponed => "Chưa lưu: chọn gắn vào vụ việc đang mở hay mở vụ việc mới khi lưu lại (Ctrl-S).", "Not saved yet: choose to join the open case or open a new one when you save again (Ctrl-S).";
    ErrConflict => "{0} đã được sửa ở nơi khác lúc {1}; tải lại rồi làm lại để không ghi đè thay đổi đó", "{0} was changed elsewhere at {1}; reload and redo it so as not to overwrite that change";
    ErrConflictNoTime => "{0} đã được sửa ở nơi khác; tải lại rồi làm lại để không ghi đè thay đổi đó", "{0} was changed elsewhere; reload and redo it so as not to overwrite that change";
    ErrReadOnly => "Sổ đang mở chỉ đọc: không ghi được gì", "The book is open read-only: nothing can be written";
    ErrNotPermitted => "Cán bộ này không được phép ghi (đã bị khóa?)", "This officer may not write (disabled?)";
    ErrNotFound => "Không tìm thấy bản ghi ({0})", "Record not found ({0})";
    ErrInvalid => "Dữ liệu không hợp lệ: {0}", "Invalid data: {0}";
    WhatVisit => "Lượt tiếp", "The visit";
    WhatCase => "Vụ việc", "The case";
    WhatCitizen => "Hồ sơ công dân", "The citizen's record";
    WhatRecord => "Bản ghi", "The record";
    StepNotAllowed => "{0}: không được phép ở trạng thái “{1}”.", "{0}: not allowed while “{1}”.";
    StepFirstDo => "{0} trước ({1}).", "{0} first ({1}).";
    StepRefusedWhy => "{0}: {1}.", "{0}: {1}.";
    StepDone => "{0}: {1} → {2}.", "{0}: {1} → {2}.";
    ErrOfficerExists => "Đã có cán bộ «{0}»: chọn tên đó trong danh sách (hai cán bộ trùng tên phải ghi khác nhau, ví dụ thêm chức vụ).", "There is already an officer «{0}»: choose that name in the list (two officers of one name must be written apart, e.g. with their title).";
    PickOfficerDisable => "tắt cán bộ", "disable officer";
    AskDisableOfficer => "Tắt cán bộ {0}? Không còn hiện khi đăng nhập; các lượt tiếp, vụ việc vẫn giữ tên. (y/n)", "Disable officer {0}? No longer offered at sign-in; their visits and cases keep the name. (y/n)";
    OfficerDisabled => "Đã tắt cán bộ {0}.", "Officer {0} disabled.";
    ErrDisableSelf => "Không tự tắt được cán bộ đang làm việc: đổi cán bộ trước (o).", "The officer at the keyboard cannot be disabled: switch officer first (o).";
    StepRecorded => "{0}: đã ghi {1}.", "{0}: {1} recorded.";
    CaseOpened => "Đã mở vụ việc {0}.", "Opened case {0}.";
    CaseLinked => "Đã gắn vào vụ việc {0}.", "Joined case {0}.";
    CaseOpenExists => "Công dân đã có vụ việc {0} đang mở trong lĩnh vực này", "The citizen already has an open case {0} in this field";
    SecondRound => "Đã mở vụ việc khiếu nại lần 2: {0}.", "Opened the second-round complaint {0}.";
    NoCaseSelected => "Chưa chọn vụ việc.", "No case selected.";
    EntryStepTitle => "{0} — {1}", "{0} — {1}";
    EntryIntakeTitle => "Tiếp nhận đơn", "New petition";
    EntryIntakeFromVisit => "Mở vụ việc từ lượt tiếp của {0}", "Open a case from the visit of {0}";
    LblReason => "Lý do (Luật KN Điều 11)", "Reason (Complaints Law Art 11)";
    LblOutcome => "Kết quả", "Outcome";
    LblAssignee => "Giao cho", "Assign to";
    LblClassification => "Phân loại", "Classification";
    LblStepDay => "Ngày", "Date";
    LblReceivedOn => "Ngày nhận đơn", "Received on";
    LblAgency => "Cơ quan", "Agency";
    LblDocumentNo => "Số văn bản", "Document no.";
    LblSummary => "Nội dung tóm tắt", "Summary";
    LblSource => "Nguồn đơn", "Source";
    LblForwardedBy => "Cơ quan chuyển đơn", "Forwarded by";
    LblForwardingDoc => "Số văn bản chuyển", "Forwarding doc no.";
    LblRemote => "Vùng sâu, vùng xa", "Remote area";
    Yes => "Có", "Yes";
    No => "Không", "No";
    ErrFutureDate => "Ngày ở tương lai.", "The date is in the future.";
    ErrForwardedNeedsAgency => "Đơn chuyển đến cần ghi cơ quan chuyển.", "A forwarded petition needs the forwarding agency.";
    CmdPaneLog => "sổ tiếp", "reception log";
    CmdPaneQueue => "hàng đợi", "queue";
    CmdNextPane => "khung sau", "next pane";
    CmdPrevPane => "khung trước", "previous pane";
    CmdLeft => "cột trái", "left column";
    CmdRight => "cột phải", "right column";
    CmdNewPetition => "tiếp nhận đơn", "new petition";
    CmdFilterType => "lọc loại", "filter type";
    CmdFilterStatus => "lọc trạng thái", "filter status";
    CmdSortOrder => "thứ tự", "order";
    CmdOnlyMine => "của tôi", "only mine";
    CmdReveal => "xem danh tính", "reveal identity";
    CmdAddCase => "mở vụ việc", "open a case";
    CmdClassify => "phân loại", "classify";
    CtxQueue => "Hàng đợi đơn thư", "Complaint queue";
    CtxCase => "Vụ việc", "Case";
    CtxEntry => "Biểu mẫu vụ việc", "Case form";

    // Case types, statuses, sources, actions, reasons, outcomes
    CtKhieuNai => "Khiếu nại", "Complaint";
    CtToCao => "Tố cáo", "Denunciation";
    CtKnpa => "Kiến nghị, phản ánh", "Proposal / feedback";
    StNew => "Mới tiếp nhận", "New";
    StAwaiting => "Chờ thụ lý", "Awaiting acceptance";
    StOutside => "Ngoài thẩm quyền", "Outside authority";
    StNotEligible => "Không đủ điều kiện", "Not eligible";
    StInProgress => "Đang giải quyết", "In progress";
    StResolved => "Đã giải quyết", "Resolved";
    StTransferred => "Đã chuyển đơn", "Transferred";
    StGuided => "Đã hướng dẫn", "Guided";
    StReturned => "Đã trả lại", "Returned";
    StFiled => "Đã lưu đơn", "Filed";
    StWithdrawn => "Đã rút đơn", "Withdrawn";
    StRefused => "Không thụ lý", "Not accepted";
    SrcVisit => "Qua tiếp công dân", "At a reception visit";
    SrcPost => "Qua bưu chính", "By post";
    SrcForwarded => "Cơ quan khác chuyển đến", "Forwarded by another agency";
    SrcOther => "Khác", "Other";
    AcOpen => "Tiếp nhận", "Intake";
    AcClassifyOwn => "Phân loại: thuộc thẩm quyền", "Classify: within our authority";
    AcClassifyNotOwn => "Phân loại: không thuộc thẩm quyền", "Classify: outside our authority";
    AcClassifyIneligible => "Phân loại: không đủ điều kiện xử lý", "Classify: not eligible";
    AcAccept => "Thụ lý", "Accept";
    AcTransfer => "Chuyển đơn", "Transfer";
    AcGuide => "Hướng dẫn", "Guide";
    AcUrge => "Đôn đốc", "Urge";
    AcReturn => "Trả lại đơn", "Return";
    AcFile => "Lưu đơn", "File";
    AcWithdraw => "Rút đơn", "Withdraw";
    AcRefuse => "Không thụ lý", "Refuse acceptance";
    AcComplex => "Xác định phức tạp", "Mark complex";
    AcExtend => "Gia hạn", "Extend";
    AcResolve => "Giải quyết", "Resolve";
    AcReopen => "Khiếu nại lần 2", "Second-round complaint";
    AcNote => "Ghi chú", "Note";
    AcAssign => "Phân công", "Assign";
    AcRemote => "Xác định vùng sâu, vùng xa", "Mark remote area";
    AcAddPetition => "Bổ sung đơn / lượt tiếp", "Repeat petition added";
    AcVeryComplex => "Xác định đặc biệt phức tạp", "Mark especially complex";
    AcMultiSite => "Xác minh nhiều nơi / ủy quyền", "Verify at several places / delegate";
    AcTimeBar => "Ghi thời hiệu", "Record the time-limit facts";
    AcNotifyAcceptance => "Thông báo thụ lý", "Notify the acceptance";
    AcSendDecision => "Gửi quyết định", "Send the decision";
    AcPublishDecision => "Công khai quyết định", "Publish the decision";
    AcReportForwarder => "Báo kết quả nơi chuyển", "Report to the forwarder";
    AcResultReceived => "Nhận thông báo kết quả", "Result notice received";
    AcInformCitizen => "Báo kết quả cho công dân", "Tell the citizen the result";
    SubjAdministrative => "Quyết định, hành vi hành chính", "Administrative decision or act";
    SubjDisciplinary => "Quyết định kỷ luật cán bộ, công chức", "Disciplinary decision";
    SubjDismissal => "Quyết định kỷ luật buộc thôi việc", "Disciplinary dismissal";
    WhyExtendComplaint => "chỉ tố cáo được gia hạn (Luật Tố cáo Điều 30); khiếu nại không được gia hạn, vụ việc phức tạp đã có thời hạn dài hơn (Luật Khiếu nại Điều 28, 37, 50) — dùng p (phức tạp)", "only a denunciation is extended (Denunciations Law Art 30); a complaint never is, a complex one has a longer limit (Complaints Law Art 28, 37, 50) — use p (complex)";
    WhyExtendNeedsComplex => "chỉ gia hạn khi vụ việc phức tạp (Luật Tố cáo Điều 30(2)) — xác định phức tạp trước (p)", "only a complex case is extended (Denunciations Law Art 30(2)) — mark it complex first (p)";
    WhyExtendNeedsVeryComplex => "gia hạn lần hai chỉ khi vụ việc đặc biệt phức tạp, có từ 02 tiêu chí (Luật Tố cáo Điều 30(3); NĐ 31/2019 Điều 3(3)) — xác định trước (D)", "a second extension needs an especially complex case, two or more criteria (Denunciations Law Art 30(3); Decree 31/2019 Art 3(3)) — mark it first (D)";
    WhyExtendExhausted => "đã gia hạn tối đa hai lần (Luật Tố cáo Điều 30(3))", "already extended twice, the most allowed (Denunciations Law Art 30(3))";
    WhyTimeBarred => "đơn nhận sau thời hạn khiếu nại: ghi lý do chính đáng vào Ghi chú để thụ lý, hoặc không thụ lý (Luật Khiếu nại Điều 11(6))", "the complaint came after its time limit: write the valid reason in the note to accept it, or refuse it (Complaints Law Art 11(6))";
    WhyNeedsResult => "chưa nhận thông báo kết quả của cơ quan đã nhận đơn chuyển (N)", "no result notice from the receiving body yet (N)";
    WhyNotApplicable => "nghĩa vụ này không phát sinh với vụ việc này", "this duty does not arise for this case";
    WhyDoneAlready => "đã ghi rồi", "already recorded";
    Rs11_1 => "Điều 11(1): hành vi nội bộ, chỉ đạo, văn bản quy phạm, bí mật nhà nước", "Art 11(1): internal or directive act, normative document, state secret";
    Rs11_2 => "Điều 11(2): không liên quan trực tiếp đến quyền, lợi ích của người khiếu nại", "Art 11(2): does not directly affect the complainant";
    Rs11_3 => "Điều 11(3): không có năng lực hành vi, không có người đại diện hợp pháp", "Art 11(3): lacks capacity, no lawful representative";
    Rs11_4 => "Điều 11(4): người đại diện không hợp pháp", "Art 11(4): unlawful representative";
    Rs11_5 => "Điều 11(5): đơn không có chữ ký hoặc điểm chỉ", "Art 11(5): no signature or fingerprint";
    Rs11_6 => "Điều 11(6): hết thời hiệu, không có lý do chính đáng", "Art 11(6): time limit expired without valid reason";
    Rs11_7 => "Điều 11(7): đã có quyết định giải quyết lần hai", "Art 11(7): already has a second-round decision";
    Rs11_8 => "Điều 11(8): đã đình chỉ, quá 30 ngày không tiếp tục", "Art 11(8): suspended, not continued within 30 days";
    Rs11_9 => "Điều 11(9): Tòa án đã thụ lý hoặc đã giải quyết", "Art 11(9): accepted or decided by a court";
    RsTc29 => "Luật Tố cáo Điều 29(1): không đủ điều kiện thụ lý tố cáo", "Denunciations Law Art 29(1): conditions not met";
    OcDung => "Đúng", "Justified";
    OcSai => "Sai", "Unjustified";
    OcDungMotPhan => "Đúng một phần", "Partly justified";
    OcDaTraLoi => "Đã trả lời", "Answered";

    // Deadlines, board, catalog
    TabBoard => "Bảng hạn xử lý", "Deadline board";
    TabLookup => "Tra cứu", "Lookup";
    CmdLookup => "tra cứu", "lookup";
    CmdPaneLookup => "tra cứu", "lookup";
    CtxLookup => "Tra cứu", "Lookup";
    CtxList => "Di chuyển", "Moving";
    CtxHistory => "Lịch sử công dân", "Citizen history";
    LookupPrompt => "Tìm công dân, vụ việc, lượt tiếp (tên không dấu, CCCD, số điện thoại, mã vụ việc, địa chỉ, nội dung)", "Find citizens, cases, visits (name without diacritics, ID, phone, case code, address, content)";
    LookupNothing => "Không tìm thấy kết quả nào cho “{0}”.", "Nothing found for “{0}”.";
    LookupCitizens => "Công dân ({0})", "Citizens ({0})";
    LookupCases => "Vụ việc ({0})", "Cases ({0})";
    LookupVisits => "Lượt tiếp ({0})", "Visits ({0})";
    LookupCitizenLine => "{0} lượt tiếp · {1} vụ việc · lần gần nhất {2}", "{0} visits · {1} cases · last {2}";
    LookupLastStep => "bước cuối: {0} {1}", "last step: {0} {1}";
    LookupCounting => "đang đếm…", "counting…";
    LookupExact => "{0} · {1} trùng khớp", "{0} · {1} exact";
    LookupMore => "… còn {0} — PgDn xem tiếp", "… {0} more — PgDn";
    LookupMoreUncounted => "… còn nữa — PgDn xem tiếp", "… more — PgDn";
    LookupLoading => "… đang tải…", "… loading…";
    LookupBorn => "sinh {0}", "born {0}";
    CmdLookupMore => "xem tiếp", "more";
    CliLookupMore => "… còn {0} (xem thêm: --limit)", "… {0} more (see more: --limit)";
    LookupNextDue => "hạn {0}", "due {0}";
    HistoryTitle => "Lịch sử — {0}", "History — {0}";
    HistoryVisit => "lượt tiếp", "visit";
    HistoryRepeat => "↻ lần {0}", "↻ time {0}";
    HistoryRound2 => "khiếu nại lần 2", "second round";
    HistoryAdded => "+{0} đơn bổ sung", "+{0} repeat petitions";
    HistoryEmpty => "Chưa có lượt tiếp hay vụ việc nào.", "No visit or case yet.";
    HistoryNote => "Không hiển thị đơn tố cáo (bảo mật người tố cáo).", "Denunciations are not shown (the denouncer's identity is protected).";
    TabLogShort => "Sổ tiếp", "Log";
    TabQueueShort => "Hàng đợi", "Queue";
    TabBoardShort => "Hạn", "Deadlines";
    TabCatalog => "Danh mục", "Catalogs";
    AlertOverdue => "⚠ {0} quá hạn · {1} đến hạn hôm nay", "⚠ {0} overdue · {1} due today";
    BoardTitle => "Bảng hạn xử lý — {0} nghĩa vụ đang mở", "Deadline board — {0} open obligations";
    BucketOverdue => "Quá hạn", "Overdue";
    BucketWithin3 => "Đến hạn trong 3 ngày làm việc", "Due within 3 working days";
    BucketWithin7 => "Đến hạn trong 7 ngày làm việc", "Due within 7 working days";
    BucketLater => "Còn hạn", "Later";
    BoardEmpty => "Không có nghĩa vụ nào đang mở.", "No open obligation.";
    BoardShown => "(hiện {0} dòng gấp nhất)", "(the {0} most urgent shown)";
    ColObligation => "Nghĩa vụ", "Obligation";
    ColStanding => "Còn lại", "Standing";
    ObReply => "Trả lời công dân", "Reply to the citizen";
    ObAccept => "Thụ lý", "Accept";
    ObInitial => "Xử lý ban đầu tố cáo", "Initial handling";
    ObTransfer => "Chuyển đơn tố cáo", "Transfer the denunciation";
    ObResolve => "Giải quyết", "Resolve";
    ObNotifyAcceptance => "Thông báo thụ lý", "Notify acceptance";
    ObSendDecision => "Gửi quyết định", "Send the decision";
    ObPublishDecision => "Công khai quyết định", "Publish the decision";
    ObReportForwarder => "Báo KQ nơi chuyển đơn", "Report to forwarder";
    ObInformCitizen => "Báo KQ cho công dân", "Tell citizen result";
    ObInternal => "Mục tiêu nội bộ", "Internal target";
    ObTimeLimit => "Thời hiệu khiếu nại", "Time limit to complain";
    ObSecondComplaint => "Hạn khiếu nại lần 2", "2nd complaint window";
    CaseVeryComplex => "đặc biệt phức tạp", "especially complex";
    CaseMultiSite => "xác minh nhiều nơi", "verified at several places";
    CaseDisciplinary => "QĐ kỷ luật", "disciplinary decision";
    CaseDismissal => "QĐ kỷ luật buộc thôi việc", "disciplinary dismissal";
    CaseLearned => "biết QĐ {0}", "decision known {0}";
    CaseLimits => "Thời hạn của công dân", "Citizen's limits";
    LimitLate => "⚠ đơn nhận {0}, sau thời hạn: căn cứ không thụ lý (Luật Khiếu nại Điều 11(6)) nếu không có lý do chính đáng", "⚠ received {0}, after the limit: a ground for non-acceptance (Complaints Law Art 11(6)) unless there is a valid reason";
    LimitInTime => "đơn nhận {0}: trong thời hạn", "received {0}: in time";
    LimitEnds => "hết ngày {0}", "ends {0}";
    LimitEnded => "đã hết ngày {0}", "ended {0}";
    ExplainCitizen => "Thời hạn của công dân — không phải nghĩa vụ của đơn vị, không có trên bảng hạn", "The citizen's limits — not the unit's duty, not on the board";
    ExplainStartDecided => "từ ngày ra quyết định {0}", "from the decision on {0}";
    ExplainStartDecisionDate => "từ ngày nhận quyết định; chưa ghi ngày gửi nên tính từ ngày ra quyết định {0} (sớm nhất có thể)", "from receipt of the decision; no sending recorded, so from the decision's date {0} (the earliest possible)";
    ExplainStartDecisionSent => "từ ngày nhận quyết định, tính từ ngày gửi đã ghi {0} (ngày nhận thực tế có thể muộn hơn)", "from receipt of the decision, taken as the day it was sent, {0} (the actual receipt may be later)";
    ExplainStartDecisionReceived => "từ ngày nhận quyết định giải quyết lần đầu {0}", "from receipt of the first decision on {0}";
    ExplainStartResolveLimit => "từ ngày hết thời hạn giải quyết lần đầu {0} mà chưa có quyết định", "from the end of the first-round limit, {0}, with no decision";
    ExplainStartLearned => "từ ngày nhận hoặc biết quyết định, hành vi bị khiếu nại {0}", "from receiving or learning of the decision or act on {0}";
    ExplainStartResultNotice => "từ ngày nhận thông báo kết quả {0}", "from the result notice on {0}";
    ExplainExcluded => "Không tính {0} ngày có trở ngại (ốm đau, thiên tai, đi công tác, học tập ở nơi xa…)", "{0} days of obstacle not counted (illness, disaster, work or study far away…)";
    ExplainInternal => "Quy định nội bộ của đơn vị — không phải thời hạn luật định.", "The unit's own rule — not a legal time limit.";
    ExplainChanged => "Thay đổi", "Changed";
    ExplainChangedText => "trước là {0}; tính lại ngày {1} vì {2}", "was {0}; recomputed on {1} because of: {2}";
    ChangeDayOff => "thêm ngày nghỉ {0} ({1})", "day off {0} ({1}) added";
    ChangeWorkDay => "thêm ngày làm bù {0} ({1})", "swapped working day {0} ({1}) added";
    ChangeDayRemoved => "bỏ ngày {0} ({1}) khỏi lịch", "{0} ({1}) removed from the calendar";
    ChangeYearConfirmed => "xác nhận lịch nghỉ năm {0}", "the days off of {0} confirmed";
    ChangeRule => "sửa quy định “{0}”", "the rule “{0}” edited";
    BoardReminder => "⚠ Lịch nghỉ năm {0} chưa được xác nhận: Tết Nguyên đán dự kiến {1}–{2}, ngày liền kề Quốc khánh dự kiến {3}; Ngày Văn hóa Việt Nam 24/11 chưa tính (chờ sửa Bộ luật Lao động). Xác nhận hoặc sửa ở Danh mục (6); hạn sẽ được tính lại.", "⚠ The days off of {0} are not confirmed: Tết expected {1}–{2}, the day beside National Day expected {3}; Vietnamese Culture Day 24/11 not counted (pending the Labour Code amendment). Confirm or change them in Catalogs (6); due dates are recomputed.";
    CatInternal => "quy định nội bộ, không phải luật", "the unit's own rule, not law";
    CatOff => "tắt", "off";
    CatNotLaw => "không phải luật", "not law";
    LblActive => "Áp dụng", "Applied";
    LblLearnedOn => "Ngày nhận/biết quyết định", "Decision received/known on";
    LblFirstDecisionOn => "Ngày nhận QĐ lần đầu", "First decision received on";
    LblObstacleDays => "Số ngày có trở ngại", "Days of obstacle";
    LblSubject => "Khiếu nại đối với", "Complaint against";
    LblValidReason => "Lý do chính đáng", "Valid reason";
    StepTimeBarred => "⚠ Đơn nhận sau thời hạn khiếu nại ({0}): căn cứ không thụ lý (Luật KN Điều 11(6)).", "⚠ Received after the time limit ({0}): a ground for non-acceptance (Art 11(6)).";
    StepTimeBarredHint => "  Chỉ thụ lý khi có lý do chính đáng — ghi vào ô Lý do chính đáng.", "  Accept only for a valid reason — write it in the Valid reason box.";
    ErrObstacleDays => "Từ 0 đến 3650 ngày.", "From 0 to 3650 days.";
    CaseDues => "Hạn xử lý", "Due dates";
    CaseExplainHint => "w: giải thích cách tính hạn", "w: explain how it was computed";
    ExplainTitle => "Cách tính hạn — {0}", "How the due dates were computed — {0}";
    ExplainNone => "Vụ việc không còn nghĩa vụ nào đang mở.", "The case has no open obligation.";
    ExplainRule => "Căn cứ", "Rule";
    ExplainStart => "Bắt đầu", "Starts";
    ExplainStartReceived => "từ ngày nhận đơn {0}", "from receipt on {0}";
    ExplainStartAccepted => "từ ngày thụ lý {0}", "from acceptance on {0}";
    ExplainCount => "Cách tính", "Counting";
    ExplainCalendar => "{0} ngày theo lịch (BLDS Điều 147: không tính ngày đầu)", "{0} calendar days (Civil Code Art 147: the first day not counted)";
    ExplainWorking => "{0} ngày làm việc (không tính ngày đầu)", "{0} working days (the first day not counted)";
    ExplainExtension => "Gia hạn lần {0}: thêm {1} ngày", "Extension {0}: {1} more days";
    ExplainNominal => "Ngày cuối theo lịch: {0}", "Last calendar day: {0}";
    ExplainRolled => "Ngày cuối không phải ngày làm việc → chuyển sang ngày làm việc tiếp theo (BLDS Điều 148(5))", "The last day is not a working day → the next working day (Civil Code Art 148(5))";
    ExplainSkipped => "Ngày không tính", "Days skipped";
    ExplainWorked => "Ngày làm bù được tính: {0}", "Swapped working days counted: {0}";
    ExplainExpected => "(dự kiến)", "(expected)";
    ExplainUnconfirmed => "Quy định chưa được xác nhận — có thể sửa trong Danh mục.", "The rule is unconfirmed — editable in the catalog.";
    ExplainDue => "Hạn", "Due";
    CatRules => "Quy định về thời hạn", "Deadline rules";
    CatCalendar => "Lịch nghỉ năm {0}", "Days off in {0}";
    CatAnnounced => "đã công bố", "announced";
    CatExpected => "dự kiến — C để xác nhận", "expected — C to confirm";
    ColRuleFor => "Áp dụng cho", "Applies to";
    ColDays => "Số ngày", "Days";
    ColBasis => "Cách tính", "Basis";
    ColArticle => "Căn cứ", "Article";
    ColEffective => "Hiệu lực", "In force";
    ColDay => "Ngày", "Day";
    ColKind => "Loại", "Kind";
    ColName => "Tên", "Name";
    BasisCalendar => "ngày lịch", "calendar days";
    BasisWorking => "ngày làm việc", "working days";
    KindOff => "Nghỉ", "Day off";
    KindWork => "Làm bù", "Worked";
    AnyValue => "mọi", "any";
    RoundN => "lần {0}", "round {0}";
    Recomputed => "Đã lưu; tính lại hạn của {0} vụ việc đang mở.", "Saved; recomputed the due dates of {0} open cases.";
    AskRemoveDay => "Bỏ ngày {0} ({1}) khỏi lịch? Hạn của các vụ việc đang mở sẽ được tính lại.", "Remove {0} ({1}) from the calendar? Open cases' due dates are recomputed.";
    AskConfirmYear => "Xác nhận lịch nghỉ dự kiến của năm {0} là lịch đã công bố?", "Confirm the expected days off of {0} as announced?";
    LblDays => "Số ngày", "Days";
    LblExtensionDays => "Số ngày mỗi lần gia hạn", "Days per extension";
    LblBasis => "Cách tính", "Basis";
    LblArticle => "Căn cứ pháp lý", "Legal basis";
    LblDayKind => "Loại ngày", "Kind of day";
    LblDayName => "Tên / lý do", "Name / reason";
    ErrDaysRange => "Từ 1 đến 366 ngày.", "From 1 to 366 days.";
    CmdPaneBoard => "bảng hạn", "deadline board";
    CmdPaneCatalog => "danh mục", "catalogs";
    CmdExplain => "giải thích hạn", "explain due date";
    CmdEditItem => "sửa", "edit";
    CmdAddDay => "thêm ngày", "add a day";
    CmdRemoveDay => "bỏ ngày", "remove the day";
    CmdConfirmYear => "xác nhận năm", "confirm the year";
    CmdPrevYear => "năm trước", "previous year";
    CmdNextYear => "năm sau", "next year";
    CtxBoard => "Bảng hạn xử lý", "Deadline board";
    CtxCatalog => "Danh mục", "Catalogs";
    CtxExplain => "Giải thích hạn", "Explanation";
    CtxPanes => "Chuyển khung", "Panes";

    // Command line
    CliNotSqlite => "{0} không phải là cơ sở dữ liệu SQLite. Tệp được giữ nguyên.", "{0} is not an SQLite database. The file was left untouched.";
    CliNotTiepdan => "{0} là cơ sở dữ liệu của chương trình khác, không phải của tiepdan. Tệp được giữ nguyên.", "{0} belongs to another program, not tiepdan. The file was left untouched.";
    CliTooNew => "{0} được tạo bởi phiên bản tiepdan mới hơn (lược đồ {1}, bản này hiểu đến {2}). Hãy cập nhật tiepdan. Tệp được giữ nguyên.", "{0} was made by a newer tiepdan (schema {1}; this one knows up to {2}). Update tiepdan. The file was left untouched.";
    CliIo => "Không mở được {0}: {1}", "Cannot open {0}: {1}";
    CliSql => "Lỗi cơ sở dữ liệu: {0}", "Database error: {0}";
    CliDemoRefuse => "{0} đã có dữ liệu thật (không phải dữ liệu mẫu) — không ghi đè. Chọn tệp khác bằng --db.", "{0} holds real data (not a demo database) — not overwriting it. Pick another file with --db.";
    CliDemoDone => "Đã tạo dữ liệu mẫu: {0} lượt tiếp, {1} công dân, {2} cuộc tiếp, {8} vụ việc, {3} ngày ({4}–{5}) trong {6} giây.\nMở bằng: tiepdan --db {7}", "Demo data created: {0} visits, {1} citizens, {2} sessions, {8} cases, {3} days ({4}–{5}) in {6} s.\nOpen it with: tiepdan --db {7}";
    CliDemoIndex => "Chỉ mục tra cứu: {0} dòng, dựng trong {1} giây (tệp {2} MB).", "Lookup index: {0} rows, built in {1} s (file {2} MB).";
    CliDemoCreating => "Đang tạo dữ liệu mẫu tại {0}…", "Creating demo data at {0}…";
    CliNoTerminal => "tiepdan cần một cửa sổ dòng lệnh (terminal) tương tác.", "tiepdan needs an interactive terminal.";
    CliNoDatabase => "Không có sổ tiếp công dân tại {0}. Kiểm tra lại đường dẫn --db, hoặc thêm --create để tạo sổ mới ở đó.", "No reception book at {0}. Check the --db path, or add --create to start a new book there.";
    CliDamaged => "Tệp sổ {0} bị hỏng hoặc bị cắt cụt (sao chép dở, đầy ổ đĩa…) nên không đọc được. Tệp được giữ nguyên: đừng xóa nó. Hãy khôi phục từ bản sao lưu gần nhất (lệnh tiepdan restore sẽ có ở bản sau; hiện tại chép lại bản sao lưu vào đúng chỗ này) và báo bộ phận CNTT.", "The book {0} is damaged or cut short (an interrupted copy, a full disk…) and cannot be read. It was left as it is: do not delete it. Restore the latest backup (a tiepdan restore command comes in a later version; for now copy the backup back in place) and tell IT.";
    CliAskCreate => "Chưa có sổ tại {0}. Tạo sổ mới ở đó? [y/N]", "There is no book at {0}. Create a new one there? [y/N]";
    CliNeedsUpgrade => "{0} có lược đồ {1}, cần nâng cấp lên {2}: mở nó một lần bằng tiepdan (không chỉ đọc) để nâng cấp.", "{0} has schema {1} and needs the upgrade to {2}: open it once with tiepdan (not read-only) to upgrade it.";
    CliBadType => "Loại đơn không hợp lệ: {0} (dùng khieu-nai, to-cao, kien-nghi hoặc phan-anh).", "Unknown petition type: {0} (use khieu-nai, to-cao, kien-nghi or phan-anh).";
    CliAcceptedBeforeReceived => "Ngày thụ lý không thể trước ngày nhận đơn.", "The acceptance date cannot be before the date received.";
    CliExtendComplaint => "--extensions: khiếu nại không được gia hạn (Luật Khiếu nại Điều 28, 37, 50); vụ việc phức tạp đã có thời hạn dài hơn: dùng --complex.", "--extensions: a complaint is never extended (Complaints Law Art 28, 37, 50); a complex one has a longer limit: use --complex.";
    CliExtendProposal => "--extensions: kiến nghị, phản ánh không có thời hạn giải quyết luật định để gia hạn.", "--extensions: proposals and feedback have no legal resolution limit to extend.";
    CliExtendNeedsComplex => "--extensions {0}: chỉ gia hạn tố cáo khi vụ việc phức tạp (Luật Tố cáo Điều 30(2)): thêm --complex.", "--extensions {0}: a denunciation is extended only when complex (Denunciations Law Art 30(2)): add --complex.";
    CliExtendNeedsVeryComplex => "--extensions 2: gia hạn lần hai chỉ khi vụ việc đặc biệt phức tạp, có từ 02 tiêu chí (Luật Tố cáo Điều 30(3); NĐ 31/2019 Điều 3(3)): thêm --very-complex.", "--extensions 2: a second extension needs an especially complex case, two or more criteria (Denunciations Law Art 30(3); Decree 31/2019 Art 3(3)): add --very-complex.";
    CliFlagOnlyFor => "{0} chỉ dùng cho {1}.", "{0} applies to {1} only.";
    CliDateOrder => "--{0} không thể trước --{1}.", "--{0} cannot be before --{1}.";
    CliLimitsHeading => "Thời hạn của công dân (không phải nghĩa vụ của đơn vị):", "The citizen's limits (not the unit's duty):";
    CliBadLang => "Ngôn ngữ không hỗ trợ: {0} (dùng vi hoặc en).", "Unsupported language: {0} (use vi or en).";

    // ==== Reports (issue 10) ==== periods, the summary, the official tables, the pane, the CLI.
    TabReport => "Báo cáo", "Reports";
    TabReportShort => "Báo cáo", "Reports";
    RpQuarter => "Quý {0} năm {1}", "Quarter {0} of {1}";
    RpSixMonths => "6 tháng đầu năm {0}", "First six months of {0}";
    RpNineMonths => "9 tháng năm {0}", "Nine months of {0}";
    RpYear => "Năm {0}", "Year {0}";
    RpMonth => "Tháng {0}/{1}", "Month {0}/{1}";
    RpRange => "Từ ngày {0} đến ngày {1}", "From {0} to {1}";
    RpDates => "Số liệu tính từ ngày {0} đến ngày {1}", "Data from {0} to {1}";
    RpAsOf => "tình trạng vụ việc tính đến ngày {0}", "case status as of {0}";
    RpTitle => "BÁO CÁO KẾT QUẢ CÔNG TÁC TIẾP CÔNG DÂN, XỬ LÝ ĐƠN, GIẢI QUYẾT KHIẾU NẠI, TỐ CÁO", "REPORT ON CITIZEN RECEPTION, PETITION HANDLING, COMPLAINTS AND DENUNCIATIONS";
    RpUnit => "Đơn vị báo cáo: {0}", "Reporting unit: {0}";
    RpBasis => "Kỳ báo cáo theo Thông tư 01/2024/TT-TTCP", "Reporting periods of Circular 01/2024/TT-TTCP";
    RpSummary => "Tóm tắt", "Summary";
    RpFigures => "Số liệu", "Figures";
    RpParagraph => "Đoạn văn cho báo cáo", "Paragraph for the report";
    RpCharts => "Biểu đồ", "Charts";
    RpUnfillable => "sổ không ghi nhận", "not recorded in the book";
    RpUnfillableMark => "╳", "╳";
    RpLegend => "Ô đánh dấu ╳: sổ tiếp công dân không ghi nhận dữ liệu này — để trống, không suy đoán.", "Cells marked ╳: the book does not record this — left empty, never guessed.";
    RpLegendXlsx => "Ô tô sọc để trống: sổ tiếp công dân không ghi nhận dữ liệu này — không suy đoán. Lý do từng cột:", "Hatched empty cells: the book does not record this — never guessed. Why, column by column:";
    RpRollup => "Lĩnh vực → cột", "Fields → columns";
    RpRollupTitle => "Lĩnh vực của đơn vị và cột báo cáo chính thức mà mỗi lĩnh vực được cộng vào (số đơn trong kỳ)", "The unit's fields and the official report column each adds up to (petitions in the period)";
    RpRollupHint => "e: chuyển lĩnh vực đang chọn sang cột báo cáo tiếp theo (ghi nhật ký, tính lại báo cáo)", "e: move the selected field to the next report column (audited, the report is counted again)";
    CmdRollup => "đổi cột báo cáo", "change report column";
    RpResolvedDue => "giải quyết {0}, hạn {1}", "resolved {0}, due {1}";
    RpColNo => "Cột", "Col.";
    RpColFigure => "Chỉ tiêu", "Figure";
    RpColValue => "Số liệu", "Value";
    RpUnitCol => "Đơn vị", "Unit";
    RpFormNo => "Biểu số {0}", "Form {0}";
    RpSignPlace => "……, ngày … tháng … năm ……", "……, date ……";
    RpSignMaker => "NGƯỜI LẬP BIỂU", "PREPARED BY";
    RpSignHead => "THỦ TRƯỞNG ĐƠN VỊ", "HEAD OF THE UNIT";
    RpSignNote => "(Ký, ghi rõ họ tên)", "(Signature, full name)";
    RpSignNoteSeal => "(Ký, ghi rõ họ tên, đóng dấu)", "(Signature, full name, seal)";
    RpMadeBy => "Lập từ sổ tiếp công dân bằng tiepdan ngày {0}.", "Made from the reception book by tiepdan on {0}.";
    RpNoData => "Không có số liệu trong kỳ này.", "No data in this period.";
    RpPercent => "{0}%", "{0}%";
    RpNone => "—", "—";

    // Reports: the official tables
    Fm01Tcd => "TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN THƯỜNG XUYÊN, ĐỊNH KỲ VÀ ĐỘT XUẤT", "CITIZEN RECEPTION: REGULAR, PERIODIC AND AD HOC";
    Fm02Tcd => "TỔNG HỢP PHÂN LOẠI, XỬ LÝ ĐƠN QUA TIẾP CÔNG DÂN", "PETITIONS RECEIVED AT RECEPTION: CLASSIFICATION AND HANDLING";
    Fm01Xld => "TỔNG HỢP KẾT QUẢ XỬ LÝ ĐƠN", "PETITION HANDLING";
    Fm02Xld => "TỔNG HỢP KẾT QUẢ XỬ LÝ ĐƠN KHIẾU NẠI", "COMPLAINTS HANDLED, BY FIELD";
    Fm03Xld => "TỔNG HỢP KẾT QUẢ XỬ LÝ ĐƠN TỐ CÁO", "DENUNCIATIONS HANDLED, BY FIELD";
    Fm04Xld => "TỔNG HỢP KẾT QUẢ XỬ LÝ ĐƠN KIẾN NGHỊ, PHẢN ÁNH", "PROPOSALS AND FEEDBACK HANDLED, BY FIELD";
    Fm01Kqgq => "TỔNG HỢP KẾT QUẢ GIẢI QUYẾT KHIẾU NẠI THUỘC THẨM QUYỀN", "COMPLAINTS RESOLVED WITHIN OUR AUTHORITY";
    Fm03Kqgq => "TỔNG HỢP KẾT QUẢ GIẢI QUYẾT TỐ CÁO THUỘC THẨM QUYỀN", "DENUNCIATIONS RESOLVED WITHIN OUR AUTHORITY";
    HdTotal => "Tổng số", "Total";
    HdRegular => "Tiếp thường xuyên", "Regular reception";
    HdPeriodic => "Tiếp định kỳ và đột xuất của thủ trưởng", "Periodic and ad hoc reception by the head";
    HdGroups => "Đoàn đông người", "Groups";
    HdVisits => "Lượt", "Visits";
    HdPeople => "Người", "People";
    HdMatters => "Vụ việc", "Matters";
    HdMattersFirst => "Tiếp lần đầu", "First time";
    HdMattersRepeat => "Tiếp nhiều lần", "Repeat";
    HdSessions => "Kỳ tiếp", "Sessions";
    HdGroupCount => "Số đoàn", "Groups";
    HdByHead => "Thủ trưởng trực tiếp tiếp (kỳ)", "Received by the head in person (sessions)";
    HdByDelegate => "Ủy quyền tiếp (kỳ)", "Received by delegation (sessions)";
    HdPetitions => "Số đơn", "Petitions";
    HdCases => "Số vụ việc", "Cases";
    HdByContent => "Phân loại theo nội dung", "By content";
    HdKhieuNai => "Khiếu nại", "Complaints";
    HdToCao => "Tố cáo", "Denunciations";
    HdKnpa => "Kiến nghị, phản ánh", "Proposals, feedback";
    HdByAuthority => "Phân loại theo thẩm quyền", "By authority";
    HdOwn => "Thuộc thẩm quyền", "Within our authority";
    HdNotOwn => "Không thuộc thẩm quyền", "Outside our authority";
    HdNotOwnResult => "Kết quả xử lý đơn không thuộc thẩm quyền", "Handling of petitions outside our authority";
    HdGuided => "Hướng dẫn", "Guided";
    HdTransferred => "Chuyển đơn", "Transferred";
    HdUrged => "Đôn đốc giải quyết", "Urged";
    HdReplies => "Số văn bản phúc đáp nhận được do chuyển đơn", "Replies received to transferred petitions";
    HdCarriedOver => "Kỳ trước chuyển sang", "Carried over";
    HdReceived => "Tiếp nhận trong kỳ", "Received in the period";
    HdManySigners => "Đơn có nhiều người đứng tên", "Signed by several people";
    HdOneSigner => "Đơn một người đứng tên", "Signed by one person";
    HdProcessed => "Số đơn đã xử lý", "Petitions processed";
    HdEligible => "Đơn đủ điều kiện xử lý", "Petitions eligible for handling";
    HdPriorStatus => "Theo tình trạng giải quyết trước khi nhận đơn", "By how the matter stood before";
    HdResult => "Kết quả xử lý", "Result of handling";
    HdByField => "Theo lĩnh vực", "By field";
    HdAdministrative => "Lĩnh vực hành chính", "Administrative";
    HdPolicyRegime => "Chế độ, chính sách", "Policy, entitlements";
    HdLandHousing => "Đất đai, nhà cửa", "Land, housing";
    HdCivilService => "Công chức, công vụ", "Civil service";
    HdOther => "Khác", "Other";
    HdCorruption => "Tham nhũng", "Corruption";
    HdJudicial => "Tư pháp", "Judicial";
    HdPartyUnions => "Đảng, đoàn thể", "Party, mass organizations";
    HdLand => "Đất đai", "Land";
    HdFirstRound => "Lần đầu", "First round";
    HdSecondRound => "Lần hai", "Second round";
    HdByStatus => "Theo trạng thái giải quyết (thuộc thẩm quyền, cuối kỳ)", "By status (within our authority, at the end)";
    HdResolved => "Đã giải quyết", "Resolved";
    HdInProgress => "Đang giải quyết", "Being resolved";
    HdNotStarted => "Chưa giải quyết", "Not started";
    HdCourtJudgment => "Đã có bản án của Tòa án", "With a court judgment";
    HdRepeatDenunciation => "Tố cáo tiếp", "Denounced again";
    HdWithdrawn => "Rút đơn thông qua giải thích, thuyết phục", "Withdrawn after explanation";
    HdByDecision => "Bằng quyết định, kết luận", "By decision or conclusion";
    HdAnalysis => "Phân tích kết quả (vụ việc)", "Analysis of results (cases)";
    HdJustified => "Đúng", "Justified";
    HdUnjustified => "Sai", "Unjustified";
    HdPartly => "Đúng một phần", "Partly justified";
    HdUpheld => "Công nhận quyết định lần đầu", "First decision upheld";
    HdOverturned => "Hủy, sửa quyết định lần đầu", "First decision annulled or amended";
    HdRecovered => "Kiến nghị thu hồi cho Nhà nước", "Recovered for the State";
    HdReturned => "Trả lại cho tổ chức, cá nhân", "Returned to organizations and people";
    HdMoney => "Tiền (triệu đồng)", "Money (million VND)";
    HdLandM2 => "Đất (m²)", "Land (m²)";
    HdRights => "Số tổ chức, cá nhân được trả lại quyền lợi", "Organizations and people whose rights were restored";
    HdSanctions => "Kiến nghị xử lý hành chính (người)", "Administrative sanctions proposed (people)";
    HdInvestigation => "Chuyển cơ quan điều tra (vụ)", "Sent to investigators (cases)";
    HdDeadline => "Việc chấp hành thời hạn giải quyết", "Meeting the legal time limit";
    HdOnTime => "Đúng thời hạn", "On time";
    HdLate => "Quá thời hạn", "Late";
    HdUnit => "Đơn vị", "Unit";
    GpDelegation => "Sổ ghi tên lãnh đạo chủ trì nhưng không ghi người đó là thủ trưởng hay được ủy quyền.", "The book names the presiding leader but not whether they are the head or a delegate.";
    GpReplies => "Sổ không ghi văn bản phúc đáp của cơ quan nhận đơn chuyển.", "The book does not record replies to transferred petitions.";
    GpSigners => "Sổ không ghi số người đứng tên trên đơn.", "The book does not record how many people signed a petition.";
    GpMoney => "Sổ không ghi số tiền kiến nghị thu hồi hoặc trả lại.", "The book does not record money recovered or returned.";
    GpLand => "Sổ không ghi diện tích đất kiến nghị thu hồi hoặc trả lại.", "The book does not record land recovered or returned.";
    GpRights => "Sổ không ghi số tổ chức, cá nhân được trả lại quyền lợi.", "The book does not record whose rights were restored.";
    GpSanctions => "Sổ không ghi kiến nghị xử lý hành chính.", "The book does not record proposed sanctions.";
    GpInvestigation => "Sổ không ghi việc chuyển cơ quan điều tra.", "The book does not record cases sent to investigators.";
    GpCourt => "Sổ không ghi bản án của Tòa án về vụ việc.", "The book does not record court judgments.";
    GpRepeatTc => "Sổ không đánh dấu tố cáo tiếp (tố cáo lại sau khi đã có kết luận).", "The book does not mark denunciations made again after a conclusion.";
    GpPrior => "Tình trạng giải quyết trước khi nhận đơn chỉ được ghi bằng lời (cơ quan đã giải quyết).", "How a matter stood before is free text only (handled before by).";

    // Reports: summary figures
    FgSessions => "Cuộc tiếp công dân", "Reception sessions";
    FgSessionsRegular => "— thường xuyên", "— regular";
    FgSessionsPeriodic => "— định kỳ", "— periodic";
    FgSessionsAdHoc => "— đột xuất", "— ad hoc";
    FgSessionsOnline => "— trực tuyến", "— online";
    FgVisits => "Lượt tiếp", "Visits";
    FgPeople => "Người được tiếp", "People received";
    FgGroupVisits => "Đoàn đông người", "Groups";
    FgGroupPeople => "Người trong các đoàn", "People in groups";
    FgPetitions => "Đơn nhận", "Petitions received";
    FgPetitionsKn => "— khiếu nại", "— complaints";
    FgPetitionsTc => "— tố cáo", "— denunciations";
    FgPetitionsKnpa => "— kiến nghị, phản ánh", "— proposals, feedback";
    FgCasesReceived => "Vụ việc tiếp nhận mới trong kỳ", "Cases received in the period";
    FgCasesCarried => "Vụ việc kỳ trước chuyển sang", "Cases carried over";
    FgCasesUnclassified => "Vụ việc chưa phân loại (cuối kỳ)", "Cases not yet classified (at the end)";
    FgCasesOwn => "Vụ việc thuộc thẩm quyền phải giải quyết", "Cases within our authority to resolve";
    FgCasesResolved => "— đã giải quyết xong", "— resolved";
    FgCasesOnTime => "— trong đó đúng thời hạn", "— of which on time";
    FgCasesLate => "— trong đó quá thời hạn", "— of which late";
    FgCasesWithdrawn => "— rút đơn", "— withdrawn";
    FgCasesRefused => "— không thụ lý", "— not accepted";
    FgCasesOpen => "— còn đang giải quyết (cuối kỳ)", "— still open (at the end)";
    FgCasesOverdue => "— trong đó quá hạn", "— of which overdue";
    FgCasesNotOwn => "Vụ việc không thuộc thẩm quyền", "Cases outside our authority";
    FgTransferred => "Chuyển đơn (tại nơi tiếp và xử lý đơn)", "Transferred (at the desk and in handling)";
    FgGuided => "Hướng dẫn (tại nơi tiếp và xử lý đơn)", "Guided (at the desk and in handling)";
    FgDeskGuided => "Tại nơi tiếp: hướng dẫn", "At the desk: guided";
    FgDeskTransferred => "Tại nơi tiếp: chuyển đơn", "At the desk: transferred";
    FgDeskUrged => "Tại nơi tiếp: đôn đốc", "At the desk: urged";
    FgDeskAnswered => "Tại nơi tiếp: trả lời trực tiếp", "At the desk: answered on the spot";
    FgDeskFiled => "Tại nơi tiếp: lưu đơn", "At the desk: filed";
    FgByField => "Đơn nhận theo lĩnh vực", "Petitions by field";
    FgPresiding => "Lãnh đạo chủ trì", "Presided by";
    FgResolvedRate => "Tỷ lệ giải quyết", "Resolved rate";
    FgOnTimeRate => "Tỷ lệ đúng hạn (trong số có thời hạn luật định)", "On-time rate (of those with a legal limit)";

    // Reports: the paragraph
    PgSessions => "Trong kỳ báo cáo ({0}), {1} đã tổ chức {2} cuộc tiếp công dân ({3}), tiếp {4} lượt với {5} người", "In the reporting period ({0}), {1} held {2} reception sessions ({3}) and received {4} visits by {5} people";
    PgSessionsSplit => "thường xuyên {0}, định kỳ {1}, đột xuất {2}", "regular {0}, periodic {1}, ad hoc {2}";
    PgOnline => ", trực tuyến {0}", ", online {0}";
    PgPresided => "; {0} chủ trì {1} kỳ tiếp", "; {0} presided over {1} sessions";
    PgGroups => ", trong đó có {0} đoàn đông người với {1} người", ", including {0} groups of {1} people";
    PgPetitions => ". Tiếp nhận {0} đơn (khiếu nại {1}, tố cáo {2}, kiến nghị, phản ánh {3})", ". {0} petitions were received (complaints {1}, denunciations {2}, proposals and feedback {3})";
    PgFields => ", chủ yếu liên quan đến {0}", ", mainly about {0}";
    PgCases => ". Về giải quyết đơn thuộc thẩm quyền: đã giải quyết xong {0}/{1} vụ việc (đạt {2})", ". Within our authority: {0} of {1} cases resolved ({2})";
    PgOnTime => "; {0}/{1} vụ việc có thời hạn luật định được giải quyết đúng hạn ({2})", "; {0} of the {1} with a legal time limit resolved on time ({2})";
    PgOpen => "; còn {0} vụ việc đang giải quyết, {1} vụ việc quá hạn", "; {0} cases still open, {1} overdue";
    PgOthers => ". Đã chuyển {0} đơn, hướng dẫn {1} lượt/đơn đến cơ quan có thẩm quyền", ". {0} petitions transferred and {1} guided to the competent bodies";
    PgCarried => ". Kỳ trước chuyển sang {0} vụ việc, tiếp nhận mới {1} vụ việc.", ". {0} cases were carried over and {1} received in the period.";

    // Reports: definitions (w on a figure)
    DfTitle => "Định nghĩa — {0}", "Definition — {0}";
    DfForm => "Biểu {0}, cột {1}", "Form {0}, column {1}";
    DfSummary => "Tóm tắt, chỉ tiêu “{0}”", "Summary, figure “{0}”";
    DfUnfillable => "Không điền được từ sổ: {0}", "Cannot be filled from the book: {0}";
    DfPlus => "cộng với", "plus";
    DfVisitsIn => "Các lượt tiếp trong kỳ", "Visits in the period";
    DfCasesIn => "Các vụ việc (đơn trong sổ xử lý đơn)", "Cases (petitions in the handling book)";
    DfForms => "hình thức tiếp: {0}", "reception form: {0}";
    DfGroup => "đoàn đông người (từ {0} người)", "groups (from {0} people)";
    DfNotGroup => "không phải đoàn đông người", "not a group";
    DfTypes => "loại đơn: {0}", "petition type: {0}";
    DfHandlings => "hướng xử lý tại nơi tiếp: {0}", "handling at the desk: {0}";
    DfWithPetitions => "có nộp đơn", "handing in a petition";
    DfField => "lĩnh vực: {0}", "field: {0}";
    DfColumns => "lĩnh vực thuộc cột báo cáo: {0}", "fields rolling up to: {0}";
    DfRound => "khiếu nại lần {0}", "complaint round {0}";
    DfMVisits => "đếm số lượt tiếp", "count the visits";
    DfMPeople => "cộng số người đến (một đoàn tính đủ số người)", "add up the people (a group counts all its members)";
    DfMPetitions => "cộng số đơn công dân nộp", "add up the petitions handed in";
    DfMMatters => "đếm số vụ việc: mỗi công dân với một loại đơn trong một lĩnh vực là một vụ việc", "count the matters: one citizen's petitions of one type in one field";
    DfMFirst => "đếm vụ việc tiếp lần đầu: lượt đầu tiên của vụ việc ở đây không có lượt nào trước đó", "count first-time matters: the matter's first visit here had no earlier one";
    DfMRepeat => "đếm vụ việc tiếp nhiều lần: công dân đã được tiếp về vụ việc này trước đó", "count repeat matters: the citizen had been received on it before";
    DfMSessions => "đếm số kỳ/cuộc tiếp có lượt tiếp", "count the sessions that had visits";
    DfMCases => "đếm số vụ việc", "count the cases";
    DfMCasePetitions => "cộng số đơn: đơn đầu và các đơn bổ sung cùng nội dung", "add up the petitions: the first and those joined to it";
    DcInBook => "kỳ trước chuyển sang hoặc tiếp nhận trong kỳ", "carried over or received in the period";
    DcCarried => "kỳ trước chuyển sang: nhận trước kỳ và còn mở vào ngày trước kỳ", "carried over: received before the period and still open the day before it";
    DcReceived => "tiếp nhận trong kỳ (ngày nhận đơn trong kỳ)", "received in the period";
    DcWritten => "nhận bằng văn bản trong kỳ (bưu chính, cơ quan khác chuyển đến), không qua tiếp công dân", "received in writing in the period (post, forwarded), not at a visit";
    DcProcessed => "đã phân loại hoặc kết thúc đến cuối kỳ", "classified or closed by the end";
    DcEligible => "đủ điều kiện xử lý (phân loại thuộc hoặc không thuộc thẩm quyền)", "eligible (classified within or outside our authority)";
    DcOwn => "thuộc thẩm quyền (phân loại thuộc thẩm quyền đến cuối kỳ), kỳ trước chuyển sang hoặc tiếp nhận trong kỳ", "within our authority (so classified by the end), carried over or received";
    DcOwnCarried => "thuộc thẩm quyền, kỳ trước chuyển sang", "within our authority, carried over";
    DcOwnReceived => "thuộc thẩm quyền, tiếp nhận trong kỳ", "within our authority, received in the period";
    DcNotOwn => "không thuộc thẩm quyền", "outside our authority";
    DcUnclassified => "chưa phân loại đến cuối kỳ", "not yet classified at the end";
    DcResolved => "thuộc thẩm quyền, có bước giải quyết trong kỳ", "within our authority, resolved in the period";
    DcResolvedWith => "thuộc thẩm quyền, giải quyết trong kỳ với kết quả “{0}”", "within our authority, resolved in the period as “{0}”";
    DcOnTime => "thuộc thẩm quyền, giải quyết trong kỳ, không muộn hơn hạn giải quyết do bộ tính hạn tính (quy định và lịch nghỉ của sổ, theo tính chất vụ việc khi giải quyết)", "within our authority, resolved in the period no later than the due date the deadline engine computes (the book's rules and calendar, the case's facts at resolution)";
    DcLate => "thuộc thẩm quyền, giải quyết trong kỳ, sau hạn giải quyết", "within our authority, resolved in the period after its due date";
    DcWithdrawn => "thuộc thẩm quyền, rút đơn trong kỳ", "within our authority, withdrawn in the period";
    DcRefused => "thuộc thẩm quyền, không thụ lý trong kỳ", "within our authority, not accepted in the period";
    DcOpen => "thuộc thẩm quyền, còn mở vào cuối kỳ", "within our authority, open at the end";
    DcInProgress => "thuộc thẩm quyền, đã thụ lý, đang giải quyết vào cuối kỳ", "within our authority, accepted and being resolved at the end";
    DcNotStarted => "thuộc thẩm quyền, còn mở và chưa thụ lý vào cuối kỳ", "within our authority, open and not yet accepted at the end";
    DcOverdue => "thuộc thẩm quyền, còn mở vào cuối kỳ (hoặc hôm nay nếu kỳ chưa hết) và có nghĩa vụ đã quá hạn (như bảng hạn xử lý)", "within our authority, open at the end (or today) with an obligation past its due date (as on the deadline board)";
    DcTransferred => "chuyển đơn trong kỳ", "transferred in the period";
    DcGuided => "hướng dẫn trong kỳ", "guided in the period";
    DcUrged => "đôn đốc trong kỳ", "urged in the period";

    // Reports: the pane
    RpPaneTitle => "Báo cáo — {0}", "Report — {0}";
    RpRecordsTitle => "Các bản ghi của “{0}” — {1}", "Records behind “{0}” — {1}";
    RpRecordsEmpty => "Không có bản ghi nào.", "No record.";
    RpRecordsMore => "(hiện {0}/{1})", "(showing {0}/{1})";
    RpVisit => "Lượt tiếp", "Visit";
    RpCase => "Vụ việc", "Case";
    RpAdds => "+{0}", "+{0}";
    RpChartVisits => "Lượt tiếp theo tháng — {0}", "Visits per month — {0}";
    RpChartAllFields => "mọi lĩnh vực", "all fields";
    RpChartOnTime => "Giải quyết đúng hạn theo tháng (%) — {0}", "Resolved on time per month (%) — {0}";
    RpChartResolved => "giải quyết", "resolved";
    RpChartOnTimeLbl => "đúng hạn", "on time";
    RpChartHint => "↑↓ chọn lĩnh vực", "↑↓ choose a field";
    RpExported => "Đã xuất báo cáo ra {0}.", "Report written to {0}.";
    RpExportFailed => "Không xuất được báo cáo: {0}", "Could not write the report: {0}";
    RpLoading => "Đang tính báo cáo…", "Computing the report…";
    RpTook => "tính trong {0} ms", "computed in {0} ms";
    CmdPaneReport => "báo cáo", "reports";
    CmdPrevPeriod => "kỳ trước", "previous period";
    CmdNextPeriod => "kỳ sau", "next period";
    CmdPeriodKind => "loại kỳ", "period kind";
    CmdRecords => "bản ghi", "records";
    CmdDefinition => "định nghĩa", "definition";
    CmdExport => "xuất XLSX", "export XLSX";
    CmdCharts => "biểu đồ", "charts";
    CmdPrevView => "bảng trước", "previous table";
    CmdNextView => "bảng sau", "next table";
    CtxReport => "Báo cáo", "Reports";
    CtxRecords => "Bản ghi của chỉ tiêu", "Records of a figure";
    CtxDefinition => "Định nghĩa chỉ tiêu", "Definition of a figure";

    // Reports: the command line
    CliReportNeedsPeriod => "Chọn kỳ báo cáo: --period 2026-q1|2026-6t|2026-9t|2026|2026-11, hoặc --from D --to D.", "Choose a period: --period 2026-q1|2026-6t|2026-9t|2026|2026-11, or --from D --to D.";
    CliReportBadPeriod => "Kỳ báo cáo không hợp lệ: {0} (ví dụ 2026-q1, 2026-6t, 2026-9t, 2026, 2026-11).", "Unknown period: {0} (e.g. 2026-q1, 2026-6t, 2026-9t, 2026, 2026-11).";
    CliReportBadRange => "Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.", "The first day must not be after the last.";
    CliReportBadFormat => "Định dạng không hỗ trợ: {0} (dùng text, csv, json hoặc xlsx).", "Unsupported format: {0} (use text, csv, json or xlsx).";
    CliReportXlsxTty => "XLSX là tệp nhị phân: ghi ra tệp bằng --out F (hoặc chuyển hướng đầu ra).", "XLSX is binary: write it with --out F (or redirect the output).";
    CliReportBadExplain => "Không có chỉ tiêu {0} (ví dụ: visits, cases_resolved, 01/TCD.4, 01/KQGQ.20).", "No figure {0} (e.g. visits, cases_resolved, 01/TCD.4, 01/KQGQ.20).";
    CliReportWritten => "Đã ghi {0}.", "Wrote {0}.";
    // (end of Reports)
}

/// The weekday's name.
/// A count with its thousands marked as each language writes them: 2.436 / 2,436.
pub fn number(lang: Lang, n: u64) -> String {
    let sep = match lang {
        Lang::Vi => '.',
        Lang::En => ',',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

pub fn weekday(lang: Lang, d: chrono::Weekday) -> &'static str {
    use chrono::Weekday::*;
    match d {
        Mon => Msg::Mon,
        Tue => Msg::Tue,
        Wed => Msg::Wed,
        Thu => Msg::Thu,
        Fri => Msg::Fri,
        Sat => Msg::Sat,
        Sun => Msg::Sun,
    }
    .t(lang)
}

pub fn reception_form(f: ReceptionForm) -> Msg {
    match f {
        ReceptionForm::ThuongXuyen => Msg::FormThuongXuyen,
        ReceptionForm::DinhKy => Msg::FormDinhKy,
        ReceptionForm::DotXuat => Msg::FormDotXuat,
        ReceptionForm::TrucTuyen => Msg::FormTrucTuyen,
    }
}

pub fn petition_type(t: PetitionType) -> Msg {
    match t {
        PetitionType::KhieuNai => Msg::TypeKhieuNai,
        PetitionType::ToCao => Msg::TypeToCao,
        PetitionType::KienNghi => Msg::TypeKienNghi,
        PetitionType::PhanAnh => Msg::TypePhanAnh,
    }
}

pub fn handling(h: Handling) -> Msg {
    match h {
        Handling::ThuLy => Msg::HandThuLy,
        Handling::HuongDan => Msg::HandHuongDan,
        Handling::ChuyenDon => Msg::HandChuyenDon,
        Handling::DonDoc => Msg::HandDonDoc,
        Handling::TraLoi => Msg::HandTraLoi,
        Handling::LuuDon => Msg::HandLuuDon,
    }
}

pub fn form_field(f: FormField) -> Msg {
    match f {
        FormField::FullName => Msg::LblFullName,
        FormField::IdNumber => Msg::LblIdNumber,
        FormField::Phone => Msg::LblPhone,
        FormField::Address => Msg::LblAddress,
        FormField::People => Msg::LblPeople,
        FormField::Representatives => Msg::LblRepresentatives,
        FormField::Form => Msg::LblForm,
        FormField::Presiding => Msg::LblPresiding,
        FormField::PetitionType => Msg::LblPetitionType,
        FormField::Field => Msg::LblField,
        FormField::Content => Msg::LblContent,
        FormField::PriorAgencies => Msg::LblPriorAgencies,
        FormField::Handling => Msg::LblHandling,
        FormField::TransferAgency => Msg::LblTransferAgency,
        FormField::Note => Msg::LblNote,
        FormField::Petitions => Msg::LblPetitions,
        FormField::Day => Msg::LblVisitDay,
        FormField::Time => Msg::LblVisitTime,
    }
}

pub fn case_type(t: crate::domain::case::CaseType) -> Msg {
    use crate::domain::case::CaseType as T;
    match t {
        T::KhieuNai => Msg::CtKhieuNai,
        T::ToCao => Msg::CtToCao,
        T::KienNghiPhanAnh => Msg::CtKnpa,
    }
}

pub fn case_status(s: crate::domain::case::CaseStatus) -> Msg {
    use crate::domain::case::CaseStatus as S;
    match s {
        S::New => Msg::StNew,
        S::AwaitingAcceptance => Msg::StAwaiting,
        S::OutsideAuthority => Msg::StOutside,
        S::NotEligible => Msg::StNotEligible,
        S::InProgress => Msg::StInProgress,
        S::Resolved => Msg::StResolved,
        S::Transferred => Msg::StTransferred,
        S::Guided => Msg::StGuided,
        S::Returned => Msg::StReturned,
        S::Filed => Msg::StFiled,
        S::Withdrawn => Msg::StWithdrawn,
        S::Refused => Msg::StRefused,
    }
}

pub fn case_source(s: crate::store::CaseSource) -> Msg {
    use crate::store::CaseSource as C;
    match s {
        C::Visit => Msg::SrcVisit,
        C::Post => Msg::SrcPost,
        C::Forwarded => Msg::SrcForwarded,
        C::Other => Msg::SrcOther,
    }
}

pub fn action(a: crate::domain::case::Action) -> Msg {
    use crate::domain::case::Action as A;
    match a {
        A::Open => Msg::AcOpen,
        A::ClassifyOwn => Msg::AcClassifyOwn,
        A::ClassifyNotOwn => Msg::AcClassifyNotOwn,
        A::ClassifyIneligible => Msg::AcClassifyIneligible,
        A::Accept => Msg::AcAccept,
        A::Transfer => Msg::AcTransfer,
        A::Guide => Msg::AcGuide,
        A::Urge => Msg::AcUrge,
        A::Return => Msg::AcReturn,
        A::File => Msg::AcFile,
        A::Withdraw => Msg::AcWithdraw,
        A::Refuse => Msg::AcRefuse,
        A::MarkComplex => Msg::AcComplex,
        A::Extend => Msg::AcExtend,
        A::Resolve => Msg::AcResolve,
        A::Reopen => Msg::AcReopen,
        A::Note => Msg::AcNote,
        A::Assign => Msg::AcAssign,
        A::AddPetition => Msg::AcAddPetition,
        A::MarkRemote => Msg::AcRemote,
        A::VisitEdited => Msg::AcVisitEdited,
        A::MarkVeryComplex => Msg::AcVeryComplex,
        A::MarkMultiSite => Msg::AcMultiSite,
        A::RecordTimeBar => Msg::AcTimeBar,
        A::NotifyAcceptance => Msg::AcNotifyAcceptance,
        A::SendDecision => Msg::AcSendDecision,
        A::PublishDecision => Msg::AcPublishDecision,
        A::ReportToForwarder => Msg::AcReportForwarder,
        A::ResultReceived => Msg::AcResultReceived,
        A::InformCitizen => Msg::AcInformCitizen,
    }
}

pub fn complaint_subject(s: crate::domain::case::ComplaintSubject) -> Msg {
    use crate::domain::case::ComplaintSubject as C;
    match s {
        C::Administrative => Msg::SubjAdministrative,
        C::Disciplinary => Msg::SubjDisciplinary,
        C::Dismissal => Msg::SubjDismissal,
    }
}

/// Why the law does not allow a step, when there is more to say than the status (the
/// article, and what to do instead): extensions, a late complaint, a result not yet in.
pub fn refusal_why(
    lang: Lang,
    a: crate::domain::case::Action,
    why: crate::domain::case::Refusal,
) -> Option<&'static str> {
    use crate::domain::case::{Action as A, Refusal as R};
    let m = match (a, why) {
        (A::Extend, R::NotForType) => Msg::WhyExtendComplaint,
        (A::Extend, R::NeedsComplex) => Msg::WhyExtendNeedsComplex,
        (A::Extend, R::NeedsVeryComplex) => Msg::WhyExtendNeedsVeryComplex,
        (A::Extend, R::Exhausted) => Msg::WhyExtendExhausted,
        (_, R::TimeBarred) => Msg::WhyTimeBarred,
        (_, R::NeedsResult) => Msg::WhyNeedsResult,
        (_, R::NotApplicable) => Msg::WhyNotApplicable,
        (
            A::NotifyAcceptance
            | A::SendDecision
            | A::PublishDecision
            | A::ReportToForwarder
            | A::ResultReceived
            | A::InformCitizen
            | A::MarkVeryComplex
            | A::MarkMultiSite,
            R::Exhausted,
        ) => Msg::WhyDoneAlready,
        _ => return None,
    };
    Some(m.t(lang))
}

pub fn refusal_reason(r: crate::domain::case::RefusalReason) -> Msg {
    use crate::domain::case::RefusalReason as R;
    match r {
        R::NoiBo => Msg::Rs11_1,
        R::KhongLienQuan => Msg::Rs11_2,
        R::KhongNangLuc => Msg::Rs11_3,
        R::DaiDienKhongHopPhap => Msg::Rs11_4,
        R::KhongChuKy => Msg::Rs11_5,
        R::HetThoiHieu => Msg::Rs11_6,
        R::DaCoQuyetDinhLan2 => Msg::Rs11_7,
        R::DinhChi => Msg::Rs11_8,
        R::ToaAn => Msg::Rs11_9,
        R::ToCaoKhongDuDieuKien => Msg::RsTc29,
    }
}

pub fn outcome(o: crate::domain::case::Outcome) -> Msg {
    use crate::domain::case::Outcome as O;
    match o {
        O::Dung => Msg::OcDung,
        O::Sai => Msg::OcSai,
        O::DungMotPhan => Msg::OcDungMotPhan,
        O::DaTraLoi => Msg::OcDaTraLoi,
    }
}

pub fn obligation(o: crate::domain::deadline::Obligation) -> Msg {
    use crate::domain::deadline::Obligation as O;
    match o {
        O::ReplyCitizen => Msg::ObReply,
        O::Accept => Msg::ObAccept,
        O::InitialHandling => Msg::ObInitial,
        O::TransferDenunciation => Msg::ObTransfer,
        O::Resolve => Msg::ObResolve,
        O::NotifyAcceptance => Msg::ObNotifyAcceptance,
        O::SendDecision => Msg::ObSendDecision,
        O::PublishDecision => Msg::ObPublishDecision,
        O::ReportToForwarder => Msg::ObReportForwarder,
        O::InformCitizenResult => Msg::ObInformCitizen,
        O::InternalTarget => Msg::ObInternal,
        O::TimeLimit => Msg::ObTimeLimit,
        O::SecondComplaint => Msg::ObSecondComplaint,
    }
}

/// A catalog change that moved a due date, in words.
pub fn change_cause(lang: Lang, c: &crate::domain::deadline::Cause) -> String {
    use crate::domain::date::format_date;
    use crate::domain::deadline::Cause as C;
    match c {
        C::DayOff { day, name } => Msg::ChangeDayOff.fill(lang, &[&format_date(*day), name]),
        C::WorkDay { day, name } => Msg::ChangeWorkDay.fill(lang, &[&format_date(*day), name]),
        C::DayRemoved { day, name } => {
            Msg::ChangeDayRemoved.fill(lang, &[&format_date(*day), name])
        }
        C::YearConfirmed { year } => Msg::ChangeYearConfirmed.fill(lang, &[year]),
        C::RuleEdited { article } => Msg::ChangeRule.fill(lang, &[article]),
    }
}

pub fn day_basis(b: crate::domain::deadline::DayBasis) -> Msg {
    match b {
        crate::domain::deadline::DayBasis::Calendar => Msg::BasisCalendar,
        crate::domain::deadline::DayBasis::Working => Msg::BasisWorking,
    }
}

pub fn day_kind(k: crate::domain::calendar::DayKind) -> Msg {
    match k {
        crate::domain::calendar::DayKind::Off => Msg::KindOff,
        crate::domain::calendar::DayKind::Work => Msg::KindWork,
    }
}

/// How a due date was computed, line by line: (label, text). Shared by the `w` overlay and
/// `tiepdan due`.
pub fn explanation_lines(
    lang: Lang,
    e: &crate::domain::deadline::Explanation,
) -> Vec<(Option<Msg>, String)> {
    use crate::domain::date::format_date;
    let mut out = vec![(Some(Msg::ExplainRule), e.article.clone())];
    if e.internal {
        out.push((None, format!("⚑ {}", Msg::ExplainInternal.t(lang))));
    }
    let start = match e.start_event.as_str() {
        "accepted" => Msg::ExplainStartAccepted,
        "decided" => Msg::ExplainStartDecided,
        "decision_date" => Msg::ExplainStartDecisionDate,
        "decision_sent" => Msg::ExplainStartDecisionSent,
        "decision_received" => Msg::ExplainStartDecisionReceived,
        "resolve_limit" => Msg::ExplainStartResolveLimit,
        "learned" => Msg::ExplainStartLearned,
        "result_notice" => Msg::ExplainStartResultNotice,
        _ => Msg::ExplainStartReceived,
    };
    out.push((
        Some(Msg::ExplainStart),
        start.fill(lang, &[&format_date(e.start_on)]),
    ));
    let counting = if e.basis == "working" {
        Msg::ExplainWorking
    } else {
        Msg::ExplainCalendar
    };
    out.push((Some(Msg::ExplainCount), counting.fill(lang, &[&e.days])));
    for (i, x) in e.extensions.iter().enumerate() {
        out.push((None, Msg::ExplainExtension.fill(lang, &[&(i + 1), x])));
    }
    if e.excluded_days > 0 {
        out.push((None, Msg::ExplainExcluded.fill(lang, &[&e.excluded_days])));
    }
    if e.basis != "working" {
        out.push((
            None,
            Msg::ExplainNominal.fill(lang, &[&format_date(e.nominal_end)]),
        ));
    }
    if !e.skipped.is_empty() {
        let list: Vec<String> = e
            .skipped
            .iter()
            .map(|s| {
                let mut t = format!("{} {}", format_date(s.day), s.why);
                if s.expected {
                    t.push(' ');
                    t.push_str(Msg::ExplainExpected.t(lang));
                }
                t
            })
            .collect();
        out.push((Some(Msg::ExplainSkipped), list.join(" · ")));
    }
    if !e.worked_weekends.is_empty() {
        let list: Vec<String> = e.worked_weekends.iter().map(|d| format_date(*d)).collect();
        out.push((None, Msg::ExplainWorked.fill(lang, &[&list.join(", ")])));
    }
    if e.rolled_forward {
        out.push((None, Msg::ExplainRolled.t(lang).to_owned()));
    }
    if e.unconfirmed {
        out.push((None, format!("⚠ {}", Msg::ExplainUnconfirmed.t(lang))));
    }
    if let Some(c) = &e.change {
        out.push((
            Some(Msg::ExplainChanged),
            Msg::ExplainChangedText.fill(
                lang,
                &[
                    &format_date(c.previous_due),
                    &format_date(c.on),
                    &change_cause(lang, &c.cause),
                ],
            ),
        ));
    }
    out
}

/// A citizen's name as this viewer may see it: the one function that turns a [`Person`] into
/// text (the name, the pseudonym "Người tố cáo TC-2026-0007", or "Người tố cáo (bảo mật)").
pub fn person(lang: Lang, viewer: &Viewer, p: &Person) -> String {
    match viewer.show(p) {
        Shown::Named(n) => n.to_owned(),
        Shown::Pseudonym(code) => denouncer_pseudonym(lang, code),
        Shown::Hidden => Msg::DenouncerHidden.t(lang).to_owned(),
    }
}

/// A store error in the officer's words.
pub fn store_error(lang: Lang, e: &StoreError) -> String {
    let what = |w: &str| match w {
        "visit" => Msg::WhatVisit,
        "case" => Msg::WhatCase,
        "citizen" => Msg::WhatCitizen,
        _ => Msg::WhatRecord,
    };
    match e {
        StoreError::Conflict {
            what: w,
            changed_at,
        } => match changed_at {
            Some(at) => Msg::ErrConflict.fill(lang, &[&what(w).t(lang), &at.replace('T', " ")]),
            None => Msg::ErrConflictNoTime.fill(lang, &[&what(w).t(lang)]),
        },
        StoreError::ReadOnly => Msg::ErrReadOnly.t(lang).to_owned(),
        StoreError::OfficerExists(name) => Msg::ErrOfficerExists.fill(lang, &[name]),
        StoreError::NotPermitted => Msg::ErrNotPermitted.t(lang).to_owned(),
        StoreError::NotFound(w) => Msg::ErrNotFound.fill(lang, &[&what(w).t(lang)]),
        StoreError::Invalid(why) => Msg::ErrInvalid.fill(lang, &[why]),
        StoreError::Refused {
            action,
            status,
            why,
        } => match refusal_why(lang, *action, *why) {
            Some(w) => Msg::StepRefusedWhy.fill(lang, &[&self::action(*action).t(lang), &w]),
            None => Msg::StepNotAllowed.fill(
                lang,
                &[
                    &self::action(*action).t(lang),
                    &case_status(*status).t(lang),
                ],
            ),
        },
        StoreError::OpenCaseExists { code, .. } => Msg::CaseOpenExists.fill(lang, &[code]),
        StoreError::EditBlocked { code, status, what } => {
            use crate::store::EditWhat as W;
            let why = match what {
                W::Type => Msg::BlockedType,
                W::Day => Msg::BlockedDay,
                W::Handling => Msg::BlockedHandling,
                W::Void => Msg::BlockedVoid,
            };
            Msg::ErrEditBlocked.fill(lang, &[code, &case_status(*status).t(lang), &why.t(lang)])
        }
        StoreError::StepDate { day, limit, rule } => {
            use crate::domain::date::format_date;
            use crate::store::StepDateRule as R;
            let m = match rule {
                R::Future => Msg::ErrStepFuture,
                R::BeforeReceipt => Msg::ErrStepBeforeReceipt,
                R::BeforePreviousStep => Msg::ErrStepBeforePrevious,
            };
            m.fill(lang, &[&format_date(*day), &format_date(*limit)])
        }
        StoreError::Sql(err) => Msg::CliSql.fill(lang, &[err]),
    }
}

/// The pseudonym shown for a denouncer everywhere but the audited reveal
/// (Luật Tố cáo Art 8(3), 56): "Người tố cáo TC-2026-0007".
pub fn denouncer_pseudonym(lang: Lang, code: &str) -> String {
    Msg::DenouncerPseudonym.fill(lang, &[&code])
}

/// A validation finding as the officer reads it.
pub fn problem(lang: Lang, p: &Problem) -> String {
    match p {
        Problem::Required => Msg::ErrRequired.t(lang).into(),
        Problem::NotANumber => Msg::ErrNotANumber.t(lang).into(),
        Problem::TooLarge { max } => Msg::ErrTooLarge.fill(lang, &[max]),
        Problem::Id(IdError::BadLength { digits }) => Msg::ErrIdLength.fill(lang, &[digits]),
        Problem::Id(IdError::NotDigits) => Msg::ErrIdDigits.t(lang).into(),
        Problem::IdWarn(IdWarning::UnknownProvince { code }) => {
            Msg::WarnIdProvince.fill(lang, &[code])
        }
        Problem::IdWarn(IdWarning::ImplausibleBirthYear { year }) => {
            Msg::WarnIdBirthYear.fill(lang, &[year])
        }
        Problem::IdWarn(IdWarning::CmndExpired) => Msg::WarnCmndExpired.t(lang).into(),
        Problem::Phone(PhoneError::BadCharacters) => Msg::ErrPhoneChars.t(lang).into(),
        Problem::Phone(PhoneError::NotVietnamese) => Msg::ErrPhoneFormat.t(lang).into(),
        Problem::PhoneLandline => Msg::WarnLandline.t(lang).into(),
        Problem::NotAnOption => Msg::ErrNotAnOption.t(lang).into(),
        Problem::RepresentativesCount { min, max, got } => {
            Msg::ErrRepresentatives.fill(lang, &[min, max, got])
        }
        Problem::NeedIdOrPhone => Msg::WarnNeedIdOrPhone.t(lang).into(),
        Problem::ZeroPeople => Msg::ErrZeroPeople.t(lang).into(),
        Problem::BadDate(crate::domain::date::DateError::Format) => {
            Msg::ErrDateFormat.t(lang).into()
        }
        Problem::BadDate(crate::domain::date::DateError::NoSuchDay) => {
            Msg::ErrDateNoSuchDay.t(lang).into()
        }
        Problem::FutureDay => Msg::ErrFutureVisit.t(lang).into(),
        Problem::BadTime => Msg::ErrTimeFormat.t(lang).into(),
    }
}

// ---- Reports (issue 10): labels and definitions of the period reports ----------------------

/// "Quý I năm 2026", "6 tháng đầu năm 2026", "Tháng 11/2026", "Từ ngày … đến ngày …".
pub fn period_label(lang: Lang, p: &crate::domain::report::Period) -> String {
    use crate::domain::date::format_date;
    use crate::domain::report::PeriodKind as K;
    match p.kind {
        K::Quarter(q) => {
            let n = match (lang, q) {
                (Lang::Vi, 1) => "I".to_owned(),
                (Lang::Vi, 2) => "II".to_owned(),
                (Lang::Vi, 3) => "III".to_owned(),
                (Lang::Vi, _) => "IV".to_owned(),
                (Lang::En, q) => q.to_string(),
            };
            Msg::RpQuarter.fill(lang, &[&n, &p.year])
        }
        K::SixMonths => Msg::RpSixMonths.fill(lang, &[&p.year]),
        K::NineMonths => Msg::RpNineMonths.fill(lang, &[&p.year]),
        K::Year => Msg::RpYear.fill(lang, &[&p.year]),
        K::Month(m) => Msg::RpMonth.fill(lang, &[&format!("{m:02}"), &p.year]),
        K::Range => Msg::RpRange.fill(lang, &[&format_date(p.from), &format_date(p.to)]),
    }
}

/// "Số liệu tính từ ngày 15/12/2025 đến ngày 14/03/2026".
pub fn period_dates(lang: Lang, p: &crate::domain::report::Period) -> String {
    use crate::domain::date::format_date;
    Msg::RpDates.fill(lang, &[&format_date(p.from), &format_date(p.to)])
}

/// The label and the dates together: "Quý I năm 2026 (15/12/2025 – 14/03/2026)".
pub fn period_full(lang: Lang, p: &crate::domain::report::Period) -> String {
    use crate::domain::date::format_date;
    format!(
        "{} ({} – {})",
        period_label(lang, p),
        format_date(p.from),
        format_date(p.to)
    )
}

pub fn form_title(f: crate::domain::report::Form) -> Msg {
    use crate::domain::report::Form as F;
    match f {
        F::Tcd01 => Msg::Fm01Tcd,
        F::Tcd02 => Msg::Fm02Tcd,
        F::Xld01 => Msg::Fm01Xld,
        F::Xld02 => Msg::Fm02Xld,
        F::Xld03 => Msg::Fm03Xld,
        F::Xld04 => Msg::Fm04Xld,
        F::Kqgq01 => Msg::Fm01Kqgq,
        F::Kqgq03 => Msg::Fm03Kqgq,
    }
}

pub fn report_head(h: crate::domain::report::Head) -> Msg {
    use crate::domain::report::Head as H;
    match h {
        H::Total => Msg::HdTotal,
        H::Regular => Msg::HdRegular,
        H::Periodic => Msg::HdPeriodic,
        H::Groups => Msg::HdGroups,
        H::Visits => Msg::HdVisits,
        H::People => Msg::HdPeople,
        H::Matters => Msg::HdMatters,
        H::MattersFirst => Msg::HdMattersFirst,
        H::MattersRepeat => Msg::HdMattersRepeat,
        H::Sessions => Msg::HdSessions,
        H::GroupCount => Msg::HdGroupCount,
        H::ByHead => Msg::HdByHead,
        H::ByDelegate => Msg::HdByDelegate,
        H::Petitions => Msg::HdPetitions,
        H::Cases => Msg::HdCases,
        H::ByContent => Msg::HdByContent,
        H::KhieuNai => Msg::HdKhieuNai,
        H::ToCao => Msg::HdToCao,
        H::KienNghiPhanAnh => Msg::HdKnpa,
        H::ByAuthority => Msg::HdByAuthority,
        H::Own => Msg::HdOwn,
        H::NotOwn => Msg::HdNotOwn,
        H::NotOwnResult => Msg::HdNotOwnResult,
        H::Guided => Msg::HdGuided,
        H::Transferred => Msg::HdTransferred,
        H::Urged => Msg::HdUrged,
        H::Replies => Msg::HdReplies,
        H::CarriedOver => Msg::HdCarriedOver,
        H::ReceivedInPeriod => Msg::HdReceived,
        H::ManySigners => Msg::HdManySigners,
        H::OneSigner => Msg::HdOneSigner,
        H::Processed => Msg::HdProcessed,
        H::Eligible => Msg::HdEligible,
        H::PriorStatus => Msg::HdPriorStatus,
        H::Result => Msg::HdResult,
        H::ByField => Msg::HdByField,
        H::Administrative => Msg::HdAdministrative,
        H::PolicyRegime => Msg::HdPolicyRegime,
        H::LandHousing => Msg::HdLandHousing,
        H::CivilService => Msg::HdCivilService,
        H::Other => Msg::HdOther,
        H::Corruption => Msg::HdCorruption,
        H::Judicial => Msg::HdJudicial,
        H::PartyUnions => Msg::HdPartyUnions,
        H::Land => Msg::HdLand,
        H::FirstRound => Msg::HdFirstRound,
        H::SecondRound => Msg::HdSecondRound,
        H::ByStatus => Msg::HdByStatus,
        H::Resolved => Msg::HdResolved,
        H::InProgress => Msg::HdInProgress,
        H::NotStarted => Msg::HdNotStarted,
        H::CourtJudgment => Msg::HdCourtJudgment,
        H::RepeatDenunciation => Msg::HdRepeatDenunciation,
        H::Withdrawn => Msg::HdWithdrawn,
        H::ByDecision => Msg::HdByDecision,
        H::Analysis => Msg::HdAnalysis,
        H::Justified => Msg::HdJustified,
        H::Unjustified => Msg::HdUnjustified,
        H::PartlyJustified => Msg::HdPartly,
        H::Upheld => Msg::HdUpheld,
        H::Overturned => Msg::HdOverturned,
        H::Recovered => Msg::HdRecovered,
        H::Returned => Msg::HdReturned,
        H::MoneyMillion => Msg::HdMoney,
        H::LandM2 => Msg::HdLandM2,
        H::RightsRestored => Msg::HdRights,
        H::Sanctions => Msg::HdSanctions,
        H::Investigation => Msg::HdInvestigation,
        H::Deadline => Msg::HdDeadline,
        H::OnTime => Msg::HdOnTime,
        H::Late => Msg::HdLate,
        H::Unit => Msg::HdUnit,
    }
}

/// A header path as one line: "Tiếp thường xuyên · Đoàn đông người · Số đoàn".
pub fn head_path(lang: Lang, head: &[crate::domain::report::Head]) -> String {
    head.iter()
        .map(|h| report_head(*h).t(lang))
        .collect::<Vec<_>>()
        .join(" · ")
}

pub fn report_gap(g: crate::domain::report::Gap) -> Msg {
    use crate::domain::report::Gap as G;
    match g {
        G::Delegation => Msg::GpDelegation,
        G::Replies => Msg::GpReplies,
        G::Signers => Msg::GpSigners,
        G::Money => Msg::GpMoney,
        G::Land => Msg::GpLand,
        G::RightsRestored => Msg::GpRights,
        G::Sanctions => Msg::GpSanctions,
        G::Investigation => Msg::GpInvestigation,
        G::CourtJudgment => Msg::GpCourt,
        G::RepeatDenunciation => Msg::GpRepeatTc,
        G::PriorStatus => Msg::GpPrior,
    }
}

pub fn report_figure(f: crate::domain::report::Figure) -> Msg {
    use crate::domain::report::Figure as F;
    match f {
        F::Sessions => Msg::FgSessions,
        F::SessionsRegular => Msg::FgSessionsRegular,
        F::SessionsPeriodic => Msg::FgSessionsPeriodic,
        F::SessionsAdHoc => Msg::FgSessionsAdHoc,
        F::SessionsOnline => Msg::FgSessionsOnline,
        F::Visits => Msg::FgVisits,
        F::People => Msg::FgPeople,
        F::GroupVisits => Msg::FgGroupVisits,
        F::GroupPeople => Msg::FgGroupPeople,
        F::Petitions => Msg::FgPetitions,
        F::PetitionsKhieuNai => Msg::FgPetitionsKn,
        F::PetitionsToCao => Msg::FgPetitionsTc,
        F::PetitionsKienNghiPhanAnh => Msg::FgPetitionsKnpa,
        F::CasesReceived => Msg::FgCasesReceived,
        F::CasesCarriedOver => Msg::FgCasesCarried,
        F::CasesUnclassified => Msg::FgCasesUnclassified,
        F::CasesOwnAuthority => Msg::FgCasesOwn,
        F::CasesResolved => Msg::FgCasesResolved,
        F::CasesResolvedOnTime => Msg::FgCasesOnTime,
        F::CasesResolvedLate => Msg::FgCasesLate,
        F::CasesWithdrawn => Msg::FgCasesWithdrawn,
        F::CasesRefused => Msg::FgCasesRefused,
        F::CasesOpen => Msg::FgCasesOpen,
        F::CasesOverdue => Msg::FgCasesOverdue,
        F::CasesNotOwn => Msg::FgCasesNotOwn,
        F::Transferred => Msg::FgTransferred,
        F::Guided => Msg::FgGuided,
        F::DeskGuided => Msg::FgDeskGuided,
        F::DeskTransferred => Msg::FgDeskTransferred,
        F::DeskUrged => Msg::FgDeskUrged,
        F::DeskAnswered => Msg::FgDeskAnswered,
        F::DeskFiled => Msg::FgDeskFiled,
    }
}

/// A percentage as printed: "66,7%" (vi) or "66.7%" (en); "—" without a base.
pub fn percent_text(lang: Lang, p: Option<f64>) -> String {
    match p {
        None => Msg::RpNone.t(lang).to_owned(),
        Some(v) => {
            let s = format!("{v:.1}");
            let s = s.strip_suffix(".0").unwrap_or(&s).to_owned();
            let s = if lang == Lang::Vi {
                s.replace('.', ",")
            } else {
                s
            };
            Msg::RpPercent.fill(lang, &[&s])
        }
    }
}

fn case_cond(lang: Lang, c: crate::domain::report::CaseCond) -> String {
    use crate::domain::report::CaseCond as K;
    let m = match c {
        K::InBook => Msg::DcInBook,
        K::CarriedOver => Msg::DcCarried,
        K::Received => Msg::DcReceived,
        K::ReceivedWritten => Msg::DcWritten,
        K::Processed => Msg::DcProcessed,
        K::Eligible => Msg::DcEligible,
        K::Own => Msg::DcOwn,
        K::OwnCarriedOver => Msg::DcOwnCarried,
        K::OwnReceived => Msg::DcOwnReceived,
        K::NotOwn => Msg::DcNotOwn,
        K::Unclassified => Msg::DcUnclassified,
        K::Resolved => Msg::DcResolved,
        K::ResolvedWith(o) => return Msg::DcResolvedWith.fill(lang, &[&outcome(o).t(lang)]),
        K::OnTime => Msg::DcOnTime,
        K::Late => Msg::DcLate,
        K::Withdrawn => Msg::DcWithdrawn,
        K::Refused => Msg::DcRefused,
        K::OpenAtEnd => Msg::DcOpen,
        K::InProgressAtEnd => Msg::DcInProgress,
        K::NotStartedAtEnd => Msg::DcNotStarted,
        K::Overdue => Msg::DcOverdue,
        K::Transferred => Msg::DcTransferred,
        K::Guided => Msg::DcGuided,
        K::Urged => Msg::DcUrged,
    };
    m.t(lang).to_owned()
}

/// The definition of a measure, one line per term: where it counts, what must hold, what
/// it adds. `field_name` names a field id; `column_name` a report column code.
pub fn describe_measure(
    lang: Lang,
    m: &crate::domain::report::Measure,
    threshold: u32,
    field_name: &dyn Fn(i64) -> String,
    column_name: &dyn Fn(&str) -> String,
) -> Vec<String> {
    use crate::domain::report::{CaseMetric as CM, Term, VisitMetric as VM};
    let join = |v: Vec<&str>| v.join(", ");
    let mut out = Vec::new();
    for (i, t) in m.terms.iter().enumerate() {
        let mut parts: Vec<String> = Vec::new();
        let (source, metric) = match t {
            Term::Visits(w, metric) => {
                if let Some(f) = w.forms {
                    let names = f.iter().map(|x| reception_form(*x).t(lang)).collect();
                    parts.push(Msg::DfForms.fill(lang, &[&join(names)]));
                }
                match w.group {
                    Some(true) => parts.push(Msg::DfGroup.fill(lang, &[&threshold])),
                    Some(false) => parts.push(Msg::DfNotGroup.t(lang).to_owned()),
                    None => {}
                }
                if let Some(ts) = w.types {
                    let names = ts.iter().map(|x| petition_type(*x).t(lang)).collect();
                    parts.push(Msg::DfTypes.fill(lang, &[&join(names)]));
                }
                if let Some(hs) = w.handlings {
                    let names = hs.iter().map(|x| handling(*x).t(lang)).collect();
                    parts.push(Msg::DfHandlings.fill(lang, &[&join(names)]));
                }
                if w.with_petitions {
                    parts.push(Msg::DfWithPetitions.t(lang).to_owned());
                }
                if let Some(f) = w.field_id {
                    parts.push(Msg::DfField.fill(lang, &[&field_name(f)]));
                }
                let metric = match metric {
                    VM::Visits => Msg::DfMVisits,
                    VM::People => Msg::DfMPeople,
                    VM::Petitions => Msg::DfMPetitions,
                    VM::Matters => Msg::DfMMatters,
                    VM::MattersFirst => Msg::DfMFirst,
                    VM::MattersRepeat => Msg::DfMRepeat,
                    VM::Sessions => Msg::DfMSessions,
                };
                (Msg::DfVisitsIn, metric)
            }
            Term::Cases(w, metric) => {
                parts.push(case_cond(lang, w.cond));
                if let Some(ts) = w.types {
                    let names = ts.iter().map(|x| case_type(*x).t(lang)).collect();
                    parts.push(Msg::DfTypes.fill(lang, &[&join(names)]));
                }
                if let Some(r) = w.round {
                    parts.push(Msg::DfRound.fill(lang, &[&r]));
                }
                if let Some(cols) = w.columns {
                    let names: Vec<String> = cols.iter().map(|c| column_name(c)).collect();
                    parts.push(Msg::DfColumns.fill(lang, &[&names.join("; ")]));
                }
                if let Some(f) = w.field_id {
                    parts.push(Msg::DfField.fill(lang, &[&field_name(f)]));
                }
                let metric = match metric {
                    CM::Cases => Msg::DfMCases,
                    CM::Petitions => Msg::DfMCasePetitions,
                };
                (Msg::DfCasesIn, metric)
            }
        };
        let lead = if i == 0 {
            String::new()
        } else {
            format!("{} ", Msg::DfPlus.t(lang))
        };
        let cond = if parts.is_empty() {
            String::new()
        } else {
            format!(" ({})", parts.join("; "))
        };
        out.push(format!(
            "{lead}{}{cond}: {}.",
            source.t(lang),
            metric.t(lang)
        ));
    }
    out
}

/// The ready paragraph an officer pastes into the chairman's report, in the shape of the
/// news articles: sessions by kind and who presided, visits, people, groups; petitions by
/// type and by field; own-authority cases resolved x/y (%), on time (%), still open,
/// overdue; transferred, guided; carried over and new.
pub fn report_paragraph(lang: Lang, unit: &str, r: &crate::domain::report::Report) -> String {
    use crate::domain::report::Figure as F;
    let f = |x: F| r.figure(x);
    let mut s = Msg::PgSessions.fill(
        lang,
        &[
            &period_full(lang, &r.period),
            &if unit.is_empty() {
                Msg::UnitUnset.t(lang).to_owned()
            } else {
                unit.to_owned()
            },
            &f(F::Sessions),
            &{
                let mut split = Msg::PgSessionsSplit.fill(
                    lang,
                    &[
                        &f(F::SessionsRegular),
                        &f(F::SessionsPeriodic),
                        &f(F::SessionsAdHoc),
                    ],
                );
                if f(F::SessionsOnline) > 0 {
                    split.push_str(&Msg::PgOnline.fill(lang, &[&f(F::SessionsOnline)]));
                }
                for (name, n) in &r.presiding {
                    split.push_str(&Msg::PgPresided.fill(lang, &[name, n]));
                }
                split
            },
            &f(F::Visits),
            &f(F::People),
        ],
    );
    if f(F::GroupVisits) > 0 {
        s.push_str(&Msg::PgGroups.fill(lang, &[&f(F::GroupVisits), &f(F::GroupPeople)]));
    }
    s.push_str(&Msg::PgPetitions.fill(
        lang,
        &[
            &f(F::Petitions),
            &f(F::PetitionsKhieuNai),
            &f(F::PetitionsToCao),
            &f(F::PetitionsKienNghiPhanAnh),
        ],
    ));
    let mut fields: Vec<_> = r.by_field.iter().filter(|x| x.petitions > 0).collect();
    fields.sort_by_key(|x| std::cmp::Reverse(x.petitions));
    if !fields.is_empty() {
        let names: Vec<String> = fields
            .iter()
            .take(4)
            .map(|x| format!("{} ({})", x.name.to_lowercase(), x.petitions))
            .collect();
        s.push_str(&Msg::PgFields.fill(lang, &[&names.join(", ")]));
    }
    s.push_str(&Msg::PgCases.fill(
        lang,
        &[
            &f(F::CasesResolved),
            &f(F::CasesOwnAuthority),
            &percent_text(lang, r.resolved_rate()),
        ],
    ));
    if r.with_time_limit() > 0 {
        s.push_str(&Msg::PgOnTime.fill(
            lang,
            &[
                &f(F::CasesResolvedOnTime),
                &r.with_time_limit(),
                &percent_text(lang, r.on_time_rate()),
            ],
        ));
    }
    s.push_str(&Msg::PgOpen.fill(lang, &[&f(F::CasesOpen), &f(F::CasesOverdue)]));
    s.push_str(&Msg::PgOthers.fill(lang, &[&f(F::Transferred), &f(F::Guided)]));
    s.push_str(&Msg::PgCarried.fill(lang, &[&f(F::CasesCarriedOver), &f(F::CasesReceived)]));
    s
}
#[cfg(test)]
mod tests {
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
}
