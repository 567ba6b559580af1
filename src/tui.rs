//! The terminal: set-up and restore, the event loop, and the effect runner.
//! The only module that reads the clock or the keyboard.

mod apply;
mod input;
mod terminal;

use std::io::IsTerminal;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use crossterm::event::{Event, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};

use crate::app::{Action, Effect, State, update};
use crate::call::Entry;
use crate::call::store::{Journal, Store};
use crate::keymap::chord::KeyChord;
use crate::ui::{self, Theme};
pub use input::{Decoder, Input};

/// Where "now" comes from: the real clock, or a simulated start that runs on
/// in real time from the moment the app started.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    start: DateTime<Utc>,
    started: Instant,
    pub simulated: bool,
}

impl Clock {
    pub fn real() -> Clock {
        Clock { start: Utc::now(), started: Instant::now(), simulated: false }
    }

    pub fn simulated(start: DateTime<Utc>) -> Clock {
        Clock { start, started: Instant::now(), simulated: true }
    }

    pub fn now(&self) -> DateTime<Utc> {
        if self.simulated {
            self.start + chrono::Duration::from_std(self.started.elapsed()).unwrap_or_default()
        } else {
            Utc::now()
        }
    }
}

/// Restores the terminal however the loop ends: return, error or panic
/// unwinding. ratatui's own hook covers raw mode and the alternate screen;
/// mouse capture, bracketed paste and the cursor are ours.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        terminal::restore();
    }
}

/// Maps a terminal event to an action, given the context the state is in.
pub fn action_for(state: &State, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            let context = state.context();
            let bound = state.keymap.resolve(context, KeyChord::from_event(*key)).cloned();
            // In text screens an unbound key is typing, as in television.
            bound.or_else(|| context.takes_text().then_some(Action::Edit(*key)))
        }
        Event::Mouse(MouseEvent { kind, column, row, .. }) => match kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column: *column, row: *row }),
            MouseEventKind::ScrollDown => Some(Action::Scroll { down: true }),
            MouseEventKind::ScrollUp => Some(Action::Scroll { down: false }),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize { width: *width, height: *height }),
        // A paste is typing, all at once; elsewhere it must not act as keys.
        Event::Paste(text) => state.context().takes_text().then(|| Action::Paste(text.clone())),
        _ => None,
    }
}

/// Carries out the effects that touch the disk: the journal is written and
/// synced before this returns, so before the next frame is drawn. What
/// could not be written stays queued, in order, and is tried again at every
/// later save; the handler sees how many changes are not on disk until
/// there are none.
struct Saver {
    clock: Clock,
    store: Option<Store>,
    /// The records folder to try again at every save while it could not be
    /// opened (it was a file, or on a read-only disk, at start).
    retry_dir: Option<std::path::PathBuf>,
    /// The record of the call on screen.
    current: Option<Book>,
    /// Records of ended calls that still hold unsaved changes.
    behind: Vec<Book>,
    /// Why the last save failed.
    problem: String,
    library: crate::pack::library::Library,
}

/// One call's record: its journal once one could be made, and the changes
/// not yet in it.
struct Book {
    start: Entry,
    journal: Option<Journal>,
    waiting: Vec<Entry>,
    /// The id the state was last told the record is saved under.
    announced: Option<String>,
}

impl Book {
    fn save(&mut self, store: Option<&Store>) -> std::io::Result<()> {
        let journal = match &mut self.journal {
            Some(journal) => journal,
            None => {
                let store = store.ok_or_else(|| std::io::Error::other("no records folder"))?;
                self.journal.insert(store.start(self.start.clone())?)
            }
        };
        for entry in self.waiting.drain(..) {
            journal.queue(entry);
        }
        journal.flush()
    }

    fn unsaved(&self) -> usize {
        self.waiting.len() + self.journal.as_ref().map_or(0, Journal::unsaved)
    }
}

impl Saver {
    fn new(
        clock: Clock,
        store: Option<Store>,
        retry_dir: Option<std::path::PathBuf>,
        library: crate::pack::library::Library,
    ) -> Saver {
        Saver { clock, store, retry_dir, current: None, behind: Vec::new(), problem: String::new(), library }
    }

