#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! What a keystroke sends to the terminal: only the cells that changed, and
//! within 10 % of the fewest bytes that can draw them (see [`minimum`]).
//! The bytes are also played into a terminal emulator (vt100), which must
//! then show exactly the frame ratatui drew.

mod support;

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use dutygrid::app::{Action, State, update};
use dutygrid::ui::{self, Theme};
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use ratatui::{Terminal, TerminalOptions, Viewport};
use support::emulated::{AppTerminal, app_terminal, assert_shows, draw_as_the_app, rendered};
use support::{OFFICE, state};
use unicode_width::UnicodeWidthStr;

/// Counts the bytes crossterm's own backend writes: the figure before the
/// app had its own drawing.
#[derive(Clone, Default)]
struct Counter(Rc<RefCell<usize>>);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        *self.0.borrow_mut() += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn crossterm_bytes(width: u16, height: u16, setup: &[Action], key: &Action) -> usize {
    let mut s = prepared(width, height, setup);
    let counter = Counter::default();
    let options = TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, width, height)) };
    let mut terminal = Terminal::with_options(CrosstermBackend::new(counter.clone()), options).expect("terminal");
    let theme = Theme::colour();
    terminal.draw(|frame| ui::draw(frame, &s, &theme)).expect("first frame");
    let first = *counter.0.borrow();
    update(&mut s, key.clone());
    terminal.draw(|frame| ui::draw(frame, &s, &theme)).expect("second frame");
    *counter.0.borrow() - first
}

fn prepared(width: u16, height: u16, setup: &[Action]) -> State {
    let mut s = state("nottingham-city", OFFICE, width, height);
    for action in setup {
        update(&mut s, action.clone());
    }
    s
}

/// (writes, bytes) of drawing `s` once more, as the app draws it.
fn frame(terminal: &mut AppTerminal, s: &dutygrid::app::State) -> (usize, Vec<u8>) {
    let (calls, len) = (terminal.backend().writer().calls, terminal.backend().writer().bytes.len());
    draw_as_the_app(terminal, s);
    let out = terminal.backend().writer();
    (out.calls - calls, out.bytes[len..].to_vec())
}

#[test]
fn each_frame_is_one_write_and_a_frame_with_nothing_changed_writes_nothing() {
    let mut s = state("nottingham-city", OFFICE, 200, 60);
    let mut terminal = app_terminal(200, 60);
    let (calls, first) = frame(&mut terminal, &s);
    assert_eq!(calls, 1, "the first frame ({} bytes) in one write", first.len());
    assert!(first.len() > 5000, "the first frame draws everything: {} bytes", first.len());
    for _ in 0..3 {
        let (calls, idle) = frame(&mut terminal, &s);
        assert_eq!((calls, idle.len()), (0, 0), "nothing changed, yet wrote {:?}", String::from_utf8_lossy(&idle));
    }
    for action in [Action::MoveDown, Action::ToggleTick, Action::MoveRight] {
        update(&mut s, action.clone());
        let (calls, bytes) = frame(&mut terminal, &s);
        eprintln!("{action:?}: {} bytes in {calls} write", bytes.len());
        assert_eq!(calls, 1, "{action:?}: {} bytes in {calls} writes", bytes.len());
    }
}

#[test]
fn a_clock_second_writes_its_digits_and_no_cursor_or_reset_it_does_not_need() {
    let mut s = state("nottingham-city", OFFICE, 200, 60);
    let mut terminal = app_terminal(200, 60);
    frame(&mut terminal, &s);
    let later = support::at("nottingham-city", "2026-11-27 10:00") + chrono::Duration::seconds(1);
    update(&mut s, Action::Tick(later));
    let (calls, bytes) = frame(&mut terminal, &s);
    let text = String::from_utf8_lossy(&bytes);
    eprintln!("a clock second: {} bytes: {text:?}", bytes.len());
    assert_eq!(calls, 1, "{text:?}");
    assert!(!text.contains("\x1b[?25l"), "the cursor is hidden already: {text:?}");
    // The clock is drawn in the default style: nothing to reset after it.
    assert!(!text.ends_with("\x1b[0m"), "a reset after plain text: {text:?}");
    assert!(bytes.len() < 40, "a clock second wrote {} bytes: {text:?}", bytes.len());
}

