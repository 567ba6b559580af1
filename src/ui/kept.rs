//! Wrapped text kept between frames, line by line. Wrapping a panel's
//! lines (splitting them into graphemes, measuring and breaking words)
//! costs more than building them, and a cursor move or a tick changes few
//! of a panel's lines: the related group of the focused indicator, a
//! count, one line of the ticked list. Each line wraps on its own (with
//! nothing trimmed, a line's rows depend on that line and the width and
//! nothing else), so each keeps the cells it wrapped to while it is
//! unchanged, and only new lines are wrapped.
//!
//! A kept area must be one nothing else draws under in the same frame (an
//! overlay may draw over it afterwards), on a frame that starts blank: a
//! line's rows are copied as the line left them on blank cells, up to
//! each row's last cell that is not blank.
//!
//! Drawn for a terminal (with a `Reuse`), a row that shows the same row
//! of the same kept line as on the last frame is not copied at all: it is
//! left out of the frame as [`Unchanged`] (a cursor move changes the
//! related group and what follows it; the counts, the level and the
//! guidance above it stay).

use std::cell::RefCell;
use std::thread::LocalKey;

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::unchanged::Unchanged;

/// Lines kept beyond those drawn: a related group or two (each line's
/// cells are 48 bytes a column).
const SPARE_LINES: usize = 16;

/// A line as last drawn and the rows it wrapped to, each without its
/// trailing blank cells (the frame is blank there already): most lines
/// are shorter than the panel, and the kept cells are 48 bytes each.
#[derive(Debug, Default)]
struct Wrapped {
    /// Which wrap this is: a number no other wrap in the slot had.
    id: u64,
    line: Line<'static>,
    /// The rows' cells, one row after another.
    cells: Vec<Cell>,
    /// How many cells of `cells` each row has; empty once taken.
    rows: Vec<u16>,
}

/// The lines of the last draw, in order, then those it left unused, at the
/// width they wrapped to.
#[derive(Debug, Default)]
pub struct Kept {
    width: u16,
    lines: Vec<Wrapped>,
    /// The last wrap's number.
    wraps: u64,
    /// What each row of `area` showed on the frame numbered `drawn`, when
    /// drawn for a terminal: a kept line's id and its row, or nothing.
    shown: Vec<Option<(u64, u16)>>,
    area: Rect,
    drawn: Option<u64>,
}

/// One kept region per view that keeps one (the app draws on one thread;
/// tests draw on their own).
pub type Slot = LocalKey<RefCell<Kept>>;

/// Draws `lines` into `area` as `Paragraph::wrap(Wrap { trim: false })`
/// draws them, reusing from `slot` the rows of each line the last draw
/// wrapped. Lines past the area's foot are not wrapped at all. Drawn for
/// a terminal (when `unchanged` allows it), rows the terminal shows as
/// they are now are left out, into `unchanged`.
pub fn wrapped(slot: &'static Slot, buf: &mut Buffer, area: Rect, lines: Vec<Line<'_>>, unchanged: &mut Unchanged) {
    let reuse = unchanged.reuse();
    let area = area.intersection(buf.area);
    let width = usize::from(area.width);
    if width == 0 || area.height == 0 {
        return;
    }
    slot.with_borrow_mut(|kept| {
        let mut last = std::mem::take(&mut kept.lines);
        if kept.width != area.width {
            last.clear();
            kept.width = area.width;
        }
        let same_as_shown = reuse.is_some_and(|r| r.shows(kept.drawn)) && kept.area == area;
        let mut shown = vec![None; usize::from(area.height)];
        // Lines mostly stay in order (a changed group above moves the rest
        // down): look from just after the last line found.
        let mut from = 0;
        let mut y = area.y;
        for line in lines {
            if y >= area.bottom() {
                break;
            }
            let found = (from..last.len()).chain(0..from.min(last.len())).find(|&i| {
                let old: &Line<'_> = &last[i].line;
                !last[i].rows.is_empty() && *old == line
            });
            let wrapped = match found {
                Some(i) => {
                    from = i + 1;
                    std::mem::take(&mut last[i])
                }
                None => {
                    kept.wraps += 1;
                    wrap(owned(&line), area.width, kept.wraps)
                }
            };
            let mut offset = 0;
            for (n, &used) in (0u16..).zip(&wrapped.rows) {
                if y >= area.bottom() {
                    break;
                }
                let used = usize::from(used).min(width);
                let row = usize::from(y - area.y);
                shown[row] = Some((wrapped.id, n));
                let same = same_as_shown && kept.shown.get(row) == Some(&shown[row]);
                if !(same && unchanged.add(y, area.x..area.right())) {
                    let start = buf.index_of(area.x, y);
                    buf.content[start..start + used].clone_from_slice(&wrapped.cells[offset..offset + used]);
                }
                offset += used;
                y += 1;
            }
            kept.lines.push(wrapped);
        }
        // Rows below the last line: blank now, and left out if blank before.
        for y in y..area.bottom() {
            if same_as_shown && kept.shown.get(usize::from(y - area.y)) == Some(&None) {
                unchanged.add(y, area.x..area.right());
            }
        }
        if let Some(reuse) = reuse {
            kept.shown = shown;
            kept.area = area;
            kept.drawn = reuse.drawn();
        }
        // The lines this draw did not use are kept too, up to SPARE_LINES
        // of them: moving back to the indicator just left (a handler reading
        // up and down) finds its related group still wrapped.
        let spare = usize::from(area.height).min(SPARE_LINES);
        kept.lines.extend(last.into_iter().filter(|w| !w.rows.is_empty()).take(spare));
    });
}

