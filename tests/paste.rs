#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! A paste is typing all at once: in a text field it goes in whole, as one
//! change; anywhere else it does nothing (it must never act as keys).

mod support;

use crossterm::event::Event;
use dutygrid::app::{Action, Effect, update};
use dutygrid::call::{DetailChange, Entry};
use dutygrid::keymap::{Context, Keymap};
use support::{OFFICE, press, state};

fn paste(s: &mut dutygrid::app::State, text: &str) -> Vec<Effect> {
    match dutygrid::tui::action_for(s, &Event::Paste(text.to_string())) {
        Some(action) => update(s, action),
        None => Vec::new(),
    }
}

fn persisted(effects: &[Effect]) -> Vec<&Entry> {
    effects.iter().filter_map(|e| if let Effect::Persist(entry) = e { Some(entry) } else { None }).collect()
}

#[test]
fn a_paste_in_the_notes_goes_in_whole_as_one_change_with_line_breaks_kept() {
    let mut s = state("nottingham-city", OFFICE, 200, 60);
    press(&mut s, &["o", "M", "u", "m", " "]);
    let text = "said he fell\r\nfrom the \u{1b}[2Jstairs ".repeat(200);
    let effects = paste(&mut s, &text);
    let entries = persisted(&effects);
    assert_eq!(entries.len(), 1, "one change");
    let expected = format!("Mum {}", "said he fell\nfrom the [2Jstairs ".repeat(200));
    // Journalled as one edit inserting the whole paste (or one whole copy).
    let one_change = match entries[0] {
        Entry::NoteEdit { inserted, .. } => expected.ends_with(inserted.as_str()) && inserted.len() > 4_000,
        Entry::Note { text, .. } => *text == expected,
        _ => false,
    };
    assert!(one_change, "{:?}", entries[0]);
    assert!(s.call().notes.values().any(|t| *t == expected), "the note holds the paste");
    // Typing goes on after the pasted text.
    press(&mut s, &["!"]);
    assert!(s.call().notes.values().any(|t| *t == format!("{expected}!")));
}

#[test]
fn a_paste_outside_a_text_field_does_nothing() {
    let mut s = state("nottingham-city", OFFICE, 200, 60);
    let before = s.cursor();
    // In the grid these would tick, end the call and quit.
    assert_eq!(dutygrid::tui::action_for(&s, &Event::Paste(" Eq".into())), None);
    assert!(paste(&mut s, " Eq").is_empty());
    assert_eq!(s.cursor(), before);
    assert!(!s.call().has_content());
}

#[test]
fn a_paste_in_search_details_and_decision_fields_is_one_line() {
    let mut s = state("nottingham-city", OFFICE, 200, 60);
    press(&mut s, &["/"]);
    paste(&mut s, "missed\nhealth");
    assert_eq!(s.search().unwrap().query(), "missed health");
    assert!(!s.search().unwrap().hits.is_empty());
    // The agency: third after the caller, in the form's fourth section.
    press(&mut s, &["esc", "d", "pagedown", "pagedown", "pagedown", "down", "down", "down"]);
    let effects = paste(&mut s, "St Ann's\r\nMedical Centre");
    let entries = persisted(&effects);
    assert_eq!(entries.len(), 1);
    assert!(
        matches!(entries[0], Entry::Detail { change: DetailChange::Agency(a), .. } if a == "St Ann's Medical Centre"),
        "{:?}",
        entries[0]
    );
    press(&mut s, &["esc", "v", "down"]);
    let effects = paste(&mut s, "Neglect over\nmonths");
    let entries = persisted(&effects);
    assert_eq!(entries.len(), 1);
    assert!(
        matches!(entries[0], Entry::DecisionDraft { text, .. } if text == "Neglect over months"),
        "{:?}",
        entries[0]
    );
}

#[test]
fn ctrl_z_suspends_from_the_grid_in_both_keymaps_and_no_keymap_can_bind_a_paste() {
    for name in ["default", "vim"] {
        let keymap = Keymap::builtin(name).expect("listed").expect("loads");
        assert_eq!(keymap.resolve(Context::Grid, "ctrl-z".parse().expect("chord")), Some(&Action::Suspend), "{name}");
    }
    let err = Keymap::parse("k.ron", b"(grid: [(\"x\", paste)])".to_vec()).err().map(|d| d.to_string());
    assert!(err.is_some_and(|e| e.contains("Unexpected variant named `paste`")));
}
