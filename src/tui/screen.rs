//! The backend under the app's `Terminal`: crossterm's, with each frame
//! handed to the terminal in one write, and nothing written for a frame in
//! which nothing changed. A frame split over many writes is drawn by a slow
//! link or a screen reader piece by piece; a reset or cursor sequence sent
//! every second for nothing is noise to both. Between two changed cells
//! it writes the cheapest of a cursor move and the unchanged cells
//! themselves (from a shadow of the screen), and each style change as one
//! short SGR sequence.

use std::io::{self, Write};

mod moves;
mod sgr;
mod shadow;

use crossterm::cursor::Hide;
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use unicode_width::UnicodeWidthStr;

use moves::Cursor;
use sgr::Pen;
use shadow::{Shadow, Shown, columns};

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
    /// What the terminal shows. It starts blank, as ratatui's own back
    /// buffer does: the first frame is right only on a blank screen anyway.
    shown: Shadow,
}

impl<W: Write> Screen<W> {
    pub fn new(out: W) -> Screen<W> {
        let mut shown = Shadow::default();
        shown.clear();
        Screen { out: FrameWriter::new(out), cursor_hidden: false, cursor: None, shown }
    }

    pub fn writer(&self) -> &W {
        self.out.get_ref()
    }

    fn crossterm(&mut self) -> CrosstermBackend<&mut FrameWriter<W>> {
        CrosstermBackend::new(&mut self.out)
    }

    /// The unchanged cells from the cursor up to column `x` of its row, with
    /// their styles, and the pen they leave; `None` when any of them is
    /// unknown, a wide symbol would run past `x`, or they cost more than
    /// `budget` bytes.
    fn gap(&self, x: u16, mut pen: Pen, budget: usize) -> Option<(Vec<u8>, Pen)> {
        let (mut at, y) = self.cursor?;
        if at >= x {
            return None;
        }
        let mut bytes = Vec::new();
        while at < x {
            let Shown::Cell(cell) = self.shown.get(at, y) else { return None };
            let width = columns(&cell);
            if cell.symbol().width() == 0 || at.saturating_add(width) > x {
                return None;
            }
            sgr::write(pen, Pen::of(&cell), &mut bytes);
            pen = Pen::of(&cell);
            bytes.extend_from_slice(cell.symbol().as_bytes());
            if bytes.len() > budget {
                return None;
            }
            at += width;
        }
        Some((bytes, pen))
    }
}

impl<W: Write> Backend for Screen<W> {
    type Error = io::Error;

    /// Writes each changed cell, reaching it by the cheapest of a cursor
    /// move and rewriting the unchanged cells before it. Between frames
    /// the terminal's style is the default: a frame that ends in another
    /// style resets it, one that ends plain writes no reset.
    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut pen = Pen::PLAIN;
        let mut out = std::mem::take(&mut self.out.pending);
        let mut jump = Vec::new();
        for (x, y, cell) in content {
            let wanted = Pen::of(cell);
            if self.cursor != Some((x, y)) {
                jump.clear();
                moves::write_move(self.cursor, (x, y), &mut jump);
                sgr::write(pen, wanted, &mut jump);
                let walked = (self.cursor.map(|(_, row)| row) == Some(y))
                    .then(|| self.gap(x, pen, jump.len()))
                    .flatten()
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
            self.shown.put(x, y, cell);
            // A symbol of no width (or none) leaves the cursor where the
            // terminal decides; the next cell is then reached absolutely.
            self.cursor = (cell.symbol().width() > 0).then(|| (x.saturating_add(columns(cell)), y));
        }
        sgr::write(pen, Pen::PLAIN, &mut out);
        self.out.pending = out;
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
        match clear_type {
            ClearType::All => self.shown.clear(),
            _ => self.shown.forget(),
        }
        self.crossterm().clear_region(clear_type)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        // Lines appended at the bottom scroll the screen.
        self.shown.forget();
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

    /// Draws `before` then `after` on a [`Screen`] and returns what an
    /// emulator shows on row 0, and the second frame's bytes.
    fn redraw(before: &Buffer, after: &Buffer) -> (String, String) {
        let mut screen = Screen::new(Vec::new());
        let blank = Buffer::empty(before.area);
        screen.draw(blank.diff(before).into_iter()).ok();
        screen.flush().ok();
        let first = screen.writer().len();
        screen.draw(before.diff(after).into_iter()).ok();
        screen.flush().ok();
        let mut emulator = vt100::Parser::new(1, before.area.width, 0);
        emulator.process(screen.writer());
        let second = String::from_utf8_lossy(&screen.writer()[first..]).into_owned();
        (emulator.screen().contents(), second)
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
