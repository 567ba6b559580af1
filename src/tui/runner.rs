//! The effect runner: carries out what `update` asks of the world (the
//! journal, the records folder, the pack library, the clock) and hands back
//! what came of it as actions (`Saved`, `SaveFailed`, `Unsaved`,
//! `PackLoaded`, `Tick`). No terminal, so a test drives it with a temporary
//! records folder.
//!
//! The journal is written before [`Runner::run`] returns, so before the
//! next frame is drawn (a killed process loses nothing on screen); the sync
//! that makes it survive a power cut runs on the [`Syncer`]'s thread, and
//! the state hears how many changes await it (`Syncing`) — "saved ✓" only
//! once it has returned. What could not be written stays queued, in order,
//! and is tried again at every later save; the handler sees how many
//! changes are not on disk until there are none.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::syncer::{Durable, Request, Synced, Syncer};
use super::{Clock, calls};
use crate::app::action::LoadedPack;
use crate::app::{Action, Effect, State, update};
use crate::call::Entry;
use crate::call::store::{Journal, Store};
use crate::pack::library::Library;

/// What the runner needs to know of the state, read in this one place.
#[derive(Debug, Clone)]
pub struct Seen {
    /// A training call is invented: nothing of it is written.
    pub training: bool,
    /// The entries a new journal for the call on screen begins with.
    pub start: Vec<Entry>,
    pub now: DateTime<Utc>,
    /// What the state was last told is not on disk, and why.
    pub unsaved: usize,
    pub save_problem: Option<String>,
    /// What the state was last told awaits the disk's confirmation.
    pub syncing: usize,
}

impl Seen {
    pub fn of(state: &State) -> Seen {
        Seen {
            training: state.training().is_some(),
            start: state.call().opening(),
            now: state.now(),
            unsaved: state.unsaved(),
            save_problem: state.save_problem().map(str::to_string),
            syncing: state.syncing(),
        }
    }
}

/// What carrying out one effect came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Done {
    /// These actions, for `update`, in order.
    Go(Vec<Action>),
    /// Quit: everything that could be written is on disk.
    Quit,
}

pub struct Runner {
    clock: Clock,
    store: Option<Store>,
    /// The records folder to try again at every save while it could not be
    /// opened (it was a file, or on a read-only disk, at start).
    retry_dir: Option<PathBuf>,
    /// The record of the call on screen.
    current: Option<Book>,
    /// Records of ended calls that still hold unsaved changes.
    behind: Vec<Book>,
    /// Why the last save failed.
    problem: String,
    library: Library,
    syncer: Syncer,
    /// The serial the next book gets, so a sync's result finds its book.
    next_book: u64,
    /// The settings a handover is written with (its time, the desk's pack).
    config: crate::config::Config,
    /// Syncs are asked for by [`Runner::ask_syncs`], after the frame, not
    /// as each change is written.
    syncs_after_frames: bool,
}

/// One call's record: its journal once one could be made, and the changes
/// not yet in it.
struct Book {
    serial: u64,
    start: Vec<Entry>,
    journal: Option<Journal>,
    waiting: Vec<Entry>,
    /// The id the state was last told the record is saved under.
    announced: Option<String>,
    /// The last sync asked for, so it is asked for once.
    asked: Option<crate::call::store::SyncStamp>,
}

impl Book {
    fn save(&mut self, store: Option<&Store>) -> std::io::Result<()> {
        let journal = match &mut self.journal {
            Some(journal) => journal,
            None => {
                let store = store.ok_or_else(|| std::io::Error::other("no records folder"))?;
                // Made durable by its first sync, off the key path.
                self.journal.insert(store.start_unsynced(self.start.clone())?)
            }
        };
        for entry in self.waiting.drain(..) {
            journal.queue(entry);
        }
        journal.flush_ahead()
    }

    fn unsaved(&self) -> usize {
        self.waiting.len() + self.journal.as_ref().map_or(0, Journal::unsaved)
    }

    fn unsynced(&self) -> usize {
        self.journal.as_ref().map_or(0, Journal::unsynced)
    }

    /// Still to keep: changes not in the file, or not yet confirmed.
    fn open(&self) -> bool {
        self.unsaved() > 0 || self.unsynced() > 0
    }

