//! The prompt to restore a call found on disk. The keys to answer always
//! show; when the calls found do not all fit, the list scrolls with the
//! choice and says how many more there are above and below.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::Theme;
use super::record::{popup, short};
use crate::app::screens::restore::Restore;
use crate::app::{Action, State};
use crate::keymap::Context;
use crate::text::clean_line;

/// When an offered call started, in its pack's zone ("Fri 4 Dec 2026 16:47 GMT").
fn started_local(state: &State, restore: &Restore, offer: &crate::app::RestoreOffer) -> String {
    let id = &offer.call.pack.id;
    let zone = if *id == state.pack().id {
        Some(crate::pack::resolve::pack_zone(state.pack()))
    } else {
        restore.zones.iter().find(|(pack, _)| pack == id).map(|(_, zone)| *zone)
    };
    // One formatter for every time a person reads; it cannot panic on a
    // damaged record's out-of-range time.
    crate::hours::local::human(offer.call.started_at, zone.unwrap_or(chrono_tz::UTC))
}

const POPUP_WIDTH: u16 = 100;

/// The popup's width on this screen, as [`popup`] makes it.
fn overlay_width(state: &State) -> u16 {
    POPUP_WIDTH.min(super::overlay_area(state).width.saturating_sub(2))
}

fn rows(paragraph_lines: &[Line<'static>], width: u16) -> usize {
    Paragraph::new(paragraph_lines.to_vec()).wrap(Wrap { trim: false }).line_count(width.max(1))
}

/// The first offer to show so that `selected` is in a window of `room`.
fn window_start(selected: usize, count: usize, room: usize) -> usize {
    if count <= room { 0 } else { selected.saturating_sub(room / 2).min(count - room) }
}

pub fn draw(frame: &mut Frame<'_>, state: &State, restore: &Restore, theme: &Theme) {
    let Some(selected) = restore.selected_offer() else { return };
    let count = restore.offers.len();
    let headline = if count == 1 {
        " An unfinished call was found:".to_string()
    } else {
        format!(" {count} unfinished calls were found, newest first. Choose one:")
    };
    // Each call on one row: the pack's title gives way first.
    let inner_width = overlay_width(state).saturating_sub(2);
    let offers: Vec<Line<'static>> = restore
        .offers
        .iter()
        .enumerate()
        .map(|(i, offer)| {
            let call = &offer.call;
            let alert = if call.alerts.is_empty() { "no alert" } else { "ALERT raised" };
            let damaged = if offer.problem.is_some() { " · damaged" } else { "" };
            let here = i == restore.selected;
            let mark = if here { "▶" } else { " " };
            let started = started_local(state, restore, offer);
            let rest = format!(" · {} tick(s) · {alert}{damaged}", call.ticked().len());
            let room = usize::from(inner_width).saturating_sub(6 + started.chars().count() + rest.chars().count());
            let title = short(&clean_line(&call.pack.title), room.clamp(6, 32));
            let line = format!(" {mark} {started} · {title}{rest}");
            Line::from(Span::styled(line, if here { theme.cursor } else { theme.text }))
        })
        .collect();
    let held: Vec<Line<'static>> =
        restore.held.iter().map(|h| Line::from(Span::styled(format!("   {h}"), theme.dim))).collect();

    let call = &selected.call;
    let notes = call.notes.values().filter(|n| !n.trim().is_empty()).count();
    let mut about = vec![
        Line::raw(""),
        Line::raw(format!(
            " This one: {} ticked, {notes} notes section(s) written, {} decision(s).",
            call.ticked().len(),
            call.decisions.len()
        )),
    ];
    if let Some(problem) = &selected.problem {
        about.push(Line::from(Span::styled(
            format!(
                " Part of its journal could not be read ({problem}); everything else is recovered, \
                 and a copy of the damaged file is kept beside it."
            ),
            theme.warning,
        )));
    }
    let hint = |action: &Action| state.keymap().hint(Context::Restore, action);
    let (yes, no, up, down, later) = (
        hint(&Action::Confirm),
        hint(&Action::Cancel),
        hint(&Action::MoveUp),
        hint(&Action::MoveDown),
        hint(&Action::Close),
    );
    let mut keys = vec![Line::raw("")];
    if count > 1 && !up.is_empty() {
        keys.push(Line::raw(format!(" {up} {down}: choose a call")));
    }
    keys.push(Line::raw(format!(" {yes}: carry on with the chosen call exactly as it was")));
    keys.push(Line::raw(format!(" {no}: set the chosen call aside (closed and kept: dutygrid record list)")));
    if !later.is_empty() {
        keys.push(Line::raw(format!(" {later}: start a new call; leave these to be offered next time")));
    }

    // Everything, if it fits; else the keys and the chosen call's summary
    // stay, and the list of calls is cut around the choice.
    let fixed =
        rows(&[Line::raw(headline.clone())], inner_width) + rows(&about, inner_width) + rows(&keys, inner_width);
    let wanted = 2 + fixed + offers.len() + held.len();
    let Some(area) = popup(state, POPUP_WIDTH, u16::try_from(wanted).unwrap_or(u16::MAX)) else { return };
    let inner_height = usize::from(area.height.saturating_sub(2));
    let listed = offers.len() + held.len();
    let mut lines = vec![Line::from(Span::styled(headline, theme.heading))];
    if fixed + listed <= inner_height {
        lines.extend(offers);
        lines.extend(held);
    } else {
        // Two rows for the "more" marks; at least the chosen call.
        let room = inner_height.saturating_sub(fixed + 2).max(1);
        let first = window_start(restore.selected, offers.len(), room);
        let shown = room.min(offers.len());
        if first > 0 {
            lines.push(Line::from(Span::styled(format!("   … {first} more above",), theme.dim)));
        }
        lines.extend(offers.into_iter().skip(first).take(shown));
        let below = count - first - shown + held.len();
        if below > 0 {
            lines.push(Line::from(Span::styled(format!("   … {below} more below"), theme.dim)));
        }
    }
    lines.extend(about);
    lines.extend(keys);
    let title = if count == 1 { " Restore the unfinished call? " } else { " Restore an unfinished call? " };
    let block = Block::bordered().title(title);
    super::cover::clear(frame, area);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), area);
}

#[cfg(test)]
mod tests {
    use super::window_start;

    #[test]
    fn the_window_keeps_the_choice_in_view() {
        assert_eq!(window_start(0, 3, 5), 0, "all fit");
        assert_eq!(window_start(0, 20, 5), 0);
        assert_eq!(window_start(10, 20, 5), 8, "the choice in the middle");
        assert_eq!(window_start(19, 20, 5), 15, "the last ones, not past the end");
    }
}
