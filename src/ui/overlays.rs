//! Overlays: the immediate-referral list, help (from the keymap) and the
//! confirmation before quitting a call with ticks.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::{Theme, centred};
use crate::app::{Action, State};
use crate::keymap::Context;
use crate::text::clean_line;

pub fn immediate(frame: &mut Frame<'_>, state: &State, cursor: usize, theme: &Theme) {
    let area = super::overlay_area(state);
    let popup = centred(area, area.width.saturating_sub(4).min(110), area.height.saturating_sub(2));
    if popup.width < 8 || popup.height < 3 {
        return;
    }
    let pack = &state.pack;
    let width = usize::from(popup.width.saturating_sub(2));
    let mut lines: Vec<Line<'_>> = Vec::new();
    let mut cursor_line = 0;
    for (i, entry) in state.grid.immediate.iter().enumerate() {
        let ticked = state.call.is_ticked(&entry.id);
        let here = i == cursor;
        let style = if here {
            theme.cursor
        } else if ticked {
            theme.ticked
        } else {
            theme.text
        };
        let indent = if entry.is_sub { "      " } else { "" };
        let tick = if ticked { "[x]" } else { "[ ]" };
        let text_width = width.saturating_sub(indent.len() + 7).max(8);
        if here {
            cursor_line = lines.len();
        }
        for (n, part) in crate::app::layout::wrap(&entry.text, text_width).into_iter().enumerate() {
            let about_child = entry.applies_to.as_ref().is_some_and(|a| state.call.details.matches(a));
            let mark = if about_child { "!» " } else { "!  " };
            let lead = if n == 0 { format!("{indent}{tick} {mark}") } else { format!("{indent}       ") };
            lines.push(Line::from(vec![Span::styled(lead, style), Span::styled(part, style)]));
        }
    }
    lines.push(Line::raw(""));
    for text in pack.immediate.intro.iter().chain(pack.immediate.action.iter()) {
        lines.push(Line::from(Span::styled(clean_line(text), theme.dim)));
    }
    let inner_height = usize::from(popup.height.saturating_sub(2));
    let scroll = cursor_line.saturating_sub(inner_height.saturating_sub(2));
    let keys = state.keymap.hint(Context::Immediate, &Action::Close);
    let block = Block::bordered()
        .title(Line::from(Span::styled(format!(" ! {} ", clean_line(&pack.immediate.title)), theme.alert)))
        .title_bottom(Line::from(format!(" {keys}: back to the grid ")).right_aligned());
    frame.render_widget(Clear, popup);
    let paragraph =
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(block).scroll((u16::try_from(scroll).unwrap_or(0), 0));
    frame.render_widget(paragraph, popup);
}

pub fn help(frame: &mut Frame<'_>, state: &State, scroll: u16, theme: &Theme) {
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

pub fn confirm_quit(frame: &mut Frame<'_>, state: &State, theme: &Theme) {
    let area = super::overlay_area(state);
    let popup = centred(area, 60, 8);
    if popup.width < 8 || popup.height < 3 {
        return;
    }
    let yes = state.keymap.hint(Context::Confirm, &Action::Confirm);
    let no = state.keymap.hint(Context::Confirm, &Action::Cancel);
    let end = state.keymap.hint(Context::Grid, &Action::EndCall);
    let lines = if state.unsaved > 0 {
        vec![
            Line::from(Span::styled(
                format!("{} change(s) are NOT on disk: quitting loses them.", state.unsaved),
                theme.warning,
            )),
            Line::raw("(Saving failed; see the message below. Each change is retried.)"),
            Line::raw(""),
            Line::raw(format!("Quit? {yes}: quit   {no}: stay")),
        ]
    } else if state.saved_as.is_some() {
        vec![
            Line::raw("This call is saved but not ended."),
            Line::from(Span::styled("It will be offered back when dutygrid next starts.", theme.warning)),
            Line::raw(format!("To close its record first, stay and press {end}.")),
            Line::raw(""),
            Line::raw(format!("Quit? {yes}: quit   {no}: stay")),
        ]
    } else {
        vec![
            Line::from(Span::styled("This call is NOT saved: quitting loses it.", theme.warning)),
            Line::raw("(The records folder could not be written; see the message below.)"),
            Line::raw(""),
            Line::raw(format!("Quit? {yes}: quit   {no}: stay")),
        ]
    };
    let block = Block::bordered().title(" Quit dutygrid? ");
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), popup);
}

pub fn packs(frame: &mut Frame<'_>, state: &State, cursor: usize, theme: &Theme) {
    let area = super::overlay_area(state);
    let height = u16::try_from(state.pack_choices.len()).unwrap_or(0).saturating_add(4);
    let popup = centred(area, 60, height);
    if popup.width < 8 || popup.height < 3 {
        return;
    }
    let mut lines: Vec<Line<'_>> = state
        .pack_choices
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let here = i == cursor;
            let current = if *id == state.pack.id { "  (open now)" } else { "" };
            Line::from(Span::styled(format!(" {id}{current}"), if here { theme.cursor } else { theme.text }))
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(" dutygrid pack list shows each pack's title.", theme.dim)));
    let open = state.keymap.hint(Context::Packs, &Action::Confirm);
    let block = Block::bordered().title(" Choose a pack ").title_bottom(format!(" {open}: open "));
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

pub fn confirm_switch(frame: &mut Frame<'_>, state: &State, id: &str, _theme: &Theme) {
    let area = super::overlay_area(state);
    let popup = centred(area, 64, 7);
    if popup.width < 8 || popup.height < 3 {
        return;
    }
    let yes = state.keymap.hint(Context::Confirm, &Action::Confirm);
    let no = state.keymap.hint(Context::Confirm, &Action::Cancel);
    let lines = vec![
        Line::raw(format!(" Open {id}?")),
        Line::raw(" This call is ended first; its record is kept."),
        Line::raw(""),
        Line::raw(format!(" {yes}: end the call and switch   {no}: stay")),
    ];
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(Block::bordered().title(" Switch pack ")), popup);
}
