//! Finds where a value sits in a RON file, so that errors found after parsing
//! (a duplicate id, a dangling link) can still say `path:line:col`.
//!
//! ron gives positions only for syntax and type errors. This scanner walks
//! the source once and records every string literal together with the field
//! it belongs to (`id: "x"`, or `numbers: ["…"]` for list members).

use std::collections::HashMap;

/// A 1-based line and column, as ron reports them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    pub line: usize,
    pub col: usize,
}

impl Position {
    pub const START: Position = Position { line: 1, col: 1 };
    /// No position: the problem is with the whole file.
    pub const NONE: Position = Position { line: 0, col: 0 };
}

/// Every string literal in a RON source, tagged with its field name, indexed
/// so that locating each of many problems costs no walk through the file.
#[derive(Debug, Clone, Default)]
pub struct Locator {
    /// (field, value) → where each such literal stands, in file order.
    by_field: HashMap<(String, String), Vec<Position>>,
    /// value → where it first stands, whatever its field.
    by_value: HashMap<String, Position>,
    /// field name → where it is first written.
    keys: HashMap<String, Position>,
    /// Where the first string holding a NUL character (written or escaped) starts.
    pub nul_in_string: Option<Position>,
    /// The string literals that run across a line end: (start, end).
    multiline: Vec<(Position, Position)>,
    /// Where a string or block comment left open at the end of the file starts.
    pub unclosed: Option<Unclosed>,
}

/// Something opened and never closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unclosed {
    String(Position),
    Comment(Position),
}

impl Locator {
    pub fn scan(source: &str) -> Locator {
        Scanner::new(source).run()
    }

    /// Where the `nth` (0-based) literal `value` of `field` stands.
    pub fn find(&self, field: &str, value: &str, nth: usize) -> Option<Position> {
        // A borrowed key would need a custom Borrow impl; the allocation per
        // problem is cheap next to the walk it replaces.
        self.by_field.get(&(field.to_string(), value.to_string()))?.get(nth).copied()
    }

    /// Where the first field named `name` is written.
    pub fn find_key(&self, name: &str) -> Option<Position> {
        self.keys.get(name).copied()
    }

    /// Where a literal `value` first stands, whatever its field.
    pub fn find_value(&self, value: &str) -> Option<Position> {
        self.by_value.get(value).copied()
    }

    /// The start of the last string before `at` that runs across a line end
    /// and closes on `at`'s line: the likely place of a missing closing quote.
    pub fn runaway_string_before(&self, at: Position) -> Option<Position> {
        self.multiline
            .iter()
            .rev()
            .find(|(start, end)| (start.line, start.col) < (at.line, at.col) && end.line == at.line)
            .map(|&(start, _)| start)
    }

    fn literal(&mut self, field: String, value: String, at: Position) {
        if value.contains('\0') && self.nul_in_string.is_none() {
            self.nul_in_string = Some(at);
        }
        self.by_value.entry(value.clone()).or_insert(at);
        self.by_field.entry((field, value)).or_default().push(at);
    }
}

struct Scanner<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    line: usize,
    col: usize,
    /// The field name in force at each nesting depth.
    fields: Vec<String>,
    last_ident: Option<(String, Position)>,
    out: Locator,
}

impl<'a> Scanner<'a> {
    fn new(source: &'a str) -> Self {
        Scanner {
            chars: source.chars().peekable(),
            line: 1,
            col: 1,
            fields: vec![String::new()],
            last_ident: None,
            out: Locator::default(),
        }
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn peek(&mut self) -> Option<char> {
        self.chars.peek().copied()
    }

    fn here(&self) -> Position {
        Position { line: self.line, col: self.col }
    }

    fn current_field(&self) -> String {
        self.fields.last().cloned().unwrap_or_default()
    }

    fn push_literal(&mut self, at: Position, value: String) {
        let field = self.current_field();
        let end = self.here();
        if end.line != at.line {
            self.out.multiline.push((at, end));
        }
        self.out.literal(field, value, at);
        self.last_ident = None;
    }

    fn run(mut self) -> Locator {
        while let Some(c) = self.peek() {
            match c {
                '"' => {
                    let at = self.here();
                    let value = self.string();
                    self.push_literal(at, value);
                }
                '/' => self.comment(),
                '(' | '[' | '{' => {
                    self.bump();
                    let inherited = self.current_field();
                    self.fields.push(inherited);
                    self.last_ident = None;
                }
                ')' | ']' | '}' => {
                    self.bump();
                    if self.fields.len() > 1 {
                        self.fields.pop();
                    }
                    self.last_ident = None;
                }
                ':' => {
                    self.bump();
                    if let Some((name, at)) = self.last_ident.take() {
                        self.out.keys.entry(name.clone()).or_insert(at);
                        if let Some(slot) = self.fields.last_mut() {
                            *slot = name;
                        }
                    }
                }
                c if c.is_alphabetic() || c == '_' => {
                    let at = self.here();
                    let mut ident = String::new();
                    while let Some(c) = self.peek().filter(|c| c.is_alphanumeric() || *c == '_') {
                        ident.push(c);
                        self.bump();
                    }
                    if ident == "r" && matches!(self.peek(), Some('"' | '#')) {
                        let value = self.raw_string(at);
                        self.push_literal(at, value);
                    } else {
                        self.last_ident = Some((ident, at));
                    }
                }
                c if c.is_whitespace() => {
                    self.bump();
                }
                _ => {
                    self.bump();
                    self.last_ident = None;
                }
            }
        }
        self.out
    }

    /// A `"…"` string with ron's escapes decoded, so that its value matches
    /// the parsed one.
    fn string(&mut self) -> String {
        let at = self.here();
        self.bump();
        let mut value = String::new();
        let mut pending_bytes: Vec<u8> = Vec::new();
        loop {
            let Some(c) = self.bump() else {
                self.out.unclosed.get_or_insert(Unclosed::String(at));
                break;
            };
            if c != '\\' || self.peek() != Some('x') {
                value.push_str(&String::from_utf8_lossy(&pending_bytes));
                pending_bytes.clear();
            }
            match c {
                '"' => break,
                '\\' => match self.bump() {
                    Some('n') => value.push('\n'),
                    Some('t') => value.push('\t'),
                    Some('r') => value.push('\r'),
                    Some('0') => value.push('\0'),
                    Some('x') => {
                        let hex: String = [self.bump(), self.bump()].into_iter().flatten().collect();
                        match u8::from_str_radix(&hex, 16) {
                            Ok(byte) => pending_bytes.push(byte),
                            Err(_) => value.push_str(&hex),
                        }
                    }
                    Some('u') => {
                        let mut hex = String::new();
                        if self.peek() == Some('{') {
                            self.bump();
                            while let Some(d) = self.peek().filter(char::is_ascii_hexdigit) {
                                hex.push(d);
                                self.bump();
                            }
                            if self.peek() == Some('}') {
                                self.bump();
                            }
                        }
                        if let Some(ch) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                            value.push(ch);
                        }
                    }
                    Some('\n') => {
                        // A line continuation: the line end and the next
                        // line's indent are not part of the value.
                        while self.peek().is_some_and(char::is_whitespace) {
                            self.bump();
                        }
                    }
                    Some(other) => value.push(other),
                    None => {
                        self.out.unclosed.get_or_insert(Unclosed::String(at));
                        break;
                    }
                },
                other => value.push(other),
            }
        }
        value
    }

