//! The calls screen: this shift's calls, newest first, each on a row as the
//! handler handing over at 08:30 reads it; Enter opens one read-only. From
//! the list or the record: resume an open call, export it, mark it entered
//! in the case system. The rows and the record come from the runner (disk)
//! through effects; everything here is pure.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::Next;
use super::handler::ReferenceForm;
use crate::app::action::Action;
use crate::app::input::Outcome;
use crate::app::screen::Screen;
use crate::app::state::State;
use crate::app::update::{Effect, open_fresh, record};
use crate::call::Entry;
use crate::call::audit::AuditAction;
use crate::call::handler::{CaseReference, check_reference};
use crate::call::shift::CallRow;
use crate::keymap::Context;

/// The shift's calls as the runner read them.
#[derive(Debug, Clone)]
pub struct CallList {
    /// Newest first, started within the shift.
    pub rows: Vec<CallRow>,
    pub since: DateTime<Utc>,
    /// `since` is the shift start the handler set (else the last 24 hours).
    pub shift_start: bool,
    /// Records whose start cannot be read, so not placed in the shift.
    pub unreadable: usize,
}

/// A loaded list; two are the same only if they are the same load (rows
/// are not compared field by field).
#[derive(Debug, Clone)]
pub struct Listed(pub Arc<CallList>);

impl PartialEq for Listed {
    fn eq(&self, other: &Listed) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Listed {}

/// A record opened read-only: its Markdown export, line by line, or why
/// it cannot be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    pub id: String,
    pub lines: Result<Vec<String>, String>,
}