/// The pen the terminal prints with: what a cell's style sets.
#[derive(Clone, Copy, PartialEq)]
struct Pen {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
}

const PLAIN: Pen = Pen { fg: Color::Reset, bg: Color::Reset, underline: Color::Reset, modifier: Modifier::empty() };

fn pen(cell: &Cell) -> Pen {
    Pen { fg: cell.fg, bg: cell.bg, underline: cell.underline_color, modifier: cell.modifier }
}

/// Length of the shortest SGR parameter that sets `colour` (`slot` 0 for
/// the foreground, 1 background, 2 underline): 2 digits for a named
/// colour (`31`, `101`: 3), `38;5;n` for an indexed one, `38;2;r;g;b`.
fn colour_len(slot: u8, colour: Color) -> usize {
    let digits = |n: u8| n.to_string().len();
    let named = |index: u8| match (slot, index) {
        (2, _) => 5 + digits(index),
        (0, 0..=7) | (1, 0..=7) | (0, 8..=15) => 2,
        _ => 3,
    };
    match colour {
        Color::Reset => 2,
        Color::Indexed(i) => 5 + digits(i),
        Color::Rgb(r, g, b) => 7 + digits(r) + digits(g) + digits(b),
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => named(8),
        Color::LightRed => named(9),
        Color::LightGreen => named(10),
        Color::LightYellow => named(11),
        Color::LightBlue => named(12),
        Color::LightMagenta => named(13),
        Color::LightCyan => named(14),
        Color::White => named(15),
    }
}

/// The fewest bytes of one SGR sequence (`ESC[p;…;pm`) from `from` to `to`:
/// one parameter per colour that differs, one per attribute turned on (1
/// digit) or off (2 digits; bold and dim share `22`, the blinks `25`), or
/// else `0` and all of `to`'s parameters. 0 when nothing changes.
fn sgr_len(from: Pen, to: Pen) -> usize {
    if from == to {
        return 0;
    }
    let sequence = |params: Vec<usize>| 3 + params.iter().sum::<usize>() + params.len().saturating_sub(1);
    let colours = |from: Pen| {
        let mut params = Vec::new();
        for (slot, a, b) in [(0, from.fg, to.fg), (1, from.bg, to.bg), (2, from.underline, to.underline)] {
            if a != b {
                params.push(colour_len(slot, b));
            }
        }
        params
    };
    let removed = from.modifier - to.modifier;
    let mut added = to.modifier - from.modifier;
    let mut diff = Vec::new();
    for pair in [Modifier::BOLD | Modifier::DIM, Modifier::SLOW_BLINK | Modifier::RAPID_BLINK] {
        if removed.intersects(pair) {
            diff.push(2);
            added |= to.modifier & pair;
        }
    }
    let singles =
        Modifier::ITALIC | Modifier::UNDERLINED | Modifier::REVERSED | Modifier::HIDDEN | Modifier::CROSSED_OUT;
    diff.extend((0..(removed & singles).bits().count_ones()).map(|_| 2));
    diff.extend((0..added.bits().count_ones()).map(|_| 1));
    diff.extend(colours(from));
    let mut reset = vec![1];
    reset.extend((0..to.modifier.bits().count_ones()).map(|_| 1));
    reset.extend(colours(PLAIN));
    sequence(diff).min(sequence(reset))
}

fn number_len(n: u16) -> usize {
    n.to_string().len()
}

