//! `update`: the one place the state changes. Pure: no I/O, no clock reads.
//! Every change to the call is a journal entry, applied here and handed to
//! the runner to write to disk before the next frame.

use std::path::PathBuf;

use super::action::{Action, LoadedPack};
use super::contact_now::ContactNow;
use super::layout::scroll_to_show;
use super::record::{self, DecisionField, Field};
use super::screen::{Pending, Screen};
use super::state::State;
use crate::call::journal::note_change;
use crate::call::summary::{raises_alert, trigger_of};
use crate::call::{Alert, DetailChange, DraftField, Entry};
use crate::text::clean_line;

/// What the runner must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write this entry to the call's journal (creating it if need be).
    Persist(Entry),
    /// Go on writing to this journal: its call was restored.
    Resume(PathBuf),
    /// End this unfinished call without restoring it (the handler chose
    /// to set it aside).
    SetAside(PathBuf),
    /// Let go of the unfinished calls offered and not chosen, so another
    /// dutygrid may offer them.
    ReleaseOffers,
    /// The call ended: close its journal; the next entry starts a new one.
    CloseJournal,
    /// Open this pack and hand it back as `Action::PackLoaded`; nothing has
    /// changed yet, so a pack that cannot be opened leaves the call as it is.
    LoadPack(String),
    /// Set the simulated clock to this instant (training, `--at`).
    SetClock(chrono::DateTime<chrono::Utc>),
    Quit,
}

/// Lines the mouse wheel scrolls.
const WHEEL_LINES: usize = 3;

pub fn update(state: &mut State, action: Action) -> Vec<Effect> {
    let mut effects = Vec::new();
    match action {
        Action::Tick(now) => {
            // The clock never moves the view: a handler reading a scrolled
            // grid keeps their place.
            state.now = now;
            state.contact = ContactNow::compute(&state.pack, state.calendar.as_ref(), now);
            return effects;
        }
        Action::Saved(id) => {
            state.saved_as = Some(id);
            return effects;
        }
        Action::SaveFailed(message) => {
            state.status = Some(message);
            return effects;
        }
        Action::Unsaved { count, problem } => {
            let was_warning = state.status.is_some() && state.status == state.not_saved_line();
            state.unsaved = count;
            state.save_problem = (count > 0).then_some(problem);
            if count > 0 || was_warning {
                state.status = state.not_saved_line();
            }
            return effects;
        }
        Action::Resize { width, height } => {
            state.size = (width, height);
            state.relayout();
        }
        Action::Scroll { down } => {
            let view = usize::from(state.areas().grid_cells().height);
            let max = state.grid_doc().total_lines.saturating_sub(view);
            state.scroll =
                if down { (state.scroll + WHEEL_LINES).min(max) } else { state.scroll.saturating_sub(WHEEL_LINES) };
            return effects;
        }
        Action::Click { column, row } => click(state, column, row, &mut effects),
        Action::PackLoaded(loaded) => switch_pack(state, loaded, &mut effects),
        other => {
            // A key clears a passing message, never the warning that
            // changes are not on disk.
            state.status = state.not_saved_line();
            key(state, other, &mut effects);
        }
    }
    keep_cursor_visible(state);
    effects
}

/// Why a training session does not switch pack.
pub const TRAINING_FIXES_PACK: &str = "Training: the scenario fixes its pack, so it cannot be switched.";

/// Quit, from any screen. It never answers the question on screen: in the
/// quit question it changes nothing (only its own "yes" quits, so a
/// repeated Ctrl-C neither quits nor makes the question vanish), and over
/// "End this call?" or "Switch pack?" it asks to quit instead.
fn quit(state: &mut State, top: Option<&Screen>, effects: &mut Vec<Effect>) {
    if top == Some(&Screen::Confirm(Pending::Quit)) {
        return;
    }
    let nothing_to_lose = !state.call.has_content() && state.unsaved == 0;
    if nothing_to_lose || state.training.is_some() {
        effects.push(Effect::Quit);
        return;
    }
    if matches!(top, Some(Screen::Confirm(Pending::SwitchPack(_)))) {
        // The switch is withdrawn with its question.
        state.screens.retain(|o| !matches!(o, Screen::Packs { .. }));
    }
    state.screens.retain(|o| !matches!(o, Screen::Confirm(_)));
    push_screen(state, Screen::Confirm(Pending::Quit));
}

