#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The records folder's health and what the app says on start: modes looser
//! than 0700/0600 are said and fixed; under umask 000 everything written is
//! still private; real calls not entered by their next working morning are
//! counted in the footer, which any key clears.

mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use chrono::{DateTime, Duration, Utc};
use dutygrid::call::handler::CaseReference;
use dutygrid::call::household::{ChildFact, HouseholdChange};
use dutygrid::call::retention::overdue_for_entry;
use dutygrid::call::store::Store;
use dutygrid::call::{Call, Entry, PackStamp};
use dutygrid::pack::library::Library;
use expectrl::session::OsSession as Session;
use support::FakeHome;
use support::pty::read_until;

fn mode(path: &Path) -> u32 {
    std::fs::symlink_metadata(path).unwrap().permissions().mode() & 0o7777
}

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// An ended call about "Tyler Smith" started at `at`, entered if `reference`.
fn a_call(records: &Path, at: DateTime<Utc>, reference: Option<&str>) -> String {
    let store = Store::open(records).expect("store");
    let pack = PackStamp { id: "nottingham-city".into(), title: "Threshold of Needs".into(), edition: None };
    let mut journal = store.create(&Call::new(pack, at, false)).expect("journal");
    let label = ChildFact::Label("Tyler Smith".into());
    journal.append(&Entry::Household { change: HouseholdChange::Child { child: 1, fact: label }, at }).expect("child");
    if let Some(reference) = reference {
        let reference = CaseReference { reference: reference.into(), at };
        journal.append(&Entry::CaseReference { reference }).expect("reference");
    }
    journal.append(&Entry::End { at: at + Duration::minutes(20) }).expect("end");
    journal.id()
}

fn london(local: &str) -> DateTime<Utc> {
    dutygrid::hours::at::parse_at(local, chrono_tz::Europe::London).unwrap().utc
}

/// Every file and folder under `dir`, with its mode.
fn modes_under(dir: &Path) -> Vec<(String, u32)> {
    let mut out = vec![(dir.display().to_string(), mode(dir))];
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(modes_under(&path));
        } else {
            out.push((path.display().to_string(), mode(&path)));
        }
    }
    out
}

#[test]
fn a_folder_made_0777_and_a_record_made_0644_are_said_and_made_private_by_a_record_command() {
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("calls");
    let id = a_call(&records, london("2026-11-27 22:00"), None);
    let record = records.join(format!("{id}.jsonl"));
    set_mode(&records, 0o777);
    set_mode(&record, 0o644);
    let out = FakeHome::new().command().args(["record", "list"]).env("DUTYGRID_RECORDS", &records).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains(&format!("{}: mode 0777 was looser than 0700: made 0700", records.display())),
        "the folder, its mode, what was done: {said}"
    );
    assert!(said.contains(&format!("{}: mode 0644 was looser than 0600: made 0600", record.display())), "{said}");
    assert!(!said.contains("Tyler"), "{said}");
    assert_eq!(mode(&records), 0o700);
    assert_eq!(mode(&record), 0o600);
    // Said once: the next start finds nothing.
    let again = FakeHome::new().command().args(["record", "list"]).env("DUTYGRID_RECORDS", &records).output().unwrap();
    assert!(again.stderr.is_empty(), "{}", String::from_utf8_lossy(&again.stderr));
}

