//! The call so far: ticks per level, the highest level indicated, the
//! document's words for it, and always the reminder that the thresholds are
//! guidance and professional judgement decides.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Wrap};

use super::Theme;
use crate::app::State;
use crate::call::summary::summarise;
use crate::text::clean_line;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub const GUIDANCE: &str =
    "Guidance, not a decision: the indicators are examples and professional judgement decides the level.";
pub const GUIDANCE_SHORT: &str = "Guidance only — professional judgement decides the level.";

pub fn draw(frame: &mut Frame<'_>, area: Rect, state: &State, theme: &Theme) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let area = super::children::draw(frame, area, state, theme);
    let summary = summarise(state.pack(), state.call());
    let counts: Vec<String> = summary
        .per_level
        .iter()
        .enumerate()
        .map(|(i, n)| format!("{} {}: {n}", i + 1, state.grid().level_names[i]))
        .collect();
    let highest = summary.highest.and_then(|i| state.pack().levels.get(i).map(|l| (i, l)));
    let indicated = match highest {
        Some((i, level)) => format!("Highest level indicated: {} {}", i + 1, clean_line(&level.name)),
        None => "No grid indicators ticked yet.".to_string(),
    };
    let immediate =
        if summary.immediate > 0 { format!(" · immediate list: {}", summary.immediate) } else { String::new() };
    let alert = summary.alert_line();
    let side = area.height > 6;
    let mut lines: Vec<Line<'_>> = Vec::new();
    if side {
        lines.push(Line::from(Span::styled("The call so far", theme.heading)));
        // An alert leads, before any count, so the counts cannot read as
        // the answer when immediate protection is indicated.
        if let Some(alert) = &alert {
            lines.push(Line::from(Span::styled(alert.clone(), theme.alert_mark)));
            lines.push(Line::from(Span::styled(indicated.clone(), theme.heading)));
        }
        for (i, text) in counts.iter().enumerate() {
            let style = if summary.highest_ticked == Some(i) { theme.ticked } else { theme.text };
            lines.push(Line::from(Span::styled(format!("  {text}"), style)));
        }
        if summary.immediate > 0 {
            lines.push(Line::from(Span::styled(format!("  Immediate list: {}", summary.immediate), theme.alert_mark)));
        }
        lines.push(Line::raw(""));
        if alert.is_none() {
            lines.push(Line::from(Span::styled(indicated, theme.heading)));
        }
        if let Some((_, level)) = highest {
            lines.push(Line::raw(clean_line(&level.description)));
            if let Some(action) = &level.action {
                lines.push(Line::from(vec![Span::styled("Action: ", theme.heading), Span::raw(clean_line(action))]));
            }
            let room = usize::from(area.width.saturating_sub(2)) * SERVICES_LINES;
            if let Some(services) = services(level, room.saturating_sub(SERVICES.len())) {
                lines.push(Line::from(vec![Span::styled(SERVICES, theme.heading), Span::raw(services)]));
            }
        }
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled(GUIDANCE, theme.warning)));
        lines.push(Line::from(Span::styled(clean_line(&state.pack().guidance_only), theme.dim)));
        if let Some(item) = state.grid().item(state.cursor()) {
            let related = super::search::related_for(state, &item.id, theme);
            if !related.is_empty() {
                lines.push(Line::raw(""));
                lines.extend(related);
            }
        }
        let ticked = ticked_list(state);
        if !ticked.is_empty() {
            lines.push(Line::raw(""));
            lines.push(Line::from(Span::styled("Ticked", theme.heading)));
            lines.extend(ticked.into_iter().map(Line::raw));
        }
        let block = Block::new().padding(Padding::horizontal(1));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), area);
    } else {
        let counts = if area.width >= 110 {
            counts.join(" · ")
        } else {
            let short: Vec<String> =
                summary.per_level.iter().enumerate().map(|(i, n)| format!("{}:{n}", i + 1)).collect();
            format!("level {}", short.join("  "))
        };
        let action =
            highest.and_then(|(_, l)| l.action.as_ref()).map(|a| format!(" — {}", clean_line(a))).unwrap_or_default();
        // With an alert, it and the level it indicates come first, each on
        // its own line so neither is cut at 80 columns.
        if let Some(alert) = &alert {
            lines.push(Line::from(Span::styled(alert.clone(), theme.alert_mark)));
            lines.push(Line::from(Span::styled(format!("{indicated}{action}"), theme.heading)));
        }
        lines.push(Line::from(vec![Span::styled("Ticked ", theme.heading), Span::raw(counts + &immediate)]));
        if alert.is_none() {
            lines.push(Line::raw(format!("{indicated}{action}")));
        }
        // Dropped before the counts or the guidance line when rows are short.
        if let Some(services) =
            highest.and_then(|(_, l)| services(l, usize::from(area.width).saturating_sub(SERVICES.len())))
        {
            lines.push(Line::from(vec![Span::styled(SERVICES, theme.heading), Span::raw(services)]));
        }
        if let Some((_, level)) = highest.filter(|_| area.height > 3) {
            lines.push(Line::from(Span::styled(clean_line(&level.description), theme.dim)));
        }
        let guidance = if area.width >= 110 { GUIDANCE } else { GUIDANCE_SHORT };
        lines.push(Line::from(Span::styled(guidance, theme.warning)));
        // On a very short screen the guidance line outlives the others.
        while lines.len() > usize::from(area.height) && lines.len() > 1 {
            lines.remove(lines.len() - 2);
        }
        frame.render_widget(Paragraph::new(lines), area);
    }
}

const SERVICES: &str = "Services: ";
/// Rows the side panel gives the level's services.
const SERVICES_LINES: usize = 3;

/// The level's services as printed, joined and cut to `width` columns.
fn services(level: &crate::pack::Level, width: usize) -> Option<String> {
    if level.services.is_empty() || width < 8 {
        return None;
    }
    // "All of the above plus:" leads into the list rather than joining it.
    let mut all = String::new();
    for service in level.services.iter().map(|s| clean_line(s)) {
        if !all.is_empty() {
            all.push_str(if all.ends_with(':') { " " } else { "; " });
        }
        all.push_str(&service);
    }
    if all.width() <= width {
        return Some(all);
    }
    let mut out = String::new();
    for c in all.chars() {
        if out.width() + c.width().unwrap_or(0) + 1 > width {
            break;
        }
        out.push(c);
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    Some(out)
}

/// "3 Targeted: Poor home/school link", per ticked grid indicator, by level.
fn ticked_list(state: &State) -> Vec<String> {
    let mut out: Vec<(usize, String)> = Vec::new();
    // The catalog, not a walk of the grid: a frame costs the same on a
    // pack of any size. Grid items and immediate entries are its entries.
    let catalog = state.pack().catalog();
    for (id, _) in state.call().ticked() {
        let Some(entry) = catalog.get(id) else { continue };
        match entry.level {
            Some(level) => out.push((level, format!("  {} · {}", level + 1, entry.text))),
            None => out.push((usize::MAX, format!("  ! {}", entry.text))),
        }
    }
    out.sort_by_key(|(level, _)| std::cmp::Reverse(*level));
    out.into_iter().map(|(_, text)| text).collect()
}
