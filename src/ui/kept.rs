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

use std::cell::RefCell;
use std::thread::LocalKey;

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// Lines kept beyond those drawn: a related group or two (each line's
/// cells are 48 bytes a column).
const SPARE_LINES: usize = 16;

/// A line as last drawn and the rows it wrapped to, each without its
/// trailing blank cells (the frame is blank there already): most lines
/// are shorter than the panel, and the kept cells are 48 bytes each.
#[derive(Debug, Default)]
struct Wrapped {
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
}

/// One kept region per view that keeps one (the app draws on one thread;
/// tests draw on their own).
pub type Slot = LocalKey<RefCell<Kept>>;

/// Draws `lines` into `area` as `Paragraph::wrap(Wrap { trim: false })`
/// draws them, reusing from `slot` the rows of each line the last draw
/// wrapped. Lines past the area's foot are not wrapped at all.
pub fn wrapped(slot: &'static Slot, buf: &mut Buffer, area: Rect, lines: Vec<Line<'_>>) {
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
                None => wrap(owned(&line), area.width),
            };
            let mut offset = 0;
            for &used in &wrapped.rows {
                if y >= area.bottom() {
                    break;
                }
                let used = usize::from(used).min(width);
                let start = buf.index_of(area.x, y);
                buf.content[start..start + used].clone_from_slice(&wrapped.cells[offset..offset + used]);
                offset += used;
                y += 1;
            }
            kept.lines.push(wrapped);
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
    slot.with_borrow_mut(|kept| *kept = Kept::default());
}

/// The rows `line` wraps to at `width`, drawn on blank cells.
fn wrap(line: Line<'static>, width: u16) -> Wrapped {
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
    Wrapped { line, cells, rows: used_rows }
}

fn owned(line: &Line<'_>) -> Line<'static> {
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
        wrapped(&TEST, &mut buf, area, lines.to_vec());
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