#[test]
fn under_umask_000_the_app_and_the_record_commands_write_only_private_files() {
    let home = FakeHome::new();
    // The default records folder, made by the binary itself.
    let state = home.path().join(".local/state");
    let records = state.join("dutygrid/calls");
    let binary = env!("CARGO_BIN_EXE_dutygrid");
    let mut command = std::process::Command::new("sh");
    support::isolate(&mut command, home.path())
        .args(["-c", &format!("umask 000 && exec '{binary}' run")])
        .env("TERM", "xterm-256color");
    let mut session = Session::spawn(command).expect("spawn");
    session.get_process_mut().set_window_size(100, 30).expect("size");
    let mut parser = vt100::Parser::new(30, 100, 0);
    assert!(read_until(&mut session, &mut parser, |s| s.contains("Ring")), "{}", parser.screen().contents());
    // A tick starts the call's journal (and its lock note).
    expectrl::Expect::send(&mut session, " ").unwrap();
    assert!(
        read_until(&mut session, &mut parser, |s| s.contains("saved ✓")),
        "the tick is saved: {}",
        parser.screen().contents()
    );
    drop(session);
    let ids: Vec<String> = std::fs::read_dir(&records)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(ids.len(), 1, "{ids:?}");
    let export = home.path().join("export.md");
    let script = format!(
        "umask 000 && '{binary}' record mark-entered {id} --ref CS-1 && '{binary}' record export {id} -o '{}'",
        export.display(),
        id = ids[0]
    );
    let mut command = std::process::Command::new("sh");
    let out = support::isolate(&mut command, home.path()).args(["-c", &script]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    for (path, m) in modes_under(&state) {
        let want = if Path::new(&path).is_dir() { 0o700 } else { 0o600 };
        assert_eq!(m, want, "{path} is {m:04o}");
    }
    assert_eq!(mode(&export), 0o600, "the export");
    assert!(dutygrid::call::audit::read(&records).len() == 2, "mark-entered and export are in the audit log");
}

#[test]
fn calls_not_entered_by_their_next_working_morning_are_counted_with_the_pack_calendar() {
    let library = Library::load(None);
    let nine = chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("calls");
    // Thursday 24 Dec 2026 22:00: Christmas Day and Monday 28 (Boxing Day's
    // substitute) are bank holidays, so the day team has it on Tuesday 29.
    a_call(&records, london("2026-12-24 22:00"), None);
    a_call(&records, london("2026-12-26 03:00"), None);
    // Entered: never counted.
    a_call(&records, london("2026-12-23 23:00"), Some("CS-1"));
    // A training call on a simulated clock is not a real call.
    a_call(&records.join("training"), london("2026-12-20 23:00"), None);
    assert_eq!(overdue_for_entry(&library, &records, nine, london("2026-12-28 10:00")), None, "Monday 28 is a holiday");
    assert_eq!(overdue_for_entry(&library, &records, nine, london("2026-12-29 08:59")), None);
    let overdue = overdue_for_entry(&library, &records, nine, london("2026-12-29 09:01")).expect("both overdue");
    assert_eq!(overdue.count, 2);
    assert_eq!(overdue.since, london("2026-12-24 22:00"));
    let notice = overdue.notice();
    assert_eq!(notice, "2 calls not entered since Thu 24 Dec 22:00 GMT: dutygrid record list --not-entered");
    // With the day team in at 08:00, Tuesday 08:30 is already past it.
    let eight = chrono::NaiveTime::from_hms_opt(8, 0, 0).unwrap();
    assert!(overdue_for_entry(&library, &records, eight, london("2026-12-29 08:30")).is_some());
}

#[test]
fn the_app_says_on_start_what_it_fixed_and_how_many_calls_are_not_entered_and_a_key_clears_it() {
    let home = FakeHome::new();
    let records = home.path().join("calls");
    // Ten days ago and not entered: its next working morning has passed
    // whenever the test runs.
    a_call(&records, Utc::now() - Duration::days(10), None);
    a_call(&records, Utc::now() - Duration::days(12), Some("CS-1"));
    set_mode(&records, 0o777);
    let mut command = home.command();
    command.args(["run"]).env("DUTYGRID_RECORDS", &records).env("TERM", "xterm-256color");
    let mut session = Session::spawn(command).expect("spawn");
    session.get_process_mut().set_window_size(250, 30).expect("size");
    let mut parser = vt100::Parser::new(30, 250, 0);
    let said = read_until(&mut session, &mut parser, |s| {
        s.contains("Records folder made private (calls was 0777, now 0700)")
            && s.contains("1 call not entered since ")
            && s.contains("dutygrid record list --not-entered")
    });
    assert!(said, "{}", parser.screen().contents());
    assert!(!parser.screen().contents().contains("Tyler"));
    assert_eq!(mode(&records), 0o700);
    expectrl::Expect::send(&mut session, "j").unwrap();
    let cleared = read_until(&mut session, &mut parser, |s| !s.contains("not entered since"));
    assert!(cleared, "a key dismisses it: {}", parser.screen().contents());
    expectrl::Expect::send(&mut session, "q").unwrap();
}
