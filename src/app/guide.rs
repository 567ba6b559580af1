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

/// A line as ratatui draws it, unstyled: for counting its wrapped lines.
fn styled(line: &GuideLine) -> Line<'_> {
    Line::from(line.iter().map(|(t, _)| Span::raw(t.as_str())).collect::<Vec<_>>())
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

/// Where the guide's parts go in `area`, and how its text wraps there:
/// built once per size (and per line marked live, which is part of the
/// text), so a frame or a scroll wraps only the lines it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideLayout {
    /// The area laid out.
    pub area: Rect,
    pub contents: Rect,
    /// The text panel, border included.
    pub text: Rect,
    /// The wrapped line each section's title is on.
    pub starts: Vec<u16>,
    /// Wrapped lines in all.
    pub total: u16,
    /// The guide's lines unwrapped, and the wrapped line each starts on.
    lines: Vec<GuideLine>,
    rows: Vec<u16>,
    /// The contact line marked live when laid out.
    live: Option<String>,
}

/// The id of the line marked "ring now", if any.
fn live_id(guide: &Guide) -> Option<&str> {
    guide.numbers().find(|n| n.live).map(|n| n.id.as_str())
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
        let lines = lines(guide, &mut first_lines);
        let mut starts = Vec::with_capacity(first_lines.len());
        let mut rows = Vec::with_capacity(lines.len());
        let mut row: usize = 0;
        for (i, line) in lines.iter().enumerate() {
            let at = u16::try_from(row).unwrap_or(u16::MAX);
            if first_lines.contains(&i) {
                starts.push(at);
            }
            rows.push(at);
            row += Paragraph::new(styled(line)).wrap(Wrap { trim: false }).line_count(width).max(1);
        }
        let total = u16::try_from(row).unwrap_or(u16::MAX);
        GuideLayout { area, contents, text, starts, total, lines, rows, live: live_id(guide).map(String::from) }
    }

    /// Whether this is the layout of `guide` in `area`.
    pub fn fits(&self, guide: &Guide, area: Rect) -> bool {
        self.area == area && self.live.as_deref() == live_id(guide)
    }

    /// The lines that fill a page scrolled to `scroll`, and how many of the
    /// first one's wrapped lines are scrolled past: each line wraps on its
    /// own, so drawing these from there draws what the whole text would.
    pub fn visible(&self, scroll: u16) -> (&[GuideLine], u16) {
        let first = self.rows.partition_point(|&r| r <= scroll).saturating_sub(1);
        let bottom = scroll.saturating_add(self.page());
        let end = self.rows.partition_point(|&r| r < bottom).max(first);
        let skip = scroll.saturating_sub(self.rows.get(first).copied().unwrap_or(0));
        (self.lines.get(first..end).unwrap_or_default(), skip)
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
