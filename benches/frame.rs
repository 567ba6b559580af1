#![allow(clippy::expect_used)]
//! Per-keystroke cost: `update` plus a full render of the grid at 200x60
//! (and 80x24) into a TestBackend, on the real Nottingham City pack; and
//! the same move on a generated pack of 50,000 indicators and after a call
//! of 3,000 tick events, which must cost about the same.
//! Run with `cargo bench --bench frame`.

use chrono::TimeZone;
use dutygrid::app::contact_now::calendar_for;
use dutygrid::app::{Action, RestoreOffer, Session, State, update};
use dutygrid::call::{Call, Entry};
use dutygrid::keymap::Keymap;
use dutygrid::pack::library::Library;
use dutygrid::pack::{Pack, Row, Rows};
use dutygrid::tui::Screen;
use dutygrid::ui::{self, Theme};
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

fn main() {
    divan::main();
}

fn state(pack: &str, width: u16, height: u16) -> State {
    let library = Library::load(None);
    let (pack, _) = library.open(pack).expect("pack");
    state_of(pack, width, height)
}

fn state_of(pack: Pack, width: u16, height: u16) -> State {
    let library = Library::load(None);
    let calendar = calendar_for(&pack, &library.calendars).cloned();
    let now = chrono::Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).single().expect("time");
    let mut state = State::for_session(Session { calendar, ..Session::new(pack, Keymap::default_keymap(), now) });
    update(&mut state, Action::Resize { width, height });
    state
}

/// The Nottingham City pack with its rows repeated until it holds `n`
/// indicators; the first copy keeps its ids, so its related groups and
/// triggers still resolve.
fn generated(n: usize) -> Pack {
    let (shipped, _) = Library::load(None).open("nottingham-city").expect("pack");
    // A clone builds its own catalog, for the new rows.
    let mut pack = shipped.clone();
    let rows: Vec<Row> = shipped.all_rows().into_iter().map(|(_, row)| row.clone()).collect();
    let per_copy: usize = rows.iter().flat_map(|r| &r.cells).map(|c| c.indicators.len()).sum();
    let mut out = Vec::new();
    for copy in 0..n.div_ceil(per_copy) {
        for row in &rows {
            let mut row = row.clone();
            if copy > 0 {
                row.id = format!("{}-{copy}", row.id);
                for indicator in row.cells.iter_mut().flat_map(|c| &mut c.indicators) {
                    indicator.id = format!("{}-{copy}", indicator.id);
                }
            }
            out.push(row);
        }
    }
    pack.rows = Rows::Outcomes(out);
    pack
}

/// The state with a call of `events` ticks and unticks over 300 of the
/// pack's indicators (each ticked, unticked, ticked again...), leaving some
/// ticked — resumed as a restored call is, so the state is built as the app
/// builds it.
///
/// With `short`, a call that ends with the same ticks, each ticked once: the
/// same screen, drawn from a history a hundredth as long.
fn long_call(pack: &str, events: usize, short: bool, width: u16, height: u16) -> State {
    let (pack, _) = Library::load(None).open(pack).expect("pack");
    let now = chrono::Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).single().expect("time");
    let ids: Vec<String> = pack.catalog().entries().iter().take(300).map(|e| e.id.clone()).collect();
    let mut call = Call::new(dutygrid::app::state::stamp(&pack), now, false);
    let mut at = now;
    for n in 0..events {
        at += chrono::Duration::seconds(1);
        let ticked = (n / ids.len()).is_multiple_of(2) || n.is_multiple_of(7);
        call.apply(&Entry::Tick { id: ids[n % ids.len()].clone(), ticked, at });
    }
    if short {
        let ticked: Vec<String> = call.ticked().into_iter().map(|(id, _)| id.to_string()).collect();
        call = Call::new(dutygrid::app::state::stamp(&pack), now, false);
        for id in ticked {
            call.apply(&Entry::Tick { id, ticked: true, at });
        }
    }
    let offer = RestoreOffer { path: "call-bench.jsonl".into(), call, problem: None };
    let session = Session { offers: vec![offer], ..Session::new(pack, Keymap::default_keymap(), now) };
    let mut state = State::for_session(session);
    update(&mut state, Action::Confirm);
    update(&mut state, Action::Resize { width, height });
    assert!(state.screens().is_empty() && !state.call().ticked().is_empty(), "the long call is resumed");
    state
}

