//! Dialogues (đối thoại): a complaint's, in its resolution (Luật Khiếu nại Art 30, first round
//! when the complainant's request and the verification differ; Art 39, always in the second
//! round; TT 07/2013 Art 21, Mẫu 14-KN; NĐ 155/2026 amending NĐ 124/2020 Art 28, Mẫu 14,
//! UNVERIFIED), and the head's public dialogues with the people (đối thoại với Nhân dân), whose
//! answers promised are followed each with its day.
//!
//! A [`Dialogue`] holds what the minutes (biên bản đối thoại, Mẫu 14) say — the time and
//! place, who took part and as what, what was said, what was agreed and what still differs,
//! how it ended, whether the minutes were read back and signed — so the papers (issue 29's
//! other half) print them from the record, never from typed prose.

use chrono::NaiveDate;

code_enum!(
    /// Which dialogue.
    DialogueKind {
        /// In the resolution of a complaint (a record of its case).
        Complaint = "khieu_nai",
        /// The head's dialogue with the people: an audience, topics, answers promised.
        Public = "cong_khai",
    }
);

code_enum!(
    /// As what someone takes part (Mẫu 14 part I; NĐ 155/2026 Art 28(4)).
    ParticipantRole {
        /// Người giải quyết khiếu nại, or the one assigned to preside (chủ trì).
        Presiding = "chu_tri",
        /// Người ghi biên bản.
        Recorder = "thu_ky",
        /// Người khiếu nại.
        Complainant = "nguoi_khieu_nai",
        /// Người đại diện, người được ủy quyền, luật sư, trợ giúp viên pháp lý.
        Representative = "dai_dien",
        /// Người bị khiếu nại.
        Respondent = "nguoi_bi_khieu_nai",
        /// Người có quyền, nghĩa vụ liên quan.
        Interested = "lien_quan",
        /// Đại diện cơ quan, tổ chức, cá nhân có liên quan.
        Agency = "co_quan",
        /// Anyone else (a public dialogue's guests).
        Other = "khac",
    }
);

/// One person at a dialogue: a name, as what, and their office or address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    pub name: String,
    pub role: ParticipantRole,
    /// Chức vụ, cơ quan — or the address of a citizen.
    pub title: String,
    /// Present (NĐ 155/2026 Art 28(4): "ghi rõ người dự và người vắng mặt").
    pub present: bool,
}

code_enum!(
    /// How a dialogue ended.
    DialogueOutcome {
        /// The parties agreed on the contents.
        Agreed = "thong_nhat",
        /// Some points agreed, some still differ.
        Partly = "mot_phan",
        /// Views still differ.
        Differ = "con_khac",
        /// The complainant withdrew the complaint at the dialogue.
        Withdrawn = "rut_khieu_nai",
        /// The complainant did not come (with or without a reason: the note says which; NĐ
        /// 155/2026 Art 28(5): the resolution goes on).
        Absent = "vang_mat",
        /// A public dialogue held (its answers are the promises).
        Held = "da_to_chuc",
    }
);

code_enum!(
    /// The minutes read back and signed (Luật KN Art 30(4): "có chữ ký hoặc điểm chỉ của người
    /// tham gia; trường hợp người tham gia đối thoại không ký, điểm chỉ xác nhận thì phải ghi
    /// rõ lý do").
    MinutesSigned {
        /// Read back, signed or fingerprinted by all.
        All = "tat_ca",
        /// Someone did not sign: the note says who and why.
        NotAll = "co_nguoi_khong_ky",
    }
);

/// A dialogue as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dialogue {
    pub id: i64,
    pub uid: String,
    pub kind: DialogueKind,
    /// The complaint's case (its uid and code), for a complaint's dialogue.
    pub case_uid: Option<String>,
    pub case_code: Option<String>,
    /// When and where it is planned (and held, unless moved).
    pub planned_on: NaiveDate,
    /// HH:MM
    pub time: String,
    pub place: String,
    /// Who presides (người giải quyết khiếu nại, or the leader of a public dialogue).
    pub presiding: String,
    /// The written notice (Luật KN Art 30(2)): the day it was sent and its number.
    pub notice_sent_on: Option<NaiveDate>,
    pub notice_no: String,
    /// Everyone invited, with their role and whether they came.
    pub participants: Vec<Participant>,
    /// A public dialogue: whom it was for ("Nhân dân thôn Đông", "hộ dân dự án …").
    pub audience: String,
    /// How many people took part (the summary's "lượt người").
    pub people: u32,
    /// What it is about (a complaint's points to clarify; a public dialogue's topics).
    pub topics: String,
    /// The day it was held (None: not yet).
    pub held_on: Option<NaiveDate>,
    /// What was said: the verification summarised and each side's views (Mẫu 14 part II).
    pub said: String,
    /// What was agreed (Mẫu 14 part III).
    pub agreed: String,
    /// What still differs.
    pub differ: String,
    pub outcome: Option<DialogueOutcome>,
    pub signed: Option<MinutesSigned>,
    pub note: String,
    pub version: i64,
    /// Cancelled (kept, counted nowhere).
    pub cancelled: bool,
}

