//! Help's text, laid out for the screen: every context of the active
//! keymap, described from `keymap::hints`. It is built here rather than in
//! the view so `update` can stop the scroll at the end.

use ratatui::layout::Rect;

use super::state::State;
use crate::action::Action;
use crate::keymap::{Context, hints};

/// One line of help; headings are drawn as such.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpLine {
    pub text: String,
    pub heading: bool,
}

impl HelpLine {
    fn text(text: impl Into<String>) -> HelpLine {
        HelpLine { text: text.into(), heading: false }
    }
}

/// Keys in a column this wide, then what they do.
const KEYS_WIDTH: usize = 18;

/// The help popup: 76 columns at most, over the grid.
pub fn popup(state: &State) -> Rect {
    let area = state.areas().overlay();
    let width = 76.min(area.width);
    let height = area.height.saturating_sub(2);
    Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height }
}

/// The rows of text the popup shows at once (inside its border).
pub fn page(state: &State) -> usize {
    usize::from(popup(state).height.saturating_sub(2))
}

/// How far help can scroll: its last line at the bottom of the popup.
pub fn max_scroll(state: &State) -> u16 {
    let width = usize::from(popup(state).width.saturating_sub(2));
    let count = lines(state, width).len();
    u16::try_from(count.saturating_sub(page(state))).unwrap_or(u16::MAX)
}

/// Help's lines, wrapped to `width` columns.
pub fn lines(state: &State, width: usize) -> Vec<HelpLine> {
    let keymap = &state.keymap;
    let levels = state.grid.levels();
    let mut out = Vec::new();
    for context in Context::all() {
        let mut rows: Vec<(hints::Group, usize, String, String)> = Vec::new();
        for (n, (action, chords)) in keymap.actions(context).into_iter().enumerate() {
            let chords: Vec<String> = match action {
                Action::JumpLevel(1) => keymap
                    .actions(context)
                    .into_iter()
                    .filter(|(a, _)| matches!(a, Action::JumpLevel(l) if usize::from(*l) <= levels))
                    .flat_map(|(_, c)| c.iter().map(ToString::to_string).collect::<Vec<_>>())
                    .collect(),
                // The pack has no such level, or it is on the line of level 1.
                Action::JumpLevel(_) => continue,
                Action::JumpSection(1) => keymap
                    .actions(context)
                    .into_iter()
                    .filter(|(a, _)| matches!(a, Action::JumpSection(_)))
                    .flat_map(|(_, c)| c.iter().map(ToString::to_string).collect::<Vec<_>>())
                    .collect(),
                Action::JumpSection(_) => continue,
                _ => chords.iter().map(ToString::to_string).collect(),
            };
            if chords.is_empty() {
                continue;
            }
            let group = hints::hint(context, &action).map_or(hints::Group::App, |h| h.group);
            rows.push((group, n, chords.join(" "), hints::describe(context, &action)));
        }
        if rows.is_empty() {
            continue;
        }
        crate::sort::sort_by_key(&mut rows, |(group, n, _, _)| (*group, *n));
        out.push(HelpLine { text: hints::heading(context).to_string(), heading: true });
        for (_, _, keys, describe) in rows {
            out.extend(row(&keys, &describe, width));
        }
        out.push(HelpLine::text(""));
    }
    let notes = [
        "Items marked ! raise the immediate-protection alert.".to_string(),
        marks_explained(state),
        "In the details, notes, decision and search screens other keys type text.".to_string(),
        "Mouse: click an indicator to tick it; the wheel scrolls.".to_string(),
    ];
    for note in notes {
        for line in note.lines() {
            let indent = if line.starts_with("  ") { "  " } else { "" };
            out.extend(
                super::layout::wrap(line, width.saturating_sub(indent.len()))
                    .into_iter()
                    .map(|l| HelpLine::text(format!("{indent}{l}"))),
            );
        }
    }
    out
}

/// "  keys              what they do", the description wrapped under
/// itself; on a narrow screen the keys take a line of their own.
fn row(keys: &str, describe: &str, width: usize) -> Vec<HelpLine> {
    let keys_width = unicode_width::UnicodeWidthStr::width(keys);
    let text_width = width.saturating_sub(KEYS_WIDTH + 3);
    if text_width >= 20 && keys_width <= KEYS_WIDTH {
        super::layout::wrap(describe, text_width)
            .into_iter()
            .enumerate()
            .map(|(n, text)| {
                let keys = if n == 0 { keys } else { "" };
                HelpLine::text(format!("  {keys:<KEYS_WIDTH$} {text}"))
            })
            .collect()
    } else {
        let mut out: Vec<HelpLine> = super::layout::wrap(keys, width.saturating_sub(2))
            .into_iter()
            .map(|k| HelpLine::text(format!("  {k}")))
            .collect();
        out.extend(
            super::layout::wrap(describe, width.saturating_sub(6))
                .into_iter()
                .map(|t| HelpLine::text(format!("      {t}"))),
        );
        out
    }
}

/// What » means, from the pack's own `applies_to` marks and the keymap.
fn marks_explained(state: &State) -> String {
    let details = state.keymap.hint(Context::Grid, &Action::OpenDetails);
    let key = if details.is_empty() { String::new() } else { format!(" ({details})") };
    let mut lines = vec![format!(
        "Items marked » are about a child like the one in the call details{key}: by age, mobility or disability. Nothing is marked until they are entered."
    )];
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
    lines.join("\n")
}
