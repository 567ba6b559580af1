#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The calls screen over a night's shift of five calls written through the
//! real runner and journal (two with alerts, one left open, one entered in
//! the case system) and one from the afternoon before the shift began:
//! what the 08:30 handover reads, newest first, the shift-start filter,
//! presentation mode, and opening, resuming, exporting and marking a call
//! with keys through the shipped keymap.

mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crossterm::event::{Event, KeyEvent, KeyModifiers};
use dutygrid::app::{Screen, Session, State, update};
use dutygrid::call::audit;
use dutygrid::call::store::Store;
use dutygrid::keymap::chord::KeyChord;
use dutygrid::pack::library::Library;
use dutygrid::tui::Clock;
use dutygrid::tui::runner::Runner;
use insta::assert_snapshot;
use support::{at, journals, session, start};

const PACK: &str = "nottingham-city";
/// Saturday 5 December 2026, 08:30: the night's handover.
const HANDOVER: &str = "2026-12-05 08:30";

/// Keys pressed through the shipped keymap, each key's effects carried
/// out by the runner as the terminal loop does.
fn keys(s: &mut State, runner: &mut Runner, names: &[&str]) {
    for name in names {
        let chord: KeyChord = name.parse().expect("key name");
        let mut modifiers = KeyModifiers::NONE;
        if chord.ctrl {
            modifiers |= KeyModifiers::CONTROL;
        }
        if chord.shift {
            modifiers |= KeyModifiers::SHIFT;
        }
        let event = Event::Key(KeyEvent::new(chord.code, modifiers));
        if let Some(action) = dutygrid::tui::action_for(s, &event) {
            let effects = update(s, action);
            assert!(!runner.run(s, effects), "the runner does not quit");
        }
    }
}

fn typed(s: &mut State, runner: &mut Runner, text: &str) {
    let chars: Vec<String> = text.chars().map(|c| if c == ' ' { "space".into() } else { c.to_string() }).collect();
    keys(s, runner, &chars.iter().map(String::as_str).collect::<Vec<_>>());
}

fn runner(dir: &Path, local: &str) -> Runner {
    Runner::new(Clock::simulated(at(PACK, local)), Some(Store::open(dir).unwrap()), None, Library::load(None))
}

/// One call at `local` about `child`: a tick (the immediate-protection one
/// if `alert`), then `more` keys, ended unless `open`.
fn call(dir: &Path, local: &str, child: &str, alert: bool, more: &[&str], open: bool) {
    let mut r = runner(dir, local);
    let mut s = start(session(PACK, local), 200, 60);
    keys(&mut s, &mut r, &["C"]);
    typed(&mut s, &mut r, child);
    keys(&mut s, &mut r, &["esc"]);
    if alert {
        support::go_to_item(&mut s, "family-history-s5");
        keys(&mut s, &mut r, &["space", "a"]);
    } else {
        keys(&mut s, &mut r, &["space"]);
    }
    keys(&mut s, &mut r, more);
    if !open {
        keys(&mut s, &mut r, &["E", "E", "y"]);
    }
    assert_eq!(s.unsaved(), 0, "everything is on disk");
}

/// The night: five calls in the shift from 17:00, one before it.
fn night(dir: &Path) {
    call(dir, "2026-12-04 14:00", "Before the shift", false, &[], false);
    call(dir, "2026-12-04 17:30", "Baby", true, &[], false);
    // Typed into the case system during the call, with the grid's own key.
    call(dir, "2026-12-04 19:10", "Tyler", false, &["M", "C", "S", "-", "1", "enter"], false);
    call(dir, "2026-12-04 21:45", "Amy", true, &["u"], false);
    call(dir, "2026-12-04 23:40", "Jo", false, &[], false);
    call(dir, "2026-12-05 02:10", "Kai", false, &[], true);
}

/// The handover session with the calls screen open, its runner, and the folder.
fn handover(
    width: u16,
    height: u16,
    session_with: impl FnOnce(Session) -> Session,
) -> (State, Runner, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    night(dir.path());
    dutygrid::call::shift::start_shift(dir.path(), at(PACK, "2026-12-04 17:00")).unwrap();
    let mut r = runner(dir.path(), HANDOVER);
    let mut s = start(session_with(session(PACK, HANDOVER)), width, height);
    keys(&mut s, &mut r, &["L"]);
    (s, r, dir)
}

