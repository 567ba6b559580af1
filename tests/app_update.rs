#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `update` without a terminal: moving, ticking, the immediate-protection
//! alert, quitting, the clock, the mouse.

mod support;

use dutygrid::app::{Action, Effect, Overlay, update};
use dutygrid::call::summary::summarise;
use dutygrid::hours::resolve::LineKind;
use dutygrid::keymap::Context;
use support::{NIGHT, OFFICE, at, press, state};

#[test]
fn moving_right_keeps_the_row_and_number_keys_jump_to_a_level() {
    let mut s = state("nottingham-city", OFFICE, 200, 60);
    press(&mut s, &["j", "j"]);
    assert_eq!((s.cursor.row, s.cursor.level, s.cursor.item), (0, 0, 2));
    press(&mut s, &["l"]);
    assert_eq!((s.cursor.row, s.cursor.level, s.cursor.item), (0, 1, 2));
    press(&mut s, &["4"]);
    assert_eq!((s.cursor.row, s.cursor.level), (0, 3));
    press(&mut s, &["9", "h", "h", "h", "h"]);
    assert_eq!((s.cursor.row, s.cursor.level), (0, 0));
}

#[test]
fn down_runs_on_into_the_next_row_and_up_comes_back_to_its_last_item() {
    let mut s = state("nottingham-city", OFFICE, 200, 60);
    press(&mut s, &["j", "j", "j"]);
    assert_eq!((s.cursor.row, s.cursor.item), (1, 0));
    press(&mut s, &["k"]);
    assert_eq!((s.cursor.row, s.cursor.item), (0, 2));
}

#[test]
fn row_and_domain_jumps_and_home_end() {
    let mut s = state("nottingham-city", OFFICE, 200, 60);
    press(&mut s, &["n", "n"]);
    assert_eq!(s.grid.rows[s.cursor.row].name, "Emotional Development");
    press(&mut s, &["}"]);
    assert_eq!(s.grid.rows[s.cursor.row].name, "Family History and Functioning");
    press(&mut s, &["{"]);
    assert_eq!(s.grid.rows[s.cursor.row].name, "Health");
    press(&mut s, &["end"]);
    assert_eq!(s.cursor.row, s.grid.rows.len() - 1);
    press(&mut s, &["home"]);
    assert_eq!(s.cursor.row, 0);
}

#[test]
fn page_down_moves_a_screenful_and_the_view_follows_the_cursor() {
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    press(&mut s, &["pagedown", "pagedown"]);
    assert!(s.cursor.row >= 2, "{:?}", s.cursor);
    let doc = s.grid_doc();
    let lines = doc.lines_of(s.cursor);
    let view = usize::from(s.areas().grid_cells().height);
    assert!(s.scroll <= lines.start && lines.end <= s.scroll + view, "{} {lines:?} {view}", s.scroll);
    press(&mut s, &["pageup", "pageup", "pageup"]);
    assert_eq!(s.cursor.row, 0);
}

#[test]
fn space_ticks_and_unticks_with_the_time() {
    let mut s = state("nottingham-city", OFFICE, 200, 60);
    press(&mut s, &["space"]);
    assert_eq!(s.call.ticked_at("health-u1"), Some(at("nottingham-city", OFFICE)));
    press(&mut s, &["space"]);
    assert!(!s.call.is_ticked("health-u1"));
    assert_eq!(s.call.events.len(), 2);
}

#[test]
fn ticking_a_linked_indicator_raises_an_alert_that_unticking_does_not_hide() {
    let mut s = state("nottingham-city", OFFICE, 200, 60);
    let target = s.grid.find("family-history-s5").expect("privately fostered");
    s.cursor = target;
    press(&mut s, &["space"]);
    assert_eq!(s.context(), Context::Banner);
    let alert = s.call.pending_alert().expect("alert").clone();
    assert_eq!(alert.trigger.as_deref(), Some("imm-private-fostering"));
    assert_eq!(alert.line_shown, "City MASH 0115 876 4800 — office hours");
    // Keys other than acknowledge do nothing while the alert is up.
    press(&mut s, &["space", "j", "q"]);
    assert!(s.call.is_ticked("family-history-s5"));
    assert_eq!(s.context(), Context::Banner);
    press(&mut s, &["enter"]);
    assert_eq!(s.context(), Context::Grid);
    assert!(s.call.alerts[0].acknowledged_at.is_some());
    press(&mut s, &["space"]);
    assert!(!s.call.is_ticked("family-history-s5"));
    assert_eq!(s.call.alerts.len(), 1, "the alert stays in the record");
}