/// Opens the call on a pack the runner has loaded: the call in progress is
/// ended (and kept) and a new one begins on the new pack. What the handler
/// set up carries over: keymap, clock, screen size, presentation mode and
/// the packs offered. A training session keeps its scenario's pack.
fn switch_pack(state: &mut State, loaded: LoadedPack, effects: &mut Vec<Effect>) {
    if state.training.is_some() {
        state.status = Some(TRAINING_FIXES_PACK.into());
        return;
    }
    if state.call.has_content() {
        record(state, Entry::End { at: state.now }, effects);
        effects.push(Effect::CloseJournal);
    }
    let origin = loaded.1;
    let (pack, calendar) = std::sync::Arc::unwrap_or_clone(loaded.0);
    let mut next = State::new(pack, calendar, state.keymap.clone(), state.now, state.simulated);
    next.pack_choices = std::mem::take(&mut state.pack_choices);
    next.present = state.present;
    next.size = state.size;
    next.pack_origin = origin;
    // The calls offered for restore stay offered; one chosen from another
    // pack is resumed now that its pack is open.
    let mut restore = std::mem::take(&mut state.restore);
    let resume = std::mem::take(&mut restore.resume_after_switch)
        && restore.selected_offer().is_some_and(|o| o.call.pack.id == next.pack.id);
    if !restore.offers.is_empty() {
        next.restore = restore;
        next.screens.push(Screen::Restore);
    }
    *state = next;
    if resume {
        restore_key(state, Action::Confirm, effects);
    }
}

/// Applies a change to the call and asks the runner to write it down.
fn record(state: &mut State, entry: Entry, effects: &mut Vec<Effect>) {
    state.call.apply(&entry);
    effects.push(Effect::Persist(entry));
}

/// Brings a screen to the top; one already open keeps its state there.
fn push_screen(state: &mut State, screen: Screen) {
    if state.screens.last().is_some_and(|s| s.same_kind(&screen)) {
        return;
    }
    state.screens.retain(|s| !s.same_kind(&screen));
    state.screens.push(screen);
}

/// Replaces an open screen of the same kind (its state starts afresh).
fn open_fresh(state: &mut State, screen: Screen) {
    state.screens.retain(|s| !s.same_kind(&screen));
    state.screens.push(screen);
}

fn key(state: &mut State, action: Action, effects: &mut Vec<Effect>) {
    if state.present && matches!(action, Action::OpenDetails | Action::OpenNotes | Action::OpenDecision) {
        // Presentation mode shows no personal-data screens.
        return;
    }
    if state.training.is_some() && action == Action::OpenPacks {
        state.status = Some(TRAINING_FIXES_PACK.into());
        return;
    }
    let top = state.screens.last().cloned();
    match (top, action) {
        (top, Action::Quit) => quit(state, top.as_ref(), effects),
        (Some(Screen::Restore), action) => restore_key(state, action, effects),
        (_, Action::Acknowledge) if state.call.pending_alert().is_some() => {
            record(state, Entry::Acknowledge { at: state.now }, effects);
        }
        (_, Action::OpenHelp) => open_fresh(state, Screen::Help { scroll: 0 }),
        (Some(Screen::Confirm(pending)), action) => confirm_key(state, pending, action, effects),
        (_, Action::OpenImmediate) => push_screen(state, Screen::Immediate { cursor: 0 }),
        (_, Action::OpenDetails) => {
            state.forms.field = 0;
            push_screen(state, Screen::Details);
        }
        (_, Action::OpenNotes) => push_screen(state, Screen::Notes),
        (_, Action::OpenDecision) => {
            state.forms.decision_problem = None;
            state.forms.decision_field = DecisionField::Level;
            push_screen(state, Screen::Decision);
        }
        (None, Action::EndCall) if state.call.has_content() => push_screen(state, Screen::Confirm(Pending::EndCall)),
        (_, Action::TogglePresent) => {
            state.present = !state.present;
            // No personal-data screens on a projector.
            state.screens.retain(|o| !o.personal());
        }
        (_, action @ (Action::ClockForward | Action::ClockNextWeekday | Action::ClockNextHoliday))
            if state.simulated =>
        {
            let zone = crate::hours::resolve::pack_zone(&state.pack);
            let calendar = state.calendar.as_ref();
            let target = match action {
                Action::ClockForward => Some(state.now + chrono::Duration::minutes(15)),
                Action::ClockNextWeekday => crate::hours::steps::next_working_morning(state.now, zone, calendar),
                _ => crate::hours::steps::next_holiday(state.now, zone, calendar),
            };
            if let Some(target) = target {
                state.clock_skipped += target - state.now;
                effects.push(Effect::SetClock(target));
            }
        }
        (_, Action::ShowScenario) if state.training.is_some() => push_screen(state, Screen::Scenario { scroll: 0 }),
        (_, Action::RevealKey) if state.training.is_some() => {
            if let Some(training) = state.training.as_mut() {
                training.key_shown = true;
            }
            state.screens.retain(|o| !matches!(o, Screen::Scenario { .. }));
            push_screen(state, Screen::Key { scroll: 0 });
        }
        (None, Action::OpenPacks) => {
            let cursor = state.picker_start();
            push_screen(state, Screen::Packs { cursor });
        }
        (_, Action::OpenSearch) => {
            state.search.input = ratatui_textarea::TextArea::default();
            state.search.hits.clear();
            state.search.selected = 0;
            push_screen(state, Screen::Search);
        }
        (Some(_), Action::Close) => {
            state.screens.pop();
        }
        (None, action) => grid_key(state, &action, effects),
        (Some(Screen::Help { .. } | Screen::Scenario { .. } | Screen::Key { .. }), action) => {
            scroll_key(state, &action)
        }
        (Some(Screen::Immediate { cursor }), action) => immediate_key(state, cursor, &action, effects),
        (Some(Screen::Packs { cursor }), action) => packs_key(state, cursor, &action, effects),
        (Some(Screen::Details), action) => details_key(state, action, effects),
        (Some(Screen::Notes), action) => notes_key(state, action, effects),
        (Some(Screen::Decision), action) => decision_key(state, action, effects),
        (Some(Screen::Search), action) => search_key(state, action, effects),
    }
}

