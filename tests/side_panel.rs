//! The side panel beside the grid (from 140 columns): the call so far, the
//! same concern at other levels and the ticked list. Its wrapped text is
//! kept between frames while its lines are unchanged; a kept panel that
//! missed a change would show a stale count or a stale related list.

mod support;

use dutygrid::app::{Action, State, update};
use support::{render, state};

/// The side panel's columns of a drawn screen, row by row.
fn panel(s: &State) -> Vec<String> {
    let (width, _) = s.size();
    let from = usize::from(width - dutygrid::app::layout::SIDE_SUMMARY_WIDTH);
    render(s).lines().map(|row| row.chars().skip(from).collect()).collect()
}

#[test]
fn a_kept_side_panel_is_the_one_a_fresh_draw_gives_through_moves_and_ticks() {
    for pack in ["nottingham-city", "stoke-on-trent", "nottingham-fsp-2018"] {
        let mut s = state(pack, "2026-11-27 10:00", 200, 60);
        let mut changes = 0;
        let mut last = panel(&s);
        // Down each level's first rows and across, ticking every third
        // indicator and unticking some: counts, related groups and the
        // ticked list all change on the way.
        for step in 0..120 {
            let action = match step % 12 {
                3 | 7 => Action::ToggleTick,
                11 => Action::MoveRight,
                _ => Action::MoveDown,
            };
            update(&mut s, action);
            if step == 60 {
                update(&mut s, Action::Resize { width: 171, height: 40 });
            }
            let kept = panel(&s);
            dutygrid::ui::forget_kept();
            let fresh = panel(&s);
            assert_eq!(kept, fresh, "{pack} after step {step}");
            changes += usize::from(kept != last);
            last = kept;
        }
        // The walk really changed the panel, most steps.
        assert!(changes > 60, "{pack}: only {changes} changes");
    }
}

#[test]
fn a_long_call_fills_the_panel_to_its_foot_with_ticks() {
    let mut s = state("nottingham-city", "2026-11-27 10:00", 200, 60);
    for _ in 0..150 {
        update(&mut s, Action::ToggleTick);
        update(&mut s, Action::MoveDown);
    }
    let panel = panel(&s);
    let heading = panel.iter().position(|row| row.trim() == "Ticked").expect("a ticked list");
    // Ticked lines (wrapped where long) run from the heading to the last
    // row above the footer: those that cannot show are not made, but every
    // row that can is filled.
    assert!(panel[heading + 1..panel.len() - 1].iter().all(|row| !row.trim().is_empty()), "{panel:#?}");
    assert!(panel[heading + 1].trim_start().starts_with(|c: char| c.is_ascii_digit() || c == '!'));
}
