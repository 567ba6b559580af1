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
