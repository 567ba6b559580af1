#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The effect runner without a terminal: effects in, actions back, on a
//! temporary records folder. Resume, set aside, pack switch, the simulated
//! clock, a failed save retried, and nothing written in training.

mod support;

use std::path::{Path, PathBuf};

use dutygrid::app::{Action, Effect, Session, State, update};
use dutygrid::call::journal::replay;
use dutygrid::call::store::{EXTENSION, Store};
use dutygrid::call::{Call, Entry, PackStamp};
use dutygrid::keymap::Keymap;
use dutygrid::pack::library::Library;
use dutygrid::train::{Key, Scenario};
use dutygrid::tui::Clock;
use dutygrid::tui::runner::{Done, Runner, Seen};
use support::{OFFICE, at, journals, state};

fn runner(store: Option<Store>, retry_dir: Option<PathBuf>) -> Runner {
    Runner::new(Clock::simulated(at("nottingham-city", OFFICE)), store, retry_dir, Library::load(None))
}

fn read(path: &Path) -> Call {
    replay(std::fs::read(path).expect("journal")).expect("replays").call
}

/// Ticks the indicator under the cursor and carries out what that asks.
fn tick(s: &mut State, runner: &mut Runner) {
    let effects = update(s, Action::ToggleTick);
    assert!(effects.iter().any(|e| matches!(e, Effect::Persist(Entry::Tick { .. }))), "{effects:?}");
    assert!(!runner.run(s, effects));
}

/// A call on disk, unfinished, with one tick; its journal let go.
fn unfinished_call(dir: &Path) -> PathBuf {
    let store = Store::open(dir).expect("store");
    let started = at("nottingham-city", OFFICE);
    let call = Call::new(PackStamp { id: "nottingham-city".into(), ..PackStamp::default() }, started, false);
    let mut journal = store.create(&call).expect("journal");
    journal.append(&Entry::Tick { id: "health-u1".into(), ticked: true, at: started }).expect("tick");
    let path = dir.join(format!("{}.{EXTENSION}", journal.id()));
    drop(journal);
    path
}

#[test]
fn a_restored_call_goes_on_in_its_own_journal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = unfinished_call(dir.path());
    let mut store = Store::open(dir.path()).expect("store");
    assert_eq!(store.unfinished().claimed.len(), 1);
    let mut runner = runner(Some(store), None);
    let mut s = state("nottingham-city", OFFICE, 120, 40);
    let id = path.file_stem().expect("stem").to_string_lossy().into_owned();
    assert_eq!(runner.apply(Effect::Resume(path.clone()), &Seen::of(&s)), Done::Go(vec![Action::Saved(id.clone())]));
    let later = Entry::Tick { id: "health-u2".into(), ticked: true, at: s.now() };
    assert!(!runner.run(&mut s, vec![Effect::Persist(later)]));
    assert_eq!(journals(dir.path()), std::slice::from_ref(&path), "no new journal");
    let call = read(&path);
    assert!(call.is_ticked("health-u1") && call.is_ticked("health-u2"), "{:?}", call.events);
    assert_eq!(s.unsaved(), 0);
}

#[test]
fn a_call_set_aside_is_ended_and_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = unfinished_call(dir.path());
    let mut store = Store::open(dir.path()).expect("store");
    store.unfinished();
    let mut runner = runner(Some(store), None);
    let s = state("nottingham-city", OFFICE, 120, 40);
    assert_eq!(runner.apply(Effect::SetAside(path.clone()), &Seen::of(&s)), Done::Go(Vec::new()));
    assert_eq!(journals(dir.path()), std::slice::from_ref(&path));
    let call = read(&path);
    assert_eq!(call.ended_at, Some(s.now()));
    assert!(call.is_ticked("health-u1"), "what it held is kept");
}

#[test]
fn a_pack_switch_ends_the_call_on_disk_and_the_new_pack_starts_its_own() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut runner = runner(Some(Store::open(dir.path()).expect("store")), None);
    let mut s = state("nottingham-city", OFFICE, 120, 40);
    tick(&mut s, &mut runner);
    let first = journals(dir.path());
    assert_eq!(first.len(), 1);
    let loaded = runner.apply(Effect::LoadPack("stoke-on-trent".into()), &Seen::of(&s));
    assert!(matches!(&loaded, Done::Go(actions) if matches!(actions[..], [Action::PackLoaded(_)])), "{loaded:?}");
    // Through `run`, the update that PackLoaded causes is carried out too.
    assert!(!runner.run(&mut s, vec![Effect::LoadPack("stoke-on-trent".into())]));
    assert_eq!(s.pack().id, "stoke-on-trent");
    assert!(read(&first[0]).ended_at.is_some(), "the ended call's journal is closed with an end");
    assert_eq!(s.saved_as(), None, "the new call has no record yet");
    tick(&mut s, &mut runner);
    let both = journals(dir.path());
    assert_eq!(both.len(), 2, "{both:?}");
    let second = both.iter().find(|p| **p != first[0]).expect("new journal");
    assert_eq!(read(second).pack.id, "stoke-on-trent");
    assert!(read(&first[0]).ended_at.is_some());
    assert_eq!(s.saved_as(), second.file_stem().and_then(|s| s.to_str()));
}

