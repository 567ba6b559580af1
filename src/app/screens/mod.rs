//! One file per screen: its state and how it reads keys. `update` pops the
//! top screen, hands it here with the rest of the state, and puts it back
//! unless the screen says it closed itself.

pub mod assign;
pub mod calls;
pub mod clocks;
pub mod confirm;
pub mod decision;
pub mod details;
pub mod guide;
pub mod handler;
pub mod help;
pub mod household;
pub mod immediate;
pub mod notes;
pub mod outcome;
pub mod packs;
pub mod readback;
pub mod restore;
pub mod scenario;
pub mod search;

use super::action::Action;

/// What a screen's key handler asks of the screen list afterwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Back where it was, with its changed state.
    Keep,
    /// The screen closed itself (it stays out of the list).
    Close,
}

/// Scrolls a text screen by a line.
pub(super) fn scroll(scroll: &mut u16, action: &Action) {
    match action {
        Action::MoveDown => *scroll = scroll.saturating_add(1),
        Action::MoveUp => *scroll = scroll.saturating_sub(1),
        _ => {}
    }
}

/// A state on a shipped pack, for the screens' own tests.
#[cfg(test)]
#[allow(clippy::expect_used)]
pub(crate) fn test_state() -> super::State {
    let (pack, _) = crate::pack::library::Library::load(None).open("nottingham-city").expect("pack");
    let now = chrono::DateTime::from_timestamp(1_790_000_000, 0).expect("time");
    super::State::new(pack, None, crate::keymap::Keymap::default(), now, true)
}
