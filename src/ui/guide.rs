//! The guide: the document's guidance with its table of contents, beside
//! the text on a wide screen and above it on a narrow one. Only draws; the
//! caller owns the scroll offset (see [`section_starts`] for jump keys).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block as Panel, Borders, Clear, Paragraph, Wrap};

use super::Theme;
use crate::guide::{Block, Guide};

/// From this width the contents sit beside the text.
pub const SIDE_BY_SIDE: u16 = 120;
const CONTENTS_WIDTH: u16 = 36;
const TEXT_WIDTH: u16 = 100;

/// Where the contents and the text go in `area`.
fn areas(guide: &Guide, area: Rect) -> (Rect, Rect) {
    if area.width >= SIDE_BY_SIDE {
        let [contents, text] = Layout::horizontal([Constraint::Length(CONTENTS_WIDTH), Constraint::Min(1)]).areas(area);
        // Lines longer than about 100 characters are hard to follow back.
        return (contents, Rect { width: text.width.min(TEXT_WIDTH + 2), ..text });
    }
    // Above the text: a few lines, so the text keeps most of a 24-row screen.
    let wanted = u16::try_from(guide.sections.len()).unwrap_or(u16::MAX).saturating_add(1);
    let height = wanted.min(area.height / 3);
    let [contents, text] = Layout::vertical([Constraint::Length(height), Constraint::Min(1)]).areas(area);
    (contents, text)
}

/// The guide's lines; the index of each section's heading line is pushed
/// to `starts`.
fn lines<'a>(guide: &'a Guide, theme: &Theme, starts: &mut Vec<usize>) -> Vec<Line<'a>> {
    let mut out: Vec<Line<'a>> = Vec::new();
    for (n, section) in guide.sections.iter().enumerate() {
        starts.push(out.len());
        out.push(Line::from(Span::styled(format!("{}. {}", n + 1, section.title), theme.level_heading)));
        out.push(Line::raw(""));
        for block in &section.blocks {
            match block {
                Block::Heading { text } => out.push(Line::from(Span::styled(text.as_str(), theme.heading))),
                Block::Paragraph { text } => {
                    out.push(Line::styled(text.as_str(), theme.text));
                    out.push(Line::raw(""));
                }
                Block::Items { numbered, items } => {
                    for (i, item) in items.iter().enumerate() {
                        let mark = if *numbered { format!("{}.", i + 1) } else { "•".to_string() };
                        out.push(Line::styled(format!("  {mark} {}", item.text), theme.text));
                        for sub in &item.sub {
                            out.push(Line::styled(format!("      – {sub}"), theme.text));
                        }
                    }
                    out.push(Line::raw(""));
                }
                Block::Fields { fields } => {
                    for f in fields {
                        out.push(Line::from(vec![
                            Span::styled(format!("{}: ", f.key), theme.dim),
                            Span::styled(f.value.as_str(), theme.text),
                        ]));
                    }
                    out.push(Line::raw(""));
                }
                Block::Number(number) => {
                    let mut head = vec![
                        Span::styled(format!("{}: ", number.role.label()), theme.dim),
                        Span::styled(format!("{} ", number.name), theme.text),
                        Span::styled(number.numbers.join(" or "), theme.level_heading),
                    ];
                    // Signposting, not shouting: the live line gets a word, not a colour.
                    if number.live {
                        head.push(Span::styled("  ◀ ring now", theme.heading));
                    }
                    if number.non_emergency {
                        head.push(Span::styled("  not for emergencies", theme.dim));
                    }
                    out.push(Line::from(head));
                    if let Some(words) = &number.words {
                        out.push(Line::styled(format!("  {words}"), theme.text));
                    }
                    for c in &number.channels {
                        out.push(Line::styled(format!("  {}: {}", c.key, c.value), theme.text));
                    }
                    out.push(Line::raw(""));
                }
            }
        }
    }
    out
}

/// The wrapped line at which each section starts in the text pane of
/// `area`, for jump keys and for marking the section in view.
pub fn section_starts(guide: &Guide, area: Rect, theme: &Theme) -> Vec<u16> {
    let (_, text) = areas(guide, area);
    let width = text.width.saturating_sub(2).max(1);
    let mut starts = Vec::new();
    let all = lines(guide, theme, &mut starts);
    let mut wrapped = Vec::with_capacity(starts.len());
    let mut row: usize = 0;
    let mut next = starts.iter().peekable();
    for (i, line) in all.into_iter().enumerate() {
        if next.peek().is_some_and(|&&s| s == i) {
            next.next();
            wrapped.push(u16::try_from(row).unwrap_or(u16::MAX));
        }
        row += Paragraph::new(line).wrap(Wrap { trim: false }).line_count(width).max(1);
    }
    wrapped
}

pub fn draw(frame: &mut Frame<'_>, area: Rect, guide: &Guide, scroll: u16, present: bool, theme: &Theme) {
    let projector = theme.for_projector();
    let theme = if present { &projector } else { theme };
    if area.width < 4 || area.height < 3 {
        return;
    }
    frame.render_widget(Clear, area);
    let (contents_area, text_area) = areas(guide, area);
    let starts = section_starts(guide, area, theme);
    let current = starts.iter().rposition(|&s| s <= scroll).unwrap_or(0);
    let contents: Vec<Line<'_>> = guide
        .sections
        .iter()
        .enumerate()
        .map(|(n, s)| {
            let style = if n == current { theme.cursor } else { theme.text };
            Line::styled(format!("{:>2} {}", n + 1, s.title), style)
        })
        .collect();
    // Keep the section in view in a short contents pane.
    let inner = contents_area.height.saturating_sub(if area.width >= SIDE_BY_SIDE { 2 } else { 1 });
    let top = u16::try_from(current).unwrap_or(0).saturating_sub(inner.saturating_sub(1));
    let borders = if area.width >= SIDE_BY_SIDE { Borders::ALL } else { Borders::BOTTOM };
    let edition = guide.edition.as_deref().map(|e| format!(" ({e})")).unwrap_or_default();
    frame.render_widget(
        Paragraph::new(contents).block(Panel::new().borders(borders).title(" Contents ")).scroll((top, 0)),
        contents_area,
    );
    let mut ignored = Vec::new();
    let text = Paragraph::new(lines(guide, theme, &mut ignored))
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0))
        .block(Panel::bordered().title(format!(" Guide: {}{edition} ", guide.title)));
    frame.render_widget(text, text_area);
}
