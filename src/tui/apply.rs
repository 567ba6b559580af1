//! Applying what came in: inputs already waiting are applied together
//! before the next frame, signals between changes, suspend and resume.

use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyModifiers};

use super::input::Input;
use super::{Runner, action_for, dispatch, terminal};
use crate::app::{Action, State};

/// What the loop does after an input.
pub(super) enum Flow {
    Go,
    Quit,
    /// End the process with this status (a signal, a vanished terminal).
    Exit(i32),
}

/// How long the loop may go on applying inputs that are already waiting
/// before it draws a frame (so the clock never stops, however much comes).
const DRAIN_BUDGET: Duration = Duration::from_millis(100);

/// Applies `first` and everything already waiting behind it, so that a key
/// and a resize, or a paste that comes as keys, are all in the next frame.
/// A run of typed characters is applied as one paste: one change, one
/// write to the journal, instead of one per character.
pub(super) fn apply_waiting(
    first: Option<Input>,
    inputs: &Receiver<Input>,
    state: &mut State,
    runner: &mut Runner,
    terminal: &mut terminal::AppTerminal,
) -> std::io::Result<Flow> {
    let deadline = Instant::now() + DRAIN_BUDGET;
    let mut typed = String::new();
    let mut first_typed = None;
    let mut next = first;
    while let Some(input) = next.take() {
        match typed_char(state, &input) {
            Some(c) => {
                typed.push(c);
                first_typed.get_or_insert(input);
            }
            None => {
                let flow = flush_typed(&mut typed, &mut first_typed, state, runner, terminal)?;
                if !matches!(flow, Flow::Go) {
                    return Ok(flow);
                }
                let flow = handle(state, runner, terminal, input)?;
                if !matches!(flow, Flow::Go) {
                    return Ok(flow);
                }
            }
        }
        if Instant::now() < deadline {
            next = inputs.try_recv().ok();
        }
    }
    flush_typed(&mut typed, &mut first_typed, state, runner, terminal)
}

/// The character a key types, if it is plain typing in a text field.
fn typed_char(state: &State, input: &Input) -> Option<char> {
    let Input::Event(event @ Event::Key(key)) = input else { return None };
    let plain = key.modifiers.difference(KeyModifiers::SHIFT).is_empty();
    match (key.code, action_for(state, event)) {
        (KeyCode::Char(c), Some(Action::Edit(_))) if plain && !c.is_control() => Some(c),
        _ => None,
    }
}

fn flush_typed(
    typed: &mut String,
    first_typed: &mut Option<Input>,
    state: &mut State,
    runner: &mut Runner,
    terminal: &mut terminal::AppTerminal,
) -> std::io::Result<Flow> {
    let text = std::mem::take(typed);
    let Some(first) = first_typed.take() else { return Ok(Flow::Go) };
    // One character stays a key press, exactly as typed.
    let input = if text.chars().count() == 1 { first } else { Input::Event(Event::Paste(text)) };
    handle(state, runner, terminal, input)
}

fn handle(
    state: &mut State,
    runner: &mut Runner,
    terminal: &mut terminal::AppTerminal,
    input: Input,
) -> std::io::Result<Flow> {
    match input {
        Input::Event(event) => match action_for(state, &event) {
            Some(Action::Suspend) => {
                terminal::suspend()?;
                resume(terminal)?;
            }
            Some(action) => return Ok(if dispatch(state, runner, action) { Flow::Quit } else { Flow::Go }),
            None => {}
        },
        Input::Signal(signal) if terminal::TERMINATING.contains(&signal) => {
            return Ok(Flow::Exit(terminal::exit_code(signal)));
        }
        Input::Signal(signal_hook::consts::SIGTSTP) => {
            terminal::suspend()?;
            resume(terminal)?;
        }
        // Continued after a stop we did not see: put our modes back.
        Input::Signal(signal_hook::consts::SIGCONT) => resume(terminal)?,
        // SIGWINCH: the size is read back before the next frame.
        Input::Signal(_) => {}
        Input::Gone => return Ok(Flow::Exit(terminal::exit_code(signal_hook::consts::SIGHUP))),
        Input::Synced => runner.take_synced(state),
    }
    Ok(Flow::Go)
}

/// After a stop: the app's terminal modes again, and a full redraw (the
/// shell has drawn over the screen meanwhile).
fn resume(terminal: &mut terminal::AppTerminal) -> std::io::Result<()> {
    terminal::enter()?;
    // Not `clear()`: it asks the terminal for the cursor position, and the
    // answer would come to our input reader instead. A resize to the same
    // area clears the screen and the back buffer without asking.
    let area = terminal.size()?.into();
    terminal.resize(area)?;
    super::screen::release_spare(terminal);
    Ok(())
}
