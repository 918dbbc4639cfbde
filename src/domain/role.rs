//! Who may write what on a shared desk (PRODUCT.md §1, §6; DOMAIN.md §4.3), as data.
//!
//! Three roles, and an officer may hold several (a commune's one officer holds them all):
//! - **cán bộ tiếp công dân** ([`Role::Receiver`]): logs visits, takes in petitions, moves
//!   the cases of the desk — a case no leader assigned, or one assigned to them;
//! - **lãnh đạo** ([`Role::Leader`]): decides (accepts, refuses, resolves, extends, marks
//!   complex), assigns, and may reveal a denouncer;
//! - **quản trị** ([`Role::Admin`]): officers and their roles, the deadline rules, the
//!   calendar, the fields' report columns, the settings, bulk loads.
//!
//! [`RULES`] is the one table: for each kind of write ([`Permission`]), which roles hold it
//! and on which records ([`Scope`]). The store asks [`decide`] before every write (and a
//! test runs every write of the store against every role of this table). Reading is every
//! signed-in officer's, except a denouncer's identity: a reveal is a write of the audit,
//! allowed to a leader and to the officer who received the denunciation (Luật Tố cáo
//! Art 8(3), 47, 56; DOMAIN.md §4.3(2)).
//!
//! Also here, because they are rules and not code: what a PIN or passphrase must be
//! ([`check_pin`]) and how long wrong entries wait ([`wait_after`]).

use super::case::Action;

code_enum!(
    /// A role of the desk (stored in `officer_roles.role`).
    Role {
        /// Cán bộ tiếp công dân.
        Receiver = "tiep_dan",
        /// Lãnh đạo.
        Leader = "lanh_dao",
        /// Quản trị.
        Admin = "quan_tri",
    }
);

/// The roles an officer holds (any of the three, several at once).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Roles(u8);

impl Roles {
    pub const NONE: Roles = Roles(0);
    /// Every role: the first officer of a new book.
    pub const ALL: Roles = Roles(0b111);

    fn bit(r: Role) -> u8 {
        match r {
            Role::Receiver => 1,
            Role::Leader => 2,
            Role::Admin => 4,
        }
    }

    pub fn of(roles: &[Role]) -> Roles {
        roles.iter().fold(Roles::NONE, |acc, r| acc.with(*r))
    }

    pub fn with(self, r: Role) -> Roles {
        Roles(self.0 | Roles::bit(r))
    }

    pub fn without(self, r: Role) -> Roles {
        Roles(self.0 & !Roles::bit(r))
    }

    pub fn has(self, r: Role) -> bool {
        self.0 & Roles::bit(r) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The roles held, in the order of [`Role::ALL`].
    pub fn iter(self) -> impl Iterator<Item = Role> {
        Role::ALL.iter().copied().filter(move |r| self.has(*r))
    }

    /// Read from stored codes ("tiep_dan,quan_tri"); unknown codes are ignored.
    pub fn from_codes(codes: &str) -> Roles {
        codes
            .split(',')
            .filter_map(|c| Role::from_code(c.trim()))
            .fold(Roles::NONE, Roles::with)
    }
}

/// What a write is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    /// Log a visit (and the case a thụ lý visit opens or joins).
    RecordVisit,
    /// Correct or void a visit.
    EditVisit,
    /// Take in a petition: a written one, another case from a visit, a second round.
    TakeIn,
    /// The routine steps of a case: classify, transfer, guide, urge, return, file,
    /// withdraw, note, the facts and the duties done.
    MoveCase,
    /// The decisions on a case: accept, refuse, resolve, extend, mark (especially) complex,
    /// suspend and continue.
    DecideCase,
    /// Assign a case to an officer.
    AssignCase,
    /// Reveal a denouncer's identity (audited).
    RevealIdentity,
    /// The deadline rules, the calendar, the fields' report columns.
    EditCatalog,
    /// The unit's settings.
    EditSettings,
    /// Add, disable, enable an officer; change roles; reset a PIN.
    ManageOfficers,
    /// The officer's own scratch: form drafts, the mark of who signed in last.
    Draft,
    /// A bulk load into the book (an import).
    BulkLoad,
    /// Close a reporting period (chốt số liệu): its figures stored as reported.
    ClosePeriod,
    /// Read the journal (who changed what, when): the administrators' view (issue 26).
    ReadJournal,
    /// Write the book out (an export for the upper level, a report's figures): its entry
    /// in the journal.
    Export,
    /// Print a paper of a visit or a case (its number taken, the print recorded).
    Print,
    /// Record the head's public dialogue with the people and the answers promised there
    /// (a complaint's dialogue is a step of its case: `MoveCase`).
    RecordDialogue,
}

