//! The header on every screen: the line to ring this minute, 999, the time
//! and the call timer.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use crate::app::State;
use crate::hours::resolve::LineKind;
use crate::text::clean_line;

pub fn draw(frame: &mut Frame<'_>, area: Rect, state: &State, theme: &Theme) {
    if area.height == 0 {
        return;
    }
    let contact = &state.contact;
    let (badge, style) = match contact.kind {
        LineKind::Office => ("OFFICE HOURS", theme.office),
        LineKind::OutOfHours => ("OUT OF HOURS", theme.out_of_hours),
        LineKind::Unknown => ("HOURS NOT STATED", theme.unknown),
    };
    let until = contact.until.map(|u| {
        let same_day = u.date_naive() == contact.local.date_naive();
        if same_day {
            format!(" — until {}", u.format("%H:%M"))
        } else {
            format!(" — until {}", u.format("%H:%M %a %-d %b"))
        }
    });
    let mut first = vec![
        Span::styled(format!(" {badge} "), style),
        Span::styled(format!(" Ring {} ", clean_line(&contact.line.spoken())), style),
        Span::raw(until.unwrap_or_default()),
    ];
    if let Some(other) = &contact.alternative {
        first.push(Span::raw(format!(" · out of hours: {}", clean_line(&other.spoken()))));
    }

    let emergency = contact.emergency.first().map_or_else(|| "999".to_string(), |l| l.spoken());
    let elapsed = state.call_elapsed().num_seconds();
    let timer = format!("call {:02}:{:02}:{:02}", elapsed / 3600, elapsed / 60 % 60, elapsed % 60);
    let wide = area.width >= 110;
    let danger = if wide { "Child in immediate danger" } else { "Immediate danger" };
    let date = if wide { "%H:%M:%S %a %-d %b %Y" } else { "%H:%M:%S %a %-d %b" };
    let clock = format!("{} · {timer} ", contact.local.format(date));
    let left = Span::styled(format!(" {danger}: {} ", clean_line(&emergency)), theme.emergency);
    let badge_text = if state.simulated { " SIMULATED " } else { "" };
    let right_width = clock.chars().count() + badge_text.len() + 1;
    let gap = usize::from(area.width).saturating_sub(left.width() + right_width);
    let mut second = vec![left, Span::raw(" ".repeat(gap.max(1)))];
    if state.simulated {
        second.push(Span::styled(badge_text, theme.badge));
        second.push(Span::raw(" "));
    }
    second.push(Span::raw(clock));

    let third = match contact.warning() {
        Some(warning) => Line::from(Span::styled(format!(" ! {} ", clean_line(&warning)), theme.warning)),
        None => {
            let detail = match (contact.kind, &contact.line.words) {
                (LineKind::OutOfHours, Some(words)) => format!("{} — {}", contact.reason, words),
                _ => contact.reason.clone(),
            };
            Line::from(Span::styled(format!(" {}", clean_line(&detail)), theme.dim))
        }
    };
    let lines = vec![Line::from(first), Line::from(second), third];
    frame.render_widget(Paragraph::new(lines), area);
}
