//! Counting a measure over the period's facts, and the records behind it.

use super::*;

/// Without a schedule, "số ngày tiếp" is the days a session of the block received someone.
fn announced_fallback(role: PresiderRole) -> Term {
    let blocks: &'static [Block] = match role {
        PresiderRole::InPerson => B_HEAD,
        PresiderRole::Delegated => B_DELEGATED,
    };
    Term::Visits(
        VisitWhere {
            blocks: Some(blocks),
            ..VisitWhere::ALL
        },
        VisitMetric::Days,
    )
}

impl Report {
    fn visit_terms<'a>(&'a self, w: &'a VisitWhere) -> impl Iterator<Item = &'a VisitFact> + 'a {
        self.visits
            .iter()
            .filter(move |v| w.accepts(v, self.threshold))
    }

    fn case_terms<'a>(
        &'a self,
        w: &'a CaseWhere,
    ) -> impl Iterator<Item = &'a (CaseFact, CaseLife)> + 'a {
        self.cases.iter().filter(move |(c, l)| w.accepts(c, l))
    }

    /// The value of a measure.
    pub fn count(&self, m: &Measure) -> u64 {
        m.terms.iter().map(|t| self.count_term(t)).sum()
    }

    fn count_term(&self, t: &Term) -> u64 {
        match t {
            Term::Visits(w, metric) => {
                let vs = self.visit_terms(w);
                let in_block = || self.visit_terms(w).filter(|v| v.in_block);
                match metric {
                    VisitMetric::Visits => vs.count() as u64,
                    VisitMetric::People => vs.map(|v| u64::from(v.people)).sum(),
                    VisitMetric::Petitions => vs.map(|v| u64::from(v.petitions)).sum(),
                    VisitMetric::Matters => matters(in_block(), self.n_matters).len() as u64,
                    VisitMetric::MattersFirst => matters(in_block(), self.n_matters)
                        .iter()
                        .filter(|v| !v.repeat)
                        .count() as u64,
                    VisitMetric::MattersRepeat => matters(in_block(), self.n_matters)
                        .iter()
                        .filter(|v| v.repeat)
                        .count() as u64,
                    VisitMetric::MattersLast => vs.filter(|v| v.last_of_matter).count() as u64,
                    VisitMetric::Sessions => {
                        let mut s: Vec<i64> = vs.map(|v| v.session_id).collect();
                        s.sort_unstable();
                        s.dedup();
                        s.len() as u64
                    }
                    VisitMetric::Days => {
                        let mut d: Vec<NaiveDate> = vs.map(|v| v.day).collect();
                        d.dedup();
                        d.len() as u64
                    }
                }
            }
            Term::Cases(w, metric) => {
                let cs = self.case_terms(w);
                match metric {
                    CaseMetric::Cases => cs.count() as u64,
                    CaseMetric::Petitions => cs.map(|(_, l)| u64::from(l.petitions)).sum(),
                }
            }
            Term::Announced(role) => {
                if self.has_schedule() {
                    self.days
                        .iter()
                        .filter(|l| l.announced_block() == Some(*role))
                        .count() as u64
                } else {
                    self.count_term(&announced_fallback(*role))
                }
            }
            Term::Short => self.shortfalls.len() as u64,
            Term::Dialogues(m) => self.dialogue_terms(*m).map(|(_, n)| n).sum(),
        }
    }

    /// The dialogues of the period with what each adds to a figure of `m`.
    fn dialogue_terms(&self, m: DialogueMetric) -> impl Iterator<Item = (&DialogueFact, u64)> {
        use crate::domain::dialogue::DialogueKind as K;
        self.dialogues.iter().map(move |d| {
            let n = match (m, d.kind) {
                (DialogueMetric::Complaint, K::Complaint) | (DialogueMetric::Public, K::Public) => {
                    1
                }
                (DialogueMetric::People, _) => d.people,
                (DialogueMetric::Promised, K::Public) => d.promised,
                (DialogueMetric::Answered, K::Public) => d.answered,
                _ => 0,
            };
            (d, u64::from(n))
        })
    }

    /// Whether a schedule gave a day of the period (01/TCD (10), (16) then count its days).
    pub fn has_schedule(&self) -> bool {
        self.days.iter().any(|l| l.planned.is_some())
    }

    /// The records behind a measure, each with what it adds to the figure. For matters, the
    /// first visit of each matter counted; for sessions, the first visit of each session.
    pub fn trace(&self, m: &Measure) -> Vec<(Record, u64)> {
        let mut out = Vec::new();
        for t in &m.terms {
            match t {
                Term::Visits(w, metric) => {
                    let vs = self.visit_terms(w);
                    let in_block = || self.visit_terms(w).filter(|v| v.in_block);
                    let rows: Vec<(&VisitFact, u64)> = match metric {
                        VisitMetric::Visits => vs.map(|v| (v, 1)).collect(),
                        VisitMetric::People => vs.map(|v| (v, u64::from(v.people))).collect(),
                        VisitMetric::Petitions => vs.map(|v| (v, u64::from(v.petitions))).collect(),
                        VisitMetric::Matters => matters(in_block(), self.n_matters)
                            .into_iter()
                            .map(|v| (v, 1))
                            .collect(),
                        VisitMetric::MattersFirst => matters(in_block(), self.n_matters)
                            .into_iter()
                            .filter(|v| !v.repeat)
                            .map(|v| (v, 1))
                            .collect(),
                        VisitMetric::MattersRepeat => matters(in_block(), self.n_matters)
                            .into_iter()
                            .filter(|v| v.repeat)
                            .map(|v| (v, 1))
                            .collect(),
                        VisitMetric::MattersLast => {
                            vs.filter(|v| v.last_of_matter).map(|v| (v, 1)).collect()
                        }
                        VisitMetric::Sessions => {
                            let mut seen = std::collections::HashSet::new();
                            vs.filter(|v| seen.insert(v.session_id))
                                .map(|v| (v, 1))
                                .collect()
                        }
                        VisitMetric::Days => {
                            let mut seen = std::collections::HashSet::new();
                            vs.filter(|v| seen.insert(v.day)).map(|v| (v, 1)).collect()
                        }
                    };
                    out.extend(rows.into_iter().map(|(v, n)| (Record::Visit(v.id), n)));
                }
                Term::Announced(role) if self.has_schedule() => out.extend(
                    self.days
                        .iter()
                        .filter(|l| l.announced_block() == Some(*role))
                        .map(|l| (Record::Day(l.day), 1)),
                ),
                Term::Short => out.extend(self.shortfalls.iter().map(|s| (Record::Day(s.from), 1))),
                Term::Dialogues(m) => out.extend(
                    self.dialogue_terms(*m)
                        .filter(|(_, n)| *n > 0)
                        .map(|(d, n)| (Record::Day(d.held_on), n)),
                ),
                Term::Announced(role) => out.extend(self.trace(&Measure {
                    terms: vec![announced_fallback(*role)],
                })),
                Term::Cases(w, metric) => {
                    out.extend(self.case_terms(w).map(|(c, l)| {
                        let n = match metric {
                            CaseMetric::Cases => 1,
                            CaseMetric::Petitions => u64::from(l.petitions),
                        };
                        (Record::Case(c.id), n)
                    }));
                }
            }
        }
        out
    }

    /// The life of a case of the book in this period (for the records list).
    pub fn case_life(&self, id: i64) -> Option<&CaseLife> {
        self.case_at.get(&id).map(|i| &self.cases[*i].1)
    }

    /// Visits per calendar month of the period, for one field (None: all fields).
    pub fn visits_by_month(&self, field_id: Option<i64>) -> Vec<((i32, u32), u64)> {
        let mut out: Vec<((i32, u32), u64)> =
            self.period.months().into_iter().map(|m| (m, 0)).collect();
        for v in self.visits.iter().filter(|v| !v.refused()) {
            if field_id.is_some_and(|f| f != v.field_id) {
                continue;
            }
            let key = (v.day.year(), v.day.month());
            if let Some(e) = out.iter_mut().find(|(m, _)| *m == key) {
                e.1 += 1;
            }
        }
        out
    }

    /// Own-authority cases resolved per calendar month of the period: (month, resolved, on
    /// time).
    pub fn resolved_by_month(&self) -> Vec<((i32, u32), u64, u64)> {
        let mut out: Vec<((i32, u32), u64, u64)> = self
            .period
            .months()
            .into_iter()
            .map(|m| (m, 0, 0))
            .collect();
        for (_, l) in &self.cases {
            if !(l.own() && l.resolved_in_period) {
                continue;
            }
            let Some((day, _)) = l.closed else { continue };
            if let Some(e) = out
                .iter_mut()
                .find(|(m, _, _)| *m == (day.year(), day.month()))
            {
                e.1 += 1;
                if l.on_time == Some(true) {
                    e.2 += 1;
                }
            }
        }
        out
    }
}
