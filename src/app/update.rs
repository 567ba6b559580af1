//! `update`: the one place the state changes. Pure: no I/O, no clock reads.
//! Every change to the call is a journal entry, applied here and handed to
//! the runner to write to disk before the next frame.

use std::path::PathBuf;

use super::action::{Action, LoadedPack};
use super::contact_now::ContactNow;
use super::layout::scroll_to_show;
use super::record::DecisionField;
use super::screen::{Pending, Screen};
use super::screens::{self, Next};
use super::state::State;
use crate::call::summary::{raises_alert, trigger_of};
use crate::call::{Alert, Entry};

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
    /// Read the shift's calls and hand them back as `Action::CallsLoaded`.
    LoadCalls,
    /// The shift starts now (kept in the records folder); then reload.
    StartShift,
    /// Read this record's Markdown export for `Action::CallOpened`.
    OpenRecord(PathBuf),
    /// Write this record's Markdown export into the records folder's
    /// exports, with an audit line naming `who`.
    ExportRecord {
        path: PathBuf,
        who: String,
    },
    /// Append the case-system reference to this record's journal, with an
    /// audit line naming `who`.
    MarkRecordEntered {
        path: PathBuf,
        reference: String,
        who: String,
    },
    /// Take over this open call's journal and hand the call back as
    /// `Action::CallResumed`.
    ResumeRecord(PathBuf),
    /// Append a line to the records folder's audit log.
    Audit {
        record: String,
        who: String,
        action: crate::call::audit::AuditAction,
    },
    /// Write the shift's handover (Markdown) into the records folder's
    /// exports, with an audit line naming `who`; say where on the calls screen.
    WriteHandover {
        who: String,
    },
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
            // The guide's "ring now" follows the header across a switch.
            for screen in &mut state.screens {
                if let Screen::Guide(view) = screen {
                    view.mark_live(state.contact.live_id.as_deref());
                }
            }
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
        Action::Syncing(count) => {
            state.syncing = count;
            return effects;
        }
        Action::Resize { width, height } => {
            state.size = (width, height);
            state.relayout();
            let overlay = state.areas().overlay();
            for screen in &mut state.screens {
                if let Screen::Guide(view) = screen {
                    view.relayout(overlay);
                }
            }
        }
        Action::Scroll { down } if !state.screens.is_empty() => {
            // The wheel scrolls what is on top, never the grid hidden under
            // it; a screen under a raised alert is not read, so not scrolled.
            let readable =
                state.screens.last().is_some_and(Screen::above_banner) || state.call.pending_alert().is_none();
            let scrolls_text = matches!(
                state.screens.last(),
                Some(Screen::Help { .. } | Screen::Guide(_) | Screen::Scenario { .. } | Screen::Key { .. })
            );
            if readable && scrolls_text {
                let step = if down { Action::MoveDown } else { Action::MoveUp };
                for _ in 0..WHEEL_LINES {
                    key(state, step.clone(), &mut effects);
                }
            }
            return effects;
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
        answer @ (Action::CallsLoaded(_) | Action::CallOpened(_) | Action::CallResumed(_) | Action::CallsSaid(_)) => {
            screens::calls::answer(state, answer, &mut effects);
            return effects;
        }
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
fn quit(state: &mut State, effects: &mut Vec<Effect>) {
    let top = state.screens.last();
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
        state.close_screens(|o| matches!(o, Screen::Packs { .. }));
    }
    state.close_screens(|o| matches!(o, Screen::Confirm(_)));
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
    next.handler = state.handler.take();
    next.stamp_handler();
    // The calls offered for restore stay offered; one chosen from another
    // pack is resumed now that its pack is open.
    let restore = state.screens.iter_mut().find_map(|s| if let Screen::Restore(r) = s { Some(r) } else { None });
    let mut restore = restore.map(std::mem::take).unwrap_or_default();
    let resume = std::mem::take(&mut restore.resume_after_switch)
        && restore.selected_offer().is_some_and(|o| o.call.pack.id == next.pack.id);
    if !restore.offers.is_empty() {
        next.screens.push(Screen::Restore(restore));
    }
    *state = next;
    if resume {
        to_top(state, Action::Confirm, effects);
    }
}

/// Applies a change to the call and asks the runner to write it down.
pub(super) fn record(state: &mut State, entry: Entry, effects: &mut Vec<Effect>) {
    state.call.apply(&entry);
    effects.push(Effect::Persist(entry));
}

