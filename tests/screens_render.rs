#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Every screen, on the fixture pack (tests/fixtures/snapshot-pack.ron), at
//! 80x24 and 200x60, as characters plus the style layer (see
//! support/styled.rs); and every screen drawn at 0x0, 1x1 and 2x2. The
//! states are built as a session starts them and changed only by actions,
//! with the runner's answers (`Saved`, `SaveFailed`, `Unsaved`) sent as the
//! runner would send them.

mod support;

use dutygrid::app::{Action, RestoreOffer, Screen, Session, State, update};
use dutygrid::call::store::Store;
use dutygrid::call::{Call, Entry};
use dutygrid::pack::library::Library;
use dutygrid::train::{Key, Reveal, Scenario};
use dutygrid::tui::Clock;
use dutygrid::tui::runner::Runner;
use insta::assert_snapshot;
use support::fixture::{FIXTURE_PACK, fixture_pack, fixture_session, send, start};
use support::styled::{draw, render_styled};

/// Friday 27 November 2026, 10:00 in London: office hours.
const OFFICE: &str = "2026-11-27 10:00";
/// Saturday 28 November 2026, 02:00: out of hours.
const NIGHT: &str = "2026-11-28 02:00";
/// Friday, twelve minutes before the fixture's front door closes at 16:30.
const CLOSING: &str = "2026-11-27 16:18";
/// The id the runner saves the call under.
const ID: &str = "call-20261127-100000-4f2a";

/// Ticks the protection-level indicator that raises the alert.
fn tick_the_trigger() -> Vec<Action> {
    vec![Action::JumpLevel(4), Action::ToggleTick]
}

/// A call with one tick, saved: what the runner answers after the first
/// entry is on disk.
fn a_saved_call() -> Vec<Action> {
    vec![Action::ToggleTick, Action::Saved(ID.into())]
}

/// The call on disk that the restore screen offers back.
fn unfinished_call(now: chrono::DateTime<chrono::Utc>) -> Call {
    let (pack, _) = fixture_pack();
    let mut call = Call::new(dutygrid::app::state::stamp(&pack), now, false);
    for id in ["health-e1", "care-t1"] {
        call.apply(&Entry::Tick { id: id.into(), ticked: true, at: now });
    }
    call
}

fn training_scenario() -> Scenario {
    Scenario {
        id: "fixture-night".into(),
        title: "A night call about a baby".into(),
        pack: "fixture-area".into(),
        at: NIGHT.into(),
        vignette: vec!["A neighbour rings: a baby has been crying for hours.".into()],
        reveals: vec![Reveal {
            title: "Then they say…".into(),
            text: vec!["The baby has a bruise on her cheek.".into()],
        }],
        child_age: Some("4m".into()),
        household: Default::default(),
        key: Key {
            expected: vec!["health-p1".into(), "imm-bruising".into()],
            level: "protection".into(),
            immediate: true,
            rationale: "A baby who is not yet mobile with bruising is an immediate referral.".into(),
        },
    }
}

/// A tick and then quit, with the runner carrying out the effects and
/// handing its answers back through `update`, as the terminal loop does.
fn with_runner(local: &str, width: u16, height: u16, store: Option<Store>, retry: Option<std::path::PathBuf>) -> State {
    let session = fixture_session(local);
    let mut runner = Runner::new(Clock::simulated(session.now), store, retry, Library::load(None));
    let mut state = start(session, width, height);
    for action in [Action::ToggleTick, Action::Quit] {
        let effects = update(&mut state, action);
        assert!(!runner.run(&mut state, effects), "the runner does not quit");
        // The loop hears when the sync has returned; here, it is waited for.
        runner.wait_synced(&mut state);
    }
    state
}

