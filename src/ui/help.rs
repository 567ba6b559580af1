//! Help: every key of the active keymap, by context (the text is built in
//! `app::help`), with a mark in the border while more is above or below.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::Theme;
use crate::app::help::{lines, max_scroll, popup};
use crate::app::{Action, State};
use crate::keymap::Context;

pub fn draw(frame: &mut Frame<'_>, state: &State, scroll: u16, theme: &Theme) {
    let popup = popup(state);
    if popup.width < 8 || popup.height < 3 {
        return;
    }
    let text = lines(state, usize::from(popup.width.saturating_sub(2)));
    // A resize can leave the scroll past the new end.
    let max = max_scroll(state);
    let scroll = scroll.min(max);
    let lines: Vec<Line<'_>> = text
        .into_iter()
        .map(|l| if l.heading { Line::from(Span::styled(l.text, theme.heading)) } else { Line::raw(l.text) })
        .collect();
    let keys = state.keymap().hint(Context::Help, &Action::Close);
    let block =
        Block::bordered().title(" Help — keys from the active keymap ").title_bottom(format!(" {keys}: close "));
    let block = super::scroll_marks(block, scroll > 0, scroll < max, theme);
    super::cover::clear(frame, popup);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), popup);
}
