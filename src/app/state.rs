//! Everything the screen shows, in one place.

use chrono::{DateTime, Utc};

use super::contact_now::ContactNow;
use super::grid::{Cursor, Grid};
use super::layout::{Areas, GridDoc, MIN_COLUMN_WIDTH, PRESENT_COLUMN_WIDTH, visible_levels};
use super::screen::Screen;
use super::screens::decision::DecisionForm;
use super::screens::details::DetailsForm;
use super::screens::notes::NotesForm;
pub use super::screens::restore::{Restore, RestoreOffer};
use super::screens::search::SearchBox;
use crate::call::handler::Handler;
use crate::call::{Call, PackStamp};
use crate::hours::calendar::Calendar;
use crate::keymap::{Context, Keymap};
use crate::pack::Pack;

/// A training session: the scenario, and how much of it the trainer has shown.
#[derive(Debug, Clone)]
pub struct Training {
    pub scenario: crate::train::Scenario,
    pub reveals_shown: usize,
    pub key_shown: bool,
}

/// What a session starts with: everything `State::for_session` needs, so
/// the commands describe a session instead of assembling a State.
#[derive(Debug)]
pub struct Session {
    pub pack: Pack,
    pub calendar: Option<Calendar>,
    pub keymap: Keymap,
    pub now: DateTime<Utc>,
    /// The clock is set by `--at` or a scenario, not the real time.
    pub simulated: bool,
    /// Presentation mode (a projector) from the start.
    pub present: bool,
    /// A training session on this scenario.
    pub training: Option<crate::train::Scenario>,
    pub pack_choices: Vec<String>,
    pub pack_origin: Option<String>,
    /// A message for the footer at start.
    pub status: Option<String>,
    /// Unfinished calls found on disk, offered back newest first.
    pub offers: Vec<RestoreOffer>,
    /// Unfinished calls another dutygrid holds: named, never offered. With
    /// nothing offered, the first is said in the footer instead of `status`.
    pub held: Vec<String>,
    /// The time zone of each offered call's pack, to show its start in.
    pub zones: Vec<(String, chrono_tz::Tz)>,
    /// Who takes the calls (the config file's `handler`), if it says.
    pub handler: Option<Handler>,
    /// The config file's `clock`, if it says.
    pub clock: Option<crate::config::ClockShows>,
}

impl Session {
    /// A live session on `pack` with nothing else set: no calendar, the
    /// real clock, no presentation or training, no packs to pick, nothing
    /// to restore. Set the rest with struct update syntax.
    pub fn new(pack: Pack, keymap: Keymap, now: DateTime<Utc>) -> Session {
        Session {
            pack,
            calendar: None,
            keymap,
            now,
            simulated: false,
            present: false,
            training: None,
            pack_choices: Vec::new(),
            pack_origin: None,
            status: None,
            offers: Vec::new(),
            held: Vec::new(),
            zones: Vec::new(),
            handler: None,
            clock: None,
        }
    }
}

