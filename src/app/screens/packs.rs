//! The pack picker; its cursor indexes the state's pack choices.

use super::Next;
use crate::app::action::Action;
use crate::app::screen::{Pending, Screen};
use crate::app::state::State;
use crate::app::update::{Effect, push_screen};

pub(in crate::app) fn key(cursor: &mut usize, state: &mut State, action: &Action, effects: &mut Vec<Effect>) -> Next {
    let last = state.pack_choices.len().saturating_sub(1);
    match action {
        Action::MoveDown => *cursor = (*cursor + 1).min(last),
        Action::MoveUp => *cursor = cursor.saturating_sub(1),
        Action::Confirm => match state.pack_choices.get(*cursor).cloned() {
            Some(id) if id == state.pack.id => return Next::Close,
            Some(id) if !state.call.has_content() => {
                effects.push(Effect::LoadPack(id));
                return Next::Close;
            }
            // The picker stays under the question, so "no" comes back to it.
            Some(id) => push_screen(state, Screen::Confirm(Pending::SwitchPack(id))),
            None => {}
        },
        _ => {}
    }
    Next::Keep
}
