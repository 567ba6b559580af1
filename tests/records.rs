#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The call record: every change becomes a journal line; replaying the
//! journal gives back the same call; damage is reported and the valid part
//! recovered; files are private.

mod support;

use std::os::unix::fs::PermissionsExt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dutygrid::app::{Action, Effect, State, update};
use dutygrid::call::details::{Age, CallerType, ConsentState, YesNoUnknown};
use dutygrid::call::journal::{encode, replay};
use dutygrid::call::store::Store;
use dutygrid::call::{Call, Entry};
use dutygrid::export;
use dutygrid::pack::library::Library;
use support::{OFFICE, press, render, state};

/// Types text into whatever text field is open.
fn type_text(s: &mut State, text: &str, journal: &mut String) {
    for c in text.chars() {
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        collect(update(s, Action::Edit(key)), journal);
    }
}

fn collect(effects: Vec<Effect>, journal: &mut String) {
    for effect in effects {
        if let Effect::Persist(entry) = effect {
            journal.push_str(&encode(&entry));
        }
    }
}

/// Presses keys and keeps what they ask to be written.
fn keys(s: &mut State, names: &[&str], journal: &mut String) {
    for name in names {
        collect(press(s, &[name]), journal);
    }
}

/// A call with ticks, an alert, details, notes and two decisions, with the
/// journal its effects wrote.
fn a_full_call() -> (State, String) {
    let mut s = state("nottingham-city", OFFICE, 200, 60);
    // As the runner begins a journal: the start, then who handles the call.
    let mut journal: String = s.call().opening().iter().map(encode).collect();
    keys(&mut s, &["space", "l", "j", "space"], &mut journal);
    support::go_to_item(&mut s, "family-history-s5");
    keys(&mut s, &["space", "enter"], &mut journal);
    // Details: professional caller from "Health visiting", 8 months, not mobile.
    // The form opens at the children (H); pagedown goes a section on.
    keys(&mut s, &["H", "down"], &mut journal);
    type_text(&mut s, "8m", &mut journal);
    keys(&mut s, &["down", "right", "right", "pagedown", "pagedown", "right", "down", "down", "down"], &mut journal);
    type_text(&mut s, "Health visiting", &mut journal);
    keys(
        &mut s,
        &["pagedown", "down", "right", "right", "right", "down", "right", "down", "down", "down"],
        &mut journal,
    );
    type_text(&mut s, "Mum not told: risk to baby", &mut journal);
    keys(&mut s, &["pagedown", "down", "right", "right", "right", "esc"], &mut journal);
    // Notes under the first worry question.
    keys(&mut s, &["o"], &mut journal);
    type_text(&mut s, "Bruise on cheek\u{1b}[2J", &mut journal);
    keys(&mut s, &["esc"], &mut journal);
    // A decision, then a changed decision with its reason.
    keys(&mut s, &["v", "right", "right", "right", "down"], &mut journal);
    type_text(&mut s, "Targeted support", &mut journal);
    keys(&mut s, &["enter"], &mut journal);
    keys(&mut s, &["v", "right", "down"], &mut journal);
    type_text(&mut s, "new information", &mut journal);
    keys(&mut s, &["down"], &mut journal);
    type_text(&mut s, "!", &mut journal);
    keys(&mut s, &["enter"], &mut journal);
    (s, journal)
}