    /// Asks for a sync of what is written and not yet asked for.
    fn ask_sync(&mut self, syncer: &mut Syncer) {
        let Some(journal) = &self.journal else { return };
        let Some(stamp) = journal.sync_stamp().filter(|s| self.asked != Some(*s)) else { return };
        match journal.sync_handle() {
            Ok(file) => {
                self.asked = Some(stamp);
                let dir = journal.dir_to_sync().map(std::path::Path::to_path_buf);
                syncer.send(Request { book: self.serial, stamp, file, dir });
            }
            // No second handle (out of descriptors): synced here instead.
            Err(_) => {
                if let Some(journal) = self.journal.as_mut() {
                    let _ = journal.sync_now();
                }
            }
        }
    }
}

impl Runner {
    /// `retry_dir` is the records folder when it could not be opened at
    /// start: every save tries it again, so work typed meanwhile reaches
    /// the disk as soon as the folder can be made.
    pub fn new(clock: Clock, store: Option<Store>, retry_dir: Option<PathBuf>, library: Library) -> Runner {
        Runner {
            clock,
            store,
            retry_dir,
            current: None,
            behind: Vec::new(),
            problem: String::new(),
            library,
            syncer: Syncer::default(),
            next_book: 0,
            config: crate::config::Config::default(),
            syncs_after_frames: false,
        }
    }

    /// Syncs with `durable` instead of `fdatasync` (tests: one that waits).
    pub fn with_durable(mut self, durable: impl Durable) -> Runner {
        self.syncer = Syncer::new(durable);
        self
    }

    /// Called from the sync thread when results are waiting, so the event
    /// loop wakes and takes them ([`Runner::take_synced`]).
    /// The settings a handover from the calls screen is written with.
    pub fn with_config(mut self, config: crate::config::Config) -> Runner {
        self.config = config;
        self
    }

    /// Leaves asking for syncs to [`Runner::ask_syncs`], which the event
    /// loop calls once the frame showing the change is written: the sync
    /// thread's `fdatasync` then no longer runs while that frame is made
    /// (on a two-core desk laptop it did), and a batch of keys is one sync.
    /// Nothing is shown as saved until its sync has returned, as before.
    pub fn syncing_after_frames(mut self) -> Runner {
        self.syncs_after_frames = true;
        self
    }

    /// Asks for a sync of every journal with changes written and not yet
    /// asked for.
    pub fn ask_syncs(&mut self) {
        for book in self.behind.iter_mut().chain(self.current.as_mut()) {
            book.ask_sync(&mut self.syncer);
        }
    }

    pub fn on_synced(mut self, wake: impl Fn() + Send + 'static) -> Runner {
        self.syncer.wake_with(wake);
        self
    }

    /// Syncs asked for and not yet answered.
    pub fn syncs_in_flight(&self) -> usize {
        self.syncer.in_flight()
    }

    /// Takes the syncs' results that have come, and tells the state.
    pub fn take_synced(&mut self, state: &mut State) {
        let done = self.syncer.take();
        self.absorb(done);
        let _ = self.run(state, Vec::new());
    }

    /// Waits for every sync asked for, and tells the state.
    pub fn wait_synced(&mut self, state: &mut State) {
        let done = self.syncer.wait();
        self.absorb(done);
        let _ = self.run(state, Vec::new());
    }

    fn absorb(&mut self, done: Vec<Synced>) {
        for synced in done {
            let book = self.behind.iter_mut().chain(self.current.as_mut()).find(|b| b.serial == synced.book);
            let Some(journal) = book.and_then(|b| b.journal.as_mut()) else { continue };
            if let Err(err) = journal.synced(synced.stamp, synced.result) {
                self.problem = err.to_string();
            }
        }
        self.behind.retain(Book::open);
    }

    /// Writes what is queued and syncs every journal here and now: before
    /// quitting or ending on a signal, everything that could be written is
    /// durable.
    pub fn finish(&mut self) {
        self.save_all();
        for book in self.behind.iter_mut().chain(self.current.as_mut()) {
            if let Some(journal) = book.journal.as_mut() {
                let _ = journal.sync_now();
            }
        }
    }

