#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `dutygrid record purge`: only ended records entered in the case system
//! and past the configured retention go, each with an audit line holding
//! no personal data; with no retention configured nothing goes.

mod support;

use std::path::Path;
use std::process::Output;

use chrono::{Duration, Utc};
use dutygrid::call::audit::{self, AuditAction};
use dutygrid::call::handler::CaseReference;
use dutygrid::call::household::{ChildFact, HouseholdChange};
use dutygrid::call::store::Store;
use dutygrid::call::{Call, Entry, PackStamp};
use support::FakeHome;

/// A call about "Tyler Smith" started `days_ago`, ended then if `ended`,
/// marked entered under `reference` if given; its id.
fn a_call(records: &Path, days_ago: i64, ended: bool, reference: Option<&str>, simulated: bool) -> String {
    let store = Store::open(records).expect("store");
    let at = Utc::now() - Duration::days(days_ago);
    let pack = PackStamp { id: "nottingham-city".into(), title: "Threshold of Needs".into(), edition: None };
    let mut journal = store.create(&Call::new(pack, at, simulated)).expect("journal");
    let label = ChildFact::Label("Tyler Smith".into());
    journal.append(&Entry::Household { change: HouseholdChange::Child { child: 1, fact: label }, at }).expect("child");
    journal.append(&Entry::Tick { id: "health-u1".into(), ticked: true, at }).expect("tick");
    if let Some(reference) = reference {
        let reference = CaseReference { reference: reference.into(), at };
        journal.append(&Entry::CaseReference { reference }).expect("reference");
    }
    if ended {
        journal.append(&Entry::End { at: at + Duration::minutes(20) }).expect("end");
    }
    journal.id()
}

fn purge(records: &Path, config: Option<&str>, args: &[&str], stdin: &str) -> Output {
    let home = FakeHome::new();
    if let Some(config) = config {
        std::fs::create_dir_all(home.config_file().parent().unwrap()).unwrap();
        std::fs::write(home.config_file(), config).unwrap();
    }
    let args: Vec<&str> = ["record", "purge"].into_iter().chain(args.iter().copied()).collect();
    home.answered(records, &args, stdin)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn exists(records: &Path, id: &str) -> bool {
    records.join(format!("{id}.jsonl")).exists()
}

const CONFIG: &str = r#"(retention_days: 30, handler: (name: "Sam Patel", role: "Social worker", team: "EDT"))"#;

#[test]
fn with_no_retention_configured_nothing_is_deleted_and_it_says_how_to_set_one() {
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("calls");
    let old = a_call(&records, 400, true, Some("CS-1"), false);
    let out = purge(&records, None, &["--yes"], "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.contains("no retention is set"), "{said}");
    assert!(said.contains("information-governance") && said.contains("retention_days"), "{said}");
    assert!(said.contains("docs/config.example.ron"), "{said}");
    assert!(exists(&records, &old));
    assert!(audit::read(&records).is_empty());
}

#[test]
fn only_ended_entered_records_past_the_retention_go_with_their_damaged_copies_and_an_audit_line_each() {
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("calls");
    let gone = a_call(&records, 45, true, Some("CS-2026-0001"), false);
    let gone_too = a_call(&records, 31, true, Some("CS-2026-0002"), false);
    let recent = a_call(&records, 10, true, Some("CS-2026-0003"), false);
    let not_entered = a_call(&records, 90, true, None, false);
    let open = a_call(&records, 90, false, Some("CS-2026-0004"), false);
    let copy = records.join(format!("{gone}.damaged-abc123"));
    std::fs::write(&copy, b"{garbage").unwrap();
    let unreadable = records.join("call-20200101-000000-dead.jsonl");
    std::fs::write(&unreadable, b"\xff\xfe not a journal").unwrap();

    // Asked first: anything but yes deletes nothing.
    let refused = purge(&records, Some(CONFIG), &[], "no\n");
    assert_eq!(refused.status.code(), Some(1));
    let listing = text(&refused.stdout);
    for id in [&gone, &gone_too, &recent, &not_entered, &open] {
        assert!(exists(&records, id), "{id} kept after no");
    }
    assert!(listing.contains("Type yes") || text(&refused.stderr).contains("Type yes"), "{listing}");
    let line =
        |id: &str| listing.lines().find(|l| l.contains(id)).unwrap_or_else(|| panic!("{id}: {listing}")).to_string();
    assert!(line(&gone).starts_with("delete") && line(&gone).contains("ref CS-2026-0001"), "{listing}");
    let zoned = |l: String| l.contains(" GMT  ") || l.contains(" BST  ");
    assert!(zoned(line(&gone)) && line(&gone).contains("ended "), "local end with its zone: {listing}");
    assert!(line(&gone_too).starts_with("delete"), "{listing}");
    assert!(line(&recent).starts_with("keep") && line(&recent).contains("within the retention until"), "{listing}");
    assert!(line(&not_entered).starts_with("keep") && line(&not_entered).contains("not marked entered"), "{listing}");
    assert!(line(&open).starts_with("keep") && line(&open).contains("still open"), "{listing}");
    assert!(line("call-20200101-000000-dead").contains("cannot be read"), "{listing}");
    assert!(!listing.contains("Tyler"), "no child's name in the listing: {listing}");

    let done = purge(&records, Some(CONFIG), &[], "yes\n");
    assert_eq!(done.status.code(), Some(0), "{}", text(&done.stderr));
    assert!(!exists(&records, &gone) && !exists(&records, &gone_too));
    assert!(!copy.exists(), "its damaged copy goes with it");
    for id in [&recent, &not_entered, &open] {
        assert!(exists(&records, id), "{id} kept");
    }
    assert!(unreadable.exists(), "a record that cannot be read is kept");

    let lines = audit::read(&records);
    let mut purged: Vec<&str> = lines.iter().map(|l| l.record.as_str()).collect();
    purged.sort_unstable();
    let mut expected = vec![gone.as_str(), gone_too.as_str()];
    expected.sort_unstable();
    assert_eq!(purged, expected, "one line per record deleted");
    assert!(lines.iter().all(|l| l.action == AuditAction::Purge { retention_days: 30 } && l.who == "Sam Patel"));
    let log = std::fs::read_to_string(audit::path(&records)).unwrap();
    assert!(!log.contains("Tyler") && !log.contains("CS-2026"), "no name or reference in the log: {log}");

    // Run again: nothing left to purge, nothing asked.
    let again = purge(&records, Some(CONFIG), &[], "");
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stderr));
    assert!(text(&again.stdout).contains("nothing to purge"), "{}", text(&again.stdout));
}

