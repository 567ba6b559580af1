//! The grid's cells, row by row, as the last frame drew them. A cursor
//! move changes the rows of two indicators and a tick those of one, yet
//! drawing the grid and comparing its cells with the terminal's was most
//! of a frame at 200x60 (some 7,000 cells). So the grid first lists what
//! it would draw on each row (each `put`: where, how wide, in what style,
//! which text), draws only the rows whose list differs from the last
//! frame's, and tells the backend the others are as the terminal shows
//! them ([`Unchanged`]), which then neither draws nor compares them.
//!
//! That holds only while the terminal shows the last frame this drew (the
//! backend says which frame it shows, and whether anything was cleared or
//! written another way since) and nothing was or will be drawn over the
//! grid (an overlay, the banner): any of those and every row is drawn,
//! and the next frame too. A whole draw (tests, benches) neither uses nor
//! changes what is kept.

use std::cell::RefCell;
use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::ui::unchanged::Unchanged;

/// One `put` of a row: its column, width and style, and which bytes of the
/// row's text it writes.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Put {
    x: u16,
    width: u16,
    style: Style,
    text: Range<usize>,
}

#[derive(Debug, Default, PartialEq, Eq)]
struct Row {
    puts: Vec<Put>,
    text: String,
    /// A put reaches outside the area's columns: the row is always drawn,
    /// as only the area's columns are ever left alone.
    spills: bool,
}

/// What one frame puts on each row of the grid's cells.
#[derive(Debug, Default)]
pub struct Rows {
    area: Rect,
    rows: Vec<Row>,
}

impl Rows {
    /// Empties the rows for a frame drawing `area`, keeping their room.
    fn start(&mut self, area: Rect) {
        self.area = area;
        self.rows.resize_with(usize::from(area.height), Row::default);
        for row in &mut self.rows {
            row.puts.clear();
            row.text.clear();
            row.spills = false;
        }
    }

    fn draw_row(&self, buf: &mut Buffer, i: usize) {
        let Some(row) = self.rows.get(i) else { return };
        let y = self.area.y.saturating_add(u16::try_from(i).unwrap_or(u16::MAX));
        for put in &row.puts {
            super::super::put(buf, put.x, y, &row.text[put.text.clone()], put.width, put.style);
        }
    }
}

/// Where the grid puts its cells' text: listed row by row ([`Rows`]), or
/// straight into the frame ([`Direct`]) when nothing is to be kept.
pub trait Sink {
    /// `text` at (x, y), cut to `width` columns, as [`super::super::put`]
    /// writes it.
    fn put(&mut self, x: u16, y: u16, text: &str, width: u16, style: Style);
}

/// Puts straight into the frame.
pub struct Direct<'a>(pub &'a mut Buffer);

impl Sink for Direct<'_> {
    fn put(&mut self, x: u16, y: u16, text: &str, width: u16, style: Style) {
        super::super::put(self.0, x, y, text, width, style);
    }
}

impl Sink for Rows {
    /// Lists the put on its row; the grid puts nothing outside its area's
    /// rows.
    fn put(&mut self, x: u16, y: u16, text: &str, width: u16, style: Style) {
        let area = self.area;
        let Some(row) = y.checked_sub(area.y).and_then(|i| self.rows.get_mut(usize::from(i))) else {
            debug_assert!(false, "a grid put on row {y}, outside {area:?}");
            return;
        };
        let start = row.text.len();
        row.text.push_str(text);
        row.spills |= x < area.x || x.saturating_add(width) > area.right();
        row.puts.push(Put { x, width, style, text: start..row.text.len() });
    }
}

/// The rows of the last frame drawn for a terminal, and its number if the
/// terminal may show them as drawn; the rows of the frame before, kept for
/// their room.
#[derive(Debug, Default)]
struct Kept {
    last: Rows,
    spare: Rows,
    drawn: Option<u64>,
}

thread_local! {
    static KEPT: RefCell<Kept> = RefCell::new(Kept::default());
}

/// The rows as `list` puts them into `area`, drawn into `buf`: every row in
/// a whole draw (`unchanged` allows nothing; it keeps nothing; straight
/// into `buf`, nothing listed), else only those that differ from the rows
/// the terminal shows, the rest added to `unchanged`.
pub fn draw(buf: &mut Buffer, area: Rect, unchanged: &mut Unchanged, list: impl FnOnce(&mut dyn Sink)) {
    let Some(reuse) = unchanged.reuse() else { return list(&mut Direct(buf)) };
    KEPT.with_borrow_mut(|kept| {
        let mut rows = std::mem::take(&mut kept.spare);
        rows.start(area);
        list(&mut rows);
        let same_as_shown = reuse.shows(kept.drawn) && kept.last.area == area;
        for (i, row) in rows.rows.iter().enumerate() {
            let y = area.y.saturating_add(u16::try_from(i).unwrap_or(u16::MAX));
            let same = same_as_shown && !row.spills && kept.last.rows.get(i) == Some(row);
            if !(same && unchanged.add(y, area.x..area.right())) {
                rows.draw_row(buf, i);
            }
        }
        kept.spare = std::mem::replace(&mut kept.last, rows);
        kept.drawn = reuse.drawn();
    });
}

/// Forgets the last frame's rows: the next frame draws every row.
pub fn forget() {
    KEPT.with_borrow_mut(|kept| kept.drawn = None);
}