/// The top screen's state, to change in place.
fn top_mut(state: &mut State) -> Option<&mut Screen> {
    state.screens.last_mut()
}

/// A yes or no to the question on screen.
fn confirm_key(state: &mut State, pending: Pending, action: Action, effects: &mut Vec<Effect>) {
    match (pending, action) {
        (Pending::Quit, Action::Confirm) => effects.push(Effect::Quit),
        (Pending::EndCall, Action::Confirm) => {
            state.screens.pop();
            record(state, Entry::End { at: state.now }, effects);
            effects.push(Effect::CloseJournal);
            state.new_call();
        }
        (Pending::SwitchPack(id), Action::Confirm) => {
            // The call is ended once the new pack is open (see `switch_pack`).
            state.screens.clear();
            effects.push(Effect::LoadPack(id));
        }
        (_, Action::Cancel | Action::Close) => {
            state.screens.pop();
        }
        _ => {}
    }
}

/// Help, the scenario and the key: text that scrolls.
fn scroll_key(state: &mut State, action: &Action) {
    if let Some(Screen::Help { scroll }) = state.screens.last() {
        let moved = help_scroll(state, *scroll, action);
        if let Some(Screen::Help { scroll }) = state.screens.last_mut() {
            *scroll = moved;
        }
        return;
    }
    let training = state.training.as_mut();
    let Some(screen) = state.screens.last_mut() else { return };
    if let (Screen::Scenario { .. }, Action::NextReveal, Some(training)) = (&screen, action, training) {
        training.reveals_shown = (training.reveals_shown + 1).min(training.scenario.reveals.len());
        return;
    }
    let Some(scroll) = screen.scroll_mut() else { return };
    match action {
        Action::MoveDown => *scroll = scroll.saturating_add(1),
        Action::MoveUp => *scroll = scroll.saturating_sub(1),
        _ => {}
    }
}

/// Help scrolls by line, by page and to either end, and stops with its
/// last line at the bottom.
fn help_scroll(state: &State, scroll: u16, action: &Action) -> u16 {
    let max = super::help::max_scroll(state);
    let page = u16::try_from(super::help::page(state).saturating_sub(1).max(1)).unwrap_or(1);
    let scroll = scroll.min(max);
    match action {
        Action::MoveDown => scroll.saturating_add(1),
        Action::MoveUp => scroll.saturating_sub(1),
        Action::PageDown => scroll.saturating_add(page),
        Action::PageUp => scroll.saturating_sub(page),
        Action::First => 0,
        Action::Last => max,
        _ => scroll,
    }
    .min(max)
}

