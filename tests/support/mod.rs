//! Helpers shared by the app tests: a state on a fixed clock, key presses
//! through the real keymap, and renders into a TestBackend.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{DateTime, Utc};
use crossterm::event::{Event, KeyEvent, KeyModifiers};
use dutygrid::app::contact_now::calendar_for;
use dutygrid::app::{Action, Effect, State, update};
use dutygrid::hours::at::parse_at;
use dutygrid::keymap::Keymap;
use dutygrid::keymap::chord::KeyChord;
use dutygrid::pack::library::Library;
use dutygrid::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Friday 27 November 2026, 10:00 in London: office hours.
pub const OFFICE: &str = "2026-11-27 10:00";
/// Saturday 28 November 2026, 02:00: out of hours.
pub const NIGHT: &str = "2026-11-28 02:00";

pub fn at(pack_id: &str, local: &str) -> DateTime<Utc> {
    let (pack, _) = Library::load(None).open(pack_id).expect("pack");
    parse_at(local, dutygrid::hours::resolve::pack_zone(&pack)).expect("time").utc
}

pub fn state(pack_id: &str, local: &str, width: u16, height: u16) -> State {
    let library = Library::load(None);
    let (pack, _) = library.open(pack_id).expect("pack");
    let calendar = calendar_for(&pack, &library.calendars).cloned();
    let now = at(pack_id, local);
    let mut state = State::new(pack, calendar, Keymap::default_keymap(), now, false);
    update(&mut state, Action::Resize { width, height });
    state
}

/// Presses keys named as in keymap files, mapped to actions exactly as the
/// terminal loop maps them (keymap first, then typing in text screens);
/// returns the effects of the last one.
pub fn press(state: &mut State, keys: &[&str]) -> Vec<Effect> {
    let mut effects = Vec::new();
    for key in keys {
        let chord: KeyChord = key.parse().expect("key name");
        let mut modifiers = KeyModifiers::NONE;
        if chord.ctrl {
            modifiers |= KeyModifiers::CONTROL;
        }
        if chord.alt {
            modifiers |= KeyModifiers::ALT;
        }
        if chord.shift {
            modifiers |= KeyModifiers::SHIFT;
        }
        let event = Event::Key(KeyEvent::new(chord.code, modifiers));
        effects = match dutygrid::tui::action_for(state, &event) {
            Some(action) => update(state, action),
            None => Vec::new(),
        };
    }
    effects
}

pub fn render(state: &State) -> String {
    let (width, height) = state.size;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|frame| ui::draw(frame, state, &Theme::monochrome())).expect("draw");
    let buffer = terminal.backend().buffer();
    let mut screen = String::new();
    for y in 0..height {
        let line: String = (0..width).map(|x| buffer[(x, y)].symbol()).collect();
        screen.push_str(line.trim_end());
        screen.push('\n');
    }
    screen
}
