//! The pack picker.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{Theme, centred};
use crate::app::{Action, State};
use crate::keymap::Context;

pub fn draw(frame: &mut Frame<'_>, state: &State, cursor: usize, theme: &Theme) {
    let area = super::overlay_area(state);
    let height = u16::try_from(state.pack_choices().len()).unwrap_or(0).saturating_add(4);
    let popup = centred(area, 60, height);
    if popup.width < 8 || popup.height < 3 {
        return;
    }
    let mut lines: Vec<Line<'_>> = state
        .pack_choices()
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let here = i == cursor;
            let current = if *id == state.pack().id { "  (open now)" } else { "" };
            Line::from(Span::styled(format!(" {id}{current}"), if here { theme.cursor } else { theme.text }))
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(" dutygrid pack list shows each pack's title.", theme.dim)));
    let open = state.keymap().hint(Context::Packs, &Action::Confirm);
    let block = Block::bordered().title(" Choose a pack ").title_bottom(format!(" {open}: open "));
    super::cover::clear(frame, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
