//! The confirmation dialogs: what each asks, and so what its "yes" does.

use super::Next;
use crate::app::action::Action;
use crate::app::screen::Screen;
use crate::app::state::State;
use crate::app::update::{Effect, record};
use crate::call::Entry;
use crate::keymap::Context;

/// What a confirmation dialog asks, and so what its "yes" does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    Quit,
    EndCall,
    /// Open this pack (the call in progress is ended first).
    SwitchPack(String),
}

impl Pending {
    /// Each question reads its own keys, so help can say what yes does.
    pub fn context(&self) -> Context {
        match self {
            Pending::Quit => Context::ConfirmQuit,
            Pending::EndCall => Context::ConfirmEndCall,
            Pending::SwitchPack(_) => Context::ConfirmSwitchPack,
        }
    }
}

/// A yes or no to the question on screen.
pub(in crate::app) fn key(pending: &Pending, state: &mut State, action: Action, effects: &mut Vec<Effect>) -> Next {
    match (pending, action) {
        (Pending::Quit, Action::Confirm) => {
            effects.push(Effect::Quit);
            Next::Keep
        }
        (Pending::EndCall, Action::Confirm) => {
            // Ended from the read-back: the record says it was read out.
            let read_back = state.screens.iter().find_map(|s| match s {
                Screen::Readback(view) => Some(view.opened_at),
                _ => None,
            });
            if let Some(at) = read_back {
                record(state, Entry::ReadBack { at }, effects);
                state.screens.retain(|s| !matches!(s, Screen::Readback(_)));
            }
            record(state, Entry::End { at: state.now }, effects);
            effects.push(Effect::CloseJournal);
            state.new_call();
            Next::Close
        }
        (Pending::SwitchPack(id), Action::Confirm) => {
            // The call is ended once the new pack is open (see `switch_pack`).
            state.close_screens(|_| true);
            effects.push(Effect::LoadPack(id.clone()));
            Next::Close
        }
        (_, Action::Cancel | Action::Close) => Next::Close,
        _ => Next::Keep,
    }
}
