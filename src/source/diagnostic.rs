//! Problems found in a user's file, reported as `path:line:col: message`.

use std::fmt;

use super::locate::{Locator, Position, Unclosed};
use crate::text::clean_line;

/// How many problems of one file are shown; the rest are counted. A file
/// with thousands of mistakes needs its first ones fixed, not a flood.
pub const SHOWN_PROBLEMS: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: String,
    /// [`Position::NONE`] for a problem with the whole file (it cannot be read).
    pub at: Position,
    pub message: String,
}

impl Diagnostic {
    /// A problem with the file as a whole, shown as `path: message`.
    pub fn whole_file(path: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic { path: path.to_string(), at: Position::NONE, message: message.into() }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A file name can hold escape sequences that would retitle the
        // window or clear the screen; messages quote file contents too.
        let path = clean_line(&self.path);
        let message = clean_line(&self.message);
        if self.at == Position::NONE {
            write!(f, "{path}: {message}")
        } else {
            write!(f, "{path}:{}:{}: {message}", self.at.line, self.at.col)
        }
    }
}

/// Every problem found in one file; loading stops if there is any.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn whole_file(path: &str, message: impl Into<String>) -> Diagnostics {
        Diagnostics(vec![Diagnostic::whole_file(path, message)])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().take(SHOWN_PROBLEMS).enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        if let (Some(first), Some(more)) = (self.0.first(), self.0.len().checked_sub(SHOWN_PROBLEMS))
            && more > 0
        {
            let plural = if more == 1 { "problem" } else { "problems" };
            write!(f, "\n{}: … and {more} more {plural}", clean_line(&first.path))?;
        }
        Ok(())
    }
}

/// The 1-based position just after `before`.
fn position_after(before: &str) -> Position {
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Position { line, col }
}

/// Decodes file bytes as UTF-8 without a byte-order mark, or says where the
/// first bad byte or NUL is.
pub fn decode_utf8(path: &str, mut bytes: Vec<u8>) -> Result<String, Diagnostics> {
    // Some Windows editors start UTF-8 files with a BOM; it is not content,
    // and positions count from after it.
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    let source = String::from_utf8(bytes).map_err(|err| {
        let valid = err.utf8_error().valid_up_to();
        let before = String::from_utf8_lossy(&err.as_bytes()[..valid]).into_owned();
        Diagnostics(vec![Diagnostic {
            path: path.to_string(),
            at: position_after(&before),
            message: "the file is not valid UTF-8 text (save it as UTF-8)".into(),
        }])
    })?;
    if let Some(offset) = source.find('\0') {
        return Err(Diagnostics(vec![Diagnostic {
            path: path.to_string(),
            at: position_after(&source[..offset]),
            message: "a NUL character (byte 0) is not allowed in the file".into(),
        }]));
    }
    Ok(source)
}

/// Turns a ron parse or type error into a diagnostic at its position. Where
/// ron points past the real mistake (a comment or string never closed), the
/// diagnostic points at where it opens.
pub fn from_ron(path: &str, source: &str, err: &ron::error::SpannedError) -> Diagnostic {
    let start = err.span.start;
    let at = Position { line: start.line.max(1), col: start.col.max(1) };
    let mut diagnostic = Diagnostic { path: path.to_string(), at, message: err.code.to_string() };
    let locator = Locator::scan(source);
    let before_error = |p: Position| (p.line, p.col) <= (at.line, at.col);
    if let (ron::Error::UnclosedBlockComment, Some(Unclosed::Comment(opened))) = (&err.code, locator.unclosed) {
        diagnostic.at = opened;
        diagnostic.message = "this block comment is never closed with */".into();
    } else if let Some(opened) = locator.runaway_string_before(at) {
        // A string missing its closing quote swallows the line end and
        // ron stumbles on the next line.
        diagnostic.message = format!(
            "{} at {}:{} — is the closing \" of the string that starts here missing?",
            err.code, at.line, at.col
        );
        diagnostic.at = opened;
    } else if let Some(Unclosed::String(opened)) =
        locator.unclosed.filter(|u| matches!(u, Unclosed::String(p) if before_error(*p)))
    {
        diagnostic.at = opened;
        diagnostic.message = format!("this string is never closed with \" ({})", err.code);
    }
    diagnostic
}
