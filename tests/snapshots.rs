#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Snapshots of every view and overlay at 80x24 and 200x60, in office hours
//! and out of hours, on a fixed clock; and renders at sizes down to 0x0.

mod support;

use dutygrid::app::{Action, update};
use insta::assert_snapshot;
use support::{NIGHT, OFFICE, press, render, state};

#[test]
fn grid_80x24_office_hours() {
    assert_snapshot!(render(&state("nottingham-city", OFFICE, 80, 24)));
}

#[test]
fn grid_80x24_out_of_hours() {
    assert_snapshot!(render(&state("nottingham-city", NIGHT, 80, 24)));
}

#[test]
fn grid_200x60_office_hours_with_ticks() {
    let mut s = state("nottingham-city", OFFICE, 200, 60);
    press(&mut s, &["space", "l", "j", "space", "4", "space"]);
    assert_snapshot!(render(&s));
}

#[test]
fn grid_200x60_out_of_hours() {
    assert_snapshot!(render(&state("nottingham-city", NIGHT, 200, 60)));
}

#[test]
fn grid_80x24_warning_before_the_mash_closes() {
    assert_snapshot!(render(&state("nottingham-city", "2026-11-27 16:38", 80, 24)));
}

#[test]
fn banner_80x24_out_of_hours() {
    let mut s = state("nottingham-city", NIGHT, 80, 24);
    support::go_to_item(&mut s, "family-history-s5");
    press(&mut s, &["space"]);
    assert_snapshot!(render(&s));
}

#[test]
fn banner_200x60_office_hours() {
    let mut s = state("nottingham-city", OFFICE, 200, 60);
    press(&mut s, &["i", "j", "j", "j", "space"]);
    assert_snapshot!(render(&s));
}

#[test]
fn immediate_list_80x24() {
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    press(&mut s, &["i", "j", "j"]);
    assert_snapshot!(render(&s));
}

#[test]
fn immediate_list_200x60() {
    let mut s = state("nottingham-city", NIGHT, 200, 60);
    press(&mut s, &["i"]);
    assert_snapshot!(render(&s));
}

#[test]
fn help_80x24() {
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    press(&mut s, &["?"]);
    assert_snapshot!(render(&s));
}

#[test]
fn help_200x60() {
    let mut s = state("nottingham-city", OFFICE, 200, 60);
    press(&mut s, &["?"]);
    assert_snapshot!(render(&s));
}

#[test]
fn confirm_quit_80x24() {
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    press(&mut s, &["space", "q"]);
    assert_snapshot!(render(&s));
}

#[test]
fn confirm_quit_200x60() {
    let mut s = state("nottingham-city", NIGHT, 200, 60);
    press(&mut s, &["space", "q"]);
    assert_snapshot!(render(&s));
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
    assert_snapshot!(render(&state("stoke-on-trent", OFFICE, 80, 24)));
}

#[test]
fn five_level_grid_200x60_out_of_hours() {
    let mut s = state("stoke-on-trent", NIGHT, 200, 60);
    press(&mut s, &["3", "space", "5", "j", "space"]);
    press(&mut s, &["enter"]);
    assert_snapshot!(render(&s));
}

#[test]
fn call_details_80x24() {
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    press(&mut s, &["d", "right", "down", "down", "down", "right", "right"]);
    assert_snapshot!(render(&s));
}

#[test]
fn notes_200x60() {
    let mut s = state("nottingham-city", NIGHT, 200, 60);
    press(&mut s, &["o", "tab"]);
    assert_snapshot!(render(&s));
}

#[test]
fn decision_80x24_with_a_refused_save() {
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    press(&mut s, &["space", "v", "right", "right", "enter"]);
    assert_snapshot!(render(&s));
}

#[test]
fn restore_offer_200x60() {
    let mut old = state("nottingham-city", OFFICE, 200, 60);
    press(&mut old, &["space", "j", "space"]);
    let offer = dutygrid::app::RestoreOffer {
        path: "call-x.jsonl".into(),
        call: old.call().clone(),
        problem: Some("line 9: the line was cut off (the app stopped while writing it)".into()),
    };
    let session = support::session("nottingham-city", OFFICE);
    let s = support::start(dutygrid::app::Session { offers: vec![offer], ..session }, 200, 60);
    assert_snapshot!(render(&s));
}
