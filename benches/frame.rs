#![allow(clippy::expect_used)]
//! Per-keystroke cost: `update` plus a full render of the grid at 200x60
//! (and 80x24) into a TestBackend, on the real Nottingham City pack.
//! Run with `cargo bench --bench frame`.

use chrono::TimeZone;
use dutygrid::app::contact_now::calendar_for;
use dutygrid::app::{Action, Session, State, update};
use dutygrid::keymap::Keymap;
use dutygrid::pack::library::Library;
use dutygrid::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    divan::main();
}

fn state(pack: &str, width: u16, height: u16) -> State {
    let library = Library::load(None);
    let (pack, _) = library.open(pack).expect("pack");
    let calendar = calendar_for(&pack, &library.calendars).cloned();
    let now = chrono::Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).single().expect("time");
    let mut state = State::for_session(Session { calendar, ..Session::new(pack, Keymap::default_keymap(), now) });
    update(&mut state, Action::Resize { width, height });
    state
}

#[divan::bench(args = [(200, 60), (80, 24), (250, 70)])]
fn move_down_and_render(bencher: divan::Bencher, (width, height): (u16, u16)) {
    let mut state = state("nottingham-city", width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    let theme = Theme::colour();
    bencher.bench_local(|| {
        update(&mut state, Action::MoveDown);
        terminal.draw(|frame| ui::draw(frame, &state, &theme)).expect("draw");
    });
}

#[divan::bench]
fn tick_and_render_200x60(bencher: divan::Bencher) {
    let mut state = state("nottingham-city", 200, 60);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    let theme = Theme::colour();
    bencher.bench_local(|| {
        update(&mut state, Action::ToggleTick);
        terminal.draw(|frame| ui::draw(frame, &state, &theme)).expect("draw");
    });
}

#[divan::bench]
fn five_level_pack_move_and_render_200x60(bencher: divan::Bencher) {
    let mut state = state("stoke-on-trent", 200, 60);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    let theme = Theme::colour();
    bencher.bench_local(|| {
        update(&mut state, Action::MoveDown);
        terminal.draw(|frame| ui::draw(frame, &state, &theme)).expect("draw");
    });
}

#[divan::bench]
fn clock_tick_update_only(bencher: divan::Bencher) {
    let mut state = state("nottingham-city", 200, 60);
    let mut now = state.now();
    bencher.bench_local(|| {
        now += chrono::Duration::seconds(1);
        update(&mut state, Action::Tick(now));
    });
}

#[divan::bench]
fn render_only_200x60(bencher: divan::Bencher) {
    let state = state("nottingham-city", 200, 60);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    let theme = Theme::colour();
    bencher.bench_local(|| {
        terminal.draw(|frame| ui::draw(frame, &state, &theme)).expect("draw");
    });
}

#[divan::bench]
fn update_only_move_down_200x60(bencher: divan::Bencher) {
    let mut state = state("nottingham-city", 200, 60);
    bencher.bench_local(|| {
        update(&mut state, Action::MoveDown);
    });
}

#[divan::bench]
fn load_library_and_open_default_pack(bencher: divan::Bencher) {
    bencher.bench(|| Library::load(None).open("nottingham-city").map(|(p, _)| p.id));
}
