//! The read-back: large, plain sections to read aloud, under the header so
//! the number to ring stays in view while it is read.

use ratatui::Frame;
use ratatui::layout::Alignment;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::Theme;
use super::record::popup;
use crate::app::layout::wrap;
use crate::app::readback::sections;
use crate::app::screens::readback::ReadbackView;
use crate::app::{Action, State};
use crate::keymap::Context;

pub fn draw(frame: &mut Frame<'_>, state: &State, view: &ReadbackView, theme: &Theme) {
    let Some(widest) = popup(state, 110, u16::MAX) else { return };
    let width = usize::from(widest.width.saturating_sub(2)).max(1);
    let mut lines = Vec::new();
    for section in sections(state.pack(), state.calendar(), state.call(), view.opened_at) {
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::from(Span::styled(format!(" {}", section.title), theme.heading)));
        for sentence in &section.lines {
            for (i, part) in wrap(sentence, width.saturating_sub(5).max(8)).into_iter().enumerate() {
                let lead = if i == 0 { "  • " } else { "    " };
                lines.push(Line::raw(format!("{lead}{part}")));
            }
        }
    }
    // As tall as the text, so a short read-back does not hide the grid.
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let Some(area) = popup(state, widest.width, height) else { return };
    let inner_height = usize::from(area.height.saturating_sub(2));
    let max = u16::try_from(lines.len().saturating_sub(inner_height)).unwrap_or(u16::MAX);
    let scroll = view.scroll.min(max);
    let hint = |action: &Action| state.keymap().hint(Context::Readback, action);
    let (end, back) = (hint(&Action::EndCall), hint(&Action::Close));
    let title =
        if view.ending { " Before the call ends: read this back to the caller " } else { " Read back to the caller " };
    let block = Block::bordered()
        .title(title)
        .title_bottom(Line::from(format!(" {end}: end the call · {back}: back ")).alignment(Alignment::Left));
    let block = super::scroll_marks(block, scroll > 0, scroll < max, theme);
    super::cover::clear(frame, area);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
}
