//! The call-details form: the questions to ask first, the children, the
//! household, the referrer, consent; in sections, scrolled so the field
//! under the cursor is always in view.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::Theme;
use super::record::{popup, short, with_cursor};
use crate::app::layout::wrap;
use crate::app::record::{ChildField, Field, Person, Section, scale_of};
use crate::app::screens::details::DetailsForm;
use crate::app::screens::household::{born_reading, choice_value, stored_text};
use crate::app::{Action, State};
use crate::call::details::{CallerType, YesNoUnknown};
use crate::keymap::Context;
use crate::text::clean_line;

/// The label column: " {:<28} ".
const LABEL_WIDTH: usize = 30;
/// Where lines under a field (the consent rule, the scale's ends) start.
const INDENT: &str = "                               ";
/// Lines of the consent rule kept under the consent field.
const CONSENT_RULE_LINES: usize = 2;

/// What the form says when a pack gives no exception to rely on.
pub const NO_EXCEPTIONS: &str = "the document lists no exceptions — say why in the note";

/// No shipped document states a rule on a referrer's anonymity; the public
/// forms and procedures in FIELD.md (Nottingham's older MARF, Knowsley's
/// MARF, Sefton 3.8) agree on this one, so it is shown as dutygrid's.
pub const ANONYMITY_NOTE: &str = "dutygrid's note, not this document's: a professional referrer's identity normally \
    cannot stay confidential (Nottingham and Knowsley referral forms; Sefton procedures 3.8).";

fn child_name(state: &State, id: u32) -> String {
    let call = state.call();
    call.household.child(id).map_or_else(|| format!("Child {id}"), |c| c.name_and_age(call.today()))
}

fn adult_name(state: &State, id: u32) -> String {
    let household = &state.call().household;
    let adult = household.adult(id);
    let name = adult.map_or_else(|| format!("Adult {id}"), |a| a.name());
    match adult.map(|a| a.relationship.trim()).filter(|r| !r.is_empty()) {
        Some(relationship) => format!("{name} ({relationship})"),
        None => name,
    }
}

fn label_of(state: &State, field: Field) -> String {
    match field {
        Field::Whereabouts(id) | Field::WithWhom(id) => {
            let call = state.call();
            let name = call.household.child(id).map_or_else(|| format!("Child {id}"), |c| c.name());
            format!("{name}: {}", field.label())
        }
        _ => field.label().to_string(),
    }
}

/// A choice field's value.
fn choice(state: &State, field: Field) -> String {
    let d = &state.call().details;
    let or_blank = |v: Option<&str>| v.unwrap_or("—").to_string();
    match field {
        Field::Caller => or_blank(d.caller.map(CallerType::label)),
        Field::ParentsAware => or_blank(d.parents_aware.map(YesNoUnknown::label)),
        Field::PreviousContacts => or_blank(d.previous_contacts.map(YesNoUnknown::label)),
        Field::Consent => or_blank(d.consent.map(|v| v.label())),
        Field::ConsentReason => {
            if state.pack().guidance.consent_exceptions().next().is_none() {
                return NO_EXCEPTIONS.to_string();
            }
            let chosen = d.consent_reason.as_deref().and_then(|id| state.pack().guidance.consent_exception(id));
            chosen.map_or_else(|| "—".to_string(), |e| clean_line(&e.text))
        }
        Field::Scaling => {
            let value = state.call().scaling.map_or_else(|| "—".to_string(), |v| v.to_string());
            match scale_of(state.pack()) {
                Some(scale) => format!("{value}   (on {}–{})", scale.min, scale.max),
                None => value,
            }
        }
        other => choice_value(other, state.call()).unwrap_or_default(),
    }
}

/// "   (born 12 May 2019, 6 years)": how a typed age was read, or the forms
/// it may take while it reads as none.
fn born_suffix(state: &State, form: &DetailsForm, field: Field, here: bool) -> String {
    let Field::Child(id, ChildField::Born) = field else { return String::new() };
    let call = state.call();
    let typed = form.input(field).map_or_else(|| stored_text(field, call), |i| i.text());
    match call.household.child(id).and_then(|c| c.born) {
        Some(born) if !typed.trim().is_empty() => format!("   ({})", born_reading(born, call)),
        _ if typed.trim().is_empty() && here => "   (6, 8m, 12/05/2019, due 1/3/27)".to_string(),
        _ if typed.trim().is_empty() => String::new(),
        _ => "   (not read yet: 6, 8m, 12/05/2019, due 1/3/27)".to_string(),
    }
}

