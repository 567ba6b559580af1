//! The call-record screens: details, notes, decision; and the prompts to
//! restore a call found on disk and to end a call.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::{Theme, centred, overlay_area};
use crate::app::input::TextInput;
use crate::app::record::DecisionField;
use crate::app::screens::decision::DecisionForm;
use crate::app::screens::details::DetailsForm;
use crate::app::screens::notes::NotesForm;
use crate::app::screens::restore::Restore;
use crate::app::{Action, State};
use crate::call::summary::summarise;
use crate::keymap::Context;
use crate::text::clean_line;

pub(super) fn popup(state: &State, width: u16, height: u16) -> Option<Rect> {
    let area = overlay_area(state);
    let rect = centred(area, width.min(area.width.saturating_sub(2)), height.min(area.height));
    (rect.width >= 20 && rect.height >= 5).then_some(rect)
}

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

pub fn details(frame: &mut Frame<'_>, state: &State, form: &DetailsForm, theme: &Theme) {
    super::household::details(frame, state, form, theme);
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
pub(super) fn short(text: &str, max: usize) -> String {
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
