//! What the terminal shows, cell by cell: the frame each new one is
//! compared with, and where a gap between changed cells is rewritten from.
//! A cell is a character and its style in 20 bytes (ratatui's `Cell`, with
//! its string, is 48: at 200x60 that is 0.3 MB less), compared without a
//! call to `memcmp` for its string.

use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};
use ratatui::layout::Rect;

use super::sgr::Pen;
use crate::ui::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Symbol {
    /// A symbol of one character.
    Char(char),
    /// A column of the wide symbol to its left: drawn as part of it.
    Covered,
    /// Not known, or a symbol of more or fewer than one character: never
    /// taken as unchanged, never rewritten into a gap.
    Unknown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Glyph {
    pub symbol: Symbol,
    pub pen: Pen,
}

impl Glyph {
    const BLANK: Glyph = Glyph { symbol: Symbol::Char(' '), pen: Pen::PLAIN };
    const COVERED: Glyph = Glyph { symbol: Symbol::Covered, pen: Pen::PLAIN };

    /// The glyph of `cell` and the columns it takes (as ratatui's
    /// `cell_width` counts them), with one byte of ASCII, nearly every
    /// cell drawn, read without decoding or measuring it.
    fn with_columns(cell: &Cell) -> (Glyph, u16) {
        let text = cell.symbol();
        let (symbol, columns) = match *text.as_bytes() {
            [byte] if cell.diff_option == CellDiffOption::None => (Symbol::Char(char::from(byte)), 1),
            _ => {
                let mut chars = text.chars();
                let symbol = match (chars.next(), chars.next()) {
                    (Some(c), None) => Symbol::Char(c),
                    _ => Symbol::Unknown,
                };
                (symbol, cell.cell_width())
            }
        };
        (Glyph { symbol, pen: Pen::of(cell) }, columns)
    }
}

/// Whether ratatui's diff leaves a cell alone (it is drawn by something
/// else, such as an image).
#[allow(deprecated)]
fn is_skip(cell: &Cell) -> bool {
    matches!(cell.diff_option, CellDiffOption::Skip) || (cell.skip && cell.diff_option == CellDiffOption::None)
}

#[derive(Debug, Default)]
pub struct Shown {
    area: Rect,
    glyphs: Vec<Glyph>,
}

impl Shown {
    pub fn area(&self) -> Rect {
        self.area
    }

    /// The screen was erased: every cell of `area` is blank in the default
    /// style.
    pub fn blank(&mut self, area: Rect) {
        self.area = area;
        self.glyphs.clear();
        self.glyphs.resize(usize::from(area.width) * usize::from(area.height), Glyph::BLANK);
    }

    pub fn get(&self, x: u16, y: u16) -> Option<Glyph> {
        if !self.area.contains((x, y).into()) {
            return None;
        }
        let row = usize::from(y - self.area.y);
        self.glyphs.get(row * usize::from(self.area.width) + usize::from(x - self.area.x)).copied()
    }

    /// Takes `next` (of the same area) as shown, and lists in `changes`,
    /// in order, the index of each of its cells to write for that: those
    /// that differ, as ratatui's own diff finds them but for two things.
    /// The columns a wide symbol covers are skipped, whatever `next` holds
    /// there (the terminal draws them as part of it), and are written the
    /// next time anything else is there, even a blank. A symbol of more
    /// than one character is written every time. The cells of `unchanged`
    /// (in order, none covered by a wide symbol left of it) are taken as
    /// shown, whatever `next` holds there.
    pub fn update(&mut self, next: &Buffer, unchanged: &[Span], changes: &mut Vec<usize>) {
        debug_assert_eq!(self.area, next.area, "a frame of another area is drawn on a blank screen");
        let width = usize::from(next.area.width).max(1);
        let cells = &next.content[..next.content.len().min(self.glyphs.len())];
        let area = self.area;
        let mut unchanged = unchanged.iter().filter_map(|span| relative(area, span)).peekable();
        // Row by row: a wide symbol never covers the next row, and no
        // division per cell finds where a row ends (this loop visits every
        // cell of every frame: 12,000 at 200x60).
        for (row, (cells, glyphs)) in cells.chunks(width).zip(self.glyphs.chunks_mut(width)).enumerate() {
            let start = row * width;
            while unchanged.next_if(|&(y, _)| y < row).is_some() {}
            // This row's next span, taken once: a column compare per cell.
            let mut span = unchanged.next_if(|&(y, _)| y == row).map(|(_, columns)| columns);
            let mut x = 0;
            while x < cells.len() {
                if let Some(columns) = span.as_ref().filter(|c| x >= c.start) {
                    debug_assert_eq!(x, columns.start, "a wide symbol covers an unchanged span");
                    x = x.max(columns.end);
                    span = unchanged.next_if(|&(y, _)| y == row).map(|(_, columns)| columns);
                    continue;
                }
                let cell = &cells[x];
                if is_skip(cell) {
                    x += 1;
                    continue;
                }
                let (glyph, columns) = Glyph::with_columns(cell);
                let always = glyph.symbol == Symbol::Unknown || cell.diff_option == CellDiffOption::AlwaysUpdate;
                if always || glyphs[x] != glyph {
                    changes.push(start + x);
                    glyphs[x] = glyph;
                }
                let end = (x + usize::from(columns).max(1)).min(cells.len());
                for covered in &mut glyphs[x + 1..end] {
                    *covered = Glyph::COVERED;
                }
                x = end;
            }
        }
    }

    /// The position of cell `index` of a frame of this area.
    pub fn position(&self, index: usize) -> (u16, u16) {
        let width = usize::from(self.area.width).max(1);
        let x = u16::try_from(index % width).unwrap_or(u16::MAX);
        let y = u16::try_from(index / width).unwrap_or(u16::MAX);
        (self.area.x.saturating_add(x), self.area.y.saturating_add(y))
    }
}

/// A span's row and columns within `area`, if its row is in it.
pub(super) fn relative(area: Rect, span: &Span) -> Option<(usize, std::ops::Range<usize>)> {
    let y = span.y.checked_sub(area.y).filter(|&y| y < area.height)?;
    let x = |column: u16| usize::from(column.clamp(area.x, area.right()) - area.x);
    Some((usize::from(y), x(span.x)..x(span.end)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Style};

    fn changed(before: &Buffer, after: &Buffer) -> Vec<(u16, u16)> {
        let mut shown = Shown::default();
        shown.blank(before.area);
        let mut changes = Vec::new();
        shown.update(before, &[], &mut changes);
        changes.clear();
        shown.update(after, &[], &mut changes);
        changes.into_iter().map(|i| shown.position(i)).collect()
    }

    #[test]
    fn a_cell_is_twenty_bytes() {
        assert!(std::mem::size_of::<Glyph>() <= 20, "{}", std::mem::size_of::<Glyph>());
    }

    #[test]
    fn only_cells_whose_character_or_style_changed_are_written() {
        let area = Rect::new(0, 0, 10, 2);
        let mut before = Buffer::empty(area);
        before.set_string(0, 0, "0115 876", Style::new());
        let mut after = before.clone();
        after.set_string(5, 0, "8", Style::new().fg(Color::Red));
        after.set_string(2, 1, "x", Style::new());
        assert_eq!(changed(&before, &after), vec![(5, 0), (2, 1)]);
    }

    #[test]
    fn the_columns_a_wide_symbol_covers_are_written_once_it_is_gone() {
        let area = Rect::new(0, 0, 6, 1);
        let mut before = Buffer::empty(area);
        before.set_string(1, 0, "コ", Style::new());
        let mut after = Buffer::empty(area);
        after.set_string(1, 0, "a", Style::new());
        // Column 2 was the right half of コ: blank now, but written.
        assert_eq!(changed(&before, &after), vec![(1, 0), (2, 0)]);
        // While it stays, what the buffer holds under its right half is not.
        let mut over = before.clone();
        over.set_string(2, 0, "z", Style::new());
        assert_eq!(changed(&before, &over), vec![]);
    }

    #[test]
    fn a_wide_symbol_at_a_row_end_covers_nothing_of_the_next_row() {
        let area = Rect::new(0, 0, 3, 2);
        let mut before = Buffer::empty(area);
        before.set_string(2, 0, "コ", Style::new());
        let mut after = before.clone();
        after.set_string(0, 1, "a", Style::new());
        assert_eq!(changed(&before, &after), vec![(0, 1)]);
    }

    #[test]
    fn a_forced_width_covers_the_columns_it_gives() {
        let area = Rect::new(0, 0, 4, 1);
        let mut before = Buffer::empty(area);
        before.set_string(0, 0, "abcd", Style::new());
        let mut after = before.clone();
        after[(0, 0)]
            .set_symbol("x")
            .set_diff_option(CellDiffOption::ForcedWidth(std::num::NonZeroU16::new(2).unwrap()));
        after.set_string(1, 0, "z", Style::new());
        // Column 1 is covered by the forced-width x: its z is not written.
        assert_eq!(changed(&before, &after), vec![(0, 0)]);
    }

    #[test]
    fn a_symbol_of_several_characters_is_written_every_time() {
        let area = Rect::new(0, 0, 4, 1);
        let mut frame = Buffer::empty(area);
        frame.set_string(0, 0, "e\u{301}", Style::new());
        assert_eq!(changed(&frame, &frame), vec![(0, 0)]);
    }

    #[test]
    fn an_unchanged_span_keeps_what_the_terminal_shows_whatever_the_frame_holds() {
        let area = Rect::new(0, 0, 6, 3);
        let mut before = Buffer::empty(area);
        before.set_string(0, 1, "abcdef", Style::new());
        let mut shown = Shown::default();
        shown.blank(area);
        let mut changes = Vec::new();
        shown.update(&before, &[], &mut changes);
        // Row 1's columns 1..4 left out (blank in the frame), the rest of
        // the row drawn again, and a change on row 2.
        let mut after = Buffer::empty(area);
        after.set_string(0, 1, "a", Style::new());
        after.set_string(4, 1, "ef", Style::new());
        after.set_string(0, 2, "z", Style::new());
        changes.clear();
        shown.update(&after, &[Span { y: 1, x: 1, end: 4 }], &mut changes);
        let written: Vec<_> = changes.into_iter().map(|i| shown.position(i)).collect();
        assert_eq!(written, vec![(0, 2)]);
        let row: String = (0..6)
            .map(|x| match shown.get(x, 1).map(|g| g.symbol) {
                Some(Symbol::Char(c)) => c,
                _ => '?',
            })
            .collect();
        assert_eq!(row, "abcdef", "the left-out cells are still taken as shown");
    }

    #[test]
    fn a_skipped_cell_keeps_what_the_terminal_shows() {
        let area = Rect::new(0, 0, 4, 1);
        let before = Buffer::empty(area);
        let mut after = before.clone();
        after.set_string(1, 0, "x", Style::new());
        after[(1, 0)].set_diff_option(CellDiffOption::Skip);
        assert_eq!(changed(&before, &after), vec![]);
    }
}
