//! A terminal as the app drives it (its own backend, frames drawn as the
//! loop draws them), its bytes played into a terminal emulator (vt100),
//! and what that emulator shows compared with a fresh draw of the state.

use std::io::Write;

use dutygrid::app::State;
use dutygrid::ui::{self, Theme};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use ratatui::{Terminal, TerminalOptions, Viewport};

/// Counts the writes and bytes that reach the terminal, per frame.
#[derive(Default)]
pub struct Writes {
    pub calls: usize,
    pub bytes: Vec<u8>,
}

impl Write for Writes {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.calls += 1;
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub type AppTerminal = Terminal<dutygrid::tui::Screen<Writes>>;

pub fn app_terminal(width: u16, height: u16) -> AppTerminal {
    let options = TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, width, height)) };
    let mut terminal =
        Terminal::with_options(dutygrid::tui::Screen::new(Writes::default()), options).expect("terminal");
    dutygrid::tui::release_spare(&mut terminal);
    terminal
}

/// Draws `s` as the app's loop does (leaving out what the terminal already
/// shows), in the colour theme; returns the spans of cells left out.
pub fn draw_as_the_app(terminal: &mut AppTerminal, s: &State) -> Vec<ui::Span> {
    let theme = Theme::colour();
    let mut left_out = Vec::new();
    dutygrid::tui::draw_changes(terminal, |frame, canvas| {
        let unchanged = ui::draw_changes(frame, s, &theme, canvas);
        left_out = unchanged.spans().to_vec();
        unchanged
    })
    .expect("frame");
    left_out
}

/// The frame `s` draws whole, as ratatui's own test backend holds it.
pub fn rendered(s: &State, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(ratatui::backend::TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|frame| ui::draw(frame, s, &Theme::colour())).expect("frame");
    terminal.backend().buffer().clone()
}

/// Fails unless `emulator` shows every cell of `frame`, character,
/// colours and attributes.
pub fn assert_shows(emulator: &vt100::Parser, frame: &Buffer, context: &str) {
    for y in 0..frame.area.height {
        for x in 0..frame.area.width {
            let cell = &frame[(x, y)];
            if cell.symbol().is_empty() || emulator.screen().cell(y, x).is_some_and(|c| c.is_wide_continuation()) {
                continue;
            }
            assert_eq!(shown(emulator.screen(), x, y), expected(cell), "{context}: cell ({x}, {y})");
        }
    }
}

/// What the emulator shows at a cell, as ratatui's colours and attributes.
pub fn shown(screen: &vt100::Screen, x: u16, y: u16) -> (String, Color, Color, bool, bool, bool) {
    let cell = screen.cell(y, x).expect("cell on screen");
    let colour = |c: vt100::Color| match c {
        vt100::Color::Default => Color::Reset,
        vt100::Color::Idx(i) => Color::Indexed(i),
        vt100::Color::Rgb(r, g, b) => Color::Rgb(r, g, b),
    };
    let contents = if cell.has_contents() { cell.contents() } else { " ".to_string() };
    (contents, colour(cell.fgcolor()), colour(cell.bgcolor()), cell.bold(), cell.underline(), cell.inverse())
}

/// What a ratatui cell should show, in the emulator's terms (named colours
/// are palette indexes there).
pub fn expected(cell: &Cell) -> (String, Color, Color, bool, bool, bool) {
    let colour = |c: Color| match c {
        Color::Reset => Color::Reset,
        Color::Indexed(i) => Color::Indexed(i),
        Color::Rgb(r, g, b) => Color::Rgb(r, g, b),
        named => {
            let names = [
                Color::Black,
                Color::Red,
                Color::Green,
                Color::Yellow,
                Color::Blue,
                Color::Magenta,
                Color::Cyan,
                Color::Gray,
                Color::DarkGray,
                Color::LightRed,
                Color::LightGreen,
                Color::LightYellow,
                Color::LightBlue,
                Color::LightMagenta,
                Color::LightCyan,
                Color::White,
            ];
            Color::Indexed(names.iter().position(|n| *n == named).unwrap_or(0) as u8)
        }
    };
    let m = cell.modifier;
    (
        cell.symbol().to_string(),
        colour(cell.fg),
        colour(cell.bg),
        m.contains(Modifier::BOLD),
        m.contains(Modifier::UNDERLINED),
        m.contains(Modifier::REVERSED),
    )
}
