//! Helpers shared by the app tests: a state on a fixed clock, key presses
//! through the real keymap, and renders into a TestBackend.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod emulated;
pub mod fixture;
pub mod pty;
pub mod styled;

use chrono::{DateTime, Utc};
use crossterm::event::{Event, KeyEvent, KeyModifiers};
use dutygrid::app::contact_now::calendar_for;
use dutygrid::app::{Action, Effect, Session, State, update};
use dutygrid::hours::at::parse_at;
use dutygrid::keymap::Keymap;
use dutygrid::keymap::chord::KeyChord;
use dutygrid::pack::library::Library;
use dutygrid::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Points HOME and every XDG folder of a run of the binary into `home` and
/// clears the DUTYGRID_* variables, so nothing of the developer's own (a
/// `~/.config/dutygrid/config.ron`, packs in `~/.local/share/dutygrid/packs`,
/// records, a variable in their shell) changes a result, and nothing is
/// written to their home.
pub fn isolate<'c>(command: &'c mut std::process::Command, home: &std::path::Path) -> &'c mut std::process::Command {
    command
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("XDG_STATE_HOME", home.join(".local/state"))
        .env("XDG_CACHE_HOME", home.join(".cache"));
    for variable in ["DUTYGRID_PACKS", "DUTYGRID_RECORDS", "DUTYGRID_CONFIG"] {
        command.env_remove(variable);
    }
    command
}

/// A temporary home folder for running the binary.
pub struct FakeHome {
    dir: tempfile::TempDir,
}

impl FakeHome {
    pub fn new() -> FakeHome {
        FakeHome { dir: tempfile::tempdir().expect("temp home") }
    }

    pub fn path(&self) -> &std::path::Path {
        self.dir.path()
    }

    /// Where the binary looks for its settings in this home.
    pub fn config_file(&self) -> std::path::PathBuf {
        self.path().join(".config/dutygrid/config.ron")
    }

    /// The binary, run in this home.
    pub fn command(&self) -> std::process::Command {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_dutygrid"));
        isolate(&mut command, self.path());
        command
    }

    /// The binary run in this home on `records` with `args`, `stdin` typed
    /// as its answers.
    #[allow(dead_code)]
    pub fn answered(&self, records: &std::path::Path, args: &[&str], stdin: &str) -> std::process::Output {
        use std::io::Write;
        let mut child = self
            .command()
            .args(args)
            .env("DUTYGRID_RECORDS", records)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn");
        child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("write");
        child.wait_with_output().expect("output")
    }
}

