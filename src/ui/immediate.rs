//! The immediate-referral list: the items that need a referral at once.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{Theme, centred};
use crate::app::{Action, State};
use crate::keymap::Context;
use crate::text::clean_line;

pub fn draw(frame: &mut Frame<'_>, state: &State, cursor: usize, theme: &Theme) {
    let area = super::overlay_area(state);
    let popup = centred(area, area.width.saturating_sub(4).min(110), area.height.saturating_sub(2));
    if popup.width < 8 || popup.height < 3 {
        return;
    }
    let pack = state.pack();
    let width = usize::from(popup.width.saturating_sub(2));
    let mut lines: Vec<Line<'_>> = Vec::new();
    let mut cursor_line = 0;
    for (i, entry) in state.grid().immediate.iter().enumerate() {
        let ticked = state.call().is_ticked(&entry.id);
        let here = i == cursor;
        let style = if here {
            theme.cursor
        } else if ticked {
            theme.ticked
        } else {
            theme.text
        };
        let indent = if entry.is_sub { "      " } else { "" };
        let tick = if ticked { "[x]" } else { "[ ]" };
        let text_width = width.saturating_sub(indent.len() + 7).max(8);
        if here {
            cursor_line = lines.len();
        }
        let about_child = super::children::marked(state, &entry.id, entry.applies_to.as_ref());
        let mark = if about_child { "!» " } else { "!  " };
        for (n, part) in crate::app::layout::wrap(&entry.text, text_width).into_iter().enumerate() {
            let lead = if n == 0 { format!("{indent}{tick} {mark}") } else { format!("{indent}       ") };
            lines.push(Line::from(vec![Span::styled(lead, style), Span::styled(part, style)]));
        }
        if let (Some(label), Some(line)) = (super::children::tick_label(state, &entry.id), lines.last_mut()) {
            line.push_span(Span::styled(format!(" {label}"), theme.alert_mark));
        }
    }
    lines.push(Line::raw(""));
    for text in pack.immediate.intro.iter().chain(pack.immediate.action.iter()) {
        lines.push(Line::from(Span::styled(clean_line(text), theme.dim)));
    }
    let inner_height = usize::from(popup.height.saturating_sub(2));
    let scroll = cursor_line.saturating_sub(inner_height.saturating_sub(2));
    let keys = state.keymap().hint(Context::Immediate, &Action::Close);
    let block = Block::bordered()
        .title(Line::from(Span::styled(format!(" ! {} ", clean_line(&pack.immediate.title)), theme.alert)))
        .title_bottom(Line::from(format!(" {keys}: back to the grid ")).right_aligned());
    super::cover::clear(frame, popup);
    let paragraph =
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(block).scroll((u16::try_from(scroll).unwrap_or(0), 0));
    frame.render_widget(paragraph, popup);
}
