//! The training scenario and the trainer's key: text that scrolls; the
//! scenario also shows its next reveal.

use super::Next;
use crate::app::action::Action;
use crate::app::state::State;

pub(in crate::app) fn scenario_key(scroll: &mut u16, state: &mut State, action: &Action) -> Next {
    if let (Action::NextReveal, Some(training)) = (action, state.training.as_mut()) {
        training.reveals_shown = (training.reveals_shown + 1).min(training.scenario.reveals.len());
        return Next::Keep;
    }
    super::scroll(scroll, action);
    Next::Keep
}

pub(in crate::app) fn key_key(scroll: &mut u16, action: &Action) -> Next {
    super::scroll(scroll, action);
    Next::Keep
}
