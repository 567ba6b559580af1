//! The callers' vocabulary as search reads it. The file, its format and its
//! check (`pack check`, with positions) live in `pack::vocabulary`; search
//! only takes the phrases.

pub use crate::pack::vocabulary::{CALLERS, Phrase};

/// The shipped callers' phrases.
pub fn phrases() -> Vec<Phrase> {
    crate::pack::vocabulary::callers()
}