#[test]
fn unticking_while_the_alert_is_up_leaves_it_up() {
    let mut s = state("nottingham-city", OFFICE, 200, 60);
    press(&mut s, &["i", "space"]);
    assert_eq!(s.context(), Context::Banner);
    // The banner is on top; the list below it cannot be reached until acknowledged.
    update(&mut s, Action::ToggleTick);
    assert_eq!(s.context(), Context::Banner);
}

#[test]
fn the_immediate_list_ticks_items_and_sub_points() {
    let mut s = state("nottingham-city", NIGHT, 200, 60);
    press(&mut s, &["i"]);
    assert_eq!(s.context(), Context::Immediate);
    press(&mut s, &["j", "space"]);
    assert!(s.call.is_ticked("imm-injury-inconsistent"));
    let alert = s.call.pending_alert().expect("alert");
    assert_eq!(alert.trigger.as_deref(), Some("imm-injury"));
    assert_eq!(alert.line_shown, "City MASH (out of hours) 0115 876 4800 — out of hours");
    press(&mut s, &["a", "esc"]);
    assert_eq!(s.context(), Context::Grid);
    assert_eq!(summarise(&s.pack, &s.call).immediate, 1);
}

#[test]
fn quitting_asks_first_while_the_call_has_ticks() {
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    assert_eq!(press(&mut s, &["q"]), vec![Effect::Quit]);
    press(&mut s, &["space", "q"]);
    assert_eq!(s.overlays.last(), Some(&Overlay::ConfirmQuit));
    assert_eq!(press(&mut s, &["n"]), Vec::<Effect>::new());
    assert!(s.overlays.is_empty());
    press(&mut s, &["q"]);
    assert_eq!(press(&mut s, &["y"]), vec![Effect::Quit]);
}

#[test]
fn the_clock_tick_recomputes_the_line_and_the_warning() {
    let mut s = state("nottingham-city", "2026-11-27 16:30", 80, 24);
    assert_eq!(s.contact.kind, LineKind::Office);
    assert_eq!(s.contact.warning(), None);
    update(&mut s, Action::Tick(at("nottingham-city", "2026-11-27 16:38")));
    assert_eq!(
        s.contact.warning().as_deref(),
        Some("City MASH closes in 12 min — then City MASH (out of hours) 0115 876 4800")
    );
    update(&mut s, Action::Tick(at("nottingham-city", "2026-11-27 16:50")));
    assert_eq!(s.contact.kind, LineKind::OutOfHours);
    assert_eq!(s.contact.warning(), None);
    update(&mut s, Action::Tick(at("nottingham-city", "2026-11-30 08:20")));
    assert_eq!(s.contact.warning().as_deref(), Some("City MASH opens in 10 min — then ring City MASH 0115 876 4800"));
}

#[test]
fn a_click_on_an_indicator_ticks_it_and_the_wheel_scrolls() {
    let mut s = state("nottingham-city", OFFICE, 200, 60);
    let cells = s.areas().grid_cells();
    // The first row's heading is on the first line, its first item on the next.
    update(&mut s, Action::Click { column: cells.x + 10, row: cells.y + 1 });
    assert!(s.call.is_ticked("health-u1"));
    let column_width = s.grid_doc().column_width;
    update(&mut s, Action::Click { column: cells.x + column_width + 10, row: cells.y + 1 });
    assert!(s.call.is_ticked("health-eh1"));
    update(&mut s, Action::Click { column: 0, row: 0 });
    assert_eq!(s.call.ticked().len(), 2, "a click outside the grid ticks nothing");
    update(&mut s, Action::Scroll { down: true });
    assert_eq!(s.scroll, 3);
    update(&mut s, Action::Tick(at("nottingham-city", "2026-11-27 10:01")));
    assert_eq!(s.scroll, 3, "the clock does not move the view");
}

