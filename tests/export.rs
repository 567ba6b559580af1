#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The consultation record as exported: the alarm leads the summary, times
//! are local with their zone, due times are counted on local working days,
//! the written referral is named as the document names it, simulated calls
//! say so, typed text cannot forge the Markdown, and a damaged time is a
//! clear error, never a panic.

mod support;

use std::process::{Command, Output};

use chrono::{DateTime, Utc};
use dutygrid::app::{Action, update};
use dutygrid::call::details::Decision;
use dutygrid::call::summary::summarise;
use dutygrid::call::{Alert, Call, Entry};
use dutygrid::export;
use dutygrid::pack::library::Library;
use dutygrid::pack::{Pack, Span};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use support::{OFFICE, at, render, state};

fn pack(id: &str) -> Pack {
    Library::load(None).open(id).expect("pack").0
}

fn stamp(pack: &Pack) -> dutygrid::call::PackStamp {
    dutygrid::call::PackStamp { id: pack.id.clone(), title: pack.title.clone(), edition: pack.edition.clone() }
}

/// A call on `pack` started at the local time `local`, with these ticks.
fn call_with(pack: &Pack, local: &str, ticks: &[&str]) -> Call {
    let now = at(&pack.id, local);
    let mut call = Call::new(stamp(pack), now, false);
    for id in ticks {
        call.apply(&Entry::Tick { id: (*id).to_string(), ticked: true, at: now });
    }
    call
}

fn exported(pack: &Pack, call: &Call) -> export::Record {
    let library = Library::load(None);
    let calendar = dutygrid::app::contact_now::calendar_for(pack, &library.calendars);
    export::record(pack, call, "call-test", calendar).expect("times in range")
}

fn json_of(record: &export::Record) -> serde_json::Value {
    serde_json::from_str(&export::json(record)).expect("json")
}

/// The bruised four-month-old left home alone: three immediate-list items
/// and one Early Help indicator.
const BABY: [&str; 4] = ["imm-non-mobile-bruising", "imm-home-alone", "imm-injury", "health-eh2"];

#[test]
fn immediate_referral_ticks_lead_the_export_with_the_protection_level() {
    let pack = pack("nottingham-city");
    let call = call_with(&pack, OFFICE, &BABY);
    let summary = summarise(&pack, &call);
    assert_eq!((summary.alert_items, summary.highest, summary.highest_ticked), (3, Some(3), Some(1)));
    let record = exported(&pack, &call);
    let md = export::markdown(&record);
    let lead = "**Immediate referral indicated (3 items).** Highest level indicated: 4 Specialist \\& Safeguarding";
    let lead = lead.replace("\\&", "&");
    let at = md.find(&lead).unwrap_or_else(|| panic!("no lead line:\n{md}"));
    assert!(at < md.find("| Level | Ticked |").expect("table"), "the alarm comes before the counts:\n{md}");
    assert!(!md.contains("Highest level indicated: 2"), "{md}");
    assert!(md.contains("guidance, not a decision"));
    let json = json_of(&record);
    assert_eq!(json["immediate_referral_items"], 3);
    assert_eq!(json["highest_level_indicated"], 4);
    assert_eq!(json["highest_level_ticked"], 2);
}

#[test]
fn a_stoke_level_five_indicator_indicates_level_five() {
    let pack = pack("stoke-on-trent");
    let five = pack.levels.iter().rposition(|l| l.immediate_protection).expect("a protection level");
    assert_eq!(five, 4);
    let (_, _, _, indicator) = pack
        .indicators()
        .find(|(level, _, _, i)| pack.level_index(level) == Some(five) && i.trigger.is_none())
        .expect("a level-5 indicator");
    let id = indicator.id.clone();
    let low = pack.indicators().find(|(level, ..)| pack.level_index(level) == Some(1)).expect("level 2").3.id.clone();
    let call = call_with(&pack, OFFICE, &[&id, &low]);
    let md = export::markdown(&exported(&pack, &call));
    let name = &pack.levels[4].name;
    assert!(
        md.contains(&format!("**Immediate referral indicated (1 item).** Highest level indicated: 5 {name}")),
        "{md}"
    );
}

