//! What the terminal shows, cell by cell, as far as the backend knows: the
//! cells it wrote since the last clear. A gap between two changed cells
//! can be rewritten from here instead of jumped over.

use ratatui::buffer::Cell;
use unicode_width::UnicodeWidthStr;

#[derive(Clone, Debug, PartialEq)]
pub enum Shown {
    /// Not known (before the first clear, or half of a wide symbol that
    /// was overwritten): never rewritten from the shadow.
    Unknown,
    Cell(Cell),
    /// The second column of a wide symbol on its left.
    Covered,
}

/// The columns a symbol takes on the terminal.
pub fn columns(cell: &Cell) -> u16 {
    u16::try_from(cell.symbol().width()).unwrap_or(u16::MAX).max(1)
}

#[derive(Debug, Default)]
pub struct Shadow {
    rows: Vec<Vec<Shown>>,
    /// Whether cells not in `rows` are blank (true after a clear).
    cleared: bool,
}

impl Shadow {
    /// The whole screen was erased: every cell is blank in the default style.
    pub fn clear(&mut self) {
        self.rows.clear();
        self.cleared = true;
    }

    /// The screen was changed in a way not followed cell by cell.
    pub fn forget(&mut self) {
        self.rows.clear();
        self.cleared = false;
    }

    fn filler(&self) -> Shown {
        if self.cleared { Shown::Cell(Cell::default()) } else { Shown::Unknown }
    }

    pub fn get(&self, x: u16, y: u16) -> Shown {
        match self.rows.get(usize::from(y)).and_then(|row| row.get(usize::from(x))) {
            Some(shown) => shown.clone(),
            None => self.filler(),
        }
    }

    /// Whether (x, y) is the second column of a wide symbol (asked for
    /// every cell written, so without copying the cell).
    fn covered(&self, x: u16, y: u16) -> bool {
        self.rows.get(usize::from(y)).and_then(|row| row.get(usize::from(x))) == Some(&Shown::Covered)
    }

    fn slot(&mut self, x: u16, y: u16) -> &mut Shown {
        let filler = self.filler();
        let (x, y) = (usize::from(x), usize::from(y));
        if self.rows.len() <= y {
            self.rows.resize(y + 1, Vec::new());
        }
        let row = &mut self.rows[y];
        if row.len() <= x {
            row.resize(x + 1, filler);
        }
        &mut row[x]
    }

    /// Records `cell` written at (x, y), with what it covers.
    pub fn put(&mut self, x: u16, y: u16, cell: &Cell) {
        // Writing over half of a wide symbol leaves the other half in a
        // state terminals differ on.
        if self.covered(x, y) {
            let mut left = x;
            while left > 0 && self.covered(left, y) {
                *self.slot(left, y) = Shown::Unknown;
                left -= 1;
            }
            *self.slot(left, y) = Shown::Unknown;
        }
        let width = columns(cell);
        *self.slot(x, y) = Shown::Cell(cell.clone());
        for dx in 1..width {
            let Some(cx) = x.checked_add(dx) else { break };
            *self.slot(cx, y) = Shown::Covered;
        }
        let mut after = x.saturating_add(width);
        while after > x && self.covered(after, y) {
            *self.slot(after, y) = Shown::Unknown;
            after = after.saturating_add(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(symbol: &str) -> Cell {
        let mut cell = Cell::default();
        cell.set_symbol(symbol);
        cell
    }

    #[test]
    fn unknown_until_cleared_then_blank() {
        let mut shadow = Shadow::default();
        assert_eq!(shadow.get(3, 3), Shown::Unknown);
        shadow.clear();
        assert_eq!(shadow.get(3, 3), Shown::Cell(Cell::default()));
    }

    #[test]
    fn a_wide_symbol_covers_its_second_column_and_overwriting_that_forgets_both() {
        let mut shadow = Shadow::default();
        shadow.clear();
        shadow.put(4, 0, &cell("コ"));
        assert_eq!(shadow.get(5, 0), Shown::Covered);
        shadow.put(5, 0, &cell("a"));
        assert_eq!(shadow.get(4, 0), Shown::Unknown);
        assert_eq!(shadow.get(5, 0), Shown::Cell(cell("a")));
    }

    #[test]
    fn a_narrow_symbol_over_a_wide_one_forgets_the_rest_of_it() {
        let mut shadow = Shadow::default();
        shadow.clear();
        shadow.put(4, 0, &cell("コ"));
        shadow.put(4, 0, &cell("a"));
        assert_eq!(shadow.get(5, 0), Shown::Unknown);
    }
}
