//! Finds where a value sits in a RON file, so that errors found after parsing
//! (a duplicate id, a dangling link) can still say `path:line:col`.
//!
//! ron gives positions only for syntax and type errors. This scanner walks
//! the source once and records every string literal together with the field
//! it belongs to (`id: "x"`, or `numbers: ["…"]` for list members).

/// A 1-based line and column, as ron reports them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    pub line: usize,
    pub col: usize,
}

impl Position {
    pub const START: Position = Position { line: 1, col: 1 };
}

#[derive(Debug, Clone)]
struct Literal {
    field: String,
    value: String,
    at: Position,
}

/// Every string literal in a RON source, tagged with its field name.
#[derive(Debug, Clone, Default)]
pub struct Locator {
    literals: Vec<Literal>,
    keys: Vec<(String, Position)>,
}

impl Locator {
    pub fn scan(source: &str) -> Locator {
        Scanner::new(source).run()
    }

    /// Where the `nth` (0-based) literal `value` of `field` stands.
    pub fn find(&self, field: &str, value: &str, nth: usize) -> Option<Position> {
        self.literals.iter().filter(|l| l.field == field && l.value == value).nth(nth).map(|l| l.at)
    }

    /// Where the first field named `name` is written.
    pub fn find_key(&self, name: &str) -> Option<Position> {
        self.keys.iter().find(|(k, _)| k == name).map(|&(_, at)| at)
    }

    /// Where a literal `value` first stands, whatever its field.
    pub fn find_value(&self, value: &str) -> Option<Position> {
        self.literals.iter().find(|l| l.value == value).map(|l| l.at)
    }
}

struct Scanner<'a> {
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    line: usize,
    col: usize,
    /// The field name in force at each nesting depth.
    fields: Vec<String>,
    last_ident: Option<(String, Position)>,
    literals: Vec<Literal>,
    keys: Vec<(String, Position)>,
}

impl<'a> Scanner<'a> {
    fn new(source: &'a str) -> Self {
        Scanner {
            chars: source.char_indices().peekable(),
            line: 1,
            col: 1,
            fields: vec![String::new()],
            last_ident: None,
            literals: Vec::new(),
            keys: Vec::new(),
        }
    }

    fn bump(&mut self) -> Option<char> {
        let (_, c) = self.chars.next()?;
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn peek(&mut self) -> Option<char> {
        self.chars.peek().map(|&(_, c)| c)
    }

    fn here(&self) -> Position {
        Position { line: self.line, col: self.col }
    }

    fn current_field(&self) -> String {
        self.fields.last().cloned().unwrap_or_default()
    }

    fn run(mut self) -> Locator {
        while let Some(c) = self.peek() {
            match c {
                '"' => {
                    let at = self.here();
                    let value = self.string();
                    let field = self.current_field();
                    self.literals.push(Literal { field, value, at });
                    self.last_ident = None;
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
                        self.keys.push((name.clone(), at));
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
                    self.last_ident = Some((ident, at));
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
        Locator { literals: self.literals, keys: self.keys }
    }

    fn string(&mut self) -> String {
        self.bump();
        let mut value = String::new();
        while let Some(c) = self.bump() {
            match c {
                '"' => break,
                '\\' => match self.bump() {
                    Some('n') => value.push('\n'),
                    Some('t') => value.push('\t'),
                    Some(other) => value.push(other),
                    None => break,
                },
                other => value.push(other),
            }
        }
        value
    }

    fn comment(&mut self) {
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
                self.bump();
                let mut previous = ' ';
                while let Some(c) = self.bump() {
                    if previous == '*' && c == '/' {
                        break;
                    }
                    previous = c;
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
}