#[test]
fn the_summary_panel_leads_with_the_alert_at_every_size() {
    for (width, height) in [(200, 60), (80, 24)] {
        let mut s = state("nottingham-city", OFFICE, width, height);
        for id in BABY {
            support::tick_item(&mut s, id);
            // Back to the grid and its summary panel, as the handler would.
            if s.call().pending_alert().is_some() {
                update(&mut s, Action::Acknowledge);
            }
            if s.top().is_some() {
                update(&mut s, Action::Close);
            }
        }
        assert!(s.screens().is_empty(), "{:?}", s.screens());
        assert!(BABY.iter().all(|id| s.call().is_ticked(id)));
        let screen = render(&s);
        let alert = screen.find("Immediate referral indicated (3 items)");
        assert!(alert.is_some(), "{width}x{height}:\n{screen}");
        assert!(screen.contains("Highest level indicated: 4 Specialist"), "{width}x{height}:\n{screen}");
        assert!(!screen.contains("Highest level indicated: 2"), "{width}x{height}:\n{screen}");
        assert!(screen.contains("professional judgement"), "{width}x{height}:\n{screen}");
        if let Some(counts) = screen.find("1 Universal Support: ").or_else(|| screen.find("level 1:")) {
            assert!(alert < Some(counts), "the alert comes before the counts at {width}x{height}:\n{screen}");
        }
    }
}

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).expect("time").with_timezone(&Utc)
}

fn due(at: &str, span: Span) -> String {
    let library = Library::load(None);
    let calendar = library.calendar("england-and-wales");
    export::due(utc(at), span, chrono_tz::Europe::London, calendar).expect("due").to_rfc3339()
}

#[test]
fn due_times_keep_the_local_time_across_both_clock_changes() {
    // Friday 15:00 BST + 1 working day: Monday 15:00 GMT, never 14:00.
    assert_eq!(due("2026-10-23T14:00:00Z", Span::WorkingDays(1)), "2026-10-26T15:00:00+00:00");
    // Friday 15:00 GMT + 1 working day: Monday 15:00 BST, never 16:00.
    assert_eq!(due("2026-03-27T15:00:00Z", Span::WorkingDays(1)), "2026-03-30T14:00:00+00:00");
    // A week is counted on the calendar too.
    assert_eq!(due("2026-10-23T14:00:00Z", Span::Weeks(1)), "2026-10-30T15:00:00+00:00");
    // Hours are hours, whatever the clocks do.
    assert_eq!(due("2026-10-24T14:00:00Z", Span::Hours(24)), "2026-10-25T14:00:00+00:00");
}

#[test]
fn due_times_skip_bank_holidays() {
    // Maundy Thursday 2026 15:00 BST: Good Friday and Easter Monday are holidays.
    assert_eq!(due("2026-04-02T14:00:00Z", Span::WorkingDays(1)), "2026-04-07T14:00:00+00:00");
    // Christmas Eve 2026: Christmas, the weekend, Boxing Day's substitute Monday.
    assert_eq!(due("2026-12-24T15:00:00Z", Span::WorkingDays(1)), "2026-12-29T15:00:00+00:00");
    assert_eq!(due("2026-12-24T15:00:00Z", Span::WorkingDays(3)), "2026-12-31T15:00:00+00:00");
}

#[test]
fn every_time_a_person_reads_is_local_with_its_zone_and_json_keeps_the_offset() {
    let pack = pack("nottingham-city");
    let mut call = call_with(&pack, "2026-07-03 09:15", &["health-u1"]);
    let later = at("nottingham-city", "2026-07-03 09:20");
    call.apply(&Entry::Tick { id: "health-u1".into(), ticked: false, at: later });
    call.decisions.push(Decision {
        level: Some("universal".into()),
        rationale: "ok".into(),
        reason: String::new(),
        at: later,
    });
    call.ended_at = Some(later);
    let record = exported(&pack, &call);
    let md = export::markdown(&record);
    assert!(md.contains("Call started: Fri 3 Jul 2026 09:15 BST · ended: Fri 3 Jul 2026 09:20 BST"), "{md}");
    assert!(md.contains("- Fri 3 Jul 2026 09:15 BST ticked health-u1"), "the tick log:\n{md}");
    assert!(md.contains("- Fri 3 Jul 2026 09:20 BST unticked health-u1"), "{md}");
    assert!(md.contains("(Fri 3 Jul 2026 09:20 BST)"), "the decision:\n{md}");
    assert!(!md.contains("08:15") && !md.contains("T08:") && !md.contains("Z "), "no UTC time:\n{md}");
    let json = json_of(&record);
    assert_eq!(json["started_at"], "2026-07-03T09:15:00+01:00");
    assert_eq!(json["tick_log"][0]["at"], "2026-07-03T09:15:00+01:00");
    assert_eq!(json["decision"]["at"], "2026-07-03T09:20:00+01:00");
}