/// Forgets what `slot` kept, so its next draw wraps afresh.
pub fn forget(slot: &'static Slot) {
    slot.with_borrow_mut(|kept| {
        // Numbers of wraps are never given twice, even after a forget.
        let wraps = kept.wraps;
        *kept = Kept { wraps, ..Kept::default() };
    });
}

/// The rows `line` wraps to at `width`, drawn on blank cells, as wrap `id`.
fn wrap(line: Line<'static>, width: u16, id: u64) -> Wrapped {
    let paragraph = Paragraph::new(line.clone()).wrap(Wrap { trim: false });
    let rows = u16::try_from(paragraph.line_count(width)).unwrap_or(u16::MAX).max(1);
    let area = Rect::new(0, 0, width, rows);
    let mut scratch = Buffer::empty(area);
    paragraph.render(area, &mut scratch);
    let mut cells = Vec::new();
    let mut used_rows = Vec::with_capacity(usize::from(rows));
    for row in scratch.content.chunks(usize::from(width)) {
        let used = row.iter().rposition(|c| *c != Cell::EMPTY).map_or(0, |i| i + 1);
        cells.extend_from_slice(&row[..used]);
        used_rows.push(u16::try_from(used).unwrap_or(u16::MAX));
    }
    cells.shrink_to_fit();
    Wrapped { id, line, cells, rows: used_rows }
}