    /// The clock, as the last `SetClock` left it.
    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// Carries out an update's effects and all they lead to: every action
    /// handed back goes through `update`, and the effects of that update
    /// are carried out next, before the rest. Returns true to quit.
    pub fn run(&mut self, state: &mut State, effects: Vec<Effect>) -> bool {
        let mut queue = VecDeque::from(effects);
        loop {
            while let Some(effect) = queue.pop_front() {
                let actions = match self.apply(effect, &Seen::of(state)) {
                    Done::Quit => return true,
                    Done::Go(actions) => actions,
                };
                let mut caused = Vec::new();
                for action in actions {
                    caused.extend(update(state, action));
                }
                for effect in caused.into_iter().rev() {
                    queue.push_front(effect);
                }
            }
            let seen = Seen::of(state);
            match self.report(&seen).or_else(|| self.report_syncing(&seen)) {
                Some(action) => queue.extend(update(state, action)),
                None => return false,
            }
        }
    }

    /// Carries out one effect and says what came of it.
    pub fn apply(&mut self, effect: Effect, seen: &Seen) -> Done {
        let result = match effect {
            Effect::Quit => {
                // One last try: quitting with changes unsaved was
                // confirmed with their count on screen.
                self.finish();
                return Done::Quit;
            }
            Effect::Persist(entry) => return Done::Go(self.persist(seen, entry)),
            Effect::Resume(path) => self.resume(seen, &path),
            Effect::SetAside(path) => match self.store.as_mut() {
                Some(store) => store.set_aside(&path, seen.now),
                None => Err(std::io::Error::other("no records folder")),
            }
            .map(|()| Vec::new())
            .map_err(|err| std::io::Error::other(format!("that call could not be set aside: {err}"))),
            Effect::ReleaseOffers => {
                if let Some(store) = self.store.as_mut() {
                    store.release_claims();
                }
                Ok(Vec::new())
            }
            Effect::CloseJournal => {
                if let Some(book) = self.current.take().filter(Book::open) {
                    self.behind.push(book);
                }
                Ok(Vec::new())
            }
            // `update` decides what the switch ends and keeps.
            Effect::LoadPack(id) => Ok(vec![match self.load_pack(&id) {
                Ok(loaded) => Action::PackLoaded(loaded),
                Err(message) => Action::SaveFailed(message),
            }]),
            Effect::SetClock(at) => {
                self.clock = Clock::simulated(at);
                Ok(vec![Action::Tick(at)])
            }
            Effect::LoadCalls => Ok(vec![calls::load(&self.library, self.store.as_ref(), seen.now)]),
            Effect::StartShift => Ok(calls::start_shift(&self.library, self.store.as_ref(), seen.now)),
            Effect::OpenRecord(path) => Ok(vec![calls::open(&self.library, &path)]),
            Effect::WriteHandover { who } => Ok(calls::handover(
                &self.library,
                self.store.as_ref(),
                &self.config,
                who,
                self.clock.simulated,
                seen.now,
            )),
            Effect::ExportRecord { path, who } => {
                Ok(calls::export(&self.library, self.store.as_ref(), &path, who, seen.now))
            }
            Effect::MarkRecordEntered { path, reference, who } => {
                Ok(calls::mark_entered(&self.library, self.store.as_mut(), &path, reference, who, seen.now))
            }
            Effect::ResumeRecord(path) => Ok(self.resume_listed(seen, &path)),
            Effect::Audit { record, who, action } => {
                // No id: the call on screen, whose journal the entry before made.
                let current = || self.current.as_ref().and_then(|b| b.journal.as_ref()).map(Journal::id);
                let record = if record.is_empty() { current().unwrap_or_default() } else { record };
                Ok(calls::audited(self.store.as_ref(), record, who, action, seen.now))
            }
        };
        // A failure is said at once, in words, where the handler is looking.
        Done::Go(result.unwrap_or_else(|err| vec![Action::SaveFailed(format!("NOT SAVED: {err}"))]))
    }

    /// Opens a pack for a switch, with its calendar.
    fn load_pack(&self, id: &str) -> Result<LoadedPack, String> {
        let (pack, source) = self.library.open(id).map_err(|err| format!("cannot open {id}: {err}"))?;
        let calendar = crate::app::contact_now::calendar_for(&pack, &self.library.calendars).cloned();
        let origin = (!source.is_builtin()).then(|| source.describe());
        Ok(LoadedPack::new(pack, calendar).with_origin(origin))
    }

    fn persist(&mut self, seen: &Seen, entry: Entry) -> Vec<Action> {
        if seen.training {
            // Training calls are invented; nothing is written.
            return Vec::new();
        }
        let serial = self.next_book;
        let book = self.current.get_or_insert_with(|| Book {
            serial,
            start: seen.start.clone(),
            journal: None,
            waiting: Vec::new(),
            announced: None,
            asked: None,
        });
        if book.serial == serial {
            self.next_book += 1;
        }
        book.waiting.push(entry);
        self.save_all()
    }