    /// Applies an update's effects; returns true to quit.
    fn run(&mut self, state: &mut State, effects: Vec<Effect>) -> bool {
        for effect in effects {
            let result = match effect {
                Effect::Quit => {
                    // One last try: quitting with changes unsaved was
                    // confirmed with their count on screen.
                    self.save_all(state);
                    return true;
                }
                Effect::Persist(entry) => {
                    self.persist(state, entry);
                    Ok(())
                }
                Effect::Resume(path) => self.resume(state, &path),
                Effect::SetAside(path) => match self.store.as_mut() {
                    Some(store) => store.set_aside(&path, state.now),
                    None => Err(std::io::Error::other("no records folder")),
                }
                .map_err(|err| std::io::Error::other(format!("that call could not be set aside: {err}"))),
                Effect::ReleaseOffers => {
                    if let Some(store) = self.store.as_mut() {
                        store.release_claims();
                    }
                    Ok(())
                }
                Effect::CloseJournal => {
                    if let Some(book) = self.current.take().filter(|b| b.unsaved() > 0) {
                        self.behind.push(book);
                    }
                    Ok(())
                }
                Effect::LoadPack(id) => match self.load_pack(&id) {
                    Ok(loaded) => {
                        // `update` decides what the switch ends and keeps.
                        let effects = update(state, Action::PackLoaded(loaded));
                        if self.run(state, effects) {
                            return true;
                        }
                        Ok(())
                    }
                    Err(message) => {
                        update(state, Action::SaveFailed(message));
                        Ok(())
                    }
                },
                Effect::SetClock(at) => {
                    self.clock = Clock::simulated(at);
                    update(state, Action::Tick(at));
                    Ok(())
                }
            };
            if let Err(err) = result {
                // Say so at once, in words, where the handler is looking.
                update(state, Action::SaveFailed(format!("NOT SAVED: {err}")));
            }
        }
        self.report(state);
        false
    }

    /// Opens a pack for a switch, with its calendar.
    fn load_pack(&self, id: &str) -> Result<crate::app::action::LoadedPack, String> {
        let (pack, source) = self.library.open(id).map_err(|err| format!("cannot open {id}: {err}"))?;
        let calendar = crate::app::contact_now::calendar_for(&pack, &self.library.calendars).cloned();
        let origin = (!source.is_builtin()).then(|| source.describe());
        Ok(crate::app::action::LoadedPack::new(pack, calendar).with_origin(origin))
    }

    fn persist(&mut self, state: &mut State, entry: Entry) {
        if state.training.is_some() {
            // Training calls are invented; nothing is written.
            return;
        }
        let book = self.current.get_or_insert_with(|| Book {
            start: state.call.start_entry(),
            journal: None,
            waiting: Vec::new(),
            announced: None,
        });
        book.waiting.push(entry);
        self.save_all(state);
    }

    /// Writes everything unsaved, oldest call first, and tells the state
    /// the record's id once it has one (or a new one). Only the call on
    /// screen is announced: an ended call's id is never shown as the
    /// current record.
    fn save_all(&mut self, state: &mut State) {
        if self.store.is_none()
            && let Some(dir) = &self.retry_dir
        {
            match Store::open(dir) {
                Ok(store) => self.store = Some(store),
                Err(err) => self.problem = format!("records folder: {err}"),
            }
        }
        let store = self.store.as_ref();
        let mut failed = None;
        for book in self.behind.iter_mut().chain(self.current.as_mut()) {
            if let Err(err) = book.save(store) {
                failed.get_or_insert(err.to_string());
            }
        }
        self.behind.retain(|b| b.unsaved() > 0);
        if let Some(problem) = failed {
            self.problem = problem;
        }
        let Some(book) = self.current.as_mut() else { return };
        if let Some(journal) = book.journal.as_mut() {
            let id = journal.id();
            let notice = journal.take_notice();
            if book.announced.as_deref() != Some(id.as_str()) {
                book.announced = Some(id.clone());
                update(state, Action::Saved(id));
            }
            if let Some(notice) = notice {
                update(state, Action::SaveFailed(notice));
            }
        }
    }

