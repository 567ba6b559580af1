//! The call-details form: one field at a time, choices cycled, text typed.

use super::Next;
use crate::app::action::Action;
use crate::app::record::{self, Field};
use crate::app::state::State;
use crate::app::update::{Effect, record};
use crate::call::details::Age;
use crate::call::{Call, DetailChange, Entry};
use crate::pack::Pack;
use crate::text::clean_line;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailsForm {
    /// The fields for this pack, and the one being edited.
    pub fields: Vec<Field>,
    pub field: usize,
    /// The age as typed, which may not parse yet ("1" on the way to "18m").
    pub age_text: String,
}

impl DetailsForm {
    pub fn for_call(pack: &Pack, call: &Call) -> DetailsForm {
        DetailsForm {
            fields: Field::for_pack(pack),
            field: 0,
            age_text: call.details.age.map(Age::label).unwrap_or_default(),
        }
    }

    pub fn current_field(&self) -> Field {
        self.fields.get(self.field).copied().unwrap_or(Field::Caller)
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
    match action {
        Action::MoveDown => form.field = (form.field + 1) % fields,
        Action::MoveUp => form.field = (form.field + fields - 1) % fields,
        Action::MoveLeft | Action::MoveRight => {
            let forward = action == Action::MoveRight;
            if let Some(entry) = record::cycle_field(field, &state.call, &state.pack, forward, state.now) {
                record(state, entry, effects);
            }
        }
        Action::Paste(text) => {
            let text = clean_line(&text);
            let change = match field {
                Field::Agency => Some(DetailChange::Agency(clean_line(&(state.call.details.agency.clone() + &text)))),
                Field::ConsentNote => {
                    Some(DetailChange::ConsentNote(clean_line(&(state.call.details.consent_note.clone() + &text))))
                }
                Field::Age => {
                    form.age_text.push_str(&text);
                    let age = Age::parse(&form.age_text);
                    (age != state.call.details.age).then_some(DetailChange::Age(age))
                }
                _ => None,
            };
            if let Some(change) = change.filter(|_| !text.is_empty()) {
                record(state, Entry::Detail { change, at: state.now }, effects);
            }
        }
        Action::Edit(key) => {
            let change = match field {
                Field::Agency => {
                    let mut text = state.call.details.agency.clone();
                    record::edit_line(&mut text, key).then(|| DetailChange::Agency(clean_line(&text)))
                }
                Field::ConsentNote => {
                    let mut text = state.call.details.consent_note.clone();
                    record::edit_line(&mut text, key).then(|| DetailChange::ConsentNote(clean_line(&text)))
                }
                Field::Age => {
                    let edited = record::edit_line(&mut form.age_text, key);
                    let age = Age::parse(&form.age_text);
                    (edited && age != state.call.details.age).then_some(DetailChange::Age(age))
                }
                _ => None,
            };
            if let Some(change) = change {
                record(state, Entry::Detail { change, at: state.now }, effects);
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
        assert_eq!(s.call.details.age, None, "\"un\" is not an age yet");
        update(&mut s, Action::Close);
        assert!(s.screens.is_empty());
        update(&mut s, Action::OpenDetails);
        let form = s.details().expect("open");
        assert_eq!(form.age_text, "un", "the typing is where it was left");
        assert_eq!(form.field, 0, "the form opens on its first field");
        update(&mut s, Action::MoveDown);
        update(&mut s, Action::MoveDown);
        type_text(&mut s, "born");
        assert_eq!(s.call.details.age, crate::call::details::Age::parse("unborn"));
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
