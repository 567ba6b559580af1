//! The backend under the app's `Terminal`: crossterm's, with each frame
//! handed to the terminal in one write, and nothing written for a frame in
//! which nothing changed. A frame split over many writes is drawn by a slow
//! link or a screen reader piece by piece; a reset or cursor sequence sent
//! every second for nothing is noise to both. Between two changed cells
//! it writes the cheapest of a cursor move and the unchanged cells
//! themselves (read from what it last wrote), and each style change as one
//! short SGR sequence.
//!
//! Frames come through [`draw`], not ratatui's `Terminal::draw`: what the
//! backend last wrote is what the terminal shows, so it is what each new
//! frame is compared with (in [`shown`], 20 bytes a cell), and ratatui's
//! own copy of the last frame (its second buffer, 48 bytes a cell: 0.6 MB
//! at 200x60) is let go.

use std::io::{self, Write};

mod moves;
mod sgr;
mod shown;

use crossterm::cursor::Hide;
use ratatui::Frame;
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};
use unicode_width::UnicodeWidthStr;

use moves::Cursor;
use sgr::Pen;
use shown::{Shown, Symbol};

use crate::ui::{Canvas, Unchanged};

/// Holds what a frame writes until the frame is flushed, then writes it
/// at once. Nothing is written on drop: a frame cut short by a panic must
/// not land on the shell's screen after the terminal was restored.
#[derive(Debug)]
pub struct FrameWriter<W: Write> {
    out: W,
    pending: Vec<u8>,
}

/// A 200x60 first frame is about 11 KB; room for the largest without
/// growing.
const FRAME_CAPACITY: usize = 64 * 1024;

impl<W: Write> FrameWriter<W> {
    pub fn new(out: W) -> FrameWriter<W> {
        FrameWriter { out, pending: Vec::with_capacity(FRAME_CAPACITY) }
    }

    pub fn get_ref(&self) -> &W {
        &self.out
    }
}

impl<W: Write> Write for FrameWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            // Cleared even on error: the loop ends on a failed frame, and a
            // kept half-frame would only grow.
            let result = self.out.write_all(&self.pending);
            self.pending.clear();
            result?;
        }
        self.out.flush()
    }
}

/// What the backend knows of the terminal's cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Known {
    /// Blank in the default style: after a clear, and at the start (as
    /// ratatui's own back buffer assumes: the first frame is right only on
    /// a blank screen anyway).
    Blank,
    /// What `shown` holds: since the last clear, only whole frames were
    /// written.
    Written,
    /// Not known (cells were written one by one, or lines appended): a
    /// frame is then drawn on a cleared screen.
    Unknown,
}

/// The app's backend: crossterm's terminal calls, but its own drawing,
/// which writes the changed cells and the fewest bytes between them.
#[derive(Debug)]
pub struct Screen<W: Write> {
    out: FrameWriter<W>,
    /// Whether the terminal's cursor is known to be hidden; `false` after a
    /// clear (a resume from suspend, where the shell showed it).
    cursor_hidden: bool,
    /// Where the terminal's cursor is, when known.
    cursor: Option<Cursor>,
    /// What [`Screen::present`] wrote.
    shown: Shown,
    known: Known,
    /// The cells of a frame to write, kept between frames for its room.
    changes: Vec<usize>,
    /// How many frames were presented: the last one's number.
    frames: u64,
}

/// The columns a symbol takes on the terminal.
fn columns(cell: &Cell) -> u16 {
    u16::try_from(cell.symbol().width()).unwrap_or(u16::MAX).max(1)
}

impl<W: Write> Screen<W> {
    pub fn new(out: W) -> Screen<W> {
        Screen {
            out: FrameWriter::new(out),
            cursor_hidden: false,
            cursor: None,
            shown: Shown::default(),
            known: Known::Blank,
            changes: Vec::new(),
            frames: 0,
        }
    }

    pub fn writer(&self) -> &W {
        self.out.get_ref()
    }

    fn crossterm(&mut self) -> CrosstermBackend<&mut FrameWriter<W>> {
        CrosstermBackend::new(&mut self.out)
    }

    /// Writes the cells of `frame` that differ from what the terminal
    /// shows, and takes them as shown; `frame` is left blank, in the same
    /// area, for the next frame to be drawn into.
    pub fn present(&mut self, frame: &mut Buffer) -> io::Result<()> {
        self.present_changes(frame, &Unchanged::default())
    }

