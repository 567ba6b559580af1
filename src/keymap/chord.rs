//! A key chord as keymap files write it ("j", "ctrl-c", "pagedown", "?"),
//! and as crossterm reports it.

use std::fmt;
use std::str::FromStr;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyChord {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
    /// Only for keys without a character of their own ("J" is already
    /// shifted, and `backtab` is shift+tab itself).
    pub shift: bool,
}

const NAMED: [(&str, KeyCode); 14] = [
    ("space", KeyCode::Char(' ')),
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("home", KeyCode::Home),
];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown key {0:?}: use a character (\"j\", \"?\"), a name (space, enter, esc, tab, up, pagedown, home, end, f1…f12) with optional ctrl-, alt-, shift-"
)]
pub struct UnknownKey(pub String);

impl KeyChord {
    pub fn plain(code: KeyCode) -> KeyChord {
        KeyChord { code, ctrl: false, alt: false, shift: false }
    }

    /// The chord of a key press, normalised so that "J" and shift+j match.
    pub fn from_event(event: KeyEvent) -> KeyChord {
        // Terminals report shift+tab as BackTab *with* shift held.
        let is_char = matches!(event.code, KeyCode::Char(_) | KeyCode::BackTab);
        KeyChord {
            code: match event.code {
                // Ctrl-letter arrives as the lower-case letter on most terminals.
                KeyCode::Char(c) if event.modifiers.contains(KeyModifiers::CONTROL) => {
                    KeyCode::Char(c.to_ascii_lowercase())
                }
                code => code,
            },
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
            shift: !is_char && event.modifiers.contains(KeyModifiers::SHIFT),
        }
    }
}

impl FromStr for KeyChord {
    type Err = UnknownKey;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let unknown = || UnknownKey(text.to_string());
        let mut chord = KeyChord::plain(KeyCode::Null);
        let mut rest = text;
        // A lone "-" is the minus key, not a separator.
        while let Some((prefix, tail)) = rest.split_once('-').filter(|(_, tail)| !tail.is_empty()) {
            match prefix.to_ascii_lowercase().as_str() {
                "ctrl" | "c" => chord.ctrl = true,
                "alt" | "a" | "m" => chord.alt = true,
                "shift" | "s" => chord.shift = true,
                _ => return Err(unknown()),
            }
            rest = tail;
        }
        let lower = rest.to_ascii_lowercase();
        chord.code = if let Some(&(_, code)) = NAMED.iter().find(|(name, _)| *name == lower) {
            code
        } else if lower == "end" {
            KeyCode::End
        } else if let Some(n) =
            lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()).filter(|n| (1..=12).contains(n))
        {
            KeyCode::F(n)
        } else {
            let mut chars = rest.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if !c.is_control() => KeyCode::Char(c),
                _ => return Err(unknown()),
            }
        };
        if chord.code == KeyCode::BackTab {
            chord.shift = false;
        }
        if let KeyCode::Char(c) = chord.code {
            if chord.shift {
                // "shift-j" is "J"; shift on a symbol is already in the symbol.
                chord.code = KeyCode::Char(c.to_ascii_uppercase());
                chord.shift = false;
            }
            if chord.ctrl {
                chord.code = KeyCode::Char(c.to_ascii_lowercase());
            }
        }
        Ok(chord)
    }
}

impl fmt::Display for KeyChord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            write!(f, "ctrl-")?;
        }
        if self.alt {
            write!(f, "alt-")?;
        }
        if self.shift {
            write!(f, "shift-")?;
        }
        match self.code {
            KeyCode::End => write!(f, "end"),
            KeyCode::F(n) => write!(f, "f{n}"),
            code => match NAMED.iter().find(|(_, c)| *c == code) {
                Some((name, _)) => write!(f, "{name}"),
                None => match code {
                    KeyCode::Char(c) => write!(f, "{c}"),
                    other => write!(f, "{other:?}"),
                },
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chord(text: &str) -> KeyChord {
        text.parse().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn names_round_trip_through_display() {
        for text in ["j", "J", "?", "-", "space", "enter", "pagedown", "end", "f5", "ctrl-c", "alt-x", "shift-tab", "1"]
        {
            assert_eq!(chord(text).to_string(), text);
        }
    }

    #[test]
    fn shift_letter_is_the_capital_and_case_of_names_does_not_matter() {
        assert_eq!(chord("shift-j"), chord("J"));
        assert_eq!(chord("PageDown"), chord("pagedown"));
        assert_eq!(chord("Ctrl-C"), chord("ctrl-c"));
    }

    #[test]
    fn unknown_names_are_errors() {
        for text in ["", "jj", "pgdn", "hyper-x", "f13", "ctrl-"] {
            assert!(text.parse::<KeyChord>().is_err(), "{text:?}");
        }
    }

    #[test]
    fn events_match_the_chords_files_write() {
        let shifted = KeyEvent::new(KeyCode::Char('J'), KeyModifiers::SHIFT);
        assert_eq!(KeyChord::from_event(shifted), chord("J"));
        let ctrl = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(KeyChord::from_event(ctrl), chord("ctrl-c"));
        let backtab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(KeyChord::from_event(backtab), chord("backtab"));
        assert_eq!(chord("shift-backtab"), chord("backtab"));
    }
}