/// Brings a screen to the top; one already open keeps its state there.
pub(super) fn push_screen(state: &mut State, screen: Screen) {
    if state.screens.last().is_some_and(|s| s.same_kind(&screen)) {
        return;
    }
    state.screens.retain(|s| !s.same_kind(&screen));
    state.screens.push(screen);
}

/// Brings one of the call's record screens to the top, as it was left if it
/// was opened before this call, else built from the call.
fn open_record(state: &mut State, fresh: Screen, reset: impl FnOnce(&mut Screen)) {
    let mut screen = state.take_record_screen(&fresh);
    reset(&mut screen);
    state.screens.push(screen);
}

/// Replaces an open screen of the same kind (its state starts afresh).
pub(super) fn open_fresh(state: &mut State, screen: Screen) {
    state.screens.retain(|s| !s.same_kind(&screen));
    state.screens.push(screen);
}

fn key(state: &mut State, action: Action, effects: &mut Vec<Effect>) {
    if state.present
        && matches!(
            action,
            Action::OpenDetails
                | Action::OpenNotes
                | Action::OpenDecision
                | Action::OpenOutcome
                | Action::SetHandler
                | Action::MarkEntered
                | Action::OpenReadback
                | Action::OpenHousehold
                | Action::AddChild
        )
    {
        // Presentation mode shows no personal-data screens.
        return;
    }
    if state.training.is_some() && action == Action::OpenPacks {
        state.status = Some(TRAINING_FIXES_PACK.into());
        return;
    }
    let top = state.screens.last();
    let (restore, confirm) = (matches!(top, Some(Screen::Restore(_))), matches!(top, Some(Screen::Confirm(_))));
    let calls = matches!(top, Some(Screen::Calls(_)));
    match action {
        Action::Quit => quit(state, effects),
        action if restore => to_top(state, action, effects),
        Action::Acknowledge if state.call.pending_alert().is_some() => {
            record(state, Entry::Acknowledge { at: state.now }, effects);
        }
        Action::OpenHelp => open_fresh(state, Screen::Help { scroll: 0 }),
        action if confirm => to_top(state, action, effects),
        // The calls screen closes its record and its prompt before itself,
        // and marks the call chosen there, not the one on screen.
        action @ (Action::Close | Action::MarkEntered) if calls => to_top(state, action, effects),
        Action::OpenImmediate => push_screen(state, Screen::Immediate { cursor: 0 }),
        Action::OpenGuide => open_fresh(state, Screen::Guide(Box::new(screens::guide::open(state)))),
        Action::OpenDetails => {
            let fields = super::record::Field::for_call(&state.pack, &state.call);
            open_record(state, Screen::Details(state.details_form()), |s| {
                if let Screen::Details(form) = s {
                    form.set_fields(fields);
                    form.field = 0;
                }
            })
        }
        Action::OpenNotes => open_record(state, Screen::Notes(state.notes_form()), |_| {}),
        Action::OpenDecision => open_record(state, Screen::Decision(state.decision_form()), |s| {
            if let Screen::Decision(form) = s {
                form.problem = None;
                form.field = DecisionField::Level;
            }
        }),
        Action::OpenOutcome => {
            let fresh = Screen::Outcome(screens::outcome::OutcomeForm::for_call(&state.pack, &state.call));
            open_record(state, fresh, |s| {
                if let Screen::Outcome(form) = s {
                    form.problem = None;
                }
            })
        }
        Action::EndCall if state.screens.is_empty() && state.call.has_content() => screens::readback::end_call(state),
        Action::TogglePresent => {
            state.present = !state.present;
            // No personal-data screens on a projector.
            state.close_screens(Screen::personal);
        }
        action @ (Action::ClockForward | Action::ClockNextWeekday | Action::ClockNextHoliday) if state.simulated => {
            let zone = crate::pack::resolve::pack_zone(&state.pack);
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
        Action::ShowScenario if state.training.is_some() => push_screen(state, Screen::Scenario { scroll: 0 }),
        Action::RevealKey if state.training.is_some() => {
            if let Some(training) = state.training.as_mut() {
                training.key_shown = true;
            }
            state.screens.retain(|o| !matches!(o, Screen::Scenario { .. }));
            push_screen(state, Screen::Key { scroll: 0 });
        }
        Action::OpenPacks if state.screens.is_empty() => {
            let cursor = state.picker_start();
            push_screen(state, Screen::Packs { cursor });
        }
        Action::OpenSearch => {
            // The search starts empty each time it opens.
            state.screens.retain(|o| !matches!(o, Screen::Search(_)));
            state.screens.push(Screen::Search(Default::default()));
        }
        Action::SetHandler => {
            open_fresh(state, Screen::Handler(screens::handler::HandlerForm::for_handler(state.handler.as_ref())))
        }
        Action::MarkEntered => open_fresh(state, Screen::CaseReference(Default::default())),
        Action::OpenReadback => {
            let view = screens::readback::ReadbackView { scroll: 0, opened_at: state.now, ending: false };
            open_fresh(state, Screen::Readback(view));
        }
        Action::Close if !state.screens.is_empty() => {
            if let Some(screen) = state.screens.pop() {
                state.park(screen);
            }
        }
        Action::OpenClocks => push_screen(state, Screen::Clocks { cursor: 0 }),
        Action::SetUrgency if state.screens.is_empty() => {
            let urgency = crate::call::clocks::Rag::next(state.call.clocks.urgency_now());
            record(state, Entry::Urgency { urgency, at: state.now }, effects);
        }
        Action::OpenHousehold => {
            let fields = super::record::Field::for_call(&state.pack, &state.call);
            open_record(state, Screen::Details(state.details_form()), |s| {
                if let Screen::Details(form) = s {
                    form.set_fields(fields);
                    form.go_to_section(super::record::Section::Children);
                }
            })
        }
        Action::AddChild if state.screens.is_empty() => {
            let fields = super::record::Field::for_call(&state.pack, &state.call);
            open_record(state, Screen::Details(state.details_form()), |s| {
                if let Screen::Details(form) = s {
                    form.set_fields(fields);
                }
            });
            to_top(state, Action::AddChild, effects);
        }
        Action::OpenCalls => screens::calls::open(state, effects),
        action if state.screens.is_empty() => grid_key(state, &action, effects),
        action => to_top(state, action, effects),
    }
}

/// Hands a key to the top screen. The screen is taken out while it
/// handles the key (so it can change the rest of the state), then put back
/// where it was, under anything it opened, unless it closed itself.
fn to_top(state: &mut State, action: Action, effects: &mut Vec<Effect>) {
    let Some(mut screen) = state.screens.pop() else { return };
    let at = state.screens.len();
    let next = match &mut screen {
        Screen::Immediate { cursor } => screens::immediate::key(cursor, state, &action, effects),
        Screen::Help { scroll } => screens::help::key(scroll, state, &action),
        Screen::Confirm(pending) => screens::confirm::key(pending, state, action, effects),
        Screen::Details(form) => screens::details::key(form, state, action, effects),
        Screen::Notes(form) => screens::notes::key(form, state, action, effects),
        Screen::Decision(form) => screens::decision::key(form, state, action, effects),
        Screen::Restore(restore) => screens::restore::key(restore, state, action, effects),
        Screen::Search(search) => screens::search::key(search, state, action, effects),
        Screen::Packs { cursor } => screens::packs::key(cursor, state, &action, effects),
        Screen::Scenario { scroll } => screens::scenario::scenario_key(scroll, state, &action),
        Screen::Key { scroll } => screens::scenario::key_key(scroll, &action),
        Screen::Guide(view) => screens::guide::key(view, state, &action),
        Screen::Outcome(form) => screens::outcome::key(form, state, action, effects),
        Screen::Clocks { cursor } => screens::clocks::key(cursor, state, &action, effects),
        Screen::Handler(form) => screens::handler::handler_key(form, state, action, effects),
        Screen::CaseReference(form) => screens::handler::reference_key(form, state, action, effects),
        Screen::Readback(view) => screens::readback::key(view, state, &action),
        Screen::Assign(form) => screens::assign::key(form, state, &action, effects),
        Screen::Calls(screen) => screens::calls::key(screen, state, action, effects),
    };
    match next {
        Next::Keep => state.screens.insert(at.min(state.screens.len()), screen),
        Next::Close => state.park(screen),
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
        Action::AssignTick if !state.present => {
            if let Some(id) = grid.item(cursor).map(|i| i.id.clone())
                && let Some(form) = screens::assign::start(state, &id, effects)
            {
                open_fresh(state, Screen::Assign(form));
            }
            cursor
        }
        Action::MarkHeard => {
            if let Some(id) = grid.item(cursor).map(|i| i.id.clone()) {
                screens::assign::mark_tick(state, &id, effects);
            }
            cursor
        }
        _ => cursor,
    };
}

/// Ticks or unticks an item; ticking an immediate-protection item raises
/// an alert that stays until acknowledged (unticking never hides it).
pub(super) fn toggle(state: &mut State, id: &str, effects: &mut Vec<Effect>) {
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
