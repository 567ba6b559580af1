//! Setting who handles the calls (name, role, team), and marking the
//! record entered in the case system with its reference. Neither ever
//! stands between the handler and a call: the call goes on under them.

use super::Next;
use crate::app::action::Action;
use crate::app::input::{Outcome, TextInput};
use crate::app::state::State;
use crate::app::update::{Effect, record};
use crate::call::Entry;
use crate::call::handler::{CaseReference, Handled, Handler, check_reference};

/// The handler form's fields, in the order Down visits them.
pub const HANDLER_FIELDS: [&str; 3] = ["Your name", "Role", "Team"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandlerForm {
    /// Index into [`HANDLER_FIELDS`].
    pub field: usize,
    pub inputs: [TextInput; 3],
    /// Why the last attempt to save was refused.
    pub problem: Option<String>,
}

impl HandlerForm {
    /// The form holding the handler set now, if any.
    pub fn for_handler(handler: Option<&Handler>) -> HandlerForm {
        let h = handler.cloned().unwrap_or_default();
        HandlerForm {
            field: 0,
            inputs: [TextInput::line(&h.name), TextInput::line(&h.role), TextInput::line(&h.team)],
            problem: None,
        }
    }

    fn typed(&self) -> Handler {
        let [name, role, team] = &self.inputs;
        Handler { name: name.text(), role: role.text(), team: team.text() }
    }
}

/// Something of this call is on disk (or waiting to be), so a change is an
/// entry of its own; before that, the handler joins the journal's opening.
fn journal_begun(state: &State) -> bool {
    state.saved_as.is_some() || state.unsaved > 0 || state.call.has_content()
}

pub(in crate::app) fn handler_key(
    form: &mut HandlerForm,
    state: &mut State,
    action: Action,
    effects: &mut Vec<Effect>,
) -> Next {
    let count = HANDLER_FIELDS.len();
    if let Some(input) = form.inputs.get_mut(form.field) {
        match input.apply(&action) {
            Outcome::Changed | Outcome::Unchanged => return Next::Keep,
            Outcome::Ignored => {}
        }
    }
    match action {
        Action::MoveDown => form.field = (form.field + 1) % count,
        Action::MoveUp => form.field = (form.field + count - 1) % count,
        Action::Confirm => {
            let Some(handler) = form.typed().cleaned() else {
                form.problem = Some("Type your name first: it is what says who handled the call.".into());
                return Next::Keep;
            };
            state.handler = Some(handler.clone());
            if state.call.handler() == Some(&handler) {
                return Next::Close;
            }
            if journal_begun(state) {
                let handled = Handled { handler, at: state.now, at_start: false };
                record(state, Entry::Handler { handled }, effects);
            } else {
                state.call.set_opening_handler(handler, state.now);
            }
            return Next::Close;
        }
        _ => {}
    }
    Next::Keep
}

/// The one-line form for the case system's reference.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReferenceForm {
    pub input: TextInput,
    pub problem: Option<String>,
}

pub(in crate::app) fn reference_key(
    form: &mut ReferenceForm,
    state: &mut State,
    action: Action,
    effects: &mut Vec<Effect>,
) -> Next {
    match form.input.apply(&action) {
        Outcome::Changed | Outcome::Unchanged => return Next::Keep,
        Outcome::Ignored => {}
    }
    if action != Action::Confirm {
        return Next::Keep;
    }
    match check_reference(&form.input.text()) {
        Ok(reference) => {
            if state.call.case_reference().map(|c| c.reference.as_str()) != Some(reference.as_str()) {
                let reference = CaseReference { reference, at: state.now };
                record(state, Entry::CaseReference { reference }, effects);
                // Every mark-entered is in the audit log, from whichever
                // screen; a call not yet on disk is named by the runner.
                let who = state.handler.as_ref().map_or_else(|| "not set".into(), |h| h.name.clone());
                let record = state.saved_as.clone().unwrap_or_default();
                effects.push(Effect::Audit { record, who, action: crate::call::audit::AuditAction::MarkEntered });
            }
            Next::Close
        }
        Err(problem) => {
            form.problem = Some(format!("Not saved: {problem}."));
            Next::Keep
        }
    }
}

/// A restored call goes on under the handler at the desk now: if that is
/// someone else (or nobody was recorded), the change is an entry.
pub(in crate::app) fn carry_on(state: &mut State, effects: &mut Vec<Effect>) {
    let Some(handler) = state.handler.clone() else { return };
    if state.call.handler() != Some(&handler) {
        let handled = Handled { handler, at: state.now, at_start: false };
        record(state, Entry::Handler { handled }, effects);
    }
}
