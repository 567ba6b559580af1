//! Where things go on screen, computed purely from the state and the
//! terminal size, so the view draws it and `update` can scroll and hit-test
//! with the very same numbers.

use std::ops::Range;

use ratatui::layout::Rect;
use unicode_width::UnicodeWidthChar;

use super::grid::{Cursor, Grid};

pub const HEADER_HEIGHT: u16 = 3;
pub const FOOTER_HEIGHT: u16 = 1;
/// A level column narrower than this is hard to read; fewer columns are
/// shown instead, with the hidden ones named at the edges.
pub const MIN_COLUMN_WIDTH: u16 = 28;
/// In presentation mode columns are wider, so fewer show at once.
pub const PRESENT_COLUMN_WIDTH: u16 = 40;
/// From this width the call summary sits beside the grid, not below it.
pub const SIDE_SUMMARY_FROM: u16 = 140;
pub const SIDE_SUMMARY_WIDTH: u16 = 44;
pub const BOTTOM_SUMMARY_HEIGHT: u16 = 4;
/// "[x] ▲ " before each indicator's text.
pub const ITEM_PREFIX: u16 = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub grid: Rect,
    pub summary: Rect,
    pub footer: Rect,
}

impl Areas {
    pub fn of(width: u16, height: u16) -> Areas {
        let full = Rect::new(0, 0, width, height);
        let header = Rect { height: HEADER_HEIGHT.min(height), ..full };
        let footer_y = height.saturating_sub(FOOTER_HEIGHT).max(header.bottom());
        let footer = Rect { y: footer_y, height: height.saturating_sub(footer_y), ..full };
        let body = Rect { y: header.bottom(), height: footer_y.saturating_sub(header.bottom()), ..full };
        let (grid, summary) = if width >= SIDE_SUMMARY_FROM {
            let grid = Rect { width: width - SIDE_SUMMARY_WIDTH, ..body };
            (grid, Rect { x: grid.right(), width: SIDE_SUMMARY_WIDTH, ..body })
        } else {
            let summary_height = BOTTOM_SUMMARY_HEIGHT.min(body.height / 2);
            let grid = Rect { height: body.height - summary_height, ..body };
            (grid, Rect { y: grid.bottom(), height: summary_height, ..body })
        };
        Areas { header, grid, summary, footer }
    }

    /// Inside the grid's border, below its column headings.
    /// Where overlays go: between the header and the footer, so the number
    /// to ring stays in view under any overlay. One row lower than the
    /// header keeps the grid's top border, with the pack's title, in view.
    pub fn overlay(&self) -> Rect {
        let top = self.header.bottom().saturating_add(1).min(self.footer.y);
        Rect { x: 0, y: top, width: self.header.width, height: self.footer.y.saturating_sub(top) }
    }

    pub fn grid_cells(&self) -> Rect {
        let inner = Rect {
            x: self.grid.x.saturating_add(1),
            y: self.grid.y.saturating_add(2),
            width: self.grid.width.saturating_sub(2),
            height: self.grid.height.saturating_sub(3),
        };
        if inner.width == 0 || inner.height == 0 { Rect { width: 0, height: 0, ..self.grid } } else { inner }
    }
}

/// How many level columns fit, and which ones are shown to keep `level` in view.
pub fn visible_levels(levels: usize, width: u16, min_column: u16, first: usize, level: usize) -> Range<usize> {
    let fit = usize::from((width / min_column.max(1)).max(1)).min(levels.max(1));
    let mut start = first.min(levels.saturating_sub(fit));
    if level < start {
        start = level;
    } else if level >= start + fit {
        start = level + 1 - fit;
    }
    start..(start + fit).min(levels)
}

/// One indicator's wrapped lines, relative to its row's first cell line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedItem {
    pub item: usize,
    pub first_line: usize,
    pub lines: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowBlock {
    pub row: usize,
    /// The document line of the row's heading; its cells start one below.
    pub top: usize,
    /// Cell lines (at least one).
    pub height: usize,
    /// Per visible level, its items.
    pub cells: Vec<(usize, Vec<PlacedItem>)>,
}

/// The whole grid laid out as lines for the visible levels and width.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GridDoc {
    pub levels: Range<usize>,
    /// The width it was laid out for.
    pub width: u16,
    /// Blank lines between indicators.
    pub gap: usize,
    pub column_width: u16,
    pub blocks: Vec<RowBlock>,
    pub total_lines: usize,
}

