//! Who a tick is about: the whole household or named children, chosen with
//! check boxes and recorded as one `HouseholdChange::Assign`.

use std::collections::BTreeSet;

use super::Next;
use crate::app::action::Action;
use crate::app::state::State;
use crate::app::update::{Effect, record, toggle};
use crate::call::Entry;
use crate::call::household::{ChildId, Heard, Hearing, HouseholdChange};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssignForm {
    /// The grid indicator or immediate item.
    pub item: String,
    /// Row 0 is the whole household, then each child in recorded order.
    pub cursor: usize,
    /// The children checked; none is the whole household.
    pub chosen: BTreeSet<ChildId>,
}

impl AssignForm {
    pub fn rows(&self, state: &State) -> usize {
        state.call().household.children.len() + 1
    }
}

/// What the key does on a live call: with no child recorded, say how to add
/// one; with one, switch the tick between the household and that child at
/// once; with more, open the chooser. An unticked item is ticked too: the
/// handler says who it is about because it was said.
pub(in crate::app) fn start(state: &mut State, item: &str, effects: &mut Vec<Effect>) -> Option<AssignForm> {
    let children: Vec<ChildId> = state.call.household.children.iter().map(|c| c.id).collect();
    match children.as_slice() {
        [] => {
            let keys = state.keymap.hint(crate::keymap::Context::Grid, &Action::AddChild);
            state.status = Some(format!("No child recorded yet: add one ({keys}), then assign."));
            None
        }
        [only] => {
            let about = state.call.household.about(item);
            let to = if about.is_empty() { vec![*only] } else { Vec::new() };
            assign(state, item, to, effects);
            None
        }
        _ => {
            let chosen = state.call.household.about(item).iter().copied().collect();
            Some(AssignForm { item: item.to_string(), cursor: 0, chosen })
        }
    }
}

/// Records who `item` is about, ticking it first if it is not ticked.
fn assign(state: &mut State, item: &str, children: Vec<ChildId>, effects: &mut Vec<Effect>) {
    if state.call.household.about(item) != children.as_slice() {
        let change = HouseholdChange::Assign { item: item.to_string(), children };
        record(state, Entry::Household { change, at: state.now }, effects);
    }
    // Assigned before the tick, so an alert it raises names the children.
    if !state.call.is_ticked(item) {
        toggle(state, item, effects);
    }
}

pub(in crate::app) fn key(
    form: &mut AssignForm,
    state: &mut State,
    action: &Action,
    effects: &mut Vec<Effect>,
) -> Next {
    let last = form.rows(state) - 1;
    match action {
        Action::MoveDown => form.cursor = (form.cursor + 1).min(last),
        Action::MoveUp => form.cursor = form.cursor.saturating_sub(1),
        Action::First => form.cursor = 0,
        Action::Last => form.cursor = last,
        Action::ToggleTick => match form.cursor.checked_sub(1).and_then(|i| state.call.household.children.get(i)) {
            None => form.chosen.clear(),
            Some(child) => {
                if !form.chosen.remove(&child.id) {
                    form.chosen.insert(child.id);
                }
            }
        },
        Action::Confirm => {
            let children = form.chosen.iter().copied().collect();
            assign(state, &form.item.clone(), children, effects);
            return Next::Close;
        }
        Action::Cancel => return Next::Close,
        _ => {}
    }
    Next::Keep
}

/// The next of: not said → first-hand → heard from someone else → not said.
pub(in crate::app) fn cycle_heard(state: &mut State, about: Heard, effects: &mut Vec<Effect>) {
    let household = &state.call.household;
    let now = match &about {
        Heard::Tick(id) => household.heard_ticks.get(id),
        Heard::Note(section) => household.heard_notes.get(section),
    };
    let hearing = match now {
        None => Some(Hearing::FirstHand),
        Some(Hearing::FirstHand) => Some(Hearing::SecondHand),
        Some(Hearing::SecondHand) => None,
    };
    let change = HouseholdChange::Heard { about, hearing };
    record(state, Entry::Household { change, at: state.now }, effects);
}

/// `mark_heard` on a tick: only a ticked item was said at all.
pub(in crate::app) fn mark_tick(state: &mut State, item: &str, effects: &mut Vec<Effect>) {
    if state.call.is_ticked(item) {
        cycle_heard(state, Heard::Tick(item.to_string()), effects);
    } else {
        state.status = Some("Tick it first: only what was said can be first-hand or heard.".into());
    }
}