impl Dialogue {
    /// A new dialogue of `kind`, planned on `on`, nothing else recorded yet.
    pub fn planned(kind: DialogueKind, on: NaiveDate) -> Dialogue {
        Dialogue {
            id: 0,
            uid: String::new(),
            kind,
            case_uid: None,
            case_code: None,
            planned_on: on,
            time: String::new(),
            place: String::new(),
            presiding: String::new(),
            notice_sent_on: None,
            notice_no: String::new(),
            participants: vec![],
            audience: String::new(),
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

    /// Held: counted in the reports ("tổ chức N cuộc đối thoại").
    pub fn held(&self) -> bool {
        self.held_on.is_some() && !self.cancelled
    }

    /// The notice is still owed: planned, not held, not cancelled, no notice recorded.
    pub fn notice_owed(&self) -> bool {
        self.kind == DialogueKind::Complaint
            && self.notice_sent_on.is_none()
            && self.held_on.is_none()
            && !self.cancelled
    }

    /// The people counted for the summary: the number typed, else those present.
    pub fn people_counted(&self) -> u32 {
        if self.people > 0 {
            self.people
        } else {
            self.participants.iter().filter(|p| p.present).count() as u32
        }
    }
}

/// An answer promised at a public dialogue, followed like a step: who answers, by when, and
/// when it was answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Promise {
    pub id: i64,
    pub uid: String,
    pub dialogue_uid: String,
    /// What was asked and what was promised.
    pub text: String,
    /// Who answers (an office or a person).
    pub owner: String,
    /// The day promised (the board's due date).
    pub due_on: NaiveDate,
    /// The day it was answered, and how.
    pub answered_on: Option<NaiveDate>,
    pub answer: String,
    pub version: i64,
}

/// Why a dialogue as typed cannot be kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogueProblem {
    /// Held before the notice was sent, or a notice sent after the dialogue.
    NoticeAfterDialogue,
    /// A held complaint dialogue needs its outcome.
    NoOutcome,
    /// A held dialogue cannot be on a day still to come.
    HeldInFuture,
    /// A participant's line without a name or with a role the list does not have.
    BadParticipant { line: usize },
}

/// Read the participants as typed, one a line: "Họ tên | vai trò | chức vụ, cơ quan",
/// the role by its code or its words without diacritics ("nguoi khieu nai", "chủ trì"), a
/// trailing "(vắng)" / "(vang)" for someone absent. `role_of` maps folded words to a role
/// (the UI's languages).
pub fn parse_participants(
    text: &str,
    role_of: impl Fn(&str) -> Option<ParticipantRole>,
) -> Result<Vec<Participant>, DialogueProblem> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let mut parts = line.split('|').map(str::trim);
        let name = parts.next().unwrap_or_default();
        let role = parts.next().unwrap_or_default();
        let title = parts.collect::<Vec<_>>().join(" | ");
        let (name, absent) = strip_absent(name);
        let (title, absent2) = strip_absent(&title);
        // With no title, the mark follows the role: "Lê Văn Ba | bị khiếu nại (vắng)".
        let (role, absent3) = strip_absent(role);
        let role = role.as_str();
        let absent2 = absent2 || absent3;
        let role = if role.is_empty() {
            Some(ParticipantRole::Other)
        } else {
            ParticipantRole::from_code(role).or_else(|| role_of(role))
        };
        match role {
            Some(r) if !name.is_empty() => out.push(Participant {
                name: super::text::clean_line(&name),
                role: r,
                title: super::text::clean_line(&title),
                present: !(absent || absent2),
            }),
            _ => return Err(DialogueProblem::BadParticipant { line: i + 1 }),
        }
    }
    Ok(out)
}