impl Permission {
    pub const ALL: &'static [Permission] = &[
        Permission::RecordVisit,
        Permission::EditVisit,
        Permission::TakeIn,
        Permission::MoveCase,
        Permission::DecideCase,
        Permission::AssignCase,
        Permission::RevealIdentity,
        Permission::EditCatalog,
        Permission::EditSettings,
        Permission::ManageOfficers,
        Permission::Draft,
        Permission::BulkLoad,
        Permission::ClosePeriod,
        Permission::ReadJournal,
        Permission::Export,
        Permission::Print,
        Permission::RecordDialogue,
    ];
}

/// On which records a role holds a permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every record.
    Any,
    /// A visit the officer logged.
    OwnVisit,
    /// A case of the desk: one no leader assigned (the desk's, any receiving officer moves
    /// it — a colleague away does not stop it), or one assigned to this officer.
    DeskCase,
    /// A record the officer received: the visit they logged, the case they took in (or one
    /// of its visits).
    Received,
}

/// One line of the table.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub what: Permission,
    pub who: &'static [(Role, Scope)],
}

use Permission as P;
use Role as R;
use Scope as S;

/// The table: for every permission, the roles that hold it and where.
pub const RULES: &[Rule] = &[
    Rule {
        what: P::RecordVisit,
        who: &[(R::Receiver, S::Any)],
    },
    Rule {
        what: P::EditVisit,
        who: &[(R::Receiver, S::OwnVisit), (R::Leader, S::Any)],
    },
    Rule {
        what: P::TakeIn,
        who: &[(R::Receiver, S::Any)],
    },
    Rule {
        what: P::MoveCase,
        who: &[(R::Receiver, S::DeskCase), (R::Leader, S::Any)],
    },
    Rule {
        what: P::DecideCase,
        who: &[(R::Leader, S::Any)],
    },
    Rule {
        what: P::AssignCase,
        who: &[(R::Leader, S::Any)],
    },
    Rule {
        what: P::RevealIdentity,
        who: &[(R::Receiver, S::Received), (R::Leader, S::Any)],
    },
    Rule {
        what: P::EditCatalog,
        who: &[(R::Admin, S::Any)],
    },
    Rule {
        what: P::EditSettings,
        who: &[(R::Admin, S::Any)],
    },
    Rule {
        what: P::ManageOfficers,
        who: &[(R::Admin, S::Any)],
    },
    Rule {
        what: P::Draft,
        who: &[
            (R::Receiver, S::Any),
            (R::Leader, S::Any),
            (R::Admin, S::Any),
        ],
    },
    Rule {
        what: P::BulkLoad,
        who: &[(R::Admin, S::Any)],
    },
    // The figures a leader signs, closed by the leader or the one who keeps the book.
    Rule {
        what: P::ClosePeriod,
        who: &[(R::Leader, S::Any), (R::Admin, S::Any)],
    },
    Rule {
        what: P::ReadJournal,
        who: &[(R::Admin, S::Any)],
    },
    // The book handed to the upper level: by whoever keeps it at the desk, or a leader —
    // not by the administrator, who keeps the machine, not the citizens' records.
    Rule {
        what: P::Export,
        who: &[(R::Receiver, S::Any), (R::Leader, S::Any)],
    },
    // The papers of the desk: by the officers who receive and the leaders who sign them.
    Rule {
        what: P::Print,
        who: &[(R::Receiver, S::Any), (R::Leader, S::Any)],
    },
    // The head's public dialogues: kept by the desk, or by the leader who held them.
    Rule {
        what: P::RecordDialogue,
        who: &[(R::Receiver, S::Any), (R::Leader, S::Any)],
    },
];

