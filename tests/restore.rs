#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Restoring unfinished calls and saying what is not saved: every
//! unfinished call is offered with what tells them apart, only the chosen
//! one is set aside, typing goes after a restored note, and NOT SAVED stays
//! until the disk holds every change.

mod support;

use dutygrid::app::{Action, Effect, Pending, RestoreOffer, Screen, Session, State, update};
use dutygrid::keymap::Context;
use support::{NIGHT, OFFICE, press, render, session, start, state};

/// A call made in another state: ticks, maybe an alert, a note.
fn old_call(local: &str, keys: &[&str], note: &str) -> dutygrid::call::Call {
    let mut old = state("nottingham-city", local, 200, 60);
    press(&mut old, keys);
    if !note.is_empty() {
        press(&mut old, &["o"]);
        for c in note.chars() {
            let key = crossterm::event::KeyEvent::new(
                crossterm::event::KeyCode::Char(c),
                crossterm::event::KeyModifiers::NONE,
            );
            update(&mut old, Action::Edit(key));
        }
        press(&mut old, &["esc"]);
    }
    old.call().clone()
}

/// A session that starts by offering these unfinished calls, newest first.
fn offered(local: &str, offers: Vec<RestoreOffer>, width: u16, height: u16) -> State {
    start(Session { offers, ..session("nottingham-city", local) }, width, height)
}

fn offer(name: &str, call: dutygrid::call::Call) -> RestoreOffer {
    RestoreOffer { path: format!("/records/{name}.jsonl").into(), call, problem: None }
}

fn typed(s: &mut State, text: &str) {
    for c in text.chars() {
        let key =
            crossterm::event::KeyEvent::new(crossterm::event::KeyCode::Char(c), crossterm::event::KeyModifiers::NONE);
        update(s, Action::Edit(key));
    }
}

#[test]
fn typing_after_a_restore_goes_at_the_end_of_the_note() {
    let call = old_call(OFFICE, &["space"], "The mother said\nhe fell");
    let mut s = offered(OFFICE, vec![offer("call-a", call)], 200, 60);
    press(&mut s, &["r", "o"]);
    typed(&mut s, " Then she said");
    let notes = s.call().notes.values().find(|n| !n.is_empty()).cloned().unwrap_or_default();
    assert_eq!(notes, "The mother said\nhe fell Then she said");
}

#[test]
fn every_unfinished_call_is_offered_and_only_the_chosen_one_set_aside() {
    // Newest first: a night call with an immediate-protection tick, then
    // a morning call with two ticks.
    let mut alerting = state("nottingham-city", NIGHT, 200, 60);
    support::go_to_item(&mut alerting, "family-history-s5");
    press(&mut alerting, &["space"]);
    assert!(!alerting.call().alerts.is_empty(), "the tick raises the alert");
    let newest = alerting.call().clone();
    let oldest = old_call(OFFICE, &["space", "j", "space"], "");
    let mut s = offered(NIGHT, vec![offer("call-new", newest), offer("call-old", oldest)], 200, 60);
    let screen = render(&s);
    assert!(screen.contains("2 unfinished calls were found, newest first"), "{screen}");
    assert!(screen.contains("▶ Sat 28 Nov 2026 02:00 GMT"), "{screen}");
    assert!(screen.contains("1 tick(s) · ALERT raised"), "{screen}");
    assert!(screen.contains("Fri 27 Nov 2026 10:00 GMT"), "{screen}");
    assert!(screen.contains("2 tick(s) · no alert"), "{screen}");
    // Set aside the older one only; the newer is still offered.
    press(&mut s, &["down"]);
    assert_eq!(press(&mut s, &["n"]), vec![Effect::SetAside("/records/call-old.jsonl".into())]);
    assert_eq!(s.context(), Context::Restore);
    assert_eq!(s.restore().unwrap().offers.len(), 1);
    assert_eq!(press(&mut s, &["r"]), vec![Effect::Resume("/records/call-new.jsonl".into())]);
    assert!(!s.call().alerts.is_empty());
    assert_eq!(s.saved_as(), Some("call-new"));
    assert!(!s.screens().iter().any(|x| matches!(x, Screen::Restore(_))));
}

