//! The plumbing of every RON file dutygrid reads (packs, calendars, keymaps,
//! the config, scenarios): parsing with positions, problems found after
//! parsing, locating them in the source, and reporting them as
//! `path:line:col: message`. It knows no file kind, so packs, keymaps and
//! the rest depend on it and never on each other's loaders.

pub mod diagnostic;
pub mod locate;
pub mod problem;

use ron::extensions::Extensions;
use serde::de::DeserializeOwned;

use diagnostic::{Diagnostic, Diagnostics, decode_utf8, from_ron};
use locate::{Locator, Position};
use problem::{Problem, Where};

/// The RON dialect of pack, calendar and keymap files: `Some(…)` may be
/// left out around optional values, which makes files easier to write.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Parses any RON data file, reporting syntax and type errors with their
/// position. Nesting deeper than ron's recursion limit is an error, not a
/// stack overflow.
pub fn parse_ron<T: DeserializeOwned>(path: &str, bytes: Vec<u8>) -> Result<(T, String), Diagnostics> {
    let source = decode_utf8(path, bytes)?;
    match ron_options().from_str::<T>(&source) {
        Ok(value) => {
            // A NUL written as an escape would be dropped when shown, so the
            // screen would not show what the file says.
            if may_escape_nul(&source)
                && let Some(at) = Locator::scan(&source).nul_in_string
            {
                let message = "this string holds a NUL character (\\0 or \\u{0}), which is not allowed";
                return Err(Diagnostics(vec![Diagnostic { path: path.to_string(), at, message: message.into() }]));
            }
            Ok((value, source))
        }
        Err(err) => Err(Diagnostics(vec![from_ron(path, &source, &err)])),
    }
}

/// Whether any escape could write a NUL (`\0`, `\xHH`, `\u{…}`): the
/// full scan that says where is a pack's worth of work, and the shipped
/// packs escape only quotes, backslashes and line ends.
fn may_escape_nul(source: &str) -> bool {
    let mut bytes = source.bytes();
    while let Some(b) = bytes.next() {
        if b == b'\\' && matches!(bytes.next(), Some(b'0' | b'x' | b'u')) {
            return true;
        }
    }
    false
}

/// Gives each problem found after parsing its position in the source.
pub fn locate_problems(path: &str, source: &str, problems: Vec<Problem>) -> Diagnostics {
    let locator = Locator::scan(source);
    let mut diagnostics: Vec<Diagnostic> = problems
        .into_iter()
        .map(|p| {
            let at = match &p.at {
                Where::Value { field, value, nth } => locator
                    .find(field, value, *nth)
                    .or_else(|| locator.find(field, value, 0))
                    .or_else(|| locator.find_value(value)),
                Where::Key(name) => locator.find_key(name),
            };
            Diagnostic { path: path.to_string(), at: at.unwrap_or(Position::START), message: p.message }
        })
        .collect();
    crate::sort::sort_by_key(&mut diagnostics, |d| (d.at.line, d.at.col));
    Diagnostics(diagnostics)
}

#[cfg(test)]
mod tests {
    use super::may_escape_nul;

    #[test]
    fn only_an_escape_that_can_write_a_nul_asks_for_the_scan() {
        assert!(!may_escape_nul(r#"(text: "a \"quoted\" word, a \\ and a line\nend")"#));
        // An escaped backslash before a 0 is a backslash and a 0.
        assert!(!may_escape_nul(r#"(text: "C:\\0")"#));
        for nul in [r#"(text: "a\0")"#, r#"(text: "a\x00")"#, r#"(text: "a\u{0}")"#] {
            assert!(may_escape_nul(nul), "{nul}");
        }
    }
}
