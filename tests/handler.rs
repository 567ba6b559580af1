#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Who handled the call and the case-system reference: the configured
//! handler recorded right after each call's start, the header's note and
//! its one key when none is set, a change mid-call as an entry of its own,
//! `record mark-entered` and `record list`, the export, and the handler's
//! name kept out of file names and stderr.

mod support;

use std::path::{Path, PathBuf};

use dutygrid::app::{Action, Screen, Session, State, update};
use dutygrid::call::handler::{CaseReference, Handled, Handler};
use dutygrid::call::journal::{encode, replay};
use dutygrid::call::store::{EXTENSION, Store};
use dutygrid::call::{Call, Entry, PackStamp};
use dutygrid::export;
use dutygrid::pack::library::Library;
use dutygrid::tui::Clock;
use dutygrid::tui::runner::Runner;
use support::{FakeHome, OFFICE, at, desk_handler, journals, press, render, session, start};

fn runner(dir: &Path) -> Runner {
    let store = Store::open(dir).expect("store");
    Runner::new(Clock::simulated(at("nottingham-city", OFFICE)), Some(store), None, Library::load(None))
}

/// Presses keys through the real keymap and carries out what they ask.
fn keys(s: &mut State, runner: &mut Runner, names: &[&str]) {
    for name in names {
        let effects = press(s, &[name]);
        assert!(!runner.run(s, effects), "the runner does not quit");
    }
}

fn send(s: &mut State, runner: &mut Runner, action: Action) {
    let effects = update(s, action);
    assert!(!runner.run(s, effects));
}

fn lines(path: &Path) -> Vec<Entry> {
    replay(std::fs::read(path).expect("journal")).expect("replays").log
}

fn handler_of(entry: &Entry) -> Option<&Handled> {
    if let Entry::Handler { handled } = entry { Some(handled) } else { None }
}

fn no_handler() -> Session {
    Session { handler: None, ..session("nottingham-city", OFFICE) }
}

#[test]
fn the_configured_handler_is_the_entry_right_after_the_start_of_every_call() {
    let records = tempfile::tempdir().expect("records");
    let mut runner = runner(records.path());
    let mut s = start(session("nottingham-city", OFFICE), 120, 40);
    keys(&mut s, &mut runner, &["space"]);
    // The second call, after ending the first through the read-back.
    keys(&mut s, &mut runner, &["E", "E", "y", "j", "space"]);
    let found = journals(records.path());
    assert_eq!(found.len(), 2, "two calls");
    for journal in &found {
        let log = lines(journal);
        assert!(matches!(log[0], Entry::Start { .. }), "{log:?}");
        let handled = handler_of(&log[1]).expect("the handler right after the start");
        assert_eq!(handled.handler, desk_handler());
        assert!(handled.at_start);
        assert_eq!(log.iter().filter_map(handler_of).count(), 1, "recorded once: {log:?}");
    }
}

#[test]
fn an_empty_call_leaves_no_file_even_with_a_handler_set() {
    let records = tempfile::tempdir().expect("records");
    let mut runner = runner(records.path());
    let mut s = start(session("nottingham-city", OFFICE), 120, 40);
    keys(&mut s, &mut runner, &["j", "k"]);
    assert!(journals(records.path()).is_empty());
    assert_eq!(s.call().handler(), Some(&desk_handler()), "the call knows who handles it");
}

#[test]
fn without_a_handler_the_header_says_so_and_one_key_sets_it_while_the_call_goes_on() {
    let records = tempfile::tempdir().expect("records");
    let mut runner = runner(records.path());
    let mut s = start(no_handler(), 120, 40);
    assert!(render(&s).contains("handler not set — W"), "{}", render(&s));
    // Never a block: the call is ticked before anyone says who they are.
    keys(&mut s, &mut runner, &["space"]);
    assert!(s.call().has_ticks());
    keys(&mut s, &mut runner, &["W"]);
    assert!(matches!(s.top(), Some(Screen::Handler(_))), "{:?}", s.top());
    send(&mut s, &mut runner, Action::Paste("Alex Kerr".into()));
    keys(&mut s, &mut runner, &["tab"]);
    send(&mut s, &mut runner, Action::Paste("Duty social worker".into()));
    keys(&mut s, &mut runner, &["tab"]);
    send(&mut s, &mut runner, Action::Paste("EDT".into()));
    keys(&mut s, &mut runner, &["enter"]);
    assert_eq!(s.top(), None, "saved and closed");
    let alex = Handler { name: "Alex Kerr".into(), role: "Duty social worker".into(), team: "EDT".into() };
    assert_eq!(s.handler(), Some(&alex));
    assert!(!render(&s).contains("handler not set"), "{}", render(&s));
    // The call was on disk already: the handler is an entry after the tick.
    let first = journals(records.path()).remove(0);
    let log = lines(&first);
    let at = log.iter().position(|e| handler_of(e).is_some()).expect("a handler entry");
    assert!(matches!(log[at - 1], Entry::Tick { .. }), "{log:?}");
    assert_eq!(handler_of(&log[at]).map(|h| (&h.handler, h.at_start)), Some((&alex, false)));
    // The next call starts with Alex.
    keys(&mut s, &mut runner, &["E", "E", "y", "space"]);
    // Both started in the same second: the names' random parts order them.
    let second = journals(records.path()).into_iter().find(|p| *p != first).expect("a second journal");
    let log = lines(&second);
    assert_eq!(handler_of(&log[1]).map(|h| (&h.handler, h.at_start)), Some((&alex, true)));
}

