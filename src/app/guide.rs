//! The guide's text laid out for the screen: its lines, where the contents
//! and the text go, and the wrapped line each section starts at. Built here
//! rather than in the view so `update` scrolls and jumps with the very
//! lines the view draws (wrapped by ratatui's own algorithm in both).

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::guide::{Block, Guide};

/// From this width the contents sit beside the text.
pub const SIDE_BY_SIDE: u16 = 120;
const CONTENTS_WIDTH: u16 = 36;
/// A very long title (Stoke-on-Trent has one of 95 characters) is cut
/// rather than pushing the text across.
const CONTENTS_WIDEST: u16 = 56;
/// Lines longer than about 100 characters are hard to follow back.
const TEXT_WIDTH: u16 = 100;

/// What a piece of the guide is, for the view to style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// A section's title and the numbers themselves.
    Title,
    /// dutygrid's own labels ("What to do", "Services") and the live mark.
    Heading,
    Text,
    Dim,
}

/// One unwrapped line: its pieces in order.
pub type GuideLine = Vec<(String, Tone)>;

/// The guide's lines; the index of each section's title line is pushed to
/// `starts`.
pub fn lines(guide: &Guide, starts: &mut Vec<usize>) -> Vec<GuideLine> {
    let one = |text: String, tone: Tone| vec![(text, tone)];
    let mut out: Vec<GuideLine> = Vec::new();
    for (n, section) in guide.sections.iter().enumerate() {
        starts.push(out.len());
        let mut sec: Vec<GuideLine> = Vec::new();
        sec.push(one(format!("{}. {}", n + 1, section.title), Tone::Title));
        sec.push(Vec::new());
        for block in &section.blocks {
            match block {
                Block::Heading { text } => sec.push(one(text.clone(), Tone::Heading)),
                Block::Paragraph { text } => {
                    sec.push(one(text.clone(), Tone::Text));
                    sec.push(Vec::new());
                }
                Block::Items { numbered, items } => {
                    for (i, item) in items.iter().enumerate() {
                        let mark = if *numbered { format!("{}.", i + 1) } else { "•".to_string() };
                        sec.push(one(format!("  {mark} {}", item.text), Tone::Text));
                        sec.extend(item.sub.iter().map(|sub| one(format!("      – {sub}"), Tone::Text)));
                    }
                    sec.push(Vec::new());
                }
                Block::Fields { fields } => {
                    for f in fields {
                        sec.push(vec![(format!("{}: ", f.key), Tone::Dim), (f.value.clone(), Tone::Text)]);
                    }
                    sec.push(Vec::new());
                }
                Block::Number(number) => {
                    let mut head = vec![
                        (format!("{}: ", number.role.label()), Tone::Dim),
                        (format!("{} ", number.name), Tone::Text),
                        (number.numbers.join(" or "), Tone::Title),
                    ];
                    // Signposting, not shouting: the live line gets a word, not a colour.
                    if number.live {
                        head.push(("  ◀ ring now".to_string(), Tone::Heading));
                    }
                    if number.non_emergency {
                        head.push(("  not for emergencies".to_string(), Tone::Dim));
                    }
                    sec.push(head);
                    if let Some(words) = &number.words {
                        sec.push(one(format!("  {words}"), Tone::Text));
                    }
                    sec.extend(number.channels.iter().map(|c| one(format!("  {}: {}", c.key, c.value), Tone::Text)));
                    sec.push(Vec::new());
                }
            }
        }
        out.extend(sec.into_iter().flat_map(split_breaks));
    }
    out
}

/// The document's own line breaks ("harm.\nPractitioners should…") start
/// new lines; a line drawn with the break inside it would run the two
/// sentences together.
fn split_breaks(line: GuideLine) -> Vec<GuideLine> {
    let mut lines = vec![Vec::new()];
    for (text, tone) in line {
        for (i, part) in text.split('\n').enumerate() {
            if i > 0 {
                lines.push(Vec::new());
            }
            if let Some(current) = lines.last_mut().filter(|_| !part.is_empty()) {
                current.push((part.to_string(), tone));
            }
        }
    }
    lines
}

/// Where the guide's parts go in `area`, and how its text wraps there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideLayout {
    pub contents: Rect,
    /// The text panel, border included.
    pub text: Rect,
    /// The wrapped line each section's title is on.
    pub starts: Vec<u16>,
    /// Wrapped lines in all.
    pub total: u16,
}

impl GuideLayout {
    /// Beside the text on a wide screen; above it, a few lines tall, on a
    /// narrow one so the text keeps most of a 24-row screen.
    pub fn of(guide: &Guide, area: Rect) -> GuideLayout {
        let (contents, text) = if area.width >= SIDE_BY_SIDE {
            // Whole titles where the capped text leaves the room for them.
            let longest = guide.sections.iter().map(|s| s.title.chars().count()).max().unwrap_or(0);
            let whole = u16::try_from(longest).unwrap_or(u16::MAX).saturating_add(5);
            let room = area.width.saturating_sub(TEXT_WIDTH + 2);
            let width = whole.min(room).clamp(CONTENTS_WIDTH, CONTENTS_WIDEST);
            let [contents, text] = Layout::horizontal([Constraint::Length(width), Constraint::Min(1)]).areas(area);
            (contents, Rect { width: text.width.min(TEXT_WIDTH + 2), ..text })
        } else {
            let wanted = u16::try_from(guide.sections.len()).unwrap_or(u16::MAX).saturating_add(1);
            let height = wanted.min(area.height / 3);
            let [contents, text] = Layout::vertical([Constraint::Length(height), Constraint::Min(1)]).areas(area);
            (contents, text)
        };
        let width = text.width.saturating_sub(2).max(1);
        let mut first_lines = Vec::new();
        let all = lines(guide, &mut first_lines);
        let mut starts = Vec::with_capacity(first_lines.len());
        let mut row: usize = 0;
        for (i, line) in all.into_iter().enumerate() {
            if first_lines.contains(&i) {
                starts.push(u16::try_from(row).unwrap_or(u16::MAX));
            }
            let line = Line::from(line.into_iter().map(|(t, _)| Span::raw(t)).collect::<Vec<_>>());
            row += Paragraph::new(line).wrap(Wrap { trim: false }).line_count(width).max(1);
        }
        GuideLayout { contents, text, starts, total: u16::try_from(row).unwrap_or(u16::MAX) }
    }

    /// Rows of text shown at once (inside the panel's border).
    pub fn page(&self) -> u16 {
        self.text.height.saturating_sub(2)
    }

    /// How far the text scrolls: its last line at the bottom of the panel.
    pub fn max_scroll(&self) -> u16 {
        self.total.saturating_sub(self.page())
    }

    /// The section whose text is at the top when scrolled to `scroll`.
    pub fn section_at(&self, scroll: u16) -> usize {
        self.starts.iter().rposition(|&s| s <= scroll).unwrap_or(0)
    }
}
