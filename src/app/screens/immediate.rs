//! The immediate-referral list, with the item under the cursor.

use super::Next;
use crate::app::action::Action;
use crate::app::state::State;
use crate::app::update::{Effect, toggle};

pub(in crate::app) fn key(cursor: &mut usize, state: &mut State, action: &Action, effects: &mut Vec<Effect>) -> Next {
    let last = state.grid.immediate.len().saturating_sub(1);
    match action {
        Action::MoveDown => *cursor = (*cursor + 1).min(last),
        Action::MoveUp => *cursor = cursor.saturating_sub(1),
        Action::First => *cursor = 0,
        Action::Last => *cursor = last,
        Action::ToggleTick => {
            if let Some(id) = state.grid.immediate.get(*cursor).map(|e| e.id.clone()) {
                toggle(state, &id, effects);
            }
        }
        Action::AssignTick if !state.present => {
            if let Some(id) = state.grid.immediate.get(*cursor).map(|e| e.id.clone())
                && let Some(form) = super::assign::start(state, &id, effects)
            {
                crate::app::update::open_fresh(state, crate::app::Screen::Assign(form));
            }
        }
        Action::MarkHeard => {
            if let Some(id) = state.grid.immediate.get(*cursor).map(|e| e.id.clone()) {
                super::assign::mark_tick(state, &id, effects);
            }
        }
        _ => {}
    }
    Next::Keep
}