/// The lines of the form, and which line holds the cursor.
fn form_lines(state: &State, form: &DetailsForm, inner: usize, theme: &Theme) -> (Vec<Line<'static>>, usize) {
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut cursor_line = 0;
    let mut section = None;
    let mut person = None;
    let dim = |text: String| Line::from(Span::styled(text, theme.dim));
    let under = |text: &str| wrap(text, inner.saturating_sub(INDENT.len()).max(8));
    for (i, field) in form.fields.iter().copied().enumerate() {
        if section != Some(field.section()) {
            if section.is_some() {
                lines.push(Line::raw(""));
            }
            section = Some(field.section());
            lines.push(Line::from(Span::styled(format!("── {} ──", field.section().heading()), theme.heading)));
        }
        let who = field.person().filter(|_| matches!(field.section(), Section::Children | Section::Household));
        if who.is_some() && who != person {
            let name = match who {
                Some(Person::Child(id)) => child_name(state, id),
                Some(Person::Adult(id)) => adult_name(state, id),
                None => String::new(),
            };
            lines.push(Line::from(Span::styled(format!(" ▸ {name}"), theme.heading)));
        }
        person = who;
        let here = i == form.field;
        if here {
            cursor_line = lines.len();
        }
        let label = short(&label_of(state, field), LABEL_WIDTH - 2);
        let mut spans = vec![Span::styled(format!(" {label:<28}"), theme.heading)];
        if field.is_text() {
            let suffix = born_suffix(state, form, field, here);
            let typed = form.input(field).map_or_else(|| stored_text(field, state.call()), |i| i.text());
            spans.push(Span::raw(" "));
            if here {
                let room = inner.saturating_sub(LABEL_WIDTH + suffix.chars().count());
                let fresh;
                let input = match form.input(field) {
                    Some(input) => input,
                    None => {
                        fresh = crate::app::input::TextInput::line(&typed);
                        &fresh
                    }
                };
                spans.extend(with_cursor(input, room, theme));
            } else {
                spans.push(Span::styled(typed, theme.text));
            }
            spans.push(Span::styled(suffix, theme.dim));
        } else {
            let style = if here { theme.cursor } else { theme.text };
            let hint = if here { " ◀ ▶" } else { "" };
            spans.push(Span::styled(format!(" {}{hint} ", choice(state, field)), style));
        }
        lines.push(Line::from(spans));
        if let Some(person) = form.removing.filter(|p| here && field.person() == Some(*p)) {
            let key = state.keymap().hint(Context::Details, &Action::RemovePerson);
            let name = match person {
                Person::Child(id) => child_name(state, id),
                Person::Adult(id) => adult_name(state, id),
            };
            let ask =
                format!("Remove {name} and what is recorded about them? {key} again: remove · any other key: keep");
            for part in under(&ask) {
                lines.push(Line::from(Span::styled(format!("{INDENT}{part}"), theme.warning)));
            }
        }
        match field {
            Field::Consent if form.current_field().section() == Section::Consent => {
                if let Some(rule) = crate::guide::consent_rule(state.pack()) {
                    let width = inner.saturating_sub(INDENT.len()).max(8);
                    let mut parts = wrap(&rule, width);
                    if parts.len() > CONSENT_RULE_LINES {
                        parts.truncate(CONSENT_RULE_LINES);
                        if let Some(last) = parts.last_mut() {
                            *last = short(&format!("{last} …"), width);
                        }
                    }
                    let key = state.keymap().hint(Context::Details, &Action::OpenGuide);
                    if !key.is_empty() {
                        parts.push(format!("{key}: the document's consent guidance in full"));
                    }
                    lines.extend(parts.into_iter().map(|p| dim(format!("{INDENT}{p}"))));
                }
            }
            Field::Anonymity => {
                let d = &state.call().details;
                let asked = state.call().household.referrer.anonymity == Some(YesNoUnknown::Yes);
                if asked && d.caller == Some(CallerType::Professional) {
                    lines.extend(under(ANONYMITY_NOTE).into_iter().map(|p| dim(format!("{INDENT}{p}"))));
                }
            }
            Field::Scaling => {
                if let Some(scale) = scale_of(state.pack()) {
                    // The ends' meanings beside the field, so the number
                    // means the same to every handler.
                    for (point, means) in [(scale.min, &scale.min_means), (scale.max, &scale.max_means)] {
                        for part in under(&end_meaning(point, means)) {
                            lines.push(dim(format!("{INDENT}{part}")));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    (lines, cursor_line)
}

/// What an end of the pack's scale means, in the document's words, led by
/// its number unless those words already start with it.
fn end_meaning(point: u8, means: &str) -> String {
    let means = clean_line(means);
    if means.starts_with(&point.to_string()) { means } else { format!("{point}: {means}") }
}

pub fn details(frame: &mut Frame<'_>, state: &State, form: &DetailsForm, theme: &Theme) {
    let width = 100;
    let area = super::overlay_area(state);
    let inner = usize::from(width.min(area.width.saturating_sub(2)).saturating_sub(2).max(1));
    let (lines, cursor_line) = form_lines(state, form, inner, theme);
    let wanted = u16::try_from(lines.len()).unwrap_or(u16::MAX).saturating_add(2);
    let Some(rect) = popup(state, width, wanted) else { return };
    let rows = usize::from(rect.height.saturating_sub(2)).max(1);
    // A third of the view above the cursor, so the fields around it (and
    // the lines under it) stay in view as it moves.
    let top = cursor_line.saturating_sub(rows / 3).min(lines.len().saturating_sub(rows));
    let key = |action: &Action| state.keymap().hint(Context::Details, action);
    let close = key(&Action::Close);
    let hints = if rect.width >= 90 {
        format!(
            " ↑↓ field · ◀ ▶ choose · {}: add child · {}: add adult · {}: remove · {close}: back ",
            key(&Action::AddChild),
            key(&Action::AddAdult),
            key(&Action::RemovePerson)
        )
    } else {
        format!(" {}: add child · {}: add adult · {close}: back ", key(&Action::AddChild), key(&Action::AddAdult))
    };
    let title = if rect.width >= 60 {
        " Call details — every change is saved as you make it "
    } else {
        " Call details (saved as typed) "
    };
    let block = Block::bordered().title(title).title_bottom(Line::from(hints).right_aligned());
    super::cover::clear(frame, rect);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((u16::try_from(top).unwrap_or(u16::MAX), 0)), rect);
}