fn packs_key(state: &mut State, cursor: usize, action: &Action, effects: &mut Vec<Effect>) {
    let last = state.pack_choices.len().saturating_sub(1);
    let moved = match action {
        Action::MoveDown => (cursor + 1).min(last),
        Action::MoveUp => cursor.saturating_sub(1),
        Action::Confirm => {
            match state.pack_choices.get(cursor).cloned() {
                Some(id) if id == state.pack.id => {
                    state.screens.pop();
                }
                Some(id) if !state.call.has_content() => {
                    state.screens.pop();
                    effects.push(Effect::LoadPack(id));
                }
                Some(id) => push_screen(state, Screen::Confirm(Pending::SwitchPack(id))),
                None => {}
            }
            return;
        }
        _ => return,
    };
    if let Some(Screen::Packs { cursor }) = top_mut(state) {
        *cursor = moved;
    }
}

/// The restore offer: choose a call, resume it or set it aside, or leave
/// them all for later.
fn restore_key(state: &mut State, action: Action, effects: &mut Vec<Effect>) {
    let last = state.restore.offers.len().saturating_sub(1);
    match action {
        Action::MoveDown => state.restore.selected = (state.restore.selected + 1).min(last),
        Action::MoveUp => state.restore.selected = state.restore.selected.saturating_sub(1),
        Action::Confirm => {
            let Some(offer) = state.restore.selected_offer().cloned() else { return };
            if offer.call.pack.id != state.pack.id {
                // Resumed once its own pack is open (the runner switches).
                state.restore.resume_after_switch = true;
                effects.push(Effect::LoadPack(offer.call.pack.id.clone()));
                return;
            }
            state.screens.retain(|o| *o != Screen::Restore);
            state.restore = Default::default();
            state.call = offer.call;
            state.clock_skipped = chrono::Duration::zero();
            state.forms = record::Forms::for_call(&state.pack, &state.call);
            // New typing goes after what was written, not before it.
            for section in &mut state.forms.notes {
                section.area.move_cursor(ratatui_textarea::CursorMove::Bottom);
                section.area.move_cursor(ratatui_textarea::CursorMove::End);
            }
            state.saved_as = offer.path.file_stem().map(|s| s.to_string_lossy().into_owned());
            effects.push(Effect::Resume(offer.path));
        }
        Action::Cancel => {
            if state.restore.selected < state.restore.offers.len() {
                let offer = state.restore.offers.remove(state.restore.selected);
                effects.push(Effect::SetAside(offer.path));
            }
            state.restore.selected = state.restore.selected.min(state.restore.offers.len().saturating_sub(1));
            if state.restore.offers.is_empty() {
                state.screens.retain(|o| *o != Screen::Restore);
            }
        }
        Action::Close => {
            state.restore.offers.clear();
            state.screens.retain(|o| *o != Screen::Restore);
            effects.push(Effect::ReleaseOffers);
        }
        _ => {}
    }
}

fn grid_key(state: &mut State, action: &Action, effects: &mut Vec<Effect>) {
    let grid = &state.grid;
    let cursor = state.cursor;
    state.cursor = match action {
        Action::MoveDown => cursor.down(grid),
        Action::MoveUp => cursor.up(grid),
        Action::MoveLeft => cursor.to_level(grid, cursor.level.saturating_sub(1)),
        Action::MoveRight => cursor.to_level(grid, cursor.level + 1),
        Action::JumpLevel(n) => cursor.to_level(grid, usize::from(*n).saturating_sub(1)),
        Action::NextRow => cursor.to_row(grid, cursor.row + 1),
        Action::PrevRow => cursor.to_row(grid, cursor.row.saturating_sub(1)),
        Action::NextDomain => cursor.next_domain(grid),
        Action::PrevDomain => cursor.prev_domain(grid),
        Action::First => cursor.to_row(grid, 0),
        Action::Last => cursor.to_row(grid, grid.rows.len()),
        Action::PageDown | Action::PageUp => {
            let page = usize::from(state.areas().grid_cells().height).max(1);
            let doc = state.grid_doc();
            let line = doc.lines_of(cursor).start;
            let target = if *action == Action::PageDown { line + page } else { line.saturating_sub(page) };
            let row = doc.row_near(target);
            if *action == Action::PageDown && row == cursor.row { cursor.down(grid) } else { cursor.to_row(grid, row) }
        }
        Action::ToggleTick => {
            if let Some(id) = grid.item(cursor).map(|i| i.id.clone()) {
                toggle(state, &id, effects);
            }
            cursor
        }
        _ => cursor,
    };
}