/// The rule of a permission.
pub fn rule(what: Permission) -> &'static Rule {
    RULES
        .iter()
        .find(|r| r.what == what)
        .expect("every permission has a rule (tested)")
}

/// The roles that hold `what` somewhere (for the words of a refusal).
pub fn holders(what: Permission) -> Roles {
    rule(what)
        .who
        .iter()
        .fold(Roles::NONE, |acc, (r, _)| acc.with(*r))
}

/// Which permission a step of a case needs.
pub fn step_permission(a: Action) -> Permission {
    match a {
        Action::Accept
        | Action::Refuse
        | Action::Resolve
        | Action::Extend
        | Action::MarkComplex
        | Action::MarkVeryComplex
        | Action::Suspend
        | Action::Continue => Permission::DecideCase,
        Action::Assign => Permission::AssignCase,
        // A second round is a new complaint taken in; the others are intake already.
        Action::Open | Action::AddPetition | Action::Reopen | Action::VisitEdited => {
            Permission::TakeIn
        }
        Action::ClassifyOwn
        | Action::ClassifyNotOwn
        | Action::ClassifyIneligible
        | Action::Transfer
        | Action::Guide
        | Action::Urge
        | Action::Return
        | Action::File
        | Action::Withdraw
        | Action::Note
        | Action::MarkRemote
        | Action::MarkMultiSite
        | Action::RecordTimeBar
        | Action::NotifyAcceptance
        | Action::SendDecision
        | Action::PublishDecision
        | Action::ReportToForwarder
        | Action::ResultReceived
        | Action::InformCitizen
        | Action::NotifyDenounced
        | Action::ReportHandling => Permission::MoveCase,
    }
}

/// The record a write is about, as far as the scopes need to know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Nothing in particular (a new record, a catalog, a setting).
    None,
    /// A visit and the officer who logged it.
    Visit { logged_by: i64 },
    /// A case: the officer it is assigned to (None: never assigned, the desk's), and the
    /// officers who received it (who took it in, who logged its visits).
    Case {
        assigned_to: Option<i64>,
        received_by: Vec<i64>,
    },
}

/// Why a write was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// None of the officer's roles holds this permission.
    Role(Permission),
    /// A role holds it, but not on this record (not theirs, not assigned to them, not
    /// received by them).
    NotHere(Permission),
}

fn within(scope: Scope, me: i64, target: &Target) -> bool {
    match (scope, target) {
        (Scope::Any, _) => true,
        (Scope::OwnVisit, Target::Visit { logged_by }) => *logged_by == me,
        (Scope::DeskCase, Target::Case { assigned_to, .. }) => assigned_to.is_none_or(|a| a == me),
        (Scope::Received, Target::Visit { logged_by }) => *logged_by == me,
        (Scope::Received, Target::Case { received_by, .. }) => received_by.contains(&me),
        _ => false,
    }
}

/// May an officer (`me`, holding `roles`) do `what` on `target`? The one decision.
pub fn decide(roles: Roles, me: i64, what: Permission, target: &Target) -> Result<(), Refusal> {
    let held: Vec<Scope> = rule(what)
        .who
        .iter()
        .filter(|(r, _)| roles.has(*r))
        .map(|(_, s)| *s)
        .collect();
    if held.is_empty() {
        return Err(Refusal::Role(what));
    }
    if held.iter().any(|s| within(*s, me, target)) {
        Ok(())
    } else {
        Err(Refusal::NotHere(what))
    }
}

/// Why a PIN or passphrase is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinProblem {
    /// Digits only, fewer than [`MIN_PIN_DIGITS`].
    ShortPin,
    /// Digits only, but one digit repeated or a run (111111, 123456, 987654).
    Guessable,
    /// Not only digits, fewer than [`MIN_PASSPHRASE_CHARS`] characters.
    ShortPassphrase,
    /// More than [`MAX_PIN_CHARS`] characters.
    TooLong,
    /// The two entries differ (set twice at first start or at a first sign-in).
    Mismatch,
}

