//! One line of key hints, generated from the active keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use crate::app::{Action, State};
use crate::keymap::Context;

fn hinted(context: Context) -> Vec<(Action, &'static str)> {
    match context {
        Context::Grid => vec![
            (Action::ToggleTick, "tick"),
            (Action::MoveRight, "levels"),
            (Action::NextRow, "next row"),
            (Action::OpenImmediate, "immediate"),
            (Action::OpenHelp, "help"),
            (Action::Quit, "quit"),
        ],
        Context::Immediate => {
            vec![(Action::ToggleTick, "tick"), (Action::Close, "back to grid"), (Action::OpenHelp, "help")]
        }
        Context::Banner => vec![(Action::Acknowledge, "acknowledge")],
        Context::Help => vec![(Action::Close, "close help")],
        Context::Confirm => vec![(Action::Confirm, "quit"), (Action::Cancel, "stay")],
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
    for (action, label) in hinted(context) {
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
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
