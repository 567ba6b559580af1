//! The handler's decision: the level they judge, its rationale and, once a
//! decision is recorded, the reason for each change.

use super::Next;
use crate::app::action::Action;
use crate::app::input::{Outcome, TextInput};
use crate::app::record::{self, DecisionField};
use crate::app::state::State;
use crate::app::update::{Effect, record};
use crate::call::{Call, DraftField, Entry};
use crate::pack::Pack;
use crate::text::clean_line;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionForm {
    pub field: DecisionField,
    /// Index into [None, level 1, level 2, …].
    pub level: usize,
    pub rationale: TextInput,
    pub reason: TextInput,
    /// Why the last attempt to save a decision was refused.
    pub problem: Option<String>,
}

impl DecisionForm {
    /// The form for a call: its last decision, and the drafts written since.
    pub fn for_call(pack: &Pack, call: &Call) -> DecisionForm {
        let decision = call.decision();
        let level = decision.and_then(|d| d.level.as_deref()).and_then(|id| pack.level_index(id)).map_or(0, |i| i + 1);
        let (rationale, reason) = drafts_of(call);
        DecisionForm {
            field: DecisionField::Level,
            level,
            rationale: TextInput::line(
                &rationale.or_else(|| decision.map(|d| d.rationale.clone())).unwrap_or_default(),
            ),
            reason: TextInput::line(&reason.unwrap_or_default()),
            problem: None,
        }
    }
}

/// The drafts kept in the call (rationale, reason), so a half-written
/// rationale survives a crash too.
fn drafts_of(call: &Call) -> (Option<String>, Option<String>) {
    (call.drafts.rationale.clone(), call.drafts.reason.clone())
}

/// The journal entry that keeps a draft: its own kind, never a notes
/// section a pack question could share a name with.
fn draft_entry(field: DecisionField, text: String, at: chrono::DateTime<chrono::Utc>) -> Entry {
    let field = if field == DecisionField::Reason { DraftField::Reason } else { DraftField::Rationale };
    Entry::DecisionDraft { field, text, at }
}

pub(in crate::app) fn key(
    form: &mut DecisionForm,
    state: &mut State,
    action: Action,
    effects: &mut Vec<Effect>,
) -> Next {
    let levels = state.pack.levels.len() + 1;
    let order = DecisionField::order(&state.call);
    let here = order.iter().position(|f| *f == form.field).unwrap_or(0);
    let step = |by: usize| order.get((here + by) % order.len()).copied().unwrap_or(DecisionField::Level);
    let typing = form.field != DecisionField::Level;
    // Left and right choose the level, and move the cursor in text.
    let action = match (action, typing) {
        (Action::MoveLeft, true) => Action::CursorLeft,
        (Action::MoveRight, true) => Action::CursorRight,
        (action, _) => action,
    };
    if typing {
        let input = if form.field == DecisionField::Reason { &mut form.reason } else { &mut form.rationale };
        match input.apply(&action) {
            Outcome::Changed => {
                let text = clean_line(&input.text());
                record(state, draft_entry(form.field, text, state.now), effects);
                return Next::Keep;
            }
            Outcome::Unchanged => return Next::Keep,
            Outcome::Ignored => {}
        }
    }
    match action {
        Action::MoveDown => form.field = step(1),
        Action::MoveUp => form.field = step(order.len() - 1),
        Action::MoveLeft => form.level = (form.level + levels - 1) % levels,
        Action::MoveRight => form.level = (form.level + 1) % levels,
        Action::Confirm => match record::decision_entry(&state.pack, &state.call, form, state.now) {
            Ok(entry) => {
                record(state, entry, effects);
                form.reason = TextInput::line("");
                form.problem = None;
                record(state, draft_entry(DecisionField::Reason, String::new(), state.now), effects);
                return Next::Close;
            }
            Err(problem) => form.problem = Some(problem),
        },
        _ => {}
    }
    Next::Keep
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use crate::app::record::DecisionField;
    use crate::app::screens::test_state as state;
    use crate::app::{Action, update};

    #[test]
    fn a_level_chosen_but_not_recorded_survives_closing_the_form() {
        let mut s = state();
        update(&mut s, Action::OpenDecision);
        update(&mut s, Action::MoveRight);
        update(&mut s, Action::MoveDown);
        update(&mut s, Action::Confirm);
        assert!(s.decision().expect("open").problem.is_some(), "no rationale yet");
        update(&mut s, Action::Close);
        update(&mut s, Action::OpenDecision);
        let form = s.decision().expect("open");
        assert_eq!(form.level, 1);
        assert_eq!(form.field, DecisionField::Level, "it opens on the level");
        assert_eq!(form.problem, None, "an old refusal is not shown again");
    }
}