/// An open call the runner took over (locked, its journal resumed): it
/// replaces the empty call on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resumed {
    pub id: String,
    pub call: Box<crate::call::Call>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Viewing {
    pub id: String,
    /// `None` until the runner has read it.
    pub opened: Option<Opened>,
    pub scroll: u16,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallsScreen {
    /// `None` until the runner has read the records folder.
    pub list: Option<Listed>,
    pub selected: usize,
    /// What the last key did ("exported to …") or why it could not.
    pub message: Option<String>,
    /// The case-system reference being typed for the selected call.
    pub entering: Option<ReferenceForm>,
    /// The selected call, open read-only over the list.
    pub viewing: Option<Viewing>,
    /// "Shift starts now" was pressed once: a second press sets it.
    pub confirm_shift: bool,
}

impl CallsScreen {
    pub fn context(&self) -> Context {
        if self.entering.is_some() {
            Context::CaseReference
        } else if self.viewing.is_some() {
            Context::CallView
        } else {
            Context::Calls
        }
    }

    /// The record open over the list is the call's whole record.
    pub fn personal(&self) -> bool {
        self.viewing.is_some()
    }

    pub fn rows(&self) -> &[CallRow] {
        self.list.as_ref().map_or(&[], |l| l.0.rows.as_slice())
    }

    /// The call the keys act on: the one open, else the one selected.
    pub fn target(&self) -> Option<&CallRow> {
        match &self.viewing {
            Some(v) => self.rows().iter().find(|r| r.id == v.id),
            None => self.rows().get(self.selected),
        }
    }
}

/// Who the audit log names for what is done at this desk.
fn who(state: &State) -> String {
    state.handler.as_ref().map_or_else(|| "not set".into(), |h| h.name.clone())
}

/// The row of the call on screen, if it is on disk.
pub fn is_current(state: &State, row: &CallRow) -> bool {
    state.saved_as.as_deref() == Some(row.id.as_str())
}

pub(in crate::app) fn open(state: &mut State, effects: &mut Vec<Effect>) {
    open_fresh(state, Screen::Calls(Box::default()));
    effects.push(Effect::LoadCalls);
}

/// The runner's answers: the list read, a record read, a call resumed, or
/// what an export or a mark came to.
pub(in crate::app) fn answer(state: &mut State, action: Action, effects: &mut Vec<Effect>) {
    if let Action::CallResumed(resumed) = action {
        let Resumed { id, call } = resumed;
        let started = crate::hours::local::human(call.started_at, crate::pack::resolve::pack_zone(&state.pack));
        state.resume_call(*call);
        state.saved_as = Some(id);
        state.close_screens(|s| matches!(s, Screen::Calls(_)));
        state.status = Some(format!("Resumed the call started {started}."));
        super::handler::carry_on(state, effects);
        return;
    }
    let Some(screen) = state.screens.iter_mut().find_map(|s| if let Screen::Calls(c) = s { Some(c) } else { None })
    else {
        return;
    };
    match action {
        Action::CallsLoaded(list) => {
            // The selection stays on the same call across a reload.
            let id = screen.rows().get(screen.selected).map(|r| r.id.clone());
            let rows = &list.0.rows;
            screen.selected = id.and_then(|id| rows.iter().position(|r| r.id == id)).unwrap_or(0);
            screen.list = Some(list);
        }
        Action::CallOpened(opened) => {
            if let Some(view) = screen.viewing.as_mut().filter(|v| v.id == opened.id) {
                view.opened = Some(opened);
            }
        }
        Action::CallsSaid(message) => screen.message = Some(message),
        _ => {}
    }
}

/// Lines a page key scrolls the record.
const PAGE: u16 = 10;

pub(in crate::app) fn key(
    screen: &mut CallsScreen,
    state: &mut State,
    action: Action,
    effects: &mut Vec<Effect>,
) -> Next {
    if let Some(form) = screen.entering.as_mut() {
        match reference_key(form, &action) {
            Prompt::Typing => {}
            Prompt::Cancelled => screen.entering = None,
            Prompt::Done(reference) => {
                screen.entering = None;
                if let Some(row) = screen.target().cloned() {
                    screen.message = mark(state, &row, reference, effects);
                }
            }
        }
        return Next::Keep;
    }
    let confirm_shift = std::mem::take(&mut screen.confirm_shift);
    if action != Action::Close {
        screen.message = None;
    }
    let last = screen.rows().len().saturating_sub(1);
    let has_target = screen.target().is_some();
    match (&mut screen.viewing, action) {
        (Some(_), Action::Close) => screen.viewing = None,
        (None, Action::Close) => return Next::Close,
        (Some(view), action @ (Action::MoveDown | Action::MoveUp)) => super::scroll(&mut view.scroll, &action),
        (Some(view), Action::PageDown) => view.scroll = view.scroll.saturating_add(PAGE),
        (Some(view), Action::PageUp) => view.scroll = view.scroll.saturating_sub(PAGE),
        (Some(view), Action::First) => view.scroll = 0,
        (None, Action::MoveDown) => screen.selected = (screen.selected + 1).min(last),
        (None, Action::MoveUp) => screen.selected = screen.selected.saturating_sub(1),
        (None, Action::First) => screen.selected = 0,
        (None, Action::Last) => screen.selected = last,
        (None, Action::Confirm) => {
            let Some(row) = screen.rows().get(screen.selected) else { return Next::Keep };
            if state.present {
                screen.message = Some(PRESENT_HIDES_RECORD.into());
            } else {
                let id = row.id.clone();
                effects.push(Effect::OpenRecord(row.path.clone()));
                screen.viewing = Some(Viewing { id, opened: None, scroll: 0 });
            }
        }
        (None, Action::StartShift) if !confirm_shift => {
            screen.confirm_shift = true;
            let again = state.keymap.hint(Context::Calls, &Action::StartShift);
            screen.message =
                Some(format!("Press {again} again to start the shift now: the list then shows calls from now on."));
        }
        (None, Action::StartShift) => effects.push(Effect::StartShift),
        (_, Action::ResumeCall) => match screen.target().map(|row| can_resume(state, row)) {
            Some(Ok(path)) => effects.push(Effect::ResumeRecord(path)),
            Some(Err(why)) => screen.message = Some(why),
            None => {}
        },
        (_, Action::ExportCall) => {
            if let Some(row) = screen.target() {
                effects.push(Effect::ExportRecord { path: row.path.clone(), who: who(state) });
            }
        }
        (_, Action::MarkEntered) if has_target => screen.entering = Some(ReferenceForm::default()),
        (None, Action::WriteHandover) => effects.push(Effect::WriteHandover { who: who(state) }),
        _ => {}
    }
    Next::Keep
}

/// Why a record is not put on screen in presentation mode.
pub const PRESENT_HIDES_RECORD: &str =
    "Presentation mode: a call's record is not shown on a projector (leave presentation mode to open it).";

/// The journal to resume, or why this call cannot be resumed here.
fn can_resume(state: &State, row: &CallRow) -> Result<PathBuf, String> {
    if is_current(state, row) {
        return Err("That is the call on screen now.".into());
    }
    if !row.open {
        return Err("That call has ended: only an open call can be resumed.".into());
    }
    if state.training.is_some() {
        return Err("Training: a scenario's call cannot be swapped for another.".into());
    }
    if state.call.has_content() {
        let end = state.keymap.hint(Context::Grid, &crate::app::Action::EndCall);
        return Err(format!("The call on screen is not ended: end it first ({end}), then resume this one here."));
    }
    if row.simulated != state.simulated {
        return Err(if row.simulated {
            "That is a training call (simulated clock): resume it in a session with --at.".into()
        } else {
            "That is a real call: it cannot be resumed on a simulated clock.".into()
        });
    }
    if row.pack.as_deref() != Some(state.pack.id.as_str()) {
        let pack = row.pack.as_deref().unwrap_or("an unknown pack");
        let packs = state.keymap.hint(Context::Grid, &crate::app::Action::OpenPacks);
        return Err(format!("That call was taken on {pack}: open that pack first ({packs}), then resume it."));
    }
    Ok(row.path.clone())
}

/// Where typing the reference has got to.
enum Prompt {
    Typing,
    Cancelled,
    Done(String),
}

fn reference_key(form: &mut ReferenceForm, action: &Action) -> Prompt {
    match form.input.apply(action) {
        Outcome::Changed | Outcome::Unchanged => return Prompt::Typing,
        Outcome::Ignored => {}
    }
    match action {
        Action::Close => Prompt::Cancelled,
        Action::Confirm => match check_reference(&form.input.text()) {
            Ok(reference) => Prompt::Done(reference),
            Err(problem) => {
                form.problem = Some(format!("Not saved: {problem}."));
                Prompt::Typing
            }
        },
        _ => Prompt::Typing,
    }
}

/// Marks `row` entered under `reference`: the call on screen through its
/// own journal (this process holds its lock), any other through the
/// runner, which says what came of it.
fn mark(state: &mut State, row: &CallRow, reference: String, effects: &mut Vec<Effect>) -> Option<String> {
    if !is_current(state, row) {
        effects.push(Effect::MarkRecordEntered { path: row.path.clone(), reference, who: who(state) });
        return None;
    }
    let said = format!("marked entered: {reference}");
    if state.call.case_reference().map(|c| c.reference.as_str()) != Some(reference.as_str()) {
        let reference = CaseReference { reference, at: state.now };
        record(state, Entry::CaseReference { reference }, effects);
    }
    effects.push(Effect::Audit { record: row.id.clone(), who: who(state), action: AuditAction::MarkEntered });
    effects.push(Effect::LoadCalls);
    Some(said)
}