    /// Writes everything unsaved, oldest call first, and tells the state
    /// the record's id once it has one (or a new one). Only the call on
    /// screen is announced: an ended call's id is never shown as the
    /// current record.
    pub fn save_all(&mut self) -> Vec<Action> {
        // Why there is no store, when the folder was tried again and failed:
        // the real cause, which "no records folder" from each call's save
        // must not hide.
        let mut no_store = None;
        if self.store.is_none()
            && let Some(dir) = &self.retry_dir
        {
            match Store::open(dir) {
                Ok(store) => self.store = Some(store),
                Err(err) => no_store = Some(format!("records folder: {err}")),
            }
        }
        let store = self.store.as_ref();
        let mut failed = None;
        for book in self.behind.iter_mut().chain(self.current.as_mut()) {
            if let Err(err) = book.save(store) {
                failed.get_or_insert(err.to_string());
            }
            if !self.syncs_after_frames {
                book.ask_sync(&mut self.syncer);
            }
        }
        self.behind.retain(Book::open);
        if let Some(problem) = no_store.or(failed) {
            self.problem = problem;
        }
        let mut actions = Vec::new();
        let Some(book) = self.current.as_mut() else { return actions };
        if let Some(journal) = book.journal.as_mut() {
            let id = journal.id();
            let notice = journal.take_notice();
            if book.announced.as_deref() != Some(id.as_str()) {
                book.announced = Some(id.clone());
                actions.push(Action::Saved(id));
            }
            if let Some(notice) = notice {
                actions.push(Action::SaveFailed(notice));
            }
        }
        actions
    }

    /// How many changes are not on disk, when the state must be told: it
    /// changed, or the reason did.
    pub fn report(&self, seen: &Seen) -> Option<Action> {
        let count: usize = self.behind.iter().chain(self.current.as_ref()).map(Book::unsaved).sum();
        let changed =
            count != seen.unsaved || (count > 0 && seen.save_problem.as_deref() != Some(self.problem.as_str()));
        changed.then(|| Action::Unsaved { count, problem: self.problem.clone() })
    }

    /// How many changes are written and await the disk's confirmation,
    /// when that changed.
    pub fn report_syncing(&self, seen: &Seen) -> Option<Action> {
        let count: usize = self.behind.iter().chain(self.current.as_ref()).map(Book::unsynced).sum();
        (count != seen.syncing).then_some(Action::Syncing(count))
    }

    /// Goes on writing to a restored call's journal, and lets go of the
    /// other unfinished calls so another dutygrid may take them.
    fn resume(&mut self, seen: &Seen, path: &Path) -> std::io::Result<Vec<Action>> {
        let store = self.store.as_mut().ok_or_else(|| std::io::Error::other("no records folder"))?;
        let journal = store.resume(path);
        store.release_claims();
        let journal =
            journal.map_err(|err| std::io::Error::other(format!("the restored call cannot be written: {err}")))?;
        if let Some(book) = self.current.take().filter(Book::open) {
            self.behind.push(book);
        }
        let id = journal.id();
        let announced = Some(id.clone());
        let serial = self.next_book;
        self.next_book += 1;
        self.current = Some(Book {
            serial,
            start: seen.start.clone(),
            journal: Some(journal),
            waiting: Vec::new(),
            announced,
            asked: None,
        });
        Ok(vec![Action::Saved(id)])
    }

    /// Takes over an open call chosen in the calls screen and hands it to
    /// the state; if it cannot be read back, the journal is let go again so
    /// nothing of the call on screen is written into it.
    fn resume_listed(&mut self, seen: &Seen, path: &Path) -> Vec<Action> {
        let saved = match self.resume(seen, path) {
            Ok(saved) => saved,
            Err(err) => return vec![Action::CallsSaid(format!("Not resumed: {err}"))],
        };
        let journal = self.current.as_ref().and_then(|b| b.journal.as_ref());
        match journal.and_then(|j| calls::resumed(j.id(), j.log())) {
            Some(resumed) => std::iter::once(resumed).chain(saved).collect(),
            None => {
                self.current = None;
                vec![Action::CallsSaid("Not resumed: the call could not be read back.".into())]
            }
        }
    }
}