#[test]
fn a_name_is_needed_and_an_unset_handler_is_not_recorded() {
    let mut s = start(no_handler(), 120, 40);
    press(&mut s, &["W", "tab"]);
    update(&mut s, Action::Paste("Social worker".into()));
    let effects = press(&mut s, &["enter"]);
    assert!(effects.is_empty(), "{effects:?}");
    let Some(Screen::Handler(form)) = s.top() else { panic!("the form stays open") };
    assert!(form.problem.as_deref().is_some_and(|p| p.contains("name")), "{:?}", form.problem);
    assert!(s.call().handlers.is_empty());
}

#[test]
fn a_handler_changed_mid_call_is_kept_in_order_and_the_export_shows_the_change() {
    let records = tempfile::tempdir().expect("records");
    let mut runner = runner(records.path());
    let mut s = start(session("nottingham-city", OFFICE), 120, 40);
    keys(&mut s, &mut runner, &["space", "W", "ctrl-u"]);
    send(&mut s, &mut runner, Action::Paste("Jo Brown".into()));
    keys(&mut s, &mut runner, &["enter"]);
    let call = replay(std::fs::read(&journals(records.path())[0]).expect("journal")).expect("replays").call;
    let names: Vec<&str> = call.handlers.iter().map(|h| h.handler.name.as_str()).collect();
    assert_eq!(names, ["Sam Patel", "Jo Brown"]);
    assert_eq!(&call, s.call(), "the journal replays to the call on screen");
    let (pack, _) = Library::load(None).open("nottingham-city").expect("pack");
    let md = export::markdown(&export::record(&pack, &call, "id", None).expect("export"));
    assert!(md.contains("- Handled by: Sam Patel, Social worker, Front door\n"), "{md}");
    assert!(md.contains("- Handler changed Fri 27 Nov 2026 10:00 GMT: Jo Brown, Social worker, Front door"), "{md}");
    assert!(md.contains("- Case system: not marked entered"), "{md}");
}

#[test]
fn presentation_mode_never_opens_the_handler_form_nor_shows_the_note() {
    let mut s = start(Session { present: true, ..no_handler() }, 120, 40);
    assert!(!render(&s).contains("handler not set"));
    press(&mut s, &["W"]);
    assert_eq!(s.top(), None);
}

#[test]
fn the_case_reference_is_marked_in_the_app_and_exported_with_its_time() {
    let mut s = start(session("nottingham-city", OFFICE), 120, 40);
    press(&mut s, &["space", "M"]);
    assert!(matches!(s.top(), Some(Screen::CaseReference(_))), "{:?}", s.top());
    update(&mut s, Action::Paste("  CS-2026-4471 ".into()));
    let effects = press(&mut s, &["enter"]);
    let reference = CaseReference { reference: "CS-2026-4471".into(), at: at("nottingham-city", OFFICE) };
    assert_eq!(effects[0], dutygrid::app::Effect::Persist(Entry::CaseReference { reference }));
    assert!(
        matches!(
            &effects[1..],
            [dutygrid::app::Effect::Audit { action: dutygrid::call::audit::AuditAction::MarkEntered, .. }]
        ),
        "marking from the grid is audited as from the command line: {effects:?}"
    );
    let (pack, _) = Library::load(None).open("nottingham-city").expect("pack");
    let md = export::markdown(&export::record(&pack, s.call(), "id", None).expect("export"));
    assert!(md.contains("- Case system: entered as CS-2026-4471 (marked Fri 27 Nov 2026 10:00 GMT)"), "{md}");
    let json = export::json(&export::record(&pack, s.call(), "id", None).expect("export"));
    assert!(json.contains("\"reference\": \"CS-2026-4471\""), "{json}");
    assert!(json.contains("\"marked_at\": \"2026-11-27T10:00:00+00:00\""), "{json}");
}

