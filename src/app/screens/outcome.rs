//! The outcome screen: a list of the outcomes recorded and those to add,
//! and, once one is picked, a small form to type its text (and where a
//! caller was signposted), or why a recorded one is edited or withdrawn.
//! Everything typed is journalled as a draft as it is typed.

use chrono::{DateTime, Utc};

use super::Next;
use crate::app::action::Action;
use crate::app::input::{Outcome as Edited, TextInput};
use crate::app::state::State;
use crate::app::update::{Effect, record};
use crate::call::outcome::{Change, Choice, Draft, OutcomeChange, Signpost, SignpostLine, Target, choices};
use crate::call::outcome::{Outcomes, signpost_lines};
use crate::call::{Call, Entry};
use crate::keymap::Context;
use crate::pack::Pack;
use crate::text::clean_line;

/// A field of the form for one outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Which of the pack's lines the caller was given.
    Line,
    /// A service not in the pack, typed.
    Service,
    Text,
    Reason,
}

impl Field {
    pub fn label(self) -> &'static str {
        match self {
            Field::Line => "Signposted to",
            Field::Service => "Service (not listed)",
            Field::Text => "Text",
            Field::Reason => "Reason for change",
        }
    }
}

/// The form for adding, editing or withdrawing one outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compose {
    pub target: Target,
    pub field: Field,
    /// Index into the pack's signpost lines, one past them for a service
    /// typed in.
    pub line: usize,
    pub service: TextInput,
    pub text: TextInput,
    pub reason: TextInput,
}

impl Compose {
    /// The fields, in the order Down visits them.
    pub fn fields(&self, pack: &Pack) -> Vec<Field> {
        match &self.target {
            Target::Add { choice } if is_signpost(pack, choice) => {
                let typed = self.line >= signpost_lines(pack).len();
                let mut fields = vec![Field::Line];
                if typed {
                    fields.push(Field::Service);
                }
                fields.push(Field::Text);
                fields
            }
            Target::Add { .. } => vec![Field::Text],
            Target::Edit { .. } => vec![Field::Text, Field::Reason],
            Target::Withdraw { .. } => vec![Field::Reason],
        }
    }

    fn from_draft(pack: &Pack, draft: &Draft) -> Compose {
        let lines = signpost_lines(pack);
        let line = draft.line.as_ref().and_then(|id| lines.iter().position(|l| &l.id == id));
        // A draft for a service typed in has no line: it stays typed in.
        let line = line.unwrap_or(if draft.service.is_empty() { 0 } else { lines.len() });
        let mut compose = Compose {
            target: draft.target.clone(),
            field: Field::Text,
            line,
            service: TextInput::line(&draft.service),
            text: TextInput::line(&draft.text),
            reason: TextInput::line(&draft.reason),
        };
        compose.field = compose.fields(pack).first().copied().unwrap_or(Field::Text);
        compose
    }

    fn draft(&self, pack: &Pack) -> Draft {
        let line = match &self.target {
            Target::Add { choice } if is_signpost(pack, choice) => {
                signpost_lines(pack).get(self.line).map(|l| l.id.clone())
            }
            _ => None,
        };
        Draft {
            target: self.target.clone(),
            line,
            service: clean_line(&self.service.text()),
            text: clean_line(&self.text.text()),
            reason: clean_line(&self.reason.text()),
        }
    }

    fn input(&mut self) -> Option<&mut TextInput> {
        match self.field {
            Field::Line => None,
            Field::Service => Some(&mut self.service),
            Field::Text => Some(&mut self.text),
            Field::Reason => Some(&mut self.reason),
        }
    }
}

/// The outcome screen's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeForm {
    /// Over the outcomes standing now, then the choices to add.
    pub cursor: usize,
    /// The form for one outcome, while one is being written.
    pub compose: Option<Compose>,
    /// Why the last attempt to record was refused.
    pub problem: Option<String>,
}

impl OutcomeForm {
    /// The screen for a call: on a draft left unfinished (after a crash or
    /// a restore) it opens that draft, so the typing carries on.
    pub fn for_call(pack: &Pack, call: &Call) -> OutcomeForm {
        let outcomes = &call.outcomes;
        let draft = outcomes.draft.as_ref().filter(|d| !d.is_empty() && still_applies(outcomes, &d.target));
        let compose = draft.map(|d| Compose::from_draft(pack, d));
        OutcomeForm { cursor: 0, compose, problem: None }
    }

    pub fn context(&self) -> Context {
        if self.compose.is_some() { Context::OutcomeText } else { Context::Outcome }
    }
}

