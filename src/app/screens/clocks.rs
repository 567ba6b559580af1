//! The call's clocks in a small list: mark the written referral received or
//! the feedback given (or take the mark back), and set the urgency.

use super::Next;
use crate::app::action::Action;
use crate::app::state::State;
use crate::app::update::{Effect, record};
use crate::call::Entry;
use crate::call::clocks::{ClockKind, Rag, clocks};

/// Why the decision clock takes no mark, for the footer.
pub const DECISION_MARK: &str = "The decision clock is met by recording your decision (v), not by a mark.";

pub(in crate::app) fn key(cursor: &mut usize, state: &mut State, action: &Action, effects: &mut Vec<Effect>) -> Next {
    let list = clocks(&state.pack, &state.call, state.calendar.as_ref());
    let last = list.len().saturating_sub(1);
    match action {
        Action::MoveDown => *cursor = (*cursor + 1).min(last),
        Action::MoveUp => *cursor = cursor.saturating_sub(1),
        Action::MarkClockDone => match list.get(*cursor).map(|c| c.kind) {
            Some(ClockKind::Decision) => state.status = Some(DECISION_MARK.into()),
            Some(clock) => {
                let done = state.call.clocks.done_at(clock).is_none();
                record(state, Entry::ClockDone { clock, done, at: state.now }, effects);
            }
            None => {}
        },
        Action::SetUrgency => {
            let urgency = Rag::next(state.call.clocks.urgency_now());
            record(state, Entry::Urgency { urgency, at: state.now }, effects);
            // The decision clock comes and goes at the top of the list: the
            // cursor stays on the clock it was on.
            let now = clocks(&state.pack, &state.call, state.calendar.as_ref()).len();
            *cursor = (*cursor + now).saturating_sub(list.len()).min(now.saturating_sub(1));
        }
        _ => {}
    }
    Next::Keep
}
