//! The call-details form: one field at a time, choices cycled, text typed.

use super::Next;
use crate::app::action::Action;
use crate::app::input::{Outcome, TextInput};
use crate::app::record::{self, Field};
use crate::app::state::State;
use crate::app::update::{Effect, record};
use chrono::{DateTime, Utc};

use crate::call::household::{Born, ChildFact, HouseholdChange};
use crate::call::{Call, DetailChange, Entry};
use crate::pack::Pack;
use crate::text::clean_line;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailsForm {
    /// The fields for this pack, and the one being edited.
    pub fields: Vec<Field>,
    pub field: usize,
    pub agency: TextInput,
    /// The age as typed, which may not parse yet ("1" on the way to "18m").
    pub age_text: TextInput,
    pub consent_note: TextInput,
}

impl DetailsForm {
    pub fn for_call(pack: &Pack, call: &Call) -> DetailsForm {
        let details = &call.details;
        DetailsForm {
            fields: Field::for_pack(pack),
            field: 0,
            agency: TextInput::line(&details.agency),
            age_text: TextInput::line(
                &call.household.first_child().and_then(|c| c.born).map(|b| b.label(call.today())).unwrap_or_default(),
            ),
            consent_note: TextInput::line(&details.consent_note),
        }
    }

    pub fn current_field(&self) -> Field {
        self.fields.get(self.field).copied().unwrap_or(Field::Caller)
    }

    /// The text being edited in `field`, if it is a text field.
    pub fn input(&self, field: Field) -> Option<&TextInput> {
        match field {
            Field::Agency => Some(&self.agency),
            Field::Age => Some(&self.age_text),
            Field::ConsentNote => Some(&self.consent_note),
            _ => None,
        }
    }

    fn input_mut(&mut self, field: Field) -> Option<&mut TextInput> {
        match field {
            Field::Agency => Some(&mut self.agency),
            Field::Age => Some(&mut self.age_text),
            Field::ConsentNote => Some(&mut self.consent_note),
            _ => None,
        }
    }
}

/// The entry a text field's new value makes, if any: the whole value, so a
/// replayed journal needs no cursor; an age only once it reads as a
/// different age (it is the first child's).
fn text_change(field: Field, text: &str, call: &Call, at: DateTime<Utc>) -> Option<Entry> {
    let detail = |change| Some(Entry::Detail { change, at });
    match field {
        Field::Agency => detail(DetailChange::Agency(clean_line(text))),
        Field::ConsentNote => detail(DetailChange::ConsentNote(clean_line(text))),
        Field::Age => {
            let born = Born::parse(text, call.today());
            let first = call.household.first_child();
            if born == first.and_then(|c| c.born) || (born.is_none() && first.is_none()) {
                return None;
            }
            let change = HouseholdChange::Child { child: call.household.first_child_id(), fact: ChildFact::Born(born) };
            Some(Entry::Household { change, at })
        }
        _ => None,
    }
}

pub(in crate::app) fn key(
    form: &mut DetailsForm,
    state: &mut State,
    action: Action,
    effects: &mut Vec<Effect>,
) -> Next {
    let fields = form.fields.len().max(1);
    let field = form.current_field();
    // Left and right choose on a choice field and move the cursor in text.
    let action = match (action, field.is_text()) {
        (Action::MoveLeft, true) => Action::CursorLeft,
        (Action::MoveRight, true) => Action::CursorRight,
        (action, _) => action,
    };
    if let Some(input) = form.input_mut(field) {
        match input.apply(&action) {
            Outcome::Changed => {
                if let Some(entry) = text_change(field, &input.text(), &state.call, state.now) {
                    record(state, entry, effects);
                }
                return Next::Keep;
            }
            Outcome::Unchanged => return Next::Keep,
            Outcome::Ignored => {}
        }
    }
    match action {
        Action::MoveDown => form.field = (form.field + 1) % fields,
        Action::MoveUp => form.field = (form.field + fields - 1) % fields,
        Action::MoveLeft | Action::MoveRight => {
            let forward = action == Action::MoveRight;
            if let Some(entry) = record::cycle_field(field, &state.call, &state.pack, forward, state.now) {
                record(state, entry, effects);
            }
        }
        _ => {}
    }
    Next::Keep
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use crate::app::screens::test_state as state;
    use crate::app::{Action, State, update};
    use crate::call::details::Age;
    use crate::call::{DetailChange, Entry};

    fn type_text(state: &mut State, text: &str) {
        for c in text.chars() {
            update(state, Action::Edit(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
        }
    }

    #[test]
    fn a_half_typed_age_survives_closing_the_form() {
        let mut s = state();
        update(&mut s, Action::OpenDetails);
        update(&mut s, Action::MoveDown);
        update(&mut s, Action::MoveDown);
        type_text(&mut s, "un");
        assert_eq!(s.call.household.first_child().and_then(|c| c.born), None, "\"un\" is not an age yet");
        update(&mut s, Action::Close);
        assert!(s.screens.is_empty());
        update(&mut s, Action::OpenDetails);
        let form = s.details().expect("open");
        assert_eq!(form.age_text, "un", "the typing is where it was left");
        assert_eq!(form.field, 0, "the form opens on its first field");
        update(&mut s, Action::MoveDown);
        update(&mut s, Action::MoveDown);
        type_text(&mut s, "born");
        assert_eq!(s.call.household.first_child().and_then(|c| c.age(s.call.today())), Age::parse("unborn"));
    }

    #[test]
    fn a_form_built_from_a_restored_call_types_on_after_each_text() {
        let mut s = state();
        let at = s.now;
        s.call.apply(&Entry::Detail { change: DetailChange::Agency("School".into()), at });
        s.call.apply(&Entry::Detail { change: DetailChange::Age(Age::parse("8m")), at });
        let form = s.details_form();
        assert_eq!(form.agency.around_cursor(), ("School", ""));
        assert_eq!(form.age_text.around_cursor(), ("8 months", ""));
        update(&mut s, Action::OpenDetails);
        update(&mut s, Action::MoveDown);
        type_text(&mut s, " nurse");
        assert_eq!(s.call.details.agency, "School nurse");
    }

    #[test]
    fn a_new_call_starts_a_fresh_form() {
        let mut s = state();
        update(&mut s, Action::OpenDetails);
        update(&mut s, Action::MoveDown);
        update(&mut s, Action::MoveDown);
        type_text(&mut s, "un");
        update(&mut s, Action::Close);
        s.new_call();
        update(&mut s, Action::OpenDetails);
        assert_eq!(s.details().expect("open").age_text, "");
    }
}