/// Whether a draft's outcome is still there to edit or withdraw.
fn still_applies(outcomes: &Outcomes, target: &Target) -> bool {
    match target {
        Target::Add { .. } => true,
        Target::Edit { number } | Target::Withdraw { number } => {
            outcomes.get(*number).is_some_and(|c| c.withdrawn_at.is_none())
        }
    }
}

fn is_signpost(pack: &Pack, choice: &str) -> bool {
    choices(pack).iter().any(|c| c.id == choice && c.signpost)
}

/// What the list's row `cursor` is.
pub enum Row<'a> {
    Recorded(u32),
    Choice(&'a Choice),
}

/// The list's rows: the outcomes standing, then the choices.
pub fn row<'a>(call: &Call, choices: &'a [Choice], cursor: usize) -> Option<Row<'a>> {
    let recorded: Vec<u32> = call.outcomes.current().map(|c| c.number).collect();
    match recorded.get(cursor) {
        Some(number) => Some(Row::Recorded(*number)),
        None => choices.get(cursor - recorded.len()).map(Row::Choice),
    }
}

pub(in crate::app) fn key(
    form: &mut OutcomeForm,
    state: &mut State,
    action: Action,
    effects: &mut Vec<Effect>,
) -> Next {
    match form.compose.take() {
        Some(mut compose) => {
            if !compose_key(&mut compose, form, state, action, effects) {
                form.compose = Some(compose);
            }
        }
        None => list_key(form, state, &action),
    }
    Next::Keep
}

fn list_key(form: &mut OutcomeForm, state: &mut State, action: &Action) {
    let choices = choices(&state.pack);
    let rows = state.call.outcomes.current().count() + choices.len();
    let start = |target: Target| {
        let draft = Draft { target, line: None, service: String::new(), text: String::new(), reason: String::new() };
        // Carries on a draft for the same thing rather than losing it.
        let draft = state.call.outcomes.draft.clone().filter(|d| d.target == draft.target).unwrap_or(draft);
        let mut compose = Compose::from_draft(&state.pack, &draft);
        if let Target::Edit { number } = &draft.target
            && draft.text.is_empty()
        {
            let text = state.call.outcomes.get(*number).map(|c| c.text.clone()).unwrap_or_default();
            compose.text = TextInput::line(&text);
        }
        compose
    };
    let here = row(&state.call, &choices, form.cursor);
    form.problem = None;
    form.compose = match (action, here) {
        (Action::MoveDown, _) => {
            form.cursor = (form.cursor + 1).min(rows.saturating_sub(1));
            None
        }
        (Action::MoveUp, _) => {
            form.cursor = form.cursor.saturating_sub(1);
            None
        }
        (Action::First, _) => {
            form.cursor = 0;
            None
        }
        (Action::Last, _) => {
            form.cursor = rows.saturating_sub(1);
            None
        }
        (Action::Confirm, Some(Row::Choice(choice))) => Some(start(Target::Add { choice: choice.id.clone() })),
        (Action::Confirm | Action::EditOutcome, Some(Row::Recorded(number))) => Some(start(Target::Edit { number })),
        (Action::WithdrawOutcome, Some(Row::Recorded(number))) => Some(start(Target::Withdraw { number })),
        (Action::EditOutcome | Action::WithdrawOutcome, _) => {
            form.problem = Some("Choose a recorded outcome first (at the top of the list).".into());
            None
        }
        _ => None,
    };
}

/// A key in the form for one outcome; true when the form is done with
/// (recorded, or left for the list).
fn compose_key(
    compose: &mut Compose,
    form: &mut OutcomeForm,
    state: &mut State,
    action: Action,
    effects: &mut Vec<Effect>,
) -> bool {
    let fields = compose.fields(&state.pack);
    let here = fields.iter().position(|f| *f == compose.field).unwrap_or(0);
    let lines = signpost_lines(&state.pack).len() + 1;
    let typing = compose.field != Field::Line;
    let action = match (action, typing) {
        (Action::MoveLeft, true) => Action::CursorLeft,
        (Action::MoveRight, true) => Action::CursorRight,
        (action, _) => action,
    };
    if let Some(input) = compose.input() {
        match input.apply(&action) {
            Edited::Changed => {
                save_draft(compose, state, effects);
                return false;
            }
            Edited::Unchanged => return false,
            Edited::Ignored => {}
        }
    }
    match action {
        Action::MoveDown => compose.field = fields[(here + 1) % fields.len()],
        Action::MoveUp => compose.field = fields[(here + fields.len() - 1) % fields.len()],
        Action::MoveLeft | Action::MoveRight => {
            let step = if action == Action::MoveRight { 1 } else { lines - 1 };
            compose.line = (compose.line + step) % lines;
            save_draft(compose, state, effects);
        }
        Action::Cancel => {
            form.problem = None;
            return true;
        }
        Action::Confirm => match change_of(compose, &state.pack, &state.call, state.now) {
            Ok(change) => {
                let number = change.number;
                record(state, Entry::Outcome { change }, effects);
                form.problem = None;
                // The cursor stays on the outcome just recorded, or on the
                // one after a withdrawn one.
                let standing: Vec<u32> = state.call.outcomes.current().map(|c| c.number).collect();
                form.cursor = standing.iter().position(|n| *n >= number).unwrap_or(standing.len().saturating_sub(1));
                return true;
            }
            Err(problem) => form.problem = Some(problem),
        },
        _ => {}
    }
    false
}