    /// `r"…"` or `r#"…"#`, after the `r`.
    fn raw_string(&mut self, at: Position) -> String {
        let mut hashes = 0;
        while self.peek() == Some('#') {
            self.bump();
            hashes += 1;
        }
        if self.peek() != Some('"') {
            return String::new();
        }
        self.bump();
        let mut value = String::new();
        loop {
            let Some(c) = self.bump() else {
                self.out.unclosed.get_or_insert(Unclosed::String(at));
                return value;
            };
            if c == '"' {
                let mut seen = 0;
                while seen < hashes && self.peek() == Some('#') {
                    self.bump();
                    seen += 1;
                }
                if seen == hashes {
                    return value;
                }
                value.push('"');
                value.extend(std::iter::repeat_n('#', seen));
            } else {
                value.push(c);
            }
        }
    }

    fn comment(&mut self) {
        let at = self.here();
        self.bump();
        match self.peek() {
            Some('/') => {
                while let Some(c) = self.bump() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            Some('*') => {
                // ron's block comments nest.
                self.bump();
                let mut depth = 1;
                let mut previous = ' ';
                while depth > 0 {
                    let Some(c) = self.bump() else {
                        self.out.unclosed.get_or_insert(Unclosed::Comment(at));
                        return;
                    };
                    if previous == '*' && c == '/' {
                        depth -= 1;
                        previous = ' ';
                    } else if previous == '/' && c == '*' {
                        depth += 1;
                        previous = ' ';
                    } else {
                        previous = c;
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "(\n  id: \"a\",\n  // id: \"a\"\n  numbers: [\"0115\", \"999\"],\n  items: [(id: \"a\", text: \"x \\\" y\")],\n)";

    #[test]
    fn finds_each_occurrence_of_a_field_value_in_order() {
        let locator = Locator::scan(SOURCE);
        assert_eq!(locator.find("id", "a", 0), Some(Position { line: 2, col: 7 }));
        assert_eq!(locator.find("id", "a", 1), Some(Position { line: 5, col: 16 }));
        assert_eq!(locator.find("id", "a", 2), None);
    }

    #[test]
    fn list_members_take_the_field_of_their_list() {
        let locator = Locator::scan(SOURCE);
        assert_eq!(locator.find("numbers", "999", 0), Some(Position { line: 4, col: 21 }));
        assert_eq!(locator.find("text", "x \" y", 0), Some(Position { line: 5, col: 27 }));
    }

    #[test]
    fn escaped_strings_are_found_by_their_decoded_value() {
        let source = "(\n  title: \"caf\\u{e9} \\x41 \\\\ \\0\",\n  name: r#\"raw \"quoted\"\"#,\n)";
        let locator = Locator::scan(source);
        assert_eq!(locator.find("title", "café A \\ \0", 0), Some(Position { line: 2, col: 10 }));
        assert_eq!(locator.find("name", "raw \"quoted\"", 0), Some(Position { line: 3, col: 9 }));
        assert_eq!(locator.nul_in_string, Some(Position { line: 2, col: 10 }));
    }

    #[test]
    fn an_unclosed_block_comment_or_string_is_found_where_it_opens() {
        let comment = Locator::scan("(\n  id: \"a\", /* a /* nested */ comment\n  title: \"t\",\n)");
        assert_eq!(comment.unclosed, Some(Unclosed::Comment(Position { line: 2, col: 12 })));
        let string = Locator::scan("(\n  id: \"a\",\n  title: \"t,\n)");
        assert_eq!(string.unclosed, Some(Unclosed::String(Position { line: 3, col: 10 })));
    }

    #[test]
    fn a_string_that_runs_past_its_line_is_found_from_the_line_where_it_ends() {
        let locator = Locator::scan("(\n  title: \"t,\n  name: \"n\",\n)");
        assert_eq!(locator.runaway_string_before(Position { line: 3, col: 12 }), Some(Position { line: 2, col: 10 }));
    }
}
