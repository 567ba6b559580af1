#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The app leaves out of a frame the grid's rows that draw as the terminal
//! already shows them (`ui::draw_changes`). Whatever keys come, what the
//! terminal shows must be what a whole draw of the state gives: each
//! frame's bytes are played into a terminal emulator and compared, cell by
//! cell, with a fresh draw.

mod support;

use chrono::Duration;
use dutygrid::app::{Action, State, update};
use dutygrid::ui::Span;
use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use support::emulated::{AppTerminal, app_terminal, assert_shows, draw_as_the_app, rendered};
use support::{OFFICE, at, state};

/// Draws `s` as the app does, plays the bytes into `emulator` and checks it
/// shows `s` drawn whole; returns how many spans of cells were left out.
fn check(terminal: &mut AppTerminal, emulator: &mut vt100::Parser, s: &State, context: &str) -> usize {
    check_spans(terminal, emulator, s, context).len()
}

fn check_spans(terminal: &mut AppTerminal, emulator: &mut vt100::Parser, s: &State, context: &str) -> Vec<Span> {
    let len = terminal.backend().writer().bytes.len();
    let left_out = draw_as_the_app(terminal, s);
    emulator.process(&terminal.backend().writer().bytes[len..]);
    let (width, height) = s.size();
    assert_shows(emulator, &rendered(s, width, height), context);
    left_out
}

/// `pack` at `width` x `height` on a terminal as the app drives it, its
/// first frame drawn and checked.
fn started(pack: &str, width: u16, height: u16) -> (State, AppTerminal, vt100::Parser) {
    let s = state(pack, OFFICE, width, height);
    let mut terminal = app_terminal(width, height);
    let mut emulator = vt100::Parser::new(height, width, 0);
    assert_eq!(check(&mut terminal, &mut emulator, &s, "first frame"), 0, "the first frame is drawn whole");
    (s, terminal, emulator)
}

/// The rows of `area` whose cells are the same in both frames, and the
/// rows of it `left_out` spans whole.
fn rows_same_and_left_out(before: &Buffer, after: &Buffer, area: Rect, left_out: &[Span]) -> (usize, usize) {
    let same =
        (area.y..area.bottom()).filter(|&y| (area.x..area.right()).all(|x| before[(x, y)] == after[(x, y)])).count();
    let spanned = (area.y..area.bottom())
        .filter(|&y| left_out.iter().any(|s| s.y == y && s.x <= area.x && s.end >= area.right()))
        .count();
    (same, spanned)
}

#[test]
fn a_move_leaves_out_the_rows_it_does_not_change_and_the_screen_is_the_whole_draw() {
    for pack in ["nottingham-city", "stoke-on-trent", "nottingham-fsp-2018"] {
        for (width, height) in [(80, 24), (200, 60)] {
            let (mut s, mut terminal, mut emulator) = started(pack, width, height);
            for (n, action) in
                [Action::MoveDown, Action::MoveDown, Action::ToggleTick, Action::MoveRight, Action::MoveUp]
                    .into_iter()
                    .enumerate()
            {
                let before = rendered(&s, width, height);
                update(&mut s, action.clone());
                let context = format!("{pack} {width}x{height}, key {n} ({action:?})");
                let left_out = check_spans(&mut terminal, &mut emulator, &s, &context);
                let after = rendered(&s, width, height);
                // Every row of the grid's cells that the key did not
                // change is left out, and no other.
                let (same, spanned) = rows_same_and_left_out(&before, &after, s.areas().grid_cells(), &left_out);
                assert_eq!(spanned, same, "{context}: grid rows left out, against rows the key did not change");
                // The header, the footer and the grid's outline: left out
                // whole while they read the same (the clock stands still).
                let areas = s.areas();
                let grid = areas.grid;
                let outline = Rect { height: 2, ..grid };
                let foot = Rect { y: grid.bottom() - 1, height: 1, ..grid };
                for (name, region) in
                    [("header", areas.header), ("footer", areas.footer), ("outline", outline), ("foot", foot)]
                {
                    let (same, spanned) = rows_same_and_left_out(&before, &after, region, &left_out);
                    if same == usize::from(region.height) {
                        assert_eq!(spanned, same, "{context}: the {name} did not change and is left out");
                    }
                }
                // The side panel's rows: never one that changed.
                if width >= 140 {
                    let panel = s.areas().summary;
                    let inner = Rect { x: panel.x + 1, width: panel.width - 2, ..panel };
                    let (same, spanned) = rows_same_and_left_out(&before, &after, inner, &left_out);
                    // And most that stayed: a row can look the same while it
                    // shows another line (a blank one, one moved down into a
                    // row that read the same), which is drawn again.
                    assert!(
                        spanned <= same && spanned * 4 >= same * 3,
                        "{context}: {spanned} side panel rows left out, {same} unchanged"
                    );
                }
            }
        }
    }
}