    /// Whether the terminal shows what the last frame wrote, over `area`:
    /// a frame may then leave cells out as [`Unchanged`].
    fn shows_last_frame(&self, area: Rect) -> bool {
        self.known == Known::Written && self.shown.area() == area
    }

    /// The next frame to present, over `area`.
    pub fn canvas(&self, area: Rect) -> Canvas {
        Canvas { frame: self.frames.wrapping_add(1), over_last: self.shows_last_frame(area) }
    }

    /// As [`Screen::present`], but the cells of `unchanged` are not looked
    /// at: the terminal keeps what it shows there. Only for a frame drawn
    /// on [`Screen::canvas`] with `over_last` set.
    pub fn present_changes(&mut self, frame: &mut Buffer, unchanged: &Unchanged) -> io::Result<()> {
        debug_assert!(
            unchanged.is_empty() || self.shows_last_frame(frame.area),
            "cells left out of a frame to be drawn whole"
        );
        // Counted before anything can fail: a frame cut short is not one
        // the next may be drawn over.
        self.frames = self.frames.wrapping_add(1);
        match self.known {
            Known::Written if self.shown.area() == frame.area => {}
            Known::Blank => self.shown.blank(frame.area),
            // A frame of another size with no clear between (ratatui clears
            // on every resize), or cells not followed: start from blank.
            Known::Written | Known::Unknown => {
                self.clear_region(ClearType::All)?;
                self.shown.blank(frame.area);
            }
        }
        let mut changes = std::mem::take(&mut self.changes);
        changes.clear();
        let unchanged = if self.shows_last_frame(frame.area) { unchanged.spans() } else { &[] };
        self.shown.update(frame, unchanged, &mut changes);
        // The gaps between changed cells are unchanged cells: the same in
        // what was shown and in the frame.
        let shown = std::mem::take(&mut self.shown);
        let cells = changes.iter().map(|&i| {
            let (x, y) = shown.position(i);
            (x, y, &frame.content[i])
        });
        self.write_cells(cells, Some(&shown));
        self.shown = shown;
        self.changes = changes;
        reset_drawn(frame, unchanged);
        self.known = Known::Written;
        Ok(())
    }

    /// Writes each cell, reaching it by the cheapest of a cursor move and
    /// rewriting the unchanged cells before it from `shown` (when the
    /// terminal shows it). Between frames the terminal's style is the
    /// default: a frame that ends in another style resets it, one that
    /// ends plain writes no reset.
    fn write_cells<'a>(&mut self, cells: impl Iterator<Item = (u16, u16, &'a Cell)>, shown: Option<&Shown>) {
        let mut pen = Pen::PLAIN;
        let mut out = std::mem::take(&mut self.out.pending);
        let mut jump = Vec::new();
        for (x, y, cell) in cells {
            let wanted = Pen::of(cell);
            if self.cursor != Some((x, y)) {
                jump.clear();
                moves::write_move(self.cursor, (x, y), &mut jump);
                sgr::write(pen, wanted, &mut jump);
                let walked = shown
                    .zip(self.cursor.filter(|&(_, row)| row == y))
                    .and_then(|(shown, from)| gap(shown, from, x, pen, jump.len()))
                    .map(|(mut bytes, gap_pen)| {
                        sgr::write(gap_pen, wanted, &mut bytes);
                        bytes
                    });
                match walked {
                    Some(bytes) if bytes.len() < jump.len() => out.extend_from_slice(&bytes),
                    _ => out.extend_from_slice(&jump),
                }
            } else {
                sgr::write(pen, wanted, &mut out);
            }
            pen = wanted;
            out.extend_from_slice(cell.symbol().as_bytes());
            // A symbol of no width (or none) leaves the cursor where the
            // terminal decides; the next cell is then reached absolutely.
            self.cursor = (cell.symbol().width() > 0).then(|| (x.saturating_add(columns(cell)), y));
        }
        sgr::write(pen, Pen::PLAIN, &mut out);
        self.out.pending = out;
    }
}