fn strip_absent(s: &str) -> (String, bool) {
    let t = s.trim();
    for mark in ["(vắng)", "(vang)", "(absent)"] {
        if let Some(rest) = t.strip_suffix(mark) {
            return (rest.trim().to_owned(), true);
        }
    }
    (t.to_owned(), false)
}

/// The participants as a text the form shows again (the inverse of [`parse_participants`],
/// roles by code).
pub fn participants_text(
    ps: &[Participant],
    role_word: impl Fn(ParticipantRole) -> String,
) -> String {
    ps.iter()
        .map(|p| {
            let mut line = format!("{} | {}", p.name, role_word(p.role));
            if !p.title.is_empty() {
                line.push_str(" | ");
                line.push_str(&p.title);
            }
            if !p.present {
                line.push_str(" (vắng)");
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Check a dialogue as typed on `today`.
pub fn check(d: &Dialogue, today: NaiveDate) -> Option<DialogueProblem> {
    if let Some(held) = d.held_on {
        if held > today {
            return Some(DialogueProblem::HeldInFuture);
        }
        if d.notice_sent_on.is_some_and(|n| n > held) {
            return Some(DialogueProblem::NoticeAfterDialogue);
        }
        if d.kind == DialogueKind::Complaint && d.outcome.is_none() {
            return Some(DialogueProblem::NoOutcome);
        }
    } else if d.notice_sent_on.is_some_and(|n| n > d.planned_on) {
        return Some(DialogueProblem::NoticeAfterDialogue);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn words(s: &str) -> Option<ParticipantRole> {
        match crate::domain::text::fold(s).as_str() {
            "nguoi khieu nai" => Some(ParticipantRole::Complainant),
            "chu tri" => Some(ParticipantRole::Presiding),
            _ => None,
        }
    }

    #[test]
    fn participants_one_a_line() {
        let text = "Nguyễn Văn Hùng | chủ trì | Chủ tịch UBND xã\n\
                    Trần Thị Mai | nguoi_khieu_nai | thôn Đông (vắng)\n\
                    \n\
                    Lê Văn Tám";
        let ps = parse_participants(text, words).unwrap();
        assert_eq!(ps.len(), 3);
        assert_eq!(ps[0].role, ParticipantRole::Presiding);
        assert_eq!(ps[0].title, "Chủ tịch UBND xã");
        assert_eq!(ps[1].role, ParticipantRole::Complainant);
        assert!(!ps[1].present);
        assert_eq!(ps[1].title, "thôn Đông");
        assert_eq!(ps[2].role, ParticipantRole::Other);
        let absent = parse_participants("Lê Văn Ba | chủ trì (vắng)", words).unwrap();
        assert_eq!(absent[0].role, ParticipantRole::Presiding);
        assert!(!absent[0].present);
        assert_eq!(
            parse_participants("A | vai trò lạ", words),
            Err(DialogueProblem::BadParticipant { line: 1 })
        );
        let again = participants_text(&ps, |c| c.code().to_owned());
        assert_eq!(parse_participants(&again, words).unwrap(), ps);
    }

    fn dialogue() -> Dialogue {
        Dialogue {
            id: 1,
            uid: "d1".into(),
            case_uid: Some("c1".into()),
            case_code: Some("KN-2026-0001".into()),
            time: "08:00".into(),
            place: "Hội trường UBND xã".into(),
            presiding: "Chủ tịch UBND xã".into(),
            ..Dialogue::planned(DialogueKind::Complaint, d("2026-07-20"))
        }
    }

    #[test]
    fn a_held_dialogue_has_its_outcome_and_its_notice_before() {
        let today = d("2026-07-25");
        let mut x = dialogue();
        assert!(x.notice_owed());
        assert_eq!(check(&x, today), None);
        x.held_on = Some(d("2026-07-20"));
        assert_eq!(check(&x, today), Some(DialogueProblem::NoOutcome));
        x.outcome = Some(DialogueOutcome::Partly);
        x.notice_sent_on = Some(d("2026-07-21"));
        assert_eq!(check(&x, today), Some(DialogueProblem::NoticeAfterDialogue));
        x.notice_sent_on = Some(d("2026-07-10"));
        assert_eq!(check(&x, today), None);
        assert!(x.held() && !x.notice_owed());
        x.held_on = Some(d("2026-07-26"));
        assert_eq!(check(&x, today), Some(DialogueProblem::HeldInFuture));
    }
}