#[test]
fn the_written_referral_is_named_as_the_document_names_it() {
    let fsp = pack("nottingham-fsp-2014");
    let call = call_with(&fsp, OFFICE, &[]);
    let md = export::markdown(&exported(&fsp, &call));
    assert!(md.contains("\n- Written referral: due by Sat 28 Nov 2026 10:00 GMT"), "{md}");
    assert!(!md.contains("MARF"), "the 2014 document never says MARF:\n{md}");
    assert!(json_of(&exported(&fsp, &call))["written_referral_form"].is_null());
    let mut named = fsp.clone();
    if let Some(r) = named.guidance.referral.as_mut() {
        r.form_name = Some("Request Form".into());
    }
    assert!(export::markdown(&exported(&named, &call)).contains("\n- Written referral (Request Form): due by "));
    for (id, name) in [
        ("nottingham-city", Some("MARF")),
        ("nottingham-city-cfd", Some("MARF")),
        ("nottingham-fsp-2018", Some("MARF")),
        ("nottingham-fsp-2014", None),
        ("stoke-on-trent", None),
    ] {
        let form = pack(id).guidance.referral.and_then(|r| r.form_name);
        assert_eq!(form.as_deref(), name, "{id}");
    }
}

#[test]
fn a_simulated_call_says_so_in_every_export() {
    let pack = pack("nottingham-city");
    let mut call = call_with(&pack, OFFICE, &["health-u1"]);
    call.simulated = true;
    let record = exported(&pack, &call);
    let md = export::markdown(&record);
    assert!(md.starts_with("# SIMULATED — Consultation record"), "{md}");
    assert!(md.contains("**SIMULATED**"), "{md}");
    assert_eq!(json_of(&record)["simulated_clock"], true);
}

// ---- Markdown structure ----

/// The export's structure as a parser sees it: headings (the title's level
/// only), table shapes, and every block or inline construct that typed text
/// must not be able to add.
fn structure(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut heading: Option<(u8, String)> = None;
    let mut rows: Vec<usize> = Vec::new();
    for event in Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level as u8, String::new())),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text)) = heading.take() {
                    out.push(if level == 1 { "h1".to_string() } else { format!("h{level}: {text}") });
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = heading.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::Start(Tag::Table(_)) => rows.clear(),
            Event::Start(Tag::TableHead | Tag::TableRow) => rows.push(0),
            Event::Start(Tag::TableCell) => {
                if let Some(last) = rows.last_mut() {
                    *last += 1;
                }
            }
            Event::End(TagEnd::Table) => out.push(format!("table {rows:?}")),
            Event::Html(_) | Event::InlineHtml(_) => out.push("HTML".into()),
            Event::Start(Tag::Link { dest_url, .. }) => out.push(format!("link {dest_url}")),
            Event::Start(Tag::Image { dest_url, .. }) => out.push(format!("image {dest_url}")),
            Event::Start(tag @ (Tag::List(_) | Tag::Item | Tag::BlockQuote(_) | Tag::CodeBlock(_))) => {
                out.push(format!("{tag:?}").chars().take(12).collect())
            }
            Event::Start(tag @ (Tag::Emphasis | Tag::Strong | Tag::Strikethrough)) => out.push(format!("{tag:?}")),
            _ => {}
        }
    }
    out
}