/// The fewest bytes that take the cursor from `from` to `to` with the
/// ECMA-48 moves: a full position `ESC[r;cH` (`ESC[rH` for column 1), or a
/// row part (none, `\n` repeated, `ESC[nB`, `ESC[nA`, `ESC[rd`) then a
/// column part (none, `\r`, `\r` and `ESC[nC`, `ESC[cG`, `ESC[nC`,
/// `ESC[nD`, backspaces).
fn move_len(from: (u16, u16), to: (u16, u16)) -> usize {
    let (fx, fy) = from;
    let (x, y) = to;
    let full = if x == 0 { 3 + number_len(y + 1) } else { 4 + number_len(y + 1) + number_len(x + 1) };
    let relative = |n: u16| if n == 1 { 3 } else { 3 + number_len(n) };
    let rows = if fy == y {
        0
    } else if y > fy {
        usize::from(y - fy).min(relative(y - fy)).min(3 + number_len(y + 1))
    } else {
        relative(fy - y).min(3 + number_len(y + 1))
    };
    let columns = if fx == x {
        0
    } else {
        let mut best = (3 + number_len(x + 1)).min(if x == 0 { 1 } else { 1 + relative(x) });
        if x > fx {
            best = best.min(relative(x - fx));
        } else {
            best = best.min(relative(fx - x)).min(usize::from(fx - x));
        }
        best
    };
    full.min(rows + columns)
}

/// The fewest bytes any writer can draw `after` over `before` with, if it
/// writes ratatui's changed cells in order and reaches each run of them
/// (changed cells side by side on a row) by a cursor move or by writing
/// the unchanged cells before it:
/// - each changed cell's UTF-8 bytes;
/// - before each cell, [`sgr_len`] from the previous cell written to it
///   (the first from the default style);
/// - before each run but the first, the cheaper of [`move_len`] from the
///   end of the run before and, on the same row, the unchanged cells
///   between (their bytes and SGR changes) — the first run's move is 0, as
///   the cursor may already be there.
///
/// It leaves out the reset a frame may end with.
fn minimum(before: &Buffer, after: &Buffer) -> usize {
    let mut total = 0;
    let mut pen_now = PLAIN;
    let mut cursor: Option<(u16, u16)> = None;
    for (x, y, cell) in before.diff(after) {
        if let Some(at) = cursor.filter(|at| *at != (x, y)) {
            let jump = move_len(at, (x, y)) + sgr_len(pen_now, pen(cell));
            let walk = (at.1 == y && at.0 < x).then(|| gap_len(after, at, x, pen_now, pen(cell))).flatten();
            total += walk.map_or(jump, |walk| walk.min(jump));
        } else {
            total += sgr_len(pen_now, pen(cell));
        }
        total += cell.symbol().len();
        pen_now = pen(cell);
        cursor = Some((x + cell.symbol().width().max(1) as u16, y));
    }
    total
}

/// Bytes to rewrite `screen`'s cells from `at` up to column `x`, then set
/// `wanted`; `None` when a wide symbol runs past `x`.
fn gap_len(screen: &Buffer, at: (u16, u16), x: u16, mut pen_now: Pen, wanted: Pen) -> Option<usize> {
    let (mut column, y) = at;
    let mut total = 0;
    while column < x {
        let cell = &screen[(column, y)];
        let width = cell.symbol().width().max(1) as u16;
        if column + width > x {
            return None;
        }
        total += sgr_len(pen_now, pen(cell)) + cell.symbol().len();
        pen_now = pen(cell);
        column += width;
    }
    Some(total + sgr_len(pen_now, wanted))
}

/// One key's frame: its bytes (after `setup`'s frame), the minimum for its
/// changed cells, and whether an emulator fed both frames shows the second.
struct Measured {
    bytes: usize,
    minimum: usize,
    crossterm: usize,
}