/// Every screen state snapshotted, by name: how to reach it from a session.
fn build(case: &str, width: u16, height: u16) -> State {
    let live = |local: &str, actions: Vec<Action>| {
        let mut state = start(fixture_session(local), width, height);
        send(&mut state, actions);
        state
    };
    match case {
        "grid_office_hours" => live(OFFICE, vec![]),
        "grid_out_of_hours" => live(NIGHT, vec![]),
        "grid_office_closing_soon" => live(CLOSING, vec![]),
        "grid_ticks_and_cursor" => live(
            OFFICE,
            vec![Action::ToggleTick, Action::MoveRight, Action::ToggleTick, Action::NextDomain, Action::MoveRight],
        ),
        "grid_alert_acknowledged" => {
            let mut actions = tick_the_trigger();
            actions.push(Action::Acknowledge);
            live(OFFICE, actions)
        }
        // An eight-year-old: "Attendance falling" (aged 5 to 16) is marked ».
        "grid_age_marks" => {
            live(OFFICE, vec![Action::OpenHousehold, Action::MoveDown, Action::Paste("8".into()), Action::Close])
        }
        "banner_office_hours" => live(OFFICE, tick_the_trigger()),
        "banner_out_of_hours" => live(NIGHT, tick_the_trigger()),
        "immediate" => live(OFFICE, vec![Action::OpenImmediate, Action::MoveDown]),
        "help" => live(OFFICE, vec![Action::OpenHelp]),
        // The quit questions come from the real runner's answers: a tick
        // written to a records folder, or to one that cannot be made.
        "confirm_quit_saved" => {
            let records = tempfile::tempdir().expect("records folder");
            let store = Store::open(records.path()).expect("store");
            let mut state = with_runner(OFFICE, width, height, Some(store), None);
            let journals = std::fs::read_dir(records.path()).expect("records").count();
            assert!(journals > 0, "the tick is on disk");
            // The journal's name ends in a random part: the snapshot shows a fixed one.
            update(&mut state, Action::Saved(ID.into()));
            state
        }
        "confirm_quit_not_saved" => {
            let blocked = tempfile::NamedTempFile::new().expect("a file");
            with_runner(OFFICE, width, height, None, Some(blocked.path().join("records")))
        }
        // Ending opens the read-back; ending from there asks.
        "confirm_end_call" => {
            let mut actions = a_saved_call();
            actions.extend([Action::EndCall, Action::EndCall]);
            live(OFFICE, actions)
        }
        "confirm_switch_pack" => {
            let mut actions = a_saved_call();
            actions.extend([Action::OpenPacks, Action::MoveDown, Action::Confirm]);
            live(OFFICE, actions)
        }
        "packs" => live(OFFICE, vec![Action::OpenPacks]),
        // The questions to ask first: where the child is, with whom, safe now.
        "details" => live(
            OFFICE,
            vec![
                Action::OpenDetails,
                Action::Paste("at home".into()),
                Action::MoveDown,
                Action::Paste("nobody: mum is out".into()),
                Action::MoveDown,
                Action::MoveRight,
                Action::MoveRight,
            ],
        ),
        "notes" => live(NIGHT, vec![Action::OpenNotes, Action::Paste("Baby crying for hours.".into())]),
        "decision_refused" => {
            live(OFFICE, vec![Action::OpenDecision, Action::MoveRight, Action::MoveRight, Action::Confirm])
        }
        "restore" => {
            let session = fixture_session(OFFICE);
            let earlier = session.now - chrono::Duration::hours(3);
            let offer = RestoreOffer {
                path: "call-20261127-070000-9c1d.jsonl".into(),
                call: unfinished_call(earlier),
                problem: Some("line 9: the line was cut off (the app stopped while writing it)".into()),
            };
            start(Session { offers: vec![offer], ..session }, width, height)
        }
        "search" => live(OFFICE, vec![Action::OpenSearch, Action::Paste("bruis".into()), Action::MoveDown]),
        "guide" => live(NIGHT, vec![Action::OpenGuide, Action::NextRow]),
        "scenario" | "key" => {
            let mut session = fixture_session(NIGHT);
            session.simulated = true;
            session.training = Some(training_scenario());
            let mut state = start(session, width, height);
            send(&mut state, [Action::NextReveal]);
            if case == "key" {
                send(&mut state, [Action::Close, Action::JumpLevel(4), Action::ToggleTick, Action::Acknowledge]);
                send(&mut state, [Action::RevealKey]);
            }
            state
        }
        // Advice withdrawn with its reason, a signpost to the EDT standing,
        // the cursor on a choice to add.
        "outcome" => live(
            OFFICE,
            vec![
                Action::OpenOutcome,
                Action::Confirm,
                Action::Paste("Talked through consent".into()),
                Action::Confirm,
                Action::MoveDown,
                Action::MoveDown,
                Action::Confirm,
                Action::MoveRight,
                Action::MoveDown,
                Action::Paste("Gave the EDT number for tonight".into()),
                Action::Confirm,
                Action::First,
                Action::WithdrawOutcome,
                Action::Paste("Advice was the day team's".into()),
                Action::Confirm,
                Action::MoveDown,
                Action::MoveDown,
            ],
        ),
        "outcome_signpost" => live(
            NIGHT,
            vec![
                Action::OpenOutcome,
                Action::MoveDown,
                Action::Confirm,
                Action::MoveRight,
                Action::MoveDown,
                Action::Paste("Ring tonight if he comes back".into()),
            ],
        ),
        // Red set, then the written referral marked received.
        "clocks" => live(
            OFFICE,
            vec![Action::ToggleTick, Action::SetUrgency, Action::OpenClocks, Action::MoveDown, Action::MarkClockDone],
        ),
        "grid_handler_not_set" => start(Session { handler: None, ..fixture_session(OFFICE) }, width, height),
        "handler_form" => {
            let mut state = start(Session { handler: None, ..fixture_session(OFFICE) }, width, height);
            send(&mut state, [Action::SetHandler, Action::Paste("Sam Patel".into()), Action::MoveDown]);
            send(&mut state, [Action::Paste("Social worker".into())]);
            state
        }
        "case_reference" => live(OFFICE, vec![Action::MarkEntered, Action::Paste("CS-2026-4471".into())]),
        "readback" => {
            let mut actions = tick_the_trigger();
            actions.extend([Action::Acknowledge, Action::OpenDetails]);
            let mut state = live(OFFICE, actions);
            support::details_field(&mut state, dutygrid::app::record::Field::Caller);
            send(&mut state, [Action::MoveRight]);
            support::details_field(&mut state, dutygrid::app::record::Field::Agency);
            send(&mut state, [Action::Paste("Health visiting".into()), Action::Close, Action::EndCall]);
            state
        }
        "details_two_children" => live(
            OFFICE,
            vec![
                Action::OpenHousehold,
                Action::Paste("Baby".into()),
                Action::MoveDown,
                Action::Paste("4m".into()),
                Action::MoveDown,
                Action::MoveRight,
                Action::MoveRight,
                Action::AddChild,
                Action::Paste("Tyler".into()),
                Action::MoveDown,
                Action::Paste("6".into()),
            ],
        ),
        "assign" | "grid_child_labels" => {
            let mut session = fixture_session(OFFICE);
            session.simulated = true;
            let mut scenario = training_scenario();
            scenario.household = two_children();
            session.training = Some(scenario);
            let mut state = start(session, width, height);
            // Missed health appointments: Baby; Attendance falling: Tyler.
            send(&mut state, [Action::Close, Action::JumpLevel(2), Action::AssignTick, Action::MoveDown]);
            send(&mut state, [Action::ToggleTick]);
            if case == "grid_child_labels" {
                send(&mut state, [Action::Confirm, Action::NextRow, Action::AssignTick, Action::MoveDown]);
                send(&mut state, [Action::MoveDown, Action::ToggleTick, Action::Confirm, Action::PrevRow]);
            }
            state
        }
        // The call on screen, written through the runner, in the list.
        "calls" => {
            let records = tempfile::tempdir().expect("records folder");
            let store = Store::open(records.path()).expect("store");
            let session = fixture_session(OFFICE);
            // The runner opens the record's pack by id: the fixture's, from a packs folder.
            let packs = tempfile::tempdir().expect("packs folder");
            std::fs::copy(FIXTURE_PACK, packs.path().join("fixture-area.ron")).expect("copy the fixture");
            let library = Library::load(Some(packs.path()));
            let mut runner = Runner::new(Clock::simulated(session.now), Some(store), None, library);
            let mut state = start(session, width, height);
            for action in [Action::ToggleTick, Action::SetUrgency, Action::OpenCalls] {
                let effects = update(&mut state, action);
                assert!(!runner.run(&mut state, effects), "the runner does not quit");
                runner.wait_synced(&mut state);
            }
            state
        }
        // Indicators, guidance and numbers in one list.
        "search_mixed" => {
            live(OFFICE, vec![Action::OpenSearch, Action::Paste("child".into()), Action::MoveDown, Action::MoveDown])
        }
        other => panic!("no case {other}"),
    }
}