#[test]
fn a_pack_that_cannot_be_opened_is_said_and_changes_nothing() {
    let mut runner = runner(None, None);
    let mut s = state("nottingham-city", OFFICE, 120, 40);
    assert!(!runner.run(&mut s, vec![Effect::LoadPack("no-such-pack".into())]));
    assert_eq!(s.pack().id, "nottingham-city");
    assert!(s.status().is_some_and(|m| m.contains("cannot open no-such-pack")), "{:?}", s.status());
}

#[test]
fn setting_the_clock_hands_back_a_tick_and_the_clock_runs_on_from_there() {
    let mut runner = runner(None, None);
    let mut s = state("nottingham-city", OFFICE, 120, 40);
    let target = at("nottingham-city", "2026-12-25 10:00");
    assert_eq!(runner.apply(Effect::SetClock(target), &Seen::of(&s)), Done::Go(vec![Action::Tick(target)]));
    let clock = runner.clock();
    assert!(clock.simulated);
    let ran = clock.now() - target;
    assert!(ran >= chrono::Duration::zero() && ran < chrono::Duration::minutes(1), "{ran}");
    assert!(!runner.run(&mut s, vec![Effect::SetClock(target)]));
    assert_eq!(s.now(), target);
}

#[test]
fn a_failed_save_says_not_saved_and_is_retried_until_the_folder_can_be_written() {
    let home = tempfile::tempdir().expect("tempdir");
    // A file where the records folder should be: it cannot be made. (A
    // read-only folder would not do: the tests may run as root.)
    let dir = home.path().join("records");
    std::fs::write(&dir, "in the way").expect("file");
    let mut runner = runner(None, Some(dir.clone()));
    let mut s = state("nottingham-city", OFFICE, 120, 40);
    tick(&mut s, &mut runner);
    assert_eq!(s.unsaved(), 1);
    assert!(s.status().is_some_and(|m| m.starts_with("NOT SAVED: 1 change(s)")), "{:?}", s.status());
    assert!(
        s.status().is_some_and(|m| m.contains("records folder: File exists")),
        "the real cause is said, not only that there is no folder: {:?}",
        s.status()
    );
    assert_eq!(s.saved_as(), None);

    std::fs::remove_file(&dir).expect("remove");
    update(&mut s, Action::MoveDown);
    tick(&mut s, &mut runner);
    assert_eq!(s.unsaved(), 0, "{:?}", s.status());
    assert!(s.status().is_none_or(|m| !m.contains("NOT SAVED")), "{:?}", s.status());
    let written = journals(&dir);
    assert_eq!(written.len(), 1);
    assert_eq!(read(&written[0]).ticked().len(), 2, "the change that waited is on disk too");
    assert_eq!(s.saved_as(), written[0].file_stem().and_then(|s| s.to_str()));
}

#[test]
fn nothing_is_written_in_training() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut runner = runner(Some(Store::open(dir.path()).expect("store")), None);
    let library = Library::load(None);
    let (pack, _) = library.open("nottingham-city").expect("pack");
    let scenario = Scenario {
        id: "test".into(),
        title: "A test call".into(),
        pack: "nottingham-city".into(),
        at: OFFICE.into(),
        vignette: vec!["A teacher rings about a pupil.".into()],
        reveals: Vec::new(),
        child_age: Some("7".into()),
        household: Default::default(),
        key: Key {
            expected: vec!["health-u1".into()],
            level: "universal".into(),
            immediate: false,
            rationale: "r".into(),
        },
    };
    let mut s = State::for_session(Session {
        simulated: true,
        training: Some(scenario),
        ..Session::new(pack, Keymap::default_keymap(), at("nottingham-city", OFFICE))
    });
    update(&mut s, Action::Close);
    tick(&mut s, &mut runner);
    let end = Entry::End { at: s.now() };
    assert!(!runner.run(&mut s, vec![Effect::Persist(end), Effect::CloseJournal]));
    let written: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").collect();
    assert!(written.is_empty(), "{written:?}");
    assert_eq!((s.unsaved(), s.saved_as()), (0, None));
}

/// A sync that tells the test it has begun, then waits for the test's word
/// (Ok, or the error to fail with) before it syncs.
struct Gate {
    begun: std::sync::mpsc::Sender<()>,
    open: std::sync::mpsc::Receiver<Option<std::io::ErrorKind>>,
}