/// A PIN is at least 6 digits.
pub const MIN_PIN_DIGITS: usize = 6;
/// A passphrase (anything that is not only digits) is at least 8 characters.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
/// Nobody types more; a bound keeps the hashing input small.
pub const MAX_PIN_CHARS: usize = 128;

/// What a PIN or passphrase must be: at least 6 digits that are not one digit repeated or a
/// straight run, or a passphrase of at least 8 characters. It guards the desk against the
/// person at the keyboard (with the wait after wrong entries), not the file against a thief:
/// a 6-digit PIN is a million guesses, hours offline — it wraps only the officer's own key
/// (what they received), never the unit's (a leader's passphrase: docs/keys.md).
pub fn check_pin(pin: &str) -> Result<(), PinProblem> {
    let n = pin.chars().count();
    if n > MAX_PIN_CHARS {
        return Err(PinProblem::TooLong);
    }
    if !pin.is_empty() && pin.chars().all(|c| c.is_ascii_digit()) {
        if n < MIN_PIN_DIGITS {
            return Err(PinProblem::ShortPin);
        }
        let d: Vec<i32> = pin.bytes().map(|b| i32::from(b - b'0')).collect();
        let steps: Vec<i32> = d.windows(2).map(|w| w[1] - w[0]).collect();
        if steps.iter().all(|s| *s == steps[0]) && steps[0].abs() <= 1 {
            return Err(PinProblem::Guessable);
        }
        return Ok(());
    }
    if n < MIN_PASSPHRASE_CHARS {
        return Err(PinProblem::ShortPassphrase);
    }
    Ok(())
}

/// Wrong entries in a row that cost nothing but the hashing time.
pub const FREE_TRIES: u32 = 5;
/// The longest wait between two tries.
pub const MAX_WAIT_SECS: u64 = 30 * 60;

