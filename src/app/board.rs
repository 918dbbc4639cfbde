//! The deadline board (bảng hạn xử lý), the explanation of a due date, and the catalog of
//! deadline rules and the working-day calendar.

use chrono::{Datelike, NaiveDate};

use crate::domain::calendar::{self, Calendar, CalendarEntry, ExpectedYear};
use crate::domain::deadline::{self, Bucket, Obligation, Rule};
use crate::store::{self, Board, BoardRow, CaseDue, CaseLimit, Store};

/// How many board rows are loaded (the bucket counts cover every obligation).
pub const BOARD_ROWS: u32 = 2000;

#[derive(Debug, Default)]
pub struct BoardState {
    pub board: Board,
    pub selected: usize,
    /// When the board was read.
    pub loaded: store::Loaded,
    /// In December, next year's days off still unconfirmed: the administrator is reminded.
    pub reminder: Option<ExpectedYear>,
}

impl BoardState {
    pub fn load(&mut self, store: &Store, cal: &Calendar, today: NaiveDate) -> store::Result<()> {
        let stamp = store.data_stamp();
        self.board = store.board(today, cal, BOARD_ROWS)?;
        self.reminder = calendar::december_reminder(cal, today);
        self.selected = self.selected.min(self.board.rows.len().saturating_sub(1));
        self.loaded = Some((stamp, today));
        Ok(())
    }

    pub fn selected_row(&self) -> Option<&BoardRow> {
        self.board.rows.get(self.selected)
    }

    pub fn move_by(&mut self, delta: isize) {
        let n = self.board.rows.len();
        if n == 0 {
            return;
        }
        self.selected = (self.selected as isize + delta).clamp(0, n as isize - 1) as usize;
    }

    /// The bucket of each row (rows are sorted by due date, so buckets come in order).
    pub fn bucket_of(cal: &Calendar, today: NaiveDate, r: &BoardRow) -> Bucket {
        deadline::bucket(deadline::standing(cal, today, r.due_on))
    }
}

/// `w`: how the due dates of a case were computed.
#[derive(Debug)]
pub struct ExplainView {
    pub code: String,
    pub dues: Vec<CaseDue>,
    /// The citizen's limits shown on the case (thời hiệu, the window for a second complaint).
    pub limits: Vec<CaseLimit>,
    /// The obligation asked about (shown first).
    pub focus: Option<Obligation>,
    /// Lines scrolled.
    pub scroll: u16,
}

impl ExplainView {
    pub fn load(
        store: &Store,
        case_uid: &str,
        code: &str,
        focus: Option<Obligation>,
        today: NaiveDate,
    ) -> store::Result<ExplainView> {
        let mut dues = store.case_dues(case_uid)?;
        if let Some(f) = focus {
            dues.sort_by_key(|d| d.obligation != f);
        }
        let mut limits = store.case_limits(case_uid)?;
        limits.retain(|l| l.shown_on(today));
        Ok(ExplainView {
            code: code.to_owned(),
            dues,
            limits,
            focus,
            scroll: 0,
        })
    }
}

impl ExplainView {
    /// The explanation of a duty of a visit (a refusal's notice): computed, not stored.
    pub fn of_duty(
        code: &str,
        obligation: Obligation,
        due_on: NaiveDate,
        explanation: deadline::Explanation,
    ) -> ExplainView {
        ExplainView {
            code: code.to_owned(),
            dues: vec![CaseDue {
                obligation,
                due_on,
                explanation,
            }],
            limits: vec![],
            focus: Some(obligation),
            scroll: 0,
        }
    }
}

/// The rules with each one's versions together (a dated change adds a version that names
/// the one it replaced): in the order of the first version, then by the day each begins.
fn by_lineage(rules: Vec<Rule>) -> Vec<Rule> {
    let first = |r: &Rule| {
        let mut id = r.id;
        let mut at = r;
        // Versions only replace older rows: the chain ends (bounded all the same).
        for _ in 0..rules.len() {
            match at.replaces.and_then(|p| rules.iter().find(|x| x.id == p)) {
                Some(p) => {
                    id = p.id;
                    at = p;
                }
                None => break,
            }
        }
        id
    };
    let mut keyed: Vec<(i64, NaiveDate, i64, Rule)> = rules
        .iter()
        .map(|r| (first(r), r.effective_from, r.id, r.clone()))
        .collect();
    keyed.sort_by_key(|(root, from, id, _)| (*root, *from, *id));
    keyed.into_iter().map(|(.., r)| r).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CatalogSection {
    #[default]
    Rules,
    Calendar,
    /// Each local field and the official report column it rolls up to (TT 01/2024 forms
    /// 02–04/XLD): data, edited here.
    Fields,
}

impl CatalogSection {
    const ORDER: [CatalogSection; 3] = [
        CatalogSection::Rules,
        CatalogSection::Calendar,
        CatalogSection::Fields,
    ];

    /// The next (or previous) section, ←→.
    pub fn step(self, forward: bool) -> CatalogSection {
        let i = Self::ORDER.iter().position(|s| *s == self).unwrap_or(0);
        let n = Self::ORDER.len();
        Self::ORDER[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }]
    }
}

/// The catalog pane: the deadline rules and one year of the calendar.
#[derive(Debug, Default)]
pub struct CatalogState {
    pub section: CatalogSection,
    pub rules: Vec<Rule>,
    pub rule_sel: usize,
    pub year: i32,
    pub days: Vec<CalendarEntry>,
    pub day_sel: usize,
    pub announced: bool,
    /// The fields with the name of the report column each rolls up to.
    pub fields: Vec<(store::Field, String)>,
    pub field_sel: usize,
    /// When the rules and the calendar were read.
    pub loaded: store::Loaded,
}

impl CatalogState {
    pub fn load(&mut self, store: &Store, cal: &Calendar, today: NaiveDate) -> store::Result<()> {
        if self.year == 0 {
            self.year = today.year();
        }
        let stamp = store.data_stamp();
        self.rules = by_lineage(store.deadline_rules()?);
        self.rule_sel = self.rule_sel.min(self.rules.len().saturating_sub(1));
        self.days = cal.year_entries(self.year);
        self.day_sel = self.day_sel.min(self.days.len().saturating_sub(1));
        self.announced = cal.is_announced(self.year);
        let columns = store.report_columns()?;
        self.fields = store
            .fields()?
            .into_iter()
            .map(|f| {
                let name = columns
                    .iter()
                    .find(|(code, _)| *code == f.report_column)
                    .map(|(_, name)| name.clone())
                    .unwrap_or_else(|| f.report_column.clone());
                (f, name)
            })
            .collect();
        self.field_sel = self.field_sel.min(self.fields.len().saturating_sub(1));
        self.loaded = Some((stamp, today));
        Ok(())
    }

    pub fn move_by(&mut self, delta: isize) {
        let (sel, n) = match self.section {
            CatalogSection::Rules => (&mut self.rule_sel, self.rules.len()),
            CatalogSection::Calendar => (&mut self.day_sel, self.days.len()),
            CatalogSection::Fields => (&mut self.field_sel, self.fields.len()),
        };
        if n > 0 {
            *sel = (*sel as isize + delta).clamp(0, n as isize - 1) as usize;
        }
    }

    pub fn selected_rule(&self) -> Option<&Rule> {
        self.rules.get(self.rule_sel)
    }

    pub fn selected_field(&self) -> Option<&(store::Field, String)> {
        self.fields.get(self.field_sel)
    }

    pub fn selected_day(&self) -> Option<&CalendarEntry> {
        self.days.get(self.day_sel)
    }
}
