//! Problems found in a user's file, reported as `path:line:col: message`.

use std::fmt;

use crate::pack::locate::Position;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: String,
    pub at: Position,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.path, self.at.line, self.at.col, self.message)
    }
}

/// Every problem found in one file; loading stops if there is any.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

/// Decodes file bytes as UTF-8, or says where the first bad byte is.
pub fn decode_utf8(path: &str, bytes: Vec<u8>) -> Result<String, Diagnostics> {
    String::from_utf8(bytes).map_err(|err| {
        let valid = err.utf8_error().valid_up_to();
        let before = String::from_utf8_lossy(&err.as_bytes()[..valid]).into_owned();
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Diagnostics(vec![Diagnostic {
            path: path.to_string(),
            at: Position { line, col },
            message: "the file is not valid UTF-8 text (save it as UTF-8)".into(),
        }])
    })
}

/// Turns a ron parse or type error into a diagnostic at its position.
pub fn from_ron(path: &str, err: &ron::error::SpannedError) -> Diagnostic {
    let start = err.span.start;
    Diagnostic {
        path: path.to_string(),
        at: Position { line: start.line.max(1), col: start.col.max(1) },
        message: err.code.to_string(),
    }
}