#[test]
fn every_change_is_written_and_replaying_gives_the_same_call() {
    let (s, journal) = a_full_call();
    let call = s.call();
    assert_eq!(call.ticked().len(), 3);
    assert_eq!(call.alerts.len(), 1);
    assert!(call.alerts[0].acknowledged_at.is_some());
    assert_eq!(call.details.caller, Some(CallerType::Professional));
    assert_eq!(call.details.agency, "Health visiting");
    let child = call.household.first_child().expect("the child is recorded");
    assert_eq!(child.age(call.today()), Some(Age::Months(8)));
    assert_eq!(child.mobile, Some(YesNoUnknown::No));
    assert_eq!(call.details.consent, Some(ConsentState::NotSought));
    assert_eq!(call.details.consent_reason.as_deref(), Some("consent-forced-marriage"));
    assert_eq!(call.details.consent_note, "Mum not told: risk to baby");
    assert_eq!(call.scaling, Some(2));
    assert_eq!(call.notes.get("sos-worried").map(String::as_str), Some("Bruise on cheek[2J"));
    assert_eq!(call.decisions.len(), 2);
    assert_eq!(call.decisions[1].reason, "new information");
    let replayed = replay(&journal).expect("replays");
    assert_eq!(replayed.problem, None);
    assert_eq!(&replayed.call, call);
}

#[test]
fn changing_a_decision_needs_a_reason() {
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    let mut journal = String::new();
    keys(&mut s, &["v", "enter"], &mut journal);
    assert!(s.decision().unwrap().problem.as_deref().is_some_and(|p| p.contains("Choose the level")));
    keys(&mut s, &["right", "down"], &mut journal);
    type_text(&mut s, "ok", &mut journal);
    keys(&mut s, &["enter", "v", "right", "enter"], &mut journal);
    assert_eq!(s.call().decisions.len(), 1);
    assert!(
        s.decision().unwrap().problem.as_deref().is_some_and(|p| p.contains("Say why")),
        "{:?}",
        s.decision().unwrap().problem
    );
    assert!(render(&s).contains("Say why the decision changed"));
}

#[test]
fn a_truncated_journal_recovers_every_complete_line_and_says_where_it_stopped() {
    let (s, journal) = a_full_call();
    let lines: Vec<&str> = journal.split_inclusive('\n').collect();
    let mut expected = Call::new(s.call().pack.clone(), s.call().started_at, false);
    let mut offset = 0;
    for (n, line) in lines.iter().enumerate() {
        // Cut inside this line: everything before it survives.
        let cut = &journal[..offset + line.len() / 2];
        if n == 0 {
            assert!(replay(cut).is_err_and(|e| e.to_string().contains("line 1 (byte 0):")), "a cut start line");
        } else {
            let replayed = replay(cut).expect("the start line is whole");
            assert_eq!(replayed.call, expected, "cut in line {}", n + 1);
            assert_eq!(replayed.entries, n);
            let at = format!("line {} (byte {offset}):", n + 1);
            assert!(replayed.problem.as_deref().is_some_and(|p| p.starts_with(&at)), "{:?}", replayed.problem);
        }
        let entry: Entry = serde_json::from_str(line).expect("line");
        expected.apply(&entry);
        offset += line.len();
    }
}

#[test]
fn a_corrupt_line_is_reported_with_its_place_and_every_other_line_kept() {
    let (s, journal) = a_full_call();
    let mut lines: Vec<String> = journal.lines().map(String::from).collect();
    let total = lines.len();
    lines[4] = "{\"kind\": \"tick\", \"id\": 12}".into();
    let offset: usize = lines[..4].iter().map(|l| l.len() + 1).sum();
    let damaged = lines.join("\n") + "\n";
    let replayed = replay(&damaged).expect("recovers");
    assert_eq!(replayed.entries, total - 1, "only the corrupt line is lost");
    assert_eq!(replayed.damaged.len(), 1);
    assert_eq!((replayed.damaged[0].line, replayed.damaged[0].offset), (5, offset));
    assert_eq!(replayed.call.decisions, s.call().decisions, "entries after the damage are read");
    assert_eq!(replayed.call.notes, s.call().notes);
    assert!(replay("").is_err());
    assert!(replay("not json\n").is_err_and(|e| e.to_string().contains("line 1 (byte 0):")));
}

