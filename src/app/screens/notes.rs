//! The notes: one text area per worry question, and "Other notes".

use super::Next;
use crate::app::action::Action;
use crate::app::input::{Outcome, TextInput};
use crate::app::record::OTHER_NOTES;
use crate::app::state::State;
use crate::app::update::{Effect, record};
use crate::call::journal::note_change;
use crate::call::{Call, Entry};
use crate::pack::Pack;
use crate::text::clean_line;

/// One notes section: its id, its heading, and the text being edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotesSection {
    pub id: String,
    pub heading: String,
    pub prompt: Option<String>,
    pub input: TextInput,
    /// Edits journalled since the last whole copy of this section.
    pub edits: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotesForm {
    pub sections: Vec<NotesSection>,
    /// The section being edited.
    pub section: usize,
}

impl NotesForm {
    /// The notes for a call, filled from what it already holds.
    pub fn for_call(pack: &Pack, call: &Call) -> NotesForm {
        let mut sections: Vec<NotesSection> = pack
            .guidance
            .worry_questions
            .iter()
            .flat_map(|w| w.questions.iter())
            .map(|q| NotesSection {
                id: q.id.clone(),
                heading: clean_line(&q.text),
                prompt: q.prompt.as_deref().map(clean_line),
                input: TextInput::multiline(call.notes.get(&q.id).map_or("", String::as_str)),
                edits: 0,
            })
            .collect();
        sections.push(NotesSection {
            id: OTHER_NOTES.into(),
            heading: "Other notes".into(),
            prompt: None,
            input: TextInput::multiline(call.notes.get(OTHER_NOTES).map_or("", String::as_str)),
            edits: 0,
        });
        NotesForm { sections, section: 0 }
    }
}

pub(in crate::app) fn key(form: &mut NotesForm, state: &mut State, action: Action, effects: &mut Vec<Effect>) -> Next {
    let sections = form.sections.len().max(1);
    match action {
        Action::NextRow => form.section = (form.section + 1) % sections,
        Action::PrevRow => form.section = (form.section + sections - 1) % sections,
        Action::MarkHeard => {
            if let Some(id) = form.sections.get(form.section).map(|s| s.id.clone()) {
                super::assign::cycle_heard(state, crate::call::household::Heard::Note(id), effects);
            }
        }
        action => {
            let Some(section) = form.sections.get_mut(form.section) else { return Next::Keep };
            if section.input.apply(&action) != Outcome::Changed {
                return Next::Keep;
            }
            let text = section.input.text();
            let old = state.call.notes.get(&section.id).map_or("", String::as_str);
            // Journalled as the edit made, with a whole copy now and then.
            if let Some(entry) = note_change(&section.id, old, &text, section.edits, state.now) {
                section.edits = if matches!(entry, Entry::Note { .. }) { 0 } else { section.edits + 1 };
                record(state, entry, effects);
            }
        }
    }
    Next::Keep
}
