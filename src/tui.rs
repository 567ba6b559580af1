//! The terminal: set-up and restore and the event loop; the effect runner
//! is in [`runner`], apart from the terminal.
//! The only module that reads the clock or the keyboard.

mod apply;
mod calls;
mod input;
pub mod runner;
mod screen;
pub mod syncer;
mod terminal;

use std::io::IsTerminal;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use crossterm::event::{Event, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};

use crate::app::{Action, State, update};
use crate::call::store::Store;
use crate::keymap::chord::KeyChord;
use crate::ui::{self, Theme};
pub use input::{Decoder, Input};
pub use runner::Runner;
pub use screen::{FrameWriter, Screen, draw as draw_frame, draw_changes, release_spare};

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
            let bound = state.keymap().resolve(context, KeyChord::from_event(*key)).cloned();
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

/// Applies an action and carries out its effects; true to quit.
fn dispatch(state: &mut State, runner: &mut Runner, action: Action) -> bool {
    let effects = update(state, action);
    runner.run(state, effects)
}

/// Why the full-screen app could not run (or go on running).
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("dutygrid needs a terminal: stdout is not one")]
    NotATerminal,
    /// The terminal could not be set up, read or drawn on.
    #[error(transparent)]
    Terminal(#[from] std::io::Error),
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

/// The second, or at minutes the minute, the header clock shows: a redraw
/// is due only when it changes.
fn shown_step(state: &State, now: DateTime<Utc>) -> (bool, i64) {
    let minutes = state.clock_in_minutes();
    (minutes, if minutes { now.timestamp().div_euclid(60) } else { now.timestamp() })
}

/// How long the loop may wait for input: until the clock shows something
/// new. At seconds the size is also read back at least four times a second
/// (as it always was); at minutes nothing wakes an idle screen before the
/// next minute but an input or a signal (a resize is one).
fn next_wake(state: &State, now: DateTime<Utc>) -> Duration {
    let millis = u64::from(now.timestamp_subsec_millis().min(999));
    if state.clock_in_minutes() {
        let second = u64::try_from(now.timestamp().rem_euclid(60)).unwrap_or(0);
        Duration::from_millis((60 - second) * 1000 - millis)
    } else {
        Duration::from_millis(1000 - millis).min(Duration::from_millis(250))
    }
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
    config: crate::config::Config,
) -> Result<(), RunError> {
    if !std::io::stdout().is_terminal() {
        return Err(RunError::NotATerminal);
    }
    let (events, inputs) = mpsc::channel();
    terminal::spawn(events.clone())?;
    watch_for_hangup(events.clone());
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        terminal::restore();
        // The release build aborts on a panic, running no drop: the open
        // journals are synced here. With unwinding (tests, debug builds) a
        // panic off the main thread does not end the app, so its journals
        // (and their lock notes) are left to their drops.
        if cfg!(panic = "abort") || std::thread::current().name() == Some("main") {
            crate::call::at_panic::settle();
        }
        previous_hook(info);
    }));

    let _restore = Restore;
    terminal::enter()?;
    let mut terminal = terminal::open()?;
    let synced = events.clone();
    input::spawn(events)?;
    let theme = Theme::from_env();
    let mut runner =
        Runner::new(clock, store, retry_dir, library).with_config(config).syncing_after_frames().on_synced(move || {
            let _ = synced.send(Input::Synced);
        });
    if dispatch(&mut state, &mut runner, Action::Tick(clock.now())) {
        return Ok(());
    }
    let mut last_shown = shown_step(&state, runner.clock().now());
    let mut dirty = true;
    loop {
        // Every resize is applied: the size is read back before each frame,
        // whichever events arrived (or were lost) since the last.
        let size = terminal.size()?;
        if (size.width, size.height) != state.size() {
            if dispatch(&mut state, &mut runner, Action::Resize { width: size.width, height: size.height }) {
                return Ok(());
            }
            dirty = true;
        }
        if dirty {
            screen::draw_changes(&mut terminal, |frame, canvas| ui::draw_changes(frame, &state, &theme, canvas))?;
            dirty = false;
        }
        // Every change written since the last wait is synced from here,
        // after its frame: the loop passes this point before each wait.
        runner.ask_syncs();
        // The search index is built once the search box is on screen,
        // while the handler has yet to type.
        state.warm_index();

        let first = match inputs.recv_timeout(next_wake(&state, runner.clock().now())) {
            Ok(input) => Some(input),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => Some(Input::Gone),
        };
        dirty |= first.is_some();
        // A change is stamped with the time it is made, not with the last
        // minute the header showed.
        let now = runner.clock().now();
        if first.is_some()
            && now.timestamp() != state.now().timestamp()
            && dispatch(&mut state, &mut runner, Action::Tick(now))
        {
            return Ok(());
        }
        let flow = apply::apply_waiting(first, &inputs, &mut state, &mut runner, &mut terminal)?;
        match flow {
            apply::Flow::Go => {}
            apply::Flow::Quit => return Ok(()),
            apply::Flow::Exit(code) => {
                // Every change that could be written is in the file
                // already; one last try for any still queued (a disk that
                // was full), a sync of all of it here, then the journal is
                // closed as a normal end would.
                runner.finish();
                drop(runner);
                drop(terminal);
                terminal::restore();
                std::process::exit(code);
            }
        }
        let now = runner.clock().now();
        let step = shown_step(&state, now);
        if step != last_shown {
            last_shown = step;
            if dispatch(&mut state, &mut runner, Action::Tick(now)) {
                return Ok(());
            }
            dirty = true;
        }
    }
}