/// The rendered text of the first heading of a level.
fn heading_text(md: &str, wanted: u8) -> String {
    let mut inside = false;
    let mut text = String::new();
    for event in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { level, .. }) if level as u8 == wanted && text.is_empty() => inside = true,
            Event::End(TagEnd::Heading(_)) if inside => return text,
            Event::Text(t) if inside => text.push_str(&t),
            _ => {}
        }
    }
    text
}

/// The texts of the fenced blocks, as the parser reads them.
fn code_blocks(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut inside: Option<String> = None;
    for event in Parser::new_ext(md, Options::empty()) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => inside = Some(String::new()),
            Event::Text(t) => {
                if let Some(text) = inside.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => out.extend(inside.take()),
            _ => {}
        }
    }
    out
}

const FORGED_NOTE: &str = "Mum said he fell.\n## Decision (the handler's professional judgement)\n\nLevel judged: **1 FORGED**\n```\n````\n~~~\n| a | b |\n| --- | --- |\n<script>alert(1)</script>\n[ring](javascript:alert(1))\n> quoted\n- item\n1. one\n# top\n    indented\n---";

/// The same call twice: once with plain words, once with hostile ones in
/// every typed field, the pack's title, a level name and an item's text.
fn plain_and_hostile() -> [(Pack, Call); 2] {
    let base = pack("nottingham-city");
    let now = at("nottingham-city", OFFICE);
    let make = |hostile: bool| {
        let word = |plain: &str, evil: &str| if hostile { evil.to_string() } else { plain.to_string() };
        let mut pack = base.clone();
        pack.title = word("Title", "# Evil | <script>alert(1)</script> [x](javascript:alert(1)) **b** `c` ~~s~~");
        pack.levels[0].name = word("Universal", "Uni | versal | 9 <b>x</b>");
        pack.levels[1].name = word("Early Help", "1. Early\n## Help");
        if let Some(item) = pack.immediate.items.iter_mut().find(|i| i.id == "imm-home-alone") {
            item.text = word("Home alone", "[click](javascript:alert(1)) <img src=x onerror=alert(1)> *em*");
        }
        let mut call = Call::new(stamp(&pack), now, false);
        for id in ["health-u1", "health-eh2", "imm-home-alone"] {
            call.apply(&Entry::Tick { id: id.into(), ticked: true, at: now });
        }
        let odd = word("plain-id", "x](javascript:y) | `z`");
        call.apply(&Entry::Tick { id: odd, ticked: true, at: now });
        call.alerts.push(Alert {
            item: "imm-home-alone".into(),
            trigger: None,
            raised_at: now,
            line_shown: word("City MASH 0115 876 4800", "<a href=\"javascript:x\">ring</a> | [x](y)"),
            acknowledged_at: Some(now),
        });
        call.details.agency = word("Health visiting", "x | y **z** [a](javascript:b) <i>");
        call.details.consent_note = word("Not told", "line one\n## Forged heading\n- item\n> quote");
        call.notes.insert("sos-worried".into(), word("Mum said he fell.", FORGED_NOTE));
        call.notes.insert(dutygrid::call::OTHER_NOTES.into(), word("Nothing else.", "`````\nstill inside?\n`````"));
        call.decisions.push(Decision {
            level: Some("targeted".into()),
            rationale: word("First view", "<script>x</script>\n## Decision forged\n| a |"),
            reason: String::new(),
            at: now,
        });
        call.decisions.push(Decision {
            level: Some("specialist".into()),
            rationale: word("Second view", "Level judged: **1 FORGED**"),
            reason: word("new information", "`code` ~~strike~~ &amp; &#35; \\* <!-- c -->"),
            at: now,
        });
        (pack, call)
    };
    [make(false), make(true)]
}

