#![allow(clippy::expect_used)]
//! Per-frame cost of the guide screen: a full render with the guide open
//! (at its top and deep in it, at the numbers directory), and a scroll of
//! one line (`update` plus the render), on the two packs with the longest
//! texts. Run with `cargo bench --bench guide`.

use chrono::TimeZone;
use dutygrid::app::{Action, Session, State, update};
use dutygrid::keymap::Keymap;
use dutygrid::pack::library::Library;
use dutygrid::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    divan::main();
}

const PACKS: [&str; 2] = ["nottingham-fsp-2018", "stoke-on-trent"];

/// The guide open on `pack` at `width`x`height`; `deep` tabs on to the
/// numbers directory, where every line above it is scrolled past.
fn guide_open(pack: &str, width: u16, height: u16, deep: bool) -> State {
    let (pack, _) = Library::load(None).open(pack).expect("pack");
    let now = chrono::Utc.with_ymd_and_hms(2026, 12, 4, 16, 55, 0).single().expect("time");
    let mut state = State::for_session(Session::new(pack, Keymap::default_keymap(), now));
    update(&mut state, Action::Resize { width, height });
    update(&mut state, Action::OpenGuide);
    if deep {
        let numbers = dutygrid::guide::Guide::of(state.pack()).sections.iter().position(|s| s.id == "numbers");
        for _ in 0..numbers.expect("a numbers directory") {
            update(&mut state, Action::NextRow);
        }
    }
    state
}

fn frame(bencher: divan::Bencher, state: &State, width: u16, height: u16) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    let theme = Theme::colour();
    bencher.bench_local(|| {
        terminal.draw(|frame| ui::draw(frame, state, &theme)).expect("draw");
    });
}

/// A frame of the open guide, nothing changed, at 200x60.
#[divan::bench(args = PACKS)]
fn guide_frame_200x60(bencher: divan::Bencher, pack: &str) {
    frame(bencher, &guide_open(pack, 200, 60, false), 200, 60);
}

/// A frame of the guide at its numbers directory, most of the text above.
#[divan::bench(args = PACKS)]
fn guide_frame_deep_200x60(bencher: divan::Bencher, pack: &str) {
    frame(bencher, &guide_open(pack, 200, 60, true), 200, 60);
}

#[divan::bench(args = PACKS)]
fn guide_frame_80x24(bencher: divan::Bencher, pack: &str) {
    frame(bencher, &guide_open(pack, 80, 24, false), 80, 24);
}

/// One line down then one up, each `update` plus a full render, at the
/// numbers directory.
#[divan::bench(args = PACKS)]
fn guide_scroll_200x60(bencher: divan::Bencher, pack: &str) {
    let mut state = guide_open(pack, 200, 60, true);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    let theme = Theme::colour();
    let mut down = true;
    bencher.bench_local(|| {
        update(&mut state, if down { Action::MoveDown } else { Action::MoveUp });
        down = !down;
        terminal.draw(|frame| ui::draw(frame, &state, &theme)).expect("draw");
    });
}

/// A page down then back up at 80x24, at the numbers directory.
#[divan::bench(args = PACKS)]
fn guide_page_80x24(bencher: divan::Bencher, pack: &str) {
    let mut state = guide_open(pack, 80, 24, true);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let theme = Theme::colour();
    let mut down = true;
    bencher.bench_local(|| {
        update(&mut state, if down { Action::PageDown } else { Action::PageUp });
        down = !down;
        terminal.draw(|frame| ui::draw(frame, &state, &theme)).expect("draw");
    });
}