#[test]
fn every_new_entry_round_trips_and_a_journal_from_before_them_still_reads() {
    let started = at("nottingham-city", OFFICE);
    let stamp = PackStamp { id: "nottingham-city".into(), ..PackStamp::default() };
    let mut call = Call::new(stamp, started, false);
    call.set_opening_handler(desk_handler(), started);
    let later = started + chrono::Duration::minutes(3);
    let alex = Handler { name: "Alex".into(), role: String::new(), team: String::new() };
    let mut entries = call.opening();
    entries.extend([
        Entry::Tick { id: "health-u1".into(), ticked: true, at: later },
        Entry::Handler { handled: Handled { handler: alex, at: later, at_start: false } },
        Entry::CaseReference { reference: CaseReference { reference: "CS-1".into(), at: later } },
        Entry::ReadBack { at: later },
        Entry::End { at: later },
    ]);
    let text: String = entries.iter().map(encode).collect();
    let replayed = replay(&text).expect("replays");
    assert_eq!(replayed.log, entries);
    assert!(replayed.damaged.is_empty());
    assert_eq!(replayed.call.handlers.len(), 2);
    assert_eq!(replayed.call.case_reference().map(|c| c.reference.as_str()), Some("CS-1"));
    assert_eq!(replayed.call.read_backs, vec![later]);
    // A journal line as written before handlers existed.
    let old = concat!(
        r#"{"kind":"start","pack":{"id":"nottingham-city","title":"T","edition":null},"app_version":"0.1.0","at":"2026-11-27T10:00:00Z","simulated":false,"format":1}"#,
        "\n",
        r#"{"kind":"tick","id":"health-u1","ticked":true,"at":"2026-11-27T10:01:00Z"}"#,
        "\n"
    );
    let replayed = replay(old).expect("an old journal replays");
    assert!(replayed.damaged.is_empty() && replayed.call.handlers.is_empty());
    assert!(replayed.call.is_ticked("health-u1"));
}

/// A record in the home's default records folder, ended, with a handler.
fn a_record(home: &FakeHome) -> (PathBuf, String) {
    let records = home.path().join(".local/state/dutygrid/calls");
    let store = Store::open(&records).expect("store");
    let started = at("nottingham-city", OFFICE);
    let mut call = Call::new(PackStamp { id: "nottingham-city".into(), ..PackStamp::default() }, started, false);
    call.set_opening_handler(desk_handler(), started);
    let mut journal = store.create(&call).expect("journal");
    journal.append(&Entry::Tick { id: "health-u1".into(), ticked: true, at: started }).expect("tick");
    journal.append(&Entry::End { at: started }).expect("end");
    let id = journal.id();
    drop(journal);
    (records, id)
}

fn run(home: &FakeHome, args: &[&str]) -> std::process::Output {
    home.command().args(args).output().expect("run dutygrid")
}

#[test]
fn mark_entered_from_the_command_line_then_record_list_and_export_show_the_reference() {
    let home = FakeHome::new();
    let (records, id) = a_record(&home);
    let listed = run(&home, &["record", "list"]);
    assert!(support::stdout(&listed).contains("not entered"), "{}", support::stdout(&listed));
    let marked = run(&home, &["record", "mark-entered", &id, "--ref", "CS-2026-4471"]);
    assert!(marked.status.success(), "{}", support::stderr(&marked));
    assert!(support::stdout(&marked).contains("CS-2026-4471"), "{}", support::stdout(&marked));
    let listed = support::stdout(&run(&home, &["record", "list"]));
    let line = listed.lines().find(|l| l.starts_with(&id)).expect("the record listed");
    assert!(line.contains("ref CS-2026-4471") && !line.contains("not entered"), "{listed}");
    let json = support::stdout(&run(&home, &["record", "list", "--format", "json"]));
    assert!(json.contains("\"case_reference\": \"CS-2026-4471\""), "{json}");
    let md = support::stdout(&run(&home, &["record", "export", &id, "--format", "md"]));
    assert!(md.contains("- Case system: entered as CS-2026-4471 (marked "), "{md}");
    // Appended to the ended record's journal, which still replays whole.
    let replayed = replay(std::fs::read(records.join(format!("{id}.{EXTENSION}"))).expect("journal")).expect("ok");
    assert!(replayed.damaged.is_empty() && replayed.call.ended_at.is_some());
    assert!(matches!(replayed.log.last(), Some(Entry::CaseReference { .. })), "{:?}", replayed.log);
}