#[test]
fn yes_deletes_without_asking_and_training_records_follow_the_same_rule_by_when_they_were_written() {
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("calls");
    let gone = a_call(&records, 60, true, Some("CS-9"), false);
    let training = records.join("training");
    // A simulated call's own times are made up (here 400 days back): its
    // retention runs from when the file was last written.
    let fresh = a_call(&training, 400, true, Some("CS-T1"), true);
    let stale = a_call(&training, 400, true, Some("CS-T2"), true);
    let untouched = a_call(&training, 400, true, None, true);
    let long_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(60 * 86_400);
    for id in [&stale, &untouched] {
        let file = std::fs::File::options().write(true).open(training.join(format!("{id}.jsonl"))).unwrap();
        file.set_modified(long_ago).unwrap();
    }
    let out = purge(&records, Some(CONFIG), &["--yes"], "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.contains(&format!("deleted {gone}")), "{said}");
    assert!(said.contains(&format!("deleted {stale}")), "{said}");
    assert!(!exists(&records, &gone) && !exists(&training, &stale));
    assert!(exists(&training, &fresh), "written today: within the retention");
    assert!(exists(&training, &untouched), "not entered: kept");
    let purged: Vec<String> = audit::read(&records).into_iter().map(|l| l.record).collect();
    assert_eq!(purged.len(), 2, "{purged:?}");
}

/// Every field `Config` has, from serde itself: ron names them when it
/// meets one it does not know.
fn config_fields() -> Vec<&'static str> {
    match ron::from_str::<dutygrid::config::Config>("(no_such_field: 0)") {
        Err(ron::error::SpannedError { code: ron::Error::NoSuchStructField { expected, .. }, .. }) => expected.to_vec(),
        other => panic!("expected an unknown-field error, got {other:?}"),
    }
}

#[test]
fn the_config_example_parses_and_names_every_field_with_retention_left_to_information_governance() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/config.example.ron");
    let config = dutygrid::config::load(&path).unwrap_or_else(|d| panic!("{d}"));
    let example = std::fs::read_to_string(&path).unwrap();
    let fields = config_fields();
    assert!(fields.contains(&"retention_days") && fields.contains(&"handover_by"), "{fields:?}");
    for field in fields {
        let set = example.lines().any(|l| l.trim_start().starts_with(&format!("{field}:")));
        assert!(set, "docs/config.example.ron does not set `{field}` (uncommented): add it with a comment");
    }
    assert!(config.pack.is_some() && config.keymap.is_some() && config.handler.is_some());
    assert!(config.handover_by.is_some());
    // The example never sets a retention of its own: the council does.
    assert_eq!(config.retention_days, None);
    assert!(example.contains("information-governance team"), "{example}");
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    assert!(readme.contains("docs/config.example.ron"), "the README points at the example");
    assert!(readme.contains("dutygrid record purge"), "the README says how records are purged");
}
