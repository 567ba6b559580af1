#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! A live call about two children, pressed key by key through the shipped
//! keymap: a neighbour rings about a 4-month-old who cannot crawl and her
//! 6-year-old brother. Both are recorded in the form, the baby's bruising is
//! assigned to her, the banner names her and her brother, and the record
//! (replayed from what was journalled) lists both with their own ticks.
//! Presentation mode shows neither name.

mod support;

use dutygrid::call::Call;
use dutygrid::export;
use dutygrid::pack::library::Library;
use support::{OFFICE, assign, go_to_item, keys, render, state, typed};

#[test]
fn two_children_recorded_in_the_form_ticks_assigned_the_banner_names_the_baby_and_the_export_lists_both() {
    let mut s = state("nottingham-city", OFFICE, 120, 40);
    let mut written = Vec::new();
    // The household: H opens the form at the first child.
    keys(&mut s, &["H"], &mut written);
    typed(&mut s, "Baby", &mut written);
    keys(&mut s, &["down"], &mut written);
    typed(&mut s, "4m", &mut written);
    // Mobile: not recorded → Yes → No.
    keys(&mut s, &["down", "right", "right", "ctrl-n"], &mut written);
    typed(&mut s, "Tyler", &mut written);
    keys(&mut s, &["down"], &mut written);
    typed(&mut s, "6", &mut written);
    keys(&mut s, &["esc"], &mut written);

    // A Specialist indicator about the baby alone: the alert names her and
    // lists her brother, and the number to ring and 999 stay whole.
    go_to_item(&mut s, "family-history-s5");
    assign(&mut s, &[1], &mut written);
    assert!(s.call().is_ticked("family-history-s5"), "assigning ticks it");
    let screen = render(&s);
    assert!(screen.contains("RING NOW") && screen.contains("0115 876 4800") && screen.contains("999"), "{screen}");
    assert!(screen.contains("About: Baby, 4 months — and: Tyler, 6 — consider the siblings"), "{screen}");
    keys(&mut s, &["enter"], &mut written);
    // An Early Help worry about Tyler.
    go_to_item(&mut s, "health-eh2");
    assign(&mut s, &[2], &mut written);
    assert_eq!(s.call().household.about("health-eh2"), &[2]);
    let screen = render(&s);
    assert!(screen.contains("(Tyler)"), "the grid labels the tick, even with another item below it: {screen}");
    assert!(screen.contains("Baby 4m: ! immediate · up to 4 · Tyler 6: up to 2"), "{screen}");
    go_to_item(&mut s, "family-history-s5");
    let screen = render(&s);
    assert!(screen.contains("(Baby)"), "{screen}");

    // What was journalled replays to the same household and ticks.
    let mut replayed = Call::new(s.call().pack.clone(), s.call().started_at, false);
    for entry in s.call().opening().into_iter().chain(written) {
        let line = serde_json::to_string(&entry).unwrap();
        replayed.apply(&serde_json::from_str(&line).unwrap());
    }
    assert_eq!(&replayed, s.call());

    let library = Library::load(None);
    let calendar = dutygrid::app::contact_now::calendar_for(s.pack(), &library.calendars);
    let record = export::record(s.pack(), &replayed, "call-test", calendar).unwrap();
    let md = export::markdown(&record);
    assert!(md.contains("## Children (2)"), "{md}");
    let baby = md.lines().find(|l| l.starts_with("| Baby |")).unwrap_or_else(|| panic!("{md}"));
    assert!(baby.contains("| 4 months |") && baby.contains("immediate referral indicated"), "{baby}");
    let tyler = md.lines().find(|l| l.starts_with("| Tyler |")).unwrap_or_else(|| panic!("{md}"));
    assert!(tyler.contains("| 6 years |") && tyler.contains("2 Early Help"), "the baby's alert is not his: {tyler}");
    assert!(md.contains("— about: Baby"), "{md}");
    assert!(md.contains("— about: Tyler"), "{md}");

    // At a projector: no names.
    keys(&mut s, &["f2"], &mut Vec::new());
    assert!(s.present());
    let screen = render(&s);
    assert!(!screen.contains("Baby") && !screen.contains("Tyler"), "presentation mode shows no names: {screen}");
}
