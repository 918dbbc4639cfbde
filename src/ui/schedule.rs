//! The reception schedule screen (issue 29): the plans, then one month's days as the book
//! shows them.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::overlays::titled;
use super::theme::Theme;
use crate::app::{App, ScheduleView};
use crate::domain::date::format_date;
use crate::domain::schedule::{DayStatus, Pattern};
use crate::i18n::{self, Msg};

pub fn draw(frame: &mut Frame, app: &App, v: &ScheduleView, area: Rect, theme: &Theme) {
    let lang = app.lang;
    let mut lines: Vec<Line> = Vec::new();
    if v.plans.is_empty() {
        lines.push(Line::styled(Msg::SchNoPlan.t(lang).to_owned(), theme.dim()));
    }
    for p in &v.plans {
        let to = p
            .effective_to
            .map(format_date)
            .unwrap_or_else(|| "…".to_owned());
        let days: Vec<String> = p.days.iter().map(u8::to_string).collect();
        let weekday = p
            .weekday
            .map(|w| i18n::weekday(lang, w).to_owned())
            .unwrap_or_default();
        let rule = match p.pattern {
            Pattern::Weekly => Msg::SchWeekly.fill(lang, &[&weekday]),
            Pattern::MonthDays => Msg::SchMonthDays.fill(lang, &[&days.join(", ")]),
            Pattern::NthWeekday => Msg::SchNthWeekday.fill(lang, &[&weekday, &days.join(", ")]),
        };
        lines.push(Line::from(format!(
            "{} → {to}  {}: {rule}",
            format_date(p.effective_from),
            p.leader
        )));
    }
    lines.push(Line::from(""));
    for (i, l) in v.days.iter().enumerate() {
        let (status, style) = match l.status {
            DayStatus::InPerson => (Msg::SchInPerson, theme.label()),
            DayStatus::Delegated => (Msg::SchDelegated, theme.label()),
            DayStatus::Postponed => (Msg::SchPostponed, theme.dim()),
            DayStatus::NotRecorded => (Msg::SchNotRecorded, theme.warning()),
            DayStatus::Upcoming => (Msg::SchUpcoming, theme.label()),
            DayStatus::Unmarked => (Msg::SchUnmarked, theme.warning()),
        };
        let mut text = format!(
            "{} {}  {}",
            if i == v.sel { "▶" } else { " " },
            format_date(l.day),
            status.t(lang)
        );
        if l.planned.is_none() {
            text.push_str(Msg::SchOffPlan.t(lang));
        }
        if let Some(p) = l.planned.filter(|p| p.moved()) {
            text.push_str(&Msg::SchMoved.fill(lang, &[&format_date(p.nominal)]));
        }
        match l.record.as_ref().and_then(|r| r.posted_on) {
            Some(d) => text.push_str(&Msg::SchPosted.fill(lang, &[&format_date(d)])),
            None if l.planned.is_some() && l.status == DayStatus::Upcoming => {
                text.push_str(Msg::SchNotPosted.t(lang))
            }
            None => {}
        }
        let mut line = Line::from(Span::styled(text, style));
        if i == v.sel {
            line = line.patch_style(theme.selected());
        }
        lines.push(line);
    }
    let title = Msg::SchTitle.fill(
        lang,
        &[&format!(
            "{:02}/{}",
            v.month.format("%m"),
            v.month.format("%Y")
        )],
    );
    // Keep the selected day in sight.
    let head = v.plans.len().max(1) + 1;
    let inner = area.height.saturating_sub(2) as usize;
    let scroll = (head + v.sel + 1).saturating_sub(inner) as u16;
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .block(titled(title, theme))
            .scroll((scroll, 0)),
        area,
    );
}