    /// Tells the state how many changes are not on disk, when that changed.
    fn report(&mut self, state: &mut State) {
        let count: usize = self.behind.iter().chain(self.current.as_ref()).map(Book::unsaved).sum();
        if count != state.unsaved || (count > 0 && state.save_problem.as_deref() != Some(self.problem.as_str())) {
            update(state, Action::Unsaved { count, problem: self.problem.clone() });
        }
    }

    /// Goes on writing to a restored call's journal, and lets go of the
    /// other unfinished calls so another dutygrid may take them.
    fn resume(&mut self, state: &mut State, path: &std::path::Path) -> std::io::Result<()> {
        let store = self.store.as_mut().ok_or_else(|| std::io::Error::other("no records folder"))?;
        let journal = store.resume(path);
        store.release_claims();
        let journal =
            journal.map_err(|err| std::io::Error::other(format!("the restored call cannot be written: {err}")))?;
        if let Some(book) = self.current.take().filter(|b| b.unsaved() > 0) {
            self.behind.push(book);
        }
        let id = journal.id();
        let announced = Some(id.clone());
        self.current =
            Some(Book { start: state.call.start_entry(), journal: Some(journal), waiting: Vec::new(), announced });
        update(state, Action::Saved(id));
        Ok(())
    }
}

/// How often the watchdog looks for a vanished terminal.
const WATCH_EVERY: Duration = Duration::from_millis(200);

/// Tells the event loop when the terminal goes away (an ssh drop, a closed
/// window) without a signal or an end of input.
fn watch_for_hangup(events: Sender<Input>) {
    std::thread::spawn(move || {
        while std::io::stdin().is_terminal() {
            std::thread::sleep(WATCH_EVERY);
        }
        let _ = events.send(Input::Gone);
    });
}

/// Runs the full-screen app until the user quits or a signal arrives.
/// `retry_dir` is the records folder when it could not be opened at start:
/// every save tries it again, so work typed meanwhile reaches the disk as
/// soon as the folder can be made.
pub fn run(
    mut state: State,
    clock: Clock,
    store: Option<Store>,
    retry_dir: Option<std::path::PathBuf>,
    library: crate::pack::library::Library,
) -> anyhow::Result<()> {
    if !std::io::stdout().is_terminal() {
        anyhow::bail!("dutygrid needs a terminal: stdout is not one");
    }
    let (events, inputs) = mpsc::channel();
    terminal::spawn(events.clone())?;
    watch_for_hangup(events.clone());
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        terminal::restore();
        previous_hook(info);
    }));

    let mut terminal = ratatui::try_init()?;
    let _restore = Restore;
    terminal::enter()?;
    input::spawn(events)?;
    let theme = Theme::from_env();
    update(&mut state, Action::Tick(clock.now()));

    let mut saver = Saver::new(clock, store, retry_dir, library);
    let mut last_second = saver.clock.now().timestamp();
    let mut dirty = true;
    loop {
        // Every resize is applied: the size is read back before each frame,
        // whichever events arrived (or were lost) since the last.
        let size = terminal.size()?;
        if (size.width, size.height) != state.size {
            update(&mut state, Action::Resize { width: size.width, height: size.height });
            dirty = true;
        }
        if dirty {
            terminal.draw(|frame| ui::draw(frame, &state, &theme))?;
            dirty = false;
        }

        let now = saver.clock.now();
        let to_next_second = Duration::from_millis(1000 - u64::from(now.timestamp_subsec_millis().min(999)));
        let first = match inputs.recv_timeout(to_next_second.min(Duration::from_millis(250))) {
            Ok(input) => Some(input),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => Some(Input::Gone),
        };
        dirty |= first.is_some();
        let flow = apply::apply_waiting(first, &inputs, &mut state, &mut saver, &mut terminal)?;
        match flow {
            apply::Flow::Go => {}
            apply::Flow::Quit => return Ok(()),
            apply::Flow::Exit(code) => {
                // Every change that could be written is on disk already;
                // one last try for any still queued (a disk that was full),
                // then the journal is closed as a normal end would.
                saver.save_all(&mut state);
                drop(saver);
                drop(terminal);
                terminal::restore();
                std::process::exit(code);
            }
        }
        let now = saver.clock.now();
        if now.timestamp() != last_second {
            last_second = now.timestamp();
            update(&mut state, Action::Tick(now));
            dirty = true;
        }
    }
}
