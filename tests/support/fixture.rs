//! The fixture pack the UI snapshots run on (tests/fixtures/snapshot-pack.ron),
//! loaded through the normal pack loader, and sessions on it.

use dutygrid::app::contact_now::calendar_for;
use dutygrid::app::{Action, Session, State, update};
use dutygrid::hours::at::parse_at;
use dutygrid::keymap::Keymap;
use dutygrid::pack::Pack;
use dutygrid::pack::library::Library;

pub const FIXTURE_PACK: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/snapshot-pack.ron");
pub const FIXTURE_ID: &str = "fixture-area";

/// The fixture pack, opened as `dutygrid run --pack FILE` opens it.
pub fn fixture_pack() -> (Pack, Library) {
    let library = Library::load(None);
    let (pack, _) = library.open(FIXTURE_PACK).expect("the fixture pack loads");
    (pack, library)
}

/// A live session on the fixture pack at `local` time (the pack's zone),
/// with the fixture and one shipped pack in the picker.
pub fn fixture_session(local: &str) -> Session {
    let (pack, library) = fixture_pack();
    let calendar = calendar_for(&pack, &library.calendars).cloned();
    let now = parse_at(local, dutygrid::pack::resolve::pack_zone(&pack)).expect("time").utc;
    Session {
        calendar,
        pack_choices: vec![FIXTURE_ID.into(), "nottingham-city".into()],
        handler: Some(super::desk_handler()),
        ..Session::new(pack, Keymap::default_keymap(), now)
    }
}

/// The state a session starts in, at `width` × `height`.
pub fn start(session: Session, width: u16, height: u16) -> State {
    let mut state = State::for_session(session);
    update(&mut state, Action::Resize { width, height });
    state
}

/// Sends actions as the runner and the keymap would.
pub fn send(state: &mut State, actions: impl IntoIterator<Item = Action>) {
    for action in actions {
        update(state, action);
    }
}
