//! The call-record screens: details, notes, decision.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{Theme, centred, overlay_area};
use crate::app::input::TextInput;
use crate::app::record::DecisionField;
use crate::app::screens::decision::DecisionForm;
use crate::app::screens::details::DetailsForm;
use crate::app::screens::notes::NotesForm;
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
    super::cover::clear(frame, area);
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
    super::cover::clear(frame, area);
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
