//! The read-back screen: the call's key points to read aloud, and the way
//! a call is ended. Ending from here records that it was shown.

use chrono::{DateTime, Utc};

use super::Next;
use crate::app::action::Action;
use crate::app::screen::{Pending, Screen};
use crate::app::state::State;
use crate::app::update::push_screen;
use crate::keymap::Context;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadbackView {
    pub scroll: u16,
    /// When it was opened: when the reading began, as the record says.
    pub opened_at: DateTime<Utc>,
    /// Opened by ending the call (rather than to read it mid-call).
    pub ending: bool,
}

/// Lines a page key scrolls.
const PAGE: u16 = 10;

/// Ending a call goes through the read-back, unless it cannot be shown
/// (presentation mode shows no personal data) or the keymap gives the
/// read-back no key to end the call from (a keymap written before it):
/// then straight to the question, as before.
pub(in crate::app) fn end_call(state: &mut State) {
    let usable = !state.keymap.keys_for(Context::Readback, &Action::EndCall).is_empty();
    if state.present || !usable {
        push_screen(state, Screen::Confirm(Pending::EndCall));
    } else {
        let view = ReadbackView { scroll: 0, opened_at: state.now, ending: true };
        push_screen(state, Screen::Readback(view));
    }
}

pub(in crate::app) fn key(view: &mut ReadbackView, state: &mut State, action: &Action) -> Next {
    match action {
        Action::MoveDown | Action::MoveUp => super::scroll(&mut view.scroll, action),
        Action::PageDown => view.scroll = view.scroll.saturating_add(PAGE),
        Action::PageUp => view.scroll = view.scroll.saturating_sub(PAGE),
        Action::First => view.scroll = 0,
        Action::EndCall if state.call.has_content() => push_screen(state, Screen::Confirm(Pending::EndCall)),
        _ => {}
    }
    Next::Keep
}
