//! The immediate-protection interrupt: what was ticked, what the document
//! says to do, the number to ring this minute and 999. It stays until
//! acknowledged.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

use super::{Theme, centred};
use crate::app::State;
use crate::call::summary::place_of;
use crate::call::summary::{Place, trigger_of};
use crate::hours::resolve::LineKind;
use crate::keymap::Context;
use crate::text::clean_line;

pub fn draw(frame: &mut Frame<'_>, state: &State, theme: &Theme) {
    let Some(alert) = state.call.pending_alert() else { return };
    let area = super::overlay_area(state);
    let width = area.width.saturating_sub(4).min(100);
    let pack = &state.pack;
    let item_text = state
        .grid
        .find(&alert.item)
        .and_then(|c| state.grid.item(c))
        .map(|i| i.text.clone())
        .or_else(|| state.grid.immediate.iter().find(|e| e.id == alert.item).map(|e| e.text.clone()))
        .unwrap_or_default();
    let mut lines = vec![Line::from(Span::styled(format!("Ticked: {item_text}"), theme.heading))];
    if let Some(trigger) = trigger_of(pack, &alert.item).filter(|t| t.id != alert.item) {
        lines.push(Line::raw(format!("Immediate referral: {}", clean_line(&trigger.text))));
    }
    if let Some(Place::Grid { level }) = place_of(pack, &alert.item)
        && pack.levels[level].immediate_protection
    {
        let l = &pack.levels[level];
        lines.push(Line::raw(format!("Level {} {}: {}", level + 1, clean_line(&l.name), clean_line(&l.description))));
        if let Some(action) = &l.action {
            lines.push(Line::raw(clean_line(action)));
        }
    }
    lines.push(Line::raw(""));
    for action in &pack.immediate.action {
        lines.push(Line::raw(clean_line(action)));
    }
    lines.push(Line::raw(""));
    let contact = &state.contact;
    lines.push(Line::from(vec![
        Span::styled(" RING NOW ", theme.alert),
        Span::styled(format!(" {}", clean_line(&contact.line.spoken())), theme.heading),
    ]));
    if let Some(other) = &contact.alternative {
        lines.push(Line::raw(format!("Out of hours: {}", clean_line(&other.spoken()))));
    }
    if let Some(words) = contact.line.words.as_ref().filter(|_| contact.kind == LineKind::OutOfHours) {
        lines.push(Line::raw(clean_line(words)));
    }
    for line in &contact.emergency {
        lines.push(Line::from(Span::styled(
            format!(" Child in immediate danger: {} ", clean_line(&line.spoken())),
            theme.emergency,
        )));
    }
    let popup = centred(area, width, super::wrapped_height(&lines, width.saturating_sub(2)).saturating_add(2));
    if popup.width < 3 || popup.height < 3 {
        return;
    }
    let keys = state.keymap.hint(Context::Banner, &crate::app::Action::Acknowledge);
    let title = Line::from(Span::styled(" ! IMMEDIATE PROTECTION — REFER NOW ! ", theme.alert)).centered();
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme.alert_mark)
        .title(title)
        .title_bottom(Line::from(format!(" {keys}: acknowledge ")).centered());
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), popup);
}