fn two_children() -> dutygrid::train::ScenarioHousehold {
    let child = |label: &str, age: &str, mobile| dutygrid::train::ScenarioChild {
        label: label.into(),
        age: Some(age.into()),
        mobile,
        ..Default::default()
    };
    dutygrid::train::ScenarioHousehold {
        children: vec![child("Baby", "4m", Some(false)), child("Tyler", "6", None)],
        adults: vec![],
    }
}

/// The cases, each with the screen it leaves on top (None: the grid).
const CASES: &[(&str, Option<&str>)] = &[
    ("grid_office_hours", None),
    ("grid_out_of_hours", None),
    ("grid_office_closing_soon", None),
    ("grid_ticks_and_cursor", None),
    ("grid_alert_acknowledged", None),
    ("grid_age_marks", None),
    ("banner_office_hours", None),
    ("banner_out_of_hours", None),
    ("immediate", Some("immediate")),
    ("help", Some("help")),
    ("confirm_quit_saved", Some("confirm")),
    ("confirm_quit_not_saved", Some("confirm")),
    ("confirm_end_call", Some("confirm")),
    ("confirm_switch_pack", Some("confirm")),
    ("packs", Some("packs")),
    ("details", Some("details")),
    ("notes", Some("notes")),
    ("decision_refused", Some("decision")),
    ("restore", Some("restore")),
    ("search", Some("search")),
    ("guide", Some("guide")),
    ("scenario", Some("scenario")),
    ("key", Some("key")),
    ("outcome", Some("outcome")),
    ("outcome_signpost", Some("outcome")),
    ("clocks", Some("clocks")),
    ("grid_handler_not_set", None),
    ("handler_form", Some("handler")),
    ("case_reference", Some("case_reference")),
    ("readback", Some("readback")),
    ("details_two_children", Some("details")),
    ("assign", Some("assign")),
    ("grid_child_labels", None),
    ("calls", Some("calls")),
    ("search_mixed", Some("search")),
];

