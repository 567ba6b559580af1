//! The confirmation dialogs: quit, end the call, switch pack.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::record::popup;
use super::{Theme, centred};
use crate::app::{Action, State};
use crate::keymap::Context;

pub fn quit(frame: &mut Frame<'_>, state: &State, theme: &Theme) {
    let area = super::overlay_area(state);
    let popup = centred(area, 60, 8);
    if popup.width < 8 || popup.height < 3 {
        return;
    }
    let yes = state.keymap().hint(Context::ConfirmQuit, &Action::Confirm);
    let no = state.keymap().hint(Context::ConfirmQuit, &Action::Cancel);
    let end = state.keymap().hint(Context::Grid, &Action::EndCall);
    let lines = if state.unsaved() > 0 {
        vec![
            Line::from(Span::styled(
                format!("{} change(s) are NOT on disk: quitting loses them.", state.unsaved()),
                theme.warning,
            )),
            Line::raw("(Saving failed; see the message below. Each change is retried.)"),
            Line::raw(""),
            Line::raw(format!("Quit? {yes}: quit   {no}: stay")),
        ]
    } else if state.saved_as().is_some() {
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
    super::cover::clear(frame, popup);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), popup);
}

pub fn switch_pack(frame: &mut Frame<'_>, state: &State, id: &str, _theme: &Theme) {
    let area = super::overlay_area(state);
    let popup = centred(area, 64, 7);
    if popup.width < 8 || popup.height < 3 {
        return;
    }
    let yes = state.keymap().hint(Context::ConfirmSwitchPack, &Action::Confirm);
    let no = state.keymap().hint(Context::ConfirmSwitchPack, &Action::Cancel);
    let lines = vec![
        Line::raw(format!(" Open {id}?")),
        Line::raw(" This call is ended first; its record is kept."),
        Line::raw(""),
        Line::raw(format!(" {yes}: end the call and switch   {no}: stay")),
    ];
    super::cover::clear(frame, popup);
    frame.render_widget(Paragraph::new(lines).block(Block::bordered().title(" Switch pack ")), popup);
}

pub fn end_call(frame: &mut Frame<'_>, state: &State, _theme: &Theme) {
    let Some(area) = popup(state, 64, 8) else { return };
    let yes = state.keymap().hint(Context::ConfirmEndCall, &Action::Confirm);
    let no = state.keymap().hint(Context::ConfirmEndCall, &Action::Cancel);
    let id = state.saved_as().unwrap_or("(not yet saved)");
    let started = crate::hours::local::human(state.call().started_at, crate::pack::resolve::pack_zone(state.pack()));
    let lines = vec![
        Line::raw(" End this call? Its record is closed and kept:"),
        Line::raw(format!(" {id} · started {started}")),
        Line::raw(" export it with: dutygrid record export ID --format md"),
        Line::raw(""),
        Line::raw(format!(" {yes}: end the call   {no}: carry on")),
    ];
    super::cover::clear(frame, area);
    frame.render_widget(Paragraph::new(lines).block(Block::bordered().title(" End the call ")), area);
}
