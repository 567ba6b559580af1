//! The immediate-protection interrupt: the number to ring this minute and
//! 999 first, pinned at the top where no size can cut them, then what was
//! ticked and what the document says to do, shortened to the room left. It
//! stays until acknowledged.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};

use super::fit::first_that_fits;
use super::{Theme, centred};
use crate::app::State;
use crate::app::contact_now::DEFAULT_999_NOTE;
use crate::call::summary::trigger_of;
use crate::keymap::Context;
use crate::pack::resolve::LineKind;
use crate::text::clean_line;

pub fn draw(frame: &mut Frame<'_>, state: &State, theme: &Theme) {
    if state.call().pending_alert().is_none() {
        return;
    }
    let area = super::overlay_area(state);
    // Narrow screens give the banner every column rather than a margin.
    let width = if area.width < 40 { area.width } else { area.width.saturating_sub(4).min(100) };
    let inner_width = width.saturating_sub(2);
    let pinned = Paragraph::new(pinned_lines(state, inner_width, theme)).wrap(Wrap { trim: false });
    let document = Paragraph::new(document_lines(state, theme)).wrap(Wrap { trim: false });
    let item = state.call().pending_alert().map(|a| a.item.clone()).unwrap_or_default();
    let names = Paragraph::new(super::children::banner_lines(state, &item, theme)).wrap(Wrap { trim: false });
    let pinned_height = line_count(&pinned, inner_width);
    let document_height = line_count(&document, inner_width);
    let names_height = if names.line_count(1) == 0 { 0 } else { line_count(&names, inner_width) };
    let wanted =
        pinned_height.saturating_add(1).saturating_add(names_height).saturating_add(document_height).saturating_add(2);
    let popup = centred(area, width, wanted);
    if popup.width < 3 || popup.height < 3 {
        return;
    }
    let keys = state.keymap().hint(Context::Banner, &crate::app::Action::Acknowledge);
    let titles = [" ! IMMEDIATE PROTECTION — REFER NOW ! ", " ! IMMEDIATE PROTECTION ! ", " ! REFER NOW ! "];
    let titles = titles.map(|t| Line::from(Span::styled(t, theme.alert)));
    let title = first_that_fits(popup.width.saturating_sub(2), titles).centered();
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme.alert_mark)
        .title(title)
        .title_bottom(Line::from(format!(" {keys}: acknowledge ")).centered());
    let inner = block.inner(popup);
    super::cover::clear(frame, popup);
    frame.render_widget(block, popup);

    let pinned_rows = pinned_height.min(inner.height);
    frame.render_widget(pinned, Rect { height: pinned_rows, ..inner });
    // One blank row between the numbers and the document's words.
    let rest = Rect { y: inner.y + pinned_rows + 1, height: inner.height.saturating_sub(pinned_rows + 1), ..inner };
    if rest.height == 0 {
        return;
    }
    // The children's names come next: the document's words shorten first.
    let names_rows = names_height.min(rest.height);
    frame.render_widget(names, Rect { height: names_rows, ..rest });
    let rest = Rect { y: rest.y + names_rows, height: rest.height - names_rows, ..rest };
    if rest.height == 0 {
        return;
    }
    if document_height <= rest.height {
        frame.render_widget(document, rest);
        return;
    }
    let text = Rect { height: rest.height - 1, ..rest };
    frame.render_widget(document, text);
    let list = state.keymap().hint(Context::Grid, &crate::app::Action::OpenImmediate);
    let mores = if list.is_empty() {
        vec!["… more in the immediate-referral list".to_string(), "… more".to_string()]
    } else {
        vec![
            format!("… more: after acknowledging, {list} opens the immediate-referral list"),
            format!("… more: {list} after acknowledging"),
            "… more".to_string(),
        ]
    };
    let mores = mores.into_iter().map(|m| Line::from(Span::styled(m, theme.dim)));
    let more = Paragraph::new(first_that_fits(rest.width, mores));
    frame.render_widget(more, Rect { y: text.bottom(), height: 1, ..rest });
}