fn measure(width: u16, height: u16, setup: &[Action], key: &Action) -> Measured {
    let mut s = prepared(width, height, setup);
    let mut terminal = app_terminal(width, height);
    draw_as_the_app(&mut terminal, &s);
    let before = rendered(&s, width, height);
    let first_len = terminal.backend().writer().bytes.len();
    update(&mut s, key.clone());
    draw_as_the_app(&mut terminal, &s);
    let after = rendered(&s, width, height);
    let all = terminal.backend().writer().bytes.clone();
    let mut emulator = vt100::Parser::new(height, width, 0);
    emulator.process(&all);
    assert_shows(&emulator, &after, &format!("{key:?} at {width}x{height}"));
    let measured = Measured {
        bytes: all.len() - first_len,
        minimum: minimum(&before, &after),
        crossterm: crossterm_bytes(width, height, setup, key),
    };
    eprintln!(
        "{key:?} at {width}x{height}: {} bytes, minimum {}, crossterm's backend {}",
        measured.bytes, measured.minimum, measured.crossterm
    );
    measured
}

/// A frame may start with a full cursor move (the minimum counts 0: a
/// two-screen diff does not say where the last frame left the cursor; at
/// 200x60 `ESC[60;200H` is 9 bytes) and end with a reset (`ESC[0m`, 4), so a
/// small frame is allowed those 13 bytes over; a large one 10 %.
fn assert_near_minimum(width: u16, height: u16, setup: &[Action], key: Action) {
    let m = measure(width, height, setup, &key);
    let allowed = m.minimum + (m.minimum / 10).max(13);
    assert!(m.minimum > 0, "{key:?} changed nothing at {width}x{height}");
    assert!(m.bytes <= allowed, "{key:?} at {width}x{height}: {} bytes, minimum {}", m.bytes, m.minimum);
    assert!(m.bytes < m.crossterm, "{key:?} at {width}x{height}: {} bytes, crossterm's {}", m.bytes, m.crossterm);
}

fn clock_second() -> Action {
    Action::Tick(support::at("nottingham-city", "2026-11-27 10:00") + chrono::Duration::seconds(1))
}

fn searching() -> Vec<Action> {
    vec![Action::OpenSearch, Action::Paste("brui".into())]
}

#[test]
fn a_move_is_within_ten_per_cent_of_the_minimum() {
    for (width, height) in [(80, 24), (200, 60)] {
        assert_near_minimum(width, height, &[], Action::MoveDown);
    }
}

#[test]
fn a_tick_is_within_ten_per_cent_of_the_minimum() {
    for (width, height) in [(80, 24), (200, 60)] {
        assert_near_minimum(width, height, &[], Action::ToggleTick);
    }
}

#[test]
fn a_search_letter_is_within_ten_per_cent_of_the_minimum() {
    for (width, height) in [(80, 24), (200, 60)] {
        assert_near_minimum(width, height, &searching(), Action::Paste("s".into()));
    }
}

#[test]
fn a_clock_second_is_within_a_cursor_move_of_the_minimum() {
    for (width, height) in [(80, 24), (200, 60)] {
        assert_near_minimum(width, height, &[], clock_second());
    }
}

#[test]
fn the_minimum_counts_moves_gaps_and_style_changes() {
    let area = Rect::new(0, 0, 20, 2);
    let before = Buffer::empty(area);
    let mut after = Buffer::empty(area);
    after[(2, 0)].set_symbol("a");
    after[(4, 0)].set_symbol("b");
    after[(0, 1)].set_symbol("c").set_fg(Color::Red);
    // a; the one blank between is cheaper than ESC[C; b; \r\n, ESC[31m, c.
    assert_eq!(minimum(&before, &after), 1 + 1 + 1 + 2 + 5 + 1);
    assert_eq!(move_len((5, 0), (14, 0)), 4); // ESC[9C
    assert_eq!(move_len((5, 3), (0, 4)), 2); // \r\n
    assert_eq!(move_len((5, 3), (0, 9)), 5); // ESC[10H, or ESC[6B and \r
    assert_eq!(sgr_len(PLAIN, Pen { fg: Color::Black, bg: Color::Green, ..PLAIN }), 8);
}
