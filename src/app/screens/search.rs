//! The search box and its results.

use ratatui_textarea::TextArea;

use super::Next;
use crate::app::action::Action;
use crate::app::screen::Screen;
use crate::app::state::State;
use crate::app::update::{Effect, open_fresh, toggle};
use crate::text::clean_line;

/// How many results the search keeps.
pub const SEARCH_RESULTS: usize = 200;

#[derive(Debug, Clone, Default)]
pub struct SearchBox {
    pub input: TextArea<'static>,
    pub hits: Vec<crate::search::Hit>,
    pub selected: usize,
}

/// Text areas have no equality of their own: the same query, results and
/// selection are the same box.
impl PartialEq for SearchBox {
    fn eq(&self, other: &SearchBox) -> bool {
        self.input.lines() == other.input.lines() && self.hits == other.hits && self.selected == other.selected
    }
}

impl Eq for SearchBox {}

impl SearchBox {
    pub fn query(&self) -> String {
        self.input.lines().first().cloned().unwrap_or_default()
    }

    fn rerun(&mut self, state: &mut State) {
        self.hits = state.index.search(&self.query(), SEARCH_RESULTS);
        self.selected = 0;
    }
}

pub(in crate::app) fn key(
    search: &mut SearchBox,
    state: &mut State,
    action: Action,
    effects: &mut Vec<Effect>,
) -> Next {
    let last = search.hits.len().saturating_sub(1);
    let page = 10;
    let selected = search.hits.get(search.selected).map(|h| state.index.entries[h.entry].id.clone());
    match action {
        Action::MoveDown => search.selected = (search.selected + 1).min(last),
        Action::MoveUp => search.selected = search.selected.saturating_sub(1),
        Action::PageDown => search.selected = (search.selected + page).min(last),
        Action::PageUp => search.selected = search.selected.saturating_sub(page),
        Action::ToggleTick => {
            if let Some(id) = selected {
                toggle(state, &id, effects);
            }
        }
        Action::GoToResult => {
            let Some(id) = selected else { return Next::Keep };
            if let Some(cursor) = state.grid.find(&id) {
                state.cursor = cursor;
            } else if let Some(cursor) = state.grid.immediate.iter().position(|e| e.id == id) {
                open_fresh(state, Screen::Immediate { cursor });
            }
            return Next::Close;
        }
        Action::Edit(key) => {
            // One line: Enter is bound to ticking, and a newline never enters the box.
            if key.code == crossterm::event::KeyCode::Enter {
                return Next::Keep;
            }
            if search.input.input(key) {
                search.rerun(state);
            }
        }
        Action::Paste(text) if search.input.insert_str(clean_line(&text)) => search.rerun(state),
        _ => {}
    }
    Next::Keep
}
