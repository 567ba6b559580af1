#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Realism checks on the shipped packs: a few views of the default pack
//! (nottingham-city) and of a five-level pack, as characters plus the style
//! layer; and renders at sizes down to 0x0. Every screen is snapshotted on
//! the fixture pack in screens_render.rs, so a wording fix in a shipped pack
//! changes only these.

mod support;

use dutygrid::app::{Action, update};
use insta::assert_snapshot;
use support::styled::render_styled;
use support::{NIGHT, OFFICE, press, render, state};

#[test]
fn grid_80x24_office_hours() {
    assert_snapshot!(render_styled(&mut state("nottingham-city", OFFICE, 80, 24), 80, 24));
}

#[test]
fn grid_200x60_out_of_hours() {
    assert_snapshot!(render_styled(&mut state("nottingham-city", NIGHT, 200, 60), 200, 60));
}

#[test]
fn banner_80x24_out_of_hours() {
    let mut s = state("nottingham-city", NIGHT, 80, 24);
    // To "Privately fostered" (family-history-s5) as a handler would: search, show it in the grid, tick it.
    for action in
        [Action::OpenSearch, Action::Paste("privately fostered".into()), Action::GoToResult, Action::ToggleTick]
    {
        update(&mut s, action);
    }
    assert_snapshot!(render_styled(&mut s, 80, 24));
}

#[test]
fn every_screen_renders_at_tiny_and_odd_sizes_without_panicking() {
    for (width, height) in [(0, 0), (1, 1), (0, 24), (80, 0), (2, 2), (5, 3), (20, 5), (40, 10), (250, 70), (1000, 3)] {
        for keys in [&[][..], &["i"][..], &["?"][..], &["space", "q"][..], &["i", "space"][..]] {
            let mut s = state("nottingham-city", OFFICE, 80, 24);
            press(&mut s, keys);
            update(&mut s, Action::Resize { width, height });
            press(&mut s, &["j", "l", "pagedown", "end"]);
            let screen = render(&s);
            assert_eq!(screen.lines().count(), usize::from(height), "{width}x{height} {keys:?}");
        }
    }
}

#[test]
fn a_tiny_screen_still_shows_the_number_first() {
    let s = state("nottingham-city", OFFICE, 40, 10);
    let screen = render(&s);
    assert!(screen.lines().next().is_some_and(|l| l.starts_with(" OFFICE") && l.contains("0115 876 4800")), "{screen}");
}

#[test]
fn five_level_grid_80x24() {
    assert_snapshot!(render_styled(&mut state("stoke-on-trent", OFFICE, 80, 24), 80, 24));
}

#[test]
fn five_level_grid_200x60_out_of_hours() {
    let mut s = state("stoke-on-trent", NIGHT, 200, 60);
    press(&mut s, &["3", "space", "5", "j", "space"]);
    press(&mut s, &["enter"]);
    assert_snapshot!(render_styled(&mut s, 200, 60));
}