/// A cursor move at 200x60 on the shipped pack with a fresh call, on the
/// 50,000-indicator pack, after 3,000 tick events, and with the same ticks
/// as those 3,000 leave, each ticked once (the same screen: what is left
/// between the last two is the history's own cost).
#[divan::bench(args = ["shipped", "50k-pack", "3000-events", "same-ticks-fresh"])]
fn scaling_move_and_render_200x60(bencher: divan::Bencher, case: &str) {
    let mut state = match case {
        "50k-pack" => state_of(generated(50_000), 200, 60),
        "3000-events" => long_call("nottingham-city", 3000, false, 200, 60),
        "same-ticks-fresh" => long_call("nottingham-city", 3000, true, 200, 60),
        _ => state("nottingham-city", 200, 60),
    };
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    let theme = Theme::colour();
    // Up and down: the cursor stays among the first rows, where the
    // related groups and ticks are, whatever the pack's size.
    let mut down = true;
    bencher.bench_local(|| {
        update(&mut state, if down { Action::MoveDown } else { Action::MoveUp });
        down = !down;
        terminal.draw(|frame| ui::draw(frame, &state, &theme)).expect("draw");
    });
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

/// A cursor move drawn as the app draws it: rendered, compared with the
/// frame the backend last wrote, and the changed cells' bytes made.
#[divan::bench(args = [(80, 24), (200, 60)])]
fn move_down_render_and_write(bencher: divan::Bencher, (width, height): (u16, u16)) {
    let mut state = state("nottingham-city", width, height);
    let options = TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, width, height)) };
    let mut terminal = Terminal::with_options(Screen::new(std::io::sink()), options).expect("terminal");
    dutygrid::tui::release_spare(&mut terminal);
    let theme = Theme::colour();
    bencher.bench_local(|| {
        update(&mut state, Action::MoveDown);
        dutygrid::tui::draw_frame(&mut terminal, |frame| ui::draw(frame, &state, &theme)).expect("draw");
    });
}

/// A cursor move up or down drawn as the app's loop draws it: the grid's
/// rows the move did not change are left out, the rest rendered, compared
/// with what the backend last wrote, and the changed cells' bytes made. Up
/// and down in turn, so the cursor keeps moving (a move down at the foot
/// of the grid changes nothing).
#[divan::bench(args = [(80, 24), (200, 60)])]
fn move_as_the_app_draws(bencher: divan::Bencher, (width, height): (u16, u16)) {
    app_draws_moves(bencher, state("nottingham-city", width, height));
}

/// As `scaling_move_and_render_200x60`, drawn as the app's loop draws it.
#[divan::bench(args = ["shipped", "50k-pack", "3000-events"])]
fn scaling_as_the_app_draws_200x60(bencher: divan::Bencher, case: &str) {
    let state = match case {
        "50k-pack" => state_of(generated(50_000), 200, 60),
        "3000-events" => long_call("nottingham-city", 3000, false, 200, 60),
        _ => state("nottingham-city", 200, 60),
    };
    app_draws_moves(bencher, state);
}

fn app_draws_moves(bencher: divan::Bencher, state: State) {
    app_draws(bencher, state, |state, down| {
        update(state, if down { Action::MoveDown } else { Action::MoveUp });
    });
}

/// `step` (told `true` and `false` in turn) and the frame the app's loop
/// draws after it.
fn app_draws(bencher: divan::Bencher, mut state: State, mut step: impl FnMut(&mut State, bool)) {
    let (width, height) = state.size();
    let options = TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, width, height)) };
    let mut terminal = Terminal::with_options(Screen::new(std::io::sink()), options).expect("terminal");
    dutygrid::tui::release_spare(&mut terminal);
    let theme = Theme::colour();
    let mut on = true;
    bencher.bench_local(|| {
        step(&mut state, on);
        on = !on;
        dutygrid::tui::draw_changes(&mut terminal, |frame, canvas| ui::draw_changes(frame, &state, &theme, canvas))
            .expect("draw");
    });
}

/// A letter typed into the search box and taken back, in turn, drawn as
/// the app's loop draws it: the search, its results and the grid under
/// the box (left out where it did not change).
#[divan::bench(args = [(80, 24), (200, 60)])]
fn search_letter_as_the_app_draws(bencher: divan::Bencher, (width, height): (u16, u16)) {
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let mut state = state("nottingham-city", width, height);
    let key = |code| Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    let press = |state: &mut State, code| {
        let action = dutygrid::tui::action_for(state, &key(code)).expect("a bound key");
        update(state, action);
    };
    press(&mut state, KeyCode::Char('/'));
    state.warm_index();
    for c in "bru".chars() {
        press(&mut state, KeyCode::Char(c));
    }
    app_draws(bencher, state, |state, typing| {
        press(state, if typing { KeyCode::Char('i') } else { KeyCode::Backspace });
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

/// The grid's layout of a pack, built once per pack: on the 50,000-indicator
/// pack it must not grow with rows × indicators.
#[divan::bench(args = [256, 10_000, 50_000])]
fn grid_build(bencher: divan::Bencher, n: usize) {
    let pack = generated(n);
    let _ = pack.catalog();
    bencher.bench_local(|| dutygrid::app::grid::Grid::build(&pack).rows.len());
}