/// Built from outside `app` only by `for_session`, read there only through
/// the accessors: every change goes through `update`, so a view, a command
/// or a test cannot put the state where the app itself never would.
#[derive(Debug, Clone)]
pub struct State {
    pub(in crate::app) pack: Pack,
    pub(in crate::app) calendar: Option<Calendar>,
    pub(in crate::app) keymap: Keymap,
    pub(in crate::app) grid: Grid,
    pub(in crate::app) now: DateTime<Utc>,
    /// The clock is set by `--at` (or a trainer), not the real time.
    pub(in crate::app) simulated: bool,
    pub(in crate::app) contact: ContactNow,
    pub(in crate::app) call: Call,
    pub(in crate::app) cursor: Cursor,
    /// The screens over the grid, topmost last; each owns its state.
    pub(in crate::app) screens: Vec<Screen>,
    /// First document line of the grid shown.
    pub(in crate::app) scroll: usize,
    /// First level column shown when not all fit.
    pub(in crate::app) first_level: usize,
    pub(in crate::app) size: (u16, u16),
    /// Built on the first search (once its box is drawn, see
    /// [`State::warm_index`]), not before it: it is most of a start-up's
    /// work and of the memory, and the number to ring must be on screen
    /// first.
    index: Option<Box<crate::search::Index>>,
    /// The call's record screens closed during this call, as they were: a
    /// half-typed age, a level chosen but not yet recorded, the place in
    /// the notes and their undo come back when the screen is opened again.
    /// Dropped when the call changes; the call itself is the truth.
    parked: Vec<Screen>,
    /// Pack ids the picker offers.
    pub(in crate::app) pack_choices: Vec<String>,
    /// Presentation mode, for a projector: wider columns, more space, a
    /// high-contrast theme, no personal-data screens.
    pub(in crate::app) present: bool,
    /// The scenario being trained on, if this is a training session.
    pub(in crate::app) training: Option<Training>,
    /// Time the trainer skipped with the simulated clock, which the call
    /// timer leaves out.
    pub(in crate::app) clock_skipped: chrono::Duration,
    /// The id the call's record is saved under, once it has one.
    pub(in crate::app) saved_as: Option<String>,
    /// A message for the footer (e.g. a failed save), until the next key.
    pub(in crate::app) status: Option<String>,
    /// Where the pack came from when it is not the built-in one ("file
    /// x.ron — replaces the built-in pack"); the header says so.
    pub(in crate::app) pack_origin: Option<String>,
    /// Changes made but not on disk yet; NOT SAVED stays in the footer
    /// until this is 0 again, whatever keys are pressed.
    pub(in crate::app) unsaved: usize,
    /// Why they are not.
    pub(in crate::app) save_problem: Option<String>,
    /// The grid laid out for the current size and visible levels; rebuilt
    /// only when those change, not every frame.
    doc: GridDoc,
    /// Who takes the calls this session: recorded at the start of each.
    pub(in crate::app) handler: Option<Handler>,
    /// Changes written and awaiting the disk's confirmation.
    pub(in crate::app) syncing: usize,
    /// What the header clock shows, if the config says.
    pub(in crate::app) clock: Option<crate::config::ClockShows>,
}

impl State {
    pub(super) fn new(
        pack: Pack,
        calendar: Option<Calendar>,
        keymap: Keymap,
        now: DateTime<Utc>,
        simulated: bool,
    ) -> State {
        let grid = Grid::build(&pack);
        let contact = ContactNow::compute(&pack, calendar.as_ref(), now);
        let call = Call::new(stamp(&pack), now, simulated);
        let mut state = State {
            pack,
            calendar,
            keymap,
            grid,
            now,
            simulated,
            contact,
            call,
            cursor: Cursor::default(),
            screens: Vec::new(),
            scroll: 0,
            first_level: 0,
            size: (80, 24),
            index: None,
            parked: Vec::new(),
            pack_choices: Vec::new(),
            present: false,
            training: None,
            clock_skipped: chrono::Duration::zero(),
            saved_as: None,
            status: None,
            pack_origin: None,
            unsaved: 0,
            save_problem: None,
            doc: GridDoc::default(),
            handler: None,
            syncing: 0,
            clock: None,
        };
        state.relayout();
        state
    }

    /// The state a session starts in. A training session opens on its
    /// scenario, with the scenario's child age already in the call details.
    pub fn for_session(session: Session) -> State {
        let mut state = State::new(session.pack, session.calendar, session.keymap, session.now, session.simulated);
        state.present = session.present;
        state.pack_choices = session.pack_choices;
        state.pack_origin = session.pack_origin;
        state.status = session.status;
        state.handler = session.handler.and_then(|h| h.cleaned());
        state.clock = session.clock;
        state.stamp_handler();
        if let Some(scenario) = session.training {
            for change in scenario.household_changes(state.call.today()) {
                state.call.apply(&crate::call::Entry::Household { change, at: session.now });
            }
            state.training = Some(Training { scenario, reveals_shown: 0, key_shown: false });
            state.screens.push(Screen::Scenario { scroll: 0 });
        }
        if !session.offers.is_empty() {
            let restore =
                Restore { offers: session.offers, held: session.held, zones: session.zones, ..Restore::default() };
            state.screens.push(Screen::Restore(restore));
        } else if let Some(first) = session.held.into_iter().next() {
            state.status = Some(first);
        }
        state
    }

    /// The restore offer, while it is open.
    pub fn restore(&self) -> Option<&Restore> {
        self.screens.iter().find_map(|s| if let Screen::Restore(r) = s { Some(r) } else { None })
    }

    /// The details form, open or put aside this call.
    pub fn details(&self) -> Option<&DetailsForm> {
        self.record_screens().find_map(|s| if let Screen::Details(f) = s { Some(f) } else { None })
    }

