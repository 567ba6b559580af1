//! One text-input model for every field (the details, the decision, the
//! search box, the notes), so a key edits the same way everywhere. The
//! buffer is ratatui-textarea's, which does the cursor, word and undo work;
//! which key does what is the keymap's: only bound actions edit beyond
//! typing, deleting and the arrow keys, so help lists every editing key.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, DataCursor, TextArea, WrapMode};

use crate::action::Action;
use crate::text::{clean, clean_line};

/// How far back undo reaches: each typed key is one edit, so the
/// textarea's default of 50 would lose the start of a sentence.
const UNDO_DEPTH: usize = 1000;

/// What an action did to the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Not an editing action: the screen decides what it means.
    Ignored,
    /// An editing action that left the text as it was (a cursor move, or a
    /// delete with nothing to delete): nothing to journal.
    Unchanged,
    /// The text changed: journal its new value.
    Changed,
}

/// A text being edited, one line or many.
#[derive(Debug, Clone)]
pub struct TextInput {
    /// Boxed: a text area is large, and each form holds several.
    area: Box<TextArea<'static>>,
    multiline: bool,
}

/// Text areas have no equality of their own: the same text, cursor and
/// shape are the same input.
impl PartialEq for TextInput {
    fn eq(&self, other: &TextInput) -> bool {
        self.multiline == other.multiline
            && self.area.lines() == other.area.lines()
            && self.area.cursor() == other.area.cursor()
    }
}

impl Eq for TextInput {}

impl Default for TextInput {
    fn default() -> TextInput {
        TextInput::line("")
    }
}

/// Tests compare an input with the text they expect it to hold.
impl PartialEq<&str> for TextInput {
    fn eq(&self, other: &&str) -> bool {
        self.text() == *other
    }
}

impl PartialEq<String> for TextInput {
    fn eq(&self, other: &String) -> bool {
        self.text() == *other
    }
}

impl TextInput {
    /// A one-line field holding `text`, the cursor after it (so a restored
    /// call's typing carries on at the end).
    pub fn line(text: &str) -> TextInput {
        TextInput::build(vec![clean_line(text)], false)
    }

    /// A multi-line text holding `text`, the cursor after it.
    pub fn multiline(text: &str) -> TextInput {
        let mut input = TextInput::build(clean(text).split('\n').map(String::from).collect(), true);
        input.area.set_wrap_mode(WrapMode::WordOrGlyph);
        input
    }

    fn build(lines: Vec<String>, multiline: bool) -> TextInput {
        let mut area = TextArea::new(lines);
        area.set_max_histories(UNDO_DEPTH);
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        TextInput { area: Box::new(area), multiline }
    }

    /// The text, lines joined by newlines.
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    pub fn is_empty(&self) -> bool {
        self.area.is_empty()
    }