fn calls(s: &State) -> &dutygrid::app::screens::calls::CallsScreen {
    match s.top() {
        Some(Screen::Calls(screen)) => screen,
        other => panic!("the calls screen is not on top: {other:?}"),
    }
}

fn children(s: &State) -> Vec<String> {
    calls(s).rows().iter().map(|r| r.children.join(",")).collect()
}

#[test]
fn the_shift_reads_newest_first_from_its_start() {
    let (s, _r, _dir) = handover(200, 60, |s| s);
    assert_eq!(children(&s), ["Kai", "Jo", "Amy", "Tyler", "Baby"], "newest first, the afternoon's call left out");
    let screen = support::render(&s);
    assert!(screen.contains("Calls since 17:00 GMT (shift start) · 5 calls, newest first"), "{screen}");
    assert!(screen.contains("Sat 02:10 GMT · OPEN · Kai"), "{screen}");
    assert!(screen.contains("Fri 19:10 GMT · ended · Tyler"), "{screen}");
    assert!(screen.contains("entered CS-1"), "{screen}");
    assert_eq!(screen.matches("ALERT raised").count(), 2, "{screen}");
    assert!(screen.contains("urgency red"), "{screen}");
    // The afternoon call is before the shift's start, not in the last day.
    assert!(!screen.contains("Before the shift"), "{screen}");
    // 08:30 is more than a working day after 17:30 Friday? No: the
    // feedback clock of a Friday call is due on Monday.
    assert!(screen.contains("Feedback due Mon"), "{screen}");
}

#[test]
fn without_a_shift_start_the_list_is_the_last_24_hours() {
    let dir = tempfile::tempdir().unwrap();
    night(dir.path());
    let mut r = runner(dir.path(), HANDOVER);
    let mut s = start(session(PACK, HANDOVER), 200, 60);
    keys(&mut s, &mut r, &["L"]);
    assert_eq!(children(&s), ["Kai", "Jo", "Amy", "Tyler", "Baby", "Before the shift"]);
    assert!(support::render(&s).contains("Calls in the last 24 hours · 6 calls"));
    // "Shift starts now" takes two presses, then lists from now on.
    keys(&mut s, &mut r, &["s"]);
    assert_eq!(calls(&s).rows().len(), 6, "one press only asks");
    assert!(support::render(&s).contains("again to start the shift now"));
    keys(&mut s, &mut r, &["s"]);
    assert!(calls(&s).rows().is_empty());
    let screen = support::render(&s);
    assert!(screen.contains("Calls since 08:30 GMT (shift start) · 0 calls"), "{screen}");
    assert_eq!(dutygrid::call::shift::shift_started(dir.path()), Some(at(PACK, HANDOVER)));
}

#[test]
fn the_shift_at_80x24_and_200x60() {
    for (width, height) in [(80, 24), (200, 60)] {
        let (s, _r, _dir) = handover(width, height, |s| s);
        assert_snapshot!(format!("shift_{width}x{height}"), support::render(&s));
    }
}

#[test]
fn at_80x24_the_rows_scroll_with_the_choice_and_keep_the_number_to_ring() {
    let (mut s, mut r, _dir) = handover(80, 24, |s| s);
    keys(&mut s, &mut r, &["end"]);
    for size in [(80, 24), (60, 20), (200, 60)] {
        update(&mut s, dutygrid::app::Action::Resize { width: size.0, height: size.1 });
        let screen = support::render(&s);
        assert!(screen.contains("▶ Fri 17:30 GMT · ended · Baby"), "{size:?}: {screen}");
        assert!(screen.contains("999") && screen.contains("0115 876 4800"), "the number to ring stays: {screen}");
        // Countdowns move whole to the next line, never cut.
        assert!(screen.contains("Decision (red) OVERDUE 6 h 45 min"), "nothing cut: {size:?}: {screen}");
    }
    update(&mut s, dutygrid::app::Action::Resize { width: 60, height: 20 });
    let screen = support::render(&s);
    assert!(screen.contains("more above"), "{screen}");
    keys(&mut s, &mut r, &["home"]);
    let screen = support::render(&s);
    assert!(screen.contains("▶ Sat 02:10 GMT") && screen.contains("more below"), "{screen}");
}