    /// The notes, open or put aside this call.
    pub fn notes(&self) -> Option<&NotesForm> {
        self.record_screens().find_map(|s| if let Screen::Notes(f) = s { Some(f) } else { None })
    }

    /// The decision form, open or put aside this call.
    pub fn decision(&self) -> Option<&DecisionForm> {
        self.record_screens().find_map(|s| if let Screen::Decision(f) = s { Some(f) } else { None })
    }

    /// The search box, while it is open.
    pub fn search(&self) -> Option<&SearchBox> {
        self.screens.iter().find_map(|s| if let Screen::Search(b) = s { Some(&**b) } else { None })
    }

    fn record_screens(&self) -> impl Iterator<Item = &Screen> {
        self.screens.iter().chain(&self.parked)
    }

    /// Takes a record screen of this kind out of the list or from where it
    /// was put aside, or builds it afresh from the call.
    pub(super) fn take_record_screen(&mut self, kind: &Screen) -> Screen {
        if let Some(i) = self.screens.iter().position(|s| s.same_kind(kind)) {
            return self.screens.remove(i);
        }
        if let Some(i) = self.parked.iter().position(|s| s.same_kind(kind)) {
            return self.parked.remove(i);
        }
        kind.clone()
    }

    /// Closes the screens that match; the call's record screens are put
    /// aside as they are, to come back on reopening.
    pub(super) fn close_screens(&mut self, close: impl Fn(&Screen) -> bool) {
        let (closed, kept) = std::mem::take(&mut self.screens).into_iter().partition(|s| close(s));
        self.screens = kept;
        let closed: Vec<Screen> = closed;
        for screen in closed {
            self.park(screen);
        }
    }

    /// Keeps a closed record screen for when it is opened again.
    pub(super) fn park(&mut self, screen: Screen) {
        if screen.personal() {
            self.parked.retain(|s| !s.same_kind(&screen));
            self.parked.push(screen);
        }
    }

    /// Carries on with a call found on disk, in place of this one.
    pub(super) fn resume_call(&mut self, call: Call) {
        self.call = call;
        self.clock_skipped = chrono::Duration::zero();
        self.parked.clear();
    }

    /// A fresh details form for this call.
    pub fn details_form(&self) -> DetailsForm {
        DetailsForm::for_call(&self.pack, &self.call)
    }

    /// Fresh notes for this call, each with the cursor after its text.
    pub fn notes_form(&self) -> NotesForm {
        NotesForm::for_call(&self.pack, &self.call)
    }

    /// A fresh decision form for this call.
    pub fn decision_form(&self) -> DecisionForm {
        DecisionForm::for_call(&self.pack, &self.call)
    }

    /// The footer's warning while changes are not on disk.
    pub fn not_saved_line(&self) -> Option<String> {
        (self.unsaved > 0).then(|| {
            let problem = self.save_problem.as_deref().unwrap_or("the disk could not be written");
            format!("NOT SAVED: {} change(s) not on disk ({problem}); retried at every change", self.unsaved)
        })
    }

    /// Starts afresh: a new call on the same pack, at `now`.
    pub(super) fn new_call(&mut self) {
        self.call = Call::new(stamp(&self.pack), self.now, self.simulated);
        self.clock_skipped = chrono::Duration::zero();
        self.parked.clear();
        self.saved_as = None;
        self.stamp_handler();
    }

    /// Records the session's handler as the call's opening handler: a call
    /// begins with who handles it, written with its start.
    pub(super) fn stamp_handler(&mut self) {
        if let Some(handler) = self.handler.clone() {
            self.call.set_opening_handler(handler, self.call.started_at);
        }
    }

    /// How long the call has run, without time skipped by a trainer.
    pub fn call_elapsed(&self) -> chrono::Duration {
        (self.now - self.call.started_at - self.clock_skipped).max(chrono::Duration::zero())
    }

    /// Which keymap context reads the next key.
    pub fn context(&self) -> Context {
        match self.screens.last() {
            Some(screen) if screen.above_banner() => screen.context(),
            _ if self.call.pending_alert().is_some() => Context::Banner,
            Some(screen) => screen.context(),
            None => Context::Grid,
        }
    }

    /// The topmost screen, if any is open over the grid.
    pub fn top(&self) -> Option<&Screen> {
        self.screens.last()
    }

