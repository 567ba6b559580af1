//! The effect runner: carries out what `update` asks of the world (the
//! journal, the records folder, the pack library, the clock) and hands back
//! what came of it as actions (`Saved`, `SaveFailed`, `Unsaved`,
//! `PackLoaded`, `Tick`). No terminal, so a test drives it with a temporary
//! records folder.
//!
//! The journal is written and synced before [`Runner::run`] returns, so
//! before the next frame is drawn. What could not be written stays queued,
//! in order, and is tried again at every later save; the handler sees how
//! many changes are not on disk until there are none.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

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
}

impl Seen {
    pub fn of(state: &State) -> Seen {
        Seen {
            training: state.training().is_some(),
            start: state.call().opening(),
            now: state.now(),
            unsaved: state.unsaved(),
            save_problem: state.save_problem().map(str::to_string),
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
}

/// One call's record: its journal once one could be made, and the changes
/// not yet in it.
struct Book {
    start: Vec<Entry>,
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

impl Runner {
    /// `retry_dir` is the records folder when it could not be opened at
    /// start: every save tries it again, so work typed meanwhile reaches
    /// the disk as soon as the folder can be made.
    pub fn new(clock: Clock, store: Option<Store>, retry_dir: Option<PathBuf>, library: Library) -> Runner {
        Runner { clock, store, retry_dir, current: None, behind: Vec::new(), problem: String::new(), library }
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
            match self.report(&Seen::of(state)) {
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
                self.save_all();
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
                if let Some(book) = self.current.take().filter(|b| b.unsaved() > 0) {
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
            Effect::ExportRecord { path, who } => {
                Ok(calls::export(&self.library, self.store.as_ref(), &path, who, seen.now))
            }
            Effect::MarkRecordEntered { path, reference, who } => {
                Ok(calls::mark_entered(&self.library, self.store.as_mut(), &path, reference, who, seen.now))
            }
            Effect::ResumeRecord(path) => Ok(self.resume_listed(seen, &path)),
            Effect::Audit { record, who, action } => {
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
        let book = self.current.get_or_insert_with(|| Book {
            start: seen.start.clone(),
            journal: None,
            waiting: Vec::new(),
            announced: None,
        });
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
        }
        self.behind.retain(|b| b.unsaved() > 0);
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

    /// Goes on writing to a restored call's journal, and lets go of the
    /// other unfinished calls so another dutygrid may take them.
    fn resume(&mut self, seen: &Seen, path: &Path) -> std::io::Result<Vec<Action>> {
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
        self.current = Some(Book { start: seen.start.clone(), journal: Some(journal), waiting: Vec::new(), announced });
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
