#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `dutygrid handover`: a night's calls, written through the real journal,
//! handed to the day team — alerts first, then by urgency; each with what
//! must be done and by when (the next working morning, over weekends and
//! bank holidays); Markdown and JSON; 0600 files; an audit line with no
//! names or numbers in it; every time named with its zone.

mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use chrono::{DateTime, Utc};
use dutygrid::call::clocks::{ClockKind, Rag};
use dutygrid::call::details::{CallerType, YesNoUnknown};
use dutygrid::call::handler::CaseReference;
use dutygrid::call::household::{Born, ChildFact, HouseholdChange, ReferrerFact};
use dutygrid::call::outcome::{Change, OutcomeChange};
use dutygrid::call::store::Store;
use dutygrid::call::{Alert, Call, DetailChange, Entry, PackStamp};
use dutygrid::pack::library::Library;
use support::{FakeHome, at, desk_handler, stderr, stdout};

const PACK: &str = "stoke-on-trent";

/// Local time in the pack's zone.
fn t(local: &str) -> DateTime<Utc> {
    at(PACK, local)
}

/// What a call holds, to be written as journal entries.
#[derive(Default)]
struct Spec {
    start: &'static str,
    children: Vec<(&'static str, &'static str)>,
    ticks: Vec<&'static str>,
    /// (item, children it is about).
    assign: Vec<(&'static str, Vec<u32>)>,
    alert: Option<&'static str>,
    urgency: Option<Rag>,
    referrer: Option<(&'static str, &'static str)>,
    anonymous: bool,
    outcome: Option<(&'static str, &'static str)>,
    feedback_done: bool,
    entered: Option<&'static str>,
    open: bool,
    /// On a simulated clock (training).
    simulated: bool,
}

/// Writes the call through the records folder's journal, as the app does:
/// its opening (start and handler), then one synced entry at a time.
fn write_call(dir: &Path, spec: &Spec) {
    let library = Library::load(None);
    let (pack, _) = library.open(PACK).unwrap();
    let start = t(spec.start);
    let minute = |m: i64| start + chrono::Duration::minutes(m);
    let stamp = PackStamp { id: pack.id.clone(), title: pack.title.clone(), edition: pack.edition.clone() };
    let mut call = Call::new(stamp, start, spec.simulated);
    call.set_opening_handler(desk_handler(), start);
    let store = Store::open(dir).unwrap();
    let mut journal = store.start(call.opening()).unwrap();
    let mut entries = Vec::new();
    let h = |change, m| Entry::Household { change, at: minute(m) };
    for (n, (label, age)) in spec.children.iter().enumerate() {
        let child = u32::try_from(n + 1).unwrap();
        entries.push(h(HouseholdChange::Child { child, fact: ChildFact::Label((*label).into()) }, 1));
        let born = Born::parse(age, start.date_naive());
        entries.push(h(HouseholdChange::Child { child, fact: ChildFact::Born(born) }, 1));
    }
    if let Some((name, numbers)) = spec.referrer {
        entries.push(h(HouseholdChange::Referrer { fact: ReferrerFact::Name(name.into()) }, 2));
        entries.push(h(HouseholdChange::Referrer { fact: ReferrerFact::Role("Teacher".into()) }, 2));
        entries.push(h(HouseholdChange::Referrer { fact: ReferrerFact::Numbers(numbers.into()) }, 2));
        entries.push(h(HouseholdChange::Referrer { fact: ReferrerFact::Reachable("until 9pm".into()) }, 2));
        entries.push(Entry::Detail { change: DetailChange::Agency("Hillside Primary".into()), at: minute(2) });
    }
    if spec.anonymous {
        entries.push(Entry::Detail { change: DetailChange::Caller(Some(CallerType::Anonymous)), at: minute(2) });
        entries.push(h(HouseholdChange::Referrer { fact: ReferrerFact::Anonymity(Some(YesNoUnknown::Yes)) }, 2));
    }
    for id in &spec.ticks {
        entries.push(Entry::Tick { id: (*id).into(), ticked: true, at: minute(3) });
    }
    for (item, children) in &spec.assign {
        entries.push(h(HouseholdChange::Assign { item: (*item).into(), children: children.clone() }, 3));
    }
    if let Some(item) = spec.alert {
        entries.push(Entry::Tick { id: item.into(), ticked: true, at: minute(4) });
        let alert = Alert {
            item: item.into(),
            trigger: None,
            raised_at: minute(4),
            line_shown: "Emergency Duty Team 01782 234234".into(),
            acknowledged_at: Some(minute(5)),
        };
        entries.push(Entry::Alert { alert });
    }
    if spec.urgency.is_some() {
        entries.push(Entry::Urgency { urgency: spec.urgency, at: minute(6) });
    }
    if let Some((choice, label)) = spec.outcome {
        let change = Change::Add { choice: choice.into(), label: label.into(), signpost: None, text: String::new() };
        entries
            .push(Entry::Outcome { change: OutcomeChange { number: 1, change, reason: String::new(), at: minute(8) } });
    }
    if spec.feedback_done {
        entries.push(Entry::ClockDone { clock: ClockKind::Feedback, done: true, at: minute(9) });
    }
    if !spec.open {
        entries.push(Entry::End { at: minute(10) });
    }
    // Marked entered as `record mark-entered` appends it; written while
    // the journal is still ours, because reopening it could meet the lock
    // a child forked by another test thread holds for an instant.
    if let Some(reference) = spec.entered {
        let reference = CaseReference { reference: reference.into(), at: minute(30) };
        entries.push(Entry::CaseReference { reference });
    }
    for entry in &entries {
        journal.append(entry).unwrap();
    }
}

/// The night of Friday 4 December 2026: five calls, two with alerts, one
/// still open, one entered in the case system.
fn the_night(dir: &Path) {
    let calls = [
        // Written first, started last: the order must come from the calls.
        Spec {
            start: "2026-12-05 02:15",
            children: vec![("Kai", "15")],
            ticks: vec!["edu-h1"],
            urgency: Some(Rag::Amber),
            open: true,
            ..Spec::default()
        },
        Spec {
            start: "2026-12-04 23:40",
            children: vec![("Tyler", "6")],
            alert: Some("imm-immediate-danger"),
            anonymous: true,
            outcome: Some(("police", "Police informed")),
            ..Spec::default()
        },
        Spec {
            start: "2026-12-04 18:10",
            children: vec![("Baby Amy", "4m"), ("Jay", "3")],
            ticks: vec!["health-h1"],
            alert: Some("imm-significant-harm"),
            assign: vec![("imm-significant-harm", vec![1])],
            urgency: Some(Rag::Red),
            referrer: Some(("Ms Jo Reed", "07700 900461")),
            outcome: Some(("out-of-hours", "Out-of-hours team actioned")),
            ..Spec::default()
        },
        Spec {
            start: "2026-12-04 20:00",
            children: vec![("Mia", "9")],
            urgency: Some(Rag::Green),
            outcome: Some(("advice", "Advice given")),
            entered: Some("CS-778812"),
            ..Spec::default()
        },
        Spec {
            start: "2026-12-04 21:30",
            children: vec![("Leo", "11")],
            outcome: Some(("advice", "Advice given")),
            feedback_done: true,
            ..Spec::default()
        },
    ];
    for spec in &calls {
        write_call(dir, spec);
    }
}

/// A fake home with the desk's config and a records folder.
fn desk(config: &str) -> (FakeHome, std::path::PathBuf) {
    let home = FakeHome::new();
    let file = home.config_file();
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, config).unwrap();
    let records = home.path().join("records");
    (home, records)
}