impl dutygrid::tui::syncer::Durable for Gate {
    fn sync(&mut self, file: &std::fs::File) -> std::io::Result<()> {
        let _ = self.begun.send(());
        match self.open.recv() {
            Ok(None) => file.sync_data(),
            Ok(Some(kind)) => Err(std::io::Error::new(kind, "the disk said no")),
            Err(_) => Err(std::io::Error::other("the test went away")),
        }
    }
}

type Controls = (std::sync::mpsc::Receiver<()>, std::sync::mpsc::Sender<Option<std::io::ErrorKind>>);

fn gated(store: Store) -> (Runner, Controls) {
    let (begun, begun_rx) = std::sync::mpsc::channel();
    let (open_tx, open) = std::sync::mpsc::channel();
    (runner(Some(store), None).with_durable(Gate { begun, open }), (begun_rx, open_tx))
}

fn footer(s: &State) -> String {
    support::render(s).lines().last().unwrap_or_default().to_string()
}

#[test]
fn a_tick_is_drawn_while_its_sync_runs_and_saved_shows_only_once_it_returns() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut runner, (begun, open)) = gated(Store::open(dir.path()).expect("store"));
    let mut s = state("nottingham-city", OFFICE, 120, 40);
    // The first tick makes the journal (synced as it is made) and writes
    // the tick ahead: `run` returns with its sync still blocked.
    tick(&mut s, &mut runner);
    begun.recv().expect("the sync began");
    let written = journals(dir.path());
    assert_eq!(written.len(), 1);
    assert!(read(&written[0]).is_ticked("health-u1"), "the tick is in the file before its sync returns");
    assert_eq!((s.syncing(), s.unsaved()), (1, 0));
    let frame = support::render(&s);
    assert!(frame.contains("[x]"), "the tick is drawn at once:\n{frame}");
    assert!(footer(&s).contains("saving…") && !footer(&s).contains("saved ✓"), "{}", footer(&s));
    assert_eq!(runner.syncs_in_flight(), 1);

    open.send(None).expect("open");
    runner.wait_synced(&mut s);
    assert_eq!(s.syncing(), 0);
    let id = written[0].file_stem().and_then(|s| s.to_str()).expect("id");
    assert!(footer(&s).contains(&format!("saved ✓ {id}")), "{}", footer(&s));
}

#[test]
fn a_failed_sync_says_not_saved_and_the_change_is_written_again_at_the_next() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut runner, (begun, open)) = gated(Store::open(dir.path()).expect("store"));
    let mut s = state("nottingham-city", OFFICE, 120, 40);
    tick(&mut s, &mut runner);
    begun.recv().expect("the sync began");
    open.send(Some(std::io::ErrorKind::StorageFull)).expect("fail it");
    runner.wait_synced(&mut s);
    assert_eq!((s.unsaved(), s.syncing()), (1, 0), "the unconfirmed tick is not saved");
    assert!(s.status().is_some_and(|m| m.starts_with("NOT SAVED: 1 change(s)")), "{:?}", s.status());
    assert!(s.status().is_some_and(|m| m.contains("the disk did not confirm")), "{:?}", s.status());
    assert!(!footer(&s).contains("saved ✓"), "{}", footer(&s));

    update(&mut s, Action::MoveDown);
    tick(&mut s, &mut runner);
    begun.recv().expect("the sync began");
    open.send(None).expect("open");
    runner.wait_synced(&mut s);
    assert_eq!((s.unsaved(), s.syncing()), (0, 0), "{:?}", s.status());
    assert!(s.status().is_none_or(|m| !m.contains("NOT SAVED")), "{:?}", s.status());
    assert!(footer(&s).contains("saved ✓"), "{}", footer(&s));
    let written = journals(dir.path());
    let bytes = std::fs::read(&written[0]).expect("journal");
    let replayed = replay(&bytes).expect("replays");
    assert!(replayed.damaged.is_empty() && replayed.clean_end, "written again once, whole: {replayed:?}");
    let ticks = replayed.log.iter().filter(|e| matches!(e, Entry::Tick { .. })).count();
    assert_eq!(ticks, 2, "each tick once: {:?}", replayed.log);
}

#[test]
fn quitting_syncs_what_is_written_before_it_returns() {
    let dir = tempfile::tempdir().expect("tempdir");
    // The thread's sync never gets its word: only the quit's own sync, on
    // this thread, can confirm the tick.
    let (mut runner, (begun, _open)) = gated(Store::open(dir.path()).expect("store"));
    let mut s = state("nottingham-city", OFFICE, 120, 40);
    tick(&mut s, &mut runner);
    begun.recv().expect("the sync began");
    assert_eq!(s.syncing(), 1);
    assert!(runner.run(&mut s, vec![Effect::Quit]), "quits");
    assert_eq!(runner.report_syncing(&Seen::of(&s)), Some(Action::Syncing(0)), "nothing awaits the disk");
}