fn immediate_key(state: &mut State, cursor: usize, action: &Action, effects: &mut Vec<Effect>) {
    let last = state.grid.immediate.len().saturating_sub(1);
    let moved = match action {
        Action::MoveDown => (cursor + 1).min(last),
        Action::MoveUp => cursor.saturating_sub(1),
        Action::First => 0,
        Action::Last => last,
        Action::ToggleTick => {
            if let Some(id) = state.grid.immediate.get(cursor).map(|e| e.id.clone()) {
                toggle(state, &id, effects);
            }
            return;
        }
        _ => return,
    };
    if let Some(Screen::Immediate { cursor }) = top_mut(state) {
        *cursor = moved;
    }
}

fn details_key(state: &mut State, action: Action, effects: &mut Vec<Effect>) {
    let fields = state.forms.fields.len().max(1);
    let field = state.forms.current_field();
    match action {
        Action::MoveDown => state.forms.field = (state.forms.field + 1) % fields,
        Action::MoveUp => state.forms.field = (state.forms.field + fields - 1) % fields,
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
                    state.forms.age_text.push_str(&text);
                    let age = crate::call::details::Age::parse(&state.forms.age_text);
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
                    let edited = record::edit_line(&mut state.forms.age_text, key);
                    let age = crate::call::details::Age::parse(&state.forms.age_text);
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
}

fn notes_key(state: &mut State, action: Action, effects: &mut Vec<Effect>) {
    let sections = state.forms.notes.len().max(1);
    match action {
        Action::NextRow => state.forms.section = (state.forms.section + 1) % sections,
        Action::PrevRow => state.forms.section = (state.forms.section + sections - 1) % sections,
        Action::Edit(_) | Action::Paste(_) => {
            let Some(section) = state.forms.notes.get_mut(state.forms.section) else { return };
            match action {
                Action::Edit(key) => {
                    section.area.input(key);
                }
                // Terminals send a pasted line break as CR.
                Action::Paste(text) => {
                    section.area.insert_str(crate::text::clean(&text.replace("\r\n", "\n").replace('\r', "\n")));
                }
                _ => return,
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
}

/// How many results the search keeps.
pub const SEARCH_RESULTS: usize = 200;

fn search_key(state: &mut State, action: Action, effects: &mut Vec<Effect>) {
    let last = state.search.hits.len().saturating_sub(1);
    let page = 10;
    let selected = state.search.hits.get(state.search.selected).map(|h| state.index.entries[h.entry].id.clone());
    match action {
        Action::MoveDown => state.search.selected = (state.search.selected + 1).min(last),
        Action::MoveUp => state.search.selected = state.search.selected.saturating_sub(1),
        Action::PageDown => state.search.selected = (state.search.selected + page).min(last),
        Action::PageUp => state.search.selected = state.search.selected.saturating_sub(page),
        Action::ToggleTick => {
            if let Some(id) = selected {
                toggle(state, &id, effects);
            }
        }
        Action::GoToResult => {
            let Some(id) = selected else { return };
            state.screens.retain(|o| *o != Screen::Search);
            if let Some(cursor) = state.grid.find(&id) {
                state.cursor = cursor;
            } else if let Some(cursor) = state.grid.immediate.iter().position(|e| e.id == id) {
                open_fresh(state, Screen::Immediate { cursor });
            }
        }
        Action::Edit(key) => {
            // One line: Enter is bound to ticking, and a newline never enters the box.
            if key.code == crossterm::event::KeyCode::Enter {
                return;
            }
            if state.search.input.input(key) {
                rerun_search(state);
            }
        }
        Action::Paste(text) => {
            let changed = state.search.input.insert_str(clean_line(&text));
            if changed {
                rerun_search(state);
            }
        }
        _ => {}
    }
}

fn rerun_search(state: &mut State) {
    let query = state.search.query();
    state.search.hits = state.index.search(&query, SEARCH_RESULTS);
    state.search.selected = 0;
}

fn decision_key(state: &mut State, action: Action, effects: &mut Vec<Effect>) {
    let levels = state.pack.levels.len() + 1;
    let order = DecisionField::order(&state.call);
    let forms = &mut state.forms;
    let here = order.iter().position(|f| *f == forms.decision_field).unwrap_or(0);
    let step = |by: usize| order.get((here + by) % order.len()).copied().unwrap_or(DecisionField::Level);
    match action {
        Action::MoveDown => forms.decision_field = step(1),
        Action::MoveUp => forms.decision_field = step(order.len() - 1),
        Action::MoveLeft if forms.decision_field == DecisionField::Level => {
            forms.decision_level = (forms.decision_level + levels - 1) % levels
        }
        Action::MoveRight if forms.decision_field == DecisionField::Level => {
            forms.decision_level = (forms.decision_level + 1) % levels
        }
        Action::Edit(key) if forms.decision_field != DecisionField::Level => {
            let (buffer, field) = match forms.decision_field {
                DecisionField::Reason => (&mut forms.reason, DraftField::Reason),
                _ => (&mut forms.rationale, DraftField::Rationale),
            };
            if record::edit_line(buffer, key) {
                let text = clean_line(buffer);
                record(state, Entry::DecisionDraft { field, text, at: state.now }, effects);
            }
        }
        Action::Paste(text) if forms.decision_field != DecisionField::Level && !clean_line(&text).is_empty() => {
            let (buffer, field) = match forms.decision_field {
                DecisionField::Reason => (&mut forms.reason, DraftField::Reason),
                _ => (&mut forms.rationale, DraftField::Rationale),
            };
            buffer.push_str(&clean_line(&text));
            let text = clean_line(buffer);
            record(state, Entry::DecisionDraft { field, text, at: state.now }, effects);
        }
        Action::Confirm => match record::decision_entry(&state.pack, &state.call, &state.forms, state.now) {
            Ok(entry) => {
                record(state, entry, effects);
                state.forms.reason.clear();
                state.forms.decision_problem = None;
                let cleared = Entry::DecisionDraft { field: DraftField::Reason, text: String::new(), at: state.now };
                record(state, cleared, effects);
                state.screens.pop();
            }
            Err(problem) => state.forms.decision_problem = Some(problem),
        },
        _ => {}
    }
}

/// Ticks or unticks an item; ticking an immediate-protection item raises
/// an alert that stays until acknowledged (unticking never hides it).
fn toggle(state: &mut State, id: &str, effects: &mut Vec<Effect>) {
    let ticked = !state.call.is_ticked(id);
    record(state, Entry::Tick { id: id.to_string(), ticked, at: state.now }, effects);
    let already_pending = state.call.alerts.iter().any(|a| a.item == id && a.acknowledged_at.is_none());
    if ticked && !already_pending && raises_alert(&state.pack, id) {
        let alert = Alert {
            item: id.to_string(),
            trigger: trigger_of(&state.pack, id).map(|t| t.id.clone()),
            raised_at: state.now,
            line_shown: state.contact.shown(),
            acknowledged_at: None,
        };
        record(state, Entry::Alert { alert }, effects);
    }
}

fn click(state: &mut State, column: u16, row: u16, effects: &mut Vec<Effect>) {
    if !state.screens.is_empty() || state.call.pending_alert().is_some() {
        return;
    }
    let cells = state.areas().grid_cells();
    if !(cells.x..cells.right()).contains(&column) || !(cells.y..cells.bottom()).contains(&row) {
        return;
    }
    let line = state.scroll + usize::from(row - cells.y);
    if let Some(target) = state.grid_doc().hit(line, column - cells.x) {
        state.cursor = target;
        if let Some(id) = state.grid.item(target).map(|i| i.id.clone()) {
            toggle(state, &id, effects);
        }
    }
}

fn keep_cursor_visible(state: &mut State) {
    state.relayout();
    let cells = state.areas().grid_cells();
    let doc = state.grid_doc();
    let lines = doc.lines_of(state.cursor);
    let heading = doc.blocks.get(state.cursor.row).map_or(0, |b| b.top);
    state.scroll = scroll_to_show(state.scroll, lines, heading, usize::from(cells.height));
}
