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
/// synced before this returns, so before the next frame is drawn.
struct Saver {
    clock: Clock,
    store: Option<Store>,
    journal: Option<Journal>,
    library: crate::pack::library::Library,
}

impl Saver {
    /// Applies an update's effects; returns true to quit.
    fn run(&mut self, state: &mut State, effects: Vec<Effect>) -> bool {
        for effect in effects {
            let result = match effect {
                Effect::Quit => return true,
                Effect::Persist(entry) => self.persist(state, &entry),
                Effect::Resume(path) => Journal::resume(&path).map(|j| self.journal = Some(j)),
                Effect::SetAside(path) => {
                    Journal::resume(&path).and_then(|mut j| j.append(&Entry::End { at: state.now }))
                }
                Effect::CloseJournal => {
                    self.journal = None;
                    Ok(())
                }
                Effect::SwitchPack(id) => {
                    self.switch_pack(state, &id);
                    Ok(())
                }
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
        false
    }

    /// Replaces the state with a fresh one on another pack, keeping the
    /// keymap, the clock, the size and the choices.
    fn switch_pack(&self, state: &mut State, id: &str) {
        match self.library.open(id) {
            Ok((pack, _)) => {
                let calendar = crate::app::contact_now::calendar_for(&pack, &self.library.calendars).cloned();
                let mut next = State::new(pack, calendar, state.keymap.clone(), state.now, state.simulated);
                next.pack_choices = std::mem::take(&mut state.pack_choices);
                let (width, height) = state.size;
                update(&mut next, Action::Resize { width, height });
                *state = next;
            }
            Err(err) => {
                update(state, Action::SaveFailed(format!("cannot open {id}: {err}")));
            }
        }
    }

    fn persist(&mut self, state: &mut State, entry: &Entry) -> std::io::Result<()> {
        if state.training.is_some() {
            // Training calls are invented; nothing is written.
            return Ok(());
        }
        if self.journal.is_none() {
            let store = self.store.as_ref().ok_or_else(|| std::io::Error::other("no records folder"))?;
            let journal = store.create(&state.call)?;
            update(state, Action::Saved(journal.id()));
            self.journal = Some(journal);
        }
        match self.journal.as_mut() {
            Some(journal) => journal.append(entry),
            None => Ok(()),
        }
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
pub fn run(
    mut state: State,
    clock: Clock,
    store: Option<Store>,
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

    let mut saver = Saver { clock, store, journal: None, library };
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
                // Every change is on disk already (written before this
                // loop comes round); dropping the saver closes the journal
                // as a normal end would, then the terminal is put back.
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
