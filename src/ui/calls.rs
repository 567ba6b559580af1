//! The calls screen: one row per call of the shift, newest first, each in
//! words a handler reads at a glance (when, who, how high, what is due),
//! wrapped between its parts so no time or countdown is cut; a list too
//! long for the screen scrolls with the choice and says how many more.
//! Over it, a call's record read-only, and the case-reference prompt.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use ratatui::Frame;
use ratatui::layout::Alignment;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::Theme;
use super::record::popup;
use crate::app::layout::wrap;
use crate::app::screens::calls::{CallsScreen, Viewing, is_current};
use crate::app::screens::handler::ReferenceForm;
use crate::app::{Action, State};
use crate::call::clocks::{Clock, Outcome, Source};
use crate::call::shift::{CallRow, ClockState, RowClock};
use crate::hours::local::LocalTime;
use crate::hours::schedule::Span as Timescale;
use crate::keymap::Context;

const WIDTH: u16 = 160;

pub fn draw(frame: &mut Frame<'_>, state: &State, screen: &CallsScreen, theme: &Theme) {
    list(frame, state, screen, theme);
    if let Some(view) = &screen.viewing {
        record(frame, state, screen, view, theme);
    }
    if let Some(form) = &screen.entering {
        prompt(frame, state, screen, form, theme);
    }
}

/// "Fri 23:40 GMT": the list spans a day, so the weekday and time say it.
fn short_time(at: DateTime<Utc>, zone: Tz) -> String {
    LocalTime::new(at, zone)
        .map_or_else(|e| format!("({e})"), |_| at.with_timezone(&zone).format("%a %H:%M %Z").to_string())
}

/// A row clock as the main screen words it: its countdown while open
/// ("MARF due in 3 h", "Feedback OVERDUE 2 h"), else whether it was met.
fn clock_text(clock: &RowClock, now: DateTime<Utc>, zone: Tz) -> String {
    let state = match clock.state {
        ClockState::Met => return format!("{} met", clock.name),
        ClockState::NotMet => return format!("{} done late", clock.name),
        ClockState::Open | ClockState::Overdue => clock.state,
    };
    // The countdown reads only the due time and that the clock is open.
    let open = Clock {
        kind: clock.kind,
        name: clock.name.clone(),
        starts: now,
        span: Timescale::Hours(0),
        due: clock.due,
        source: Source::Default(String::new()),
        outcome: Outcome::Open,
    };
    match crate::call::clocks::countdown(&open, now, zone) {
        Some(countdown) => format!("{} {}", clock.name, countdown.text()),
        None => format!("{} {}", clock.name, state.label()),
    }
}

/// A row's parts: the first line's and the detail's. In presentation mode
/// no child's label and no case reference is shown.
fn parts(state: &State, row: &CallRow) -> (Vec<String>, Vec<String>) {
    let present = state.present();
    let mut head = vec![row.started.map_or_else(|| "start unknown".into(), |t| short_time(t, row.zone))];
    head.push(if row.open { "OPEN".into() } else { "ended".into() });
    if is_current(state, row) {
        head.push("this call".into());
    }
    if row.simulated {
        head.push("SIMULATED".into());
    }
    match (row.children.len(), present) {
        (0, _) => head.push("no child recorded".into()),
        (1, true) => head.push("1 child".into()),
        (n, true) => head.push(format!("{n} children")),
        (_, false) => head.push(row.children.join(", ")),
    }
    let mut detail = Vec::new();
    if row.alert {
        detail.push("ALERT raised".to_string());
    }
    detail.push(row.highest_level.map_or_else(|| "nothing ticked".into(), |l| format!("up to level {l}")));
    if let Some(urgency) = row.urgency {
        detail.push(format!("urgency {}", urgency.label()));
    }
    detail.push(if row.outcomes.is_empty() {
        "no outcome yet".into()
    } else {
        format!("outcome: {}", row.outcomes.join("; "))
    });
    detail.extend(row.clocks.iter().map(|c| clock_text(c, state.now(), row.zone)));
    detail.push(match (&row.case_reference, present) {
        (None, _) => "not entered".into(),
        (Some(_), true) => "entered".into(),
        (Some(reference), false) => format!("entered {reference}"),
    });
    if let Some(problem) = &row.problem {
        detail.push(format!("⚠ {problem}"));
    }
    (head, detail)
}

