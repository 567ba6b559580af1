//! Style changes as the shortest single SGR sequence (`ESC[…m`): the
//! parameters that differ, or a reset and the new style's, whichever is
//! shorter. Named colours use their own codes (`31`, not crossterm's
//! `38;5;1`): the same colour in a third of the bytes.

use ratatui::buffer::Cell;
use ratatui::style::{Color, Modifier};

/// What the terminal applies to the next printed symbol.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pen {
    pub fg: Color,
    pub bg: Color,
    pub underline: Color,
    pub modifier: Modifier,
}

impl Pen {
    /// The terminal's default style, as after `ESC[0m`.
    pub const PLAIN: Pen =
        Pen { fg: Color::Reset, bg: Color::Reset, underline: Color::Reset, modifier: Modifier::empty() };

    pub fn of(cell: &Cell) -> Pen {
        Pen { fg: cell.fg, bg: cell.bg, underline: cell.underline_color, modifier: cell.modifier }
    }
}

/// Which colour slot a parameter sets.
#[derive(Clone, Copy)]
enum Slot {
    Fg,
    Bg,
    Underline,
}

fn push_colour(params: &mut Vec<String>, slot: Slot, colour: Color) {
    let named = |n: u8| -> Option<u8> {
        match slot {
            Slot::Fg => Some(n),
            Slot::Bg => Some(n + 10),
            Slot::Underline => None,
        }
    };
    // Index of a named colour in the 16-colour palette.
    let index = match colour {
        Color::Reset => {
            params.push(
                match slot {
                    Slot::Fg => "39",
                    Slot::Bg => "49",
                    Slot::Underline => "59",
                }
                .to_string(),
            );
            return;
        }
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        Color::Indexed(i) => {
            params.push(format!("{};5;{i}", extended(slot)));
            return;
        }
        Color::Rgb(r, g, b) => {
            params.push(format!("{};2;{r};{g};{b}", extended(slot)));
            return;
        }
    };
    let code = if index < 8 { named(30 + index) } else { named(90 + index - 8) };
    match code {
        Some(code) => params.push(code.to_string()),
        None => params.push(format!("{};5;{index}", extended(slot))),
    }
}

fn extended(slot: Slot) -> u8 {
    match slot {
        Slot::Fg => 38,
        Slot::Bg => 48,
        Slot::Underline => 58,
    }
}

/// The SGR code that turns each attribute on, in a fixed order.
const ON: [(Modifier, &str); 9] = [
    (Modifier::BOLD, "1"),
    (Modifier::DIM, "2"),
    (Modifier::ITALIC, "3"),
    (Modifier::UNDERLINED, "4"),
    (Modifier::SLOW_BLINK, "5"),
    (Modifier::RAPID_BLINK, "6"),
    (Modifier::REVERSED, "7"),
    (Modifier::HIDDEN, "8"),
    (Modifier::CROSSED_OUT, "9"),
];

/// Parameters that take the pen from `from` to `to` without a reset.
fn diff_params(from: Pen, to: Pen) -> Vec<String> {
    let mut params = Vec::new();
    let removed = from.modifier - to.modifier;
    // 22 turns off both bold and dim, so whichever stays is set again.
    let intensity = Modifier::BOLD | Modifier::DIM;
    let mut add = to.modifier - from.modifier;
    if removed.intersects(intensity) {
        params.push("22".to_string());
        add |= to.modifier & intensity;
    }
    for (modifier, off) in [
        (Modifier::ITALIC, "23"),
        (Modifier::UNDERLINED, "24"),
        (Modifier::REVERSED, "27"),
        (Modifier::HIDDEN, "28"),
        (Modifier::CROSSED_OUT, "29"),
    ] {
        if removed.contains(modifier) {
            params.push(off.to_string());
        }
    }
    // 25 turns off both blinks.
    let blink = Modifier::SLOW_BLINK | Modifier::RAPID_BLINK;
    if removed.intersects(blink) {
        params.push("25".to_string());
        add |= to.modifier & blink;
    }
    push_on(&mut params, add);
    push_colours(&mut params, from, to);
    params
}

fn push_on(params: &mut Vec<String>, modifier: Modifier) {
    for (flag, on) in ON {
        if modifier.contains(flag) {
            params.push(on.to_string());
        }
    }
}

fn push_colours(params: &mut Vec<String>, from: Pen, to: Pen) {
    if from.fg != to.fg {
        push_colour(params, Slot::Fg, to.fg);
    }
    if from.bg != to.bg {
        push_colour(params, Slot::Bg, to.bg);
    }
    if from.underline != to.underline {
        push_colour(params, Slot::Underline, to.underline);
    }
}

/// Parameters that reset and then set all of `to`.
fn reset_params(to: Pen) -> Vec<String> {
    let mut params = vec!["0".to_string()];
    push_on(&mut params, to.modifier);
    push_colours(&mut params, Pen::PLAIN, to);
    params
}

fn sequence_len(params: &[String]) -> usize {
    // ESC [ params joined by ';' m
    3 + params.iter().map(String::len).sum::<usize>() + params.len().saturating_sub(1)
}

/// Appends the shortest sequence that takes the pen from `from` to `to`
/// (nothing when they are the same).
pub fn write(from: Pen, to: Pen, out: &mut Vec<u8>) {
    if from == to {
        return;
    }
    let diff = diff_params(from, to);
    let reset = reset_params(to);
    let params = if sequence_len(&reset) < sequence_len(&diff) { reset } else { diff };
    out.extend_from_slice(b"\x1b[");
    out.extend_from_slice(params.join(";").as_bytes());
    out.push(b'm');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sgr(from: Pen, to: Pen) -> String {
        let mut out = Vec::new();
        write(from, to, &mut out);
        String::from_utf8(out).unwrap_or_default()
    }

    fn pen(fg: Color, bg: Color, modifier: Modifier) -> Pen {
        Pen { fg, bg, underline: Color::Reset, modifier }
    }

    #[test]
    fn named_colours_and_attributes_share_one_sequence() {
        let to = pen(Color::Black, Color::Green, Modifier::BOLD);
        assert_eq!(sgr(Pen::PLAIN, to), "\x1b[1;30;42m");
        assert_eq!(sgr(to, to), "");
        assert_eq!(sgr(Pen::PLAIN, pen(Color::DarkGray, Color::White, Modifier::empty())), "\x1b[90;107m");
    }

    #[test]
    fn back_to_plain_is_a_reset_when_that_is_shorter() {
        let from = pen(Color::Black, Color::Green, Modifier::BOLD | Modifier::REVERSED);
        assert_eq!(sgr(from, Pen::PLAIN), "\x1b[0m");
    }

    #[test]
    fn dropping_bold_keeps_dim() {
        let from = pen(Color::Reset, Color::Reset, Modifier::BOLD | Modifier::DIM | Modifier::ITALIC);
        let to = pen(Color::Reset, Color::Reset, Modifier::DIM | Modifier::ITALIC);
        assert_eq!(sgr(from, to), "\x1b[22;2m");
    }

    #[test]
    fn indexed_rgb_and_underline_colours_use_the_extended_forms() {
        let to = Pen {
            fg: Color::Indexed(208),
            bg: Color::Rgb(1, 2, 3),
            underline: Color::Red,
            modifier: Modifier::empty(),
        };
        assert_eq!(sgr(Pen::PLAIN, to), "\x1b[38;5;208;48;2;1;2;3;58;5;1m");
    }
}
