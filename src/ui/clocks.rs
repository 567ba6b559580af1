//! The call's clocks: each with its countdown, its local due time, where
//! its timescale came from, and whether it was met.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{Theme, centred};
use crate::app::{Action, State};
use crate::call::clocks::{ClockKind, Outcome, STARTS, clocks, countdown, describe};
use crate::hours::local::human;
use crate::keymap::Context;
use crate::text::clean_line;

pub fn draw(frame: &mut Frame<'_>, state: &State, cursor: usize, theme: &Theme) {
    let area = super::overlay_area(state);
    let popup = centred(area, 76, 18);
    if popup.width < 8 || popup.height < 3 {
        return;
    }
    let zone = crate::pack::resolve::pack_zone(state.pack());
    let urgency = state.call().clocks.urgency_now().map_or("not set", |u| u.label());
    let mut lines = vec![Line::from(vec![
        Span::styled(" Decision urgency: ", theme.heading),
        Span::raw(urgency),
        Span::styled(format!("  ({}: change)", state.keymap().hint(Context::Clocks, &Action::SetUrgency)), theme.dim),
    ])];
    for (i, clock) in clocks(state.pack(), state.call(), state.calendar()).iter().enumerate() {
        let status = match (clock.outcome, countdown(clock, state.now(), zone)) {
            (Outcome::Met(at), _) => format!("met, done {}", human(at, zone)),
            (Outcome::NotMet(at), _) => format!("not met, done {}", human(at, zone)),
            (Outcome::Open, Some(c)) => c.text().to_string(),
            (Outcome::Open, None) => "open".to_string(),
        };
        let overdue = clock.outcome == Outcome::Open && status.starts_with("OVERDUE");
        let here = if i == cursor { theme.cursor } else { theme.heading };
        let mark = match clock.kind {
            ClockKind::Decision => "   ",
            _ if clock.outcome == Outcome::Open => "[ ]",
            _ => "[x]",
        };
        lines.push(Line::raw(""));
        lines.push(Line::from(vec![
            Span::styled(format!(" {mark} {}", clean_line(&clock.name)), here),
            Span::raw(" — "),
            Span::styled(status, if overdue { theme.alert_mark } else { theme.text }),
        ]));
        let due = clock.due.map_or_else(|| "out of range".to_string(), |d| human(d, zone));
        lines.push(Line::raw(format!("     due {due} · {}", describe(clock.span))));
        lines.push(Line::from(Span::styled(format!("     {}", clean_line(&clock.source.describe())), theme.dim)));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(format!(" {STARTS}"), theme.dim)));
    let done = state.keymap().hint(Context::Clocks, &Action::MarkClockDone);
    let block = Block::bordered().title(" Clocks ").title_bottom(format!(" {done}: done / not done "));
    super::cover::clear(frame, popup);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), popup);
}
