//! The call-record screens: details, notes, decision; and the prompts to
//! restore a call found on disk and to end a call.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::{Theme, centred, overlay_area};
use crate::app::input::TextInput;
use crate::app::layout::wrap;
use crate::app::record::{DecisionField, Field, scale_of};
use crate::app::screens::decision::DecisionForm;
use crate::app::screens::details::DetailsForm;
use crate::app::screens::notes::NotesForm;
use crate::app::screens::restore::Restore;
use crate::app::{Action, State};
use crate::call::details::Age;
use crate::call::summary::summarise;
use crate::keymap::Context;
use crate::text::clean_line;

pub(super) fn popup(state: &State, width: u16, height: u16) -> Option<Rect> {
    let area = overlay_area(state);
    let rect = centred(area, width.min(area.width.saturating_sub(2)), height.min(area.height));
    (rect.width >= 20 && rect.height >= 5).then_some(rect)
}

fn value_of(state: &State, form: &DetailsForm, field: Field) -> String {
    let d = &state.call().details;
    let or_blank = |v: Option<&str>| v.map_or_else(|| "—".to_string(), String::from);
    match field {
        Field::Caller => or_blank(d.caller.map(|c| c.label())),
        Field::Agency => d.agency.clone(),
        Field::Age => format!("{}{}", form.age_text.text(), parsed_age(state, form)),
        Field::Mobile => or_blank(d.mobile.map(|v| v.label())),
        Field::Disabled => or_blank(d.disabled.map(|v| v.label())),
        Field::PreviousContacts => or_blank(d.previous_contacts.map(|v| v.label())),
        Field::Consent => or_blank(d.consent.map(|v| v.label())),
        Field::ConsentReason => {
            let text = d.consent_reason.as_ref().and_then(|id| {
                state.pack().guidance.consent.iter().flat_map(|c| c.exceptions.iter()).find(|e| &e.id == id)
            });
            text.map_or_else(|| "—".to_string(), |e| clean_line(&e.text))
        }
        Field::ConsentNote => d.consent_note.clone(),
        Field::Scaling => {
            let value = state.call().scaling.map_or_else(|| "—".to_string(), |v| v.to_string());
            match scale_of(state.pack()) {
                Some(scale) => format!("{value}   (on {}–{})", scale.min, scale.max),
                None => value,
            }
        }
    }
}

/// "   (18 months)": how the age as typed was read, once it reads as one.
fn parsed_age(state: &State, form: &DetailsForm) -> String {
    let parsed = state.call().details.age.map(Age::label).unwrap_or_default();
    if form.age_text.text().trim().is_empty() || parsed.is_empty() { String::new() } else { format!("   ({parsed})") }
}

/// The label column of the details form: " {:<28} ".
const LABEL_WIDTH: usize = 30;

/// A text field being edited: the text underlined, the cell under the
/// cursor reversed, where the cursor is. A text longer than `width`
/// columns loses its start first, so the cursor stays in view.
pub(super) fn with_cursor(input: &TextInput, width: usize, theme: &Theme) -> Vec<Span<'static>> {
    use unicode_width::UnicodeWidthChar;
    let (before, after) = input.around_cursor();
    let mut rest = after.chars();
    let under = rest.next().map_or_else(|| " ".to_string(), String::from);
    let room = width.saturating_sub(2).max(1);
    let mut shown = Vec::new();
    let mut used = 0;
    for c in before.chars().rev() {
        used += c.width().unwrap_or(0);
        if used > room {
            shown.push('…');
            break;
        }
        shown.push(c);
    }
    let before: String = shown.into_iter().rev().collect();
    let typed = theme.text.add_modifier(Modifier::UNDERLINED);
    vec![Span::styled(before, typed), Span::styled(under, theme.cursor), Span::styled(rest.collect::<String>(), typed)]
}

/// Where the meanings of the scale's ends start: under the field's value.
const MEANING_INDENT: &str = "                               ";

