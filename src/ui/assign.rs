//! The chooser of whom a tick is about: the whole household, or children
//! checked one by one.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{Theme, centred};
use crate::app::screens::assign::AssignForm;
use crate::app::{Action, State};
use crate::keymap::Context;
use crate::text::clean_line;

pub fn draw(frame: &mut Frame<'_>, state: &State, form: &AssignForm, theme: &Theme) {
    let area = super::overlay_area(state);
    let call = state.call();
    let children = &call.household.children;
    let height = u16::try_from(children.len()).unwrap_or(u16::MAX).saturating_add(6);
    let popup = centred(area, area.width.saturating_sub(4).min(64), height);
    if popup.width < 8 || popup.height < 3 {
        return;
    }
    let text = state.pack().catalog().get(&form.item).map(|e| clean_line(&e.text)).unwrap_or_default();
    let verb = if call.is_ticked(&form.item) { "Ticked" } else { "To tick" };
    let mut lines = vec![Line::from(Span::styled(format!("{verb}: {text}"), theme.dim)), Line::raw("")];
    let row = |i: usize, checked: bool, label: String| {
        let style = if i == form.cursor { theme.cursor } else { theme.text };
        Line::from(Span::styled(format!(" [{}] {label}", if checked { "x" } else { " " }), style))
    };
    lines.push(row(0, form.chosen.is_empty(), "Whole household".into()));
    for (i, child) in children.iter().enumerate() {
        let label = clean_line(&child.name_and_age(call.today()));
        lines.push(row(i + 1, form.chosen.contains(&child.id), label));
    }
    let keys = state.keymap();
    let check = keys.hint(Context::Assign, &Action::ToggleTick);
    let record = keys.hint(Context::Assign, &Action::Confirm);
    let close = keys.hint(Context::Assign, &Action::Close);
    let block = Block::bordered()
        .title(Line::from(Span::styled(" About whom? ", theme.heading)))
        .title_bottom(Line::from(format!(" {check}: check · {record}: record · {close}: cancel ")).right_aligned());
    super::cover::clear(frame, popup);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), popup);
}
