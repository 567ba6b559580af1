//! The notes: one text area per worry question, and "Other notes".

use ratatui_textarea::{TextArea, WrapMode};

use super::Next;
use crate::app::action::Action;
use crate::app::record::{self, OTHER_NOTES};
use crate::app::state::State;
use crate::app::update::{Effect, record};
use crate::call::journal::note_change;
use crate::call::{Call, Entry};
use crate::pack::Pack;
use crate::text::clean_line;

/// One notes section: its id, its heading, and the text being edited.
#[derive(Debug, Clone)]
pub struct NotesSection {
    pub id: String,
    pub heading: String,
    pub prompt: Option<String>,
    pub area: TextArea<'static>,
    /// Edits journalled since the last whole copy of this section.
    pub edits: usize,
}

/// Text areas have no equality of their own; two sections are the same if
/// they hold the same text at the same place.
impl PartialEq for NotesSection {
    fn eq(&self, other: &NotesSection) -> bool {
        (&self.id, &self.heading, &self.prompt, self.edits) == (&other.id, &other.heading, &other.prompt, other.edits)
            && self.area.lines() == other.area.lines()
            && self.area.cursor() == other.area.cursor()
    }
}

impl Eq for NotesSection {}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotesForm {
    pub sections: Vec<NotesSection>,
    /// The section being edited.
    pub section: usize,
}

fn text_area(text: &str) -> TextArea<'static> {
    let mut area = TextArea::new(text.split('\n').map(String::from).collect());
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area
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
                area: text_area(call.notes.get(&q.id).map_or("", String::as_str)),
                edits: 0,
            })
            .collect();
        sections.push(NotesSection {
            id: OTHER_NOTES.into(),
            heading: "Other notes".into(),
            prompt: None,
            area: text_area(call.notes.get(OTHER_NOTES).map_or("", String::as_str)),
            edits: 0,
        });
        NotesForm { sections, section: 0 }
    }

    /// New typing goes after what was written, not before it.
    pub fn to_ends(mut self) -> NotesForm {
        for section in &mut self.sections {
            section.area.move_cursor(ratatui_textarea::CursorMove::Bottom);
            section.area.move_cursor(ratatui_textarea::CursorMove::End);
        }
        self
    }
}

pub(in crate::app) fn key(form: &mut NotesForm, state: &mut State, action: Action, effects: &mut Vec<Effect>) -> Next {
    let sections = form.sections.len().max(1);
    match action {
        Action::NextRow => form.section = (form.section + 1) % sections,
        Action::PrevRow => form.section = (form.section + sections - 1) % sections,
        Action::Edit(_) | Action::Paste(_) => {
            let Some(section) = form.sections.get_mut(form.section) else { return Next::Keep };
            match action {
                Action::Edit(key) => {
                    section.area.input(key);
                }
                // Terminals send a pasted line break as CR.
                Action::Paste(text) => {
                    section.area.insert_str(crate::text::clean(&text.replace("\r\n", "\n").replace('\r', "\n")));
                }
                _ => return Next::Keep,
            }
            let text = record::area_text(&section.area);
            let old = state.call.notes.get(&section.id).map_or("", String::as_str);
            // Journalled as the edit made, with a whole copy now and then.
            if let Some(entry) = note_change(&section.id, old, &text, section.edits, state.now) {
                section.edits = if matches!(entry, Entry::Note { .. }) { 0 } else { section.edits + 1 };
                record(state, entry, effects);
            }
        }
        _ => {}
    }
    Next::Keep
}
