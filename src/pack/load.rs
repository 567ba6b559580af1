//! Reading a pack file: bytes → UTF-8 → RON → validated [`Pack`], with every
//! problem reported as `path:line:col: message`.

use super::model::Pack;
use super::validate::validate;
use crate::source::diagnostic::Diagnostics;
use crate::source::{locate_problems, parse_ron};

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
