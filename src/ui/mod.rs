//! Drawing. Every function here reads the state and writes to the frame;
//! none changes anything.

mod assign;
mod banner;
mod border;
mod calls;
mod children;
mod clocks;
mod confirm;
mod cover;
mod fit;
mod footer;
mod grid;
pub mod guide;
mod handler_form;
mod header;
mod help;
mod household;
mod immediate;
mod kept;
mod lines;
mod outcome;
mod packs;
mod readback;
mod record;
mod restore;
mod search;
mod summary;
pub mod theme;
mod train;
mod unchanged;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::app::{Pending, Screen, State};
pub use theme::Theme;
pub use unchanged::{Canvas, Span, Unchanged};

/// Draws the whole screen.
pub fn draw(frame: &mut Frame<'_>, state: &State, theme: &Theme) {
    draw_parts(frame, state, theme, None);
}

/// Draws the screen as frame `canvas.frame` of a terminal, leaving out
/// what the terminal already shows as this would draw it (the grid's rows
/// and the side panel's that did not change since the last frame, the
/// header, footer and grid outline while they read the same; only when
/// that frame was drawn here too). Under a popup nothing is left out; where
/// the terminal shows a popup that is gone or moved, the frame is drawn
/// whole. The cells it lists as unchanged are blank in `frame`: the caller
/// must leave the terminal's as they are.
pub fn draw_changes(frame: &mut Frame<'_>, state: &State, theme: &Theme, canvas: Canvas) -> Unchanged {
    let (unchanged, covered) = draw_parts(frame, state, theme, Some(unchanged::Reuse { canvas }));
    let (shown_at, shown) = SHOWN_POPUPS.with_borrow_mut(|last| std::mem::replace(last, (canvas.frame, covered)));
    let shown_known = canvas.frame.checked_sub(1) == Some(shown_at);
    if unchanged.is_empty() || (shown_known && !unchanged.meets(&shown)) {
        return unchanged;
    }
    frame.buffer_mut().reset();
    draw_parts(frame, state, theme, None).0
}

thread_local! {
    /// The frame last drawn by [`draw_changes`] and the rectangles its
    /// popups took.
    static SHOWN_POPUPS: std::cell::RefCell<(u64, Vec<Rect>)> = const { std::cell::RefCell::new((0, Vec::new())) };
}

/// Draws the regions, leaving out those `reuse` allows, then the popups
/// over them; with the rectangles the popups took.
fn draw_parts(
    frame: &mut Frame<'_>,
    state: &State,
    theme: &Theme,
    reuse: Option<unchanged::Reuse>,
) -> (Unchanged, Vec<Rect>) {
    let projector = theme.for_projector();
    let theme = if state.present() { &projector } else { theme };
    let areas = state.areas();
    let mut unchanged = Unchanged::new(reuse);
    header::draw(frame, areas.header, state, theme, &mut unchanged);
    grid::draw(frame, areas.grid, state, theme, &mut unchanged);
    summary::draw(frame, areas.summary, state, theme, &mut unchanged);
    footer::draw(frame, areas.footer, state, theme, &mut unchanged);
    cover::take();
    #[cfg(debug_assertions)]
    let under = frame.buffer_mut().clone();
    // Screens the alert must cover come first, then the alert, then the
    // screens that may sit over it (help, confirmations).
    for screen in state.screens().iter().filter(|s| !s.above_banner()) {
        draw_screen(frame, state, screen, theme);
    }
    if state.call().pending_alert().is_some() {
        banner::draw(frame, state, theme);
    }
    for screen in state.screens().iter().filter(|s| s.above_banner()) {
        draw_screen(frame, state, screen, theme);
    }
    let covered = cover::take();
    #[cfg(debug_assertions)]
    cover::assert_drawn_within(&under, frame.buffer_mut(), &covered);
    (unchanged.finish(&covered), covered)
}

/// Forgets every region kept from the last frame (the header, the side
/// panel's text, the grid's rows, the footer), so the next draw builds
/// them afresh: for the tests that a kept region is the one a fresh draw
/// gives.
#[doc(hidden)]
pub fn forget_kept() {
    header::forget_kept();
    summary::forget_kept();
    grid::forget_kept();
    footer::forget_kept();
    SHOWN_POPUPS.with_borrow_mut(|last| *last = (0, Vec::new()));
}

/// Each screen's view, given its own state.
fn draw_screen(frame: &mut Frame<'_>, state: &State, screen: &Screen, theme: &Theme) {
    match screen {
        Screen::Immediate { cursor } => immediate::draw(frame, state, *cursor, theme),
        Screen::Details(form) => record::details(frame, state, form, theme),
        Screen::Notes(form) => record::notes(frame, state, form, theme),
        Screen::Decision(form) => record::decision(frame, state, form, theme),
        Screen::Search(search) => search::draw(frame, state, search, theme),
        Screen::Scenario { scroll } => train::scenario(frame, state, *scroll, theme),
        Screen::Key { scroll } => train::key(frame, state, *scroll, theme),
        Screen::Help { scroll } => help::draw(frame, state, *scroll, theme),
        Screen::Confirm(Pending::Quit) => confirm::quit(frame, state, theme),
        Screen::Confirm(Pending::EndCall) => confirm::end_call(frame, state, theme),
        Screen::Confirm(Pending::SwitchPack(id)) => confirm::switch_pack(frame, state, id, theme),
        Screen::Restore(found) => restore::draw(frame, state, found, theme),
        Screen::Packs { cursor } => packs::draw(frame, state, *cursor, theme),
        Screen::Guide(view) => guide::screen(frame, state, view, theme),
        Screen::Outcome(form) => outcome::draw(frame, state, form, theme),
        Screen::Clocks { cursor } => clocks::draw(frame, state, *cursor, theme),
        Screen::Handler(form) => handler_form::handler(frame, state, form, theme),
        Screen::CaseReference(form) => handler_form::reference(frame, state, form, theme),
        Screen::Readback(view) => readback::draw(frame, state, view, theme),
        Screen::Assign(form) => assign::draw(frame, state, form, theme),
        Screen::Calls(screen) => calls::draw(frame, state, screen, theme),
    }
}

/// Where overlays go: between the header and the footer, so the number to
/// ring stays in view under any overlay.
fn overlay_area(state: &State) -> Rect {
    state.areas().overlay()
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
    // Most indicator text is plain ASCII: one cell a byte, set directly
    // (what `set_stringn` does, without splitting it into graphemes).
    if lines::plain_ascii(text) {
        let start = buf.index_of(x, y);
        let n = text.len().min(usize::from(width));
        for (cell, b) in buf.content[start..start + n].iter_mut().zip(text.bytes()) {
            cell.set_char(char::from(b)).set_style(style);
        }
        return;
    }
    buf.set_stringn(x, y, text, usize::from(width), style);
}

/// A scrolled text's "↑ more" / "↓ more" on its block's borders, where
/// there is more above or below.
pub fn scroll_marks<'a>(
    mut block: ratatui::widgets::Block<'a>,
    above: bool,
    below: bool,
    theme: &Theme,
) -> ratatui::widgets::Block<'a> {
    use ratatui::layout::Alignment;
    use ratatui::text::{Line, Span};
    if above {
        block = block.title(Line::from(" ↑ more ").alignment(Alignment::Right));
    }
    if below {
        block = block.title_bottom(Line::from(Span::styled(" ↓ more ", theme.heading)).alignment(Alignment::Right));
    }
    block
}