/// A screen's kind. Exhaustive: a new screen does not compile here until
/// it is named, and then `every_screen_has_a_case` asks for its case.
fn kind(screen: &Screen) -> &'static str {
    match screen {
        Screen::Immediate { .. } => "immediate",
        Screen::Help { .. } => "help",
        Screen::Confirm(_) => "confirm",
        Screen::Details(_) => "details",
        Screen::Notes(_) => "notes",
        Screen::Decision(_) => "decision",
        Screen::Restore(_) => "restore",
        Screen::Search(_) => "search",
        Screen::Guide(_) => "guide",
        Screen::Packs { .. } => "packs",
        Screen::Scenario { .. } => "scenario",
        Screen::Key { .. } => "key",
        Screen::Outcome(_) => "outcome",
        Screen::Clocks { .. } => "clocks",
        Screen::Handler(_) => "handler",
        Screen::CaseReference(_) => "case_reference",
        Screen::Readback(_) => "readback",
        Screen::Assign(_) => "assign",
        Screen::Calls(_) => "calls",
    }
}

const KINDS: &[&str] = &[
    "immediate",
    "help",
    "confirm",
    "details",
    "notes",
    "decision",
    "restore",
    "search",
    "guide",
    "packs",
    "scenario",
    "key",
    "outcome",
    "clocks",
    "handler",
    "case_reference",
    "readback",
    "assign",
    "calls",
];