#[test]
fn records_are_private_files_in_a_private_folder_named_without_details() {
    let base = tempfile::tempdir().expect("dir");
    let dir = base.path().join("state/calls");
    let store = Store::open(&dir).expect("store");
    let (s, _) = a_full_call();
    let mut journal = store.create(s.call()).expect("journal");
    journal.append(&Entry::Tick { id: "health-u1".into(), ticked: true, at: s.now() }).expect("append");
    let mode = |p: &std::path::Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&journal.path), 0o600);
    let name = journal.id();
    assert!(name.starts_with("call-20261127-100000-"), "{name}");
    assert!(!name.to_lowercase().contains("health"), "{name}");
    let records = store.records();
    assert_eq!(records.len(), 1);
    assert!(records[0].is_open());
}

fn exported(format_md: bool) -> String {
    let (s, _) = a_full_call();
    let library = Library::load(None);
    let calendar = dutygrid::app::contact_now::calendar_for(s.pack(), &library.calendars);
    let record = export::record(s.pack(), s.call(), "call-20261127-100000-test", calendar).expect("times in range");
    if format_md { export::markdown(&record) } else { export::json(&record) }
}

#[test]
fn markdown_export() {
    let md = exported(true);
    assert!(!md.contains('\u{1b}'), "control characters are cleaned before export");
    insta::assert_snapshot!(md);
}

#[test]
fn json_export() {
    let json = exported(false);
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(value["pack_id"], "nottingham-city");
    assert_eq!(value["counts_per_level"][3]["ticked"], 1);
    assert_eq!(value["immediate_alerts"][0]["line_shown"], "City MASH 0115 876 4800 — office hours");
    insta::assert_snapshot!(json);
}

#[test]
fn the_written_referral_is_due_by_the_documents_timescale() {
    use chrono::TimeZone;
    let library = Library::load(None);
    let calendar = library.calendar("england-and-wales");
    let friday = chrono::Utc.with_ymd_and_hms(2026, 12, 24, 15, 0, 0).single().expect("time");
    let london = chrono_tz::Europe::London;
    use dutygrid::pack::Span;
    let next_day = export::due(friday, Span::WorkingDays(1), london, calendar).expect("in range");
    assert_eq!(
        next_day.to_rfc3339(),
        "2026-12-29T15:00:00+00:00",
        "skips Christmas, the weekend and Boxing Day's substitute"
    );
    let a_day = export::due(friday, Span::Hours(24), london, calendar).map(|t| t.to_rfc3339());
    assert_eq!(a_day.as_deref(), Some("2026-12-25T15:00:00+00:00"));
}

#[test]
fn age_and_mobility_mark_the_items_about_this_child() {
    let mut s = state("nottingham-city", OFFICE, 200, 60);
    let mut journal = String::new();
    assert!(!render(&s).contains('»'));
    keys(&mut s, &["H", "down"], &mut journal);
    type_text(&mut s, "5m", &mut journal);
    keys(&mut s, &["down", "right", "right", "esc", "i"], &mut journal);
    let screen = render(&s);
    assert!(screen.contains("[ ] !» A non-mobile child"), "{screen}");
}

#[test]
fn why_a_record_holds_no_call_is_a_typed_error() {
    use dutygrid::call::journal::ReplayError;
    use dutygrid::call::store::{RecordError, read_record};
    assert!(matches!(replay(""), Err(ReplayError::Empty)));
    assert!(matches!(replay("not json\n"), Err(ReplayError::NoStart(_))));
    let dir = tempfile::tempdir().expect("tempdir");
    // A folder where a journal should be cannot be read as one.
    let record = read_record(dir.path());
    assert!(matches!(&record.replayed, Err(RecordError::Read(_))), "{:?}", record.replayed.err());
    let missing = read_record(&dir.path().join("gone.jsonl"));
    let Err(RecordError::Read(err)) = &missing.replayed else { panic!("{:?}", missing.replayed.err()) };
    assert_eq!(err.kind(), std::io::ErrorKind::NotFound);
    assert!(missing.replayed.err().is_some_and(|e| e.to_string().starts_with("cannot read: ")));
}
