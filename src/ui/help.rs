//! Help: every key of the active keymap, by context.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::{Theme, centred};
use crate::app::{Action, State};
use crate::keymap::Context;

pub fn draw(frame: &mut Frame<'_>, state: &State, scroll: u16, theme: &Theme) {
    let area = super::overlay_area(state);
    let popup = centred(area, 76, area.height.saturating_sub(2));
    if popup.width < 8 || popup.height < 3 {
        return;
    }
    let mut lines: Vec<Line<'_>> = Vec::new();
    for context in
        [Context::Grid, Context::Immediate, Context::Banner, Context::Details, Context::Notes, Context::Decision]
    {
        let heading = match context {
            Context::Grid => "The grid",
            Context::Immediate => "The immediate-referral list",
            Context::Banner => "An immediate-protection alert",
            Context::Help => "Help",
            Context::Confirm => "Confirming",
            Context::Details => "Call details",
            Context::Notes => "Notes",
            Context::Decision => "Your decision",
            Context::Restore => "Restoring a call",
            Context::Search => "Search",
            Context::Packs => "Choosing a pack",
            Context::Scenario => "Training",
        };
        lines.push(Line::from(Span::styled(heading, theme.heading)));
        let actions = state.keymap.actions(context);
        // The level jumps read better as one line: "1 2 3 4 5 6  go to that level".
        let jumps: Vec<String> = actions
            .iter()
            .filter(|(a, _)| matches!(a, Action::JumpLevel(_)))
            .flat_map(|(_, chords)| chords.iter().map(ToString::to_string))
            .collect();
        for (action, chords) in &actions {
            let keys: Vec<String> = chords.iter().map(ToString::to_string).collect();
            match action {
                Action::JumpLevel(1) => lines.push(Line::raw(format!("  {:<24} go to that level", jumps.join(" ")))),
                Action::JumpLevel(_) => {}
                _ => lines.push(Line::raw(format!("  {:<24} {}", keys.join(" "), action.describe()))),
            }
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::raw("Items marked ! raise the immediate-protection alert."));
    for line in marks_explained(state) {
        lines.push(Line::raw(line));
    }
    lines.push(Line::raw("In the details, notes and decision screens other keys type text."));
    lines.push(Line::raw("Mouse: click an indicator to tick it; the wheel scrolls."));
    let keys = state.keymap.hint(Context::Help, &Action::Close);
    let block =
        Block::bordered().title(" Help — keys from the active keymap ").title_bottom(format!(" {keys}: close "));
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), popup);
}

/// What » means, from the pack's own `applies_to` marks and the keymap.
fn marks_explained(state: &State) -> Vec<String> {
    let details = state.keymap.hint(Context::Grid, &Action::OpenDetails);
    let key = if details.is_empty() { String::new() } else { format!(" ({details})") };
    let mut lines = vec![
        format!("Items marked » are about a child like the one in the call details{key}:"),
        "by age, mobility or disability. Nothing is marked until they are entered.".to_string(),
    ];
    let marks = state.grid.marks();
    if marks.is_empty() {
        lines.push("This pack marks no items by age or mobility.".to_string());
    } else {
        lines.push("In this pack » marks items about a child who is:".to_string());
        for (about, count) in marks {
            let items = if count == 1 { "item" } else { "items" };
            lines.push(format!("  {about} ({count} {items})"));
        }
    }
    lines
}
