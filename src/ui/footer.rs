//! One line of key hints, generated from the active keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use crate::app::{Action, State};
use crate::keymap::Context;

fn hinted(context: Context, narrow: bool) -> Vec<(Action, &'static str)> {
    match context {
        Context::Grid if narrow => vec![
            (Action::ToggleTick, "tick"),
            (Action::OpenSearch, "search"),
            (Action::MoveRight, "levels"),
            (Action::OpenImmediate, "immediate"),
            (Action::OpenDetails, "details"),
            (Action::OpenHelp, "help"),
            (Action::Quit, "quit"),
        ],
        Context::Grid => vec![
            (Action::ToggleTick, "tick"),
            (Action::MoveRight, "levels"),
            (Action::NextRow, "next row"),
            (Action::OpenSearch, "search"),
            (Action::OpenImmediate, "immediate"),
            (Action::OpenDetails, "details"),
            (Action::OpenNotes, "notes"),
            (Action::OpenDecision, "decision"),
            (Action::OpenHelp, "help"),
            (Action::Quit, "quit"),
        ],
        Context::Immediate => {
            vec![(Action::ToggleTick, "tick"), (Action::Close, "back to grid"), (Action::OpenHelp, "help")]
        }
        Context::Banner => vec![(Action::Acknowledge, "acknowledge")],
        Context::Help => vec![(Action::Close, "close help")],
        Context::Confirm => vec![(Action::Confirm, "yes"), (Action::Cancel, "no")],
        Context::Details => {
            vec![(Action::MoveDown, "next field"), (Action::MoveRight, "choose"), (Action::Close, "back")]
        }
        Context::Notes => vec![(Action::NextRow, "next question"), (Action::Close, "back")],
        Context::Decision => vec![(Action::Confirm, "record"), (Action::Close, "back")],
        Context::Restore => vec![(Action::Confirm, "restore"), (Action::Cancel, "new call")],
        Context::Scenario => {
            vec![(Action::NextReveal, "next reveal"), (Action::RevealKey, "the key"), (Action::Close, "to the grid")]
        }
        Context::Packs => vec![(Action::Confirm, "open"), (Action::Close, "back")],
        Context::Search => vec![
            (Action::MoveDown, "next"),
            (Action::ToggleTick, "tick"),
            (Action::GoToResult, "show in grid"),
            (Action::Close, "close"),
        ],
    }
}

pub fn draw(frame: &mut Frame<'_>, area: Rect, state: &State, theme: &Theme) {
    let context = state.context();
    let narrow = area.width < 110;
    let keys_for = |action: &Action| {
        if narrow {
            state.keymap.keys_for(context, action).first().map(ToString::to_string).unwrap_or_default()
        } else {
            state.keymap.hint(context, action)
        }
    };
    let mut spans = Vec::new();
    for (action, label) in hinted(context, narrow) {
        let personal = matches!(action, Action::OpenDetails | Action::OpenNotes | Action::OpenDecision);
        if personal && state.present {
            continue;
        }
        let keys = keys_for(&action);
        if keys.is_empty() {
            continue;
        }
        let keys = if action == Action::MoveRight {
            let left = keys_for(&Action::MoveLeft);
            format!("{left} {keys}")
        } else {
            keys
        };
        spans.push(Span::styled(format!(" {keys} "), theme.cursor));
        spans.push(Span::raw(format!(" {label} ")));
    }
    if state.training.is_some() {
        // A refused action is said beside the badge, as in a real call.
        if let Some(status) = &state.status {
            spans.insert(0, Span::styled(format!(" {status} "), theme.alert));
        }
        spans.insert(0, Span::styled(" TRAINING — nothing is saved ", theme.badge));
    } else if let Some(status) = &state.status {
        spans.insert(0, Span::styled(format!(" {status} "), theme.alert));
    } else if let Some(id) = &state.saved_as {
        let used: usize = spans.iter().map(|s| s.width()).sum();
        let saved = format!("saved ✓ {id} ");
        let gap = usize::from(area.width).saturating_sub(used + saved.chars().count());
        if gap > 0 {
            spans.push(Span::raw(" ".repeat(gap)));
            spans.push(Span::styled(saved, theme.dim));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