/// What an end of the pack's scale means, in the document's words, led by
/// its number unless those words already start with it.
fn end_meaning(point: u8, means: &str) -> String {
    let means = clean_line(means);
    if means.starts_with(&point.to_string()) { means } else { format!("{point}: {means}") }
}

pub fn details(frame: &mut Frame<'_>, state: &State, form: &DetailsForm, theme: &Theme) {
    let width = 100;
    // The width the meanings wrap at, as `popup` will size it.
    let inner = usize::from(width.min(overlay_area(state).width.saturating_sub(2)).saturating_sub(2).max(1));
    let mut lines = Vec::new();
    let mut height = 2;
    for (i, field) in form.fields.iter().enumerate() {
        let here = i == form.field;
        let style = if here { theme.cursor } else { theme.text };
        let mut spans = vec![Span::styled(format!(" {:<28}", field.label()), theme.heading)];
        match form.input(*field).filter(|_| here) {
            Some(input) => {
                let suffix = if *field == Field::Age { parsed_age(state, form) } else { String::new() };
                let room = inner.saturating_sub(LABEL_WIDTH + suffix.chars().count());
                spans.push(Span::raw(" "));
                spans.extend(with_cursor(input, room, theme));
                spans.push(Span::styled(suffix, theme.dim));
            }
            None => {
                let hint = if here { " ◀ ▶" } else { "" };
                spans.push(Span::styled(format!(" {}{hint} ", value_of(state, form, *field)), style));
            }
        }
        lines.push(Line::from(spans));
        height += 1;
        if *field == Field::Consent {
            height += consent_rule(state, form, inner, theme, &mut lines);
        }
        if let (Field::Scaling, Some(scale)) = (field, scale_of(state.pack())) {
            // The ends' meanings beside the field, so the number means the
            // same to every handler.
            for (point, means) in [(scale.min, &scale.min_means), (scale.max, &scale.max_means)] {
                for part in wrap(&end_meaning(point, means), inner.saturating_sub(MEANING_INDENT.len()).max(8)) {
                    lines.push(Line::from(Span::styled(format!("{MEANING_INDENT}{part}"), theme.dim)));
                    height += 1;
                }
            }
        }
    }
    let Some(area) = popup(state, width, height) else { return };
    let close = state.keymap().hint(Context::Details, &Action::Close);
    let block = Block::bordered()
        .title(" Call details — every change is saved as you make it ")
        .title_bottom(Line::from(format!(" ↑↓ field · ◀ ▶ choose · type into text · {close}: back ")).right_aligned());
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// Lines of the consent rule kept under the consent field.
const CONSENT_RULE_LINES: usize = 2;

/// While the cursor is on a consent field, the pack's consent rule under it
/// (cut to two lines) and the key to its full text in the guide; returns
/// the lines added.
fn consent_rule(state: &State, form: &DetailsForm, inner: usize, theme: &Theme, lines: &mut Vec<Line<'_>>) -> u16 {
    let on_consent =
        matches!(form.fields.get(form.field), Some(Field::Consent | Field::ConsentReason | Field::ConsentNote));
    let Some(rule) = crate::guide::consent_rule(state.pack()).filter(|_| on_consent) else { return 0 };
    let width = inner.saturating_sub(MEANING_INDENT.len()).max(8);
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
    let added = parts.len();
    lines.extend(parts.into_iter().map(|p| Line::from(Span::styled(format!("{MEANING_INDENT}{p}"), theme.dim))));
    u16::try_from(added).unwrap_or(0)
}

pub fn notes(frame: &mut Frame<'_>, state: &State, form: &NotesForm, theme: &Theme) {
    let Some(area) = popup(state, 110, 40) else { return };
    let Some(section) = form.sections.get(form.section) else { return };
    let tabs: Vec<Span<'_>> = form
        .sections
        .iter()
        .enumerate()
        .map(|(i, _)| {
            let style = if i == form.section { theme.cursor } else { theme.dim };
            Span::styled(format!(" {} ", i + 1), style)
        })
        .collect();
    let next = state.keymap().hint(Context::Notes, &Action::NextRow);
    let close = state.keymap().hint(Context::Notes, &Action::Close);
    let block = Block::bordered().title(Line::from(tabs)).title_bottom(
        Line::from(format!(" {next}: next question · {close}: back · saved as you type ")).right_aligned(),
    );
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    if inner.height < 3 {
        return;
    }
    let mut heading = vec![Line::from(Span::styled(section.heading.clone(), theme.heading))];
    if let Some(prompt) = &section.prompt {
        heading.push(Line::from(Span::styled(prompt.clone(), theme.dim)));
    }
    let heading_height = u16::try_from(heading.len()).unwrap_or(1).min(inner.height - 1);
    frame.render_widget(Paragraph::new(heading), Rect { height: heading_height, ..inner });
    let text = Rect { y: inner.y + heading_height, height: inner.height - heading_height, ..inner };
    frame.render_widget(section.input.area(), text);
}

pub fn decision(frame: &mut Frame<'_>, state: &State, form: &DecisionForm, theme: &Theme) {
    let Some(area) = popup(state, 100, 18) else { return };
    let summary = summarise(state.pack(), state.call());
    let spread: Vec<String> = summary.per_level.iter().enumerate().map(|(i, n)| format!("{}:{n}", i + 1)).collect();
    let level_name = form
        .level
        .checked_sub(1)
        .and_then(|i| state.pack().levels.get(i))
        .map_or_else(|| "— not decided —".to_string(), |l| format!("{} {}", form.level, clean_line(&l.name)));
    let mut lines = vec![
        Line::raw(format!(" Indicated spread (ticks per level): {}", spread.join("  "))),
        Line::from(Span::styled(" The app never fills this in: the level is your professional judgement.", theme.dim)),
        Line::raw(""),
    ];
    for field in DecisionField::order(state.call()) {
        let here = form.field == *field;
        let mut spans = vec![Span::styled(format!(" {:<20}", field.label()), theme.heading)];
        let input = match field {
            DecisionField::Level => None,
            DecisionField::Reason => Some(&form.reason),
            DecisionField::Rationale => Some(&form.rationale),
        };
        match input {
            // The form wraps, so the whole text shows.
            Some(input) if here => {
                spans.push(Span::raw(" "));
                spans.extend(with_cursor(input, usize::MAX, theme));
            }
            Some(input) => spans.push(Span::styled(format!(" {} ", input.text()), theme.text)),
            None => {
                let style = if here { theme.cursor } else { theme.text };
                spans.push(Span::styled(format!(" ◀ {level_name} ▶ "), style));
            }
        }
        lines.push(Line::from(spans));
    }
    if let Some(problem) = &form.problem {
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled(format!(" {problem}"), theme.warning)));
    }
    if !state.call().decisions.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled(" History", theme.heading)));
        let zone = crate::pack::resolve::pack_zone(state.pack());
        for d in state.call().decisions.iter().rev() {
            let level = d.level.as_deref().and_then(|id| state.pack().levels.iter().position(|l| l.id == id));
            let name =
                level.map_or_else(|| "withdrawn".to_string(), |i| format!("{} {}", i + 1, state.pack().levels[i].name));
            let why = if d.reason.is_empty() { String::new() } else { format!(" — because: {}", d.reason) };
            lines.push(Line::raw(format!(
                " {}  {name}: {}{why}",
                crate::hours::local::time_of_day(d.at, zone),
                d.rationale
            )));
        }
    }
    let save = state.keymap().hint(Context::Decision, &Action::Confirm);
    let close = state.keymap().hint(Context::Decision, &Action::Close);
    let block = Block::bordered()
        .title(" Your decision ")
        .title_bottom(Line::from(format!(" {save}: record decision · {close}: back ")).right_aligned());
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), area);
}

