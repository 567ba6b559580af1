//! Renders a state as text plus a compact style layer, so a snapshot fails
//! when the cursor highlight is lost or an alert is drawn in the wrong
//! colour, not only when a character changes.
//!
//! The layer lists, per screen row, the runs of cells drawn in a style of
//! the colour theme, by the theme's own names (`office`, `out_of_hours`,
//! `cursor`, `alert_mark`, …); a cell drawn in two patched over each other
//! reads `ticked+cursor`. Plain text is left out. Rows are numbered from 0
//! and columns are `first-last`, inclusive.

use dutygrid::app::{Action, State, update};
use dutygrid::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Style};

/// The state resized to `width` × `height` and drawn in the colour theme:
/// the characters, then the style layer.
pub fn render_styled(state: &mut State, width: u16, height: u16) -> String {
    let buffer = draw(state, width, height, &Theme::colour());
    let mut out = text(&buffer);
    out.push_str(&style_layer(&buffer, &Theme::colour()));
    out
}

/// Resizes the state (as the runner does) and draws it into a TestBackend.
pub fn draw(state: &mut State, width: u16, height: u16, theme: &Theme) -> Buffer {
    update(state, Action::Resize { width, height });
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|frame| ui::draw(frame, state, theme)).expect("draw");
    terminal.backend().buffer().clone()
}

/// The characters, one line per row, trailing blanks cut.
pub fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let line: String = (area.left()..area.right()).map(|x| buffer[(x, y)].symbol()).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The theme's styles by name; a cell's style is named by the first that
/// matches, so styles the theme shares (`emergency` and `alert` are both
/// white on red) are listed together.
fn named_styles(theme: &Theme) -> Vec<(String, Style)> {
    let all = [
        ("office", theme.office),
        ("out_of_hours", theme.out_of_hours),
        ("unknown", theme.unknown),
        ("emergency", theme.emergency),
        ("warning", theme.warning),
        ("badge", theme.badge),
        ("alert", theme.alert),
        ("alert_mark", theme.alert_mark),
        ("heading", theme.heading),
        ("level_heading", theme.level_heading),
        ("cursor", theme.cursor),
        ("ticked", theme.ticked),
        ("dim", theme.dim),
    ];
    let mut named: Vec<(String, Style)> = Vec::new();
    for (name, style) in all {
        let style = as_drawn(style);
        match named.iter_mut().find(|(_, s)| *s == style) {
            Some((names, _)) => *names = format!("{names}={name}"),
            None => named.push((name.to_string(), style)),
        }
    }
    named
}

/// A style as a buffer cell holds it: unset colours are `Reset`, and no
/// modifier is taken away.
fn as_drawn(style: Style) -> Style {
    Style::new()
        .fg(style.fg.unwrap_or(Color::Reset))
        .bg(style.bg.unwrap_or(Color::Reset))
        .add_modifier(style.add_modifier)
}

/// The name of a cell's style: a theme style, two patched together, or the
/// raw colours and modifiers for anything else.
fn name_of(style: Style, named: &[(String, Style)]) -> Option<String> {
    let style = as_drawn(style);
    if style == as_drawn(Style::new()) {
        return None;
    }
    if let Some((name, _)) = named.iter().find(|(_, s)| *s == style) {
        return Some(name.clone());
    }
    for (under, a) in named {
        for (over, b) in named {
            if as_drawn(a.patch(*b)) == style {
                return Some(format!("{under}+{over}"));
            }
        }
    }
    Some(format!(
        "fg:{:?} bg:{:?} {:?}",
        style.fg.unwrap_or(Color::Reset),
        style.bg.unwrap_or(Color::Reset),
        style.add_modifier
    ))
}

/// The style layer: each row's runs of named styles.
pub fn style_layer(buffer: &Buffer, theme: &Theme) -> String {
    let named = named_styles(theme);
    let area = buffer.area;
    let mut out = String::from("--- styles (row: first-last name) ---\n");
    for y in area.top()..area.bottom() {
        let mut runs: Vec<(u16, u16, String)> = Vec::new();
        for x in area.left()..area.right() {
            let Some(name) = name_of(buffer[(x, y)].style(), &named) else { continue };
            match runs.last_mut() {
                Some((_, last, n)) if *last + 1 == x && *n == name => *last = x,
                _ => runs.push((x, x, name)),
            }
        }
        if runs.is_empty() {
            continue;
        }
        let runs: Vec<String> = runs.iter().map(|(a, b, n)| format!("{a}-{b} {n}")).collect();
        out.push_str(&format!("{y:>2}: {}\n", runs.join(", ")));
    }
    out
}