#[test]
fn under_an_overlay_only_what_is_outside_it_is_left_out_and_the_frame_after_it_is_drawn_whole() {
    let (mut s, mut terminal, mut emulator) = started("nottingham-city", 200, 60);
    update(&mut s, Action::OpenHelp);
    check(&mut terminal, &mut emulator, &s, "help open");
    update(&mut s, Action::MoveDown);
    assert!(check(&mut terminal, &mut emulator, &s, "help still open") > 0, "the header and footer are left out");
    update(&mut s, Action::Close);
    assert_eq!(check(&mut terminal, &mut emulator, &s, "help closed"), 0, "the grid under the help is drawn again");
    update(&mut s, Action::MoveDown);
    assert!(check(&mut terminal, &mut emulator, &s, "a move after") > 0);
    // An immediate-protection tick: the banner covers the grid until it is
    // acknowledged.
    let alert = s.grid().rows.iter().flat_map(|r| r.cells.iter().flatten()).find(|i| i.alert).expect("an alert item");
    let id = alert.id.clone();
    support::go_to_item(&mut s, &id);
    check(&mut terminal, &mut emulator, &s, "on the alert item");
    update(&mut s, Action::ToggleTick);
    assert!(s.call().pending_alert().is_some(), "the tick raised the banner");
    check(&mut terminal, &mut emulator, &s, "banner up");
    update(&mut s, Action::Acknowledge);
    assert!(s.call().pending_alert().is_none(), "acknowledged");
    assert_eq!(check(&mut terminal, &mut emulator, &s, "banner gone"), 0, "the grid under the banner is drawn again");
    update(&mut s, Action::MoveUp);
    assert!(check(&mut terminal, &mut emulator, &s, "a move after the banner") > 0);
}

#[test]
fn a_whole_draw_between_frames_does_not_change_what_the_next_frame_leaves_out() {
    let (mut s, mut terminal, mut emulator) = started("nottingham-city", 200, 60);
    update(&mut s, Action::MoveDown);
    // A whole draw of another state (a test's, a bench's) in between.
    let mut other = state("stoke-on-trent", OFFICE, 200, 60);
    update(&mut other, Action::ToggleTick);
    rendered(&other, 200, 60);
    check(&mut terminal, &mut emulator, &s, "after a whole draw of another state");
}

#[test]
fn after_a_clear_or_cells_written_another_way_the_frame_is_drawn_whole() {
    let (mut s, mut terminal, mut emulator) = started("nottingham-city", 120, 40);
    // A clear, as on a resume from suspend.
    ratatui::backend::Backend::clear(terminal.backend_mut()).expect("clear");
    update(&mut s, Action::MoveDown);
    assert_eq!(check(&mut terminal, &mut emulator, &s, "after a clear"), 0);
    // Cells handed to the backend one by one, as ratatui's own draw does.
    let mut over = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, 120, 40));
    over.set_string(10, 20, "written over the grid", ratatui::style::Style::new());
    let cells: Vec<_> =
        over.content.iter().enumerate().map(|(i, cell)| (over.pos_of(i).0, over.pos_of(i).1, cell)).collect();
    let len = terminal.backend().writer().bytes.len();
    ratatui::backend::Backend::draw(terminal.backend_mut(), cells.into_iter()).expect("cells");
    ratatui::backend::Backend::flush(terminal.backend_mut()).expect("flush");
    emulator.process(&terminal.backend().writer().bytes[len..]);
    update(&mut s, Action::MoveDown);
    assert_eq!(check(&mut terminal, &mut emulator, &s, "after cells written one by one"), 0);
    update(&mut s, Action::ToggleTick);
    assert!(check(&mut terminal, &mut emulator, &s, "the next tick") > 0);
}

/// The keys a handler presses on the grid, and some that open, close or
/// resize things over it.
fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        6 => Just(Action::MoveDown),
        4 => Just(Action::MoveUp),
        2 => Just(Action::MoveLeft),
        2 => Just(Action::MoveRight),
        4 => Just(Action::ToggleTick),
        1 => Just(Action::PageDown),
        1 => Just(Action::PageUp),
        1 => Just(Action::NextRow),
        1 => Just(Action::Last),
        1 => Just(Action::First),
        1 => (0u8..5).prop_map(Action::JumpLevel),
        1 => Just(Action::Acknowledge),
        1 => Just(Action::TogglePresent),
        1 => Just(Action::OpenImmediate),
        1 => Just(Action::OpenSearch),
        1 => Just(Action::Paste("b".into())),
        2 => Just(Action::Close),
        1 => Just(Action::Cancel),
        1 => (0i64..3600).prop_map(|s| Action::Tick(at("nottingham-city", OFFICE) + Duration::seconds(s))),
        1 => prop_oneof![Just((80u16, 24u16)), Just((60, 20)), Just((200, 60)), Just((150, 45))]
            .prop_map(|(width, height)| Action::Resize { width, height }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_keys_leave_the_terminal_showing_the_whole_draw(
        pack in prop_oneof![Just("nottingham-city"), Just("stoke-on-trent"), Just("nottingham-fsp-2018")],
        actions in proptest::collection::vec(action(), 1..40),
    ) {
        let (mut width, mut height) = (140u16, 40u16);
        let (mut s, mut terminal, mut emulator) = started(pack, width, height);
        for (n, action) in actions.iter().enumerate() {
            update(&mut s, action.clone());
            if let Action::Resize { width: w, height: h } = *action {
                // The terminal itself resized: a new emulator of that size,
                // as a real one keeps nothing the app relies on (ratatui
                // clears on a resize).
                (width, height) = (w, h);
                terminal.resize(ratatui::layout::Rect::new(0, 0, w, h)).expect("resize");
                emulator = vt100::Parser::new(h, w, 0);
            }
            check(&mut terminal, &mut emulator, &s, &format!("{pack}, key {n} ({action:?}) at {width}x{height}"));
        }
    }
}