/// The lines no size may cut: the number to ring now, the out-of-hours
/// line where the hours are unknown, and 999. Each in the longest form that
/// fits the width, so the number itself is never wrapped away.
fn pinned_lines(state: &State, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let contact = state.contact();
    let line = &contact.line;
    let ring =
        |what: String| Line::from(vec![Span::styled(" RING NOW ", theme.alert), Span::styled(what, theme.heading)]);
    let numbers = clean_line(&line.numbers);
    let forms = vec![
        ring(format!(" {} {numbers}", clean_line(&line.name))),
        ring(format!(" {} {numbers}", clean_line(line.short()))),
        ring(format!(" {numbers}")),
    ];
    let mut lines = vec![first_that_fits(width, forms)];
    // In the minutes before the line switches, the handler ringing now must
    // know the number may change under them: the header's warning is hidden
    // behind the banner, so the banner says it too.
    let warnings = contact.warnings();
    if !warnings.is_empty() {
        let forms = warnings.into_iter().map(|w| Line::from(Span::styled(format!("! {w}"), theme.alert_mark)));
        lines.push(first_that_fits(width, forms));
    }
    if let Some(other) = &contact.alternative {
        let forms = vec![
            Line::raw(format!("Out of hours: {}", clean_line(&other.spoken()))),
            Line::raw(format!("Out of hours: {} {}", clean_line(other.short()), clean_line(&other.numbers))),
            Line::raw(format!("OOH {}", clean_line(&other.numbers))),
        ];
        lines.push(first_that_fits(width, forms));
    }
    for danger in &contact.emergency {
        let own = |text: &str| if danger.dutygrid_default { format!(" ({text})") } else { String::new() };
        let forms = [
            format!(" Child in immediate danger: {}{} ", clean_line(&danger.spoken()), own(DEFAULT_999_NOTE)),
            format!(" Child in immediate danger: {}{} ", clean_line(&danger.spoken()), own("dutygrid's own line")),
            format!(" Immediate danger: {} {}{} ", clean_line(danger.short()), danger.numbers, own("dutygrid")),
            format!(" Danger: {} ", clean_line(&danger.numbers)),
        ];
        lines.push(first_that_fits(width, forms.map(|f| Line::from(Span::styled(f, theme.emergency)))));
    }
    lines
}

/// What was ticked and what the document says to do, in its words; the
/// part that is shortened when the screen is small.
fn document_lines(state: &State, theme: &Theme) -> Vec<Line<'static>> {
    let Some(alert) = state.call().pending_alert() else { return Vec::new() };
    let pack = state.pack();
    let item_text = state
        .grid()
        .find(&alert.item)
        .and_then(|c| state.grid().item(c))
        .map(|i| i.text.clone())
        .or_else(|| state.grid().immediate.iter().find(|e| e.id == alert.item).map(|e| e.text.clone()))
        .unwrap_or_default();
    let mut lines = vec![Line::from(Span::styled(format!("Ticked: {item_text}"), theme.heading))];
    if let Some(trigger) = trigger_of(pack, &alert.item).filter(|t| t.id != alert.item) {
        lines.push(Line::raw(format!("Immediate referral: {}", clean_line(&trigger.text))));
    }
    if let Some(level) = pack.catalog().get(&alert.item).and_then(|e| e.level)
        && let Some(l) = pack.levels.get(level).filter(|l| l.immediate_protection)
    {
        lines.push(Line::raw(format!("Level {} {}: {}", level + 1, clean_line(&l.name), clean_line(&l.description))));
        if let Some(action) = &l.action {
            lines.push(Line::raw(clean_line(action)));
        }
    }
    for action in &pack.immediate.action {
        lines.push(Line::raw(clean_line(action)));
    }
    let contact = state.contact();
    if let Some(words) = contact.line.words.as_ref().filter(|_| contact.kind == LineKind::OutOfHours) {
        lines.push(Line::raw(clean_line(words)));
    }
    for line in &contact.non_emergency {
        lines.push(Line::raw(format!("Not for emergencies: {}", clean_line(&line.spoken()))));
    }
    lines
}

fn line_count(paragraph: &Paragraph<'_>, width: u16) -> u16 {
    u16::try_from(paragraph.line_count(width.max(1))).unwrap_or(u16::MAX)
}