#[test]
fn typed_and_pack_text_cannot_change_the_structure_of_the_markdown() {
    let [(plain_pack, plain_call), (evil_pack, evil_call)] = plain_and_hostile();
    let plain = export::markdown(&exported(&plain_pack, &plain_call));
    let evil = export::markdown(&exported(&evil_pack, &evil_call));
    let plain_structure = structure(&plain);
    assert_eq!(structure(&evil), plain_structure, "plain:\n{plain}\n\nhostile:\n{evil}");
    assert_eq!(plain_structure.iter().filter(|s| s.starts_with("h2: Decision")).count(), 1);
    assert!(plain_structure.iter().any(|s| s.starts_with("table [2, 2, 2, 2, 2]")), "{plain_structure:?}");
    assert!(!structure(&evil).iter().any(|s| s == "HTML" || s.starts_with("link")));
    // Escaping keeps the words: the parser reads back exactly what was typed.
    assert_eq!(heading_text(&evil, 1), format!("Consultation record — {}", evil_pack.title));
    let notes = code_blocks(&evil);
    assert!(notes.iter().any(|n| n.trim_end() == FORGED_NOTE), "{notes:?}");
    assert!(notes.iter().any(|n| n.contains("still inside?")), "{notes:?}");
}

// ---- The command line ----