#[test]
fn the_compact_view_follows_the_cursor_across_hidden_levels() {
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    assert_eq!(s.grid_doc().levels, 0..2);
    press(&mut s, &["l", "l"]);
    assert_eq!(s.grid_doc().levels, 1..3);
    press(&mut s, &["4"]);
    assert_eq!(s.grid_doc().levels, 2..4);
    update(&mut s, Action::Resize { width: 200, height: 60 });
    assert_eq!(s.grid_doc().levels, 0..4);
}

#[test]
fn a_level_marked_immediate_protection_raises_the_alert_for_any_of_its_indicators() {
    let mut s = state("stoke-on-trent", NIGHT, 200, 60);
    press(&mut s, &["4", "space"]);
    assert_eq!(s.context(), Context::Grid, "level 4 is not immediate protection");
    press(&mut s, &["5", "space"]);
    assert_eq!(s.context(), Context::Banner);
    let alert = s.call.pending_alert().expect("alert");
    assert_eq!(alert.line_shown, "Emergency Duty Team 01782 234234 — out of hours");
    let screen = support::render(&s);
    assert!(screen.contains("Level 5 Getting Risk Support"), "{screen}");
}

#[test]
fn ending_a_call_writes_its_end_closes_the_journal_and_starts_afresh() {
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    assert!(press(&mut s, &["E"]).is_empty(), "nothing to end yet");
    assert!(s.overlays.is_empty());
    press(&mut s, &["space", "E"]);
    assert_eq!(s.overlays.last(), Some(&Overlay::ConfirmEnd));
    let effects = press(&mut s, &["y"]);
    let end = dutygrid::call::Entry::End { at: at("nottingham-city", OFFICE) };
    assert_eq!(effects, vec![Effect::Persist(end), Effect::CloseJournal]);
    assert!(!s.call.has_content(), "a fresh call");
    assert_eq!(press(&mut s, &["q"]), vec![Effect::Quit], "an empty call quits without asking");
}

#[test]
fn declining_a_restore_sets_the_old_call_aside_and_accepting_resumes_it() {
    use dutygrid::app::RestoreOffer;
    let mut old = state("nottingham-city", OFFICE, 80, 24);
    press(&mut old, &["space"]);
    let offer = RestoreOffer { path: "/records/call-x.jsonl".into(), call: old.call.clone(), problem: None };
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    s.offer_restore(offer.clone());
    assert_eq!(s.context(), Context::Restore);
    assert_eq!(press(&mut s, &["n"]), vec![Effect::SetAside("/records/call-x.jsonl".into())]);
    assert!(!s.call.has_content());
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    s.offer_restore(offer);
    assert_eq!(press(&mut s, &["r"]), vec![Effect::Resume("/records/call-x.jsonl".into())]);
    assert!(s.call.is_ticked("health-u1"));
    assert_eq!(s.saved_as.as_deref(), Some("call-x"));
}

#[test]
fn the_pack_picker_switches_at_once_or_ends_the_call_first() {
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    s.pack_choices = vec!["nottingham-city".into(), "stoke-on-trent".into()];
    press(&mut s, &["P"]);
    assert_eq!(s.context(), Context::Packs);
    assert_eq!(press(&mut s, &["j", "enter"]), vec![Effect::SwitchPack("stoke-on-trent".into())]);
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    s.pack_choices = vec!["nottingham-city".into(), "stoke-on-trent".into()];
    press(&mut s, &["space", "P", "j", "enter"]);
    assert_eq!(s.overlays.last(), Some(&Overlay::ConfirmSwitch));
    let effects = press(&mut s, &["y"]);
    let end = dutygrid::call::Entry::End { at: at("nottingham-city", OFFICE) };
    assert_eq!(effects, vec![Effect::Persist(end), Effect::CloseJournal, Effect::SwitchPack("stoke-on-trent".into())]);
}