fn save_draft(compose: &Compose, state: &mut State, effects: &mut Vec<Effect>) {
    let draft = compose.draft(&state.pack);
    record(state, Entry::OutcomeDraft { draft, at: state.now }, effects);
}

/// Checks and builds the change the form records.
pub fn change_of(compose: &Compose, pack: &Pack, call: &Call, at: DateTime<Utc>) -> Result<OutcomeChange, String> {
    let text = clean_line(compose.text.text().trim());
    let reason = clean_line(compose.reason.text().trim());
    let outcomes = &call.outcomes;
    let (number, change) = match &compose.target {
        Target::Add { choice } => {
            let all = choices(pack);
            let Some(chosen) = all.iter().find(|c| &c.id == choice) else {
                return Err("This outcome is not in the pack's list.".into());
            };
            let signpost = if chosen.signpost { Some(signpost_of(compose, &signpost_lines(pack))?) } else { None };
            let change = Change::Add { choice: chosen.id.clone(), label: chosen.label.clone(), signpost, text };
            (outcomes.next_number(), change)
        }
        Target::Edit { number } => {
            let Some(now) = outcomes.get(*number).filter(|c| c.withdrawn_at.is_none()) else {
                return Err("That outcome is no longer recorded.".into());
            };
            if now.text == text {
                return Err("Nothing has changed in the text.".into());
            }
            if reason.is_empty() {
                return Err("Say why the text changed (reason for change).".into());
            }
            (*number, Change::Edit { text })
        }
        Target::Withdraw { number } => {
            if outcomes.get(*number).is_none_or(|c| c.withdrawn_at.is_some()) {
                return Err("That outcome is no longer recorded.".into());
            }
            if reason.is_empty() {
                return Err("Say why the outcome is withdrawn (reason for change).".into());
            }
            (*number, Change::Withdraw)
        }
    };
    Ok(OutcomeChange { number, change, reason, at })
}

fn signpost_of(compose: &Compose, lines: &[SignpostLine]) -> Result<Signpost, String> {
    match lines.get(compose.line) {
        Some(line) => Ok(Signpost { line: Some(line.id.clone()), shown: line.shown.clone() }),
        None => {
            let service = clean_line(compose.service.text().trim());
            if service.is_empty() {
                return Err("Type the service the caller was given, or choose one of the pack's lines.".into());
            }
            Ok(Signpost { line: None, shown: service })
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use crate::app::screen::Screen;
    use crate::app::screens::test_state as state;
    use crate::app::update;

    fn form(s: &State) -> &OutcomeForm {
        match s.top() {
            Some(Screen::Outcome(form)) => form,
            other => panic!("not the outcome screen: {other:?}"),
        }
    }

    #[test]
    fn a_withdrawal_is_refused_without_a_reason_and_recorded_with_one() {
        let mut s = state();
        update(&mut s, Action::OpenOutcome);
        update(&mut s, Action::Confirm);
        update(&mut s, Action::Paste("Talked it through".into()));
        update(&mut s, Action::Confirm);
        assert_eq!(s.call().outcomes.current().count(), 1);
        update(&mut s, Action::WithdrawOutcome);
        update(&mut s, Action::Confirm);
        assert!(form(&s).problem.as_deref().is_some_and(|p| p.contains("why")), "{:?}", form(&s).problem);
        update(&mut s, Action::Paste("Recorded on the wrong call".into()));
        update(&mut s, Action::Confirm);
        assert_eq!(s.call().outcomes.current().count(), 0);
        let last = s.call().outcomes.history.last().expect("history");
        assert_eq!((last.change.clone(), last.reason.as_str()), (Change::Withdraw, "Recorded on the wrong call"));
    }
}