#[test]
fn presentation_mode_shows_no_names_and_no_references() {
    let (mut s, mut r, _dir) = handover(200, 60, |s| Session { present: true, ..s });
    let screen = support::render(&s);
    assert_eq!(calls(&s).rows().len(), 5);
    for name in ["Kai", "Jo", "Amy", "Tyler", "Baby"] {
        assert!(!screen.contains(&format!("· {name}")), "{name} on a projector: {screen}");
    }
    assert!(!screen.contains("CS-1"), "{screen}");
    // What the room is shown instead.
    assert!(screen.contains("ended · 1 child"), "{screen}");
    assert!(screen.contains("GMT · entered  "), "entered, without its reference: {screen}");
    // Nor is a record opened there.
    keys(&mut s, &mut r, &["enter"]);
    assert!(calls(&s).viewing.is_none());
    assert!(support::render(&s).contains("not shown on a projector"));
}

#[test]
fn a_call_opens_read_only_and_an_open_one_resumes() {
    let (mut s, mut r, dir) = handover(200, 60, |s| s);
    let kai = calls(&s).rows()[0].path.clone();
    let before = std::fs::read(&kai).unwrap();
    keys(&mut s, &mut r, &["enter"]);
    let screen = support::render(&s);
    assert!(screen.contains("read-only"), "{screen}");
    assert!(screen.contains("Consultation record"), "the record's export: {screen}");
    keys(&mut s, &mut r, &["j", "j", "space", "k"]);
    assert_eq!(std::fs::read(&kai).unwrap(), before, "reading changes nothing");
    keys(&mut s, &mut r, &["r"]);
    assert!(s.top().is_none(), "back on the grid with the call");
    assert_eq!(s.call().household.children[0].label, "Kai");
    assert_eq!(s.saved_as(), kai.file_stem().and_then(|n| n.to_str()));
    // The next tick goes into Sam's journal, not a new one.
    let count = journals(dir.path()).len();
    keys(&mut s, &mut r, &["j", "space"]);
    assert_eq!(journals(dir.path()).len(), count);
    assert!(std::fs::read(&kai).unwrap().len() > before.len(), "the tick is in the resumed journal");
}

#[test]
fn a_call_in_progress_is_not_swapped_for_another() {
    let dir = tempfile::tempdir().unwrap();
    night(dir.path());
    let mut r = runner(dir.path(), HANDOVER);
    let mut s = start(session(PACK, HANDOVER), 200, 60);
    keys(&mut s, &mut r, &["space", "L"]);
    let rows = calls(&s).rows();
    assert!(rows[0].open && dutygrid::app::screens::calls::is_current(&s, &rows[0]), "this call first");
    assert!(support::render(&s).contains("OPEN · this call"));
    keys(&mut s, &mut r, &["j", "r"]);
    assert_eq!(calls(&s).rows()[1].children, ["Kai"]);
    assert!(support::render(&s).contains("The call on screen is not ended"), "{}", support::render(&s));
    assert!(s.call().household.children.is_empty(), "the call on screen stays");
    // An ended call is not resumed either.
    keys(&mut s, &mut r, &["j", "r"]);
    assert!(support::render(&s).contains("only an open call can be resumed"));
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn audit_text(dir: &Path) -> String {
    std::fs::read_to_string(audit::path(dir)).unwrap_or_default()
}

fn assert_no_names(text: &str) {
    for name in ["Kai", "Jo\"", "Amy", "Tyler", "Baby", "CS-"] {
        assert!(!text.contains(name), "{name} in {text}");
    }
}

#[test]
fn export_writes_0600_under_the_record_id_with_an_audit_line() {
    let (mut s, mut r, dir) = handover(200, 60, |s| s);
    // The night's own lines (Tyler's call was marked entered with the grid's M).
    let before = audit::read(dir.path()).len();
    keys(&mut s, &mut r, &["j", "j"]);
    let amy = calls(&s).rows()[2].clone();
    keys(&mut s, &mut r, &["x"]);
    let file = dir.path().join("exports").join(format!("{}.md", amy.id));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("Amy") && text.contains("# Consultation record"), "{text}");
    assert_eq!(mode(&file), 0o600);
    assert_eq!(mode(&dir.path().join("exports")), 0o700);
    let screen = support::render(&s);
    assert!(screen.contains(&format!("exported to {}", file.display())), "{screen}");
    let lines = audit::read(dir.path());
    assert_eq!(lines.len(), before + 1);
    let line = lines.last().unwrap();
    assert_eq!(line.record, amy.id);
    assert_eq!(line.who, "Sam Patel");
    assert_eq!(line.action, audit::AuditAction::Export { format: "md".into(), to_file: true });
    // From the record open, too.
    keys(&mut s, &mut r, &["enter", "x"]);
    assert_eq!(audit::read(dir.path()).len(), before + 2);
    assert_no_names(&audit_text(dir.path()).replace("Sam Patel", ""));
}