pub(super) fn owned(line: &Line<'_>) -> Line<'static> {
    let spans = line.spans.iter().map(|s| Span::styled(s.content.to_string(), s.style)).collect();
    Line { spans, style: line.style, alignment: line.alignment }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Style};

    thread_local! {
        static TEST: RefCell<Kept> = RefCell::new(Kept::default());
    }

    fn fresh(area: Rect, lines: &[Line<'_>]) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 6));
        Paragraph::new(lines.to_vec()).wrap(Wrap { trim: false }).render(area, &mut buf);
        buf
    }

    fn kept(area: Rect, lines: &[Line<'_>]) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 6));
        wrapped(&TEST, &mut buf, area, lines.to_vec(), &mut Unchanged::default());
        buf
    }

    #[test]
    fn kept_cells_are_the_ones_a_fresh_wrap_gives_and_change_with_either_key() {
        let area = Rect::new(3, 1, 10, 4);
        let red = Style::new().fg(Color::Red);
        let one = vec![Line::raw("Same concern at other levels"), Line::styled("Ticked", red)];
        assert_eq!(kept(area, &one), fresh(area, &one));
        // Drawn again from what was kept.
        assert_eq!(kept(area, &one), fresh(area, &one));
        // Another style, another word, another area: each is drawn anew.
        let restyled = vec![Line::raw("Same concern at other levels"), Line::raw("Ticked")];
        assert_eq!(kept(area, &restyled), fresh(area, &restyled));
        let reworded = vec![Line::raw("Same concern at other levels"), Line::raw("Tucked")];
        assert_eq!(kept(area, &reworded), fresh(area, &reworded));
        let moved = Rect::new(2, 1, 12, 4);
        assert_eq!(kept(moved, &reworded), fresh(moved, &reworded));
        assert_ne!(fresh(moved, &reworded), fresh(area, &reworded));
    }

    fn for_terminal(area: Rect, lines: &[Line<'_>], frame: u64) -> (Buffer, Vec<u16>) {
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 6));
        let reuse = crate::ui::unchanged::Reuse { canvas: crate::ui::Canvas { frame, over_last: frame > 1 } };
        let mut unchanged = Unchanged::new(Some(reuse));
        wrapped(&TEST, &mut buf, area, lines.to_vec(), &mut unchanged);
        let unchanged = unchanged.finish(&[]);
        assert!(unchanged.spans().iter().all(|s| s.x == area.x && s.end == area.right()), "whole rows of the area");
        (buf, unchanged.spans().iter().map(|s| s.y).collect())
    }

    #[test]
    fn rows_that_show_what_the_last_frame_showed_are_left_out_and_not_drawn() {
        forget(&TEST);
        let area = Rect::new(1, 0, 10, 6);
        let lines = vec![Line::raw("one"), Line::raw("a line that wraps"), Line::raw("three")];
        let (first, left_out) = for_terminal(area, &lines, 1);
        assert_eq!((first, left_out), (fresh(area, &lines), Vec::new()), "the first frame is drawn whole");
        let (again, left_out) = for_terminal(area, &lines, 2);
        assert_eq!(left_out, vec![0, 1, 2, 3, 4, 5], "the lines' rows and the blank rows below them");
        assert_eq!(again, Buffer::empty(again.area), "nothing drawn");
        // The second line grows a row: the first stays, the rest is drawn.
        let longer = vec![Line::raw("one"), Line::raw("a line that wraps twice"), Line::raw("three")];
        let (drawn, left_out) = for_terminal(area, &longer, 3);
        assert_eq!(left_out, vec![0, 5]);
        let whole = fresh(area, &longer);
        for y in 1..5 {
            assert_eq!(drawn.content[y * 20..y * 20 + 20], whole.content[y * 20..y * 20 + 20], "row {y}");
        }
        // A frame in between that this did not draw: drawn whole.
        let (_, left_out) = for_terminal(area, &longer, 5);
        assert_eq!(left_out, Vec::<u16>::new());
    }

    #[test]
    fn lines_wrapped_one_by_one_are_the_lines_a_paragraph_wraps() {
        let area = Rect::new(1, 0, 12, 6);
        let red = Style::new().fg(Color::Red);
        let lines = vec![
            Line::raw(""),
            Line::raw("a word-that-is-longer-than-the-width then more"),
            Line::from(vec![Span::styled("Services: ", red), Span::raw("Early Help; Family Support")]),
            Line::raw("trailing spaces    "),
            Line::raw("コンタクト 電話 番号"),
            Line::raw("  ! Injury — to a baby").right_aligned(),
            Line::raw(""),
            Line::raw("past the foot of the area, cut"),
        ];
        assert_eq!(kept(area, &lines), fresh(area, &lines));
        // From kept rows, after a line above changed its height.
        let mut shifted = lines.clone();
        shifted[1] = Line::raw("short");
        assert_eq!(kept(area, &shifted), fresh(area, &shifted));
        shifted.remove(2);
        assert_eq!(kept(area, &shifted), fresh(area, &shifted));
    }

    #[test]
    fn lines_below_the_area_are_not_drawn_and_do_not_make_a_redraw() {
        let area = Rect::new(0, 0, 20, 2);
        let lines = vec![Line::raw("one"), Line::raw("two"), Line::raw("three")];
        assert_eq!(kept(area, &lines), fresh(area, &lines));
        let other_tail = vec![Line::raw("one"), Line::raw("two"), Line::raw("four")];
        assert_eq!(kept(area, &other_tail), fresh(area, &other_tail));
        TEST.with_borrow(|k| assert_eq!(k.lines.len(), 2, "the third line is not wrapped"));
    }

    #[test]
    fn lines_left_unused_are_kept_for_a_move_back() {
        let area = Rect::new(0, 0, 20, 3);
        let a = vec![Line::raw("counts"), Line::raw("related to A")];
        let b = vec![Line::raw("counts"), Line::raw("related to B")];
        kept(area, &a);
        assert_eq!(kept(area, &b), fresh(area, &b));
        TEST.with_borrow(|k| assert!(k.lines.iter().any(|w| w.line == a[1]), "A's line is spare"));
        assert_eq!(kept(area, &a), fresh(area, &a));
    }

    #[test]
    fn an_area_cut_by_the_frame_is_kept_as_drawn() {
        let area = Rect::new(15, 4, 10, 4);
        let lines = vec![Line::raw("a longer line that wraps")];
        assert_eq!(kept(area, &lines), fresh(area, &lines));
        forget(&TEST);
        assert_eq!(kept(area, &lines), fresh(area, &lines));
    }
}
