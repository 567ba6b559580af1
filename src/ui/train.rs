//! Training overlays: the scenario's vignette with the reveals shown so far,
//! and the author's key beside the room's ticks.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{Theme, centred, overlay_area};
use crate::app::state::Training;
use crate::app::{Action, State};
use crate::keymap::Context;
use crate::text::clean_line;
use crate::train::compare;

fn text_of(state: &State, id: &str) -> String {
    state.pack().catalog().get(id).map_or_else(
        || id.to_string(),
        |e| {
            let level = e.level.map_or_else(|| "immediate list".to_string(), |l| format!("level {}", l + 1));
            format!("{} ({level})", clean_line(&e.listed_text()))
        },
    )
}

/// The training session and where its overlays go, if there is room.
fn place(state: &State) -> Option<(&Training, Rect)> {
    let training = state.training()?;
    let area = overlay_area(state);
    let popup = centred(area, area.width.saturating_sub(4).min(110), area.height);
    (popup.width >= 20 && popup.height >= 5).then_some((training, popup))
}

pub fn scenario(frame: &mut Frame<'_>, state: &State, scroll: u16, theme: &Theme) {
    let Some((training, popup)) = place(state) else { return };
    let s = &training.scenario;
    let mut lines = vec![Line::from(Span::styled(clean_line(&s.title), theme.heading)), Line::raw("")];
    lines.extend(super::children::scenario_household(s, state.call().today(), theme));
    for paragraph in &s.vignette {
        lines.push(Line::raw(clean_line(paragraph)));
        lines.push(Line::raw(""));
    }
    for reveal in s.reveals.iter().take(training.reveals_shown) {
        lines.push(Line::from(Span::styled(clean_line(&reveal.title), theme.heading)));
        for paragraph in &reveal.text {
            lines.push(Line::raw(clean_line(paragraph)));
            lines.push(Line::raw(""));
        }
    }
    let left = s.reveals.len() - training.reveals_shown.min(s.reveals.len());
    let next = state.keymap().hint(Context::Scenario, &Action::NextReveal);
    let key = state.keymap().hint(Context::Scenario, &Action::RevealKey);
    let close = state.keymap().hint(Context::Scenario, &Action::Close);
    let hint = if left > 0 {
        format!(" {next}: what the caller says next ({left} more) · {key}: the key · {close}: to the grid ")
    } else {
        format!(" {key}: the key · {close}: to the grid ")
    };
    let block = Block::bordered().title(" Training scenario ").title_bottom(Line::from(hint).right_aligned());
    super::cover::clear(frame, popup);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block).scroll((scroll, 0)), popup);
}

pub fn key(frame: &mut Frame<'_>, state: &State, scroll: u16, theme: &Theme) {
    let Some((training, popup)) = place(state) else { return };
    let s = &training.scenario;
    let ticked: Vec<&str> = state.call().ticked().iter().map(|(id, _)| *id).collect();
    let result = compare(&s.key, &ticked);
    let level = state
        .pack()
        .level_index(&s.key.level)
        .map_or_else(|| s.key.level.clone(), |i| format!("{} {}", i + 1, clean_line(&state.pack().levels[i].name)));
    let mut lines = vec![
        Line::from(Span::styled(format!("The author's key — {}", clean_line(&s.title)), theme.heading)),
        Line::from(Span::styled(
            "A key for discussion, not an answer machine: the thresholds are guidance and professional judgement decides.",
            theme.dim,
        )),
        Line::raw(""),
        Line::from(vec![Span::styled("Level the author judges: ", theme.heading), Span::raw(level)]),
        Line::from(vec![
            Span::styled("Immediate referral: ", theme.heading),
            Span::raw(if s.key.immediate { "yes" } else { "no" }),
        ]),
        Line::raw(""),
    ];
    let mut section = |title: String, ids: &[String], mark: &str| {
        lines.push(Line::from(Span::styled(title, theme.heading)));
        if ids.is_empty() {
            lines.push(Line::raw("  none"));
        }
        for id in ids {
            lines.push(Line::raw(format!("  {mark} {}", text_of(state, id))));
        }
        lines.push(Line::raw(""));
    };
    section(format!("Ticked and in the key ({})", result.matched.len()), &result.matched, "✓");
    section(format!("In the key, not ticked ({})", result.missed.len()), &result.missed, "○");
    section(
        format!("Ticked, not in the key — worth discussing ({})", result.unexpected.len()),
        &result.unexpected,
        "+",
    );
    lines.push(Line::from(Span::styled("Why", theme.heading)));
    lines.push(Line::raw(clean_line(&s.key.rationale)));
    let close = state.keymap().hint(Context::Scenario, &Action::Close);
    let block =
        Block::bordered().title(" Reveal ").title_bottom(Line::from(format!(" {close}: to the grid ")).right_aligned());
    super::cover::clear(frame, popup);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block).scroll((scroll, 0)), popup);
}
