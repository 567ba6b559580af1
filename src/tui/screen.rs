//! The backend under the app's `Terminal`: crossterm's, with each frame
//! handed to the terminal in one write, and nothing written for a frame in
//! which nothing changed. A frame split over many writes is drawn by a slow
//! link or a screen reader piece by piece; a reset or cursor sequence sent
//! every second for nothing is noise to both.

use std::io::{self, Write};

use crossterm::cursor::Hide;
use crossterm::style::{Attribute, Color as CrosstermColor, SetAttribute, SetBackgroundColor, SetForegroundColor};
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};

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

/// Crossterm's backend, writing into a [`FrameWriter`], without the parts
/// of each frame that repeat what the terminal already has.
#[derive(Debug)]
pub struct Screen<W: Write> {
    out: FrameWriter<W>,
    /// Whether the terminal's cursor is known to be hidden; `false` after a
    /// clear (a resume from suspend, where the shell showed it).
    cursor_hidden: bool,
}

impl<W: Write> Screen<W> {
    pub fn new(out: W) -> Screen<W> {
        Screen { out: FrameWriter::new(out), cursor_hidden: false }
    }

    pub fn writer(&self) -> &W {
        self.out.get_ref()
    }

    fn crossterm(&mut self) -> CrosstermBackend<&mut FrameWriter<W>> {
        CrosstermBackend::new(&mut self.out)
    }
}

/// Whether a cell leaves the terminal in its default colours and
/// attributes, so that nothing needs resetting after it.
fn is_plain(cell: &Cell) -> bool {
    cell.fg == Color::Reset
        && cell.bg == Color::Reset
        && cell.underline_color == Color::Reset
        && cell.modifier == Modifier::empty()
}

/// What crossterm's backend writes after every frame to reset the style.
fn reset_tail() -> Vec<u8> {
    let mut tail = Vec::new();
    let _ = crossterm::queue!(
        tail,
        SetForegroundColor(CrosstermColor::Reset),
        SetBackgroundColor(CrosstermColor::Reset),
        crossterm::style::SetUnderlineColor(CrosstermColor::Reset),
        SetAttribute(Attribute::Reset),
    );
    tail
}

impl<W: Write> Backend for Screen<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let start = self.out.pending.len();
        let mut plain_at_end = true;
        self.crossterm().draw(content.inspect(|(_, _, cell)| plain_at_end = is_plain(cell)))?;
        // The terminal's style is the last cell's: when that is the
        // default (or nothing was drawn), the reset repeats what it has.
        let tail = reset_tail();
        let written = &self.out.pending[start..];
        if plain_at_end && written.ends_with(&tail) {
            let keep = self.out.pending.len() - tail.len();
            self.out.pending.truncate(keep);
        }
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
        self.crossterm().set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.cursor_hidden = false;
        self.crossterm().clear_region(clear_type)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.crossterm().append_lines(n)
    }

    fn size(&self) -> io::Result<Size> {
        let (width, height) = crossterm::terminal::size()?;
        Ok(Size { width, height })
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.crossterm().window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