#[test]
fn mark_entered_refuses_a_bad_id_or_an_empty_reference_clearly() {
    let home = FakeHome::new();
    let (_, id) = a_record(&home);
    let missing = run(&home, &["record", "mark-entered", "call-nope", "--ref", "CS-1"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(support::stderr(&missing).contains("no call record \"call-nope\""), "{}", support::stderr(&missing));
    let empty = run(&home, &["record", "mark-entered", &id, "--ref", "  "]);
    assert_eq!(empty.status.code(), Some(2));
    assert!(support::stderr(&empty).contains("the case-system reference is empty"), "{}", support::stderr(&empty));
    let list = support::stdout(&run(&home, &["record", "list"]));
    assert!(list.contains("not entered"), "nothing was written: {list}");
}

#[test]
fn the_handlers_name_is_never_in_a_file_name_nor_on_stderr() {
    let home = FakeHome::new();
    let (records, id) = a_record(&home);
    std::fs::create_dir_all(home.config_file().parent().expect("config folder")).expect("config folder");
    std::fs::write(home.config_file(), "(handler: (name: \"Sam Patel\", role: \"Social worker\"))").expect("config");
    let out = home.path().join("out.json");
    let out = out.to_str().expect("a path");
    let outputs = [
        run(&home, &["record", "list"]),
        run(&home, &["record", "mark-entered", &id, "--ref", "CS-9"]),
        run(&home, &["record", "export", &id, "--format", "json", "-o", out]),
        run(&home, &["record", "mark-entered", "missing", "--ref", "CS-9"]),
        run(&home, &["record", "export", "missing"]),
    ];
    for output in &outputs {
        assert!(!support::stderr(output).contains("Patel"), "{}", support::stderr(output));
    }
    let exported = std::fs::read_to_string(out).expect("the export");
    assert!(exported.contains("\"name\": \"Sam Patel\""), "the export does say who: {exported}");
    let records_dir = tempfile::tempdir().expect("records");
    let mut runner = runner(records_dir.path());
    let mut s = start(session("nottingham-city", OFFICE), 120, 40);
    keys(&mut s, &mut runner, &["space"]);
    for dir in [records.as_path(), records_dir.path()] {
        for entry in std::fs::read_dir(dir).expect("folder") {
            let name = entry.expect("entry").file_name().to_string_lossy().into_owned();
            assert!(!name.contains("Patel") && !name.contains("Sam"), "{name}");
        }
    }
}

#[test]
fn a_config_file_with_a_handler_loads_and_a_misspelt_field_is_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("config.ron");
    std::fs::write(&path, "(handler: (name: \"Sam Patel\", role: \"Social worker\", team: \"Front door\"))")
        .expect("write");
    let config = dutygrid::config::load(&path).expect("loads");
    assert_eq!(config.handler, Some(desk_handler()));
    std::fs::write(&path, "(handler: (nmae: \"Sam\"))").expect("write");
    assert!(dutygrid::config::load(&path).is_err());
}

#[test]
fn a_restored_call_goes_on_under_the_handler_at_the_desk_now() {
    let mut old = start(no_handler(), 80, 24);
    press(&mut old, &["space"]);
    let path: PathBuf = "/records/call-x.jsonl".into();
    let offer = dutygrid::app::RestoreOffer { path: path.clone(), call: old.call().clone(), problem: None };
    let mut s = start(Session { offers: vec![offer], ..session("nottingham-city", OFFICE) }, 80, 24);
    let effects = press(&mut s, &["r"]);
    let handled = Handled { handler: desk_handler(), at: at("nottingham-city", OFFICE), at_start: false };
    use dutygrid::app::Effect;
    assert_eq!(effects, vec![Effect::Resume(path), Effect::Persist(Entry::Handler { handled })]);
    assert_eq!(s.call().handler(), Some(&desk_handler()));
}

/// Marked entered from the grid's `M`, the audit log names the record the
/// call is saved under — even when the mark is the call's first change.
#[test]
fn marking_the_call_on_screen_entered_writes_an_audit_line_with_its_record_id() {
    let dir = tempfile::tempdir().expect("dir");
    let mut r = runner(dir.path());
    let mut s = start(session("nottingham-city", OFFICE), 120, 40);
    keys(&mut s, &mut r, &["M"]);
    send(&mut s, &mut r, Action::Paste("CS-77".into()));
    keys(&mut s, &mut r, &["enter"]);
    let files = journals(dir.path());
    assert_eq!(files.len(), 1);
    let id = files[0].file_stem().expect("stem").to_string_lossy().into_owned();
    let lines = dutygrid::call::audit::read(dir.path());
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0].record, id);
    assert_eq!(lines[0].action, dutygrid::call::audit::AuditAction::MarkEntered);
    let log = std::fs::read_to_string(dutygrid::call::audit::path(dir.path())).expect("log");
    assert!(!log.contains("CS-77"), "the reference is the case system's, not the log's: {log}");
}
