//! The call-details form: one field at a time, choices cycled, text typed;
//! children and adults added and removed (a removal asks first).

use super::Next;
use super::household::{stored_text, text_change};
use crate::app::action::Action;
use crate::app::input::{Outcome, TextInput};
use crate::app::record::{self, AdultField, ChildField, Field, Person, Section};
use crate::app::state::State;
use crate::app::update::{Effect, record};

use crate::call::household::HouseholdChange;
use crate::call::{Call, Entry};
use crate::pack::Pack;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailsForm {
    /// The fields for this pack and call, and the one being edited; rebuilt
    /// after each key, as children and adults come and go.
    pub fields: Vec<Field>,
    pub field: usize,
    /// The text fields typed into, as typed: an age that does not read as
    /// one yet ("1" on the way to "18m"), and each field's cursor and undo.
    inputs: Vec<(Field, TextInput)>,
    /// The child or adult the handler asked to remove, until they confirm
    /// with the same key or press another.
    pub removing: Option<Person>,
}

impl DetailsForm {
    pub fn for_call(pack: &Pack, call: &Call) -> DetailsForm {
        DetailsForm { fields: Field::for_call(pack, call), field: 0, inputs: Vec::new(), removing: None }
    }

    pub fn current_field(&self) -> Field {
        self.fields.get(self.field).copied().unwrap_or(Field::SafeNow)
    }

    /// The text as typed in `field`, if it has been typed into.
    pub fn input(&self, field: Field) -> Option<&TextInput> {
        self.inputs.iter().find(|(f, _)| *f == field).map(|(_, input)| input)
    }

    /// The input of a text field, made from what the call holds the first
    /// time it is edited.
    fn input_mut(&mut self, field: Field, call: &Call) -> Option<&mut TextInput> {
        if !field.is_text() {
            return None;
        }
        let at = match self.inputs.iter().position(|(f, _)| *f == field) {
            Some(at) => at,
            None => {
                self.inputs.push((field, TextInput::line(&stored_text(field, call))));
                self.inputs.len() - 1
            }
        };
        self.inputs.get_mut(at).map(|(_, input)| input)
    }

    /// The fields again after a change to the call, the cursor kept on its
    /// field (or where it was, if that field went with a removed person).
    pub fn refresh(&mut self, pack: &Pack, call: &Call) {
        self.set_fields(Field::for_call(pack, call));
    }

    /// The fields as they now are, the cursor kept on its field.
    pub fn set_fields(&mut self, fields: Vec<Field>) {
        let current = self.current_field();
        self.fields = fields;
        match self.fields.iter().position(|f| *f == current) {
            Some(at) => self.field = at,
            None => self.field = self.field.min(self.fields.len().saturating_sub(1)),
        }
    }

    /// Puts the cursor on `field`, if the form has it.
    pub fn go_to(&mut self, field: Field) {
        if let Some(at) = self.fields.iter().position(|f| *f == field) {
            self.field = at;
        }
    }

    /// Puts the cursor on the first field of the next section, or of the
    /// one before (of this one, if the cursor is inside it).
    fn step_section(&mut self, forward: bool) {
        let starts: Vec<usize> = (0..self.fields.len())
            .filter(|i| *i == 0 || self.fields[i - 1].section() != self.fields[*i].section())
            .collect();
        let target = if forward {
            starts.iter().copied().find(|i| *i > self.field).or(starts.first().copied())
        } else {
            let start = starts.iter().copied().rfind(|i| *i <= self.field);
            match start {
                Some(at) if at < self.field => Some(at),
                _ => starts.iter().copied().rfind(|i| *i < self.field).or(starts.last().copied()),
            }
        };
        if let Some(at) = target {
            self.field = at;
        }
    }

    /// Puts the cursor on the first field of `section`.
    pub fn go_to_section(&mut self, section: Section) {
        if let Some(at) = self.fields.iter().position(|f| f.section() == section) {
            self.field = at;
        }
    }
}

/// Adds a child (or an adult) and puts the cursor on their label. With no
/// one recorded yet, the one the form already shows is the one added.
pub(in crate::app) fn add_person(form: &mut DetailsForm, state: &mut State, child: bool, effects: &mut Vec<Effect>) {
    let household = &state.call.household;
    let (change, label) = if child {
        let id = household.next_child_id();
        (HouseholdChange::AddChild { child: id }, Field::Child(id, ChildField::Label))
    } else {
        let id = household.next_adult_id();
        (HouseholdChange::AddAdult { adult: id }, Field::Adult(id, AdultField::Label))
    };
    record(state, Entry::Household { change, at: state.now }, effects);
    form.refresh(&state.pack, &state.call);
    form.go_to(label);
}