/// Makes `frame` blank for the next frame but for the cells of
/// `unchanged`: nothing was drawn there, so they are blank already (on a
/// 200x60 frame that is most of the grid, and resetting every cell was 6 %
/// of a cursor move).
fn reset_drawn(frame: &mut Buffer, unchanged: &[crate::ui::Span]) {
    let width = usize::from(frame.area.width);
    let mut from = 0;
    for (row, columns) in unchanged.iter().filter_map(|span| shown::relative(frame.area, span)) {
        let (start, end) = (row * width + columns.start, row * width + columns.end);
        if start < from || end > frame.content.len() {
            continue;
        }
        frame.content[from..start].iter_mut().for_each(Cell::reset);
        debug_assert!(frame.content[start..end].iter().all(|c| *c == Cell::EMPTY), "a left-out cell was drawn");
        from = end;
    }
    frame.content[from..].iter_mut().for_each(Cell::reset);
}

/// The unchanged cells of `shown` from `from` up to column `x` of its row,
/// with their styles, and the pen they leave; `None` when a symbol is not
/// known or has no width, a wide one would run past `x` or does not cover
/// the cells to its right (something was drawn over half of it), or they
/// cost more than `budget` bytes.
fn gap(shown: &Shown, from: Cursor, x: u16, mut pen: Pen, budget: usize) -> Option<(Vec<u8>, Pen)> {
    let (mut at, y) = from;
    if at >= x {
        return None;
    }
    let mut bytes = Vec::new();
    while at < x {
        let glyph = shown.get(at, y)?;
        let Symbol::Char(c) = glyph.symbol else { return None };
        let width = u16::try_from(unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)).unwrap_or(u16::MAX);
        if width == 0 || at.saturating_add(width) > x {
            return None;
        }
        if (1..width).any(|dx| shown.get(at.saturating_add(dx), y).map(|g| g.symbol) != Some(Symbol::Covered)) {
            return None;
        }
        sgr::write(pen, glyph.pen, &mut bytes);
        pen = glyph.pen;
        let mut utf8 = [0; 4];
        bytes.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
        if bytes.len() > budget {
            return None;
        }
        at += width;
    }
    Some((bytes, pen))
}

