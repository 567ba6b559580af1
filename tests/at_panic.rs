#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The release build aborts on a panic and runs no drop, so the panic hook
//! syncs the open journals and removes their lock notes itself
//! (`call::at_panic::settle`). These check the list it works from: every
//! open journal is on it, under the file it writes now, and a journal let
//! go is not.

use std::path::PathBuf;

use chrono::{TimeZone, Utc};
use dutygrid::call::at_panic;
use dutygrid::call::journal::Entry;
use dutygrid::call::store::{Journal, Store};
use dutygrid::call::{Call, PackStamp};

fn call() -> Call {
    let pack = PackStamp { id: "nottingham-city".into(), title: "Threshold of Needs".into(), edition: None };
    Call::new(pack, Utc.with_ymd_and_hms(2026, 12, 3, 10, 0, 0).single().unwrap(), false)
}

fn note_of(journal: &Journal) -> PathBuf {
    journal.path.with_extension("lock")
}

fn tick(id: &str) -> Entry {
    Entry::Tick { id: id.into(), ticked: true, at: Utc.with_ymd_and_hms(2026, 12, 3, 10, 1, 0).single().unwrap() }
}

fn records() -> (tempfile::TempDir, PathBuf) {
    let base = tempfile::tempdir().expect("dir");
    let dir = base.path().join("calls");
    (base, dir)
}

#[test]
fn a_panic_syncs_every_open_journal_and_lets_go_of_its_lock_note() {
    let (_base, dir) = records();
    let store = Store::open(&dir).expect("store");
    let mut first = store.create(&call()).expect("journal");
    let second = store.create(&call()).expect("journal");
    first.append(&tick("health-u1")).expect("append");
    let notes = [note_of(&first), note_of(&second)];
    assert!(notes.iter().all(|n| n.exists()), "each open journal has its note");

    assert!(at_panic::settle() >= 2, "both journals synced");
    for note in &notes {
        assert!(!note.exists(), "{} is left behind", note.display());
    }
    let text = std::fs::read_to_string(&first.path).expect("read");
    assert!(text.contains("health-u1"), "the tick is in the file: {text}");
}

#[test]
fn a_journal_written_again_is_held_under_its_new_file() {
    let (_base, dir) = records();
    let store = Store::open(&dir).expect("store");
    let mut journal = store.create(&call()).expect("journal");
    // Deleted under the app: the next save writes it again, a new file.
    std::fs::remove_file(&journal.path).expect("remove");
    journal.append(&tick("health-u1")).expect("append");
    assert!(journal.take_notice().is_some(), "written again");
    let note = note_of(&journal);
    assert!(note.exists(), "the new file has a note");
    at_panic::settle();
    assert!(!note.exists(), "the rewritten journal is on the list");
}

#[test]
fn a_journal_let_go_is_off_the_list() {
    let (_base, dir) = records();
    let store = Store::open(&dir).expect("store");
    let journal = store.create(&call()).expect("journal");
    let note = note_of(&journal);
    drop(journal);
    assert!(!note.exists(), "its drop removed the note");
    // Anything at that name now is not the journal's: a settle (this one,
    // or another test's) must leave it.
    std::fs::write(&note, "pid 1\n").expect("write");
    at_panic::settle();
    assert!(note.exists(), "a journal let go is still on the list");
}
