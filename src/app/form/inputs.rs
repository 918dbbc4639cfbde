//! The inputs of the visit form: a text (ratatui-textarea, kept NFC and free of control
//! characters as it is typed) or a combobox; how each opens, and the value it holds.

use ratatui::style::{Modifier, Style};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};
use unicode_normalization::is_nfc;

use super::super::combo::{Combo, ComboOption};
use crate::domain::text::nfc;
use crate::domain::visit::{FormField, VisitDraft};
use crate::i18n::{Lang, Msg};

/// The widget behind one input.
#[derive(Debug, Clone)]
pub enum Widget {
    Text(Box<TextArea<'static>>),
    Combo(Combo),
}

/// One input of the form.
#[derive(Debug, Clone)]
pub struct Input {
    pub field: FormField,
    pub multiline: bool,
    pub widget: Widget,
}

/// The order of the inputs (the order; conditional ones sit after what triggers them).
pub(super) fn text_input(field: FormField, value: &str, lang: Lang) -> Input {
    // Enter is a new line only in Nội dung (as the README says); elsewhere it moves on.
    let multiline = field == FormField::Content;
    let lines: Vec<String> = if multiline {
        nfc(value).split('\n').map(str::to_owned).collect()
    } else {
        vec![nfc(value).replace('\n', " ")]
    };
    let mut ta = TextArea::new(lines);
    configure(&mut ta, field, multiline, lang);
    ta.move_cursor(CursorMove::Bottom);
    ta.move_cursor(CursorMove::End);
    Input {
        field,
        multiline,
        widget: Widget::Text(Box::new(ta)),
    }
}

pub(super) fn configure(ta: &mut TextArea<'static>, field: FormField, multiline: bool, lang: Lang) {
    ta.set_cursor_line_style(Style::default());
    ta.set_cursor_style(Style::default().add_modifier(Modifier::REVERSED));
    // A value waiting to be replaced (see `select_for_typing`) shows underlined.
    ta.set_selection_style(Style::default().add_modifier(Modifier::UNDERLINED));
    if multiline {
        ta.set_wrap_mode(WrapMode::WordOrGlyph);
    }
    let placeholder = match field {
        FormField::Representatives => Some(Msg::PhRepresentatives),
        FormField::Presiding => Some(Msg::PhPresiding),
        _ => None,
    };
    if let Some(p) = placeholder {
        ta.set_placeholder_text(p.t(lang));
        ta.set_placeholder_style(Style::default().add_modifier(Modifier::DIM));
    }
}

pub(super) fn options<T: Copy>(
    items: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> Msg,
    lang: Lang,
) -> Vec<ComboOption> {
    items
        .iter()
        .map(|&x| ComboOption {
            code: code(x).to_owned(),
            label: label(x).t(lang).to_owned(),
        })
        .collect()
}

pub(super) fn chosen(code: &str) -> Option<String> {
    let c = code.trim();
    (!c.is_empty()).then(|| c.to_owned())
}

/// Arriving in a one-line input that holds a value (a default, a prefill, what was typed
/// before): the value is selected, so the first key typed replaces it (as a web form or a
/// spreadsheet does: Tab to Số người showing 1, type 12, and it says 12). An arrow, Home or
/// End first keeps it for editing.
pub(crate) fn select_for_typing(ta: &mut TextArea<'static>) {
    if ta.lines().iter().any(|l| !l.is_empty()) {
        ta.select_all();
    }
}

pub(super) fn renormalize(input: &mut Input, lang: Lang) {
    let Widget::Text(ta) = &mut input.widget else {
        return;
    };
    if ta
        .lines()
        .iter()
        .all(|l| is_nfc(l) && !l.chars().any(crate::domain::text::is_unsafe))
    {
        return;
    }
    let ratatui_textarea::DataCursor(row, col) = ta.cursor();
    let lines: Vec<String> = ta.lines().iter().map(|l| nfc(l)).collect();
    let prefix: String = ta.lines()[row].chars().take(col).collect();
    let new_col = nfc(&prefix).chars().count();
    let mut fresh = TextArea::new(lines);
    configure(&mut fresh, input.field, input.multiline, lang);
    fresh.move_cursor(CursorMove::Jump(row as u16, new_col as u16));
    **ta = fresh;
}

pub(super) fn text_of(d: &VisitDraft, f: FormField) -> &str {
    match f {
        FormField::FullName => &d.full_name,
        FormField::IdNumber => &d.id_number,
        FormField::Phone => &d.phone,
        FormField::Address => &d.address,
        FormField::People => &d.people,
        FormField::Representatives => &d.representatives,
        FormField::Presiding => &d.presiding,
        FormField::Content => &d.content,
        FormField::PriorAgencies => &d.prior_agencies,
        FormField::TransferAgency => &d.transfer_agency,
        FormField::Note => &d.note,
        FormField::Documents => &d.documents,
        FormField::Petitions => &d.petitions,
        FormField::Requests => &d.requests,
        FormField::Day => &d.day,
        FormField::Time => &d.time,
        FormField::Form
        | FormField::PresiderRole
        | FormField::PetitionType
        | FormField::Field
        | FormField::Handling
        | FormField::AccountRead
        | FormField::RefusalGround => "",
    }
}