/// Draws one frame as `Terminal::draw` does (a resize first, the cursor
/// hidden, one write), but through [`Screen::present`].
pub fn draw<W: Write>(
    terminal: &mut ratatui::Terminal<Screen<W>>,
    render: impl FnOnce(&mut Frame<'_>),
) -> io::Result<()> {
    draw_changes(terminal, |frame, _| {
        render(frame);
        Unchanged::default()
    })
}

/// As [`draw`], for a render that may leave out what the terminal already
/// shows: it is told which frame it draws and whether the terminal shows
/// the last one, and gives back the cells it left out ([`Unchanged`]).
pub fn draw_changes<W: Write>(
    terminal: &mut ratatui::Terminal<Screen<W>>,
    render: impl FnOnce(&mut Frame<'_>, Canvas) -> Unchanged,
) -> io::Result<()> {
    let before = terminal.get_frame().area();
    terminal.autoresize()?;
    let area = terminal.get_frame().area();
    // Before the render: letting go of the spare resets the current buffer
    // too (a frame rendered first was presented blank after a resize).
    if area != before {
        release_spare(terminal);
    }
    let canvas = terminal.backend().canvas(area);
    let unchanged = render(&mut terminal.get_frame(), canvas);
    let mut next = std::mem::take(terminal.current_buffer_mut());
    let presented = terminal.backend_mut().present_changes(&mut next, &unchanged);
    // Put back even on error: the next frame is drawn into it.
    *terminal.current_buffer_mut() = next;
    presented?;
    terminal.hide_cursor()?;
    terminal.backend_mut().flush()
}

/// Lets go of ratatui's second buffer, which [`draw`] never uses: ratatui
/// sizes both of its buffers when the terminal is made and on each resize.
/// The current buffer is left blank.
pub fn release_spare<W: Write>(terminal: &mut ratatui::Terminal<Screen<W>>) {
    // `swap_buffers` resets the buffer it leaves and makes the other current.
    terminal.swap_buffers();
    let spare = std::mem::take(terminal.current_buffer_mut());
    drop(spare);
    terminal.swap_buffers();
}

impl<W: Write> Backend for Screen<W> {
    type Error = io::Error;

    /// Cells handed over one by one (by ratatui's own `Terminal::draw`,
    /// which the app does not use): written with moves only, as what the
    /// rest of the screen shows is then not followed.
    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.frames = self.frames.wrapping_add(1);
        self.write_cells(content, None);
        self.known = Known::Unknown;
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        // The Terminal hides it after every frame; once is enough.
        if !self.cursor_hidden {
            crossterm::queue!(self.out, Hide)?;
            self.cursor_hidden = true;
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.cursor_hidden = false;
        self.crossterm().show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.crossterm().get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let Position { x, y } = position.into();
        moves::write_move(self.cursor, (x, y), &mut self.out.pending);
        self.cursor = Some((x, y));
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.cursor_hidden = false;
        // After a resume the shell has moved the cursor, and a clear is how
        // the app takes the screen back: the next cell is reached by an
        // absolute move, never one relative to where the cursor was.
        self.cursor = None;
        self.known = if clear_type == ClearType::All { Known::Blank } else { Known::Unknown };
        self.crossterm().clear_region(clear_type)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        // Lines appended at the bottom scroll the screen.
        self.known = Known::Unknown;
        self.cursor = None;
        self.crossterm().append_lines(n)
    }

    /// Asked before every frame (twice: the loop, then ratatui), so asked
    /// of stdout in one call; crossterm opens, asks and closes `/dev/tty`
    /// each time, three calls. Its answer stands where stdout is no
    /// terminal or says nothing.
    fn size(&self) -> io::Result<Size> {
        match rustix::termios::tcgetwinsize(io::stdout()) {
            Ok(size) if size.ws_col > 0 && size.ws_row > 0 => Ok(Size { width: size.ws_col, height: size.ws_row }),
            _ => {
                let (width, height) = crossterm::terminal::size()?;
                Ok(Size { width, height })
            }
        }
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.crossterm().window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Style};

    /// Presents `before` then `after` on a [`Screen`] and returns what an
    /// emulator shows on row 0, and the second frame's bytes.
    fn redraw(before: &Buffer, after: &Buffer) -> (String, String) {
        let mut screen = Screen::new(Vec::new());
        screen.present(&mut before.clone()).ok();
        screen.flush().ok();
        let first = screen.writer().len();
        screen.present(&mut after.clone()).ok();
        screen.flush().ok();
        let mut emulator = vt100::Parser::new(before.area.height, before.area.width, 0);
        emulator.process(screen.writer());
        let second = String::from_utf8_lossy(&screen.writer()[first..]).into_owned();
        (emulator.screen().contents(), second)
    }

    /// The area of ratatui's second buffer (its own `Terminal::draw` would
    /// draw the next frame there).
    fn spare_area(terminal: &mut ratatui::Terminal<Screen<Vec<u8>>>) -> Rect {
        terminal.swap_buffers();
        let area = terminal.current_buffer_mut().area;
        terminal.swap_buffers();
        area
    }

    fn fixed_terminal(area: Rect) -> ratatui::Terminal<Screen<Vec<u8>>> {
        let options = ratatui::TerminalOptions { viewport: ratatui::Viewport::Fixed(area) };
        ratatui::Terminal::with_options(Screen::new(Vec::new()), options).expect("a fixed viewport asks nothing")
    }

    #[test]
    fn a_frame_is_kept_as_what_is_shown_and_the_same_frame_again_writes_nothing() {
        let area = Rect::new(0, 0, 12, 2);
        let mut frame = Buffer::empty(area);
        frame.set_string(0, 1, "ring 999", Style::new().fg(Color::Red));
        let mut screen = Screen::new(Vec::new());
        let mut next = frame.clone();
        screen.present(&mut next).ok();
        // Left blank for the next frame, in the same area.
        assert_eq!(next, Buffer::empty(area));
        screen.flush().ok();
        let written = screen.writer().len();
        assert!(written > 0);
        screen.present(&mut frame.clone()).ok();
        screen.flush().ok();
        assert_eq!(screen.writer().len(), written);
    }

    #[test]
    fn a_frame_of_another_size_without_a_clear_is_drawn_on_a_cleared_screen() {
        let mut screen = Screen::new(Vec::new());
        let mut small = Buffer::empty(Rect::new(0, 0, 10, 1));
        small.set_string(0, 0, "0115 876", Style::new());
        screen.present(&mut small).ok();
        let mut wide = Buffer::empty(Rect::new(0, 0, 20, 1));
        wide.set_string(0, 0, "x", Style::new());
        screen.present(&mut wide).ok();
        screen.flush().ok();
        let mut emulator = vt100::Parser::new(1, 20, 0);
        emulator.process(screen.writer());
        // The old digits are gone, not left where the new frame is blank.
        assert_eq!(emulator.screen().contents(), "x");
    }

    #[test]
    fn cells_handed_over_one_by_one_leave_the_screen_unknown_until_a_clear() {
        let area = Rect::new(0, 0, 10, 1);
        let mut screen = Screen::new(Vec::new());
        let mut frame = Buffer::empty(area);
        frame.set_string(0, 0, "abc", Style::new());
        screen.draw(Buffer::empty(area).diff(&frame).into_iter()).ok();
        screen.flush().ok();
        let first = screen.writer().len();
        screen.present(&mut frame.clone()).ok();
        screen.flush().ok();
        let second = String::from_utf8_lossy(&screen.writer()[first..]).into_owned();
        // The frame is drawn whole on a cleared screen, not taken as shown.
        assert!(second.starts_with("\x1b[2J"), "{second:?}");
        assert!(second.contains("abc"));
    }

    #[test]
    fn the_spare_buffer_is_let_go_and_frames_still_draw() {
        let area = Rect::new(0, 0, 30, 3);
        let mut terminal = fixed_terminal(area);
        assert_eq!(spare_area(&mut terminal), area);
        release_spare(&mut terminal);
        assert_eq!(spare_area(&mut terminal), Rect::ZERO);
        for text in ["Ring City MASH", "Ring EDT 0300 456 4546"] {
            draw(&mut terminal, |frame| frame.buffer_mut().set_string(0, 1, text, Style::new())).ok();
        }
        let mut emulator = vt100::Parser::new(3, 30, 0);
        emulator.process(terminal.backend().writer());
        assert_eq!(emulator.screen().contents(), "\nRing EDT 0300 456 4546");
        assert_eq!(spare_area(&mut terminal), Rect::ZERO);
    }

    #[test]
    fn a_wide_symbol_is_rewritten_whole_whatever_the_frame_holds_under_its_right_half() {
        let area = Rect::new(0, 0, 20, 1);
        let mut before = Buffer::empty(area);
        before.set_string(0, 0, "aコbc", Style::new());
        // Drawn over the covered column: never written (the terminal draws
        // that column as part of コ), so a gap may rewrite コ whole.
        before.set_string(2, 0, "z", Style::new());
        let mut after = before.clone();
        after.set_string(0, 0, "x", Style::new());
        after.set_string(3, 0, "y", Style::new());
        let (shown, bytes) = redraw(&before, &after);
        assert_eq!(shown, "xコyc");
        assert_eq!(bytes, "\rxコy");
    }

    #[test]
    fn a_wide_symbol_in_a_short_gap_is_rewritten_and_counts_two_columns() {
        let area = Rect::new(0, 0, 20, 1);
        let mut before = Buffer::empty(area);
        before.set_string(0, 0, "aコbc", Style::new().fg(Color::Red));
        let mut after = before.clone();
        after.set_string(0, 0, "x", Style::new());
        after.set_string(3, 0, "y", Style::new());
        let (shown, bytes) = redraw(&before, &after);
        assert_eq!(shown, "xコyc");
        // x, then the unchanged wide symbol (3 bytes) rather than a move
        // (`ESC[2C`, 4), then y.
        assert_eq!(bytes, "\r\x1b[31mxコy\x1b[0m");
    }

    #[test]
    fn a_long_gap_is_jumped_over() {
        let area = Rect::new(0, 0, 40, 1);
        let mut before = Buffer::empty(area);
        before.set_string(0, 0, "a long unchanged stretch of text here", Style::new());
        let mut after = before.clone();
        after.set_string(0, 0, "A", Style::new());
        after.set_string(30, 0, "X", Style::new());
        let (shown, bytes) = redraw(&before, &after);
        assert_eq!(shown, "A long unchanged stretch of teXt here");
        // The first frame left the cursor at the end of the text.
        assert_eq!(bytes, "\rA\x1b[31GX");
    }
}