/// `parts` joined with " · " into lines of at most `width` columns, a
/// part moved whole to the next line rather than cut; the first line
/// starts with `lead`, the rest with as many spaces.
fn flow(parts: &[String], lead: &str, width: usize) -> Vec<String> {
    let indent = " ".repeat(lead.chars().count());
    let room = width.saturating_sub(indent.len()).max(8);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for part in parts {
        let pieces = if part.chars().count() > room { wrap(part, room) } else { vec![part.clone()] };
        for piece in pieces {
            let used = line.chars().count();
            if used > 0 && used + 3 + piece.chars().count() > room {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push_str(" · ");
            }
            line.push_str(&piece);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines.into_iter().enumerate().map(|(i, l)| format!("{}{l}", if i == 0 { lead } else { &indent })).collect()
}

/// The first row to show so that `selected` and the rows after it fit in
/// `room` lines, rows being `heights` lines tall.
fn window(heights: &[usize], selected: usize, room: usize) -> (usize, usize) {
    let total: usize = heights.iter().sum();
    if total <= room {
        return (0, heights.len());
    }
    // Room for the "more above/below" marks.
    let room = room.saturating_sub(2).max(1);
    let mut first = selected;
    let mut used = heights.get(selected).copied().unwrap_or(1);
    // Some rows before the choice, for context, while the rest fits.
    while first > 0 && used + heights[first - 1] <= room / 2 {
        first -= 1;
        used += heights[first];
    }
    let mut end = selected + 1;
    while end < heights.len() && used + heights[end] <= room {
        used += heights[end];
        end += 1;
    }
    while first > 0 && used + heights[first - 1] <= room {
        first -= 1;
        used += heights[first];
    }
    (first, end.max(first + 1).min(heights.len()))
}

/// The title, shorter where the full one would be cut.
fn title(state: &State, screen: &CallsScreen, width: usize) -> String {
    let full = full_title(state, screen);
    if full.chars().count() <= width { full } else { full.replace(", newest first", "") }
}

fn full_title(state: &State, screen: &CallsScreen) -> String {
    let Some(list) = &screen.list else { return " This shift's calls ".into() };
    let zone = crate::pack::resolve::pack_zone(state.pack());
    let since = if list.0.shift_start {
        let at = crate::hours::local::time_of_day(list.0.since, zone);
        format!("since {at} {} (shift start)", list.0.since.with_timezone(&zone).format("%Z"))
    } else {
        "in the last 24 hours".into()
    };
    let count = match list.0.rows.len() {
        1 => "1 call".to_string(),
        n => format!("{n} calls"),
    };
    format!(" Calls {since} · {count}, newest first ")
}

fn list(frame: &mut Frame<'_>, state: &State, screen: &CallsScreen, theme: &Theme) {
    let Some(widest) = popup(state, WIDTH, u16::MAX) else { return };
    let width = usize::from(widest.width.saturating_sub(2)).max(1);
    let hint = |action: &Action| state.keymap().hint(Context::Calls, action);
    let mut top: Vec<Line<'static>> = Vec::new();
    if let Some(message) = &screen.message {
        for line in wrap(message, width.saturating_sub(1)) {
            top.push(Line::from(Span::styled(format!(" {line}"), theme.warning)));
        }
    }
    if state.present() {
        top.push(Line::from(Span::styled(
            " Presentation mode: no child's label or case reference is shown.",
            theme.dim,
        )));
    }
    let current_unlisted = state.call().has_content() && state.saved_as().is_none();
    if current_unlisted {
        top.push(Line::from(Span::styled(" The call on screen is not on disk yet, so not listed.", theme.warning)));
    }
    let rows = screen.rows();
    let mut blocks: Vec<Vec<Line<'static>>> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let here = i == screen.selected && screen.viewing.is_none();
        let (head, detail) = parts(state, row);
        let lead = if i == screen.selected { " ▶ " } else { "   " };
        let style = if here { theme.cursor } else { theme.text };
        let mut lines: Vec<Line<'static>> =
            flow(&head, lead, width).into_iter().map(|l| Line::from(Span::styled(l, style))).collect();
        let detail_style = if row.alert || row.overdue() { theme.warning } else { theme.text };
        lines.extend(flow(&detail, "     ", width).into_iter().map(|l| Line::from(Span::styled(l, detail_style))));
        blocks.push(lines);
    }
    let mut bottom: Vec<Line<'static>> = Vec::new();
    match &screen.list {
        None => bottom.push(Line::raw(" Reading the records folder…")),
        Some(list) if list.0.rows.is_empty() => {
            bottom.push(Line::raw(" No calls in this shift yet."));
        }
        Some(_) => {}
    }
    if let Some(list) = screen.list.as_ref().filter(|l| l.0.unreadable > 0) {
        let text = format!(" {} record(s) could not be read: see dutygrid record list.", list.0.unreadable);
        bottom.push(Line::from(Span::styled(text, theme.warning)));
    }
    let keys = [
        (Action::Close, "back"),
        (Action::Confirm, "open"),
        (Action::ResumeCall, "resume"),
        (Action::ExportCall, "export"),
        (Action::MarkEntered, "mark entered"),
        (Action::StartShift, "shift starts now"),
    ];
    let keys: Vec<String> = keys
        .iter()
        .filter_map(|(a, word)| Some(format!("{}: {word}", Some(hint(a)).filter(|k| !k.is_empty())?)))
        .collect();
    let keys = fit(keys, width.saturating_sub(2));

    let fixed = top.len() + bottom.len();
    // No shorter than a popup may be, so one short row still shows.
    let wanted: usize = (fixed + blocks.iter().map(Vec::len).sum::<usize>() + 2).max(5);
    let Some(area) = popup(state, widest.width, u16::try_from(wanted).unwrap_or(u16::MAX)) else { return };
    let inner = usize::from(area.height.saturating_sub(2));
    let heights: Vec<usize> = blocks.iter().map(Vec::len).collect();
    let (first, end) =
        window(&heights, screen.selected.min(blocks.len().saturating_sub(1)), inner.saturating_sub(fixed));
    let mut lines = top;
    let shown: usize = heights.iter().sum();
    let cut = shown + fixed > inner;
    if cut && first > 0 {
        lines.push(Line::from(Span::styled(format!("   … {first} more above"), theme.dim)));
    }
    let below = blocks.len().saturating_sub(end);
    lines.extend(blocks.into_iter().skip(first).take(end - first).flatten());
    if cut && below > 0 {
        lines.push(Line::from(Span::styled(format!("   … {below} more below"), theme.dim)));
    }
    lines.extend(bottom);
    let block = Block::bordered()
        .title(title(state, screen, width.saturating_sub(2)))
        .title_bottom(Line::from(format!(" {keys} ")).alignment(Alignment::Left));
    super::cover::clear(frame, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// As many of the key hints as fit in `width`, in order (the first, the
/// way back, always), joined with " · ".
fn fit(keys: Vec<String>, width: usize) -> String {
    let mut out = String::new();
    for key in keys {
        let more = if out.is_empty() { key.chars().count() } else { key.chars().count() + 3 };
        if !out.is_empty() && out.chars().count() + more > width {
            break;
        }
        if !out.is_empty() {
            out.push_str(" · ");
        }
        out.push_str(&key);
    }
    out
}

fn record(frame: &mut Frame<'_>, state: &State, screen: &CallsScreen, view: &Viewing, theme: &Theme) {
    let Some(area) = popup(state, WIDTH, u16::MAX) else { return };
    let width = usize::from(area.width.saturating_sub(2)).max(1);
    let mut lines: Vec<Line<'static>> = Vec::new();
    if let Some(message) = &screen.message {
        for line in wrap(message, width.saturating_sub(1)) {
            lines.push(Line::from(Span::styled(format!(" {line}"), theme.warning)));
        }
    }
    match view.opened.as_ref().map(|o| &o.lines) {
        None => lines.push(Line::raw(" Reading the record…")),
        Some(Err(problem)) => lines.push(Line::from(Span::styled(format!(" {problem}"), theme.warning))),
        Some(Ok(text)) => {
            for line in text {
                let style = if line.starts_with('#') { theme.heading } else { theme.text };
                // Wrapped here, so the scroll counts the lines as drawn.
                let parts =
                    if line.trim().is_empty() { vec![String::new()] } else { wrap(line, width.saturating_sub(1)) };
                lines.extend(parts.into_iter().map(|p| Line::from(Span::styled(format!(" {p}"), style))));
            }
        }
    }
    let inner_height = usize::from(area.height.saturating_sub(2));
    let max = u16::try_from(lines.len().saturating_sub(inner_height)).unwrap_or(u16::MAX);
    let scroll = view.scroll.min(max);
    let hint = |action: &Action| state.keymap().hint(Context::CallView, action);
    let open = screen.target().is_some_and(|r| r.open && !is_current(state, r));
    let mut keys = vec![format!("{}: back to the list", hint(&Action::Close))];
    if open {
        keys.push(format!("{}: resume", hint(&Action::ResumeCall)));
    }
    keys.push(format!("{}: export", hint(&Action::ExportCall)));
    keys.push(format!("{}: mark entered", hint(&Action::MarkEntered)));
    // Room for the "more" mark beside them.
    let keys = fit(keys, width.saturating_sub(12));
    let block = Block::bordered()
        .title(format!(" {} — read-only ", view.id))
        .title_bottom(Line::from(format!(" {keys} ")).alignment(Alignment::Left));
    let block = super::scroll_marks(block, scroll > 0, scroll < max, theme);
    super::cover::clear(frame, area);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
}

fn prompt(frame: &mut Frame<'_>, state: &State, screen: &CallsScreen, form: &ReferenceForm, theme: &Theme) {
    let Some(area) = popup(state, 72, 7 + u16::from(form.problem.is_some())) else { return };
    let row = screen.target();
    let when = row.and_then(|r| r.started.map(|t| short_time(t, r.zone))).unwrap_or_else(|| "?".into());
    let now = match row.and_then(|r| r.case_reference.as_ref()) {
        Some(reference) if !state.present() => format!(" Marked entered as {reference}."),
        Some(_) => " Marked entered already.".into(),
        None => " Not marked entered yet.".into(),
    };
    let lead = format!(" The call started {when}.");
    super::handler_form::reference_in(frame, area, state, form, (Some(lead), now), theme);
}

#[cfg(test)]
mod tests {
    use super::{flow, window};

    #[test]
    fn parts_move_whole_to_the_next_line() {
        let parts = ["MARF due in 3 h".to_string(), "Feedback OVERDUE 2 h".to_string()];
        assert_eq!(flow(&parts, " ", 24), vec![" MARF due in 3 h", " Feedback OVERDUE 2 h"]);
        assert_eq!(flow(&parts, " ", 60), vec![" MARF due in 3 h · Feedback OVERDUE 2 h"]);
    }

    #[test]
    fn the_window_keeps_the_choice_and_what_follows_in_view() {
        assert_eq!(window(&[2, 2, 2], 0, 10), (0, 3), "all fit");
        let (first, end) = window(&[2; 10], 9, 8);
        assert!(first <= 9 && end == 10, "the last one shown: {first}..{end}");
        let (first, end) = window(&[2; 10], 0, 8);
        assert_eq!(first, 0);
        assert!(end >= 2, "{end}");
    }
}