/// Every key path in a JSON value, arrays as `[]`:
/// "children[].label", "calls[].to_do.clocks[].due_by".
#[allow(dead_code)]
pub fn json_key_paths(value: &serde_json::Value) -> std::collections::BTreeSet<String> {
    fn walk(value: &serde_json::Value, prefix: &str, out: &mut std::collections::BTreeSet<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, v) in map {
                    let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
                    out.insert(path.clone());
                    walk(v, &path, out);
                }
            }
            serde_json::Value::Array(items) => {
                for item in items {
                    walk(item, &format!("{prefix}[]"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = std::collections::BTreeSet::new();
    walk(value, "", &mut out);
    out
}

/// Friday 27 November 2026, 10:00 in London: office hours.
pub const OFFICE: &str = "2026-11-27 10:00";
/// Saturday 28 November 2026, 02:00: out of hours.
pub const NIGHT: &str = "2026-11-28 02:00";

pub fn at(pack_id: &str, local: &str) -> DateTime<Utc> {
    let (pack, _) = Library::load(None).open(pack_id).expect("pack");
    parse_at(local, dutygrid::pack::resolve::pack_zone(&pack)).expect("time").utc
}

pub fn state(pack_id: &str, local: &str, width: u16, height: u16) -> State {
    start(session(pack_id, local), width, height)
}

/// A live session on a shipped pack at a local time, with its calendar;
/// tests set the rest with struct update syntax.
pub fn session(pack_id: &str, local: &str) -> Session {
    let library = Library::load(None);
    let (pack, _) = library.open(pack_id).expect("pack");
    let calendar = calendar_for(&pack, &library.calendars).cloned();
    let now = at(pack_id, local);
    Session { calendar, handler: Some(desk_handler()), ..Session::new(pack, Keymap::default_keymap(), now) }
}

/// The handler a configured desk's sessions start with (tests of the
/// "handler not set" note start without one).
pub fn desk_handler() -> dutygrid::call::handler::Handler {
    dutygrid::call::handler::Handler {
        name: "Sam Patel".into(),
        role: "Social worker".into(),
        team: "Front door".into(),
    }
}

/// The state a session starts in, in a terminal of this size.
pub fn start(session: Session, width: u16, height: u16) -> State {
    let mut state = State::for_session(session);
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
    let (width, height) = state.size();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|frame| ui::draw(frame, state, &Theme::monochrome())).expect("draw");
    screen_text(terminal.backend().buffer())
}

/// A drawn buffer as text, each row without its trailing blanks.
pub fn screen_text(buffer: &ratatui::buffer::Buffer) -> String {
    let area = buffer.area;
    let mut screen = String::new();
    for y in area.top()..area.bottom() {
        let line: String = (area.left()..area.right()).map(|x| buffer[(x, y)].symbol()).collect();
        screen.push_str(line.trim_end());
        screen.push('\n');
    }
    screen
}

/// The binary run with `args` in a fresh fake home.
pub fn run_dutygrid(args: &[&str]) -> std::process::Output {
    FakeHome::new().command().args(args).output().expect("run dutygrid")
}

pub fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Ticks `id`, wherever it sits: in the grid or in the immediate list.
pub fn tick_item(s: &mut State, id: &str) {
    if let Some(cursor) = s.grid().find(id) {
        go_to(s, cursor);
        press(s, &["space"]);
    } else {
        let index = s.grid().immediate.iter().position(|e| e.id == id).expect("an immediate item");
        press(s, &["i"]);
        update(s, Action::First);
        for _ in 0..index {
            update(s, Action::MoveDown);
        }
        assert_eq!(s.top(), Some(&dutygrid::app::Screen::Immediate { cursor: index }), "on {id}");
        press(s, &["space"]);
    }
}

/// Moves the grid's cursor to the indicator `id`, as the handler would.
pub fn go_to_item(s: &mut State, id: &str) {
    let target = s.grid().find(id).expect("an indicator in the grid");
    go_to(s, target);
}

/// Moves the grid's cursor to `target` as the handler would: to its level,
/// then row by row, then item by item.
pub fn go_to(s: &mut State, target: dutygrid::app::grid::Cursor) {
    let level = u8::try_from(target.level + 1).expect("a level key");
    update(s, Action::JumpLevel(level));
    // Bounded, so a move that is refused fails the assert, never hangs.
    for _ in 0..s.grid().rows.len() {
        let row = s.cursor().row;
        if row < target.row {
            update(s, Action::NextRow);
        } else if row > target.row {
            update(s, Action::PrevRow);
        }
    }
    for _ in 0..target.item.saturating_sub(s.cursor().item) {
        update(s, Action::MoveDown);
    }
    assert_eq!(s.cursor(), target, "the cursor reaches its target");
}

/// Moves the open details form down to `field`, whatever comes before it
/// (the form's order follows the questions a handler asks first).
#[allow(dead_code)]
pub fn details_field(s: &mut State, field: dutygrid::app::record::Field) {
    // Bounded, so a field the form lacks fails the assert, never hangs.
    for _ in 0..200 {
        if s.details().is_some_and(|f| f.current_field() == field) {
            return;
        }
        update(s, Action::MoveDown);
    }
    panic!("the details form has no field {field:?}");
}

/// Presses keys one by one, a plain character typing itself; keeps every
/// entry they asked to be written (`press` hands back only the last key's).
#[allow(dead_code)]
pub fn keys(s: &mut State, names: &[&str], written: &mut Vec<dutygrid::call::Entry>) {
    for name in names {
        for effect in press(s, &[name]) {
            if let Effect::Persist(entry) = effect {
                written.push(entry);
            }
        }
    }
}

/// Types `text` key by key (a space as `space`), keeping what it journals.
#[allow(dead_code)]
pub fn typed(s: &mut State, text: &str, written: &mut Vec<dutygrid::call::Entry>) {
    let chars: Vec<String> = text.chars().map(|c| if c == ' ' { "space".into() } else { c.to_string() }).collect();
    let names: Vec<&str> = chars.iter().map(String::as_str).collect();
    keys(s, &names, written);
}

/// The journals in `dir`, oldest name first.
#[allow(dead_code)]
pub fn journals(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .expect("records folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == dutygrid::call::store::EXTENSION))
        .collect();
    found.sort();
    found
}

/// Assigns the item under the cursor to the children at these rows of the
/// chooser (1 is the first child, 0 the whole household), ticking it if it
/// was not; keeps every entry journalled.
#[allow(dead_code)]
pub fn assign(s: &mut State, rows: &[usize], written: &mut Vec<dutygrid::call::Entry>) {
    keys(s, &["a"], written);
    assert!(matches!(s.top(), Some(dutygrid::app::Screen::Assign(_))), "the chooser opens");
    let mut at = 0;
    for &row in rows {
        for _ in at..row {
            keys(s, &["down"], written);
        }
        at = row;
        keys(s, &["space"], written);
    }
    keys(s, &["enter"], written);
    assert!(s.top().is_none(), "enter records and closes the chooser");
}