impl GridDoc {
    /// `gap` blank lines separate indicators (one in presentation mode).
    pub fn build(grid: &Grid, levels: Range<usize>, width: u16, gap: usize) -> GridDoc {
        let count = levels.len().max(1);
        let column_width = u16::try_from(usize::from(width) / count).unwrap_or(u16::MAX);
        let text_width = usize::from(column_width.saturating_sub(ITEM_PREFIX + 1).max(8));
        let mut blocks = Vec::with_capacity(grid.rows.len());
        let mut top = 0;
        for (row_index, row) in grid.rows.iter().enumerate() {
            let mut height = 1;
            let cells: Vec<(usize, Vec<PlacedItem>)> = levels
                .clone()
                .map(|level| {
                    let mut line = 0;
                    let items = row.cells.get(level).map_or_else(Vec::new, |cell| {
                        cell.iter()
                            .enumerate()
                            .map(|(item, it)| {
                                let lines = wrap(&it.text, text_width);
                                let placed = PlacedItem { item, first_line: line, lines };
                                line += placed.lines.len() + gap;
                                placed
                            })
                            .collect()
                    });
                    height = height.max(line);
                    (level, items)
                })
                .collect();
            blocks.push(RowBlock { row: row_index, top, height, cells });
            top += 1 + height;
        }
        GridDoc { levels, width, gap, column_width, blocks, total_lines: top }
    }

    /// The document lines an item (or an empty cell) occupies.
    pub fn lines_of(&self, cursor: Cursor) -> Range<usize> {
        let Some(block) = self.blocks.get(cursor.row) else { return 0..0 };
        let start = block.top + 1;
        let placed =
            block.cells.iter().find(|(level, _)| *level == cursor.level).and_then(|(_, items)| items.get(cursor.item));
        match placed {
            Some(p) => start + p.first_line..start + p.first_line + p.lines.len(),
            None => start..start + 1,
        }
    }

    /// The item at a document line and a column offset inside the grid.
    pub fn hit(&self, line: usize, x: u16) -> Option<Cursor> {
        let block = self.blocks.iter().find(|b| b.top < line && line <= b.top + b.height)?;
        let column = usize::from(x / self.column_width.max(1));
        let (level, items) = block.cells.get(column)?;
        let within = line - block.top - 1;
        let item = items.iter().find(|p| (p.first_line..p.first_line + p.lines.len()).contains(&within))?;
        Some(Cursor { row: block.row, level: *level, item: item.item })
    }

    /// The first line of the row `lines` below (or above) the cursor's.
    pub fn row_near(&self, line: usize) -> usize {
        self.blocks.iter().position(|b| b.top + b.height >= line).unwrap_or(self.blocks.len().saturating_sub(1))
    }
}

/// Scrolls as little as possible to show `lines` (and the row heading just
/// above them when it fits) in a view `height` lines tall.
pub fn scroll_to_show(scroll: usize, lines: Range<usize>, heading: usize, height: usize) -> usize {
    let height = height.max(1);
    let mut scroll = scroll;
    if lines.end > scroll + height {
        scroll = lines.end - height;
    }
    let want_top = if lines.end - heading <= height { heading } else { lines.start };
    if want_top < scroll {
        scroll = want_top;
    }
    scroll
}

/// Greedy word wrap by display width; a word longer than the width is cut.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0;
    for word in text.split_whitespace() {
        let word_width: usize = word.chars().map(|c| c.width().unwrap_or(0)).sum();
        if line_width > 0 && line_width + 1 + word_width > width {
            lines.push(std::mem::take(&mut line));
            line_width = 0;
        }
        if word_width > width {
            for c in word.chars() {
                let w = c.width().unwrap_or(0);
                if line_width + w > width {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0;
                }
                line.push(c);
                line_width += w;
            }
            continue;
        }
        if line_width > 0 {
            line.push(' ');
            line_width += 1;
        }
        line.push_str(word);
        line_width += word_width;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces_and_cuts_overlong_words() {
        assert_eq!(wrap("Poor home/school link", 10), ["Poor", "home/schoo", "l link"]);
        assert_eq!(wrap("Failure to thrive or faltering growth", 16), ["Failure to", "thrive or", "faltering growth"]);
        assert_eq!(wrap("", 5), [""]);
    }

    #[test]
    fn compact_widths_show_fewer_columns_and_follow_the_cursor() {
        assert_eq!(visible_levels(4, 78, MIN_COLUMN_WIDTH, 0, 0), 0..2);
        assert_eq!(visible_levels(4, 78, MIN_COLUMN_WIDTH, 0, 3), 2..4);
        assert_eq!(visible_levels(4, 78, MIN_COLUMN_WIDTH, 2, 1), 1..3);
        assert_eq!(visible_levels(4, 154, MIN_COLUMN_WIDTH, 0, 3), 0..4);
        assert_eq!(visible_levels(5, 10, MIN_COLUMN_WIDTH, 0, 4), 4..5);
        assert_eq!(visible_levels(4, 118, PRESENT_COLUMN_WIDTH, 0, 3), 2..4);
    }

    #[test]
    fn areas_never_exceed_the_screen() {
        for (w, h) in [(0, 0), (1, 1), (80, 24), (200, 60), (10, 3)] {
            let a = Areas::of(w, h);
            for r in [a.header, a.grid, a.summary, a.footer, a.grid_cells()] {
                assert!(r.right() <= w && r.bottom() <= h, "{w}x{h}: {r:?}");
            }
        }
    }
}
