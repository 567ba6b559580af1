//! The two small forms: who handles the calls, and the case system's
//! reference for this record.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::Theme;
use super::record::{popup, with_cursor};
use crate::app::screens::handler::{HANDLER_FIELDS, HandlerForm, ReferenceForm};
use crate::app::{Action, State};
use crate::keymap::Context;
use crate::text::clean_line;

/// The label column: " {:<12} ".
const LABEL: usize = 13;

pub fn handler(frame: &mut Frame<'_>, state: &State, form: &HandlerForm, theme: &Theme) {
    let Some(area) = popup(state, 72, 8 + u16::from(form.problem.is_some())) else { return };
    let room = usize::from(area.width.saturating_sub(2)).saturating_sub(LABEL + 1);
    // The fields first: on a narrow screen the words wrap, and the fields
    // must not be the part that is cut off.
    let mut lines = Vec::new();
    for (i, (label, input)) in HANDLER_FIELDS.iter().zip(&form.inputs).enumerate() {
        let mut spans = vec![Span::styled(format!(" {label:<12}"), theme.heading), Span::raw(" ")];
        if i == form.field {
            spans.extend(with_cursor(input, room, theme));
        } else {
            spans.push(Span::styled(input.text(), theme.text));
        }
        lines.push(Line::from(spans));
    }
    if let Some(problem) = &form.problem {
        lines.push(Line::from(Span::styled(format!(" {problem}"), theme.warning)));
    }
    lines.push(Line::from(Span::styled(
        " Recorded on this call and every new one; the call goes on meanwhile.",
        theme.dim,
    )));
    let hint = |action: &Action| state.keymap().hint(Context::Handler, action);
    let block = Block::bordered().title(" Who is handling the calls ").title_bottom(Line::from(format!(
        " {}: save · {}: back ",
        hint(&Action::Confirm),
        hint(&Action::Close)
    )));
    super::cover::clear(frame, area);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), area);
}

pub fn reference(frame: &mut Frame<'_>, state: &State, form: &ReferenceForm, theme: &Theme) {
    let Some(area) = popup(state, 72, 6 + u16::from(form.problem.is_some())) else { return };
    let now = state.call().case_reference().map_or_else(
        || " Not marked entered yet.".to_string(),
        |c| format!(" Marked entered as {}.", clean_line(&c.reference)),
    );
    reference_in(frame, area, state, form, (None, now), theme);
}

/// The case-reference prompt in `area`, for the call on screen or one
/// chosen in the calls screen: `lead` (which call) above the field, `now`
/// (what it is marked as already) below it.
pub fn reference_in(
    frame: &mut Frame<'_>,
    area: Rect,
    state: &State,
    form: &ReferenceForm,
    (lead, now): (Option<String>, String),
    theme: &Theme,
) {
    let room = usize::from(area.width.saturating_sub(2)).saturating_sub(LABEL + 1);
    let mut spans = vec![Span::styled(format!(" {:<12}", "Reference"), theme.heading), Span::raw(" ")];
    spans.extend(with_cursor(&form.input, room, theme));
    let mut lines: Vec<Line<'_>> = lead.into_iter().map(Line::raw).collect();
    lines.push(Line::from(spans));
    if let Some(problem) = &form.problem {
        lines.push(Line::from(Span::styled(format!(" {problem}"), theme.warning)));
    }
    lines.push(Line::from(Span::styled(now, theme.dim)));
    lines
        .push(Line::from(Span::styled(" The case system's reference, once this record is typed in there.", theme.dim)));
    let hint = |action: &Action| state.keymap().hint(Context::CaseReference, action);
    let block = Block::bordered().title(" Entered in the case system ").title_bottom(Line::from(format!(
        " {}: save · {}: back ",
        hint(&Action::Confirm),
        hint(&Action::Close)
    )));
    super::cover::clear(frame, area);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), area);
}
