//! The search box and its results.

use super::{Next, guide};
use crate::app::action::Action;
use crate::app::input::{Outcome, TextInput};
use crate::app::screen::Screen;
use crate::app::state::State;
use crate::app::update::{Effect, open_fresh, toggle};
use crate::search::Kind;

/// How many results the search keeps.
pub const SEARCH_RESULTS: usize = 200;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchBox {
    pub input: TextInput,
    pub hits: Vec<crate::search::Hit>,
    pub selected: usize,
}

/// Screens compare whole (`Screen: Eq`); a hit's score is a finite sum of
/// finite weights, never NaN, so equality is total here.
impl Eq for SearchBox {}

impl SearchBox {
    pub fn query(&self) -> String {
        self.input.text()
    }

    fn rerun(&mut self, state: &mut State) {
        self.hits = state.search_index().search(&self.query(), SEARCH_RESULTS);
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
    let index = state.search_index();
    let selected = search.hits.get(search.selected).map(|h| index.entries[h.entry].id.clone());
    // A passage or number is read, not ticked: Enter and Tab open the guide
    // there, over the search, which keeps its query for the next.
    let place = search.hits.get(search.selected).and_then(|h| match &index.entries[h.entry].kind {
        Kind::Passage(place) | Kind::Number(place) => Some(place.clone()),
        Kind::Item => None,
    });
    if let Some(place) = place.filter(|_| matches!(action, Action::ToggleTick | Action::GoToResult)) {
        let view = guide::at_place(state, &place);
        state.screens.retain(|s| !matches!(s, Screen::Guide(_)));
        state.screens.push(Screen::Search(Box::new(std::mem::take(search))));
        state.screens.push(Screen::Guide(Box::new(view)));
        return Next::Close;
    }
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
        // One line: a newline never enters the box. Every change to the
        // query, a cleared one too, searches again.
        action => {
            if search.input.apply(&action) == Outcome::Changed {
                search.rerun(state);
            }
        }
    }
    Next::Keep
}