/// The person a removal is about, if they are recorded.
fn recorded(state: &State, person: Person) -> bool {
    match person {
        Person::Child(id) => state.call.household.child(id).is_some(),
        Person::Adult(id) => state.call.household.adult(id).is_some(),
    }
}

pub(in crate::app) fn key(
    form: &mut DetailsForm,
    state: &mut State,
    action: Action,
    effects: &mut Vec<Effect>,
) -> Next {
    let removing = form.removing.take();
    handle(form, state, action, removing, effects);
    form.refresh(&state.pack, &state.call);
    Next::Keep
}

fn handle(
    form: &mut DetailsForm,
    state: &mut State,
    action: Action,
    removing: Option<Person>,
    effects: &mut Vec<Effect>,
) {
    let fields = form.fields.len().max(1);
    let field = form.current_field();
    // Left and right choose on a choice field and move the cursor in text.
    let action = match (action, field.is_text()) {
        (Action::MoveLeft, true) => Action::CursorLeft,
        (Action::MoveRight, true) => Action::CursorRight,
        (action, _) => action,
    };
    if let Some(input) = form.input_mut(field, &state.call) {
        match input.apply(&action) {
            Outcome::Changed => {
                if let Some(entry) = text_change(field, &input.text(), &state.call, state.now) {
                    record(state, entry, effects);
                }
                return;
            }
            Outcome::Unchanged => return,
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
        Action::NextRow | Action::PrevRow => form.step_section(action == Action::NextRow),
        Action::AddChild => add_person(form, state, true, effects),
        Action::AddAdult => add_person(form, state, false, effects),
        Action::RemovePerson => {
            let Some(person) = field.person().filter(|p| recorded(state, *p)) else { return };
            if removing != Some(person) {
                form.removing = Some(person);
                return;
            }
            let change = match person {
                Person::Child(child) => HouseholdChange::RemoveChild { child },
                Person::Adult(adult) => HouseholdChange::RemoveAdult { adult },
            };
            record(state, Entry::Household { change, at: state.now }, effects);
            // The removed person's typing goes with them.
            form.inputs.retain(|(f, _)| f.person() != Some(person));
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use crate::app::record::{ChildField, Field};
    use crate::app::screens::test_state as state;
    use crate::app::{Action, State, update};
    use crate::call::details::Age;
    use crate::call::{DetailChange, Entry};

    fn type_text(state: &mut State, text: &str) {
        for c in text.chars() {
            update(state, Action::Edit(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
        }
    }

    fn go_to(state: &mut State, field: Field) {
        for _ in 0..100 {
            if state.details().expect("open").current_field() == field {
                return;
            }
            update(state, Action::MoveDown);
        }
        panic!("no {field:?}");
    }

    #[test]
    fn a_half_typed_age_survives_closing_the_form() {
        let mut s = state();
        update(&mut s, Action::OpenDetails);
        let born = Field::Child(1, ChildField::Born);
        go_to(&mut s, born);
        type_text(&mut s, "un");
        assert_eq!(s.call.household.first_child().and_then(|c| c.born), None, "\"un\" is not an age yet");
        update(&mut s, Action::Close);
        assert!(s.screens.is_empty());
        update(&mut s, Action::OpenDetails);
        let form = s.details().expect("open");
        assert_eq!(form.input(born).expect("typed"), &"un", "the typing is where it was left");
        assert_eq!(form.field, 0, "the form opens on its first field");
        go_to(&mut s, born);
        type_text(&mut s, "born");
        assert_eq!(s.call.household.first_child().and_then(|c| c.age(s.call.today())), Age::parse("unborn"));
    }

    #[test]
    fn a_form_built_from_a_restored_call_types_on_after_each_text() {
        let mut s = state();
        let at = s.now;
        s.call.apply(&Entry::Detail { change: DetailChange::Agency("School".into()), at });
        s.call.apply(&Entry::Detail { change: DetailChange::Age(Age::parse("8m")), at });
        update(&mut s, Action::OpenDetails);
        go_to(&mut s, Field::Child(1, ChildField::Born));
        type_text(&mut s, "o");
        assert_eq!(s.call.household.first_child().and_then(|c| c.born), None, "8 monthso: typed on after the text");
        go_to(&mut s, Field::Agency);
        type_text(&mut s, " nurse");
        assert_eq!(s.call.details.agency, "School nurse");
    }

    #[test]
    fn a_new_call_starts_a_fresh_form() {
        let mut s = state();
        update(&mut s, Action::OpenDetails);
        go_to(&mut s, Field::Child(1, ChildField::Born));
        type_text(&mut s, "un");
        update(&mut s, Action::Close);
        s.new_call();
        update(&mut s, Action::OpenDetails);
        assert_eq!(s.details().expect("open").input(Field::Child(1, ChildField::Born)), None);
    }
}