const CONFIG: &str = r#"(pack: "stoke-on-trent", handler: (name: "Sam Patel", role: "Social worker", team: "EDT"))"#;

fn handover(home: &FakeHome, records: &Path, args: &[&str]) -> std::process::Output {
    home.command().arg("--records-dir").arg(records).arg("handover").args(args).output().unwrap()
}

/// Saturday morning, as the night worker hands over.
const MORNING: &str = "2026-12-05 08:30";
const SHIFT: &str = "2026-12-04 17:00";

fn night_handover(format: &str) -> (String, std::process::Output) {
    let (home, records) = desk(CONFIG);
    the_night(&records);
    let out = handover(&home, &records, &["--at", MORNING, "--since", SHIFT, "--format", format]);
    assert!(out.status.success(), "{}", stderr(&out));
    // The record ids hold the start time and a random suffix.
    let text = stdout(&out);
    let ids = regex_lite_ids(&text);
    (ids, out)
}

/// The output with each record id's random suffix replaced.
fn regex_lite_ids(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("call-2026") {
        out.push_str(&rest[..i]);
        let id: String = rest[i..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
        // call-YYYYMMDD-HHMMSS-<suffix>
        let kept: Vec<&str> = id.splitn(4, '-').take(3).collect();
        out.push_str(&kept.join("-"));
        out.push_str("-XXXX");
        rest = &rest[i + id.len()..];
    }
    out.push_str(rest);
    out
}

#[test]
fn the_markdown_handover_of_a_night() {
    let (md, _) = night_handover("md");
    insta::assert_snapshot!("handover_markdown", md);
}

#[test]
fn the_json_handover_of_a_night() {
    let (json, _) = night_handover("json");
    insta::assert_snapshot!("handover_json", json);
}

fn json_of(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_str(&stdout(out)).unwrap()
}

fn started(json: &serde_json::Value) -> Vec<String> {
    json["calls"].as_array().unwrap().iter().map(|c| c["started_at"].as_str().unwrap().to_string()).collect()
}

#[test]
fn alerts_come_first_then_red_amber_green_then_none() {
    let (_, out) = night_handover("json");
    let json = json_of(&out);
    assert_eq!(
        started(&json),
        [
            "2026-12-04T18:10:00+00:00", // alert, red
            "2026-12-04T23:40:00+00:00", // alert, no urgency
            "2026-12-05T02:15:00+00:00", // amber
            "2026-12-04T20:00:00+00:00", // green
            "2026-12-04T21:30:00+00:00", // none
        ]
    );
    let counts = &json["counts"];
    assert_eq!(
        (&counts["calls"], &counts["alerts"], &counts["open"], &counts["not_entered"]),
        (&5.into(), &2.into(), &1.into(), &4.into())
    );
}

#[test]
fn a_clock_due_sooner_comes_before_an_earlier_call_with_nothing_due() {
    let (home, records) = desk(CONFIG);
    // Both without alert or urgency: the earlier one's feedback is done.
    let done = Spec { start: "2026-12-04 18:00", feedback_done: true, ..Spec::default() };
    write_call(&records, &done);
    write_call(&records, &Spec { start: "2026-12-04 19:00", ..Spec::default() });
    let json = json_of(&handover(&home, &records, &["--at", MORNING, "--format", "json"]));
    assert_eq!(started(&json), ["2026-12-04T19:00:00+00:00", "2026-12-04T18:00:00+00:00"]);
    assert!(json["calls"][1]["to_do"]["clocks"].as_array().unwrap().is_empty());
}

fn pick_up_by(home: &FakeHome, records: &Path, now: &str) -> Vec<String> {
    let json = json_of(&handover(home, records, &["--at", now, "--format", "json"]));
    json["calls"].as_array().unwrap().iter().map(|c| c["to_do"]["pick_up_by"].as_str().unwrap().to_string()).collect()
}

#[test]
fn a_friday_night_call_is_due_on_monday_morning() {
    let (home, records) = desk(CONFIG);
    write_call(&records, &Spec { start: "2026-12-04 23:40", ..Spec::default() });
    assert_eq!(pick_up_by(&home, &records, MORNING), ["2026-12-07T09:00:00+00:00"]);
}

#[test]
fn over_christmas_the_call_is_due_after_the_bank_holidays() {
    let (home, records) = desk(CONFIG);
    // Thursday 24 December: Friday 25 and Monday 28 (Boxing Day's
    // substitute) are bank holidays.
    write_call(&records, &Spec { start: "2026-12-24 22:00", ..Spec::default() });
    assert_eq!(pick_up_by(&home, &records, "2026-12-25 08:30"), ["2026-12-29T09:00:00+00:00"]);
    let md = stdout(&handover(&home, &records, &["--at", "2026-12-25 08:30"]));
    assert!(md.contains("- Pick up by Tue 29 Dec 2026 09:00 GMT (enter it in the case system)\n"), "{md}");
}

#[test]
fn the_config_sets_the_handover_time() {
    let config = r#"(pack: "stoke-on-trent", handover_by: "08:30")"#;
    let (home, records) = desk(config);
    write_call(&records, &Spec { start: "2026-12-04 23:40", ..Spec::default() });
    assert_eq!(pick_up_by(&home, &records, MORNING), ["2026-12-07T08:30:00+00:00"]);
    let md = stdout(&handover(&home, &records, &["--at", MORNING]));
    assert!(md.contains("by 08:30 on the next working morning"), "{md}");
    assert!(md.contains("- Made Sat 5 Dec 2026 08:30 GMT by a handler not set (the config's handler)"), "{md}");
}

#[test]
fn past_the_morning_a_call_not_entered_is_overdue() {
    let (home, records) = desk(CONFIG);
    the_night(&records);
    let out = handover(&home, &records, &["--at", "2026-12-07 09:30", "--since", SHIFT]);
    let md = stdout(&out);
    assert!(md.contains("- Pick up by Mon 7 Dec 2026 09:00 GMT (enter it in the case system) — **OVERDUE**"), "{md}");
    // The entered call is not the day team's to pick up.
    assert_eq!(md.matches("(enter it in the case system) — **OVERDUE**").count(), 4, "{md}");
    assert!(md.contains("overdue: 4"), "{md}");
}

#[test]
fn since_leaves_out_the_calls_before_it() {
    let (home, records) = desk(CONFIG);
    the_night(&records);
    let json =
        json_of(&handover(&home, &records, &["--at", MORNING, "--since", "2026-12-04 21:00", "--format", "json"]));
    assert_eq!(started(&json), ["2026-12-04T23:40:00+00:00", "2026-12-05T02:15:00+00:00", "2026-12-04T21:30:00+00:00"]);
    assert_eq!(json["since"], "2026-12-04T21:00:00+00:00");
    // RFC 3339 too.
    let json =
        json_of(&handover(&home, &records, &["--at", MORNING, "--since", "2026-12-05T02:00:00Z", "--format", "json"]));
    assert_eq!(started(&json), ["2026-12-05T02:15:00+00:00"]);
    let bad = handover(&home, &records, &["--since", "yesterday"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).starts_with("--since: "), "{}", stderr(&bad));
}

#[test]
fn without_since_it_covers_the_last_day() {
    let (home, records) = desk(CONFIG);
    the_night(&records);
    write_call(&records, &Spec { start: "2026-12-03 20:00", ..Spec::default() });
    let json = json_of(&handover(&home, &records, &["--at", MORNING, "--format", "json"]));
    assert_eq!(json["since"], "2026-12-04T08:30:00+00:00");
    assert_eq!(json["counts"]["calls"], 5, "the call of the night before is not this shift's");
}

#[test]
fn a_night_with_no_calls_says_so() {
    let (home, records) = desk(CONFIG);
    let out = handover(&home, &records, &["--at", MORNING]);
    assert!(out.status.success());
    let md = stdout(&out);
    assert!(md.contains("# Handover to the day team — 0 calls"), "{md}");
    assert!(md.contains("\nNo calls were started in this period.\n"), "{md}");
}

#[test]
fn a_damaged_record_is_listed_never_dropped() {
    let (home, records) = desk(CONFIG);
    the_night(&records);
    std::fs::write(records.join("call-20261205-030000-dead.jsonl"), "{not json\n").unwrap();
    let out = handover(&home, &records, &["--at", MORNING]);
    let md = stdout(&out);
    assert!(md.contains("## Records that could not be read (1)"), "{md}");
    assert!(md.contains("- call-20261205-030000-dead: "), "{md}");
    assert!(md.contains("- **Records that could not be read: 1**"), "{md}");
    assert!(stderr(&out).contains("1 record(s) could not be read"), "{}", stderr(&out));
}

#[test]
fn to_a_file_it_is_written_0600_and_the_audit_line_holds_no_names_or_numbers() {
    let (home, records) = desk(CONFIG);
    the_night(&records);
    let file = home.path().join("handover.md");
    let out = handover(&home, &records, &["--at", MORNING, "--since", SHIFT, "-o", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    let mode = std::fs::metadata(&file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let md = std::fs::read_to_string(&file).unwrap();
    assert!(md.contains("Ms Jo Reed") && md.contains("07700 900461"), "the handover holds the callback");

    let log = std::fs::read_to_string(dutygrid::call::audit::path(&records)).unwrap();
    let line = log.lines().last().unwrap();
    let parsed: serde_json::Value = serde_json::from_str(line).unwrap();
    assert_eq!(parsed["action"], "handover");
    assert_eq!(parsed["record"], "handover");
    assert_eq!(parsed["format"], "md");
    assert_eq!(parsed["to_file"], true);
    assert_eq!(parsed["records"].as_array().unwrap().len(), 5);
    assert_eq!(parsed["who"], "Sam Patel");
    for personal in ["Baby Amy", "Tyler", "Kai", "Mia", "Leo", "Jo Reed", "07700", "Hillside", "handover.md", "EDT"] {
        assert!(!log.contains(personal), "the audit log holds {personal:?}: {log}");
    }
    let mode = std::fs::metadata(dutygrid::call::audit::path(&records)).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn every_time_a_person_reads_names_its_zone() {
    let (md, _) = night_handover("md");
    // Every hh:mm in the handover is followed by its zone's name — except
    // the handover time itself, a wall time on whatever morning is next.
    let bytes = md.as_bytes();
    let mut times = 0;
    for i in 0..bytes.len().saturating_sub(5) {
        let is_time = bytes[i].is_ascii_digit()
            && bytes[i + 1].is_ascii_digit()
            && bytes[i + 2] == b':'
            && bytes[i + 3].is_ascii_digit()
            && bytes[i + 4].is_ascii_digit()
            && (i == 0 || !bytes[i - 1].is_ascii_digit());
        if !is_time {
            continue;
        }
        times += 1;
        let after = &md[i + 5..];
        let line = md[..i].rsplit('\n').next().unwrap_or("");
        if line.starts_with("- Each call is due with the day team by") {
            continue;
        }
        assert!(
            after.starts_with(" GMT") || after.starts_with(" BST"),
            "a time without its zone: {line}{}",
            &md[i..i + 12]
        );
    }
    assert!(times > 20, "the handover shows its times ({times})");
}

#[test]
fn the_json_documentation_names_every_key_the_handover_writes() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/handover-json.md")).unwrap();
    let (home, records) = desk(CONFIG);
    the_night(&records);
    std::fs::write(records.join("call-20261205-030000-dead.jsonl"), "{not json\n").unwrap();
    let json = json_of(&handover(&home, &records, &["--at", MORNING, "--since", SHIFT, "--format", "json"]));
    let paths = support::json_key_paths(&json);
    let missing: Vec<&String> = paths.iter().filter(|p| !doc.contains(&format!("`{p}`"))).collect();
    assert!(missing.is_empty(), "docs/handover-json.md does not describe: {missing:?}");
}

#[test]
fn a_training_call_is_marked_simulated() {
    let (home, records) = desk(CONFIG);
    the_night(&records);
    let training = Spec { start: "2026-12-04 19:00", simulated: true, ..Spec::default() };
    write_call(&records.join("training"), &training);
    let out = handover(&home, &records, &["--at", MORNING, "--since", SHIFT]);
    let md = stdout(&out);
    assert!(
        md.contains("**SIMULATED**: 1 call was made on a simulated clock (training), marked and listed last"),
        "{md}"
    );
    assert!(md.contains("## 6. SIMULATED · started Fri 4 Dec 2026 19:00 GMT · ended\n"), "{md}");
    assert!(md.contains("- Calls: 6 ·"), "{md}");
}

#[test]
fn typed_text_cannot_add_markup_to_the_handover() {
    let (home, records) = desk(CONFIG);
    let forged = Spec {
        start: "2026-12-04 19:00",
        children: vec![("## 9. IMMEDIATE ALERT [x](http://e.test) | <b>", "6")],
        ..Spec::default()
    };
    write_call(&records, &forged);
    let md = stdout(&handover(&home, &records, &["--at", MORNING]));
    assert!(md.contains(r"- Children: \#\# 9. IMMEDIATE ALERT \[x\](http://e.test) \| \<b\> (6 years)"), "{md}");
    assert_eq!(md.lines().filter(|l| l.starts_with("## ")).count(), 1, "{md}");
}

#[test]
fn the_calls_screen_can_build_the_same_handover() {
    let (_home, records) = desk(CONFIG);
    the_night(&records);
    let library = Library::load(None);
    let config = dutygrid::config::Config { pack: Some(PACK.into()), ..Default::default() };
    let made = dutygrid::call::handover::build(&library, &records, t(SHIFT), t(MORNING), &config).unwrap();
    assert_eq!(made.counts.calls, 5);
    assert!(!made.simulated_clock);
    let md = dutygrid::export::handover_markdown(&made);
    assert!(md.starts_with("# Handover to the day team — 5 calls\n"), "{md}");
    assert!(md.contains("- Made Sat 5 Dec 2026 08:30 GMT by a handler not set (the config's handler)"), "{md}");
}

/// With no handler in the config the handover says so, rather than
/// reading "by not set" as if that were a name.
#[test]
fn a_handover_made_with_no_handler_set_says_what_is_missing() {
    let (home, records) = desk(r#"(pack: "stoke-on-trent")"#);
    the_night(&records);
    let out = handover(&home, &records, &["--at", MORNING]);
    let md = stdout(&out);
    assert!(md.contains("by a handler not set (the config's handler)"), "{md}");
    assert!(!md.contains("by not set"), "{md}");
}

/// A call from an earlier shift still open or not entered is the day
/// team's too: the handover lists it under its own heading, oldest first;
/// one entered and ended is not listed.
#[test]
fn calls_from_before_the_period_still_waiting_are_listed_apart() {
    let (home, records) = desk(CONFIG);
    the_night(&records);
    write_call(&records, &Spec { start: "2026-12-02 20:00", children: vec![("Ellie", "9")], ..Spec::default() });
    write_call(&records, &Spec { start: "2026-12-03 01:00", open: true, ..Spec::default() });
    write_call(&records, &Spec { start: "2026-12-03 03:00", entered: Some("CS-5"), ..Spec::default() });
    let json = json_of(&handover(&home, &records, &["--at", MORNING, "--since", SHIFT, "--format", "json"]));
    let earlier: Vec<&str> =
        json["earlier"].as_array().unwrap().iter().map(|e| e["started_at"].as_str().unwrap()).collect();
    assert_eq!(earlier, ["2026-12-02T20:00:00+00:00", "2026-12-03T01:00:00+00:00"]);
    assert_eq!(json["earlier"][0]["children"][0], "Ellie, 9 years");
    assert_eq!(json["earlier"][0]["pick_up_by"], "2026-12-03T09:00:00+00:00");
    assert_eq!(json["earlier"][1]["open"], true);
    assert!(started(&json).iter().all(|s| s.as_str() >= "2026-12-04"), "they are not among the period's calls");
    let md = stdout(&handover(&home, &records, &["--at", MORNING, "--since", SHIFT]));
    assert!(md.contains("## Still waiting from before this period (2)"), "{md}");
    assert!(md.contains("Ellie, 9 years · was due by Thu 3 Dec 2026 09:00 GMT"), "{md}");
    assert!(!md.contains("CS-5"), "an entered, ended call is not waiting: {md}");
}