    /// The buffer, for the views that draw it as a text area.
    pub fn area(&self) -> &TextArea<'static> {
        &self.area
    }

    /// The cursor's line, split at the cursor, for views that draw the
    /// field themselves.
    pub fn around_cursor(&self) -> (&str, &str) {
        let DataCursor(row, col) = self.area.cursor();
        let line = self.area.lines().get(row).map_or("", String::as_str);
        let at = line.char_indices().nth(col).map_or(line.len(), |(i, _)| i);
        line.split_at(at)
    }

    /// Applies an editing action: a bound editing key, an unbound key
    /// (typing), or a paste.
    pub fn apply(&mut self, action: &Action) -> Outcome {
        let changed = match action {
            Action::Edit(key) => return self.key(*key),
            Action::Paste(text) => self.paste(text),
            Action::CursorLeft => self.moved(CursorMove::Back),
            Action::CursorRight => self.moved(CursorMove::Forward),
            Action::WordLeft => self.moved(CursorMove::WordBack),
            Action::WordRight => self.moved(CursorMove::WordForward),
            Action::LineStart => self.moved(CursorMove::Head),
            Action::LineEnd => self.moved(CursorMove::End),
            Action::DeleteBack => self.area.delete_char(),
            Action::DeleteForward => self.area.delete_next_char(),
            Action::DeleteWordBack => self.area.delete_word(),
            Action::ClearLine => self.clear_line(),
            Action::Undo => self.area.undo(),
            Action::Redo => self.area.redo(),
            _ => return Outcome::Ignored,
        };
        if changed { Outcome::Changed } else { Outcome::Unchanged }
    }

    fn moved(&mut self, to: CursorMove) -> bool {
        self.area.move_cursor(to);
        false
    }

    /// Empties a one-line field; in many lines, the cursor's line only (the
    /// line itself stays), so one key never takes a whole note.
    fn clear_line(&mut self) -> bool {
        if !self.multiline {
            return self.area.clear();
        }
        let DataCursor(row, _) = self.area.cursor();
        if self.area.lines().get(row).is_none_or(String::is_empty) {
            return false;
        }
        self.area.move_cursor(CursorMove::Head);
        self.area.delete_line_by_end()
    }

    /// Pasted text goes in at the cursor, cleaned; terminals send a pasted
    /// line break as CR, and a one-line field takes it as a space.
    fn paste(&mut self, text: &str) -> bool {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let text = if self.multiline { clean(&text) } else { clean_line(&text) };
        self.area.insert_str(text)
    }

    /// A key no binding claimed: a character types; backspace, delete and
    /// the arrows keep their plain meaning. Other chords do nothing, so a
    /// key that is not in the keymap never edits in secret.
    fn key(&mut self, key: KeyEvent) -> Outcome {
        let plain = !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        let changed = match key.code {
            KeyCode::Char(c) if plain && clean(&c.to_string()) == c.to_string() => {
                self.area.insert_char(c);
                true
            }
            KeyCode::Backspace if plain => self.area.delete_char(),
            KeyCode::Delete if plain => self.area.delete_next_char(),
            KeyCode::Enter if plain && self.multiline => {
                self.area.insert_newline();
                true
            }
            KeyCode::Left if plain => self.moved(CursorMove::Back),
            KeyCode::Right if plain => self.moved(CursorMove::Forward),
            KeyCode::Home if plain => self.moved(CursorMove::Head),
            KeyCode::End if plain => self.moved(CursorMove::End),
            KeyCode::Up if plain && self.multiline => self.moved(CursorMove::Up),
            KeyCode::Down if plain && self.multiline => self.moved(CursorMove::Down),
            _ => return Outcome::Ignored,
        };
        if changed { Outcome::Changed } else { Outcome::Unchanged }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> Action {
        Action::Edit(KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn a_new_input_puts_the_cursor_after_its_text() {
        let input = TextInput::multiline("one\ntwo");
        assert_eq!(input.around_cursor(), ("two", ""));
        assert_eq!(TextInput::line("abc").around_cursor(), ("abc", ""));
    }

    #[test]
    fn a_one_line_field_takes_no_line_break() {
        let mut input = TextInput::line("a");
        assert_eq!(input.apply(&key(KeyCode::Enter)), Outcome::Ignored);
        assert_eq!(input.apply(&Action::Paste("b\r\nc".into())), Outcome::Changed);
        assert_eq!(input.text(), "ab c");
    }

    #[test]
    fn typed_control_and_invisible_characters_never_enter() {
        let mut input = TextInput::line("");
        for c in ['\u{1b}', '\u{202E}', '\u{200B}'] {
            assert_eq!(input.apply(&key(KeyCode::Char(c))), Outcome::Ignored, "{c:?}");
        }
        assert!(input.is_empty());
    }

    #[test]
    fn an_unbound_chord_does_not_edit() {
        let mut input = TextInput::line("abc");
        let chord = Action::Edit(KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL));
        assert_eq!(input.apply(&chord), Outcome::Ignored);
        assert_eq!(input.text(), "abc");
    }

    #[test]
    fn clearing_an_empty_line_of_a_note_keeps_the_lines_apart() {
        let mut input = TextInput::multiline("a\n\nb");
        input.apply(&key(KeyCode::Up));
        assert_eq!(input.apply(&Action::ClearLine), Outcome::Unchanged);
        assert_eq!(input.text(), "a\n\nb");
    }
}
