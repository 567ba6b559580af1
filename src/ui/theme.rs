//! Styles. Colour is never the only signal: every styled thing also has a
//! word or a symbol, and with NO_COLOR only bold/reverse/underline remain.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub office: Style,
    pub out_of_hours: Style,
    pub unknown: Style,
    pub emergency: Style,
    pub warning: Style,
    pub badge: Style,
    pub alert: Style,
    pub alert_mark: Style,
    pub heading: Style,
    pub level_heading: Style,
    pub cursor: Style,
    pub ticked: Style,
    pub dim: Style,
    pub text: Style,
}

impl Theme {
    /// NO_COLOR (any non-empty value) turns colour off, as no-color.org asks.
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if no_color { Theme::monochrome() } else { Theme::colour() }
    }

    pub fn colour() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            office: bold.fg(Color::Black).bg(Color::Green),
            out_of_hours: bold.fg(Color::Black).bg(Color::Yellow),
            unknown: bold.fg(Color::Black).bg(Color::Cyan),
            emergency: bold.fg(Color::White).bg(Color::Red),
            warning: bold.fg(Color::Yellow).add_modifier(Modifier::REVERSED),
            badge: bold.fg(Color::Black).bg(Color::Magenta),
            alert: bold.fg(Color::White).bg(Color::Red),
            alert_mark: bold.fg(Color::Red),
            heading: bold.fg(Color::Cyan),
            level_heading: bold.add_modifier(Modifier::UNDERLINED),
            cursor: Style::new().add_modifier(Modifier::REVERSED),
            ticked: bold.fg(Color::Green),
            dim: Style::new().fg(Color::DarkGray),
            text: Style::new(),
        }
    }

    /// Presentation mode: high contrast for a projector, read from the back
    /// of a room; without colour it stays monochrome.
    pub fn for_projector(&self) -> Theme {
        if *self == Theme::monochrome() {
            return *self;
        }
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            text: Style::new().fg(Color::White).bg(Color::Black),
            dim: Style::new().fg(Color::Gray).bg(Color::Black),
            heading: bold.fg(Color::Yellow).bg(Color::Black),
            level_heading: bold.fg(Color::White).add_modifier(Modifier::UNDERLINED),
            ticked: bold.fg(Color::LightGreen).bg(Color::Black),
            alert_mark: bold.fg(Color::LightRed).bg(Color::Black),
            ..*self
        }
    }

    pub fn monochrome() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let reversed = Style::new().add_modifier(Modifier::REVERSED);
        Theme {
            office: bold,
            out_of_hours: bold.add_modifier(Modifier::REVERSED),
            unknown: bold.add_modifier(Modifier::UNDERLINED),
            emergency: bold,
            warning: bold.add_modifier(Modifier::REVERSED),
            badge: reversed,
            alert: bold.add_modifier(Modifier::REVERSED),
            alert_mark: bold,
            heading: bold,
            level_heading: bold.add_modifier(Modifier::UNDERLINED),
            cursor: reversed,
            ticked: bold,
            dim: Style::new().add_modifier(Modifier::DIM),
            text: Style::new(),
        }
    }
}
