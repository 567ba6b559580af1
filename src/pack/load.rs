//! Reading a pack file: bytes → UTF-8 → RON → validated [`Pack`], with every
//! problem reported as `path:line:col: message`.

use ron::extensions::Extensions;
use serde::de::DeserializeOwned;

use super::locate::{Locator, Position};
use super::model::Pack;
use super::validate::{Problem, Where, validate};
use crate::diagnostic::{Diagnostic, Diagnostics, decode_utf8, from_ron};

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
            if source.contains('\\')
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

/// Loads and validates a pack. `calendars` are the calendar ids a schedule
/// may name.
pub fn load_pack(path: &str, bytes: Vec<u8>, calendars: &[String]) -> Result<Pack, Diagnostics> {
    let (pack, source) = parse_ron::<Pack>(path, bytes)?;
    let problems = validate(&pack, calendars);
    if problems.is_empty() {
        // Built at load; a clone builds its own on first use.
        pack.catalog();
        return Ok(pack);
    }
    Err(locate_problems(path, &source, problems))
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
    diagnostics.sort_by_key(|d| (d.at.line, d.at.col));
    Diagnostics(diagnostics)
}
