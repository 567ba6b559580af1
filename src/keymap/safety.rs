//! What a keymap must not do: lock the user in. Every screen keeps a way
//! out, quit stays reachable from the grid, typing keys stay text where text
//! is typed, and no binding names a chord a terminal never sends.

use crossterm::event::KeyCode;

use super::Context;
use super::chord::KeyChord;
use crate::action::Action;
use crate::source::problem::{Problem, Where};

/// A file's binding that replaced a different action of the keymap it extends.
pub(super) struct Override {
    pub context: Context,
    pub chord: KeyChord,
    pub replaced: Action,
    pub at: Where,
}

/// Chords that parse but never arrive: terminals send another key for them.
fn dead(chord: KeyChord) -> Option<&'static str> {
    let plain = !chord.ctrl && !chord.alt;
    match chord.code {
        KeyCode::Tab if chord.shift && plain => Some("backtab"),
        KeyCode::Char('i') if chord.ctrl && !chord.alt && !chord.shift => Some("tab"),
        KeyCode::Char('m') if chord.ctrl && !chord.alt && !chord.shift => Some("enter"),
        KeyCode::Char('[') if chord.ctrl && !chord.alt && !chord.shift => Some("esc"),
        // The bytes of ctrl-\ ] ^ _ are read as ctrl-4 to ctrl-7 (readline's
        // ctrl-_ undo among them).
        KeyCode::Char('\\') if chord.ctrl => Some("ctrl-4"),
        KeyCode::Char(']') if chord.ctrl => Some("ctrl-5"),
        KeyCode::Char('^') if chord.ctrl => Some("ctrl-6"),
        KeyCode::Char('_') if chord.ctrl => Some("ctrl-7"),
        _ => None,
    }
}

/// A key that types a character: a letter, digit, punctuation or space,
/// shifted or not, with neither ctrl nor alt.
fn types_text(chord: KeyChord) -> bool {
    matches!(chord.code, KeyCode::Char(c) if !c.is_control()) && !chord.ctrl && !chord.alt
}

/// What is wrong with binding `chord` in `context`, if anything.
pub(super) fn chord_problem(context: Context, chord: KeyChord, text: &str) -> Option<String> {
    if let Some(sent) = dead(chord) {
        return Some(format!("{text:?} never arrives: terminals send {sent} for it; write {sent:?}"));
    }
    if context.takes_text() && types_text(chord) {
        return Some(format!(
            "{text:?} types text in {context}: bound there, it would act in the middle of a word; use a named key or ctrl-/alt-"
        ));
    }
    None
}

/// The actions of which a context needs at least one bound, and what
/// happens without them.
fn ways_out(context: Context) -> (&'static [Action], &'static str) {
    match context {
        Context::Grid => (&[Action::Quit], "the app could not be quit"),
        Context::Banner => (&[Action::Acknowledge], "the alert could not be acknowledged"),
        Context::ConfirmQuit | Context::ConfirmEndCall | Context::ConfirmSwitchPack => {
            (&[Action::Cancel], "a question could only be answered yes")
        }
        Context::Restore => (&[Action::Confirm], "a call found on disk could not be restored"),
        Context::Search => (&[Action::Close, Action::GoToResult], "there would be no way out of the search"),
        Context::Immediate
        | Context::Help
        | Context::Details
        | Context::Notes
        | Context::Decision
        | Context::Packs
        | Context::Scenario
        | Context::Guide
        | Context::Outcome
        | Context::Clocks
        | Context::Handler
        | Context::CaseReference
        | Context::Readback
        | Context::Assign
        | Context::Calls
        | Context::CallView => (&[Action::Close], "there would be no way out of this screen"),
        Context::OutcomeText => (&[Action::Cancel, Action::Close], "there would be no way out of typing an outcome"),
    }
}

/// Whether some key can open `context`. The guide, the outcome screen and
/// the clocks open only by their own actions, so a keymap written before
/// them (binding none) is not refused for giving them no way out.
fn reachable(context: Context, bound: impl Fn(Context, &Action) -> bool) -> bool {
    // The read-back also opens on ending a call, but only where it has a
    // key to end the call from (see `screens::readback::end_call`).
    let opener = match context {
        Context::Guide => Action::OpenGuide,
        Context::Outcome | Context::OutcomeText => Action::OpenOutcome,
        Context::Clocks => Action::OpenClocks,
        Context::Assign => Action::AssignTick,
        Context::Calls | Context::CallView => Action::OpenCalls,
        Context::Handler => Action::SetHandler,
        Context::CaseReference => Action::MarkEntered,
        Context::Readback if bound(context, &Action::EndCall) => return true,
        Context::Readback => Action::OpenReadback,
        _ => return true,
    };
    Context::all().any(|c| bound(c, &opener))
}

/// How keymap files write an action: `close`, `jump_level(1)`.
pub(super) fn action_name(action: &Action) -> String {
    ron::to_string(action).unwrap_or_else(|_| format!("{action:?}"))
}

/// The lock-ins of a whole keymap: for each context missing every way out,
/// a problem at the binding that took it away, or at the block `block_of`
/// names for the context.
pub(super) fn lock_ins(
    bound: impl Fn(Context, &Action) -> bool,
    overrides: &[Override],
    bindings_of: impl Fn(Context) -> Vec<(KeyChord, Action)>,
    extends: bool,
    block_of: impl Fn(Context) -> &'static str,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for context in Context::all() {
        let (needed, without) = ways_out(context);
        if needed.iter().any(|a| bound(context, a)) || !reachable(context, &bound) {
            continue;
        }
        let wanted = needed.iter().map(action_name).collect::<Vec<_>>().join(" or ");
        let culprit = overrides.iter().find(|o| o.context == context && needed.contains(&o.replaced));
        let problem = match culprit {
            Some(o) => {
                let now = bindings_of(context)
                    .into_iter()
                    .find(|(c, _)| *c == o.chord)
                    .map_or_else(String::new, |(_, a)| action_name(&a));
                Problem {
                    at: o.at.clone(),
                    message: format!(
                        "{} is bound to {now} in {context}, which leaves no key for {wanted} there: {without}; bind another key to {wanted}",
                        o.chord
                    ),
                }
            }
            None => {
                let hint = if extends { "" } else { " (start the file with extends: \"default\" to keep its keys)" };
                Problem {
                    at: Where::Key(block_of(context)),
                    message: format!("{context} has no key for {wanted}: {without}{hint}"),
                }
            }
        };
        problems.push(problem);
    }
    problems
}