/// At most `max` characters, with an ellipsis if cut.
fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max - 1).collect();
    cut.push('…');
    cut
}

/// When an offered call started, in its pack's zone ("Fri 4 Dec 2026 16:47 GMT").
fn started_local(state: &State, restore: &Restore, offer: &crate::app::RestoreOffer) -> String {
    let id = &offer.call.pack.id;
    let zone = if *id == state.pack().id {
        Some(crate::pack::resolve::pack_zone(state.pack()))
    } else {
        restore.zones.iter().find(|(pack, _)| pack == id).map(|(_, zone)| *zone)
    };
    // One formatter for every time a person reads; it cannot panic on a
    // damaged record's out-of-range time.
    crate::hours::local::human(offer.call.started_at, zone.unwrap_or(chrono_tz::UTC))
}

pub fn restore(frame: &mut Frame<'_>, state: &State, restore: &Restore, theme: &Theme) {
    let Some(selected) = restore.selected_offer() else { return };
    let height = u16::try_from(restore.offers.len() + restore.held.len()).unwrap_or(u16::MAX).saturating_add(11);
    let Some(area) = popup(state, 100, height) else { return };
    let count = restore.offers.len();
    let headline = if count == 1 {
        " An unfinished call was found:".to_string()
    } else {
        format!(" {count} unfinished calls were found, newest first. Choose one:")
    };
    let mut lines = vec![Line::from(Span::styled(headline, theme.heading))];
    for (i, offer) in restore.offers.iter().enumerate() {
        let call = &offer.call;
        let alert = if call.alerts.is_empty() { "no alert" } else { "ALERT raised" };
        let damaged = if offer.problem.is_some() { " · damaged" } else { "" };
        let here = i == restore.selected;
        let line = format!(
            " {} {} · {} · {} tick(s) · {alert}{damaged}",
            if here { "▶" } else { " " },
            started_local(state, restore, offer),
            short(&clean_line(&call.pack.title), 32),
            call.ticked().len(),
        );
        lines.push(Line::from(Span::styled(line, if here { theme.cursor } else { theme.text })));
    }
    for held in &restore.held {
        lines.push(Line::from(Span::styled(format!("   {held}"), theme.dim)));
    }
    lines.push(Line::raw(""));
    let call = &selected.call;
    let notes = call.notes.values().filter(|n| !n.trim().is_empty()).count();
    lines.push(Line::raw(format!(
        " This one: {} ticked, {notes} notes section(s) written, {} decision(s).",
        call.ticked().len(),
        call.decisions.len()
    )));
    if let Some(problem) = &selected.problem {
        lines.push(Line::from(Span::styled(
            format!(
                " Part of its journal could not be read ({problem}); everything else is recovered, \
                 and a copy of the damaged file is kept beside it."
            ),
            theme.warning,
        )));
    }
    let hint = |action: &Action| state.keymap().hint(Context::Restore, action);
    let (yes, no, up, down, later) = (
        hint(&Action::Confirm),
        hint(&Action::Cancel),
        hint(&Action::MoveUp),
        hint(&Action::MoveDown),
        hint(&Action::Close),
    );
    lines.push(Line::raw(""));
    if count > 1 && !up.is_empty() {
        lines.push(Line::raw(format!(" {up} {down}: choose a call")));
    }
    lines.push(Line::raw(format!(" {yes}: carry on with the chosen call exactly as it was")));
    lines.push(Line::raw(format!(" {no}: set the chosen call aside (closed and kept: dutygrid record list)")));
    if !later.is_empty() {
        lines.push(Line::raw(format!(" {later}: start a new call; leave these to be offered next time")));
    }
    let title = if count == 1 { " Restore the unfinished call? " } else { " Restore an unfinished call? " };
    let block = Block::bordered().title(title);
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), area);
}