#[test]
fn mark_entered_asks_for_the_reference_appends_it_and_logs_it() {
    let (mut s, mut r, dir) = handover(200, 60, |s| s);
    let before = audit::read(dir.path()).len();
    keys(&mut s, &mut r, &["j"]);
    let jo = calls(&s).rows()[1].clone();
    assert!(!jo.entered());
    keys(&mut s, &mut r, &["M"]);
    assert!(support::render(&s).contains("Entered in the case system"));
    typed(&mut s, &mut r, "CS-9");
    keys(&mut s, &mut r, &["enter"]);
    let row = calls(&s).rows().iter().find(|x| x.id == jo.id).unwrap().clone();
    assert_eq!(row.case_reference.as_deref(), Some("CS-9"), "the row shows it after the reload");
    let screen = support::render(&s);
    assert!(screen.contains("marked entered: CS-9") && screen.contains("entered CS-9"), "{screen}");
    let journal = std::fs::read_to_string(&jo.path).unwrap();
    assert!(journal.contains("CS-9"), "appended to the record's journal");
    assert_eq!(mode(&jo.path), 0o600);
    let lines = audit::read(dir.path());
    assert_eq!(lines.len(), before + 1);
    let line = lines.last().unwrap();
    assert_eq!((line.record.as_str(), &line.action), (jo.id.as_str(), &audit::AuditAction::MarkEntered));
    assert_no_names(&audit_text(dir.path()).replace("Sam Patel", ""));
    assert_eq!(mode(&audit::path(dir.path())), 0o600);
}

#[test]
fn the_call_on_screen_is_marked_through_its_own_journal() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = runner(dir.path(), HANDOVER);
    let mut s = start(session(PACK, HANDOVER), 200, 60);
    keys(&mut s, &mut r, &["space", "L", "M"]);
    typed(&mut s, &mut r, "CS-4");
    keys(&mut s, &mut r, &["enter"]);
    assert_eq!(s.call().case_reference().map(|c| c.reference.as_str()), Some("CS-4"));
    assert!(support::render(&s).contains("entered CS-4"));
    assert_eq!(audit::read(dir.path()).len(), 1);
}

/// At 08:30 the worker writes the handover from the calls screen: the
/// shift's calls as `dutygrid handover` lists them, in a 0600 file named
/// by the time only, with an audit line that names no one in the calls.
#[test]
fn the_handover_is_written_from_the_calls_screen() {
    let (mut s, r, dir) = handover(80, 24, |s| s);
    let mut r = r.with_config(dutygrid::config::Config::default());
    keys(&mut s, &mut r, &["h"]);
    let exports = dir.path().join("exports");
    let written: Vec<_> = std::fs::read_dir(&exports).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(written.len(), 1, "{written:?}");
    let name = written[0].file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(name, "handover-20261205-0830.md", "named by the local time only");
    assert_eq!(mode(&written[0]), 0o600);
    let text = std::fs::read_to_string(&written[0]).unwrap();
    for child in ["Baby", "Tyler", "Amy", "Jo", "Kai"] {
        assert!(text.contains(child), "{child} is in the handover:\n{text}");
    }
    // The call before the shift start is not the shift's, but it is not
    // entered: the day team is told it is still waiting.
    let waiting = text.find("## Still waiting from before this period (1)").expect("the earlier call is listed apart");
    assert!(text.find("Before the shift").is_some_and(|at| at > waiting), "{text}");
    assert!(text.find("Baby").unwrap() < text.find("Jo").unwrap(), "alerts come first");
    let screen = support::render(&s);
    assert!(screen.contains("handover of 5 calls written to"), "{screen}");
    let lines = audit::read(dir.path());
    assert_eq!(lines.last().map(|l| l.record.as_str()), Some(audit::HANDOVER));
    assert_no_names(&audit_text(dir.path()).replace("Sam Patel", ""));
}
