//! A match expression over a document's tokens: written out in FTS5's query syntax for the
//! index, and evaluated here on one document's text (to rank a few matches without asking
//! the index once per rank). Both read it the same way: a token is matched whole, a prefix
//! by any token that starts with it.

/// A match expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Expr {
    /// A token, whole.
    Tok(String),
    /// Any token that starts with this.
    Pre(String),
    Or(Vec<Expr>),
    And(Vec<Expr>),
    /// The first, without what any of the others matches.
    Not(Box<Expr>, Vec<Expr>),
}

/// The longest prefix the index keeps a prefix index for (in characters): a longer prefix
/// is read by merging every token that starts with it.
pub(crate) const INDEXED_PREFIX: usize = 7;

pub(crate) fn tok(t: &str) -> Expr {
    Expr::Tok(t.replace('"', ""))
}

pub(crate) fn pre(t: &str) -> Expr {
    Expr::Pre(t.replace('"', ""))
}

/// Any of the alternatives (OR).
pub(crate) fn any(mut alts: Vec<Expr>) -> Expr {
    alts.dedup();
    if alts.len() == 1 {
        alts.remove(0)
    } else {
        Expr::Or(alts)
    }
}

/// All of them (AND).
pub(crate) fn every(mut parts: Vec<Expr>) -> Expr {
    if parts.len() == 1 {
        parts.remove(0)
    } else {
        Expr::And(parts)
    }
}

/// `a`, without what any of `not` matches.
pub(crate) fn but(a: Expr, not: &[Expr]) -> Expr {
    if not.is_empty() {
        a
    } else {
        Expr::Not(Box::new(a), not.to_vec())
    }
}

/// A document's tokens, sorted, to test expressions against.
pub(crate) struct Tokens<'a>(Vec<&'a str>);

impl<'a> Tokens<'a> {
    pub(crate) fn of(doc: &'a str) -> Tokens<'a> {
        let mut t: Vec<&str> = doc.split(' ').filter(|t| !t.is_empty()).collect();
        t.sort_unstable();
        t.dedup();
        Tokens(t)
    }

    fn has(&self, t: &str) -> bool {
        self.0.binary_search(&t).is_ok()
    }

    fn has_prefix(&self, p: &str) -> bool {
        let i = self.0.partition_point(|t| *t < p);
        self.0.get(i).is_some_and(|t| t.starts_with(p))
    }
}

impl Expr {
    /// In FTS5's query syntax.
    pub(crate) fn fts(&self) -> String {
        match self {
            Expr::Tok(t) => format!("\"{t}\""),
            Expr::Pre(t) => format!("\"{t}\"*"),
            Expr::Or(v) => format!(
                "({})",
                v.iter().map(Expr::fts).collect::<Vec<_>>().join(" OR ")
            ),
            Expr::And(v) => format!(
                "({})",
                v.iter().map(Expr::fts).collect::<Vec<_>>().join(" AND ")
            ),
            Expr::Not(a, not) => format!("({} NOT {})", a.fts(), any(not.clone()).fts()),
        }
    }

    /// Does a document with these tokens match?
    pub(crate) fn matches(&self, doc: &Tokens) -> bool {
        match self {
            Expr::Tok(t) => doc.has(t),
            Expr::Pre(p) => doc.has_prefix(p),
            Expr::Or(v) => v.iter().any(|e| e.matches(doc)),
            Expr::And(v) => v.iter().all(|e| e.matches(doc)),
            Expr::Not(a, not) => a.matches(doc) && !not.iter().any(|e| e.matches(doc)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_for_fts5_and_evaluated_alike() {
        let e = but(
            every(vec![tok("nguyen"), any(vec![pre("_r5432"), tok("_y1985")])]),
            &[tok("_fnguyen")],
        );
        assert_eq!(
            e.fts(),
            "((\"nguyen\" AND (\"_r5432\"* OR \"_y1985\")) NOT \"_fnguyen\")"
        );
        assert!(e.matches(&Tokens::of("tran nguyen _r543210")));
        assert!(e.matches(&Tokens::of("nguyen _y1985")));
        assert!(!e.matches(&Tokens::of("nguyen _y1985 _fnguyen")));
        assert!(!e.matches(&Tokens::of("nguyen _r5431")));
        assert!(
            !e.matches(&Tokens::of("nguyenx _y1985")),
            "a token is whole"
        );
    }
}
