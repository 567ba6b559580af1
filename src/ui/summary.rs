//! The call so far: ticks per level, the highest level indicated, the
//! document's words for it, and always the reminder that the thresholds are
//! guidance and professional judgement decides.

use std::cell::RefCell;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::Theme;
use super::kept::Kept;
use super::unchanged::{Region, Unchanged};
use crate::app::State;
use crate::call::clocks::{Clock, Countdown, clocks, countdown};
use crate::call::summary::summarise;
use crate::text::clean_line;
use unicode_width::UnicodeWidthStr;

pub const GUIDANCE: &str =
    "Guidance, not a decision: the indicators are examples and professional judgement decides the level.";
pub const GUIDANCE_SHORT: &str = "Guidance only — professional judgement decides the level.";

/// Draws the call's summary into `area`; for a terminal (when `unchanged`
/// allows it), the side panel's rows the terminal shows as they are now are
/// left out, into `unchanged`.
pub fn draw(frame: &mut Frame<'_>, area: Rect, state: &State, theme: &Theme, unchanged: &mut Unchanged) {
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
    // Beside the indicated level, once recorded; the app never fills it in.
    let decided = decided_level(state).map(|d| format!("Your decision: {d}"));
    let mut lines: Vec<Line<'_>> = Vec::new();
    if side {
        lines.push(Line::from(Span::styled("The call so far", theme.heading)));
        // An alert leads, before any count, so the counts cannot read as
        // the answer when immediate protection is indicated.
        if let Some(alert) = &alert {
            lines.push(Line::from(Span::styled(alert.clone(), theme.alert_mark)));
            lines.push(Line::from(Span::styled(indicated.clone(), theme.heading)));
            lines.extend(decided.clone().map(|d| Line::from(Span::styled(d, theme.heading))));
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
            lines.extend(decided.map(|d| Line::from(Span::styled(d, theme.heading))));
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
        let clocks = running_clocks(state);
        if !clocks.is_empty() {
            lines.push(Line::raw(""));
            lines.push(Line::from(Span::styled("Clocks", theme.heading)));
            for (clock, countdown) in &clocks {
                let style = if countdown.overdue() { theme.alert_mark } else { theme.text };
                let text = format!("  {} {}", clock.short_name(), countdown.text());
                lines.push(Line::from(Span::styled(text, style)));
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
        // Each line takes a row at least: only those that can show are
        // made, however many indicators a long call has ticked.
        let room = usize::from(area.height).saturating_sub(lines.len() + 2);
        let ticked = ticked_list(state, room);
        if !ticked.is_empty() {
            lines.push(Line::raw(""));
            lines.push(Line::from(Span::styled("Ticked", theme.heading)));
            lines.extend(ticked.into_iter().map(Line::raw));
        }
        // A column of padding each side, as a padded block gives, without
        // the block's pass over every cell to apply an empty style.
        let inner = Rect { x: area.x.saturating_add(1), width: area.width.saturating_sub(2), ..area };
        super::kept::wrapped(&SIDE, frame.buffer_mut(), inner, lines, unchanged);
    } else {
        let short: Vec<String> = summary.per_level.iter().enumerate().map(|(i, n)| format!("{}:{n}", i + 1)).collect();
        let short = format!("level {}", short.join("  "));
        let long = counts.join(" · ");
        let mut clocks = clocks_line(state, theme);
        // The level names where they fit, with the clocks beside them if any:
        // the clocks on a row of their own would push the services off.
        let fits = |counts: &str| {
            let clocks = clocks.as_ref().map_or(0, |c| 3 + c.width());
            "Ticked ".len() + counts.width() + immediate.width() + clocks <= usize::from(area.width)
        };
        let counts = if area.width >= 110 && fits(&long) { long } else { short };
        let action =
            highest.and_then(|(_, l)| l.action.as_ref()).map(|a| format!(" — {}", clean_line(a))).unwrap_or_default();
        // With an alert, it and the level it indicates come first, each on
        // its own line so neither is cut at 80 columns.
        // The handler's own decision, when recorded, leads the level line,
        // and the running clocks follow it: both outlive the counts.
        let level_line = match decision_line(state, &summary) {
            Some(decision) => format!("{decision}{action}"),
            None => format!("{indicated}{action}"),
        };
        // A long action ends in "…" where it is cut; the guide has it whole.
        let level_line = super::fit::cut(&level_line, usize::from(area.width));
        let mut ticked = Line::from(vec![Span::styled("Ticked ", theme.heading), Span::raw(counts + &immediate)]);
        // The clocks share the counts' row where both fit, so the services
        // keep theirs; where not, the clocks get a row of their own, above
        // the counts when an alert takes a row too.
        if let Some(row) = clocks.take_if(|c| ticked.width() + 3 + c.width() <= usize::from(area.width)) {
            ticked.spans.push(Span::raw(" · "));
            ticked.spans.extend(row.spans);
        }
        if let Some(alert) = &alert {
            lines.push(Line::from(Span::styled(alert.clone(), theme.alert_mark)));
            lines.push(Line::from(Span::styled(level_line, theme.heading)));
            lines.extend(clocks);
            lines.push(ticked);
        } else {
            lines.push(ticked);
            lines.push(Line::raw(level_line));
            lines.extend(clocks);
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
        BELOW.with_borrow_mut(|last| {
            let same = |kept: &Vec<Line<'static>>| kept.as_slice() == lines.as_slice();
            if last.shown_by(unchanged.reuse(), area, same, || lines.iter().map(super::kept::owned).collect()) {
                unchanged.add_area(area);
            } else {
                super::lines::draw(frame.buffer_mut(), area, &lines);
            }
        });
    }
}

/// The level the handler recorded, "3 Targeted", or "withdrawn".
fn decided_level(state: &State) -> Option<String> {
    let decision = state.call().decision()?;
    let pack = state.pack();
    Some(match decision.level.as_deref() {
        Some(id) => pack.level_index(id).and_then(|i| level_name(pack, i)).unwrap_or_else(|| clean_line(id)),
        None => "withdrawn".to_string(),
    })
}

fn level_name(pack: &crate::pack::Pack, i: usize) -> Option<String> {
    pack.levels.get(i).map(|l| format!("{} {}", i + 1, clean_line(&l.name)))
}

/// "Your decision: 3 Targeted · indicated: up to 4 Specialist", once the
/// handler has recorded one.
fn decision_line(state: &State, summary: &crate::call::summary::Summary) -> Option<String> {
    let decided = decided_level(state)?;
    let indicated = summary
        .highest
        .and_then(|i| level_name(state.pack(), i))
        .map_or_else(|| "none".into(), |l| format!("up to {l}"));
    Some(format!("Your decision: {decided} · indicated: {indicated}"))
}

/// The open clocks with their countdowns, soonest due (or most overdue)
/// first.
fn running_clocks(state: &State) -> Vec<(Clock, Countdown)> {
    // A call with nothing in it is not a contact yet: an idle screen shows
    // no clocks.
    if !state.call().has_content() {
        return Vec::new();
    }
    let zone = crate::pack::resolve::pack_zone(state.pack());
    let mut running: Vec<(Clock, Countdown)> = clocks(state.pack(), state.call(), state.calendar())
        .into_iter()
        .filter_map(|c| countdown(&c, state.now(), zone).map(|d| (c, d)))
        .collect();
    crate::sort::sort_by_key(&mut running, |(c, _)| c.due);
    running
}

/// "Decision (red) OVERDUE 2 h · MARF due in 1 d 3 h": one line, OVERDUE
/// in the alarm style; `None` with no clock running.
fn clocks_line<'a>(state: &State, theme: &Theme) -> Option<Line<'a>> {
    let running = running_clocks(state);
    let mut spans: Vec<Span<'a>> = Vec::new();
    for (clock, countdown) in &running {
        if !spans.is_empty() {
            spans.push(Span::raw(" · "));
        }
        let style = if countdown.overdue() { theme.alert_mark } else { theme.text };
        spans.push(Span::styled(format!("{} {}", clock.short_name(), countdown.text()), style));
    }
    (!spans.is_empty()).then(|| Line::from(spans))
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
    let mut out = super::fit::fits_before_ellipsis(&all, width).trim_end().to_string();
    out.push('…');
    Some(out)
}

thread_local! {
    /// The side panel's wrapped text, kept while its lines are unchanged.
    static SIDE: RefCell<Kept> = RefCell::new(Kept::default());
}

thread_local! {
    /// What the terminal was last given of the summary below the grid.
    static BELOW: RefCell<Region<Vec<Line<'static>>>> = RefCell::new(Region::default());
}

/// Forgets the side panel's kept text and the summary below the grid (for
/// the test that kept text is the text a fresh draw gives).
pub(super) fn forget_kept() {
    super::kept::forget(&SIDE);
    BELOW.with_borrow_mut(Region::forget);
}

/// "3 Targeted: Poor home/school link", per ticked grid indicator, by level
/// (immediate-list entries first), the first `limit` of them.
fn ticked_list(state: &State, limit: usize) -> Vec<String> {
    let mut out: Vec<(usize, &crate::pack::catalog::Entry)> = Vec::new();
    // The catalog, not a walk of the grid: a frame costs the same on a
    // pack of any size. Grid items and immediate entries are its entries.
    let catalog = state.pack().catalog();
    for (id, _) in state.call().ticked() {
        let Some(entry) = catalog.get(id) else { continue };
        out.push((entry.level.unwrap_or(usize::MAX), entry));
    }
    crate::sort::sort_by_key(&mut out, |(level, _)| std::cmp::Reverse(*level));
    out.into_iter()
        .take(limit)
        .map(|(level, entry)| match entry.level {
            Some(_) => format!("  {} · {}", level + 1, entry.text),
            None => format!("  ! {}", entry.text),
        })
        .collect()
}