/// How long the next try waits after `failures` wrong entries in a row: nothing for the
/// first [`FREE_TRIES`], then 30 s, doubling with each further one, at most 30 minutes —
/// a 6-digit PIN then takes years to guess at the desk.
pub fn wait_after(failures: u32) -> u64 {
    if failures < FREE_TRIES {
        return 0;
    }
    let doublings = (failures - FREE_TRIES).min(16);
    (30u64 << doublings).min(MAX_WAIT_SECS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_permission_has_one_rule() {
        for p in Permission::ALL {
            assert_eq!(
                RULES.iter().filter(|r| r.what == *p).count(),
                1,
                "{p:?} must have exactly one rule"
            );
        }
        assert_eq!(RULES.len(), Permission::ALL.len());
    }

    #[test]
    fn the_table_as_the_issue_words_it() {
        let me = 7;
        let r = |roles: &[Role], p, t: &Target| decide(Roles::of(roles), me, p, t).is_ok();
        let none = Target::None;
        // A receiving officer logs visits and takes in petitions; never decides, assigns,
        // nor touches the catalogs or the officers.
        assert!(r(&[R::Receiver], P::RecordVisit, &none));
        assert!(r(&[R::Receiver], P::TakeIn, &none));
        for p in [
            P::DecideCase,
            P::AssignCase,
            P::EditCatalog,
            P::EditSettings,
            P::ManageOfficers,
            P::BulkLoad,
        ] {
            assert_eq!(
                decide(Roles::of(&[R::Receiver]), me, p, &none),
                Err(Refusal::Role(p))
            );
        }
        // Moves the desk's cases and the ones assigned to them, not a colleague's.
        let desk = Target::Case {
            assigned_to: None,
            received_by: vec![3],
        };
        let mine = Target::Case {
            assigned_to: Some(me),
            received_by: vec![3],
        };
        let theirs = Target::Case {
            assigned_to: Some(3),
            received_by: vec![me],
        };
        assert!(r(&[R::Receiver], P::MoveCase, &desk));
        assert!(r(&[R::Receiver], P::MoveCase, &mine));
        assert_eq!(
            decide(Roles::of(&[R::Receiver]), me, P::MoveCase, &theirs),
            Err(Refusal::NotHere(P::MoveCase))
        );
        // A leader decides, assigns, moves any case, reveals any denouncer; logs no visit.
        for p in [P::DecideCase, P::AssignCase, P::MoveCase, P::RevealIdentity] {
            assert!(r(&[R::Leader], p, &theirs), "{p:?}");
        }
        assert!(!r(&[R::Leader], P::RecordVisit, &none));
        // A reveal: the receiving officer of that denunciation only.
        assert!(r(&[R::Receiver], P::RevealIdentity, &theirs));
        assert!(!r(&[R::Receiver], P::RevealIdentity, &desk));
        assert!(r(
            &[R::Receiver],
            P::RevealIdentity,
            &Target::Visit { logged_by: me }
        ));
        assert!(!r(
            &[R::Receiver],
            P::RevealIdentity,
            &Target::Visit { logged_by: 3 }
        ));
        // An administrator keeps the catalogs and the officers; reveals nothing.
        for p in [P::EditCatalog, P::EditSettings, P::ManageOfficers] {
            assert!(r(&[R::Admin], p, &none));
        }
        assert!(!r(&[R::Admin], P::RevealIdentity, &theirs));
        assert!(!r(&[R::Admin], P::RecordVisit, &none));
        // Everyone keeps their own drafts; nobody without a role writes anything.
        for role in Role::ALL {
            assert!(r(&[*role], P::Draft, &none));
        }
        for p in Permission::ALL {
            assert_eq!(decide(Roles::NONE, me, *p, &none), Err(Refusal::Role(*p)));
        }
    }

    #[test]
    fn every_step_has_a_permission() {
        for a in Action::ALL {
            let p = step_permission(*a);
            assert!(matches!(
                p,
                P::MoveCase | P::DecideCase | P::AssignCase | P::TakeIn
            ));
        }
        assert_eq!(step_permission(Action::Accept), P::DecideCase);
        assert_eq!(step_permission(Action::Transfer), P::MoveCase);
        assert_eq!(step_permission(Action::Assign), P::AssignCase);
    }

    #[test]
    fn roles_as_stored() {
        let r = Roles::from_codes("tiep_dan,quan_tri,unknown");
        assert!(r.has(R::Receiver) && r.has(R::Admin) && !r.has(R::Leader));
        assert_eq!(r.iter().collect::<Vec<_>>(), vec![R::Receiver, R::Admin]);
        assert_eq!(Roles::from_codes(""), Roles::NONE);
        assert_eq!(Roles::ALL.without(R::Leader), r);
    }

    #[test]
    fn pins_and_passphrases() {
        assert!(check_pin("").is_err());
        assert_eq!(check_pin("24681"), Err(PinProblem::ShortPin));
        for weak in ["000000", "111111", "123456", "654321", "234567", "9876543"] {
            assert_eq!(check_pin(weak), Err(PinProblem::Guessable), "{weak}");
        }
        for ok in ["246810", "135790", "trăng sáng quá"] {
            assert_eq!(check_pin(ok), Ok(()), "{ok}");
        }
        assert_eq!(check_pin("abc1234"), Err(PinProblem::ShortPassphrase));
        assert_eq!(check_pin("abcd 1234"), Ok(()));
        assert_eq!(check_pin(&"x".repeat(129)), Err(PinProblem::TooLong));
    }

    #[test]
    fn the_wait_grows_after_five_wrong_entries() {
        assert_eq!((0..5).map(wait_after).collect::<Vec<_>>(), vec![0; 5]);
        assert_eq!(wait_after(5), 30);
        assert_eq!(wait_after(6), 60);
        assert_eq!(wait_after(7), 120);
        assert_eq!(wait_after(10), 960);
        assert_eq!(wait_after(11), MAX_WAIT_SECS);
        assert_eq!(wait_after(u32::MAX), MAX_WAIT_SECS);
    }
}