fn snapshot(case: &str) {
    for (width, height) in [(80, 24), (200, 60)] {
        let mut state = build(case, width, height);
        let mut screen = render_styled(&mut state, width, height);
        // A record written by the runner ends in a random part: the
        // snapshot shows a fixed one (of the same width).
        if let Some(id) = state.saved_as().filter(|id| *id != ID && id.len() == ID.len()) {
            screen = screen.replace(id, ID);
        }
        assert_snapshot!(format!("{case}_{width}x{height}"), screen);
    }
}

macro_rules! snapshots {
    ($($case:ident),* $(,)?) => {
        $(
            #[test]
            fn $case() {
                snapshot(stringify!($case));
            }
        )*

        #[test]
        fn every_case_is_snapshotted() {
            let snapshotted = [$(stringify!($case)),*];
            let cases: Vec<&str> = CASES.iter().map(|(c, _)| *c).collect();
            assert_eq!(snapshotted.to_vec(), cases);
        }
    };
}

snapshots!(
    grid_office_hours,
    grid_out_of_hours,
    grid_office_closing_soon,
    grid_ticks_and_cursor,
    grid_alert_acknowledged,
    grid_age_marks,
    banner_office_hours,
    banner_out_of_hours,
    immediate,
    help,
    confirm_quit_saved,
    confirm_quit_not_saved,
    confirm_end_call,
    confirm_switch_pack,
    packs,
    details,
    notes,
    decision_refused,
    restore,
    search,
    guide,
    scenario,
    key,
    outcome,
    outcome_signpost,
    clocks,
    grid_handler_not_set,
    handler_form,
    case_reference,
    readback,
    details_two_children,
    assign,
    grid_child_labels,
    calls,
    search_mixed,
);

#[test]
fn every_screen_has_a_case_and_each_case_reaches_its_screen() {
    for (case, expected) in CASES {
        let state = build(case, 80, 24);
        assert_eq!(state.top().map(kind), *expected, "{case}");
    }
    for screen in KINDS {
        assert!(CASES.iter().any(|(_, top)| *top == Some(*screen)), "no case shows the {screen} screen");
    }
}

#[test]
fn every_screen_draws_at_0x0_1x1_and_2x2() {
    for (case, _) in CASES {
        for (width, height) in [(0, 0), (1, 1), (2, 2)] {
            let mut state = build(case, 80, 24);
            let buffer = draw(&mut state, width, height, &dutygrid::ui::Theme::colour());
            assert_eq!((buffer.area.width, buffer.area.height), (width, height), "{case} at {width}x{height}");
            // Built at the tiny size too, not only shrunk to it.
            let mut state = build(case, width, height);
            draw(&mut state, width, height, &dutygrid::ui::Theme::colour());
        }
    }
}

#[test]
fn the_banner_and_the_alert_mark_are_drawn_in_the_alert_styles() {
    let mut state = build("banner_out_of_hours", 80, 24);
    let screen = render_styled(&mut state, 80, 24);
    let styles = screen.split("--- styles").nth(1).expect("a style layer");
    assert!(styles.contains("emergency=alert"), "{screen}");
    let mut state = build("grid_alert_acknowledged", 80, 24);
    let screen = render_styled(&mut state, 80, 24);
    let styles = screen.split("--- styles").nth(1).expect("a style layer");
    assert!(styles.contains("alert_mark"), "{screen}");
}

#[test]
fn the_fixture_pack_passes_pack_check() {
    let home = support::FakeHome::new();
    let output = home.command().args(["pack", "check", FIXTURE_PACK]).output().expect("run dutygrid");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("ok: fixture-area") && !stderr.contains("warning"), "{stdout}{stderr}");
}