#[test]
fn leaving_the_offer_keeps_every_call_for_next_time() {
    let offers =
        vec![offer("call-a", old_call(OFFICE, &["space"], "")), offer("call-b", old_call(OFFICE, &["space"], ""))];
    let mut s = offered(OFFICE, offers, 80, 24);
    assert_eq!(press(&mut s, &["esc"]), vec![Effect::ReleaseOffers], "nothing set aside");
    assert!(!s.call().has_content());
    assert_eq!(s.context(), Context::Grid);
}

#[test]
fn a_call_on_another_pack_is_resumed_on_its_own_pack() {
    let mut other = state("stoke-on-trent", OFFICE, 80, 24);
    press(&mut other, &["space"]);
    let mut s = offered(OFFICE, vec![offer("call-stoke", other.call().clone())], 80, 24);
    assert_eq!(press(&mut s, &["r"]), vec![Effect::LoadPack("stoke-on-trent".into())]);
    assert!(s.restore().unwrap().resume_after_switch);
    assert!(!s.call().has_content(), "not restored onto the wrong pack");
    // The runner opens the pack and hands it back; the call is resumed on it.
    let library = dutygrid::pack::library::Library::load(None);
    let (pack, _) = library.open("stoke-on-trent").expect("pack");
    let calendar = dutygrid::app::contact_now::calendar_for(&pack, &library.calendars).cloned();
    let loaded = dutygrid::app::action::LoadedPack::new(pack, calendar);
    let effects = update(&mut s, Action::PackLoaded(loaded));
    assert_eq!(effects, vec![Effect::Resume("/records/call-stoke.jsonl".into())]);
    assert_eq!(s.pack().id, "stoke-on-trent");
    assert!(s.call().has_ticks(), "the call came back on its own pack");
    assert!(!s.restore().is_some_and(|r| r.resume_after_switch));
}

#[test]
fn not_saved_stays_on_screen_through_key_presses_until_every_change_is_on_disk() {
    let mut s = state("nottingham-city", OFFICE, 200, 40);
    update(&mut s, Action::Saved("call-x".into()));
    update(&mut s, Action::Unsaved { count: 2, problem: "No space left on device (os error 28)".into() });
    press(&mut s, &["j", "k", "l"]);
    let screen = render(&s);
    assert!(screen.contains("NOT SAVED: 2 change(s) not on disk"), "{screen}");
    assert!(!screen.contains("saved ✓"), "{screen}");
    // Even an empty call asks before quitting, with the count.
    press(&mut s, &["q"]);
    assert_eq!(s.screens().last(), Some(&Screen::Confirm(Pending::Quit)));
    let screen = render(&s);
    assert!(screen.contains("2 change(s) are NOT on disk"), "{screen}");
    press(&mut s, &["n"]);
    update(&mut s, Action::Unsaved { count: 0, problem: String::new() });
    let screen = render(&s);
    assert!(!screen.contains("NOT SAVED"), "{screen}");
    assert!(screen.contains("saved ✓ call-x"), "{screen}");
    assert_eq!(press(&mut s, &["q"]), vec![Effect::Quit]);
}

#[test]
fn many_calls_found_at_80x24_keep_the_keys_and_say_how_many_more_there_are() {
    let offers: Vec<RestoreOffer> =
        (0..14).map(|i| offer(&format!("call-{i}"), old_call(OFFICE, &["space"], ""))).collect();
    let mut s = offered(OFFICE, offers, 80, 24);
    for _ in 0..7 {
        press(&mut s, &["down"]);
    }
    let screen = render(&s);
    assert!(screen.contains("14 unfinished calls were found"), "{screen}");
    assert!(screen.contains("more above") && screen.contains("more below"), "{screen}");
    assert!(screen.contains("▶"), "the chosen call is in view:\n{screen}");
    for key_line in ["carry on with the chosen call", "set the chosen call aside", "start a new call"] {
        assert!(screen.contains(key_line), "{key_line:?} cut off:\n{screen}");
    }
    assert!(!screen.contains("new call  "), "the footer calls n what it does:\n{screen}");
}