#[test]
fn with_syncs_after_frames_a_change_is_synced_only_once_asked_and_shown_saved_only_after() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (runner, (begun, open)) = gated(Store::open(dir.path()).expect("store"));
    let mut runner = runner.syncing_after_frames();
    let mut s = state("nottingham-city", OFFICE, 120, 40);
    // Two ticks before the frame (a batch of keys): both in the file, and
    // no sync asked for yet, so none runs while the frame is made.
    tick(&mut s, &mut runner);
    update(&mut s, Action::MoveDown);
    tick(&mut s, &mut runner);
    assert_eq!(runner.syncs_in_flight(), 0, "no sync before the frame");
    assert_eq!((s.syncing(), s.unsaved()), (2, 0));
    let written = journals(dir.path());
    assert_eq!(read(&written[0]).ticked().len(), 2, "both ticks are in the file before any sync");
    assert!(footer(&s).contains("saving…") && !footer(&s).contains("saved ✓"), "{}", footer(&s));

    // After the frame: one sync covers both.
    runner.ask_syncs();
    runner.ask_syncs();
    assert_eq!(runner.syncs_in_flight(), 1, "asked once, however often the loop comes round");
    begun.recv().expect("the sync began");
    assert!(!footer(&s).contains("saved ✓"), "not saved while the sync runs: {}", footer(&s));
    open.send(None).expect("open");
    runner.wait_synced(&mut s);
    assert_eq!(s.syncing(), 0);
    assert!(footer(&s).contains("saved ✓"), "{}", footer(&s));
}

/// Records each sync the sync thread does; the folder's sync fails when
/// the test says so.
struct Recording {
    calls: std::sync::Arc<std::sync::Mutex<Vec<&'static str>>>,
    dir_fails: bool,
}

impl dutygrid::tui::syncer::Durable for Recording {
    fn sync(&mut self, file: &std::fs::File) -> std::io::Result<()> {
        self.calls.lock().expect("calls").push("file");
        file.sync_data()
    }

    fn sync_dir(&mut self, dir: &Path) -> std::io::Result<()> {
        self.calls.lock().expect("calls").push("dir");
        if self.dir_fails {
            return Err(std::io::Error::new(std::io::ErrorKind::StorageFull, "the folder said no"));
        }
        dutygrid::call::store::sync_dir(dir)
    }
}

fn recording(store: Store, dir_fails: bool) -> (Runner, std::sync::Arc<std::sync::Mutex<Vec<&'static str>>>) {
    let calls = std::sync::Arc::default();
    let durable = Recording { calls: std::sync::Arc::clone(&calls), dir_fails };
    (runner(Some(store), None).with_durable(durable), calls)
}

#[test]
fn a_calls_first_change_makes_its_journal_without_a_sync_and_its_first_sync_covers_the_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut runner, calls) = recording(Store::open(dir.path()).expect("store"), false);
    let mut s = state("nottingham-city", OFFICE, 120, 40);
    tick(&mut s, &mut runner);
    // Whole in the file at once, under its name, for any reader.
    let written = journals(dir.path());
    assert!(read(&written[0]).is_ticked("health-u1"));
    runner.wait_synced(&mut s);
    assert_eq!(*calls.lock().expect("calls"), ["file", "dir"], "the new name is synced with the file");
    assert!(footer(&s).contains("saved ✓"), "{}", footer(&s));
    update(&mut s, Action::MoveDown);
    tick(&mut s, &mut runner);
    runner.wait_synced(&mut s);
    assert_eq!(*calls.lock().expect("calls"), ["file", "dir", "file"], "once the name is durable, the file alone");
}

#[test]
fn a_first_sync_whose_folder_is_not_confirmed_says_not_saved_and_the_tick_is_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut runner, _calls) = recording(Store::open(dir.path()).expect("store"), true);
    let mut s = state("nottingham-city", OFFICE, 120, 40);
    tick(&mut s, &mut runner);
    runner.wait_synced(&mut s);
    // The call's start is not counted among its changes, before or after.
    assert_eq!((s.unsaved(), s.syncing()), (1, 0));
    assert!(s.status().is_some_and(|m| m.starts_with("NOT SAVED: 1 change(s)")), "{:?}", s.status());
    assert!(!footer(&s).contains("saved ✓"), "{}", footer(&s));
    // Quitting writes it all again and syncs it here, the folder too.
    assert!(runner.run(&mut s, vec![Effect::Quit]), "quits");
    let written = journals(dir.path());
    let replayed = replay(std::fs::read(&written[0]).expect("journal")).expect("replays");
    assert!(replayed.call.is_ticked("health-u1"), "{:?}", replayed.log);
    assert!(matches!(replayed.log.first(), Some(Entry::Start { .. })), "the start is kept first: {:?}", replayed.log);
}
