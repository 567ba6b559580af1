#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The command line as a user runs it: output, formats and exit codes.

mod support;

use std::process::Output;

use support::{FakeHome, run_dutygrid as dutygrid, stderr, stdout};

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(output)))
}

#[test]
fn pack_list_json_describes_the_builtin_pack() {
    let out = dutygrid(&["pack", "list", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let list = json(&out);
    let city = list.as_array().and_then(|a| a.iter().find(|p| p["id"] == "nottingham-city")).expect("city pack");
    assert_eq!(city["levels"], 4);
    assert_eq!(city["indicators"], 256);
    assert_eq!(city["source"], "builtin");
    assert!(city["title"].as_str().is_some_and(|t| t.contains("Threshold of Needs")));
}

#[test]
fn pack_list_includes_files_from_the_packs_directory_and_reports_broken_ones() {
    let dir = tempfile::tempdir().expect("temp dir");
    let valid = include_str!("fixtures/valid.ron");
    std::fs::write(dir.path().join("area.ron"), valid).expect("write");
    std::fs::write(dir.path().join("broken.ron"), "(id: \"x\",").expect("write");
    let out = FakeHome::new()
        .command()
        .args(["pack", "list", "--format", "json", "--packs-dir"])
        .arg(dir.path())
        .output()
        .expect("run");
    let list = json(&out);
    let area = list.as_array().and_then(|a| a.iter().find(|p| p["id"] == "test-area")).expect("listed");
    assert_eq!(area["source"], dir.path().join("area.ron").display().to_string());
    assert!(stderr(&out).contains("broken.ron:1:9: Unexpected end of RON"), "{}", stderr(&out));
}

#[test]
fn pack_check_passes_the_shipped_pack_with_a_summary_line() {
    let out = dutygrid(&["pack", "check", "packs/nottingham-city.ron"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // The shipped file is the built-in pack itself (known by its length and
    // hash, as the binary holds it compiled), not a stand-in for it.
    assert!(!stderr(&out).contains("built-in pack's"), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "packs/nottingham-city.ron: ok: nottingham-city (Nottingham Safeguarding Children Partnership Threshold of Needs), 4 levels, 13 rows, 256 indicators, 11 immediate-referral items\n"
    );
}

#[test]
fn pack_check_prints_every_problem_with_its_position_and_exits_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = include_str!("fixtures/valid.ron").replacen("\"0115 876 1000\"", "\"0115 876 100\"", 1).replacen(
        "trigger: \"imm-bruising\"",
        "trigger: \"imm-nowhere\"",
        1,
    );
    let path = dir.path().join("bad.ron");
    std::fs::write(&path, bad).expect("write");
    let out = dutygrid(&["pack", "check", "packs/nottingham-city.ron", path.to_str().expect("utf-8 path")]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    // The shipped pack records no check of its contacts: that is a warning, not a problem.
    let lines: Vec<&str> = err.lines().filter(|l| !l.contains(": warning: ")).collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(lines[0].starts_with(&format!("{}:33:95: ", path.display())), "{err}");
    assert!(lines[0].contains("\"imm-nowhere\""));
    assert!(lines[1].contains("\"0115 876 100\" is not a plausible UK phone number"), "{err}");
    assert!(stdout(&out).contains("nottingham-city.ron: ok"));
}

#[test]
fn pack_indicators_json_has_grid_then_immediate_items() {
    let out = dutygrid(&["pack", "indicators", "nottingham-city"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let records = json(&out);
    let records = records.as_array().expect("array");
    assert_eq!(records.len(), 256 + 11 + 5);
    let first = &records[0];
    assert_eq!(first["id"], "health-u1");
    assert_eq!(first["level"], 1);
    assert_eq!(first["level_name"], "Universal Support");
    assert_eq!(first["domain"], "Child Developmental Needs");
    assert_eq!(first["row"], "Health");
    assert_eq!(first["text"], "Physically healthy");
    assert!(first["trigger"].is_null());
    let fostered = records.iter().find(|r| r["text"] == "Privately fostered").expect("privately fostered");
    assert_eq!(fostered["trigger"], "imm-private-fostering");
    assert_eq!(fostered["level"], 4);
    let last = &records[records.len() - 1];
    assert!(last["level"].is_null());
    assert_eq!(last["row"], "Immediate referral");
    assert_eq!(last["domain"], "");
}

#[test]
fn pack_indicators_csv_quotes_commas() {
    let out = dutygrid(&["pack", "indicators", "nottingham-city", "--format", "csv"]);
    let text = stdout(&out);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("id,level,level_name,domain,row,text,trigger"));
    assert_eq!(
        lines.next(),
        Some("health-u1,1,Universal Support,Child Developmental Needs,Health,Physically healthy,")
    );
    assert!(text.contains("\"Parents & Carers\"") || text.contains(",Parents & Carers,"));
    assert!(text.contains("\"No barriers to learning, makes progress and achieves key stages\""));
    assert_eq!(text.lines().count(), 1 + 256 + 16);
}

#[test]
fn contact_json_answers_with_line_number_reason_and_until() {
    let out = dutygrid(&["contact", "--at", "2026-11-27 16:55", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let answer = json(&out);
    assert_eq!(answer["pack"], "nottingham-city");
    assert_eq!(answer["at"], "2026-11-27T16:55:00Z");
    assert_eq!(answer["line"], "out_of_hours");
    assert_eq!(answer["number"], "0115 876 4800");
    assert_eq!(answer["reason"], "Friday after 16:50");
    assert_eq!(answer["until"], "2026-11-30T08:30:00Z");
    assert!(answer["emergency"].as_str().is_some_and(|e| e.contains("999")));
    assert!(answer["words"].as_str().is_some_and(|w| w.contains("emergency safeguarding enquiries only")));
}

#[test]
fn contact_at_in_summer_time_reports_the_local_offset() {
    let out = dutygrid(&["contact", "--at", "2026-03-30T07:45:00Z", "--format", "json"]);
    let answer = json(&out);
    assert_eq!(answer["at"], "2026-03-30T08:45:00+01:00");
    assert_eq!(answer["line"], "office");
    assert_eq!(answer["name"], "City MASH");
    assert_eq!(answer["until"], "2026-03-30T16:50:00+01:00");
}

#[test]
fn contact_text_is_one_line_to_read_aloud() {
    let out = dutygrid(&["contact", "--at", "2026-12-28 10:00"]);
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.starts_with("Mon 28 Dec 2026 10:00 GMT: Out of hours — Bank holiday: Boxing Day (substitute day), until 08:30 Tue 29 Dec: ring City MASH (out of hours) on 0115 876 4800."), "{text}");
}

#[test]
fn contact_rejects_a_time_that_does_not_exist() {
    let out = dutygrid(&["contact", "--at", "2026-03-29 01:30"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("does not exist in Europe/London"), "{}", stderr(&out));
}

#[test]
fn contact_notes_an_ambiguous_time() {
    let out = dutygrid(&["contact", "--at", "2026-10-25 01:30", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json(&out)["at"], "2026-10-25T01:30:00+01:00");
    assert!(stderr(&out).contains("took the earlier"));
}

#[test]
fn unknown_pack_and_bad_usage_exit_2() {
    let out = dutygrid(&["pack", "indicators", "no-such-pack"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("known packs: nottingham-city"), "{}", stderr(&out));
    assert_eq!(dutygrid(&["pack", "frobnicate"]).status.code(), Some(2));
}

#[test]
fn no_command_prints_the_default_pack_summary() {
    let out = dutygrid(&[]);
    let text = stdout(&out);
    assert!(text.contains("1. Universal Support"), "{text}");
    assert!(text.contains("4. Specialist & Safeguarding"), "{text}");
    assert!(text.contains("guidance only"), "{text}");
}

#[test]
fn version_and_help_document_exit_codes() {
    let out = dutygrid(&["--version"]);
    assert_eq!(stdout(&out).trim(), format!("dutygrid {}", env!("CARGO_PKG_VERSION")));
    let help = stdout(&dutygrid(&["--help"]));
    assert!(help.contains("Exit codes:") && help.contains("2  usage error"), "{help}");
    let check_help = stdout(&dutygrid(&["pack", "check", "--help"]));
    assert!(check_help.contains("Examples:"), "{check_help}");
}

/// Writes a small ended call's journal into a records folder.
fn a_record(records: &std::path::Path) -> String {
    use dutygrid::call::store::Store;
    use dutygrid::call::{Call, Entry, PackStamp};
    let store = Store::open(records).expect("store");
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-27T10:00:00Z").expect("time").to_utc();
    let pack = PackStamp { id: "nottingham-city".into(), title: "Threshold of Needs".into(), edition: None };
    let call = Call::new(pack, at, false);
    let mut journal = store.create(&call).expect("journal");
    journal.append(&Entry::Tick { id: "health-u1".into(), ticked: true, at }).expect("tick");
    journal.append(&Entry::End { at }).expect("end");
    journal.id()
}

fn dutygrid_records(records: &std::path::Path, args: &[&str], stdin: &str) -> Output {
    FakeHome::new().answered(records, args, stdin)
}

#[test]
fn record_list_export_and_delete() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("dir");
    let records = dir.path().join("calls");
    let id = a_record(&records);
    let list = stdout(&dutygrid_records(&records, &["record", "list"], ""));
    assert!(list.starts_with(&format!("{id}  ended  Fri 27 Nov 2026 10:00 GMT nottingham-city")), "{list}");
    let md = dutygrid_records(&records, &["record", "export", &id, "--format", "md"], "");
    assert!(
        stdout(&md).contains("- Fri 27 Nov 2026 10:00 GMT · 1 Universal Support · Health: Physically healthy"),
        "{}",
        stdout(&md)
    );
    let out = dir.path().join("export.json");
    let written = dutygrid_records(
        &records,
        &["record", "export", &id, "--format", "json", "-o", out.to_str().expect("path")],
        "",
    );
    assert_eq!(written.status.code(), Some(0), "{}", stderr(&written));
    assert_eq!(std::fs::metadata(&out).expect("file").permissions().mode() & 0o777, 0o600);
    let kept = dutygrid_records(&records, &["record", "delete", &id], "1\nno\n");
    assert_eq!(kept.status.code(), Some(1));
    assert!(records.join(format!("{id}.jsonl")).exists(), "not deleted without a yes");
    let no_reason = dutygrid_records(&records, &["record", "delete", &id], "\nyes\n");
    assert_eq!(no_reason.status.code(), Some(1), "a deletion needs a reason");
    assert!(records.join(format!("{id}.jsonl")).exists());
    let gone = dutygrid_records(&records, &["record", "delete", &id], "2\nyes\n");
    assert_eq!(gone.status.code(), Some(0), "{}", stderr(&gone));
    assert!(!records.join(format!("{id}.jsonl")).exists());
    assert_eq!(dutygrid_records(&records, &["record", "export", "nope", "--format", "md"], "").status.code(), Some(2));
}

#[test]
fn the_config_file_chooses_the_default_pack_and_is_checked() {
    let dir = tempfile::tempdir().expect("dir");
    let config = dir.path().join("config.ron");
    std::fs::write(&config, "(pack: \"stoke-on-trent\", keymap: \"vim\")").expect("write");
    let out = FakeHome::new().command().env("DUTYGRID_CONFIG", &config).output().expect("run");
    assert!(stdout(&out).contains("5. Getting Risk Support"), "{}", stdout(&out));
    std::fs::write(&config, "(pak: \"stoke-on-trent\")").expect("write");
    let out = FakeHome::new().command().env("DUTYGRID_CONFIG", &config).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with(&format!("{}:1:2: Unexpected field named `pak`", config.display())),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_tests_run_the_binary_in_a_home_of_their_own() {
    // A config.ron in the helper's home is the one the binary reads…
    let home = FakeHome::new();
    std::fs::create_dir_all(home.config_file().parent().expect("folder")).expect("config folder");
    std::fs::write(home.config_file(), "(pack: \"stoke-on-trent\")").expect("write");
    let out = home.command().output().expect("run");
    assert!(stdout(&out).contains("5. Getting Risk Support"), "{}", stdout(&out));
    // …so a fresh one gives the built-in default, whatever the developer's own says.
    let out = dutygrid(&[]);
    assert!(stdout(&out).contains("4. Specialist & Safeguarding"), "{}", stdout(&out));
    assert!(!stdout(&out).contains("Getting Risk Support"), "{}", stdout(&out));
    // Every folder the binary could read or write is inside the fake home,
    // and the DUTYGRID_* variables of the developer's shell are not passed on.
    let command = home.command();
    let envs: std::collections::HashMap<String, Option<String>> = command
        .get_envs()
        .map(|(k, v)| (k.to_string_lossy().into_owned(), v.map(|v| v.to_string_lossy().into_owned())))
        .collect();
    for variable in ["HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"] {
        let value = envs.get(variable).cloned().flatten().unwrap_or_default();
        assert!(value.starts_with(&home.path().display().to_string()), "{variable}={value}");
    }
    for variable in ["DUTYGRID_PACKS", "DUTYGRID_RECORDS", "DUTYGRID_CONFIG"] {
        assert_eq!(envs.get(variable), Some(&None), "{variable} is cleared");
    }
}

#[test]
fn pack_indicators_csv_reads_back_as_the_catalog_for_every_shipped_pack() {
    let library = dutygrid::pack::library::Library::load(None);
    for id in library.known_ids() {
        let out = dutygrid(&["pack", "indicators", &id, "--format", "csv"]);
        let (pack, _) = library.open(&id).expect("pack");
        let text = stdout(&out);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("valid CSV");
        let entries = pack.catalog().entries();
        assert_eq!(rows.len(), entries.len(), "{id}");
        for (row, entry) in rows.iter().zip(entries) {
            assert_eq!((row.get(0), row.get(5)), (Some(entry.id.as_str()), Some(entry.text.as_str())), "{id}");
        }
    }
}

#[test]
fn exports_and_deletions_are_in_the_audit_log_without_personal_data_and_a_delete_takes_the_damaged_copies() {
    use dutygrid::call::audit::{self, AuditAction, DeleteReason};
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("dir");
    let records = dir.path().join("calls");
    let id = a_record(&records);
    // A restore kept a copy of a damaged journal beside it.
    let copy = records.join(format!("{id}.damaged-abc123"));
    std::fs::write(&copy, b"{garbage").expect("copy");
    let out = dir.path().join("Tyler-Smith-referral.md");
    let export = dutygrid_records(&records, &["record", "export", &id, "-o", out.to_str().expect("path")], "");
    assert_eq!(export.status.code(), Some(0), "{}", stderr(&export));
    let scripted = dutygrid_records(&records, &["record", "delete", &id, "--yes"], "");
    assert_eq!(scripted.status.code(), Some(2), "--yes without --reason is refused");
    assert!(stderr(&scripted).contains("--reason"), "{}", stderr(&scripted));
    let gone = dutygrid_records(&records, &["record", "delete", &id, "--reason", "entered", "--yes"], "");
    assert_eq!(gone.status.code(), Some(0), "{}", stderr(&gone));
    assert!(!copy.exists(), "the damaged copy goes with the record");
    let lines = audit::read(&records);
    let actions: Vec<&AuditAction> = lines.iter().map(|l| &l.action).collect();
    assert_eq!(
        actions,
        [
            &AuditAction::Export { format: "md".into(), to_file: true },
            &AuditAction::Delete { reason: DeleteReason::Entered }
        ]
    );
    assert!(lines.iter().all(|l| l.record == id));
    let text = std::fs::read_to_string(audit::path(&records)).expect("log");
    assert!(!text.contains("Tyler"), "the export's file name is not logged: {text}");
    let mode = std::fs::metadata(audit::path(&records)).expect("log").permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn the_audit_log_names_the_configured_handler_and_a_mark_entered() {
    use dutygrid::call::audit::{self, AuditAction};
    let dir = tempfile::tempdir().expect("dir");
    let records = dir.path().join("calls");
    let id = a_record(&records);
    let config = dir.path().join("config.ron");
    std::fs::write(&config, r#"(handler: (name: "Sam Patel", role: "Social worker", team: "Front door"))"#)
        .expect("config");
    let out = FakeHome::new()
        .command()
        .args(["record", "mark-entered", &id, "--ref", "CS-2026-4471"])
        .env("DUTYGRID_RECORDS", &records)
        .env("DUTYGRID_CONFIG", &config)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines = audit::read(&records);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!((lines[0].who.as_str(), &lines[0].action), ("Sam Patel", &AuditAction::MarkEntered));
    assert_eq!(lines[0].record, id);
    let text = std::fs::read_to_string(audit::path(&records)).expect("log");
    assert!(!text.contains("CS-2026-4471"), "the reference is on the record, not in the log: {text}");
}

#[test]
fn record_list_shows_the_children_the_level_the_alert_the_clocks_and_filters() {
    use dutygrid::call::household::{Born, ChildFact, HouseholdChange};
    use dutygrid::call::store::Store;
    use dutygrid::call::{Alert, Call, Entry, PackStamp};
    let dir = tempfile::tempdir().expect("dir");
    let records = dir.path().join("calls");
    let ended = a_record(&records);
    // An open call about a baby, with an alert, dated far ahead so its
    // clocks are never past due whenever the test runs.
    let store = Store::open(&records).expect("store");
    let at = chrono::DateTime::parse_from_rfc3339("2099-12-01T21:00:00Z").expect("time").to_utc();
    let pack = PackStamp { id: "nottingham-city".into(), title: "Threshold of Needs".into(), edition: None };
    let mut journal = store.create(&Call::new(pack, at, false)).expect("journal");
    let child = |fact| Entry::Household { change: HouseholdChange::Child { child: 1, fact }, at };
    for entry in [
        child(ChildFact::Label("Baby".into())),
        child(ChildFact::Born(Some(Born::Age(dutygrid::call::details::Age::Months(4))))),
        Entry::Tick { id: "imm-non-mobile-bruising".into(), ticked: true, at },
        Entry::Alert {
            alert: Alert {
                item: "imm-non-mobile-bruising".into(),
                trigger: None,
                raised_at: at,
                line_shown: "Emergency Duty Team".into(),
                acknowledged_at: Some(at),
            },
        },
    ] {
        journal.append(&entry).expect("entry");
    }
    let open = journal.id();
    drop(journal);
    drop(store);
    let list = |args: &[&str]| {
        let mut all = vec!["record", "list"];
        all.extend_from_slice(args);
        stdout(&dutygrid_records(&records, &all, ""))
    };
    let everything = list(&[]);
    let open_line = everything.lines().position(|l| l.starts_with(&open)).unwrap_or_else(|| panic!("{everything}"));
    let about = everything.lines().nth(open_line + 1).unwrap_or_default();
    assert!(about.contains("Baby, 4 months · up to level 4 · ALERT raised"), "{everything}");
    assert!(about.contains("Feedback due "), "its clocks: {everything}");
    assert!(everything.contains(&ended));
    let only_open = list(&["--open"]);
    assert!(only_open.contains(&open) && !only_open.contains(&ended), "{only_open}");
    let since = list(&["--since", "2026-11-30 00:00"]);
    assert!(since.contains(&open) && !since.contains(&ended), "{since}");
    // The 27 Nov call's feedback clock is long past due and not marked done.
    let overdue = list(&["--overdue"]);
    assert!(overdue.contains(&ended) && !overdue.contains(&open) && overdue.contains("OVERDUE"), "{overdue}");
    let marked = dutygrid_records(&records, &["record", "mark-entered", &ended, "--ref", "CS-1"], "");
    assert_eq!(marked.status.code(), Some(0), "{}", stderr(&marked));
    let not_entered = list(&["--not-entered"]);
    assert!(not_entered.contains(&open) && !not_entered.contains(&ended), "{not_entered}");
    let json: serde_json::Value = serde_json::from_str(&list(&["--format", "json", "--open"])).expect("json");
    assert_eq!(json[0]["children"][0], "Baby, 4 months");
    assert_eq!(json[0]["alert"], true);
    assert_eq!(json[0]["highest_level_indicated"], 4);
    let bad = dutygrid_records(&records, &["record", "list", "--since", "yesterday"], "");
    assert_eq!(bad.status.code(), Some(2), "a bad --since is a usage error");
}
