//! Drawing. Every function here reads the state and writes to the frame;
//! none changes anything.

mod banner;
mod fit;
mod footer;
mod grid;
mod header;
mod overlays;
mod record;
mod search;
mod summary;
pub mod theme;
mod train;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::app::{Overlay, State};
pub use theme::Theme;

pub fn draw(frame: &mut Frame<'_>, state: &State, theme: &Theme) {
    let projector = theme.for_projector();
    let theme = if state.present { &projector } else { theme };
    let areas = state.areas();
    header::draw(frame, areas.header, state, theme);
    grid::draw(frame, areas.grid, state, theme);
    summary::draw(frame, areas.summary, state, theme);
    footer::draw(frame, areas.footer, state, theme);
    // Screens the alert must cover come first, then the alert, then the
    // screens that may sit over it (help, confirmations).
    for overlay in &state.overlays {
        match overlay {
            Overlay::Immediate => overlays::immediate(frame, state, theme),
            Overlay::Details => record::details(frame, state, theme),
            Overlay::Notes => record::notes(frame, state, theme),
            Overlay::Decision => record::decision(frame, state, theme),
            Overlay::Search => search::draw(frame, state, theme),
            Overlay::Scenario => train::scenario(frame, state, theme),
            Overlay::Key => train::key(frame, state, theme),
            _ => {}
        }
    }
    if state.call.pending_alert().is_some() {
        banner::draw(frame, state, theme);
    }
    for overlay in &state.overlays {
        match overlay {
            Overlay::Help => overlays::help(frame, state, theme),
            Overlay::ConfirmQuit => overlays::confirm_quit(frame, state, theme),
            Overlay::ConfirmEnd => record::confirm_end(frame, state, theme),
            Overlay::Restore => record::restore(frame, state, theme),
            Overlay::Packs => overlays::packs(frame, state, theme),
            Overlay::ConfirmSwitch => overlays::confirm_switch(frame, state, theme),
            _ => {}
        }
    }
}

/// Where overlays go: between the header and the footer, so the number to
/// ring stays in view under any overlay.
fn overlay_area(state: &State) -> Rect {
    let areas = state.areas();
    // One row lower than the header keeps the grid's top border, with the
    // pack's title and edition, in view as well.
    let top = areas.header.bottom().saturating_add(1).min(areas.footer.y);
    Rect { x: 0, y: top, width: areas.header.width, height: areas.footer.y.saturating_sub(top) }
}

/// A rectangle of at most `width` × `height` centred in `area`.
fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height }
}

/// Writes `text` at (x, y), cut to `width` columns.
fn put(buf: &mut ratatui::buffer::Buffer, x: u16, y: u16, text: &str, width: u16, style: ratatui::style::Style) {
    let area = buf.area;
    if width == 0 || y >= area.bottom() || x >= area.right() {
        return;
    }
    let width = width.min(area.right() - x);
    buf.set_stringn(x, y, text, usize::from(width), style);
}
