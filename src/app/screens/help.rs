//! The help screen: text that scrolls by line, by page and to either end,
//! and stops with its last line at the bottom.

use super::Next;
use crate::app::action::Action;
use crate::app::state::State;

pub(in crate::app) fn key(scroll: &mut u16, state: &State, action: &Action) -> Next {
    let max = crate::app::help::max_scroll(state);
    let page = u16::try_from(crate::app::help::page(state).saturating_sub(1).max(1)).unwrap_or(1);
    let at = (*scroll).min(max);
    *scroll = match action {
        Action::MoveDown => at.saturating_add(1),
        Action::MoveUp => at.saturating_sub(1),
        Action::PageDown => at.saturating_add(page),
        Action::PageUp => at.saturating_sub(page),
        Action::First => 0,
        Action::Last => max,
        _ => at,
    }
    .min(max);
    Next::Keep
}