fn dutygrid(records: &std::path::Path, args: &[&str]) -> Output {
    let home = records.parent().expect("parent");
    Command::new(env!("CARGO_BIN_EXE_dutygrid"))
        .args(args)
        .env("DUTYGRID_RECORDS", records)
        .env("DUTYGRID_PACKS", home.join("no-packs"))
        .env("DUTYGRID_CONFIG", home.join("no-config.ron"))
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_DATA_HOME", home.join("data"))
        .output()
        .expect("run dutygrid")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Writes a journal for `call` into `dir`; returns its id.
fn save(dir: &std::path::Path, call: &Call) -> String {
    let store = dutygrid::call::store::Store::open(dir).expect("store");
    store.create(call).expect("journal").id()
}

#[test]
fn a_record_with_an_absurd_time_is_a_clear_error_not_a_panic() {
    let home = tempfile::tempdir().expect("dir");
    let records = home.path().join("records");
    std::fs::create_dir_all(&records).expect("dir");
    let pack = pack("nottingham-city");
    let start = dutygrid::call::journal::encode(&call_with(&pack, OFFICE, &[]).start_entry());
    let mut entry: serde_json::Value = serde_json::from_str(&start).expect("start entry");
    entry["at"] = "-262143-01-01T00:00:00Z".into();
    let line = serde_json::to_string(&entry).expect("json") + "\n";
    std::fs::write(records.join("call-absurd.jsonl"), line).expect("write");
    let list = dutygrid(&records, &["record", "list"]);
    assert_eq!(list.status.code(), Some(0), "{}", text(&list.stderr));
    assert!(text(&list.stdout).contains("call-absurd"), "{}", text(&list.stdout));
    assert!(text(&list.stdout).contains("out of range"), "{}", text(&list.stdout));
    let json = dutygrid(&records, &["record", "list", "--format", "json"]);
    assert_eq!(json.status.code(), Some(0), "{}", text(&json.stderr));
    for format in ["md", "json"] {
        let out = dutygrid(&records, &["record", "export", "call-absurd", "--format", format]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        let err = text(&out.stderr);
        assert!(err.contains("call-absurd.jsonl: cannot be exported") && err.contains("out of range"), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn record_list_shows_local_start_times_and_marks_training_calls() {
    let home = tempfile::tempdir().expect("dir");
    let records = home.path().join("records");
    let pack = pack("nottingham-city");
    let real = save(&records, &call_with(&pack, "2026-07-03 09:15", &["health-u1"]));
    let mut simulated = call_with(&pack, "2026-12-04 16:47", &[]);
    simulated.simulated = true;
    let training = save(&records.join("training"), &simulated);
    let out = dutygrid(&records, &["record", "list"]);
    let listed = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let real_line = listed.lines().find(|l| l.starts_with(&real)).expect("the real call is listed");
    assert!(real_line.contains("Fri 3 Jul 2026 09:15 BST") && !real_line.contains("SIMULATED"), "{listed}");
    let training_line = listed.lines().find(|l| l.starts_with(&training)).expect("the training call is listed");
    assert!(training_line.contains("Fri 4 Dec 2026 16:47 GMT") && training_line.contains("SIMULATED"), "{listed}");
    let json = dutygrid(&records, &["record", "list", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    let real_json = list.as_array().and_then(|a| a.iter().find(|r| r["id"] == real.as_str())).expect("real");
    assert_eq!(real_json["started_at"], "2026-07-03T09:15:00+01:00");
    assert_eq!(real_json["simulated"], false);
    let export = dutygrid(&records, &["record", "export", &training]);
    assert_eq!(export.status.code(), Some(0), "{}", text(&export.stderr));
    assert!(text(&export.stdout).starts_with("# SIMULATED"), "{}", text(&export.stdout));
}

#[test]
fn an_ended_call_dialog_shows_the_local_start_time_beside_the_record_id() {
    let mut s = state("nottingham-city", "2026-07-03 09:15", 100, 30);
    update(&mut s, Action::Saved("call-20260703-081500-abcd".into()));
    support::press(&mut s, &["space", "E", "E"]);
    let screen = render(&s);
    assert!(screen.contains("call-20260703-081500-abcd · started Fri 3 Jul 2026 09:15 BST"), "{screen}");
}

/// `run --at` in a pseudo-terminal: the simulated call's journal goes to the
/// training folder, never among the real records.
#[test]
fn a_simulated_clock_call_is_saved_in_the_training_folder() {
    use expectrl::Expect;
    use expectrl::session::OsSession as Session;
    use std::time::{Duration, Instant};
    let home = tempfile::tempdir().expect("dir");
    let records = home.path().join("records");
    let mut command = Command::new(env!("CARGO_BIN_EXE_dutygrid"));
    command
        .args(["run", "--at", "2026-11-27 10:00"])
        .env("DUTYGRID_RECORDS", &records)
        .env("DUTYGRID_PACKS", home.path().join("no-packs"))
        .env("DUTYGRID_CONFIG", home.path().join("no-config.ron"))
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("TERM", "xterm-256color");
    let mut session = Session::spawn(command).expect("spawn");
    session.get_process_mut().set_window_size(100, 30).expect("size");
    let mut parser = vt100::Parser::new(30, 100, 0);
    let mut see = |session: &mut Session, wanted: &str| {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut chunk = [0u8; 8192];
        while Instant::now() < deadline && !parser.screen().contents().contains(wanted) {
            match session.try_read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => parser.process(&chunk[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => std::thread::sleep(Duration::from_millis(20)),
                Err(_) => break,
            }
        }
        assert!(
            parser.screen().contents().contains(wanted),
            "never showed {wanted:?}:\n{}",
            parser.screen().contents()
        );
    };
    see(&mut session, "SIMULATED");
    session.send(" ").expect("tick");
    see(&mut session, "level 1:1");
    session.send("q").expect("quit");
    let _ = session.send("y");
    let journals = |dir: &std::path::Path| {
        std::fs::read_dir(dir)
            .map(|d| d.filter_map(Result::ok).filter(|e| e.path().extension().is_some_and(|x| x == "jsonl")).count())
            .unwrap_or(0)
    };
    assert_eq!(journals(&records), 0, "no simulated call among the real records");
    assert_eq!(journals(&records.join("training")), 1);
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(records.join("training")).expect("training folder").permissions().mode();
    assert_eq!(mode & 0o777, 0o700);
    let kill = Command::new("kill").args(["-KILL", &session.get_process().pid().to_string()]).status();
    assert!(kill.is_ok());
    let list = dutygrid(&records, &["record", "list"]);
    assert!(text(&list.stdout).contains("SIMULATED"), "{}", text(&list.stdout));
}

#[test]
fn typed_details_reach_the_json_without_c1_controls_or_bidi_overrides() {
    let pack = pack("nottingham-city");
    let mut call = call_with(&pack, OFFICE, &[]);
    let hostile = "School\u{9b}2J \u{202e}nurse\u{200b}";
    let at = call.started_at;
    call.apply(&Entry::Detail { change: dutygrid::call::DetailChange::Agency(hostile.into()), at });
    call.apply(&Entry::Detail { change: dutygrid::call::DetailChange::ConsentNote(hostile.into()), at });
    let json = export::json(&exported(&pack, &call));
    for bad in ['\u{9b}', '\u{202e}', '\u{200b}'] {
        assert!(!json.contains(bad), "{bad:?} in {json}");
    }
    assert_eq!(json_of(&exported(&pack, &call))["details"]["agency"], "School2J nurse");
}
