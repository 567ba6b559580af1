#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! What a keystroke sends to the terminal: only the cells that changed. A
//! move or a tick at 200x60 must write well under 2 KB (the first frame,
//! which draws everything, is over 10 KB).

mod support;

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use dutygrid::app::{Action, update};
use dutygrid::ui::{self, Theme};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use support::{OFFICE, state};

/// Counts the bytes the backend writes.
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

fn bytes_for(actions: &[Action]) -> (usize, usize) {
    let mut s = state("nottingham-city", OFFICE, 200, 60);
    let counter = Counter::default();
    let options = TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, 200, 60)) };
    let mut terminal = Terminal::with_options(CrosstermBackend::new(counter.clone()), options).expect("terminal");
    let theme = Theme::colour();
    terminal.draw(|frame| ui::draw(frame, &s, &theme)).expect("first frame");
    let first = *counter.0.borrow();
    for action in actions {
        update(&mut s, action.clone());
    }
    terminal.draw(|frame| ui::draw(frame, &s, &theme)).expect("second frame");
    let second = *counter.0.borrow() - first;
    eprintln!("first frame {first} bytes, then {second} bytes");
    (first, second)
}

#[test]
fn a_move_writes_only_the_changed_cells() {
    let (first, moved) = bytes_for(&[Action::MoveDown]);
    assert!(first > 5 * 2048, "the first frame draws everything: {first} bytes");
    assert!(moved < 2048, "a move wrote {moved} bytes");
}

#[test]
fn a_tick_writes_only_the_changed_cells() {
    let (_, ticked) = bytes_for(&[Action::ToggleTick]);
    assert!(ticked < 2048, "a tick wrote {ticked} bytes");
}

#[test]
fn a_clock_second_writes_only_the_changed_cells() {
    let later = support::at("nottingham-city", "2026-11-27 10:00") + chrono::Duration::seconds(1);
    let (_, ticked) = bytes_for(&[Action::Tick(later)]);
    assert!(ticked < 200, "a clock second wrote {ticked} bytes");
}

/// Counts the writes and bytes that reach the terminal, per frame.
#[derive(Default)]
struct Writes {
    calls: usize,
    bytes: Vec<u8>,
}

impl Write for Writes {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.calls += 1;
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

type AppTerminal = Terminal<dutygrid::tui::Screen<Writes>>;

/// (writes, bytes) of drawing `s` once more.
fn frame(terminal: &mut AppTerminal, s: &dutygrid::app::State) -> (usize, Vec<u8>) {
    let theme = Theme::colour();
    let (calls, len) = (terminal.backend().writer().calls, terminal.backend().writer().bytes.len());
    terminal.draw(|frame| ui::draw(frame, s, &theme)).expect("frame");
    let out = terminal.backend().writer();
    (out.calls - calls, out.bytes[len..].to_vec())
}

fn app_terminal(width: u16, height: u16) -> AppTerminal {
    let options = TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, width, height)) };
    Terminal::with_options(dutygrid::tui::Screen::new(Writes::default()), options).expect("terminal")
}

#[test]
fn each_frame_is_one_write_and_a_frame_with_nothing_changed_writes_nothing() {
    let mut s = state("nottingham-city", OFFICE, 200, 60);
    let mut terminal = app_terminal(200, 60);
    let (calls, first) = frame(&mut terminal, &s);
    assert_eq!(calls, 1, "the first frame ({} bytes) in one write", first.len());
    assert!(first.len() > 5 * 2048, "the first frame draws everything: {} bytes", first.len());
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
