//! `update`: the one place the state changes. Pure: no I/O, no clock reads.

use super::action::Action;
use super::contact_now::ContactNow;
use super::layout::scroll_to_show;
use super::state::{Overlay, State};
use crate::call::Alert;
use crate::call::summary::{raises_alert, trigger_of};

/// What the runner must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
}

/// Lines the mouse wheel scrolls.
const WHEEL_LINES: usize = 3;

pub fn update(state: &mut State, action: Action) -> Vec<Effect> {
    let effects = match action {
        Action::Tick(now) => {
            // The clock never moves the view: a handler reading a scrolled
            // grid keeps their place.
            state.now = now;
            state.contact = ContactNow::compute(&state.pack, state.calendar.as_ref(), now);
            return Vec::new();
        }
        Action::Resize { width, height } => {
            state.size = (width, height);
            state.relayout();
            Vec::new()
        }
        Action::Quit => quit(state),
        Action::Confirm if state.overlays.last() == Some(&Overlay::ConfirmQuit) => vec![Effect::Quit],
        Action::Cancel if state.overlays.last() == Some(&Overlay::ConfirmQuit) => {
            state.overlays.pop();
            Vec::new()
        }
        Action::Acknowledge => {
            state.call.acknowledge(state.now);
            Vec::new()
        }
        Action::OpenHelp => {
            if state.overlays.last() != Some(&Overlay::Help) {
                state.help_scroll = 0;
                state.overlays.push(Overlay::Help);
            }
            Vec::new()
        }
        Action::OpenImmediate => {
            if !state.overlays.contains(&Overlay::Immediate) {
                state.overlays.push(Overlay::Immediate);
            }
            Vec::new()
        }
        Action::Close => {
            state.overlays.pop();
            Vec::new()
        }
        Action::Click { column, row } => {
            click(state, column, row);
            Vec::new()
        }
        Action::Scroll { down } => {
            let doc = state.grid_doc();
            let view = usize::from(state.areas().grid_cells().height);
            let max = doc.total_lines.saturating_sub(view);
            state.scroll =
                if down { (state.scroll + WHEEL_LINES).min(max) } else { state.scroll.saturating_sub(WHEEL_LINES) };
            return Vec::new();
        }
        other => {
            match state.overlays.last() {
                Some(Overlay::Help) => help_key(state, &other),
                Some(Overlay::Immediate) => immediate_key(state, &other),
                Some(Overlay::ConfirmQuit) => {}
                None => grid_key(state, &other),
            }
            Vec::new()
        }
    };
    keep_cursor_visible(state);
    effects
}

fn quit(state: &mut State) -> Vec<super::Effect> {
    if state.call.has_ticks() {
        if state.overlays.last() != Some(&Overlay::ConfirmQuit) {
            state.overlays.push(Overlay::ConfirmQuit);
        }
        Vec::new()
    } else {
        vec![Effect::Quit]
    }
}

fn grid_key(state: &mut State, action: &Action) {
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
                toggle(state, &id);
            }
            cursor
        }
        _ => cursor,
    };
}

fn immediate_key(state: &mut State, action: &Action) {
    let last = state.grid.immediate.len().saturating_sub(1);
    match action {
        Action::MoveDown => state.immediate_cursor = (state.immediate_cursor + 1).min(last),
        Action::MoveUp => state.immediate_cursor = state.immediate_cursor.saturating_sub(1),
        Action::First => state.immediate_cursor = 0,
        Action::Last => state.immediate_cursor = last,
        Action::ToggleTick => {
            if let Some(id) = state.grid.immediate.get(state.immediate_cursor).map(|e| e.id.clone()) {
                toggle(state, &id);
            }
        }
        _ => {}
    }
}

fn help_key(state: &mut State, action: &Action) {
    match action {
        Action::MoveDown => state.help_scroll = state.help_scroll.saturating_add(1),
        Action::MoveUp => state.help_scroll = state.help_scroll.saturating_sub(1),
        _ => {}
    }
}

/// Ticks or unticks an item; ticking an immediate-protection item raises
/// an alert that stays until acknowledged (unticking never hides it).
fn toggle(state: &mut State, id: &str) {
    let ticked = state.call.toggle(id, state.now);
    let already_pending = state.call.alerts.iter().any(|a| a.item == id && a.acknowledged_at.is_none());
    if ticked && !already_pending && raises_alert(&state.pack, id) {
        state.call.alerts.push(Alert {
            item: id.to_string(),
            trigger: trigger_of(&state.pack, id).map(|t| t.id.clone()),
            raised_at: state.now,
            line_shown: state.contact.shown(),
            acknowledged_at: None,
        });
    }
}

fn click(state: &mut State, column: u16, row: u16) {
    if !state.overlays.is_empty() || state.call.pending_alert().is_some() {
        return;
    }
    let cells = state.areas().grid_cells();
    if !(cells.x..cells.right()).contains(&column) || !(cells.y..cells.bottom()).contains(&row) {
        return;
    }
    let doc = state.grid_doc();
    let line = state.scroll + usize::from(row - cells.y);
    if let Some(target) = doc.hit(line, column - cells.x) {
        state.cursor = target;
        if let Some(id) = state.grid.item(target).map(|i| i.id.clone()) {
            toggle(state, &id);
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