    /// Where the pack picker's cursor starts: on the pack open now.
    pub fn picker_start(&self) -> usize {
        self.pack_choices.iter().position(|p| *p == self.pack.id).unwrap_or(0)
    }

    pub fn areas(&self) -> Areas {
        Areas::of(self.size.0, self.size.1)
    }

    /// The grid laid out for the current size and cursor.
    pub fn grid_doc(&self) -> &GridDoc {
        &self.doc
    }

    /// Brings the visible levels and the layout up to date with the size and
    /// the cursor; the layout is rebuilt only if they changed.
    pub(super) fn relayout(&mut self) {
        let cells = self.areas().grid_cells();
        let (min_column, gap) = if self.present { (PRESENT_COLUMN_WIDTH, 1) } else { (MIN_COLUMN_WIDTH, 0) };
        let levels = visible_levels(self.grid.levels(), cells.width, min_column, self.first_level, self.cursor.level);
        self.first_level = levels.start;
        if self.doc.levels != levels
            || self.doc.width != cells.width
            || self.doc.gap != gap
            || self.doc.blocks.is_empty()
        {
            self.doc = GridDoc::build(&self.grid, levels, cells.width, gap);
        }
    }
}

/// Reading the state from outside `app` (the views, the runner, tests):
/// only `update` changes it, so these hand out references and copies.
impl State {
    pub fn pack(&self) -> &Pack {
        &self.pack
    }

    pub fn calendar(&self) -> Option<&Calendar> {
        self.calendar.as_ref()
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    pub fn grid(&self) -> &Grid {
        &self.grid
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    pub fn simulated(&self) -> bool {
        self.simulated
    }

    pub fn contact(&self) -> &ContactNow {
        &self.contact
    }

    pub fn call(&self) -> &Call {
        &self.call
    }

    pub fn cursor(&self) -> Cursor {
        self.cursor
    }

    pub fn screens(&self) -> &[Screen] {
        &self.screens
    }

    pub fn scroll(&self) -> usize {
        self.scroll
    }

    pub fn first_level(&self) -> usize {
        self.first_level
    }

    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    /// The search index, if it has been built yet.
    pub fn index(&self) -> Option<&crate::search::Index> {
        self.index.as_deref()
    }

    /// The search index, built now if it was not yet.
    pub fn search_index(&mut self) -> &mut crate::search::Index {
        let pack = &self.pack;
        self.index.get_or_insert_with(|| Box::new(crate::search::Index::build(pack)))
    }

    /// Builds the search index once a search is open and drawn, while the
    /// handler is still to type, so the first letter answers at once; true
    /// if it was built now. Not before the first `/`: the index is more of
    /// the app's memory than all else it keeps, and a call that never
    /// searches never needs it.
    pub fn warm_index(&mut self) -> bool {
        let cold = self.index.is_none() && self.search().is_some();
        if cold {
            self.search_index();
        }
        cold
    }

    pub fn pack_choices(&self) -> &[String] {
        &self.pack_choices
    }

    pub fn present(&self) -> bool {
        self.present
    }

    pub fn training(&self) -> Option<&Training> {
        self.training.as_ref()
    }

    pub fn clock_skipped(&self) -> chrono::Duration {
        self.clock_skipped
    }

    pub fn saved_as(&self) -> Option<&str> {
        self.saved_as.as_deref()
    }

    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    pub fn pack_origin(&self) -> Option<&str> {
        self.pack_origin.as_deref()
    }

    pub fn unsaved(&self) -> usize {
        self.unsaved
    }

    pub fn save_problem(&self) -> Option<&str> {
        self.save_problem.as_deref()
    }

    /// Who takes the calls this session, if that is set.
    pub fn handler(&self) -> Option<&Handler> {
        self.handler.as_ref()
    }

    /// Changes written and awaiting the disk's confirmation.
    pub fn syncing(&self) -> usize {
        self.syncing
    }

    /// Whether the header clock shows minutes, not seconds: as the config
    /// says, else in presentation mode.
    pub fn clock_in_minutes(&self) -> bool {
        match self.clock {
            Some(crate::config::ClockShows::Minutes) => true,
            Some(crate::config::ClockShows::Seconds) => false,
            None => self.present,
        }
    }
}

/// How a call's record names its pack.
pub fn stamp(pack: &Pack) -> PackStamp {
    PackStamp { id: pack.id.clone(), title: pack.title.clone(), edition: pack.edition.clone() }
}
